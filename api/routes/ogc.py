"""OGC API - Features, Part 1 (Core, GeoJSON) under ``/ogc``: the layers QGIS and GDAL read.

``/ogc`` (landing page), ``/ogc/conformance``, ``/ogc/collections``,
``/ogc/collections/{id}``, ``/ogc/collections/{id}/items`` and
``/ogc/collections/{id}/items/{featureId}``, plus ``/ogc/collections/{id}/schema`` (the
features' JSON Schema, linked as ``describedby``). Items are GeoJSON
(``application/geo+json``), the schema ``application/schema+json``, everything else
``application/json``; ``f=json`` is accepted everywhere.

Collections and who reads them (admin always may):

- ``incidents``: the reported incidents as points, analysts only (401 without a login,
  403 for other roles, and not listed for them);
- ``observations``: safety walk observations (places, not people) for every role, the
  anonymous public included (no free-text description for the public, no sensitive
  category below analyst);
- ``measures``: measures with status and dates, for everyone;
- ``hotspots-dbscan`` and ``hotspots-gistar``: the latest stored analysis of that method,
  with small counts suppressed below analyst (see :mod:`api.routes.hotspots_api`).

What clients rely on (checked against GDAL's OAPIF driver, which QGIS's provider mirrors):
absolute link URLs; ``rel=items`` links typed ``application/geo+json``; ``next``/``prev``
links typed too; ``numberMatched`` on every page (GDAL's feature count comes from it);
integer feature ids (GDAL then fetches ``items/{id}`` for one feature); the same properties
on every feature of a collection, ``null`` when empty (clients read the fields off the
first page; GDAL takes their types from the ``describedby`` schema, so a date-time empty on
the first page stays a date-time); datetimes as ISO 8601 UTC (``2026-11-16T08:00:00Z``); no
NaN; one geometry type per layer where possible (a measure's point with a radius is served
as a circle polygon, as the map draws it). The OpenAPI document lists ``limit`` with its
default (100) and maximum (10,000), which QGIS reads to size its pages; the landing page's
``service-desc`` link is typed ``application/vnd.oai.openapi+json;version=3.0``, the type
GDAL and QGIS look for.

Query parameters: ``bbox`` (CRS84 lon/lat, 4 or 6 numbers, west > east crosses the
antimeridian), ``datetime`` (an instant, ``a/b``, ``../b``, ``a/..``; a date alone is the
whole day, UTC; a feature matches when its time span intersects), ``limit`` (1 ...; above
10,000 it is capped), ``offset`` (the paging links use it), ``crs``/``bbox-crs`` (CRS84
only). Anything else, or a malformed value, is a 400 with one line saying what is wrong;
an unknown collection or feature a 404.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from typing import Annotated
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse
from sqlalchemy import func, or_, select, text

from api.auth import Principal, current_principal, require_role
from api.deps import SettingsDep, StoreDep
from api.routes.hotspots_api import (
    catalogue,
    latest_run_id,
    min_count_for,
    run_layer,
    sensitive_codes,
)
from hotspots.domain import ROLES
from hotspots.errors import InputError, NotFoundError
from hotspots.i18n import current_language, msg
from hotspots.settings import Settings

__all__ = ["COLLECTIONS", "CONFORMANCE", "MAX_LIMIT", "DEFAULT_LIMIT", "router"]

router = APIRouter(prefix="/ogc", tags=["ogc"])

_CONF = "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/"
CONFORMANCE = [_CONF + "core", _CONF + "geojson", _CONF + "oas30"]
CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
TRS = "http://www.opengis.net/def/uom/ISO-8601/0/Gregorian"
JSON_TYPE = "application/json"
GEOJSON = "application/geo+json"
OPENAPI_TYPE = "application/vnd.oai.openapi+json;version=3.0"
DEFAULT_LIMIT = 100
MAX_LIMIT = 10_000

_ALL = frozenset(ROLES)
#: collection id -> the roles that may read it (admin always may), in listing order
COLLECTIONS: dict[str, frozenset[str]] = {
    "incidents": frozenset({"analyst"}),
    "observations": frozenset({"field", "leadership", "analyst", "public"}),
    "measures": _ALL,
    "hotspots-dbscan": _ALL,
    "hotspots-gistar": _ALL,
}
_HOTSPOTS = {"hotspots-dbscan": "dbscan", "hotspots-gistar": "gistar"}
_RECORD_KIND = {"incidents": "incident", "observations": "observation"}

_META_PARAMS = frozenset({"f"})
_ITEMS_PARAMS = frozenset({"f", "bbox", "bbox-crs", "crs", "datetime", "limit", "offset"})
_JSON_FORMATS = ("json", "application/json")
_GEOJSON_FORMATS = ("json", "geojson", "application/json", "application/geo+json")

Who = Annotated[Principal, Depends(current_principal)]

#: The query parameters of ``/items`` as the OpenAPI document lists them (QGIS reads the
#: default and maximum of ``limit`` from here).
_ITEMS_OPENAPI = {
    "parameters": [
        {
            "name": "bbox",
            "in": "query",
            "required": False,
            "style": "form",
            "explode": False,
            "description": "minLon,minLat,maxLon,maxLat in degrees (CRS84); 6 numbers with "
            "heights are accepted",
            "schema": {
                "type": "array",
                "minItems": 4,
                "maxItems": 6,
                "items": {"type": "number"},
            },
        },
        {
            "name": "bbox-crs",
            "in": "query",
            "required": False,
            "description": "Only " + CRS84,
            "schema": {"type": "string", "enum": [CRS84]},
        },
        {
            "name": "crs",
            "in": "query",
            "required": False,
            "description": "Only " + CRS84 + " (lon/lat), the CRS of every response",
            "schema": {"type": "string", "enum": [CRS84]},
        },
        {
            "name": "datetime",
            "in": "query",
            "required": False,
            "style": "form",
            "explode": False,
            "description": "An instant (2026-11-16T08:00:00Z, or a date: the whole day, UTC) "
            "or an interval a/b, ../b, a/..; features whose time span intersects it",
            "schema": {"type": "string"},
        },
        {
            "name": "limit",
            "in": "query",
            "required": False,
            "style": "form",
            "explode": False,
            "description": f"Features per page (above {MAX_LIMIT:,} the maximum is used)",
            "schema": {
                "type": "integer",
                "minimum": 1,
                "maximum": MAX_LIMIT,
                "default": DEFAULT_LIMIT,
            },
        },
        {
            "name": "offset",
            "in": "query",
            "required": False,
            "description": "Features to skip (the next and prev links set it)",
            "schema": {"type": "integer", "minimum": 0, "default": 0},
        },
        {
            "name": "f",
            "in": "query",
            "required": False,
            "schema": {"type": "string", "enum": list(_GEOJSON_FORMATS)},
        },
    ]
}
_META_OPENAPI = {
    "parameters": [
        {
            "name": "f",
            "in": "query",
            "required": False,
            "schema": {"type": "string", "enum": list(_JSON_FORMATS)},
        }
    ]
}
_FEATURE_OPENAPI = {
    "parameters": [
        {
            "name": "f",
            "in": "query",
            "required": False,
            "schema": {"type": "string", "enum": list(_GEOJSON_FORMATS)},
        }
    ]
}
_GEOJSON_RESPONSE = {200: {"content": {GEOJSON: {}}, "description": "GeoJSON"}}
SCHEMA_TYPE = "application/schema+json"

_STR = {"type": "string"}
_INT = {"type": "integer"}
_NUM = {"type": "number"}
_BOOL = {"type": "boolean"}
_TIME = {"type": "string", "format": "date-time"}
#: The properties of each record collection, in the order of the features' properties.
_INCIDENT_PROPS = {
    "id": _INT,
    "source": _STR,
    "external_id": _STR,
    "category": _STR,
    "category_label": _STR,
    "occurred_from": _TIME,
    "occurred_to": _TIME,
    "precision": _STR,
    "address": _STR,
    "place": _STR,
    "municipality": _STR,
    "outside_area": _BOOL,
    "description": _STR,
}
_OBSERVATION_PROPS = {
    **{k: v for k, v in _INCIDENT_PROPS.items() if k in ("id", "source", "external_id")},
    "category": _STR,
    "category_label": _STR,
    "occurred_from": _TIME,
    "occurred_to": _TIME,
    "status": _STR,
    "status_changed_at": _TIME,
    "severity": _INT,
    "walk_id": _INT,
    "precision": _STR,
    "address": _STR,
    "place": _STR,
    "municipality": _STR,
    "outside_area": _BOOL,
    "description": _STR,
}
_MEASURE_PROPS = {
    "id": _INT,
    "measure": _STR,
    "measure_label": _STR,
    "title": _STR,
    "description": _STR,
    "status": _STR,
    "status_changed_at": _TIME,
    "decided_on": _TIME,
    "starts_on": _TIME,
    "ends_on": _TIME,
    "lon": _NUM,
    "lat": _NUM,
    "radius_m": _NUM,
    "cost_sek": _NUM,
    "municipality": _STR,
}


# ----------------------------------------------------------------------------- parameters
@dataclass(frozen=True)
class Filters:
    """The parsed query of an ``/items`` request."""

    bbox: tuple[float, float, float, float] | None = None
    start: datetime | None = None
    end: datetime | None = None
    limit: int = DEFAULT_LIMIT
    offset: int = 0


def _check_query(request: Request, allowed: frozenset[str], formats: tuple[str, ...]) -> None:
    params = request.query_params
    for name in params:
        if name not in allowed:
            raise InputError(
                msg("ogc.unknown_param", name=name, allowed=", ".join(sorted(allowed)))
            )
        if len(params.getlist(name)) > 1:
            raise InputError(msg("ogc.repeated_param", name=name))
    f = params.get("f")
    if f is not None and f.strip().lower() not in formats:
        raise InputError(msg("ogc.bad_f", value=f, allowed=", ".join(formats)))


def parse_bbox(value: str) -> tuple[float, float, float, float]:
    """``minLon,minLat,maxLon,maxLat`` (or 6 numbers with heights) in degrees."""
    parts = value.split(",")
    try:
        nums = [float(p) for p in parts]
    except ValueError:
        raise InputError(msg("ogc.bad_bbox", value=value)) from None
    if len(nums) not in (4, 6) or not all(math.isfinite(n) for n in nums):
        raise InputError(msg("ogc.bad_bbox", value=value))
    x0, y0, x1, y1 = nums[:4] if len(nums) == 4 else (nums[0], nums[1], nums[3], nums[4])
    if not (-180 <= x0 <= 180 and -180 <= x1 <= 180 and -90 <= y0 <= y1 <= 90):
        raise InputError(msg("ogc.bad_bbox", value=value))
    return x0, y0, x1, y1


# "2026-11-16T08:00:00 01:00": a "+" sent unescaped arrives as a space
_SPACE_OFFSET = re.compile(r"^(.*\d[T ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?) (\d\d:?\d\d)$")


def _instant(text_value: str, whole: str, *, end: bool) -> datetime:
    """One RFC 3339 date-time (UTC without an offset), or a date: its first or last moment."""
    value = _SPACE_OFFSET.sub(r"\1+\2", text_value.strip())
    try:
        if re.fullmatch(r"\d{4}-\d\d-\d\d", value):
            day = date.fromisoformat(value)
            return datetime.combine(day, time.max if end else time.min, UTC)
        if not re.fullmatch(r"\d{4}-\d\d-\d\d[Tt ]\d\d:\d\d.*", value):
            raise ValueError(value)
        moment = datetime.fromisoformat(value.upper())
        return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(UTC)
    except (ValueError, OverflowError):  # not a date, or beyond year 1 ... 9999
        raise InputError(msg("ogc.bad_datetime", value=whole)) from None


def parse_datetime(value: str) -> tuple[datetime | None, datetime | None]:
    """An instant or an interval (``a/b``, ``../b``, ``a/..``) as [start, end], both closed."""
    if value.count("/") > 1:
        raise InputError(msg("ogc.bad_datetime", value=value))
    if "/" not in value:
        if value.strip() in ("", ".."):
            raise InputError(msg("ogc.bad_datetime", value=value))
        return _instant(value, value, end=False), _instant(value, value, end=True)
    a, _, b = (p.strip() for p in value.partition("/"))
    start = None if a in ("", "..") else _instant(a, value, end=False)
    end = None if b in ("", "..") else _instant(b, value, end=True)
    if start is None and end is None:
        raise InputError(msg("ogc.bad_datetime", value=value))
    if start is not None and end is not None and start > end:
        raise InputError(msg("ogc.datetime_order", value=value))
    return start, end


def _whole(value: str, minimum: int, key: str) -> int:
    if not re.fullmatch(r"\s*\+?\d{1,12}\s*", value) or int(value) < minimum:
        if key == "limit":
            raise InputError(msg("ogc.bad_limit", value=value, max=MAX_LIMIT))
        raise InputError(msg("ogc.bad_offset", value=value))
    return int(value)


def parse_filters(request: Request) -> Filters:
    """The ``/items`` query, checked: 400 for anything unknown or malformed."""
    _check_query(request, _ITEMS_PARAMS, _GEOJSON_FORMATS)
    q = request.query_params
    for name in ("bbox-crs", "crs"):  # OGC API - Features Part 2, answered for CRS84 only
        crs = q.get(name)
        if crs is not None and crs.strip() != CRS84:
            raise InputError(msg("ogc.bad_crs", name=name, value=crs, crs=CRS84))
    bbox = parse_bbox(q["bbox"]) if "bbox" in q else None
    start, end = parse_datetime(q["datetime"]) if "datetime" in q else (None, None)
    limit = min(_whole(q["limit"], 1, "limit"), MAX_LIMIT) if "limit" in q else DEFAULT_LIMIT
    offset = _whole(q["offset"], 0, "offset") if "offset" in q else 0
    return Filters(bbox, start, end, limit, offset)


# ----------------------------------------------------------------------------- helpers
def _iso(value) -> str | None:
    """ISO 8601 UTC with a ``Z`` (what GDAL reads as a date-time), or None."""
    if value is None:
        return None
    try:
        if value != value:  # NaT
            return None
    except (TypeError, ValueError):
        pass
    if hasattr(value, "to_pydatetime"):
        value = value.to_pydatetime()
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    value = value.astimezone(UTC)
    fmt = "%Y-%m-%dT%H:%M:%S.%fZ" if value.microsecond else "%Y-%m-%dT%H:%M:%SZ"
    return value.strftime(fmt)


def _value(v):
    """A plain JSON value: NaN, NaT and pandas' missing values become None."""
    if v is None:
        return None
    if hasattr(v, "item") and not isinstance(v, (str, bytes)):  # numpy scalars
        v = v.item()
    if isinstance(v, float) and not math.isfinite(v):
        return None
    try:
        if v != v:
            return None
    except (TypeError, ValueError):
        pass
    return v


