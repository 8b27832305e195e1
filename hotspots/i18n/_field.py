"""Messages of the field app (``/falt``), its checklist and the walk summary."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # ---------------------------------------------------------------- checklist file
    "field.checklist_not_found": {
        "sv": "{file}: checklistan finns inte",
        "en": "{file}: checklist not found",
    },
    "field.checklist_not_toml": {
        "sv": "{file}: checklistan går inte att läsa som TOML ({detail})",
        "en": "{file}: the checklist is not valid TOML ({detail})",
    },
    "field.checklist_missing": {
        "sv": "{file}: {where} saknar '{key}'",
        "en": "{file}: {where} has no '{key}'",
    },
    "field.checklist_parameter": {
        "sv": "{file}: okänd parameter '{value}' (tillåtna: {allowed})",
        "en": "{file}: unknown parameter '{value}' (allowed: {allowed})",
    },
    "field.checklist_duplicate": {
        "sv": "{file}: punkten '{value}' finns två gånger",
        "en": "{file}: item '{value}' appears twice",
    },
    "field.checklist_category": {
        "sv": "{file}: punkten '{item}' har kategorin '{value}', som inte är en "
        "observationskategori i katalogen ({allowed})",
        "en": "{file}: item '{item}' has category '{value}', which is not an observation "
        "category of the catalogue ({allowed})",
    },
    "field.checklist_no_items": {
        "sv": "{file}: gruppen '{group}' har inga punkter",
        "en": "{file}: group '{group}' has no items",
    },
    "field.checklist_groups": {
        "sv": "{file}: grupperna ska vara de nio parametrarna en gång var "
        "(saknas: {missing}; dubbla: {twice})",
        "en": "{file}: the groups must be the nine parameters once each "
        "(missing: {missing}; twice: {twice})",
    },
    # ---------------------------------------------------------------- the page
    "field.title": {"sv": "Trygghetsvandring", "en": "Safety walk"},
    "field.app_name": {"sv": "Trygghetsvandring – hotspots", "en": "Safety walk – hotspots"},
    "field.app_short_name": {"sv": "Trygghetsvandring", "en": "Safety walk"},
    "field.forbidden": {
        "sv": "Fältappen är för fältpersonal och analytiker (din roll: {role}).",
        "en": "The field app is for field staff and analysts (your role: {role}).",
    },
    "field.other_language": {"sv": "English", "en": "Svenska"},
    "field.logout": {"sv": "Logga ut", "en": "Log out"},
    "field.logged_in_as": {"sv": "Inloggad som {name}", "en": "Logged in as {name}"},
    "field.start_walk": {"sv": "Starta en vandring", "en": "Start a walk"},
    "field.area": {"sv": "Område", "en": "Area"},
    "field.date": {"sv": "Datum", "en": "Date"},
    "field.participants": {"sv": "Antal deltagare", "en": "Number of participants"},
    "field.start": {"sv": "Starta", "en": "Start"},
    "field.continue_walk": {"sv": "Fortsätt en vandring", "en": "Continue a walk"},
    "field.no_walks": {"sv": "Inga vandringar ännu.", "en": "No walks yet."},
    "field.summary_link": {"sv": "Sammanställning", "en": "Summary"},
    "field.leave_walk": {"sv": "Byt vandring", "en": "Change walk"},
    "field.use_gps": {"sv": "Använd GPS-positionen", "en": "Use the GPS position"},
    "field.checklist": {"sv": "Vad gäller det?", "en": "What is it about?"},
    "field.choose_item": {"sv": "Välj i checklistan …", "en": "Choose from the checklist …"},
    "field.severity": {"sv": "Allvarlighet", "en": "Severity"},
    "field.severity_1": {"sv": "Liten", "en": "Minor"},
    "field.severity_2": {"sv": "Måttlig", "en": "Moderate"},
    "field.severity_3": {"sv": "Allvarlig", "en": "Serious"},
    "field.note": {"sv": "Anteckning", "en": "Note"},
    "field.photos": {"sv": "Foton", "en": "Photos"},
    "field.nearby": {
        "sv": "Det finns redan öppna observationer av samma slag inom 50 m:",
        "en": "There are open observations of the same kind within 50 m:",
    },
    "field.save_anyway": {"sv": "Spara ändå", "en": "Save anyway"},
    "field.cancel": {"sv": "Avbryt", "en": "Cancel"},
    "field.save": {"sv": "Spara observation", "en": "Save observation"},
    "field.walk_observations": {
        "sv": "Observationer på vandringen",
        "en": "Observations on this walk",
    },
    # ---------------------------------------------------------------- texts of the script
    "field.login_again": {
        "sv": "Inloggningen har gått ut: logga in igen (det som väntar sparas på telefonen).",
        "en": "The login has expired: log in again (what is waiting stays on the phone).",
    },
    "field.waiting": {
        "sv": "Väntar på att skickas: {observations} observationer, {photos} foton",
        "en": "Waiting to be sent: {observations} observations, {photos} photos",
    },
    "field.all_sent": {"sv": "Allt är skickat.", "en": "Everything has been sent."},
    "field.failed": {
        "sv": "{n} kunde inte tas emot av servern.",
        "en": "{n} could not be accepted by the server.",
    },
    "field.online": {"sv": "uppkopplad", "en": "online"},
    "field.offline": {"sv": "ingen uppkoppling", "en": "offline"},
    "field.refused": {"sv": "Avvisad: {reason}", "en": "Refused: {reason}"},
    "field.sent": {"sv": "skickad", "en": "sent"},
    "field.not_sent": {"sv": "väntar på att skickas", "en": "waiting to be sent"},
    "field.photos_sent": {
        "sv": "foton skickade: {sent} av {n}",
        "en": "photos sent: {sent} of {n}",
    },
    "field.photo_refused": {
        "sv": "Ett foto avvisades: {reason}",
        "en": "A photo was refused: {reason}",
    },
    "field.area_needed": {
        "sv": "Skriv vilket område ni går i.",
        "en": "Enter the area you walk in.",
    },
    "field.position_map": {
        "sv": "Position vald på kartan.",
        "en": "Position chosen on the map.",
    },
    "field.position_denied": {
        "sv": "Ingen GPS-position ({reason}): tryck på kartan där observationen är.",
        "en": "No GPS position ({reason}): tap the map where the observation is.",
    },
    "field.position_inaccurate": {
        "sv": "GPS-positionen är osäker (± {m} m): tryck på kartan där observationen är.",
        "en": "The GPS position is inaccurate (± {m} m): tap the map where the observation is.",
    },
    "field.position_gps": {
        "sv": "Position från GPS (± {m} m).",
        "en": "Position from GPS (± {m} m).",
    },
    "field.position_searching": {
        "sv": "Söker GPS-position …",
        "en": "Looking for a GPS position …",
    },
    "field.position_needed": {
        "sv": "Ingen position ännu: tryck på kartan där observationen är.",
        "en": "No position yet: tap the map where the observation is.",
    },
    "field.no_gps": {"sv": "telefonen saknar GPS", "en": "the phone has no GPS"},
    "field.gps_denied": {"sv": "åtkomst nekad", "en": "access denied"},
    "field.gps_unavailable": {"sv": "ingen signal", "en": "no signal"},
    "field.photo_unreadable": {
        "sv": "{name}: bilden går inte att läsa.",
        "en": "{name}: the image cannot be read.",
    },
    "field.photo_too_large": {
        "sv": "{name}: bilden är för stor även förminskad (högst {mb} MB).",
        "en": "{name}: the image is too large even when reduced (at most {mb} MB).",
    },
    "field.remove_photo": {"sv": "Ta bort fotot", "en": "Remove the photo"},
    "field.item_needed": {"sv": "Välj en punkt i checklistan.", "en": "Choose a checklist item."},
    "field.metres_away": {"sv": "{m} m bort", "en": "{m} m away"},
    "field.saved": {"sv": "Sparad.", "en": "Saved."},
    "field.saved_offline": {
        "sv": "Sparad på telefonen: skickas när uppkopplingen är tillbaka.",
        "en": "Saved on the phone: it will be sent when the connection is back.",
    },
    "field.not_saved": {"sv": "Inte sparad.", "en": "Not saved."},
    # ---------------------------------------------------------------- walk summary
    "field.summary_title": {"sv": "Vandring: {name}", "en": "Walk: {name}"},
    "field.col_time": {"sv": "Tid", "en": "Time"},
    "field.col_category": {"sv": "Kategori", "en": "Category"},
    "field.col_severity": {"sv": "Allvarlighet", "en": "Severity"},
    "field.col_status": {"sv": "Status", "en": "Status"},
    "field.col_place": {"sv": "Plats", "en": "Place"},
    "field.col_note": {"sv": "Anteckning", "en": "Note"},
    "field.col_photos": {"sv": "Foton", "en": "Photos"},
    "field.col_count": {"sv": "Observationer", "en": "Observations"},
    "field.no_observations": {
        "sv": "Inga observationer på vandringen ännu.",
        "en": "No observations on this walk yet.",
    },
    "field.download_csv": {"sv": "Ladda ned CSV", "en": "Download CSV"},
    "field.download_geojson": {"sv": "Ladda ned GeoJSON", "en": "Download GeoJSON"},
    "field.back_to_app": {"sv": "Till fältappen", "en": "Back to the field app"},
}
