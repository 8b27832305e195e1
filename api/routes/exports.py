"""Routes: exports of incidents, observations and measures as GeoJSON, GeoPackage or CSV.

Analysts only; every export is written to the audit log (who, what, when, how many).
"""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.concurrency import run_in_threadpool

from api.auth import Principal, require_role
from api.deps import SettingsDep, StoreDep
from api.routes.records_common import (
    BboxParam,
    CategoryParam,
    FromParam,
    ToParam,
    attachment,
    audit,
    bad_param,
    check_categories,
    check_codes,
    parse_bbox,
    parse_window,
)
from hotspots.errors import InputError
from hotspots.export import EXPORT_CRS, MEDIA_TYPES, check_crs, layer_frame, render

router = APIRouter(tags=["exports"])

Analyst = Annotated[Principal, Depends(require_role("analyst"))]


class Layer(StrEnum):
    """What to export."""

    incidents = "incidents"
    observations = "observations"
    measures = "measures"


class Format(StrEnum):
    """The file format."""

    geojson = "geojson"
    gpkg = "gpkg"
    csv = "csv"


@router.get(
    "/api/v1/exports/{layer}.{fmt}",
    response_class=Response,
    responses={
        200: {
            "description": "The file",
            "content": {
                "application/geo+json": {},
                "application/geopackage+sqlite3": {},
                "text/csv": {},
            },
        }
    },
)
async def export(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    who: Analyst,
    layer: Layer,
    fmt: Format,
    from_: FromParam = None,
    to: ToParam = None,
    category: CategoryParam = None,
    bbox: BboxParam = None,
    crs: Annotated[
        int | None,
        Query(
            description="Target CRS: 3006 (SWEREF 99 TM, GeoPackage default), 3008 "
            "(SWEREF 99 13 30) or 4326 (WGS84, CSV default: lon/lat only; 3006/3008 add "
            "x/y in metres). GeoJSON is always 4326 (RFC 7946).",
            ge=0,
            le=999_999,
        ),
    ] = None,
) -> Response:
    """Download one layer as GeoJSON, GeoPackage or CSV.

    GeoJSON is RFC 7946 (lon/lat), GeoPackage is in the chosen CRS, CSV is for
    spreadsheets (UTF-8 with BOM, formulas neutralised; observations carry the times they
    were reported, fixed and closed).

    Filters: ``from``/``to`` (days, ``to`` included), ``category`` (for measures: measure
    codes) and ``bbox``. Sensitive categories are left out for callers without full
    detail.
    """
    from hotspots.catalogue import load_catalogue

    try:
        target_crs = check_crs(fmt.value, crs)
    except InputError as exc:
        raise bad_param(str(exc)) from None
    assert target_crs in EXPORT_CRS
    start, end = parse_window(from_, to, settings.timezone)
    if layer is Layer.measures:
        codes = check_codes("category", category, list(load_catalogue().measures))
    else:
        kind = "incident" if layer is Layer.incidents else "observation"
        codes = check_categories(category, kind)

    def build() -> tuple[bytes, int]:
        df = layer_frame(
            store,
            layer.value,
            start=start,
            end=end,
            categories=codes,
            bbox=parse_bbox(bbox),
            include_sensitive=who.full_detail,
        )
        return render(df, layer.value, fmt.value, crs=target_crs, tz=settings.timezone), len(df)

    data, n = await run_in_threadpool(build)
    detail = {
        "format": fmt.value,
        "crs": target_crs,
        "records": n,
        "from": from_,
        "to": to,
        "category": codes,
        "bbox": bbox,
    }
    await run_in_threadpool(audit, request, who, f"export.{fmt.value}", layer.value, detail)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M")
    suffix = "" if fmt is not Format.gpkg else f"-epsg{target_crs}"
    filename = f"{layer.value}-{stamp}{suffix}.{fmt.value}"
    return Response(
        content=data,
        media_type=MEDIA_TYPES[fmt.value],
        headers={
            "Content-Disposition": attachment(filename),
            "X-Content-Type-Options": "nosniff",
            "Cache-Control": "no-store",
            "X-Record-Count": str(n),
        },
    )