def _respond(body: dict, media_type: str = JSON_TYPE) -> JSONResponse:
    return JSONResponse(body, media_type=media_type)


def _url(request: Request, name: str, **params) -> str:
    return str(request.url_for(name, **params))


def _check_role(who: Principal, collection_id: str) -> None:
    """401/403 (the rule of :func:`api.auth.require_role`) unless ``who`` may read it."""
    roles = COLLECTIONS[collection_id]
    if who.role not in roles | {"admin"}:
        require_role(*sorted(roles))(who)


def _collection_id(collection_id: str, who: Principal) -> str:
    if collection_id not in COLLECTIONS:
        raise NotFoundError(
            msg("ogc.no_collection", id=collection_id, known=", ".join(_listed(who)))
        )
    _check_role(who, collection_id)
    return collection_id


def _listed(who: Principal) -> list[str]:
    return [c for c, roles in COLLECTIONS.items() if who.role in roles | {"admin"}]


def _hidden_categories(who: Principal, settings: Settings) -> frozenset[str]:
    return frozenset() if who.full_detail else sensitive_codes(settings)


def _local_day(value: datetime | None, tz: str, *, end: bool = False) -> str:
    if value is None:
        return "…"
    if end:  # stored ends are exclusive: the last day included
        value = value - timedelta(microseconds=1)
    return value.astimezone(ZoneInfo(tz)).strftime("%Y-%m-%d")


