"""The weekly lägesbild: what a leadership group reads about one ISO week.

:func:`weekly_report` gathers, for one week and area, everything the report page shows (the
page itself is drawn by :mod:`maps.report`):

* the top hotspot areas (see :mod:`hotspots.report.areas`) with this week's count, the mean of
  the four weeks before, the change, a trend word, the emerging-hotspot pattern of the last
  twelve weeks, and suggested measures with the numbers behind them
  (:mod:`hotspots.report.suggest`);
* walk observations made this week, and those closed (åtgärdad/avslutad) this week;
* measures placed, changed or under way;
* an hour x weekday profile of the week's incidents;
* incidents that could not be placed precisely enough for the map, per kommun, and the
  geocoding review queue, so that nothing silently disappears.

The trend word of an area compares this week's count ``x`` with the mean ``m`` of the four
weeks before under a Poisson model (one-sided, :data:`TREND_ALPHA`): *ny* (new) when the four
weeks before had nothing and this week has at least two; *ökande* (growing) when
``P(X >= x | m) < alpha``; *avtagande* (fading) when ``P(X <= x | m) < alpha``; *ihållande*
(persistent) when there were incidents in at least four of the five weeks; otherwise
*oförändrad* (about as before). ``m`` is floored at 0.5 so one incident after a quiet month
is not "growing".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import numpy as np
import pandas as pd

from hotspots.domain import (
    FULL_DETAIL_ROLES,
    PRECISION_RANK,
    ROLES,
    ObservationStatus,
    Precision,
    check_role,
)
from hotspots.errors import InputError
from hotspots.i18n import t
from hotspots.report.areas import PATTERN_PRIORITY, find_areas, place_name, week_weights
from hotspots.report.suggest import NIGHT_HOURS, PROPERTY, AreaProfile, Suggestion, suggest_measures

__all__ = [
    "ROLES",
    "HotspotRow",
    "WeeklyReport",
    "check_categories",
    "status_label",
    "weekly_report",
]

#: Weeks before the report week that the comparison uses.
PREVIOUS_WEEKS = 4
#: How far before the five weeks a time window may start and still reach into them.
LOOKBACK = timedelta(days=92)
#: Weeks of the emerging-hotspot analysis behind the pattern column.
EMERGING_WEEKS = 12
#: Most cells of the emerging-hotspot grid (larger areas get larger cells).
MAX_EMERGING_CELLS = 20_000
#: One-sided significance level of the trend words.
TREND_ALPHA = 0.05
#: DBSCAN radius of the hotspot areas, metres.
AREA_EPS_M = 100.0
#: Metres around an area in which walk observations and measures count as "there".
NEAR_M = 50.0
OPEN_OBSERVATION = (ObservationStatus.NY.value, ObservationStatus.RAPPORTERAD.value)
CLOSED_OBSERVATION = (ObservationStatus.ATGARDAD.value, ObservationStatus.AVSLUTAD.value)


@dataclass
class HotspotRow:
    """One row of the report's hotspot table."""

    rank: int
    name: str
    geometry: object  # lon/lat polygon
    this_week: float  # aoristic: a time window adds its share (areas.week_weights)
    previous: list[float]  # the four weeks before, oldest first
    trend: str  # new | growing | fading | persistent | stable
    trend_label: str
    pattern: str | None
    pattern_label: str
    categories: list[tuple[str, int]]  # (label, n) this week and the four before, top 3
    peak_hours: str
    suggestions: list[Suggestion]
    measures: list[str]  # measures already there: "label (status)"

    @property
    def previous_mean(self) -> float:
        """Mean count of the four weeks before."""
        return float(np.mean(self.previous)) if self.previous else 0.0

    @property
    def change(self) -> float:
        """The change: this week minus the mean of the four weeks before."""
        return self.this_week - self.previous_mean


