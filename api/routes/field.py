"""Routes: the field app for trygghetsvandringar (``/falt``) and the summary of a walk.

``/falt`` (also ``/falt/``) is a mobile page for field staff, analysts and admins: start a
walk, add observations with GPS position, checklist item, severity, note and photos, kept
on the phone until they are sent (see :mod:`api.field.app_js`). An anonymous browser is sent
to the login page. Its files (script, style, Leaflet, icons, manifest, service worker) are
public: they hold no data. ``/falt/vandring/{id}`` summarises a walk and exports it as CSV
or GeoJSON (audited like every export).

The routes are pages, not API operations: they are left out of the OpenAPI schema.
"""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from functools import lru_cache
from html import escape
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from api.auth import Principal, audit, current_principal
from api.deps import SettingsDep, StoreDep
from api.errors import one_line
from api.routes.pages import page
from api.routes.records_common import attachment
from hotspots.errors import HotspotsError, NotFoundError, StoreError
from hotspots.i18n import t

router = APIRouter(include_in_schema=False)

#: Who may use the app and see walk summaries (admin always may).
FIELD_ROLES = ("field", "analyst", "admin")
_PAGES = 500
_MAX_PER_WALK = 20_000

Lang = Annotated[str | None, Query(description="sv or en")]


def _lang(value: str | None) -> str:
    return "en" if (value or "").lower().startswith("en") else "sv"


def _no_store(response: Response) -> Response:
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


def _who(request: Request) -> Principal | None:
    """The caller, or None when the session is stale (treated as logged out)."""
    try:
        return current_principal(request)
    except HTTPException:
        return None


def _gate(request: Request, lang: str) -> Principal | Response:
    """The caller when they may use the app, else the redirect to login or a 403 page."""
    who = _who(request)
    if who is None or who.anonymous:
        target = request.url.path + ("?" + request.url.query if request.url.query else "")
        return RedirectResponse(f"/logga-in?next={quote(target)}", status_code=303)
    if who.role not in FIELD_ROLES:
        body = f"<p>{escape(t('field.forbidden', lang, role=who.role))}</p>"
        return HTMLResponse(page("hotspots", body, lang=lang), status_code=403)
    return who


def _error_page(exc: HotspotsError, lang: str) -> HTMLResponse:
    code = 404 if isinstance(exc, NotFoundError) else 503 if isinstance(exc, StoreError) else 400
    body = f"<h1>{escape(t('page.error', lang))}</h1><p>{escape(one_line(exc))}</p>"
    return _no_store(HTMLResponse(page("hotspots", body, lang=lang), status_code=code))


@lru_cache(maxsize=1)
def _center(data_dir: str, municipality: str | None) -> tuple[list[float], int]:
    """Where the map opens before the first GPS fix: the municipality, else Sweden."""
    if municipality:
        try:
            from pathlib import Path as FilePath

            from hotspots.geocode.boundaries import load_boundaries

            lon, lat = load_boundaries(FilePath(data_dir)).centroid(municipality)
            return [lat, lon], 12
        except (HotspotsError, OSError, KeyError, ValueError):
            pass
    return [62.0, 15.0], 5


# ------------------------------------------------------------------ the app
@router.get("/falt", response_class=HTMLResponse)
@router.get("/falt/", response_class=HTMLResponse)
def field_app(
    request: Request,
    settings: SettingsDep,
    lang: Lang = None,
    basemap: Annotated[str, Query(description="osm, none or a tile URL")] = "osm",
) -> Response:
    """The field app (Swedish; ``?lang=en`` for English)."""
    from api.field.app_js import RETRY_S
    from api.field.checklist import load_checklist
    from api.field.page import MAX_ACCURACY_M, MAX_PHOTO_PX, field_page, js_texts
    from hotspots.catalogue import load_catalogue
    from maps.weekly import OSM_ATTRIBUTION, OSM_TILES, _tile_url

    language = _lang(lang)
    who = _gate(request, language)
    if isinstance(who, Response):
        return who
    try:
        catalogue = load_catalogue()
        groups = load_checklist(catalogue=catalogue).as_json(language, catalogue)
        tiles = _tile_url(basemap)
    except HotspotsError as exc:
        return _error_page(exc, language)
    center, zoom = _center(str(settings.data_dir), settings.municipality)
    config = {
        "lang": language,
        "texts": js_texts(language),
        "tiles": tiles,
        "attribution": OSM_ATTRIBUTION if tiles == OSM_TILES else "",
        "center": center,
        "zoom": zoom,
        "max_accuracy_m": MAX_ACCURACY_M,
        "max_photo_px": MAX_PHOTO_PX,
        "max_photo_bytes": int(settings.max_photo_mb * 1_000_000),
        "max_photo_mb": settings.max_photo_mb,
        "retry_s": RETRY_S,
    }
    html = field_page(lang=language, user=who.name, groups=groups, config=config)
    response = HTMLResponse(html)
    # the service worker keeps its own copy for offline use; the browser asks every time
    response.headers["Cache-Control"] = "no-cache, private"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = (
        "default-src 'self'; img-src 'self' data: blob: https: http:; "
        "style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; "
        "worker-src 'self'; manifest-src 'self'; object-src 'none'; base-uri 'none'; "
        "frame-ancestors 'none'"
    )
    return response


def _static(content: str | bytes, media_type: str, **headers: str) -> Response:
    return Response(
        content=content,
        media_type=media_type,
        headers={"Cache-Control": "no-cache", "X-Content-Type-Options": "nosniff", **headers},
    )