# ----------------------------------------------------------------------------- records
def _tables(kind: str):
    from hotspots.store.models import Incident, Observation, StatusChange

    table = (Incident if kind == "incident" else Observation).__table__
    return table, StatusChange.__table__


def _record_conditions(store, table, flt: Filters, hidden: frozenset[str]) -> list:
    conds = []
    if flt.bbox is not None:
        x0, y0, x1, y1 = flt.bbox
        if x0 <= x1 and store.dialect == "postgresql":  # through the GiST index on geom
            conds.append(
                text(
                    f"{table.name}.geom && "
                    "ST_MakeEnvelope(:ogc_x0, :ogc_y0, :ogc_x1, :ogc_y1, 4326)"
                ).bindparams(ogc_x0=x0, ogc_y0=y0, ogc_x1=x1, ogc_y1=y1)
            )
        else:
            lon = (
                table.c.lon.between(x0, x1)
                if x0 <= x1
                else or_(table.c.lon >= x0, table.c.lon <= x1)  # across the antimeridian
            )
            conds += [lon, table.c.lat.between(y0, y1)]
    if flt.end is not None:
        conds.append(table.c.occurred_from <= flt.end)
    if flt.start is not None:
        conds.append(func.coalesce(table.c.occurred_to, table.c.occurred_from) >= flt.start)
    if hidden:
        conds.append(table.c.category.not_in(sorted(hidden)))
    return conds


