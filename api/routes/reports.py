"""The weekly report and the hotspot map as pages of the service (Swedish by default).

The report is for logged-in leadership, analysts and field staff (an anonymous browser is sent
to the login page); the map is also open to the public. Each reader gets the view of their
role: small counts shown as "< k" and hidden cells below analyst, sensitive categories never
as points. Bad input (a malformed week, an unknown category) gives a short HTML page with
status 400 and one line saying what is wrong.
"""

from __future__ import annotations

from html import escape
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from api.auth import Principal, current_principal
from api.deps import SettingsDep, open_store
from api.errors import one_line
from api.routes.pages import page
from hotspots.errors import HotspotsError, NotFoundError, StoreError
from hotspots.i18n import t

router = APIRouter(tags=["pages"])

#: Who may open the weekly report (admin always may).
REPORT_ROLES = ("leadership", "analyst", "field")


def error_page(exc: HotspotsError, lang: str) -> HTMLResponse:
    """A short page with one line saying what is wrong: 400, 404 or 503 by the error."""
    code = 404 if isinstance(exc, NotFoundError) else 503 if isinstance(exc, StoreError) else 400
    body = f"<h1>{escape(t('page.error', lang))}</h1><p>{escape(one_line(exc))}</p>"
    return HTMLResponse(page("hotspots", body, lang=lang), status_code=code)


def page_language(value: str | None) -> str:
    """``en`` when the ``lang`` parameter asks for English, else ``sv``."""
    return "en" if (value or "").lower().startswith("en") else "sv"


def browser_gate(
    request: Request, who: Principal, roles, lang: str, *, back: str | None = None
) -> Response | None:
    """None if ``who`` may open the page (``roles`` or admin); else where the browser goes.

    Anonymous: to the login page, which then comes back to ``back`` (default: this page);
    signed in with another role: a short 403 page.
    """
    if who.role in (*roles, "admin"):
        return None
    if who.anonymous:
        here = str(request.url.path) + ("?" + request.url.query if request.url.query else "")
        target = quote(back or here)
        return RedirectResponse(f"/logga-in?next={target}", status_code=303)
    return HTMLResponse(
        page("hotspots", f"<p>{escape(t('page.forbidden', lang))}</p>", lang=lang),
        status_code=403,
    )


@router.get("/rapport", response_class=HTMLResponse, summary="Weekly report (lägesbild)")
def report_page(
    request: Request,
    settings: SettingsDep,
    who: Annotated[Principal, Depends(current_principal)],
    vecka: Annotated[str | None, Query(description="ISO week, e.g. 2026-W47")] = None,
    kategori: Annotated[list[str] | None, Query(description="Category codes")] = None,
    bbox: Annotated[str | None, Query(description="min_lon,min_lat,max_lon,max_lat")] = None,
    lang: Annotated[str | None, Query(description="sv or en")] = None,
    basemap: Annotated[str, Query(description="osm, none or a tile URL")] = "osm",
) -> HTMLResponse:
    """The weekly lägesbild of one ISO week (default: this week), as a printable page."""
    from hotspots.detect.cli import parse_bbox
    from maps.report import weekly_report_html
    from maps.report_cli import current_week

    language = page_language(lang)
    refused = browser_gate(request, who, REPORT_ROLES, language)
    if refused is not None:
        return refused
    try:
        store = open_store(request, settings)
        html, _ = weekly_report_html(
            store,
            vecka or current_week(settings.timezone),
            lang=language,
            role=who.role,
            categories=kategori or None,
            bbox=parse_bbox(bbox),
            basemap=basemap,
        )
    except HotspotsError as exc:
        return error_page(exc, language)
    return HTMLResponse(html)


@router.get("/karta", response_class=HTMLResponse, summary="Hotspot map of a period")
def map_page(
    request: Request,
    settings: SettingsDep,
    who: Annotated[Principal, Depends(current_principal)],
    vecka: Annotated[str | None, Query(description="ISO week, e.g. 2026-W47")] = None,
    fran: Annotated[str | None, Query(alias="från", description="First day YYYY-MM-DD")] = None,
    till: Annotated[str | None, Query(description="Last day YYYY-MM-DD, included")] = None,
    kategori: Annotated[list[str] | None, Query(description="Category codes")] = None,
    bbox: Annotated[str | None, Query(description="min_lon,min_lat,max_lon,max_lat")] = None,
    lang: Annotated[str | None, Query(description="sv or en")] = None,
    basemap: Annotated[str, Query(description="osm, none or a tile URL")] = "osm",
) -> HTMLResponse:
    """The hotspot map of a week or a period (default: this week)."""
    from hotspots.catalogue import load_catalogue
    from hotspots.detect.cli import parse_bbox, parse_window
    from hotspots.report.weekly import check_categories
    from maps.report_cli import current_week
    from maps.weekly import hotspot_map

    language = page_language(lang)
    try:
        store = open_store(request, settings)
        if not (vecka or fran or till):
            vecka = current_week(settings.timezone)
        start, end = parse_window(fran, till, vecka, settings.timezone)
        check_categories(kategori, load_catalogue())
        html = hotspot_map(
            store,
            start=start,
            end=end,
            categories=kategori or None,
            bbox=parse_bbox(bbox),
            lang=language,
            basemap=basemap,
            role=who.role,
        )
    except HotspotsError as exc:
        return error_page(exc, language)
    return HTMLResponse(html)