@dataclass
class WeeklyReport:
    """Everything the weekly report shows (see the module docstring)."""

    week: str
    start: datetime
    end: datetime
    lang: str
    role: str
    min_count: int
    n_week: float  # incidents this week, all precisions (aoristic: see areas.week_weights)
    n_mapped: float  # of which placed precisely enough for the map
    previous_counts: list[float]  # all incidents in each of the four weeks before
    hotspots: list[HotspotRow]
    new_observations: pd.DataFrame
    closed_observations: pd.DataFrame
    measures: pd.DataFrame
    profile: np.ndarray  # 7 x 24, this week's incidents
    imprecise: pd.DataFrame  # municipality, precision, n
    review_pending: int
    n_observations_week: int = 0
    n_time_windows: int = 0  # incidents this week known only to a window longer than a week
    alerts: list = field(default_factory=list)  # hotspots.alerts Alert objects of the week
    promises: list = field(default_factory=list)  # promise progress at the week's end
    notes: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        """No incidents and no walk observations this week."""
        return round(self.n_week, 6) == 0 and len(self.new_observations) == 0

    @property
    def full_detail(self) -> bool:
        """Whether exact small counts may be shown to this report's reader."""
        return self.role in FULL_DETAIL_ROLES

    def shown(self, n: float) -> str:
        """A count as the reader may see it: ``< k`` below the threshold for aggregated roles."""
        value = int(round(n))
        if not self.full_detail and 0 < value < self.min_count:
            return f"< {self.min_count}"
        return str(value)


def check_categories(codes: list[str] | None, catalogue, *, kind: str = "incident") -> None:
    """Raise InputError naming the first code that is not an ``kind`` category."""
    known = catalogue.codes(kind)
    for code in codes or []:
        if code not in known:
            raise InputError(t("report.unknown_category", None, code=code, known=", ".join(known)))


def _trend(this: float, previous: list[float]) -> str:
    from scipy import stats

    this = int(round(this))
    mean = max(float(np.mean(previous)) if previous else 0.0, 0.5)
    if previous and all(c < 0.5 for c in previous) and this >= 2:
        return "new"
    if this > mean and stats.poisson.sf(this - 1, mean) < TREND_ALPHA:
        return "growing"
    if this < mean and stats.poisson.cdf(this, mean) < TREND_ALPHA:
        return "fading"
    if sum(1 for c in [*previous, this] if c >= 0.5) >= PREVIOUS_WEEKS:
        return "persistent"
    return "stable"


def _trend_label(code: str, lang: str) -> str:
    return {
        "new": t("report.trend.new", lang),
        "growing": t("report.trend.growing", lang),
        "fading": t("report.trend.fading", lang),
        "persistent": t("report.trend.persistent", lang),
        "stable": t("report.trend.stable", lang),
    }[code]


def _peak_hours(profile: np.ndarray) -> str:
    by_hour = profile.sum(axis=0)
    if not by_hour.any():
        return ""
    top = np.argsort(-by_hour, kind="stable")[:3]
    return ", ".join(f"{h:02d}" for h in sorted(top))


def _emerging(store, *, end, categories, bbox, crs):
    """Cells of an emerging-hotspot analysis of the twelve weeks up to ``end``, or None."""
    from hotspots.detect.emerging import EmergingHotspots
    from hotspots.detect.grid import scaled_cell_size
    from hotspots.detect.source import load_points

    start = end - timedelta(weeks=EMERGING_WEEKS)
    pts = load_points(store, start=start, end=end, categories=categories, bbox=bbox, crs=crs)
    if len(pts) < 2:
        return None
    # 100 m cells, coarser over a large area so the cube stays small (a county is not a town)
    cell = scaled_cell_size(pts.total_bounds, 100.0, MAX_EMERGING_CELLS)
    try:
        cells = EmergingHotspots(cell_size=cell, time_step="1W", end=end).fit(pts).cells_
    except InputError:
        return None
    return cells.loc[cells["pattern"].isin(PATTERN_PRIORITY)]