_RECORD_FIELDS = (
    "id",
    "source",
    "external_id",
    "category",
    "occurred_from",
    "occurred_to",
    "precision",
    "address",
    "place",
    "municipality",
    "outside_area",
    "description",
    "lon",
    "lat",
)
_OBS_FIELDS = ("walk_id", "severity", "status")


def _record_select(kind: str):
    table, sc = _tables(kind)
    cols = [table.c[c] for c in _RECORD_FIELDS]
    if kind == "incident":
        return table, select(*cols)
    latest = (
        select(sc.c.record_id, func.max(sc.c.changed_at).label("status_changed_at"))
        .where(sc.c.kind == "observation")
        .group_by(sc.c.record_id)
        .subquery()
    )
    q = select(*cols, *[table.c[c] for c in _OBS_FIELDS], latest.c.status_changed_at)
    return table, q.select_from(table.outerjoin(latest, latest.c.record_id == table.c.id))


def _record_feature(row, kind: str, who: Principal, labels, lang: str) -> dict:
    r = row._mapping
    geometry = (
        {"type": "Point", "coordinates": [float(r["lon"]), float(r["lat"])]}
        if r["lon"] is not None and r["lat"] is not None
        else None
    )
    props = {
        "id": r["id"],
        "source": r["source"],
        "external_id": r["external_id"],
        "category": r["category"],
        "category_label": labels(r["category"], lang),
        "occurred_from": _iso(r["occurred_from"]),
        "occurred_to": _iso(r["occurred_to"]),
    }
    if kind == "observation":
        props |= {
            "status": r["status"],
            "status_changed_at": _iso(r["status_changed_at"]),
            "severity": r["severity"],
            "walk_id": r["walk_id"],
        }
    props |= {
        "precision": r["precision"],
        "address": r["address"],
        "place": r["place"],
        "municipality": r["municipality"],
        "outside_area": bool(r["outside_area"]),
    }
    if kind == "incident" or who.role != "public":
        props["description"] = r["description"]
    return {"type": "Feature", "id": r["id"], "geometry": geometry, "properties": props}


def _labels(settings: Settings):
    cat = catalogue(settings)

    def label(code: str, lang: str) -> str:
        return cat[code].label(lang) if code in cat else code

    return label


