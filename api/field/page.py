"""The HTML of the field app (``/falt``) and of a walk's summary (``/falt/vandring/{id}``).

Every text is escaped here; the app's script only ever sets ``textContent``. The texts the
script shows are rendered into the page as a JSON object of translated strings.
"""

from __future__ import annotations

import json
from html import escape

from hotspots.i18n import t

__all__ = ["field_page", "js_texts", "summary_page"]

#: A GPS fix less accurate than this (metres) is not used: the user taps the map instead.
MAX_ACCURACY_M = 50
#: Photos are scaled on the phone to at most this many pixels on their longer side.
MAX_PHOTO_PX = 1600


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def js_texts(lang: str) -> dict[str, str]:
    """The texts of the app's script in ``lang`` (placeholders like ``{n}`` left in)."""
    return {
        "login_again": t("field.login_again", lang),
        "waiting": t("field.waiting", lang),
        "all_sent": t("field.all_sent", lang),
        "failed": t("field.failed", lang),
        "online": t("field.online", lang),
        "offline": t("field.offline", lang),
        "refused": t("field.refused", lang),
        "sent": t("field.sent", lang),
        "not_sent": t("field.not_sent", lang),
        "photos_sent": t("field.photos_sent", lang),
        "photo_refused": t("field.photo_refused", lang),
        "area_needed": t("field.area_needed", lang),
        "position_map": t("field.position_map", lang),
        "position_denied": t("field.position_denied", lang),
        "position_inaccurate": t("field.position_inaccurate", lang),
        "position_gps": t("field.position_gps", lang),
        "position_searching": t("field.position_searching", lang),
        "position_needed": t("field.position_needed", lang),
        "no_gps": t("field.no_gps", lang),
        "gps_denied": t("field.gps_denied", lang),
        "gps_unavailable": t("field.gps_unavailable", lang),
        "photo_unreadable": t("field.photo_unreadable", lang),
        "photo_too_large": t("field.photo_too_large", lang),
        "remove_photo": t("field.remove_photo", lang),
        "item_needed": t("field.item_needed", lang),
        "metres_away": t("field.metres_away", lang),
        "saved": t("field.saved", lang),
        "saved_offline": t("field.saved_offline", lang),
        "not_saved": t("field.not_saved", lang),
    }


def _json_script(element_id: str, value: object) -> str:
    # "<" escaped: no text inside can close the element or open a comment
    text = json.dumps(value, ensure_ascii=False).replace("<", "\\u003c")
    return f'<script type="application/json" id="{element_id}">{text}</script>'


def _checklist_select(groups: list[dict], lang: str) -> str:
    parts = [
        f'<select id="item" name="item" required>'
        f'<option value="">{_e(t("field.choose_item", lang))}</option>'
    ]
    for g in groups:
        parts.append(f'<optgroup label="{_e(g["label"])}" data-group="{_e(g["code"])}">')
        parts += [
            f'<option value="{_e(i["code"])}" data-category="{_e(i["category"])}">'
            f"{_e(i['label'])}</option>"
            for i in g["items"]
        ]
        parts.append("</optgroup>")
    parts.append("</select>")
    return "".join(parts)


def field_page(
    *,
    lang: str,
    user: str,
    groups: list[dict],
    config: dict,
) -> str:
    """The app's page for a logged-in user; ``groups`` is the checklist as JSON."""
    other = "en" if lang == "sv" else "sv"
    other_href = "/falt/?lang=en" if other == "en" else "/falt/"
    manifest = "/falt/manifest.webmanifest" + ("?lang=en" if lang == "en" else "")
    severities = "".join(
        f'<label><input type="radio" name="severity" value="{n}"{" checked" if n == 2 else ""}>'
        f" {_e(label)}</label>"
        for n, label in (
            (1, t("field.severity_1", lang)),
            (2, t("field.severity_2", lang)),
            (3, t("field.severity_3", lang)),
        )
    )
    body = f"""
<header><h1>{_e(t("field.title", lang))}</h1>
<span id="net" class="net"></span>
<span><a href="{other_href}" lang="{other}">{_e(t("field.other_language", lang))}</a> ·
<a href="/logga-ut">{_e(t("field.logout", lang))}</a></span></header>
<main>
<p class="user">{_e(t("field.logged_in_as", lang, name=user))}</p>
<div id="waiting" role="status" data-observations="0" data-photos="0"></div>
<div id="message" role="alert"></div>
<section id="walk-start">
<h2>{_e(t("field.start_walk", lang))}</h2>
<form id="walk-form" autocomplete="off">
<label for="walk-area">{_e(t("field.area", lang))}</label>
<input id="walk-area" type="text" maxlength="200" required>
<label for="walk-date">{_e(t("field.date", lang))}</label>
<input id="walk-date" type="date">
<label for="walk-participants">{_e(t("field.participants", lang))}</label>
<input id="walk-participants" type="number" min="0" max="10000" inputmode="numeric">
<button type="submit" id="walk-submit">{_e(t("field.start", lang))}</button>
</form>
<h2>{_e(t("field.continue_walk", lang))}</h2>
<ul id="walk-list"></ul>
<p id="walk-list-empty">{_e(t("field.no_walks", lang))}</p>
</section>
<section id="walk-view" hidden>
<div class="walk-head"><h2 id="walk-title"></h2>
<span><a id="walk-summary" hidden>{_e(t("field.summary_link", lang))}</a>
<button type="button" id="walk-leave">{_e(t("field.leave_walk", lang))}</button></span></div>
<div id="map"></div>
<p id="position" role="status"></p>
<button type="button" id="use-gps" hidden>{_e(t("field.use_gps", lang))}</button>
<form id="obs-form" autocomplete="off">
<label for="item">{_e(t("field.checklist", lang))}</label>
{_checklist_select(groups, lang)}
<fieldset><legend>{_e(t("field.severity", lang))}</legend>{severities}</fieldset>
<label for="note">{_e(t("field.note", lang))}</label>
<textarea id="note" rows="3" maxlength="4000"></textarea>
<label for="photos">{_e(t("field.photos", lang))}</label>
<input id="photos" type="file" accept="image/*" capture="environment" multiple>
<div id="photo-list" data-count="0"></div>
<div id="nearby" hidden>
<p><strong>{_e(t("field.nearby", lang))}</strong></p>
<ul id="nearby-list"></ul>
<button type="button" id="save-anyway">{_e(t("field.save_anyway", lang))}</button>
<button type="button" id="cancel-save">{_e(t("field.cancel", lang))}</button>
</div>
<button type="submit" id="save">{_e(t("field.save", lang))}</button>
</form>
<h2>{_e(t("field.walk_observations", lang))}</h2>
<ul id="obs-list"></ul>
</section>
</main>
{_json_script("falt-config", config)}
<script src="/falt/leaflet.js"></script>
<script src="/falt/app.js"></script>"""
    return (
        f'<!doctype html><html lang="{_e(lang)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="theme-color" content="#1d4e89">'
        f"<title>{_e(t('field.title', lang))}</title>"
        f'<link rel="manifest" href="{manifest}">'
        '<link rel="icon" href="/falt/icon-192.png">'
        '<link rel="apple-touch-icon" href="/falt/icon-192.png">'
        '<link rel="stylesheet" href="/falt/leaflet.css">'
        '<link rel="stylesheet" href="/falt/app.css">'
        f"</head><body>{body}</body></html>"
    )