def _observations(store, *, end, bbox, crs):
    import geopandas as gpd

    best = PRECISION_RANK[Precision.STREET]
    allowed = [p.value for p in Precision if PRECISION_RANK[p] <= best and p != Precision.FAILED]
    cols = ("id", "category", "occurred_from", "description", "lon", "lat", "status", "walk_id")
    df = store.records("observation", bbox=bbox, end=end, precisions=allowed, columns=cols)
    df = df.dropna(subset=["lon", "lat"]).reset_index(drop=True)
    walks = _walks(store)
    df["walk"] = df["walk_id"].map(lambda w: walks.get(w, (None, None))[0])
    df["walk_area"] = df["walk_id"].map(lambda w: _walk_area(*walks.get(w, (None, None))))
    gdf = gpd.GeoDataFrame(df, geometry=gpd.points_from_xy(df["lon"], df["lat"]), crs=4326)
    return gdf.to_crs(crs)


def _walks(store) -> dict:
    from sqlalchemy import select

    from hotspots.store.models import Walk

    with store.engine.connect() as conn:
        rows = conn.execute(select(Walk.id, Walk.name, Walk.area)).all()
    return {r.id: (r.name, r.area) for r in rows}


_WALK_WORDS = re.compile(r"^\s*(trygghetsvandring(en)?|safety walk)\b[\s:,-]*", re.IGNORECASE)
_TRAILING_DATE = re.compile(r"[\s,-]*\d{4}-\d{2}-\d{2}\s*$")


def _walk_area(name: str | None, area: str | None) -> str | None:
    """The area a walk covered: its ``area``, else its name without "Trygghetsvandring" and date."""
    if isinstance(area, str) and area.strip():
        return area.strip()
    if not isinstance(name, str):
        return None
    return _TRAILING_DATE.sub("", _WALK_WORDS.sub("", name)).strip() or None


def _addresses(store, ids: np.ndarray) -> dict:
    """Incident id -> address, for the incidents of the hotspot areas."""
    from sqlalchemy import select

    from hotspots.store.models import Incident

    out: dict = {}
    values = [int(i) for i in ids]
    with store.engine.connect() as conn:
        for i in range(0, len(values), 900):
            q = select(Incident.id, Incident.address).where(Incident.id.in_(values[i : i + 900]))
            out.update({r.id: r.address for r in conn.execute(q)})
    return out


def _measures(store, bbox, end) -> pd.DataFrame:
    """The measures as they stood at ``end`` (status replayed from the history)."""
    from hotspots.store.repository import measures_as_of

    getter = getattr(store, "measures", None)
    measures = getter(bbox=bbox) if getter is not None else pd.DataFrame()
    return measures_as_of(store, measures, end)


def _measure_points(measures: pd.DataFrame, crs):
    """Measures as shapes in ``crs`` (point buffered by its radius, or its polygon)."""
    import geopandas as gpd
    from shapely.geometry import Point, shape

    geoms = []
    for rec in measures.itertuples(index=False):
        area = getattr(rec, "area_geojson", None)
        if isinstance(area, dict):
            geoms.append(shape(area))
        elif pd.notna(rec.lon) and pd.notna(rec.lat):
            geoms.append(Point(float(rec.lon), float(rec.lat)))
        else:
            geoms.append(None)
    frame = gpd.GeoDataFrame(measures.reset_index(drop=True), geometry=geoms, crs=4326).to_crs(crs)
    radius = pd.to_numeric(frame.get("radius_m"), errors="coerce").fillna(0.0)
    frame["geometry"] = frame.geometry.buffer(radius.where(radius > 0, 1.0))
    return frame