def _record_items(store, settings, who, collection_id, flt: Filters) -> tuple[int, list[dict]]:
    kind = _RECORD_KIND[collection_id]
    hidden = _hidden_categories(who, settings)
    table, q = _record_select(kind)
    conds = _record_conditions(store, table, flt, hidden)
    count = select(func.count()).select_from(table).where(*conds)
    page = q.where(*conds).order_by(table.c.id).limit(flt.limit).offset(flt.offset)
    with store.engine.connect() as conn:
        matched = int(conn.execute(count).scalar_one())
        rows = conn.execute(page).all() if flt.offset < matched else []
    labels, lang = _labels(settings), current_language()
    return matched, [_record_feature(r, kind, who, labels, lang) for r in rows]


def _record_one(store, settings, who, collection_id, fid: int) -> dict | None:
    kind = _RECORD_KIND[collection_id]
    table, q = _record_select(kind)
    conds = _record_conditions(store, table, Filters(), _hidden_categories(who, settings))
    with store.engine.connect() as conn:
        row = conn.execute(q.where(table.c.id == fid, *conds)).first()
    if row is None:
        return None
    return _record_feature(row, kind, who, _labels(settings), current_language())


def _record_extent(store, settings, who, collection_id) -> dict | None:
    table, _ = _tables(_RECORD_KIND[collection_id])
    hidden = _hidden_categories(who, settings)
    q = select(
        func.min(table.c.lon),
        func.min(table.c.lat),
        func.max(table.c.lon),
        func.max(table.c.lat),
        func.min(table.c.occurred_from),
        func.max(func.coalesce(table.c.occurred_to, table.c.occurred_from)),
    )
    if hidden:
        q = q.where(table.c.category.not_in(sorted(hidden)))
    with store.engine.connect() as conn:
        x0, y0, x1, y1, t0, t1 = conn.execute(q).one()
    return _extent((x0, y0, x1, y1) if x0 is not None else None, t0, t1)


def _extent(bbox, t0, t1) -> dict | None:
    out: dict = {}
    if bbox is not None:
        out["spatial"] = {"bbox": [[float(v) for v in bbox]], "crs": CRS84}
    if t0 is not None or t1 is not None:
        out["temporal"] = {"interval": [[_iso(t0), _iso(t1)]], "trs": TRS}
    return out or None


# ----------------------------------------------------------------------------- measures
def _measure_rows(store, settings) -> list[dict]:
    frame = store.measures()
    return [{k: _value(v) for k, v in rec.items()} for rec in frame.to_dict(orient="records")]


def _measure_span(rec: dict) -> tuple[datetime | None, datetime | None]:
    start = rec.get("starts_on") or rec.get("decided_on")
    return start, rec.get("ends_on")


def _measure_geometry(rec: dict) -> dict | None:
    """The measure's area; a point with a radius as a circle (64 corners), else the point.

    Circles keep a layer of measures one geometry type (polygons), which QGIS needs.
    """
    area = rec.get("area_geojson")
    if isinstance(area, dict) and area.get("type") and area.get("coordinates"):
        return {"type": area["type"], "coordinates": area["coordinates"]}
    lon, lat = rec.get("lon"), rec.get("lat")
    if lon is None or lat is None:
        return None
    radius = rec.get("radius_m")
    if radius:
        return _circle(float(lon), float(lat), float(radius))
    return {"type": "Point", "coordinates": [float(lon), float(lat)]}


@lru_cache(maxsize=4096)
def _circle(lon: float, lat: float, radius: float) -> dict:
    """A circle of ``radius`` metres as a 64-corner polygon (cached: never modify it)."""
    import numpy as np
    import shapely
    from pyproj import Transformer

    local = f"+proj=aeqd +lat_0={lat} +lon_0={lon} +datum=WGS84 +units=m"
    back = Transformer.from_crs(local, 4326, always_xy=True)
    disc = shapely.Point(0.0, 0.0).buffer(radius, quad_segs=16)
    ring = shapely.get_coordinates(disc.exterior)
    x, y = back.transform(ring[:, 0], ring[:, 1])
    coords = np.round(np.column_stack([x, y]), 7).tolist()
    return {"type": "Polygon", "coordinates": [coords]}


def _measure_feature(rec: dict, geometry: dict | None, settings: Settings, lang: str) -> dict:
    cat = catalogue(settings)
    code = rec["measure"]
    label = cat.measures[code].label(lang) if code in cat.measures else code
    props = {
        "id": int(rec["id"]),
        "measure": code,
        "measure_label": label,
        "title": rec["title"],
        "description": rec.get("description"),
        "status": rec["status"],
        "status_changed_at": _iso(rec.get("status_changed_at")),
        "decided_on": _iso(rec.get("decided_on")),
        "starts_on": _iso(rec.get("starts_on")),
        "ends_on": _iso(rec.get("ends_on")),
        "lon": rec.get("lon"),
        "lat": rec.get("lat"),
        "radius_m": rec.get("radius_m"),
        "cost_sek": rec.get("cost_sek"),
        "municipality": rec.get("municipality"),
    }
    return {
        "type": "Feature",
        "id": int(rec["id"]),
        "geometry": geometry,
        "properties": props,
    }


