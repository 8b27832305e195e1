"""Who is asking: bearer tokens, the session cookie, the role check, login page, audit log."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Annotated

import pytest
from fastapi import Depends, FastAPI, Request
from fastapi.testclient import TestClient

from api.auth import (
    ANONYMOUS,
    LOCAL_ADMIN,
    SESSION_COOKIE,
    Principal,
    audit,
    current_principal,
    require_role,
)
from api.errors import add_error_handlers
from api.main import create_app
from api.routes.login import local_path
from hotspots.domain import ROLES
from hotspots.settings import get_settings
from hotspots.store import Store
from hotspots.store.users import (
    add_user_with_token,
    audit_entries,
    issue_token,
    revoke_token,
    revoke_user,
)


def tiny_app() -> FastAPI:
    """A throwaway app with one endpoint per role rule (and one that audits)."""
    app = FastAPI()
    app.state.stores = {}
    add_error_handlers(app)

    @app.get("/who")
    def who(p: Annotated[Principal, Depends(current_principal)]) -> dict:
        return {"id": p.id, "name": p.name, "role": p.role, "anonymous": p.anonymous}

    @app.get("/public")
    def public(p: Annotated[Principal, Depends(require_role("public"))]) -> dict:
        return {"role": p.role}

    @app.get("/analyst")
    def analyst(p: Annotated[Principal, Depends(require_role("analyst"))]) -> dict:
        return {"role": p.role}

    @app.get("/field-or-leadership")
    def field(p: Annotated[Principal, Depends(require_role("field", "leadership"))]) -> dict:
        return {"role": p.role}

    @app.get("/admin")
    def admin(p: Annotated[Principal, Depends(require_role())]) -> dict:
        return {"role": p.role}

    @app.get("/export")
    def export(request: Request, p: Annotated[Principal, Depends(require_role("analyst"))]) -> dict:
        audit(request, p, "export.geojson", "incidents", {"features": 2})
        return {"ok": True}

    return app


def _use_database(monkeypatch, store: Store) -> None:
    monkeypatch.setenv(
        "HOTSPOTS_DATABASE_URL", store.engine.url.render_as_string(hide_password=False)
    )
    get_settings.cache_clear()


@pytest.fixture
def people(store, monkeypatch) -> dict[str, str]:
    """One user per role (named after it) on each backend: role -> token."""
    _use_database(monkeypatch, store)
    return {role: add_user_with_token(store, role, role)[1] for role in ROLES}


@pytest.fixture
def tiny():
    with TestClient(tiny_app()) as c:
        yield c


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _one_line_401(r) -> str:
    assert r.status_code == 401, r.text
    detail = r.json()["detail"]
    assert isinstance(detail, str) and "\n" not in detail
    assert r.headers["www-authenticate"].startswith("Bearer")
    return detail


# ------------------------------------------------------------------------------ identity
def test_bearer_token_gives_the_users_role(people, tiny, store):
    for role, token in people.items():
        body = tiny.get("/who", headers=bearer(token)).json()
        assert (body["name"], body["role"], body["anonymous"]) == (role, role, False)


def test_no_credentials_is_the_anonymous_public(people, tiny):
    body = tiny.get("/who").json()
    assert body == {"id": None, "name": ANONYMOUS.name, "role": "public", "anonymous": True}


@pytest.mark.parametrize(
    "header",
    ["Bearer not-a-token", "Basic YW5uYTpzZWNyZXQ=", "Bearer", "Bearer    ", "token abc"],
)
def test_bad_credentials_are_401_not_anonymous(people, tiny, header):
    detail = _one_line_401(tiny.get("/who", headers={"Authorization": header}))
    assert "API-nyckel" in detail or "Authorization" in detail
    assert _one_line_401(tiny.get("/public", headers={"Authorization": header}))


def test_revoked_token_and_revoked_user_are_401(people, tiny, store):
    revoke_token(store, people["analyst"])
    detail = _one_line_401(tiny.get("/who", headers=bearer(people["analyst"])))
    assert detail == "ogiltig eller återkallad API-nyckel: logga in igen på /logga-in"
    fresh = issue_token(store, "field")
    assert tiny.get("/who", headers=bearer(fresh)).json()["role"] == "field"
    revoke_user(store, "field")
    _one_line_401(tiny.get("/who", headers=bearer(fresh)))
    _one_line_401(tiny.get("/who", headers=bearer(people["field"])))


def test_session_cookie_holds_a_token(people, tiny):
    tiny.cookies.set(SESSION_COOKIE, people["leadership"])
    assert tiny.get("/who").json()["role"] == "leadership"
    # a header wins over the cookie
    assert tiny.get("/who", headers=bearer(people["analyst"])).json()["role"] == "analyst"


def test_stale_cookie_is_401_and_cleared(people, tiny):
    tiny.cookies.set(SESSION_COOKIE, "stale")
    r = tiny.get("/who")
    _one_line_401(r)
    assert r.headers["set-cookie"].startswith(f"{SESSION_COOKIE}=;")
    assert "Max-Age=0" in r.headers["set-cookie"]


# ------------------------------------------------------------------------------ the matrix
ALLOWED = {
    "/public": set(ROLES),  # everyone: what anonymous callers see, users see too
    "/analyst": {"admin", "analyst"},
    "/field-or-leadership": {"admin", "field", "leadership"},
    "/admin": {"admin"},
}


@pytest.mark.parametrize("path", sorted(ALLOWED))
@pytest.mark.parametrize("who", [*ROLES, "anonymous"])
def test_role_matrix(people, tiny, path, who):
    headers = {} if who == "anonymous" else bearer(people[who])
    r = tiny.get(path, headers=headers)
    if who in ALLOWED[path] or (who == "anonymous" and "public" in ALLOWED[path]):
        assert r.status_code == 200, r.text
    elif who == "anonymous":
        assert _one_line_401(r).startswith("inloggning krävs")
    else:
        assert r.status_code == 403, r.text
        assert r.json()["detail"] == f"rollen {who} får inte göra detta"


def test_require_role_refuses_unknown_roles():
    with pytest.raises(ValueError, match="chef"):
        require_role("chef")


def test_principal_properties():
    assert ANONYMOUS.anonymous and not ANONYMOUS.full_detail
    assert not LOCAL_ADMIN.anonymous and LOCAL_ADMIN.full_detail
    assert Principal(3, "a", "analyst").full_detail
    assert not Principal(4, "l", "leadership").full_detail


# ------------------------------------------------------------------------------ audit
def test_audit_helper_records_who_what_and_from_where(people, tiny, store):
    assert tiny.get("/export", headers=bearer(people["analyst"])).json() == {"ok": True}
    (entry,) = audit_entries(store)
    assert (entry["user_name"], entry["role"], entry["action"], entry["target"]) == (
        "analyst",
        "analyst",
        "export.geojson",
        "incidents",
    )
    assert entry["user_id"] is not None and entry["detail"] == {"features": 2}
    assert entry["ip"] == "testclient"
    assert tiny.get("/export").status_code == 401
    assert len(audit_entries(store)) == 1  # refused requests export nothing


# ------------------------------------------------------------------------------ auth off
def test_auth_off_makes_everyone_the_local_admin(sqlite_store, monkeypatch, tiny):
    monkeypatch.setenv("HOTSPOTS_AUTH", "off")
    get_settings.cache_clear()
    body = tiny.get("/who").json()
    assert (body["id"], body["name"], body["role"]) == (0, "lokal", "admin")
    assert tiny.get("/admin", headers={"Authorization": "Bearer junk"}).status_code == 200
    tiny.get("/export")
    (entry,) = audit_entries(sqlite_store)
    assert (entry["user_id"], entry["user_name"], entry["role"]) == (None, "lokal", "admin")


def test_auth_is_on_by_default(settings):
    assert settings.auth == "on" and not settings.auth_off


# ------------------------------------------------------------------------------ login page
class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def _tags(html: str) -> list[tuple[str, dict]]:
    p = _Tags()
    p.feed(html)
    return p.tags


@pytest.fixture
def client():
    with TestClient(create_app()) as c:
        yield c


def test_login_form_is_swedish_offline_and_escaped(sqlite_store, client):
    r = client.get("/logga-in", params={"next": '/karta?"><script>alert(1)</script>'})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "<script>" not in r.text and 'lang="sv"' in r.text
    assert "Logga in" in r.text and "API-nyckel" in r.text
    tags = _tags(r.text)
    (form,) = [a for t, a in tags if t == "form"]
    assert (form["method"], form["action"]) == ("post", "/logga-in")
    inputs = {a["name"]: a for t, a in tags if t == "input"}
    assert inputs["token"]["type"] == "password"
    assert inputs["next"]["value"] == '/karta?"><script>alert(1)</script>'
    for _, attrs in tags:  # nothing from another site
        for key in ("src", "href"):
            assert not (attrs.get(key) or "").startswith(("http:", "https:", "//"))


def test_login_sets_the_session_cookie_and_redirects(sqlite_store, client):
    _, token = add_user_with_token(sqlite_store, "anna", "analyst")
    r = client.post(
        "/logga-in", data={"token": token, "next": "/karta?vecka=47"}, follow_redirects=False
    )
    assert r.status_code == 303 and r.headers["location"] == "/karta?vecka=47"
    cookie = r.headers["set-cookie"]
    assert cookie.startswith(f"{SESSION_COOKIE}={token};")
    assert "HttpOnly" in cookie and "samesite=lax" in cookie.lower()
    assert "secure" not in cookie.lower()  # plain http on the test server
    page = client.get("/logga-in").text  # the cookie jar now sends the session
    assert "Inloggad som anna (analyst)." in page and 'href="/logga-ut"' in page
    (entry,) = audit_entries(sqlite_store, action="login")
    assert (entry["user_name"], entry["action"], entry["detail"]) == (
        "anna",
        "login",
        {"next": "/karta?vecka=47"},
    )


@pytest.mark.parametrize(
    "next_path", ["//evil.example/x", "https://evil.example/", "/\\evil.example", "karta", ""]
)
def test_login_never_redirects_to_another_site(sqlite_store, client, next_path):
    _, token = add_user_with_token(sqlite_store, "anna", "analyst")
    r = client.post("/logga-in", data={"token": token, "next": next_path}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/"


def test_local_path():
    assert local_path("/rapport?vecka=2026-W47#x") == "/rapport?vecka=2026-W47#x"
    for bad in (None, "", "//x", "/\\x", "http://x/", "javascript:alert(1)", "/a\nb", "/" * 3000):
        assert local_path(bad) == "/"


def test_wrong_token_shows_the_form_again_with_401(sqlite_store, client):
    add_user_with_token(sqlite_store, "anna", "analyst")
    for data in ({"token": "wrong"}, {"token": ""}, {}):
        r = client.post("/logga-in", data=data, follow_redirects=False)
        assert r.status_code == 401 and "set-cookie" not in r.headers
        assert "Fel, spärrad eller återkallad API-nyckel" in r.text
        assert any(t == "form" for t, _ in _tags(r.text))
    entries = audit_entries(sqlite_store, action="login")
    assert {e["action"] for e in entries} == {"login.failed"}
    assert all(e["user_id"] is None and e["ip"] == "testclient" for e in entries)


def test_logout_clears_the_cookie(sqlite_store, client):
    _, token = add_user_with_token(sqlite_store, "anna", "analyst")
    client.post("/logga-in", data={"token": token}, follow_redirects=False)
    r = client.get("/logga-ut")
    assert r.status_code == 200 and "Du är utloggad." in r.text
    assert r.headers["set-cookie"].startswith(f'{SESSION_COOKIE}="";')
    assert "Max-Age=0" in r.headers["set-cookie"]
    assert SESSION_COOKIE not in client.cookies
    assert "Inloggad som" not in client.get("/logga-in").text
    assert [e["action"] for e in audit_entries(sqlite_store)] == ["logout", "login"]
