"""The alerts page (``/larm``): leadership and analysts read the deviations and decide.

Under EST an indication of a geographic deviation goes to the leadership groups, who decide
what to do; this is where they do it in a browser: every stored alert with where, what,
how unusual and a link to the map, and for each new one a form to acknowledge it with the
decision (``POST /larm/{id}/kvittera``, then back to the list). An anonymous browser is sent
to the login page. Counts below the small-count threshold are shown as ``< k`` to
leadership (as in the weekly report), sensitive categories are never named, and every text
is escaped. The form posts with the session cookie (``SameSite=Lax``: not sent with a
post from another site) and a post whose ``Origin`` is another site is refused.
"""

from __future__ import annotations

from datetime import UTC
from html import escape
from typing import Annotated
from urllib.parse import quote, urlsplit
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends, Form, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from api.auth import Principal, current_principal
from api.deps import SettingsDep, open_store
from api.routes.pages import page
from api.routes.reports import browser_gate, error_page, page_language
from hotspots.errors import HotspotsError, InputError
from hotspots.i18n import t

router = APIRouter(tags=["pages"])

#: Who may read and acknowledge alerts (admin always may); as /api/v1/alerts.
ALERT_ROLES = ("leadership", "analyst")
#: The status filters of the page: query value -> stored status (None: all).
FILTERS = {"nya": "ny", "kvitterade": "kvitterad", "alla": None}


_STYLE = (
    "body{max-width:72rem}table{border-collapse:collapse;width:100%}"
    "th,td{border-bottom:1px solid #ddd;padding:.4rem .5rem;text-align:left;vertical-align:top}"
    "td.n{text-align:right;white-space:nowrap}textarea{width:100%;min-height:3.5rem}"
    "nav a{margin-right:1rem}.ny{color:#b00020;font-weight:600}.muted{color:#555}"
)


@router.get(
    "/larm",
    response_class=HTMLResponse,
    response_model=None,
    summary="Alerts on geographic deviation",
)
def alerts_page(
    request: Request,
    settings: SettingsDep,
    who: Annotated[Principal, Depends(current_principal)],
    status: Annotated[str, Query(max_length=20, description="nya, kvitterade or alla")] = "nya",
    vecka: Annotated[str | None, Query(max_length=10, description="ISO week, 2026-W47")] = None,
    lang: Annotated[str | None, Query(max_length=5, description="sv or en")] = None,
) -> Response:
    """Stored alerts (default the new ones), each with a form to acknowledge it."""
    from hotspots.alerts.repo import list_alerts
    from hotspots.catalogue import load_catalogue

    language = page_language(lang)
    refused = browser_gate(request, who, ALERT_ROLES, language)
    if refused is not None:
        return refused
    if status not in FILTERS:
        exc = InputError(t("alerts.page_bad_filter", language, value=status))
        return error_page(exc, language)
    try:
        store = open_store(request, settings)
        alerts = list_alerts(store, week=vecka, status=FILTERS[status], limit=500)
    except HotspotsError as exc:
        return error_page(exc, language)
    k = 0 if who.full_detail else int(settings.min_cell_count)
    body = _render(alerts, load_catalogue(), status, vecka, k, language, settings.timezone)
    return HTMLResponse(page(t("alerts.page_title", language), body, lang=language))


@router.post(
    "/larm/{alert_id}/kvittera",
    response_class=HTMLResponse,
    response_model=None,
    summary="Acknowledge an alert",
)
def acknowledge(
    request: Request,
    settings: SettingsDep,
    who: Annotated[Principal, Depends(current_principal)],
    alert_id: Annotated[int, Path(ge=1, le=2**31 - 1)],
    note: Annotated[str, Form(max_length=4000)] = "",
    lang: Annotated[str | None, Query(max_length=5, description="sv or en")] = None,
) -> Response:
    """Acknowledge alert ``alert_id`` with the decision ``note``; back to the list."""
    from hotspots.alerts.repo import ack_alert

    language = page_language(lang)
    back = "/larm" + ("?lang=en" if language == "en" else "")
    refused = browser_gate(request, who, ALERT_ROLES, language, back=back)
    if refused is not None:
        return refused
    origin = request.headers.get("origin")
    if origin and origin != "null" and urlsplit(origin).netloc != request.url.netloc:
        body = f"<p>{escape(t('alerts.page_bad_origin', language))}</p>"
        return HTMLResponse(page("hotspots", body, lang=language), status_code=403)
    try:
        ack_alert(open_store(request, settings), alert_id, note=note, by=who.name)
    except HotspotsError as exc:
        return error_page(exc, language)
    return RedirectResponse(back, status_code=303)