def _intersects(geometry: dict | None, bbox) -> bool:
    if geometry is None:
        return False
    from shapely.geometry import box, shape

    x0, y0, x1, y1 = bbox
    boxes = [box(x0, y0, x1, y1)] if x0 <= x1 else [box(x0, y0, 180, y1), box(-180, y0, x1, y1)]
    try:
        geom = shape(geometry)
    except (ValueError, TypeError, AttributeError, KeyError, IndexError):
        return False
    return any(geom.intersects(b) for b in boxes)


def _overlaps(span: tuple[datetime | None, datetime | None], flt: Filters) -> bool:
    """Whether a time span (None: open) intersects the request's interval."""
    a, b = span
    if flt.end is not None and a is not None and a > flt.end:
        return False
    return not (flt.start is not None and b is not None and b < flt.start)


def _measure_items(store, settings, flt: Filters) -> list[dict]:
    lang = current_language()
    out = []
    for rec in _measure_rows(store, settings):
        geometry = _measure_geometry(rec)
        if flt.bbox is not None and not _intersects(geometry, flt.bbox):
            continue
        if (flt.start or flt.end) and not _overlaps(_measure_span(rec), flt):
            continue
        out.append(_measure_feature(rec, geometry, settings, lang))
    return out


def _measure_extent(store, settings) -> dict | None:
    from api.routes.hotspots_api import _bounds

    boxes, starts, ends = [], [], []
    for rec in _measure_rows(store, settings):
        box = _bounds(_measure_geometry(rec))
        if box is not None:
            boxes.append(box)
        a, b = _measure_span(rec)
        starts += [a] if a is not None else []
        ends += [b] if b is not None else []
    return _extent(_union(boxes), min(starts, default=None), max(ends, default=None))


def _union(boxes) -> tuple[float, float, float, float] | None:
    if not boxes:
        return None
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


# ----------------------------------------------------------------------------- hotspots
def _hotspot_layer(store, settings, who, collection_id):
    """The latest run of the collection's method as ``who`` may see it, or None."""
    run_id = latest_run_id(store, _HOTSPOTS[collection_id], who, sensitive_codes(settings))
    if run_id is None:
        return None
    return run_layer(store, run_id, min_count=min_count_for(who, settings), settings=settings)


def _hotspot_items(layer, flt: Filters) -> list[dict]:
    if layer is None:
        return []
    if (flt.start or flt.end) and not _overlaps((layer.run.window_from, layer.run.window_to), flt):
        return []
    if flt.bbox is None:
        return list(layer.features)
    x0, y0, x1, y1 = flt.bbox
    out = []
    for feature, (fx0, fy0, fx1, fy1) in zip(layer.features, layer.bounds, strict=True):
        if fy1 < y0 or fy0 > y1:
            continue
        if x0 <= x1 and (fx1 < x0 or fx0 > x1):
            continue
        if _intersects(feature["geometry"], flt.bbox):
            out.append(feature)
    return out


def _hotspot_description(layer, settings, method: str) -> str:
    if layer is None:
        return msg("ogc.hotspots.no_run", method=method)
    run = layer.run
    if run.window_from is None and run.window_to is None:
        window = msg("ogc.window.open")
    else:
        tz = settings.timezone
        window = f"{_local_day(run.window_from, tz)} – {_local_day(run.window_to, tz, end=True)}"
    if layer.min_count:
        return msg(
            "ogc.hotspots.description",
            run=run.id,
            method=run.method,
            window=window,
            hidden=layer.hidden,
            k=layer.min_count,
        )
    return msg("ogc.hotspots.description_full", run=run.id, method=run.method, window=window)


# ----------------------------------------------------------------------------- collections
def _titles() -> dict[str, str]:
    return {
        "incidents": msg("ogc.incidents.title"),
        "observations": msg("ogc.observations.title"),
        "measures": msg("ogc.measures.title"),
        "hotspots-dbscan": msg("ogc.dbscan.title"),
        "hotspots-gistar": msg("ogc.gistar.title"),
    }


def _collection(request: Request, collection_id: str, who, store, settings) -> dict:
    if collection_id in _RECORD_KIND:
        description = (
            msg("ogc.incidents.description")
            if collection_id == "incidents"
            else msg("ogc.observations.description")
        )
        extent = _record_extent(store, settings, who, collection_id)
    elif collection_id == "measures":
        description = msg("ogc.measures.description")
        extent = _measure_extent(store, settings)
    else:
        layer = _hotspot_layer(store, settings, who, collection_id)
        description = _hotspot_description(layer, settings, _HOTSPOTS[collection_id])
        extent = (
            _extent(_union(layer.bounds), layer.run.window_from, layer.run.window_to)
            if layer is not None
            else None
        )
    out = {
        "id": collection_id,
        "title": _titles()[collection_id],
        "description": description,
        "itemType": "feature",
        "crs": [CRS84],
        "links": [
            {
                "href": _url(request, "ogc_collection", collection_id=collection_id),
                "rel": "self",
                "type": JSON_TYPE,
                "title": _titles()[collection_id],
            },
            {
                "href": _url(request, "ogc_items", collection_id=collection_id),
                "rel": "items",
                "type": GEOJSON,
                "title": _titles()[collection_id],
            },
            # RFC 8288 compares relation types case-insensitively; GDAL 3.6 looks for
            # "describedBy" exactly, other clients for the registered "describedby"
            *(
                {
                    "href": _url(request, "ogc_schema", collection_id=collection_id),
                    "rel": rel,
                    "type": SCHEMA_TYPE,
                }
                for rel in ("describedby", "describedBy")
            ),
        ],
    }
    if extent is not None:
        out["extent"] = extent
    return out