def weekly_report(
    store,
    week: str,
    *,
    lang: str = "sv",
    role: str = "leadership",
    categories: list[str] | None = None,
    bbox: tuple[float, float, float, float] | None = None,
    top: int = 10,
    min_count: int | None = None,
) -> WeeklyReport:
    """The lägesbild of ISO ``week`` (``2026-W47``), as :class:`WeeklyReport`.

    Parameters
    ----------
    store
        A :class:`hotspots.store.Store`.
    week
        ISO week, local time of the installation (Monday 00:00 to Monday 00:00).
    lang
        ``sv`` or ``en``: the language of the labels and reasons.
    role
        Who reads it (DESIGN.md roles): ``leadership`` and ``public`` (and ``field``) see
        counts below ``min_count`` as "< k"; ``analyst`` and ``admin`` see them exactly.
    categories
        Incident category codes to include; None includes all.
    bbox
        ``(west, south, east, north)`` lon/lat area.
    top
        Rows of the hotspot table.
    min_count
        The small-count threshold; default the setting ``min_cell_count``.

    Raises
    ------
    InputError
        A malformed week, an unknown category or role.
    """
    from hotspots.catalogue import load_catalogue
    from hotspots.detect.cli import parse_week
    from hotspots.detect.profile import hour_weekday_profile
    from hotspots.detect.source import load_points
    from hotspots.settings import get_settings

    settings = get_settings()
    tz, crs = settings.timezone, settings.working_crs
    role = check_role(role)
    catalogue = load_catalogue()
    check_categories(categories, catalogue)
    start, end = parse_week(week, tz)
    year, number, _ = start.isocalendar()
    week = f"{year}-W{number:02d}"
    k = int(min_count if min_count is not None else getattr(settings, "min_cell_count", 5))
    first = start - timedelta(weeks=PREVIOUS_WEEKS)
    n_weeks = PREVIOUS_WEEKS + 1
    t0 = pd.Timestamp(first).tz_convert("UTC")

    # every incident of the five weeks, any precision: totals, profile, imprecise counts
    cols = (
        "id",
        "category",
        "occurred_from",
        "occurred_to",
        "precision",
        "municipality",
        "lon",
        "lat",
    )
    # windows that start before the five weeks may reach into them (month-dated data)
    early = first - LOOKBACK
    allrec = store.records(
        "incident", bbox=bbox, start=early, end=end, categories=categories, columns=cols
    )
    allw = week_weights(allrec["occurred_from"], allrec["occurred_to"], t0, n_weeks)
    in_week = allw[:, PREVIOUS_WEEKS] > 0
    this = allrec.loc[in_week]
    previous_counts = [float(allw[:, w].sum()) for w in range(PREVIOUS_WEEKS)]
    profile = hour_weekday_profile(this["occurred_from"], this["occurred_to"], tz=tz)
    span = pd.to_datetime(this["occurred_to"], utc=True) - this["occurred_from"]
    n_windows = int((span > pd.Timedelta(days=7)).sum())

    best = PRECISION_RANK[Precision.STREET]
    coarse_mask = this["precision"].map(lambda p: PRECISION_RANK.get(p, 9) > best).to_numpy(bool)
    coarse = this.loc[coarse_mask].assign(share=allw[in_week][coarse_mask, PREVIOUS_WEEKS])
    imprecise = (
        coarse.assign(municipality=coarse["municipality"].fillna(t("report.unknown_kommun", lang)))
        .groupby(["municipality", "precision"])["share"]
        .sum()
        .rename("n")
        .reset_index()
        .sort_values(["municipality", "precision"], key=_precision_order)
        if len(coarse)
        else pd.DataFrame(columns=["municipality", "precision", "n"])
    )
    pending = int(store.counts().get("review_pending", 0))

    points = load_points(store, start=early, end=end, categories=categories, bbox=bbox, crs=crs)
    weights = week_weights(points["occurred_from"], points["occurred_to"], t0, n_weeks)
    keep = weights.sum(axis=1) > 0
    points, weights = points.loc[keep].reset_index(drop=True), weights[keep]
    observations = _observations(store, end=end, bbox=bbox, crs=crs)
    measures = _measures(store, bbox, end)
    rows = _hotspot_rows(
        store,
        points,
        weights,
        observations,
        measures,
        catalogue=catalogue,
        lang=lang,
        k=k,
        end=end,
        categories=categories,
        bbox=bbox,
        crs=crs,
        tz=tz,
        top=top,
    )
    obs_week = observations.loc[
        (observations["occurred_from"] >= start) & (observations["occurred_from"] < end)
    ]
    closed = _closed_observations(store, start, end, observations, catalogue, lang)
    alerts, promises = _alerts(store, week), _promises(store, end, tz, settings.municipality)
    return WeeklyReport(
        week=week,
        start=start,
        end=end,
        lang=lang,
        role=role,
        min_count=k,
        n_week=float(allw[:, PREVIOUS_WEEKS].sum()),
        n_mapped=float(weights[:, PREVIOUS_WEEKS].sum()),
        n_time_windows=n_windows,
        previous_counts=previous_counts,
        hotspots=rows,
        new_observations=_observation_table(obs_week, catalogue, lang),
        closed_observations=closed,
        measures=_with_links(
            store,
            _with_followups(store, _measure_table(measures, start, end), start, end, lang),
        ),
        profile=profile,
        imprecise=imprecise,
        review_pending=pending,
        n_observations_week=len(obs_week),
        alerts=alerts,
        promises=promises,
    )


