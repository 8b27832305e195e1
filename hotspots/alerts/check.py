"""The deviation check: this week's count of every area against its own expected level.

Method
------
Areas are the cells of a square grid (``cell_size`` metres, default 500, larger for large
areas, aligned to multiples of the size in SWEREF 99 TM so a cell has the same id on every
run) for points known to street precision or better, and the kommuner for records known
only per kommun (every polisen.se event: its point is a kommun or locality centroid, and a
grid would make a fake hotspot of the centroid). Each record counts once.

For each area, the *expected* count of the week is its mean weekly count over the
``weeks_history`` weeks before, with a small prior (one incident in one extra week, a
Gamma(1, 1) prior on the weekly rate: ``expected = (n_history + 1) / (weeks_history + 1)``)
so an area with no or one old incident does not alarm on two. The p-value is the Poisson
upper tail ``P(X >= observed | expected)`` (``scipy.stats.poisson.sf(observed - 1, ...)``).

False alarms: every area with a record in the window is one test, and so is every cluster
of the emerging-hotspot analysis (below); the p-values of all tests of one week are
adjusted together with the Benjamini-Hochberg procedure
(``scipy.stats.false_discovery_control``), and a test alerts when its q-value is at most
``alpha`` and at least ``MIN_COUNT`` records fell in its area this week. The FDR bounds the
*expected share of false alerts among the alerts of one week* by ``alpha``; it is
controlled week by week, so across weeks the per-week FDR holds for each week. The chance
that a week has at least one false alert is not bounded by ``alpha``; measured on a quiet
Poisson series (400 cells, 200 checked weeks, ``python tests/alerts/measure_quiet.py``) it
was 8 %. The Poisson model ignores overdispersion and seasonality, which real counts have
and which make false alerts likelier; on Skåne's police events per kommun, 5 weeks of 156
had an alert.

Emerging hotspots: :class:`hotspots.detect.emerging.EmergingHotspots` on ISO weeks ending
with the checked week (the same grid); cells classed ``new_hot`` or ``intensifying_hot``
form clusters of adjacent cells. Gi* alone flags cells whose neighbours were busy, even
with nothing in the cell this week, so a cluster becomes a candidate only when its own
count is up too: its Poisson p-value (the cluster's count this week against its own
expected level, as above) goes into the week's BH family.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd
from scipy import stats

from hotspots.domain import PRECISION_RANK, Precision
from hotspots.errors import HotspotsError, InputError
from hotspots.i18n import msg

__all__ = [
    "Alert",
    "MIN_COUNT",
    "check_deviations",
    "deviation_table",
    "last_complete_week",
    "week_window",
]

#: An area alerts only with at least this many records in the week.
MIN_COUNT = 3
#: The prior on an area's weekly rate: this many incidents in ``PRIOR_WEEKS`` extra weeks.
PRIOR_EVENTS = 1.0
PRIOR_WEEKS = 1.0
#: Most cells of the grid over the data's bounding box before the cells are made larger.
MAX_CELLS = 50_000
DEFAULT_CELL = 500.0
EMERGING_CLASSES = ("new_hot", "intensifying_hot")
CRS = 3006


@dataclass
class Alert:
    """One deviation: where, what, how unusual, and its workflow state."""

    kind: str  # count | emerging
    week: str
    area_key: str
    observed: int
    expected: float
    p_value: float | None
    q_value: float | None = None
    geometry: dict | None = None
    lon: float | None = None
    lat: float | None = None
    municipality: str | None = None
    place: str | None = None
    categories: list = field(default_factory=list)  # [{"category": code, "n": k}], top 3
    link: str = ""
    detail: dict = field(default_factory=dict)
    id: int | None = None
    created_at: datetime | None = None
    status: str = "ny"
    acknowledged_by: str | None = None
    acknowledged_at: datetime | None = None
    decision_note: str | None = None
    sent_at: datetime | None = None
    new: bool = False  # stored by this run (not there before)

    def as_dict(self) -> dict:
        """JSON-ready (times as ISO strings)."""
        d = asdict(self)
        for k in ("created_at", "acknowledged_at", "sent_at"):
            d[k] = d[k].isoformat() if d[k] else None
        return d


# ---------------------------------------------------------------------------------- weeks
def week_window(week: str, tz: str = "Europe/Stockholm") -> tuple[datetime, datetime]:
    """ISO week ``2026-W47`` as [Monday 00:00, next Monday 00:00) local time."""
    from hotspots.detect.cli import parse_week

    if not isinstance(week, str) or "-W" not in week.upper():
        raise InputError(msg("cli.bad_week", value=week))
    start, end = parse_week(week, tz)
    return start, end


def week_label(start: datetime) -> str:
    """``2026-W47`` of a local datetime."""
    y, w, _ = start.isocalendar()
    return f"{y}-W{w:02d}"


def last_complete_week(tz: str = "Europe/Stockholm", now: datetime | None = None) -> str:
    """The last ISO week that has ended (local time)."""
    now = (now or datetime.now(UTC)).astimezone(ZoneInfo(tz))
    return week_label(now - timedelta(days=7))


def normalise_week(week: str, tz: str = "Europe/Stockholm") -> str:
    """``2026-w7`` -> ``2026-W07`` (checked)."""
    return week_label(week_window(week, tz)[0])


# ---------------------------------------------------------------------------------- check
def check_deviations(
    store,
    *,
    week: str | None = None,
    weeks_history: int = 12,
    cell_size: float | None = None,
    categories: list[str] | None = None,
    alpha: float = 0.05,
    emerging: bool = True,
    save: bool = True,
    tz: str = "Europe/Stockholm",
) -> list[Alert]:
    """Alerts of ``week`` (default: the last complete ISO week); stored when ``save``.

    See the module docstring for the method and how false alarms are controlled (BH FDR at
    ``alpha`` over all areas of the week). Stored alerts keep their id, status and
    acknowledgement when the check runs again; their figures are updated.
    """
    alerts, _ = _evaluate(store, week, weeks_history, cell_size, categories, alpha, emerging, tz)
    _name_places(alerts)
    if save:
        from hotspots.alerts.repo import save_alerts

        alerts = save_alerts(store, alerts)
    return alerts


def _name_places(alerts: list[Alert]) -> None:
    """Give cell and cluster alerts a place a reader knows.

    The nearest locality, with direction and distance ("Höör, 400 m SO";
    :func:`hotspots.report.areas.place_name`).
    """
    need = [
        a
        for a in alerts
        if not a.place
        and a.lon is not None
        and a.lat is not None
        and not a.area_key.startswith("kommun:")
    ]
    if not need:
        return
    from hotspots.geocode.localities import load_localities
    from hotspots.report.areas import place_name
    from hotspots.settings import get_settings

    try:
        localities = list(load_localities(get_settings().data_dir))
    except Exception:  # noqa: BLE001 - a name is a nicety; the alert stands without it
        return
    for a in need:
        a.place = place_name((a.lon, a.lat), addresses=[], walk_areas=[], localities=localities)


def deviation_table(
    store,
    *,
    week: str | None = None,
    weeks_history: int = 12,
    cell_size: float | None = None,
    categories: list[str] | None = None,
    alpha: float = 0.05,
    tz: str = "Europe/Stockholm",
) -> pd.DataFrame:
    """Every tested area of the week, alerting or not (count test only).

    Columns ``area_key``, ``municipality``, ``observed``, ``expected``, ``p_value``,
    ``q_value`` (BH over the areas) and ``alert``.
    """
    _, table = _evaluate(store, week, weeks_history, cell_size, categories, alpha, False, tz)
    return table


def _evaluate(store, week, weeks_history, cell_size, categories, alpha, emerging, tz):
    if isinstance(weeks_history, bool) or not isinstance(weeks_history, int) or weeks_history < 1:
        raise InputError(msg("alerts.bad_history", value=weeks_history))
    if not (0 < float(alpha) < 1):
        raise InputError(msg("alerts.bad_alpha", value=alpha))
    week = normalise_week(week, tz) if week else last_complete_week(tz)
    start, end = week_window(week, tz)
    hist_start = start - timedelta(days=7 * weeks_history)
    df = store.records(
        "incident",
        start=hist_start.astimezone(UTC),
        end=end.astimezone(UTC),
        categories=categories,
        columns=("id", "category", "occurred_from", "lon", "lat", "precision", "municipality"),
    )
    alerts: list[Alert] = []
    table = pd.DataFrame(
        columns=["area_key", "municipality", "observed", "expected", "p_value", "q_value", "alert"]
    )
    if not df.empty:
        df = df.dropna(subset=["occurred_from"])
        df["current"] = df["occurred_from"] >= pd.Timestamp(start.astimezone(UTC))
        p_areas, candidates, table = _count_tests(df, week, weeks_history, cell_size, alpha)
        p_all = [p_areas]
        if emerging:
            p_clusters, more = _emerging_tests(df, week, end, weeks_history, cell_size, alpha)
            candidates += [(len(p_areas) + k, a) for k, a in more]
            p_all.append(p_clusters)
        p_all = np.concatenate(p_all)
        if len(p_all):
            q = stats.false_discovery_control(p_all, method="bh")
            for k, a in candidates:
                a.q_value = float(q[k])
                a.detail["tests"] = len(p_all)
            alerts = [a for k, a in candidates if q[k] <= alpha]
            if len(table):
                table["q_value"] = q[: len(table)]
                table["alert"] = table["area_key"].isin(
                    {a.area_key for a in alerts if a.kind == "count"}
                )
    return alerts, table


def _point_mask(df: pd.DataFrame) -> pd.Series:
    best = PRECISION_RANK[Precision.STREET]
    good = [p.value for p in Precision if PRECISION_RANK[p] <= best]
    return df["precision"].isin(good) & df["lon"].notna() & df["lat"].notna()


def _project(df: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    from pyproj import Transformer

    tr = Transformer.from_crs(4326, CRS, always_xy=True)
    x, y = tr.transform(df["lon"].to_numpy(float), df["lat"].to_numpy(float))
    return np.asarray(x), np.asarray(y)


def _cell_size(x: np.ndarray, y: np.ndarray, cell_size: float | None) -> float:
    from hotspots.detect.grid import scaled_cell_size

    if cell_size is not None:
        if not np.isfinite(cell_size) or cell_size <= 0:
            raise InputError(msg("alerts.bad_cell_size", value=cell_size))
        return float(cell_size)
    if len(x) == 0:
        return DEFAULT_CELL
    return scaled_cell_size((x.min(), y.min(), x.max(), y.max()), DEFAULT_CELL, MAX_CELLS)


def _cell_key(cs: float, i: int, j: int) -> str:
    return f"cell:{cs:g}:{i}:{j}"


def _top(categories: pd.Series) -> list[dict]:
    return [{"category": c, "n": int(n)} for c, n in Counter(categories).most_common(3)]


def _link(week: str, bbox: tuple[float, float, float, float]) -> str:
    return f"/karta?vecka={week}&bbox=" + ",".join(f"{v:.5f}" for v in bbox)


def _cell_geometry(cs: float, i: int, j: int) -> tuple[dict, float, float, tuple]:
    from pyproj import Transformer

    tr = Transformer.from_crs(CRS, 4326, always_xy=True)
    xs = [i * cs, (i + 1) * cs, (i + 1) * cs, i * cs, i * cs]
    ys = [j * cs, j * cs, (j + 1) * cs, (j + 1) * cs, j * cs]
    lon, lat = tr.transform(xs, ys)
    ring = [[round(a, 6), round(b, 6)] for a, b in zip(lon, lat, strict=True)]
    clon, clat = tr.transform((i + 0.5) * cs, (j + 0.5) * cs)
    pad = max(cs, 1000.0)
    blon, blat = tr.transform(
        [i * cs - pad, (i + 1) * cs + pad], [j * cs - pad, (j + 1) * cs + pad]
    )
    bbox = (min(blon), min(blat), max(blon), max(blat))
    return {"type": "Polygon", "coordinates": [ring]}, float(clon), float(clat), bbox


def _count_tests(df, week, weeks_history, cell_size, alpha):
    """P-values of every area, and the areas that may alert (as ``(position, Alert)``)."""
    points = _point_mask(df)
    areas: list[dict] = []
    pts = df[points]
    cs = DEFAULT_CELL
    if len(pts):
        x, y = _project(pts)
        cs = _cell_size(x, y, cell_size)
        pts = pts.assign(i=np.floor(x / cs).astype(np.int64), j=np.floor(y / cs).astype(np.int64))
        for (i, j), g in pts.groupby(["i", "j"], sort=True):
            areas.append({"key": _cell_key(cs, int(i), int(j)), "cell": (int(i), int(j)), "g": g})
    coarse = df[~points & df["municipality"].notna() & (df["municipality"] != "")]
    for name, g in coarse.groupby("municipality", sort=True):
        areas.append({"key": f"kommun:{name}", "kommun": str(name), "g": g})
    if not areas:
        return np.zeros(0), [], pd.DataFrame()
    observed = np.array([int(a["g"]["current"].sum()) for a in areas])
    history = np.array([int((~a["g"]["current"]).sum()) for a in areas])
    expected = (history + PRIOR_EVENTS) / (weeks_history + PRIOR_WEEKS)
    p = stats.poisson.sf(observed - 1, expected)
    table = pd.DataFrame(
        {
            "area_key": [a["key"] for a in areas],
            "municipality": [a.get("kommun") or _mode(a["g"]["municipality"]) for a in areas],
            "observed": observed,
            "expected": expected,
            "p_value": p,
            "q_value": np.nan,
            "alert": False,
        }
    )
    out = []
    for k in np.flatnonzero((p <= alpha) & (observed >= MIN_COUNT)):
        a, g = areas[k], areas[k]["g"]
        cur = g[g["current"]]
        kommun = _mode(cur["municipality"])
        detail = {
            "n_history": int(history[k]),
            "weeks_history": weeks_history,
            "alpha": alpha,
            "method": "poisson_bh",
        }
        if "cell" in a:
            i, j = a["cell"]
            geom, lon, lat, bbox = _cell_geometry(cs, i, j)
            detail["cell_size_m"] = cs
        else:
            geom = None
            lon, lat = float(cur["lon"].median()), float(cur["lat"].median())
            if not (np.isfinite(lon) and np.isfinite(lat)):
                lon = lat = None
                bbox = None
            else:
                bbox = (lon - 0.2, lat - 0.1, lon + 0.2, lat + 0.1)
            kommun = a["kommun"]
        out.append(
            (
                int(k),
                Alert(
                    kind="count",
                    week=week,
                    area_key=a["key"],
                    observed=int(observed[k]),
                    expected=round(float(expected[k]), 3),
                    p_value=float(p[k]),
                    geometry=geom,
                    lon=lon,
                    lat=lat,
                    municipality=kommun,
                    categories=_top(cur["category"]),
                    link=_link(week, bbox) if bbox else f"/karta?vecka={week}",
                    detail=detail,
                ),
            )
        )
    return p, out, table


def _mode(values: pd.Series) -> str | None:
    values = values.dropna()
    values = values[values != ""]
    return str(values.mode().iloc[0]) if len(values) else None


def _emerging_tests(df, week, end, weeks_history, cell_size, alpha) -> tuple[np.ndarray, list]:
    """Clusters of new/intensifying hot cells: their Poisson p-values and candidate alerts."""
    import geopandas as gpd
    import shapely

    from hotspots.detect.emerging import EmergingHotspots

    pts = df[_point_mask(df)]
    if len(pts) < 10:
        return np.zeros(0), []
    x, y = _project(pts)
    cs = _cell_size(x, y, cell_size)
    gdf = gpd.GeoDataFrame(pts.reset_index(drop=True), geometry=gpd.points_from_xy(x, y), crs=CRS)
    try:
        model = EmergingHotspots(
            cell_size=cs, time_step="1W", end=end.replace(tzinfo=None), alpha=alpha
        ).fit(gdf)
    except HotspotsError:
        return np.zeros(0), []
    cells = model.cells_
    flagged = cells[cells["pattern"].isin(EMERGING_CLASSES)]
    if flagged.empty:
        return np.zeros(0), []
    grid = model.grid_
    idx = flagged.index.to_numpy() if "cell" not in flagged else flagged["cell"].to_numpy()
    cube = model.cube_
    final_p = model.p_norm_[:, -1]
    cx, cy = grid.x[idx], grid.y[idx]
    # clusters of adjacent cells (8-neighbourhood): union-find on centres one step apart
    parent = list(range(len(idx)))

    def find(a):
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for a in range(len(idx)):
        for b in range(a + 1, len(idx)):
            if max(abs(cx[a] - cx[b]), abs(cy[a] - cy[b])) <= cs * 1.01:
                parent[find(a)] = find(b)
    groups: dict[int, list[int]] = {}
    for a in range(len(idx)):
        groups.setdefault(find(a), []).append(a)
    cell_of = grid.locate(x, y)
    current = pts["current"].to_numpy()
    out, p_out = [], []
    from pyproj import Transformer

    tr = Transformer.from_crs(CRS, 4326, always_xy=True)
    for members in groups.values():
        cell_ids = idx[members]
        obs = int(cube[cell_ids, -1].sum())
        hist_steps = min(weeks_history, cube.shape[1] - 1)
        n_hist = float(cube[cell_ids, -1 - hist_steps : -1].sum()) if hist_steps else 0.0
        exp = (n_hist + PRIOR_EVENTS) / (hist_steps + PRIOR_WEEKS)
        p_cluster = float(stats.poisson.sf(obs - 1, exp))
        # confirmation: the cluster itself must be up this week (Gi* alone flags cells
        # whose neighbours were busy, even with nothing in the cell this week)
        p_out.append(p_cluster)
        if obs < MIN_COUNT or p_cluster > alpha:
            continue
        top = cell_ids[np.argmax(cube[cell_ids, -1])]
        i, j = int(np.floor(grid.x[top] / cs)), int(np.floor(grid.y[top] / cs))
        union = shapely.union_all(grid.polygons[cell_ids])
        geo = gpd.GeoSeries([union], crs=CRS).to_crs(4326).iloc[0]
        clon, clat = tr.transform(
            float(np.mean(grid.x[cell_ids])), float(np.mean(grid.y[cell_ids]))
        )
        b = geo.buffer(0.01).bounds
        in_cluster = np.isin(cell_of, cell_ids) & current
        patterns = Counter(model.classes_[cell_ids])
        out.append(
            (
                len(p_out) - 1,
                Alert(
                    kind="emerging",
                    week=week,
                    area_key=f"emerging:{_cell_key(cs, i, j)}",
                    observed=obs,
                    expected=round(exp, 3),
                    p_value=p_cluster,
                    geometry=shapely.geometry.mapping(geo),
                    lon=float(clon),
                    lat=float(clat),
                    municipality=_mode(pts.loc[pts.index[in_cluster], "municipality"]),
                    categories=_top(pts.loc[pts.index[in_cluster], "category"]),
                    link=_link(week, b),
                    detail={
                        "cells": len(cell_ids),
                        "cell_size_m": cs,
                        "patterns": dict(patterns),
                        "method": "emerging_hotspots",
                        "gi_p_min": float(final_p[cell_ids].min()),
                        "alpha": alpha,
                    },
                ),
            )
        )
    return np.asarray(p_out, dtype=float), out