def _page(request: Request, flt: Filters, matched: int, returned: int) -> list[dict]:
    links = [{"href": str(request.url), "rel": "self", "type": GEOJSON}]
    if flt.offset + returned < matched:
        links.append(
            {
                "href": str(
                    request.url.include_query_params(offset=flt.offset + flt.limit, limit=flt.limit)
                ),
                "rel": "next",
                "type": GEOJSON,
            }
        )
    if flt.offset > 0:
        links.append(
            {
                "href": str(
                    request.url.include_query_params(
                        offset=max(flt.offset - flt.limit, 0), limit=flt.limit
                    )
                ),
                "rel": "prev",
                "type": GEOJSON,
            }
        )
    return links


def _now() -> str:
    return _iso(datetime.now(UTC).replace(microsecond=0))


# ----------------------------------------------------------------------------- endpoints
@router.get(
    "", name="ogc_landing", summary="OGC API - Features landing page", openapi_extra=_META_OPENAPI
)
def landing(request: Request) -> JSONResponse:
    """Links to the API definition, the conformance classes and the collections."""
    _check_query(request, _META_PARAMS, _JSON_FORMATS)
    base = str(request.base_url).rstrip("/")
    return _respond(
        {
            "title": msg("ogc.title"),
            "description": msg("ogc.description"),
            "links": [
                {"href": str(request.url), "rel": "self", "type": JSON_TYPE},
                {
                    "href": base + (request.app.openapi_url or "/openapi.json"),
                    "rel": "service-desc",
                    "type": OPENAPI_TYPE,
                },
                {"href": base + "/docs", "rel": "service-doc", "type": "text/html"},
                {
                    "href": _url(request, "ogc_conformance"),
                    "rel": "conformance",
                    "type": JSON_TYPE,
                },
                {"href": _url(request, "ogc_collections"), "rel": "data", "type": JSON_TYPE},
            ],
        }
    )


@router.get(
    "/conformance",
    name="ogc_conformance",
    summary="Conformance classes",
    openapi_extra=_META_OPENAPI,
)
def conformance(request: Request) -> JSONResponse:
    """Core, GeoJSON and OpenAPI 3.0 of OGC API - Features Part 1."""
    _check_query(request, _META_PARAMS, _JSON_FORMATS)
    return _respond({"conformsTo": CONFORMANCE})


@router.get(
    "/collections",
    name="ogc_collections",
    summary="The collections the caller may read",
    openapi_extra=_META_OPENAPI,
)
def collections(request: Request, who: Who, store: StoreDep, settings: SettingsDep) -> JSONResponse:
    """The collections of the caller's role, with their extents."""
    _check_query(request, _META_PARAMS, _JSON_FORMATS)
    return _respond(
        {
            "links": [{"href": str(request.url), "rel": "self", "type": JSON_TYPE}],
            "collections": [_collection(request, c, who, store, settings) for c in _listed(who)],
        }
    )


@router.get(
    "/collections/{collection_id}",
    name="ogc_collection",
    summary="One collection",
    openapi_extra=_META_OPENAPI,
)
def collection(
    collection_id: str, request: Request, who: Who, store: StoreDep, settings: SettingsDep
) -> JSONResponse:
    """A collection's title, description, extent and links."""
    _check_query(request, _META_PARAMS, _JSON_FORMATS)
    cid = _collection_id(collection_id, who)
    return _respond(_collection(request, cid, who, store, settings))


@router.get(
    "/collections/{collection_id}/items",
    name="ogc_items",
    summary="Features of a collection (GeoJSON)",
    openapi_extra=_ITEMS_OPENAPI,
    responses=_GEOJSON_RESPONSE,
)
def items(
    collection_id: str, request: Request, who: Who, store: StoreDep, settings: SettingsDep
) -> JSONResponse:
    """A page of features filtered by ``bbox`` and ``datetime``, with paging links."""
    cid = _collection_id(collection_id, who)
    flt = parse_filters(request)
    if cid in _RECORD_KIND:
        matched, features = _record_items(store, settings, who, cid, flt)
    else:
        every = (
            _measure_items(store, settings, flt)
            if cid == "measures"
            else _hotspot_items(_hotspot_layer(store, settings, who, cid), flt)
        )
        matched, features = len(every), every[flt.offset : flt.offset + flt.limit]
    body = {
        "type": "FeatureCollection",
        "features": features,
        "links": _page(request, flt, matched, len(features))
        + [
            {
                "href": _url(request, "ogc_collection", collection_id=cid),
                "rel": "collection",
                "type": JSON_TYPE,
            }
        ],
        "timeStamp": _now(),
        "numberMatched": matched,
        "numberReturned": len(features),
    }
    return _respond(body, GEOJSON)


