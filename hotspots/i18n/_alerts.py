"""Messages of the alerts (geographic deviation) area."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # -- bad input
    "alerts.bad_history": {
        "sv": "antal veckor bakåt (weeks_history) måste vara ett heltal ≥ 1: fick {value!r}",
        "en": "the weeks of history (weeks_history) must be an integer ≥ 1: got {value!r}",
    },
    "alerts.bad_alpha": {
        "sv": "alpha måste ligga mellan 0 och 1: fick {value!r}",
        "en": "alpha must lie between 0 and 1: got {value!r}",
    },
    "alerts.bad_cell_size": {
        "sv": "cellstorleken måste vara ett positivt antal meter: fick {value!r}",
        "en": "the cell size must be a positive number of metres: got {value!r}",
    },
    "alerts.bad_status": {
        "sv": "status {value!r} finns inte för en avvikelse: tillåtna värden är {allowed}",
        "en": "status {value!r} does not exist for an alert: allowed values are {allowed}",
    },
    "alerts.not_found": {
        "sv": "det finns ingen avvikelse med id {id}: se hotspots alerts list",
        "en": "there is no alert with id {id}: see hotspots alerts list",
    },
    "alerts.note_required": {
        "sv": 'en kvittering behöver en beslutsanteckning, t.ex. "Beslut: extra patrull"',
        "en": 'an acknowledgement needs a decision note, e.g. "Beslut: extra patrull"',
    },
    # -- the text of an alert (CLI, e-mail)
    "alerts.kind_count": {
        "sv": "fler händelser än väntat",
        "en": "more incidents than expected",
    },
    "alerts.kind_emerging": {
        "sv": "ny eller växande het punkt",
        "en": "new or intensifying hotspot",
    },
    "alerts.where_point": {
        "sv": "{kommun}, kring {lat:.5f} N {lon:.5f} E",
        "en": "{kommun}, around {lat:.5f} N {lon:.5f} E",
    },
    "alerts.text": {
        "sv": "Avvikelse {id} ({kind}), vecka {week}\n  Var: {where}\n  Vad: {what}\n"
        "  Observerat {observed} händelser, väntat {expected:.1f} (p = {p}, q = {q})\n"
        "  Karta: {link}",
        "en": "Alert {id} ({kind}), week {week}\n  Where: {where}\n  What: {what}\n"
        "  Observed {observed} incidents, expected {expected:.1f} (p = {p}, q = {q})\n"
        "  Map: {link}",
    },
    "alerts.mail_subject": {
        "sv": "Geografisk avvikelse: {n} nya larm vecka {week}",
        "sv_one": "Geografisk avvikelse: {n} nytt larm vecka {week}",
        "en": "Geographic deviation: {n} new alerts week {week}",
        "en_one": "Geographic deviation: {n} new alert week {week}",
    },
    "alerts.mail_intro": {
        "sv": "Hotspots har hittat {n} geografiska avvikelser vecka {week}. Ledningsgruppen "
        "tar ställning och kvitterar med ett beslut (hotspots alerts ack ID --note ...).",
        "sv_one": "Hotspots har hittat {n} geografisk avvikelse vecka {week}. Ledningsgruppen "
        "tar ställning och kvitterar med ett beslut (hotspots alerts ack ID --note ...).",
        "en": "Hotspots found {n} geographic deviations in week {week}. The leadership group "
        "decides and acknowledges with a decision (hotspots alerts ack ID --note ...).",
        "en_one": "Hotspots found {n} geographic deviation in week {week}. The leadership "
        "group decides and acknowledges with a decision (hotspots alerts ack ID --note ...).",
    },
    "alerts.webhook_failed": {
        "sv": "kunde inte skicka larmen till webhooken {url}: {detail}",
        "en": "could not send the alerts to the webhook {url}: {detail}",
    },
    "alerts.mail_failed": {
        "sv": "kunde inte skicka larmen med e-post via {host}: {detail}",
        "en": "could not send the alerts by e-mail through {host}: {detail}",
    },
    # -- CLI
    "alerts.checked": {
        "sv": "{n} avvikelser vecka {week} ({new} nya)",
        "sv_one": "{n} avvikelse vecka {week} ({new} ny)",
        "en": "{n} alerts in week {week} ({new} new)",
        "en_one": "{n} alert in week {week} ({new} new)",
    },
    # -- the page /larm
    "alerts.page_title": {"sv": "Geografiska avvikelser", "en": "Geographic deviations"},
    "alerts.page_report_link": {"sv": "Veckans lägesbild", "en": "This week's situation report"},
    "alerts.filter_nya": {"sv": "Nya", "en": "New"},
    "alerts.filter_kvitterade": {"sv": "Kvitterade", "en": "Acknowledged"},
    "alerts.filter_alla": {"sv": "Alla", "en": "All"},
    "alerts.page_map": {"sv": "karta", "en": "map"},
    "alerts.page_decision": {"sv": "Beslut", "en": "Decision"},
    "alerts.page_ack": {"sv": "Kvittera", "en": "Acknowledge"},
    "alerts.page_acked": {
        "sv": "kvitterad av {by} {when}: {note}",
        "en": "acknowledged by {by} {when}: {note}",
    },
    "alerts.page_bad_filter": {
        "sv": "status: okänt urval '{value}' (nya, kvitterade eller alla)",
        "en": "status: unknown filter '{value}' (nya, kvitterade or alla)",
    },
    "alerts.page_bad_origin": {
        "sv": "Formuläret skickades från en annan webbplats och togs inte emot.",
        "en": "The form was sent from another site and was not accepted.",
    },
    "alerts.see_list": {
        "sv": "(hotspots alerts list)",
        "en": "(hotspots alerts list)",
    },
    "alerts.checked_none": {
        "sv": "Inga avvikelser den veckan.",
        "en": "No deviations that week.",
    },
    "alerts.none": {
        "sv": "Inga avvikelser.",
        "en": "No alerts.",
    },
    "alerts.title": {
        "sv": "Geografiska avvikelser ({n})",
        "en": "Geographic deviations ({n})",
    },
    "alerts.col_id": {"sv": "Id", "en": "Id"},
    "alerts.col_week": {"sv": "Vecka", "en": "Week"},
    "alerts.col_kind": {"sv": "Typ", "en": "Kind"},
    "alerts.col_where": {"sv": "Var", "en": "Where"},
    "alerts.col_what": {"sv": "Vad", "en": "What"},
    "alerts.col_observed": {"sv": "Observerat", "en": "Observed"},
    "alerts.col_expected": {"sv": "Väntat", "en": "Expected"},
    "alerts.col_p": {"sv": "p", "en": "p"},
    "alerts.col_status": {"sv": "Status", "en": "Status"},
    "alerts.col_link": {"sv": "Karta", "en": "Map"},
    "alerts.status_ny": {"sv": "ny", "en": "new"},
    "alerts.status_kvitterad": {"sv": "kvitterad", "en": "acknowledged"},
    "alerts.acked": {
        "sv": "Avvikelse {id} kvitterad av {by}.",
        "en": "Alert {id} acknowledged by {by}.",
    },
    "alerts.sent": {
        "sv": "{n} larm skickade via {channel}.",
        "sv_one": "{n} larm skickat via {channel}.",
        "en": "{n} alerts sent by {channel}.",
        "en_one": "{n} alert sent by {channel}.",
    },
    "alerts.no_channel": {
        "sv": "Inget skickat: ange HOTSPOTS_ALERT_WEBHOOK_URL eller HOTSPOTS_SMTP_HOST och "
        "HOTSPOTS_ALERT_EMAIL_TO.",
        "en": "Nothing sent: set HOTSPOTS_ALERT_WEBHOOK_URL or HOTSPOTS_SMTP_HOST and "
        "HOTSPOTS_ALERT_EMAIL_TO.",
    },
    "alerts.nothing_to_send": {
        "sv": "Inget nytt att skicka: larmen är redan skickade.",
        "en": "Nothing new to send: the alerts were sent already.",
    },
}