_SUMMARY_STYLE = (
    "body{font-family:system-ui,sans-serif;margin:1rem;max-width:60rem}"
    "table{border-collapse:collapse;width:100%}td,th{padding:.3rem .5rem;text-align:left;"
    "vertical-align:top;border-bottom:1px solid #ddd}img{width:96px;height:96px;"
    "object-fit:cover;margin:0 .2rem .2rem 0;border-radius:.2rem}"
    "@media (max-width:40rem){td,th{display:block}tr{display:block;margin-bottom:1rem}}"
)


def summary_page(
    walk: dict, observations: list[dict], *, lang: str, labels: dict[str, str], tz: str
) -> str:
    """The summary of one walk: its observations with photos, status and notes."""
    from zoneinfo import ZoneInfo

    zone = ZoneInfo(tz)
    q = "?lang=en" if lang == "en" else ""

    def when(value) -> str:
        if value is None:
            return ""
        return value.astimezone(zone).strftime("%Y-%m-%d %H:%M")

    rows = []
    for o in observations:
        photos = "".join(
            f'<a href="{_e(p["url"])}"><img src="{_e(p["url"])}" loading="lazy" '
            f'alt="{_e(p["filename"])}"></a>'
            for p in o["photos"]
        )
        accuracy = "" if o.get("accuracy_m") is None else f"± {o['accuracy_m']:.0f} m"
        place = "" if o.get("lat") is None else f"{o['lat']:.5f}, {o['lon']:.5f}"
        rows.append(
            f'<tr data-id="{int(o["id"])}"><td>{_e(when(o["occurred_from"]))}</td>'
            f"<td>{_e(labels.get(o['category'], o['category']))}</td>"
            f"<td>{_e(o.get('severity') or '')}</td><td>{_e(o['status'])}</td>"
            f"<td>{_e(place)}<br><small>{_e(accuracy)}</small></td>"
            f'<td class="note">{_e(o.get("description") or "")}</td><td>{photos}</td></tr>'
        )
    head = "".join(
        f"<th>{_e(h)}</th>"
        for h in (
            t("field.col_time", lang),
            t("field.col_category", lang),
            t("field.col_severity", lang),
            t("field.col_status", lang),
            t("field.col_place", lang),
            t("field.col_note", lang),
            t("field.col_photos", lang),
        )
    )
    table = (
        f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
        if rows
        else f"<p>{_e(t('field.no_observations', lang))}</p>"
    )
    wid = int(walk["id"])
    facts = [
        (t("field.area", lang), walk.get("area") or ""),
        (t("field.date", lang), when(walk.get("walked_on"))[:10]),
        (t("field.participants", lang), walk.get("participants") or ""),
        (t("field.col_count", lang), len(observations)),
    ]
    dl = "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in facts)
    body = (
        f"<h1>{_e(t('field.summary_title', lang, name=walk['name']))}</h1><dl>{dl}</dl>"
        f'<p><a href="/falt/vandring/{wid}.csv" download>{_e(t("field.download_csv", lang))}'
        f'</a> · <a href="/falt/vandring/{wid}.geojson" download>'
        f"{_e(t('field.download_geojson', lang))}</a> · "
        f'<a href="/falt/{q}">{_e(t("field.back_to_app", lang))}</a></p>{table}'
    )
    return (
        f'<!doctype html><html lang="{_e(lang)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(t('field.summary_title', lang, name=walk['name']))}</title>"
        f"<style>{_SUMMARY_STYLE}</style></head><body>{body}</body></html>"
    )
