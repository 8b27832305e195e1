"""The hotspot analysis API: analyses, stored runs, their layers, and the patrol focus list.

- ``POST /api/v1/hotspots/runs`` (analyst): run ``kde``, ``dbscan``, ``gistar``, ``emerging``
  or ``forecast`` on the stored incidents of a window and keep the run (``detection_runs``).
- ``GET /api/v1/hotspots/runs`` and ``GET /api/v1/hotspots/runs/{id}`` (analyst, leadership):
  the stored runs, newest first, without their layers.
- ``GET /api/v1/hotspots/runs/{id}/layer`` (analyst, leadership): the run's layer as GeoJSON
  (RFC 7946, lon/lat).
- ``GET /api/v1/focus`` (analyst, leadership): the patrol focus list.

**What roles below analyst see** (DESIGN.md: aggregates with small counts suppressed,
sensitive categories never named). With k = ``HOTSPOTS_MIN_CELL_COUNT`` (5):

- hotspot polygons (DBSCAN, kernel density) with fewer than k incidents are left out;
- grid cells (Gi*, emerging) holding 1 to k - 1 incidents are left out, and so are hot cells
  with fewer than k incidents within their distance band (the rule of the map,
  :func:`maps.layers.gistar_layer`). The stored run keeps the significant cells only, so the
  band's count is summed over those: a lower bound of the true count, which can only hide
  more, never less;
- forecast cells with fewer than k incidents (before the forecast's origin, of the run's
  selection) within the forecast's bandwidth are left out, and their ``risk`` (for the
  "last period" baseline it is a count) is not given, only the ``rank``;
- sensitive categories are removed from a hotspot's category counts, and a run made for
  a sensitive category is not shown at all;
- the focus list gives ``null`` for counts of 1 to k - 1, no hour x weekday matrix and no
  sensitive category.

The processed layer of a run is cached per (database, run, k, language): a stored run never
changes, and the OGC API serves the latest runs to many clients.
"""

from __future__ import annotations

import inspect
import json
import math
import threading
from collections import OrderedDict
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo

import numpy as np
from fastapi import APIRouter, Depends, Path, Query
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import select, update

from api.auth import Principal, require_role
from api.deps import SettingsDep, StoreDep
from hotspots.errors import HotspotsError, InputError, NotFoundError
from hotspots.i18n import current_language, msg
from hotspots.settings import Settings

__all__ = [
    "RunLayer",
    "latest_run_id",
    "min_count_for",
    "router",
    "run_layer",
    "run_visible",
    "sensitive_codes",
]

router = APIRouter(tags=["hotspots"])

GEOJSON = "application/geo+json"
#: The methods of :data:`hotspots.detect.run.METHODS`.
METHODS = ("kde", "dbscan", "gistar", "emerging", "forecast")
#: Estimator parameters that are objects, not numbers or words: set by the request's window
#: and area (``end``, ``origin``) or not expressible in JSON (``study_area``).
NOT_IN_PARAMS = frozenset({"end", "origin", "study_area"})
MAX_RUNS_PAGE = 500

#: Ids are 32-bit integers in the database (PostgreSQL ``integer``).
RunId = Annotated[int, Path(ge=1, le=2**31 - 1, description="Id of a stored run")]
Analyst = Annotated[Principal, Depends(require_role("analyst"))]
Reader = Annotated[Principal, Depends(require_role("analyst", "leadership"))]


# ----------------------------------------------------------------------------- roles
def min_count_for(who: Principal, settings: Settings) -> int:
    """The small-count threshold k for ``who``: 0 (all shown) for analyst and admin."""
    return 0 if who.full_detail else int(settings.min_cell_count)


def catalogue(settings: Settings):
    """The category catalogue of the installation (cached by its file's mtime)."""
    from hotspots.catalogue import load_catalogue

    return load_catalogue(settings.data_dir / "categories.toml")


def sensitive_codes(settings: Settings) -> frozenset[str]:
    """The sensitive category codes of the catalogue."""
    return frozenset(catalogue(settings).sensitive_codes())


def run_visible(categories: list | None, who: Principal, sensitive: frozenset[str]) -> bool:
    """A run made for a sensitive category is shown to analyst and admin only."""
    return who.full_detail or not (set(categories or ()) & sensitive)


def _runs_table():
    from hotspots.store.models import DetectionRun

    return DetectionRun.__table__