@router.get(
    "/collections/{collection_id}/items/{feature_id}",
    name="ogc_item",
    summary="One feature (GeoJSON)",
    openapi_extra=_FEATURE_OPENAPI,
    responses=_GEOJSON_RESPONSE,
)
def item(
    collection_id: str,
    feature_id: str,
    request: Request,
    who: Who,
    store: StoreDep,
    settings: SettingsDep,
) -> JSONResponse:
    """One feature by its id."""
    cid = _collection_id(collection_id, who)
    _check_query(request, _META_PARAMS, _GEOJSON_FORMATS)
    # ids are 32-bit integers in the database; anything else names no feature
    fid = int(feature_id) if re.fullmatch(r"\d{1,10}", feature_id) else None
    if fid is not None and fid > 2**31 - 1:
        fid = None
    feature = None
    if fid is not None:
        if cid in _RECORD_KIND:
            feature = _record_one(store, settings, who, cid, fid)
        elif cid == "measures":
            feature = next(
                (f for f in _measure_items(store, settings, Filters()) if f["id"] == fid), None
            )
        else:
            layer = _hotspot_layer(store, settings, who, cid)
            feature = next((f for f in (layer.features if layer else []) if f["id"] == fid), None)
    if feature is None:
        raise NotFoundError(msg("ogc.no_feature", id=feature_id, collection=cid))
    body = dict(feature)
    body["links"] = [
        {"href": str(request.url), "rel": "self", "type": GEOJSON},
        {
            "href": _url(request, "ogc_collection", collection_id=cid),
            "rel": "collection",
            "type": JSON_TYPE,
        },
    ]
    return _respond(body, GEOJSON)


# ----------------------------------------------------------------------------- schemas
_DATE = re.compile(r"\d{4}-\d\d-\d\d")
_DATETIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)?")


def _infer(features: list[dict]) -> dict[str, dict]:
    """JSON Schema types of the features' properties, from their values."""
    seen: dict[str, list] = {}
    for feature in features:
        for key, value in feature["properties"].items():
            seen.setdefault(key, [])
            if value is not None:
                seen[key].append(value)
    out: dict[str, dict] = {}
    for key, values in seen.items():
        if values and all(isinstance(v, bool) for v in values):
            out[key] = _BOOL
        elif values and all(isinstance(v, int) and not isinstance(v, bool) for v in values):
            out[key] = _INT
        elif values and all(
            isinstance(v, (int, float)) and not isinstance(v, bool) for v in values
        ):
            out[key] = _NUM
        elif values and all(isinstance(v, str) and _DATE.fullmatch(v) for v in values):
            out[key] = {"type": "string", "format": "date"}
        elif values and all(isinstance(v, str) and _DATETIME.fullmatch(v) for v in values):
            out[key] = _TIME
        else:
            out[key] = _STR
    return out


def _properties_schema(collection_id: str, who: Principal, store, settings) -> dict[str, dict]:
    if collection_id == "incidents":
        return dict(_INCIDENT_PROPS)
    if collection_id == "observations":
        props = dict(_OBSERVATION_PROPS)
        if who.role == "public":
            props.pop("description")
        return props
    if collection_id == "measures":
        return dict(_MEASURE_PROPS)
    layer = _hotspot_layer(store, settings, who, collection_id)
    return _infer(layer.features) if layer is not None else {"run_id": _INT}


@router.get(
    "/collections/{collection_id}/schema",
    name="ogc_schema",
    summary="JSON Schema of a collection's features",
    openapi_extra=_META_OPENAPI,
    responses={200: {"content": {SCHEMA_TYPE: {}}, "description": "JSON Schema"}},
)
def schema(
    collection_id: str, request: Request, who: Who, store: StoreDep, settings: SettingsDep
) -> JSONResponse:
    """The GeoJSON features of the collection as a JSON Schema (property names and types).

    GDAL reads the field types from here (``date-time`` fields stay date-times even when
    the first page holds no value).
    """
    _check_query(request, _META_PARAMS, _JSON_FORMATS)
    cid = _collection_id(collection_id, who)
    body = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": str(request.url.remove_query_params("f")),
        "title": _titles()[cid],
        "type": "object",
        "required": ["type", "geometry", "properties"],
        "properties": {
            "type": {"type": "string", "enum": ["Feature"]},
            "id": _INT,
            "geometry": {"type": "object"},
            # the record id is the feature's "id"; it is also a property, but GDAL adds
            # a property "id" of the first page to the schema's fields, so listing it here
            # would give two "id" fields
            "properties": {
                "type": "object",
                "properties": {
                    k: v
                    for k, v in _properties_schema(cid, who, store, settings).items()
                    if k != "id"
                },
            },
        },
    }
    return _respond(body, SCHEMA_TYPE)