def _alerts(store, week: str) -> list:
    """The deviation alerts stored for ``week`` (``hotspots alerts check``), most unusual first."""
    from hotspots.alerts.repo import list_alerts

    return list_alerts(store, week=week)


def _promises(store, end, tz: str, municipality: str | None) -> list[dict]:
    """Progress of the citizen promises running on the week's last day."""
    from zoneinfo import ZoneInfo

    from hotspots.promises.core import progress

    last = (pd.Timestamp(end) - pd.Timedelta(microseconds=1)).tz_convert(ZoneInfo(tz)).date()
    running = progress(store, as_of=last, timezone=tz, municipality=municipality)
    return [p for p in running if p["period_start"] <= last.isoformat() <= p["period_end"]]


def _precision_order(values: pd.Series) -> pd.Series:
    """Sort key: precisions best first, other columns as they are."""
    if values.name != "precision":
        return values
    return values.map(lambda p: PRECISION_RANK.get(p, len(PRECISION_RANK)))


def _hotspot_rows(
    store,
    points,
    weights,
    observations,
    measures,
    *,
    catalogue,
    lang,
    k,
    end,
    categories,
    bbox,
    crs,
    tz,
    top,
) -> list[HotspotRow]:
    import geopandas as gpd

    from hotspots.detect.profile import hour_weekday_profile
    from hotspots.geocode.localities import load_localities
    from hotspots.settings import get_settings

    n_weeks = PREVIOUS_WEEKS + 1
    areas = find_areas(points, weights, eps=AREA_EPS_M, min_samples=max(k, 5), tz=tz)
    if not areas:
        return []
    areas.sort(key=lambda a: (-a.weekly[-1], -sum(a.weekly[:-1])))
    areas = areas[:top]
    cells = _emerging(store, end=end, categories=categories, bbox=bbox, crs=crs)
    measure_shapes = _measure_points(measures, crs) if len(measures) else None
    open_obs = observations.loc[observations["status"].isin(OPEN_OBSERVATION)]
    members = np.concatenate([a.members for a in areas])
    addresses = _addresses(store, points["id"].to_numpy()[members])
    try:
        localities = load_localities(get_settings().data_dir)
        localities = list(localities)
    except Exception:  # noqa: BLE001 - naming is a nicety; the table stands without it
        localities = []
    sensitive = catalogue.sensitive_codes()
    rows = []
    for rank, area in enumerate(areas, start=1):
        inside = points.iloc[area.members]
        # sensitive categories count in the area's numbers but never drive or name a rule
        # sensitive categories count in the area's numbers but never drive or name a rule
        open_mask = ~inside["category"].isin(sensitive).to_numpy()
        in_window = inside.loc[open_mask]
        w = weights[area.members][open_mask]
        cats = {
            str(c): int(round(v))
            for c, v in pd.Series(w.sum(axis=1), index=in_window["category"].to_numpy())
            .groupby(level=0)
            .sum()
            .items()
            if round(v) > 0
        }
        prof = hour_weekday_profile(in_window["occurred_from"], in_window.get("occurred_to"), tz=tz)
        night = float(prof[:, list(NIGHT_HOURS)].sum()) * (
            sum(cats.values()) / max(len(in_window), 1)
        )
        is_prop = in_window["category"].isin(PROPERTY).to_numpy()
        prop_weeks = int((w[is_prop].sum(axis=0) > 0).sum())
        near = area.polygon.buffer(NEAR_M)
        obs_here = open_obs.loc[open_obs.within(near)] if len(open_obs) else open_obs
        pattern = None
        if cells is not None and len(cells):
            here = set(cells.loc[cells.intersects(area.polygon), "pattern"])
            pattern = next((p for p in PATTERN_PRIORITY if p in here), None)
        profile = AreaProfile(
            categories=cats,
            night=night,
            property_weeks=prop_weeks,
            n_weeks=n_weeks,
            observations=obs_here["category"].value_counts().to_dict() if len(obs_here) else {},
            pattern=pattern,
        )
        suggestions = suggest_measures(profile, catalogue, lang=lang)
        placed = []
        if measure_shapes is not None:
            there = measure_shapes.loc[measure_shapes.intersects(near)]
            there = there.loc[there["status"] != "avslutad"]
            placed = [
                f"{_measure_label(m, catalogue, lang)} ({status_label(s, lang)})"
                for m, s in zip(there["measure"], there["status"], strict=True)
            ]
        centre = gpd.GeoSeries([area.polygon.centroid], crs=crs).to_crs(4326).iloc[0]
        name = place_name(
            (centre.x, centre.y),
            addresses=[addresses.get(i) for i in inside["id"]],
            walk_areas=list(obs_here.get("walk_area", [])),
            localities=localities,
            lang=lang,
        )
        top_cats = [
            (_category_label(c, catalogue, lang), int(n))
            for c, n in sorted(cats.items(), key=lambda kv: (-kv[1], kv[0]))
            if c not in sensitive
        ][:3]
        trend = _trend(area.weekly[-1], area.weekly[:-1])
        rows.append(
            HotspotRow(
                rank=rank,
                name=name,
                geometry=gpd.GeoSeries([area.polygon], crs=crs).to_crs(4326).iloc[0],
                this_week=area.weekly[-1],
                previous=area.weekly[:-1],
                trend=trend,
                trend_label=_trend_label(trend, lang),
                pattern=pattern,
                pattern_label=_pattern_label(pattern, lang),
                categories=top_cats,
                peak_hours=_peak_hours(prof),
                suggestions=suggestions,
                measures=placed,
            )
        )
    return rows