@router.get("/falt/app.js")
def app_js() -> Response:
    """The app's script."""
    from api.field.app_js import APP_JS

    return _static(APP_JS, "text/javascript; charset=utf-8")


@router.get("/falt/app.css")
def app_css() -> Response:
    """The app's style."""
    from api.field.static import APP_CSS

    return _static(APP_CSS, "text/css; charset=utf-8")


@router.get("/falt/leaflet.js")
def leaflet_js() -> Response:
    """Leaflet, from the installed XStatic package (never a CDN)."""
    from maps._assets import leaflet_assets

    return _static(leaflet_assets().js, "text/javascript; charset=utf-8")


@router.get("/falt/leaflet.css")
def leaflet_css() -> Response:
    """Leaflet's style (its images inlined)."""
    from maps._assets import leaflet_assets

    return _static(leaflet_assets().css, "text/css; charset=utf-8")


@router.get("/falt/icon-{size}.png")
def icon(size: Annotated[int, Path()]) -> Response:
    """The app's icon, 192 or 512 pixels square."""
    from api.field.static import icon_png

    if size not in (192, 512):
        raise HTTPException(status_code=404)
    return _static(icon_png(size), "image/png")


@router.get("/falt/manifest.webmanifest")
def web_manifest(lang: Lang = None) -> Response:
    """The web app manifest: the app can be installed on the home screen."""
    from api.field.static import manifest

    language = _lang(lang)
    body = manifest(t("field.app_name", language), t("field.app_short_name", language), language)
    response = JSONResponse(body, media_type="application/manifest+json")
    response.headers["Cache-Control"] = "no-cache"
    return response


@router.get("/falt/sw.js")
def service_worker() -> Response:
    """The service worker (scope ``/falt``: it serves ``/falt`` and ``/falt/...``)."""
    from api.field.static import service_worker as script

    # the script lives under /falt/, the page is /falt: a wider scope must be allowed
    return _static(
        script(), "text/javascript; charset=utf-8", **{"Service-Worker-Allowed": "/falt"}
    )


# ------------------------------------------------------------------ a walk
class WalkFormat(StrEnum):
    """Formats of a walk's export."""

    csv = "csv"
    geojson = "geojson"


WalkId = Annotated[int, Path(ge=1, le=2_147_483_647)]


def _walk_observations(store, walk_id: int) -> list[dict]:
    from hotspots.store import records

    found, offset = [], 0
    while offset < _MAX_PER_WALK:
        page_ = records.list_records(
            store, "observation", walk_id=walk_id, limit=_PAGES, offset=offset
        )
        found += page_.items
        if page_.next_offset is None:
            break
        offset = page_.next_offset
    return found


@router.get("/falt/vandring/{walk_id}.{fmt}")
async def walk_export(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    walk_id: WalkId,
    fmt: WalkFormat,
    lang: Lang = None,
) -> Response:
    """A walk's observations as CSV (formulas neutralised) or GeoJSON (RFC 7946)."""
    from hotspots.export import MEDIA_TYPES, layer_frame, render
    from hotspots.store import records

    language = _lang(lang)
    who = _gate(request, language)
    if isinstance(who, Response):
        return who

    def build() -> tuple[dict, bytes, int]:
        walk = records.get_walk(store, walk_id)
        df = layer_frame(store, "observations", include_sensitive=who.full_detail)
        df = df.loc[df["walk_id"] == walk_id].reset_index(drop=True)
        return walk, render(df, "observations", fmt.value, tz=settings.timezone), len(df)

    try:
        walk, data, n = await run_in_threadpool(build)
    except HotspotsError as exc:
        return _error_page(exc, language)
    detail = {"format": fmt.value, "walk_id": walk_id, "records": n}
    await run_in_threadpool(audit, request, who, f"export.{fmt.value}", f"walk {walk_id}", detail)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M")
    return Response(
        content=data,
        media_type=MEDIA_TYPES[fmt.value],
        headers={
            "Content-Disposition": attachment(f"vandring-{walk['id']}-{stamp}.{fmt.value}"),
            "X-Content-Type-Options": "nosniff",
            "Cache-Control": "no-store",
            "X-Record-Count": str(n),
        },
    )


@router.get("/falt/vandring/{walk_id}", response_class=HTMLResponse)
def walk_summary(
    request: Request, store: StoreDep, settings: SettingsDep, walk_id: WalkId, lang: Lang = None
) -> Response:
    """A walk's observations with their photos, status and notes, and its downloads."""
    from api.field.page import summary_page
    from hotspots.catalogue import load_catalogue
    from hotspots.store import records

    language = _lang(lang)
    who = _gate(request, language)
    if isinstance(who, Response):
        return who
    try:
        walk = records.get_walk(store, walk_id)
        observations = []
        for item in _walk_observations(store, walk_id):
            obs = records.get_observation(store, item["id"])
            obs["photos"] = [
                {**p, "url": str(request.url_for("get_photo", photo_id=p["id"]).path)}
                for p in obs["photos"]
            ]
            observations.append(obs)
        catalogue = load_catalogue()
    except HotspotsError as exc:
        return _error_page(exc, language)
    labels = {c: catalogue[c].label(language) for c in catalogue.codes("observation")}
    html = summary_page(walk, observations, lang=language, labels=labels, tz=settings.timezone)
    return _no_store(HTMLResponse(html))
