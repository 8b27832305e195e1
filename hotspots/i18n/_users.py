"""Messages of the users area: users, API tokens, login, the audit log."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # ---------------------------------------------------------------- store errors
    "users.bad_name": {
        "sv": "ogiltigt användarnamn {name!r}: 1–{max} skrivbara tecken",
        "en": "invalid user name {name!r}: 1–{max} printable characters",
    },
    "users.bad_label": {
        "sv": "ogiltig etikett: högst {max} skrivbara tecken",
        "en": "invalid label: at most {max} printable characters",
    },
    "users.exists": {
        "sv": "användaren '{name}' finns redan (ett namn återanvänds aldrig, "
        "inte heller efter spärr)",
        "en": "user '{name}' already exists (a name is never reused, not even after revoking)",
    },
    "users.not_found": {
        "sv": "användaren '{name}' finns inte (se `hotspots users list`)",
        "en": "no user '{name}' (see `hotspots users list`)",
    },
    "users.is_revoked": {
        "sv": "användaren '{name}' är spärrad och får inga nya API-nycklar",
        "en": "user '{name}' is revoked and gets no new API tokens",
    },
    "users.token_id_not_found": {
        "sv": "ingen API-nyckel med id {id} (se `hotspots users list --tokens`)",
        "en": "no API token with id {id} (see `hotspots users list --tokens`)",
    },
    "users.token_not_found": {
        "sv": "okänd API-nyckel",
        "en": "unknown API token",
    },
    # ---------------------------------------------------------------- CLI
    "users.added": {
        "sv": "användaren {name} ({role}) är tillagd",
        "en": "user {name} ({role}) added",
    },
    "users.token_issued": {
        "sv": "ny API-nyckel för {name}",
        "en": "new API token for {name}",
    },
    "users.token_line": {
        "sv": "API-nyckel: {token}",
        "en": "API token: {token}",
    },
    "users.token_note": {
        "sv": "Nyckeln visas bara nu: den sparas inte och kan inte visas igen. "
        "Skicka den som `Authorization: Bearer <nyckel>` eller logga in med den på /logga-in.",
        "en": "The token is shown only now: it is not stored and cannot be shown again. "
        "Send it as `Authorization: Bearer <token>` or log in with it at /logga-in.",
    },
    "users.revoked": {
        "sv": "användaren {name} är spärrad; {n} API-nycklar återkallade",
        "sv_one": "användaren {name} är spärrad; {n} API-nyckel återkallad",
        "en": "user {name} revoked; {n} API tokens revoked",
        "en_one": "user {name} revoked; {n} API token revoked",
    },
    "users.token_revoked": {
        "sv": "API-nyckel {id} är återkallad",
        "en": "API token {id} revoked",
    },
    "users.none": {
        "sv": "inga användare ännu: lägg till en med `hotspots users add NAMN --role analyst`",
        "en": "no users yet: add one with `hotspots users add NAME --role analyst`",
    },
    "users.title": {
        "sv": "{n} användare",
        "en": "{n} users",
        "en_one": "{n} user",
    },
    "users.tokens_title": {
        "sv": "{n} API-nycklar",
        "sv_one": "{n} API-nyckel",
        "en": "{n} API tokens",
        "en_one": "{n} API token",
    },
    "users.no_tokens": {
        "sv": "inga API-nycklar ännu",
        "en": "no API tokens yet",
    },
    "users.audit_title": {
        "sv": "granskningsloggen: de {n} senaste händelserna",
        "sv_one": "granskningsloggen: {n} händelse",
        "en": "audit log: the latest {n} entries",
        "en_one": "audit log: {n} entry",
    },
    "users.audit_none": {
        "sv": "granskningsloggen har inga händelser",
        "en": "the audit log has no entries",
    },
    "users.col_id": {"sv": "id", "en": "id"},
    "users.col_name": {"sv": "namn", "en": "name"},
    "users.col_role": {"sv": "roll", "en": "role"},
    "users.col_created": {"sv": "skapad", "en": "created"},
    "users.col_tokens": {"sv": "nycklar", "en": "tokens"},
    "users.col_last_used": {"sv": "senast använd", "en": "last used"},
    "users.col_revoked": {"sv": "spärrad", "en": "revoked"},
    "users.col_label": {"sv": "etikett", "en": "label"},
    "users.col_user": {"sv": "användare", "en": "user"},
    "users.col_at": {"sv": "tid", "en": "time"},
    "users.col_action": {"sv": "händelse", "en": "action"},
    "users.col_target": {"sv": "mål", "en": "target"},
    "users.col_ip": {"sv": "ip-adress", "en": "IP address"},
    # ---------------------------------------------------------------- serve
    "users.first_admin": {
        "sv": "Första start: administratören '{name}' är skapad. Logga in på {url} med "
        "API-nyckeln nedan; den visas bara nu.",
        "en": "First start: the administrator '{name}' was created. Log in at {url} with "
        "the API token below; it is shown only now.",
    },
    "users.auth_off": {
        "sv": "`HOTSPOTS_AUTH=off`: alla anrop räknas som administratören 'lokal', utan "
        "inloggning. Bara för en dator med en enda användare.",
        "en": "`HOTSPOTS_AUTH=off`: every caller counts as the administrator 'lokal', "
        "without login. Only for a single-user computer.",
    },
    # ---------------------------------------------------------------- API
    "auth.required": {
        "sv": "inloggning krävs: logga in på /logga-in eller skicka "
        "`Authorization: Bearer <nyckel>`",
        "en": "login required: log in at /logga-in or send `Authorization: Bearer <token>`",
    },
    "auth.forbidden": {
        "sv": "rollen {role} får inte göra detta",
        "en": "role {role} may not do this",
    },
    "auth.bad_token": {
        "sv": "ogiltig eller återkallad API-nyckel: logga in igen på /logga-in",
        "en": "invalid or revoked API token: log in again at /logga-in",
    },
    "auth.bad_header": {
        "sv": "`Authorization` ska ha formen `Bearer <nyckel>`",
        "en": "`Authorization` must have the form `Bearer <token>`",
    },
    # ---------------------------------------------------------------- login page
    "login.title": {"sv": "Logga in", "en": "Log in"},
    "login.intro": {
        "sv": "Logga in med din API-nyckel. En administratör skapar en med "
        "`hotspots users token NAMN`.",
        "en": "Log in with your API token. An administrator creates one with "
        "`hotspots users token NAME`.",
    },
    "login.token_label": {"sv": "API-nyckel", "en": "API token"},
    "login.submit": {"sv": "Logga in", "en": "Log in"},
    "login.failed": {
        "sv": "Fel, spärrad eller återkallad API-nyckel: försök igen.",
        "en": "Wrong, revoked or withdrawn API token: try again.",
    },
    "login.logged_in_as": {
        "sv": "Inloggad som {name} ({role}).",
        "en": "Logged in as {name} ({role}).",
    },
    "login.logout": {"sv": "Logga ut", "en": "Log out"},
    "login.logged_out": {"sv": "Du är utloggad.", "en": "You are logged out."},
    "login.start_page": {"sv": "Till startsidan", "en": "To the start page"},
    "login.auth_off": {
        "sv": "Inloggningen är avstängd (`HOTSPOTS_AUTH=off`): alla räknas som administratör.",
        "en": "Login is switched off (`HOTSPOTS_AUTH=off`): everyone counts as administrator.",
    },
}