def status_label(status: str, lang: str) -> str:
    """The word for an observation or measure status in ``lang``."""
    labels = {
        "ny": t("report.status.ny", lang),
        "rapporterad": t("report.status.rapporterad", lang),
        "åtgärdad": t("report.status.atgardad", lang),
        "avslutad": t("report.status.avslutad", lang),
        "föreslagen": t("report.status.foreslagen", lang),
        "planerad": t("report.status.planerad", lang),
        "pågående": t("report.status.pagaende", lang),
        "genomförd": t("report.status.genomford", lang),
    }
    return labels.get(status, status or "")


def _pattern_label(pattern: str | None, lang: str) -> str:
    if pattern is None:
        return "–"
    from hotspots.detect.emerging import _pattern_labels

    return _pattern_labels("en" if lang == "en" else "sv").get(pattern, pattern)


def _category_label(code: str, catalogue, lang: str) -> str:
    return catalogue[code].label(lang) if code in catalogue else code


def _measure_label(code: str, catalogue, lang: str) -> str:
    return catalogue.measures[code].label(lang) if code in catalogue.measures else code


def _observation_table(frame, catalogue, lang: str) -> pd.DataFrame:
    cols = ["id", "date", "category", "description", "status", "walk"]
    if len(frame) == 0:
        return pd.DataFrame(columns=cols)
    return pd.DataFrame(
        {
            "id": frame["id"].to_numpy(),
            "date": frame["occurred_from"].to_numpy(),
            "category": [_category_label(c, catalogue, lang) for c in frame["category"]],
            "description": frame["description"].to_numpy(),
            "status": frame["status"].to_numpy(),
            "walk": frame["walk"].to_numpy(),
        }
    ).sort_values(["date", "id"])