def _visible_ids(
    store, who: Principal, sensitive: frozenset[str], method: str | None = None
) -> list[int]:
    """Ids of the runs ``who`` may see, newest first."""
    t = _runs_table()
    q = select(t.c.id, t.c.categories).order_by(t.c.id.desc())
    if method is not None:
        q = q.where(t.c.method == method)
    with store.engine.connect() as conn:
        rows = conn.execute(q).all()
    return [r.id for r in rows if run_visible(r.categories, who, sensitive)]


def latest_run_id(store, method: str, who: Principal, sensitive: frozenset[str]) -> int | None:
    """The newest stored run of ``method`` that ``who`` may see, or None."""
    t = _runs_table()
    q = select(t.c.id, t.c.categories).where(t.c.method == method).order_by(t.c.id.desc())
    with store.engine.connect() as conn:
        for row in conn.execute(q):
            if run_visible(row.categories, who, sensitive):
                return int(row.id)
    return None


# ----------------------------------------------------------------------------- run layers
@dataclass(frozen=True)
class RunLayer:
    """A stored run's features as one role may see them.

    ``features`` are GeoJSON features (lon/lat) with an integer ``id`` (the position in the
    stored result, from 1: the same for every role) and plain JSON properties; ``bounds``
    their [west, south, east, north] boxes, in the same order. ``run`` is the run without
    its stored result.
    """

    run: Any
    features: list[dict]
    bounds: list[tuple[float, float, float, float]]
    hidden: int
    min_count: int


_CACHE: OrderedDict[tuple, RunLayer] = OrderedDict()
_CACHE_SIZE = 8
_CACHE_LOCK = threading.Lock()


def run_layer(store, run_id: int, *, min_count: int, settings: Settings) -> RunLayer:
    """The layer of stored run ``run_id`` with small counts (< ``min_count``) suppressed."""
    from hotspots.store.runs import get_run

    lang = current_language()
    t = _runs_table()
    with store.engine.connect() as conn:
        created = conn.execute(select(t.c.created_at).where(t.c.id == run_id)).scalar()
    if created is None:
        raise NotFoundError(msg("runs.not_found", id=run_id))
    # the creation time too: ids start again after "hotspots demo --reset" on SQLite
    url = store.engine.url.render_as_string(hide_password=False)
    key = (url, run_id, created, min_count, lang)
    with _CACHE_LOCK:
        hit = _CACHE.get(key)
        if hit is not None:
            _CACHE.move_to_end(key)
            return hit
    run = get_run(store, run_id)
    layer = _build_layer(store, run, min_count=min_count, settings=settings, lang=lang)
    with _CACHE_LOCK:
        _CACHE[key] = layer
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    return layer


