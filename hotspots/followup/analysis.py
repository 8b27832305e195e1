"""Before/after follow-up of a measure: treated area, displacement buffer and control area.

The method (also in the README):

* **Periods.** Two equal periods meet at the placement date ``p`` (``starts_on``): before
  ``[p - L, p)`` and after ``[p, p + L)``. ``L`` is given (weeks, or whole calendar months
  for month-dated data such as police.uk), or by default as long as the time from placement
  to ``as_of`` (today), in whole weeks, capped at 26 weeks; under 4 weeks there is nothing
  to follow up yet. Calendar months differ by a few days; the comparison with the control
  area takes out such differences (and seasons and trends common to the whole area).
* **Which incidents.** Incidents of the categories whose catalogue entry lists the
  measure's type (all incident categories when none does), at street precision or better.
  An incident counts in a period when its whole time window lies in it (an instant when it
  has none); one whose window crosses a period boundary (a month-dated crime when the
  placement is mid-month) counts in neither and the follow-up says how many there were.
* **Areas.** A (treated): the measure's polygon, or its point buffered by ``radius_m``
  (100 m when none). B (buffer): the ring of ``buffer_m`` metres around A, where
  displacement or a diffusion of benefits would show. C (control): the measure's kommun
  (or the installation's), else the convex hull of the incidents around the two periods
  (without stray points), or a polygon given by the caller, in each case without A and B.
* **Measures** (Bowers & Johnson 2003), with ``X_b``/``X_a`` the counts before/after:
  success measure ``SM = A_a/C_a - A_b/C_b`` (negative: the treated area improved relative
  to the control), buffer measure ``BM = B_a/C_a - B_b/C_b`` and the weighted displacement
  quotient ``WDQ = BM / SM``. Read only when ``SM < 0``: ``WDQ > 1`` diffusion of benefits
  greater than the direct effect, ``0 < WDQ <= 1`` diffusion of benefits, ``0`` neither,
  ``-1 <= WDQ < 0`` some displacement (smaller than the direct effect), ``WDQ < -1``
  displacement greater than the direct effect (a net loss). Undefined when ``SM = 0`` or
  the control has no incidents in a period. When the treated area's change is not more
  than chance (the test below), the reading says the WDQ is uncertain.
* **Test.** The counts are taken as Poisson; "the treated area changed like the control"
  means the relative rate ``RR = (A_a/A_b) / (C_a/C_b)`` is 1. Conditioning on the margins
  of the 2 x 2 table ``[[A_a, A_b], [C_a, C_b]]`` turns this into Fisher's exact test
  (two-sided, ``scipy.stats.fisher_exact``); the 95 % interval of RR is the conditional
  one of ``scipy.stats.contingency.odds_ratio`` (it agrees with the test and copes with
  zeros). The same test compares the buffer with the control. When even the most extreme
  split of ``A_b + A_a`` (all before or all after) would not reach p < 0.05 the counts are
  too few for a test, and the follow-up says so instead of giving a p-value.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import numpy as np
import pandas as pd

from hotspots.errors import InputError, NotFoundError
from hotspots.i18n import current_language, msg

__all__ = [
    "ALPHA",
    "AreaCounts",
    "FollowUp",
    "Period",
    "fisher_test",
    "follow_up",
    "parse_period",
    "wdq_class",
]

#: Significance level of the test.
ALPHA = 0.05
#: Longest default period, weeks.
MAX_WEEKS = 26
#: Shortest period after placement that a follow-up needs, weeks.
MIN_WEEKS = 4
#: Radius of a measure given as a point without one, metres.
DEFAULT_RADIUS_M = 100.0
#: How far before the before-period a time window is looked for (it may reach into it).
WINDOW_LOOKBACK = timedelta(days=92)


@dataclass(frozen=True)
class Period:
    """A period length: ``n`` weeks or ``n`` calendar months."""

    n: int
    unit: str  # "weeks" | "months"

    def offset(self) -> pd.DateOffset:
        """The length as a calendar offset (wall-clock local time)."""
        return pd.DateOffset(weeks=self.n) if self.unit == "weeks" else pd.DateOffset(months=self.n)


def parse_period(value) -> Period | None:
    """``None``, an int (weeks), a :class:`timedelta` (whole weeks), or ``"12w"``/``"3m"``.

    Swedish unit letters work too (``"12v"`` veckor, ``"3m"`` månader).
    """
    if value is None or isinstance(value, Period):
        return value
    if isinstance(value, bool):
        raise InputError(msg("followup.bad_period", value=value))
    if isinstance(value, int | np.integer):
        period = Period(int(value), "weeks")
    elif isinstance(value, timedelta):
        days = value.total_seconds() / 86400
        if days % 7:
            raise InputError(msg("followup.bad_period", value=value))
        period = Period(int(days // 7), "weeks")
    else:
        m = re.fullmatch(r"\s*(\d+)\s*([wvmWVM])\w*\s*", str(value))
        if not m:
            raise InputError(msg("followup.bad_period", value=value))
        period = Period(int(m.group(1)), "months" if m.group(2).lower() == "m" else "weeks")
    if period.n < 1 or (period.unit == "weeks" and period.n > 520) or period.n > 120:
        raise InputError(msg("followup.bad_period", value=value))
    return period


@dataclass(frozen=True)
class AreaCounts:
    """Incidents before and after in one area."""

    before: int
    after: int
    area_km2: float

    @property
    def change(self) -> int:
        """``after - before``."""
        return self.after - self.before

    @property
    def change_pct(self) -> float | None:
        """Change in per cent of ``before``; None when ``before`` is 0."""
        return None if self.before == 0 else 100.0 * (self.after - self.before) / self.before

    def to_dict(self) -> dict:
        """Plain JSON-able dict."""
        return {
            "before": self.before,
            "after": self.after,
            "change": self.change,
            "change_pct": _round(self.change_pct, 1),
            "area_km2": _round(self.area_km2, 4),
        }


@dataclass
class FollowUp:
    """The follow-up of one measure (see the module docstring for the method).

    When something needed is missing (no placement date, no data before, the after period
    not over yet) ``missing`` says what in sentences, and the counts and measures are None.
    ``reading`` is the plain-language summary in ``language``; ``short`` a one-line form.
    """

    measure_id: int
    measure: str
    title: str
    language: str
    placed: datetime | None = None
    period: Period | None = None
    before: tuple[datetime, datetime] | None = None  # [start, end), local time
    after: tuple[datetime, datetime] | None = None
    categories: list[str] = field(default_factory=list)
    buffer_m: float = 200.0
    radius_m: float | None = None
    control_source: str | None = None  # "kommun" | "study_area" | "given"
    control_name: str | None = None
    treated: AreaCounts | None = None
    buffer: AreaCounts | None = None
    control: AreaCounts | None = None
    success_measure: float | None = None
    buffer_measure: float | None = None
    wdq: float | None = None
    wdq_class: str | None = None
    relative_rate: float | None = None
    rr_ci: tuple[float, float] | None = None
    p_value: float | None = None
    significant: bool | None = None
    buffer_relative_rate: float | None = None
    buffer_p_value: float | None = None
    test: str = "fisher_exact"
    too_few: bool = False
    excluded_windows: int = 0
    missing: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    reading: str = ""
    short: str = ""

    @property
    def ok(self) -> bool:
        """True when the counts could be made (nothing needed is missing)."""
        return not self.missing

    def to_dict(self) -> dict:
        """Everything as plain JSON-able values (times as ISO 8601 with offset)."""

        def span(p):
            return None if p is None else {"start": p[0].isoformat(), "end": p[1].isoformat()}

        return {
            "measure_id": self.measure_id,
            "measure": self.measure,
            "title": self.title,
            "language": self.language,
            "placed": None if self.placed is None else self.placed.isoformat(),
            "period": None
            if self.period is None
            else {"n": self.period.n, "unit": self.period.unit},
            "before": span(self.before),
            "after": span(self.after),
            "categories": list(self.categories),
            "buffer_m": self.buffer_m,
            "radius_m": self.radius_m,
            "control_source": self.control_source,
            "control_name": self.control_name,
            "treated": None if self.treated is None else self.treated.to_dict(),
            "buffer": None if self.buffer is None else self.buffer.to_dict(),
            "control": None if self.control is None else self.control.to_dict(),
            "success_measure": _round(self.success_measure, 6),
            "buffer_measure": _round(self.buffer_measure, 6),
            "wdq": _round(self.wdq, 4),
            "wdq_class": self.wdq_class,
            "relative_rate": _round(self.relative_rate, 4),
            "rr_ci": None if self.rr_ci is None else [_round(v, 4) for v in self.rr_ci],
            "p_value": _round(self.p_value, 6),
            "significant": self.significant,
            "buffer_relative_rate": _round(self.buffer_relative_rate, 4),
            "buffer_p_value": _round(self.buffer_p_value, 6),
            "test": self.test,
            "alpha": ALPHA,
            "too_few": self.too_few,
            "excluded_windows": self.excluded_windows,
            "ok": self.ok,
            "missing": list(self.missing),
            "notes": list(self.notes),
            "reading": self.reading,
            "short": self.short,
        }


def _round(v, digits):
    if v is None:
        return None
    v = float(v)
    if math.isnan(v):
        return None
    if math.isinf(v):
        return None
    return round(v, digits)


# ------------------------------------------------------------------------------ statistics
def fisher_test(a_before: int, a_after: int, c_before: int, c_after: int) -> dict:
    """Fisher's exact test of ``RR = (a_after/a_before) / (c_after/c_before) = 1``.

    Returns ``relative_rate`` (None when a before-count is 0), ``ci`` (95 %, conditional),
    ``p_value`` (two-sided) and ``too_few``: True when no split of ``a_before + a_after``
    could give p < :data:`ALPHA` (the test can then say nothing; ``p_value`` is None).
    """
    from scipy.stats import fisher_exact
    from scipy.stats.contingency import odds_ratio

    n = a_before + a_after
    table = [[a_after, a_before], [c_after, c_before]]
    extremes = (
        fisher_exact([[0, n], [c_after, c_before]]).pvalue,
        fisher_exact([[n, 0], [c_after, c_before]]).pvalue,
    )
    if n == 0 or min(extremes) >= ALPHA:
        return {"relative_rate": None, "ci": None, "p_value": None, "too_few": True}
    p = float(fisher_exact(table).pvalue)
    rr = None
    if a_before > 0 and c_after > 0 and c_before > 0:
        rr = (a_after / a_before) / (c_after / c_before)
    ci = odds_ratio(table, kind="conditional").confidence_interval(1 - ALPHA)
    return {
        "relative_rate": rr,
        "ci": (float(ci.low), float(ci.high)),
        "p_value": min(p, 1.0),
        "too_few": False,
    }


def wdq_class(success: float | None, wdq: float | None) -> str:
    """The reading of a WDQ (Bowers & Johnson 2003): a class code.

    ``undefined`` (no WDQ), ``not_applicable`` (the treated area did not improve relative
    to the control: ``success >= 0``), else ``diffusion_greater`` (> 1), ``diffusion``
    (0..1], ``none`` (0), ``displacement`` [-1..0) or ``displacement_greater`` (< -1).
    """
    if success is None or wdq is None or not math.isfinite(wdq):
        return "undefined"
    if success >= 0:
        return "not_applicable"
    if wdq > 1:
        return "diffusion_greater"
    if wdq > 1e-12:
        return "diffusion"
    if wdq >= -1e-12:
        return "none"
    if wdq >= -1:
        return "displacement"
    return "displacement_greater"


# ------------------------------------------------------------------------------ the follow-up
def follow_up(
    store,
    measure_id: int,
    *,
    period=None,
    buffer_m: float = 200.0,
    control=None,
    categories: list[str] | None = None,
    as_of: datetime | None = None,
    language: str | None = None,
) -> FollowUp:
    """Compare equal periods before and after measure ``measure_id`` was placed.

    Parameters
    ----------
    store
        A :class:`hotspots.store.Store`.
    measure_id
        The measure's id; an unknown id raises :class:`NotFoundError`.
    period
        Length of each period: weeks (int, ``timedelta`` or ``"12w"``) or calendar months
        (``"3m"``: use whole months for month-dated data). Default: the time from placement
        to ``as_of`` in whole weeks, at most 26, at least 4.
    buffer_m
        Width of the displacement ring around the treated area, metres (> 0).
    control
        The control area as a GeoJSON geometry dict or shapely geometry in lon/lat; default
        the measure's kommun, else the incidents' study area. The treated area and the
        buffer are always taken out of it.
    categories
        Incident category codes; default those whose catalogue ``measures`` list the
        measure's type (all incident categories when none does).
    as_of
        "Today" (timezone-aware; default now): the after period must be over by then.
    language
        ``sv`` or ``en`` for the texts (default: the settings' language).
    """
    from hotspots.catalogue import load_catalogue
    from hotspots.followup.text import describe
    from hotspots.settings import get_settings

    settings = get_settings()
    tz, crs = settings.timezone, settings.working_crs
    lang = language if language in ("sv", "en") else current_language()
    try:
        buffer_m = float(buffer_m)
    except (TypeError, ValueError):
        raise InputError(msg("followup.bad_buffer", value=buffer_m)) from None
    if not (math.isfinite(buffer_m) and 0 < buffer_m <= 10_000):
        raise InputError(msg("followup.bad_buffer", value=buffer_m))
    period = parse_period(period)
    catalogue = load_catalogue()
    row = _measure_row(store, measure_id)
    if as_of is None:
        as_of = datetime.now().astimezone()
    elif as_of.tzinfo is None:
        raise InputError(msg("followup.naive_as_of", value=as_of))
    as_of_ts = pd.Timestamp(as_of).tz_convert(tz)

    code = str(row["measure"])
    cats = _categories(catalogue, code, categories)
    radius = None if pd.isna(row["radius_m"]) else float(row["radius_m"])
    result = FollowUp(
        measure_id=int(row["id"]),
        measure=code,
        title=str(row["title"]),
        language=lang,
        categories=cats,
        buffer_m=buffer_m,
        radius_m=radius,
    )
    placed = row["starts_on"]
    if pd.isna(placed):
        result.missing.append(msg_lang(lang, "no_placed", id=result.measure_id))
        return describe(result, catalogue)
    placed = pd.Timestamp(placed).tz_convert(tz)
    result.placed = placed.to_pydatetime()
    if placed > as_of_ts:
        result.missing.append(msg_lang(lang, "not_placed_yet", placed=_day(placed)))
        return describe(result, catalogue)
    if period is None:
        # wall-clock weeks: a DST change must not cost a week
        weeks = int((as_of_ts.tz_localize(None) - placed.tz_localize(None)) / pd.Timedelta(weeks=1))
        if weeks < MIN_WEEKS:
            result.missing.append(
                msg_lang(
                    lang,
                    "too_early",
                    placed=_day(placed),
                    days=(as_of_ts - placed).days,
                    weeks=MIN_WEEKS,
                    earliest=_day(placed + pd.DateOffset(weeks=MIN_WEEKS)),
                )
            )
            return describe(result, catalogue)
        period = Period(min(weeks, MAX_WEEKS), "weeks")
    result.period = period
    start = placed - period.offset()
    end = placed + period.offset()
    result.before = (start.to_pydatetime(), placed.to_pydatetime())
    result.after = (placed.to_pydatetime(), end.to_pydatetime())
    if end > as_of_ts:
        result.missing.append(
            msg_lang(lang, "after_not_over", end=_day(end - pd.Timedelta(days=1)))
        )
        return describe(result, catalogue)
    coverage = _coverage(store, tz)
    if coverage is None:
        result.missing.append(msg_lang(lang, "no_data"))
        return describe(result, catalogue)
    first_day, last_day = coverage
    if first_day > start.date():
        result.missing.append(
            msg_lang(lang, "data_start", first=first_day.isoformat(), start=_day(start))
        )
    last_needed = (end - pd.Timedelta(microseconds=1)).date()
    if last_day < last_needed:
        result.missing.append(
            msg_lang(lang, "data_end", last=last_day.isoformat(), end=last_needed.isoformat())
        )
    if result.missing:
        return describe(result, catalogue)

    from hotspots.detect.source import load_points

    pts = load_points(
        store,
        start=(start - WINDOW_LOOKBACK).tz_convert("UTC").to_pydatetime(),
        end=end.tz_convert("UTC").to_pydatetime(),
        categories=cats,
        crs=crs,
    )
    treated, ring, control_geom, source, name = _areas(
        row,
        buffer_m=buffer_m,
        control=control,
        crs=crs,
        settings=settings,
        points=pts,
    )
    result.control_source, result.control_name = source, name
    counts, excluded = _count(pts, [treated, ring, control_geom], start, placed, end)
    result.excluded_windows = excluded
    result.treated, result.buffer, result.control = (
        AreaCounts(b, a, geom.area / 1e6)
        for (b, a), geom in zip(counts, (treated, ring, control_geom), strict=True)
    )
    _measures(result)
    return describe(result, catalogue)


def msg_lang(lang: str, what: str, **values) -> str:
    """The sentence for a missing piece ``what`` in ``lang`` (literal keys for the i18n check)."""
    from hotspots.i18n import t

    texts = {
        "no_placed": lambda: t("followup.missing.no_placed", lang, **values),
        "not_placed_yet": lambda: t("followup.missing.not_placed_yet", lang, **values),
        "too_early": lambda: t("followup.missing.too_early", lang, **values),
        "after_not_over": lambda: t("followup.missing.after_not_over", lang, **values),
        "no_data": lambda: t("followup.missing.no_data", lang, **values),
        "data_start": lambda: t("followup.missing.data_start", lang, **values),
        "data_end": lambda: t("followup.missing.data_end", lang, **values),
    }
    return texts[what]()


def _day(ts) -> str:
    return pd.Timestamp(ts).date().isoformat()


def _measure_row(store, measure_id) -> pd.Series:
    try:
        number = int(measure_id)
    except (TypeError, ValueError):
        raise NotFoundError(msg("measures.not_found", id=measure_id)) from None
    df = store.measures()
    hit = df.loc[df["id"] == number]
    if number != measure_id or hit.empty:
        raise NotFoundError(msg("measures.not_found", id=measure_id))
    return hit.iloc[0]


def _categories(catalogue, code: str, given: list[str] | None) -> list[str]:
    incident = catalogue.codes("incident")
    if given:
        unknown = [c for c in given if c not in incident]
        if unknown:
            raise InputError(
                msg(
                    "followup.unknown_categories",
                    codes=", ".join(unknown),
                    known=", ".join(incident),
                )
            )
        return list(dict.fromkeys(given))
    chosen = [c for c in incident if code in catalogue[c].measures]
    return chosen or incident


def _coverage(store, tz: str):
    """First and last local day the incident data cover, or None without incidents."""
    from hotspots.store.spans import record_span

    span = record_span(store, "incident")
    if span is None:
        return None
    first, last, last_end = (None if v is None else pd.Timestamp(v) for v in span)
    if last_end is not None:
        # a window's end is exclusive (a day ends at the next midnight)
        last = max(last, last_end - pd.Timedelta(microseconds=1))
    return first.tz_convert(tz).date(), last.tz_convert(tz).date()


def _project(geom, crs):
    import geopandas as gpd

    return gpd.GeoSeries([geom], crs=4326).to_crs(crs).iloc[0]


def _areas(row, *, buffer_m, control, crs, settings, points):
    """Treated area, buffer ring and control area (projected) and where the control came from."""
    import shapely
    from shapely.geometry import Point, shape

    area = row["area_geojson"]
    if isinstance(area, dict) and area:
        treated = _project(shape(area), crs)
        where = shape(area).representative_point()
    else:
        where = Point(float(row["lon"]), float(row["lat"]))
        radius = row["radius_m"]
        radius = DEFAULT_RADIUS_M if pd.isna(radius) else float(radius)
        treated = _project(where, crs).buffer(radius, quad_segs=32)
    treated = shapely.make_valid(treated)
    grown = treated.buffer(buffer_m, quad_segs=32)
    ring = grown.difference(treated)
    name = None
    if control is not None:
        geom = control if hasattr(control, "geom_type") else _control_shape(control)
        base, source = _project(geom, crs), "given"
    else:
        base, source, name = _kommun(row, where, settings)
        if base is not None:
            base = _project(base, crs)
        else:
            from hotspots.detect.studyarea import default_study_area

            x, y = points.geometry.x.to_numpy(), points.geometry.y.to_numpy()
            if len(x) == 0:
                base = grown.buffer(buffer_m)
            else:
                base = default_study_area(x, y, cell_size=100.0)
            source = "study_area"
    control_geom = shapely.make_valid(base).difference(grown)
    if control_geom.is_empty or control_geom.area <= 0:
        raise InputError(msg("followup.control_empty"))
    return treated, ring, control_geom, source, name


def _control_shape(value):
    from shapely.geometry import shape

    try:
        if isinstance(value, dict) and value.get("type") == "Feature":
            value = value["geometry"]
        geom = shape(value)
    except Exception:  # noqa: BLE001 - any malformed GeoJSON is one input error
        raise InputError(msg("followup.bad_control")) from None
    if geom.geom_type not in ("Polygon", "MultiPolygon") or geom.is_empty:
        raise InputError(msg("followup.bad_control"))
    return geom


def _kommun(row, where, settings):
    """The measure's kommun polygon (lon/lat) and its name, or (None, None, None)."""
    from hotspots.errors import GeocodeError
    from hotspots.geocode.boundaries import load_boundaries

    try:
        boundaries = load_boundaries(settings.data_dir)
    except GeocodeError:
        return None, None, None
    for name in (row.get("municipality"), settings.municipality):
        if isinstance(name, str) and name.strip() and name in boundaries:
            return boundaries.polygon(name), "kommun", boundaries.name(name)
    found = boundaries.locate([where.x], [where.y])[0]
    if found is not None:
        return boundaries.polygon(found), "kommun", str(found)
    return None, None, None


def _count(pts, geoms, start, placed, end):
    """Counts ``(before, after)`` per geometry, and how many windows crossed a boundary."""
    import shapely

    s = pd.to_datetime(pts["occurred_from"], utc=True)
    e = pd.to_datetime(pts["occurred_to"], utc=True)
    instant = e.isna() | (e <= s)
    t0, tp, t1 = (pd.Timestamp(v).tz_convert("UTC") for v in (start, placed, end))
    # instants: in [t0, tp) or [tp, t1); windows [s, e) wholly inside one period
    before = np.where(instant, (s >= t0) & (s < tp), (s >= t0) & (e <= tp)).astype(bool)
    after = np.where(instant, (s >= tp) & (s < t1), (s >= tp) & (e <= t1)).astype(bool)
    touches = np.where(instant, (s >= t0) & (s < t1), (e > t0) & (s < t1)).astype(bool)
    crossing = touches & ~before & ~after
    x, y = pts.geometry.x.to_numpy(), pts.geometry.y.to_numpy()
    out = []
    excluded = 0
    for geom in geoms:
        shapely.prepare(geom)
        inside = shapely.contains_xy(geom, x, y) if len(x) else np.zeros(0, dtype=bool)
        out.append((int((inside & before).sum()), int((inside & after).sum())))
        excluded += int((inside & crossing).sum())
    return out, excluded


def _measures(result: FollowUp) -> None:
    """Success measure, WDQ and the tests from the counts."""
    a, b, c = result.treated, result.buffer, result.control
    if c.before > 0 and c.after > 0:
        sm = a.after / c.after - a.before / c.before
        bm = b.after / c.after - b.before / c.before
        result.success_measure, result.buffer_measure = sm, bm
        result.wdq = bm / sm if sm != 0 else None
    result.wdq_class = wdq_class(result.success_measure, result.wdq)
    test = fisher_test(a.before, a.after, c.before, c.after)
    result.too_few = test["too_few"]
    result.relative_rate, result.rr_ci, result.p_value = (
        test["relative_rate"],
        test["ci"],
        test["p_value"],
    )
    result.significant = None if result.p_value is None else bool(result.p_value < ALPHA)
    buf = fisher_test(b.before, b.after, c.before, c.after)
    result.buffer_relative_rate, result.buffer_p_value = buf["relative_rate"], buf["p_value"]