def _closed_observations(store, start, end, observations, catalogue, lang) -> pd.DataFrame:
    cols = ["id", "date", "category", "description", "status", "walk", "changed_at", "note"]
    getter = getattr(store, "status_changes", None)
    if getter is None:
        return pd.DataFrame(columns=cols)
    changes = getter("observation", start=start, end=end)
    changes = changes.loc[changes["status"].isin(CLOSED_OBSERVATION)]
    if len(changes) == 0:
        return pd.DataFrame(columns=cols)
    changes = changes.drop_duplicates("record_id", keep="last")
    info = observations.set_index("id")
    out = []
    for rec in changes.itertuples(index=False):
        row = info.loc[rec.record_id] if rec.record_id in info.index else None
        out.append(
            {
                "id": rec.record_id,
                "date": row["occurred_from"] if row is not None else pd.NaT,
                "category": _category_label(row["category"], catalogue, lang)
                if row is not None
                else "",
                "description": row["description"] if row is not None else "",
                "status": rec.status,
                "walk": row["walk"] if row is not None else "",
                "changed_at": rec.changed_at,
                "note": rec.note,
            }
        )
    return pd.DataFrame(out, columns=cols)


#: Measures whose follow-up the report computes; the rest get the command to run it.
MAX_FOLLOWUPS = 10


def _with_followups(store, table: pd.DataFrame, start, end, lang: str) -> pd.DataFrame:
    """Add ``followup``: the short follow-up of measures placed before the week, as of its end.

    Computed for at most :data:`MAX_FOLLOWUPS`; the others (and any that fail) get the
    command that makes it (``hotspots followup ID``).
    """
    if len(table) == 0 or "starts_on" not in table:
        return table
    from hotspots.errors import HotspotsError
    from hotspots.followup import follow_up

    s = pd.Timestamp(start).tz_convert("UTC")
    placed = pd.to_datetime(table["starts_on"], utc=True)
    texts: list[str | None] = []
    done = 0
    for measure_id, when in zip(table["id"], placed, strict=True):
        if pd.isna(when) or when >= s:
            texts.append(None)
            continue
        text = t("followup.report.command", lang, id=int(measure_id))
        if done < MAX_FOLLOWUPS:
            done += 1
            try:
                text = follow_up(store, int(measure_id), as_of=end, language=lang).short
            except HotspotsError:
                pass
        texts.append(text)
    return table.assign(followup=texts)


def _with_links(store, table: pd.DataFrame) -> pd.DataFrame:
    """Add ``observations``: how many observations each measure is linked to."""
    if len(table) == 0 or getattr(store, "engine", None) is None:
        return table
    from hotspots.store.links import link_counts

    counts = link_counts(store, "observation")
    return table.assign(observations=[counts.get(int(i), 0) for i in table["id"]])


def _measure_table(measures: pd.DataFrame, start, end) -> pd.DataFrame:
    """Measures placed or changed this week, and those planned or under way."""
    if len(measures) == 0:
        return measures
    s, e = pd.Timestamp(start).tz_convert("UTC"), pd.Timestamp(end).tz_convert("UTC")

    def within(col):
        if col not in measures:
            return pd.Series(False, index=measures.index)
        v = pd.to_datetime(measures[col], utc=True)
        return (v >= s) & (v < e)

    active = measures["status"].isin(["planerad", "pågående"])
    placed = within("starts_on")
    changed = within("status_changed_at")
    # decided after the week: not yet known then
    decided = pd.to_datetime(measures.get("decided_on"), utc=True)
    known = decided.isna() | (decided < e)
    out = measures.loc[(active | placed | changed) & known].copy()
    out["placed_this_week"] = placed.loc[out.index]
    out["changed_this_week"] = changed.loc[out.index]
    return out.sort_values(
        ["placed_this_week", "changed_this_week", "id"], ascending=[False, False, True]
    )