def _plain(value):
    """A JSON value without NaN or infinities (JSON has none; GDAL and QGIS choke on them)."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _positions(coords):
    if coords and isinstance(coords[0], (int, float)):
        yield float(coords[0]), float(coords[1])
        return
    for c in coords or ():
        yield from _positions(c)


def _bounds(geometry: dict | None) -> tuple[float, float, float, float] | None:
    pts = list(_positions((geometry or {}).get("coordinates")))
    if not pts:
        return None
    xs, ys = zip(*pts, strict=True)
    return min(xs), min(ys), max(xs), max(ys)


def _centres(features: list[dict]) -> np.ndarray:
    """lon/lat centres of cell polygons: the mean of the outer ring's corners.

    Exact for squares and hexagons.
    """
    out = np.full((len(features), 2), np.nan)
    for i, f in enumerate(features):
        geom = f.get("geometry") or {}
        coords = geom.get("coordinates") or []
        if geom.get("type") == "MultiPolygon" and coords:
            coords = coords[0]
        if geom.get("type") in ("Polygon", "MultiPolygon") and coords and len(coords[0]) > 1:
            ring = np.asarray(coords[0], dtype=float)[:-1, :2]
            out[i] = ring.mean(axis=0)
    return out


def _to_metres(lonlat: np.ndarray, crs: str) -> np.ndarray:
    from pyproj import Transformer

    tr = Transformer.from_crs(4326, crs, always_xy=True)
    x, y = tr.transform(lonlat[:, 0], lonlat[:, 1])
    return np.column_stack([x, y])


def _estimator_class(method: str):
    import importlib

    from hotspots.detect.run import METHODS

    module, name = METHODS[method]
    return getattr(importlib.import_module(module), name)


def _default(method: str, name: str, fallback: float) -> float:
    if method not in METHODS:
        return fallback
    param = inspect.signature(_estimator_class(method).__init__).parameters.get(name)
    if param is None or not isinstance(param.default, (int, float)):
        return fallback
    return float(param.default)


def _cell_support(run, features: list[dict], counts: np.ndarray) -> np.ndarray:
    """Incidents within the distance band of each cell, summed over the stored cells."""
    from scipy.spatial import cKDTree

    cell = float(run.params.get("cell_size") or _default(run.method, "cell_size", 100.0))
    band = float(run.params.get("distance_band") or 2.0 * cell)
    xy = _to_metres(_centres(features), run.crs)
    ok = np.isfinite(xy).all(axis=1)
    support = counts.astype(float).copy()
    if ok.sum() > 1:
        idx = np.flatnonzero(ok)
        tree = cKDTree(xy[ok])
        for i, near in zip(idx, tree.query_ball_point(xy[ok], band * (1 + 1e-9)), strict=True):
            support[i] = counts[idx[near]].sum()
    return support


def _forecast_support(store, run, features: list[dict]) -> np.ndarray:
    """Incidents of the run's selection before its origin within the bandwidth of a cell."""
    import pandas as pd
    from scipy.spatial import cKDTree

    from hotspots.detect.source import load_points

    bbox = (run.summary or {}).get("bbox")
    points = load_points(
        store,
        start=run.window_from,
        end=run.window_to,
        categories=run.categories or None,
        kind=run.kind,
        bbox=tuple(bbox) if bbox else None,
        crs=run.crs,
    )
    origins = {f["properties"].get("origin") for f in features} - {None}
    if origins and len(points):
        origin = pd.Timestamp(min(origins))
        points = points.loc[(pd.to_datetime(points["occurred_from"], utc=True) < origin).to_numpy()]
    cell = float(run.params.get("cell_size") or 100.0)
    radius = max(float(run.params.get("bandwidth") or 200.0), cell / math.sqrt(2))
    centres = _to_metres(_centres(features), run.crs)
    if not len(points):
        return np.zeros(len(features))
    tree = cKDTree(np.column_stack([points.geometry.x, points.geometry.y]))
    ok = np.isfinite(centres).all(axis=1)
    out = np.zeros(len(features))
    if ok.any():
        out[ok] = tree.query_ball_point(centres[ok], radius, return_length=True)
    return out


def _small(store, run, features: list[dict], k: int) -> np.ndarray:
    """Which features rest on fewer than ``k`` incidents (see the module's docstring)."""
    n = len(features)
    if not k or not n:
        return np.zeros(n, dtype=bool)
    props = [f["properties"] for f in features]

    def column(name: str) -> np.ndarray:
        return np.array([float(p.get(name) or 0) for p in props])

    if all("n_points" in p for p in props):  # DBSCAN and kernel-density polygons
        return column("n_points") < k
    if all("count" in p for p in props):  # Gi* and emerging cells
        counts = column("count")
        hot = np.array(
            [
                (p.get("class") or 0) > 0 or str(p.get("pattern") or "").endswith("_hot")
                for p in props
            ]
        )
        small = (counts > 0) & (counts < k)
        if hot.any():
            small |= hot & (_cell_support(run, features, counts) < k)
        return small
    if run.method == "forecast":
        return _forecast_support(store, run, features) < k
    return np.ones(n, dtype=bool)  # no counts to judge by: nothing leaves


def _category_text(counts: dict, labels, lang: str, top: int = 3) -> str:
    return ", ".join(f"{labels(c, lang)} ({n})" for c, n in list(counts.items())[:top])


def _build_layer(store, run, *, min_count: int, settings: Settings, lang: str) -> RunLayer:
    cat = catalogue(settings)
    sensitive = frozenset(cat.sensitive_codes())

    def label(code: str, language: str) -> str:
        return cat[code].label(language) if code in cat else code

    raw = (run.result or {}).get("features") or []
    features = [
        {
            "type": "Feature",
            "id": i,
            "geometry": f.get("geometry"),
            "properties": _plain(dict(f.get("properties") or {})),
        }
        for i, f in enumerate(raw, start=1)
    ]
    small = _small(store, run, features, min_count)
    kept, boxes = [], []
    for feature, hide in zip(features, small, strict=True):
        if hide:
            continue
        props = feature["properties"]
        if isinstance(props.get("categories"), str):
            try:
                counts = json.loads(props["categories"])
            except ValueError:
                counts = {}
            if min_count:
                counts = {c: n for c, n in counts.items() if c not in sensitive}
            props["categories"] = json.dumps(counts, ensure_ascii=False)
            props["top_categories"] = _category_text(counts, label, lang)
        if min_count and run.method == "forecast":
            props.pop("risk", None)
        feature["properties"] = {"run_id": run.id, **props}
        box = _bounds(feature["geometry"])
        if box is None:
            continue
        kept.append(feature)
        boxes.append(box)
    return RunLayer(
        replace(run, result={}),
        kept,
        boxes,
        int(np.count_nonzero(small)),
        min_count,
    )