def _render(
    alerts, catalogue, status: str, week: str | None, k: int, lang: str, tz: str
) -> str:
    """The page body: filters, intro and one row per alert (every text escaped)."""
    suffix = "&lang=en" if lang == "en" else ""
    week_q = f"&vecka={quote(week)}" if week else ""
    labels = {
        "nya": escape(t("alerts.filter_nya", lang)),
        "kvitterade": escape(t("alerts.filter_kvitterade", lang)),
        "alla": escape(t("alerts.filter_alla", lang)),
    }
    nav = " ".join(
        (
            f"<strong>{labels[key]}</strong>"
            if key == status
            else f'<a href="/larm?status={key}{week_q}{suffix}">{labels[key]}</a>'
        )
        for key in FILTERS
    )
    links = (
        f'<p class="muted"><a href="/">hotspots</a> · '
        f'<a href="/rapport{"?lang=en" if lang == "en" else ""}">'
        f"{escape(t('alerts.page_report_link', lang))}</a></p>"
    )
    head = (
        f"<style>{_STYLE}</style><h1>{escape(t('alerts.page_title', lang))}</h1>{links}"
        f"<p>{escape(t('report.alerts_intro', lang))}</p><nav>{nav}</nav>"
    )
    if not alerts:
        return head + f"<p>{escape(t('alerts.none', lang))}</p>"
    columns = (
        t("alerts.col_id", lang),
        t("alerts.col_week", lang),
        t("alerts.col_kind", lang),
        t("alerts.col_where", lang),
        t("alerts.col_what", lang),
        t("alerts.col_observed", lang),
        t("alerts.col_expected", lang),
        t("alerts.col_p", lang),
        t("alerts.col_link", lang),
        t("alerts.col_status", lang),
    )
    header = "".join(f"<th>{escape(c)}</th>" for c in columns)
    rows = "".join(_row(a, catalogue, k, lang, ZoneInfo(tz)) for a in alerts)
    return head + f"<table><thead><tr>{header}</tr></thead><tbody>{rows}</tbody></table>"


def _row(a, catalogue, k: int, lang: str, tz: ZoneInfo) -> str:
    sensitive = catalogue.sensitive_codes()
    what = ", ".join(
        catalogue[c["category"]].label(lang) if c["category"] in catalogue else c["category"]
        for c in a.categories
        if c.get("category") not in sensitive
    )
    where = a.place or a.municipality or ""
    if not a.area_key.startswith("kommun:") and a.lat is not None:
        where = f"{where} ({a.lat:.4f}, {a.lon:.4f})".strip()
    if a.kind == "emerging":
        kind = t("report.alert.emerging", lang)
    else:
        kind = t("report.alert.count", lang)
    observed = f"< {k}" if 0 < a.observed < k else str(a.observed)
    expected = f"{a.expected:.1f}".replace(".", "," if lang == "sv" else ".")
    p = "–" if a.p_value is None else f"{a.p_value:.2g}"
    if a.q_value is not None:
        p += f" (q {a.q_value:.2g})"
    link = a.link if a.link.startswith(("/", "https://", "http://")) else ""
    map_cell = f'<a href="{escape(link)}">{escape(t("alerts.page_map", lang))}</a>' if link else ""
    if a.status == "kvitterad":
        when = ""
        if a.acknowledged_at is not None:
            at = a.acknowledged_at
            at = at.replace(tzinfo=UTC) if at.tzinfo is None else at  # stored in UTC
            when = at.astimezone(tz).strftime("%Y-%m-%d %H:%M")
        state = escape(
            t("alerts.page_acked", lang, by=a.acknowledged_by or "–", when=when,
              note=a.decision_note or "")
        )
    else:
        action = f"/larm/{int(a.id)}/kvittera" + ("?lang=en" if lang == "en" else "")
        label = escape(t("alerts.page_decision", lang))
        state = (
            f'<span class="ny">{escape(t("alerts.status_ny", lang))}</span>'
            f'<form method="post" action="{action}"><label>{label}'
            f'<textarea name="note" required maxlength="4000"></textarea></label>'
            f'<button type="submit">{escape(t("alerts.page_ack", lang))}</button></form>'
        )
    cells = (
        f'<td class="n">{int(a.id)}</td><td>{escape(a.week)}</td><td>{escape(kind)}</td>'
        f"<td>{escape(where)}</td><td>{escape(what)}</td><td class=\"n\">{escape(observed)}</td>"
        f'<td class="n">{expected}</td><td class="n">{escape(p)}</td>'
        f"<td>{map_cell}</td><td>{state}</td>"
    )
    return f'<tr id="larm-{int(a.id)}">{cells}</tr>'