# ----------------------------------------------------------------------------- schemas
Scalar = bool | int | float | str | None


class RunRequest(BaseModel):
    """An analysis to run on the stored incidents."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    method: Literal["kde", "dbscan", "gistar", "emerging", "forecast"] = Field(
        description="kde, dbscan, gistar, emerging or forecast"
    )
    from_: date | None = Field(
        None, alias="from", description="First day (local date), e.g. 2026-09-01"
    )
    to: date | None = Field(None, description="Last day, included (local date)")
    week: str | None = Field(None, description="An ISO week instead of from/to: 2026-W47")
    categories: list[str] | None = Field(None, description="Category codes of the catalogue")
    bbox: list[float] | None = Field(
        None, description="[minLon, minLat, maxLon, maxLat] in degrees (WGS84)"
    )
    params: dict[str, Scalar] = Field(
        default_factory=dict,
        description="Parameters of the method, e.g. {'eps': 100, 'min_samples': 10}",
    )


class RunOut(BaseModel):
    """A stored analysis without its layer."""

    id: int
    method: str
    params: dict
    kind: str
    categories: list[str] | None
    window_from: datetime | None
    window_to: datetime | None
    crs: str
    n_points: int
    features: int
    input_sha256: str
    created_by: str | None
    created_at: datetime
    layer: str = Field(description="Path of the run's layer (GeoJSON)")


class RunList(BaseModel):
    """A page of stored analyses, newest first."""

    data: list[RunOut]
    total: int
    limit: int
    offset: int


class FocusAreaOut(BaseModel):
    """One area of the patrol focus list."""

    rank: int
    lon: float
    lat: float
    x: float
    y: float
    size_m: float
    risk: float
    recent: int | None = Field(description="Incidents in the last 4 weeks; null: 1 to k - 1")
    previous: int | None = Field(description="Incidents in the 4 weeks before; null: 1 to k - 1")
    trend: str
    categories: dict[str, int | None]
    peak_hours: list[int]
    peak_weekdays: list[int]
    profile: list[list[float]] | None = Field(
        description="Hour x weekday profile (7 x 24); analysts only"
    )


class FocusOut(BaseModel):
    """The patrol focus list: the areas to watch in the coming period."""

    as_of: datetime
    horizon_days: int
    cell_size_m: float
    min_count: int = Field(description="Counts below this are null (0: all shown)")
    areas: list[FocusAreaOut]


# ----------------------------------------------------------------------------- helpers
def _window(body: RunRequest, tz: str) -> tuple[datetime | None, datetime | None]:
    from hotspots.detect.cli import parse_week

    if body.week:
        if body.from_ or body.to:
            raise InputError(msg("hsapi.week_and_days"))
        try:
            return parse_week(body.week, tz)
        except InputError:
            raise InputError(msg("hsapi.bad_week", value=body.week)) from None
    if body.from_ and body.to and body.from_ > body.to:
        raise InputError(msg("hsapi.window_order", start=body.from_, end=body.to))
    zone = ZoneInfo(tz)
    start = datetime.combine(body.from_, datetime.min.time(), zone) if body.from_ else None
    end = (
        datetime.combine(body.to + timedelta(days=1), datetime.min.time(), zone)
        if body.to
        else None
    )
    return start, end


def _check_categories(codes: list[str] | None, settings: Settings) -> list[str] | None:
    if not codes:
        return None
    cat = catalogue(settings)
    unknown = [c for c in codes if c not in cat]
    if unknown:
        raise InputError(
            msg("hsapi.bad_categories", codes=", ".join(unknown), known=", ".join(cat.codes()))
        )
    return list(dict.fromkeys(codes))


def _check_bbox(values: list[float] | None):
    from hotspots.detect.cli import parse_bbox

    if values is None:
        return None
    text = ",".join(repr(v) for v in values)
    if len(values) != 4 or not all(math.isfinite(v) for v in values):
        raise InputError(msg("hsapi.bad_bbox", value=json.dumps(values)))
    try:
        return parse_bbox(text)
    except InputError:
        raise InputError(msg("hsapi.bad_bbox", value=json.dumps(values))) from None


def _check_params(method: str, params: dict) -> dict:
    """``params`` if every key is a parameter of ``method``'s estimator, else a 400."""
    sig = inspect.signature(_estimator_class(method).__init__)
    named = [
        n
        for n, p in sig.parameters.items()
        if n != "self" and p.kind in (p.KEYWORD_ONLY, p.POSITIONAL_OR_KEYWORD)
    ]
    open_ended = any(p.kind is p.VAR_KEYWORD for p in sig.parameters.values())
    for name in params:
        if name in NOT_IN_PARAMS:
            raise InputError(msg("hsapi.param_not_here", name=name))
        if name not in named and not open_ended:
            allowed = ", ".join(n for n in named if n not in NOT_IN_PARAMS)
            raise InputError(msg("hsapi.unknown_param", name=name, method=method, allowed=allowed))
    return dict(params)


def _run_out(row, features: int) -> RunOut:
    return RunOut(
        id=row.id,
        method=row.method,
        params=row.params or {},
        kind=row.kind,
        categories=row.categories,
        window_from=row.window_from,
        window_to=row.window_to,
        crs=row.crs,
        n_points=row.n_points,
        features=features,
        input_sha256=row.input_sha256,
        created_by=row.created_by,
        created_at=row.created_at,
        layer=f"/api/v1/hotspots/runs/{row.id}/layer",
    )


_META = (
    "id",
    "method",
    "params",
    "kind",
    "categories",
    "window_from",
    "window_to",
    "crs",
    "n_points",
    "input_sha256",
    "summary",
    "created_by",
    "created_at",
)


def _run_rows(store, ids: list[int]) -> list:
    """Metadata (no result) of the runs ``ids``, in that order.

    The feature count comes from the summary, or is counted for runs stored without one.
    """
    if not ids:
        return []
    t = _runs_table()
    with store.engine.connect() as conn:
        rows = conn.execute(select(*[t.c[c] for c in _META]).where(t.c.id.in_(ids))).all()
        by_id = {r.id: r for r in rows}
        out = []
        for i in ids:
            row = by_id.get(i)
            if row is None:
                continue
            n = (row.summary or {}).get("features")
            if n is None:
                result = conn.execute(select(t.c.result).where(t.c.id == i)).scalar_one()
                n = len((result or {}).get("features") or [])
            out.append(_run_out(row, int(n)))
    return out


def _visible_run(store, run_id: int, who: Principal, settings: Settings) -> RunOut:
    rows = _run_rows(store, [run_id])
    if not rows or not run_visible(rows[0].categories, who, sensitive_codes(settings)):
        raise NotFoundError(msg("runs.not_found", id=run_id))
    return rows[0]


# ----------------------------------------------------------------------------- endpoints
@router.post(
    "/api/v1/hotspots/runs",
    status_code=201,
    response_model=RunOut,
    summary="Run a hotspot analysis and store it",
)
def create_run(body: RunRequest, who: Analyst, store: StoreDep, settings: SettingsDep) -> RunOut:
    """Run ``method`` on the stored incidents of the window and keep the run.

    The incidents are those of street precision or better; the run is kept with its
    parameters, window, input fingerprint and layer.

    The window is ``from``/``to`` (local dates, ``to`` included) or an ISO ``week``; without
    them, all incidents. ``params`` are the method's parameters (``eps``, ``min_samples``
    for dbscan; ``bandwidth``, ``cell_size`` for kde; ``cell_size`` for gistar;
    ``time_step`` for emerging; ``horizon``, ``coverage`` for forecast ...).
    """
    from hotspots.detect.run import run_detection

    start, end = _window(body, settings.timezone)
    categories = _check_categories(body.categories, settings)
    bbox = _check_bbox(body.bbox)
    params = _check_params(body.method, body.params)
    try:
        res = run_detection(
            store,
            method=body.method,
            params=params,
            start=start,
            end=end,
            categories=categories,
            bbox=bbox,
            crs=settings.working_crs,
        )
    except HotspotsError:
        raise
    except (TypeError, ValueError, OverflowError) as exc:  # a parameter value the method refuses
        from api.errors import one_line

        raise InputError(msg("hsapi.bad_param", reason=one_line(exc))) from None
    t = _runs_table()
    with store.engine.begin() as conn:  # who asked, not the server's login name
        conn.execute(update(t).where(t.c.id == res.run_id).values(created_by=who.name))
    return _run_rows(store, [res.run_id])[0]


@router.get("/api/v1/hotspots/runs", response_model=RunList, summary="Stored hotspot analyses")
def list_runs(
    who: Reader,
    store: StoreDep,
    settings: SettingsDep,
    method: Annotated[
        Literal["kde", "dbscan", "gistar", "emerging", "forecast"] | None,
        Query(description="Only runs of this method"),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_RUNS_PAGE, description="Page size")] = 50,
    offset: Annotated[int, Query(ge=0, description="Runs to skip")] = 0,
) -> RunList:
    """The stored analyses, newest first (a run made for a sensitive category: analysts only)."""
    ids = _visible_ids(store, who, sensitive_codes(settings), method)
    page = _run_rows(store, ids[offset : offset + limit])
    return RunList(data=page, total=len(ids), limit=limit, offset=offset)


@router.get("/api/v1/hotspots/runs/{run_id}", response_model=RunOut, summary="One stored analysis")
def get_run(run_id: RunId, who: Reader, store: StoreDep, settings: SettingsDep) -> RunOut:
    """A stored analysis: method, parameters, window, input fingerprint, feature count."""
    return _visible_run(store, run_id, who, settings)


@router.get(
    "/api/v1/hotspots/runs/{run_id}/layer",
    summary="A stored analysis' layer as GeoJSON",
    response_class=JSONResponse,
    responses={200: {"content": {GEOJSON: {}}, "description": "A GeoJSON FeatureCollection"}},
)
def get_run_layer(run_id: RunId, who: Reader, store: StoreDep, settings: SettingsDep):
    """The run's hotspots, cells or risk cells as an RFC 7946 FeatureCollection (lon/lat).

    For leadership, features resting on fewer than ``HOTSPOTS_MIN_CELL_COUNT`` incidents
    are left out (``hidden`` says how many) and sensitive categories are not named.
    """
    _visible_run(store, run_id, who, settings)
    layer = run_layer(store, run_id, min_count=min_count_for(who, settings), settings=settings)
    body = {
        "type": "FeatureCollection",
        "features": layer.features,
        "run_id": run_id,
        "method": layer.run.method,
        "min_count": layer.min_count,
        "hidden": layer.hidden,
    }
    return JSONResponse(body, media_type=GEOJSON)


@router.get("/api/v1/focus", response_model=FocusOut, summary="Patrol focus list")
def focus(
    who: Reader,
    store: StoreDep,
    settings: SettingsDep,
    top: Annotated[int, Query(ge=1, le=100, description="How many areas")] = 10,
    as_of: Annotated[
        date | None, Query(description="Start of the coming period (local date); default now")
    ] = None,
    horizon: Annotated[int, Query(ge=1, le=90, description="Length of the period, days")] = 7,
    category: Annotated[list[str] | None, Query(description="Category codes")] = None,
    cell_size: Annotated[
        float, Query(ge=50, le=2000, description="Side of an area, metres")
    ] = 250.0,
) -> FocusOut:
    """The areas to watch in the coming period, ranked by the prospective forecast.

    Each with the last four weeks against the four before, the trend, the commonest
    categories and the peak weekdays (0 = Monday) and hours (local time).
    """
    from hotspots.detect.focus import patrol_focus
    from hotspots.detect.source import load_points

    zone = ZoneInfo(settings.timezone)
    start = datetime.combine(as_of, datetime.min.time(), zone) if as_of else datetime.now(zone)
    codes = _check_categories(category, settings)
    points = load_points(store, end=start, categories=codes, crs=settings.working_crs)
    areas = patrol_focus(
        points,
        as_of=start,
        top=top,
        horizon_days=horizon,
        cell_size=cell_size,
        tz=settings.timezone,
    )
    k = min_count_for(who, settings)
    sensitive = sensitive_codes(settings)

    def shown(n: int) -> int | None:
        return None if k and 0 < n < k else n

    out = []
    for a in areas:
        d = a.as_dict()
        if k:
            d["recent"], d["previous"] = shown(a.recent), shown(a.previous)
            d["categories"] = {c: shown(n) for c, n in a.categories.items() if c not in sensitive}
            d["profile"] = None
        out.append(FocusAreaOut(**d))
    return FocusOut(
        as_of=start, horizon_days=horizon, cell_size_m=cell_size, min_count=k, areas=out
    )
