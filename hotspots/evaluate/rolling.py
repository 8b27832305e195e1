"""Score forecasts on a rolling origin: learn from the past, test on the period after it.

Origins go back from the cutoff in steps of the horizon: ``origin_k = cutoff - k × horizon``
(``k = 0 .. origins-1``). For each origin every method learns from the incidents over before
it (:func:`hotspots.detect.forecast.known_before`) and is scored on the incidents that start
in ``[origin, origin + horizon)`` inside the study area. A forecast never sees its test data.

Time resolution. Some sources give only the month (police.uk: each incident is a window over
its month). Such data is scored in whole calendar months only (horizon ``1m``, ``2m``...):
an incident belongs to the test period by the start of its window, and is training data for
an origin once its window has ended. A horizon in days is refused for month data, and so is
a cutoff that cuts through the months (it must be the first of a month in the time zone the
data was read in). Incidents whose window spans an origin of finer data (a burglary "between
Friday and Monday") are left out of that origin, with a note.

Calendar steps (months, days) are taken in ``timezone``; a cutoff without a time zone is
local time there. Without a cutoff the last origin is the latest one whose test period the
data covers in full (the end of the last month of month data, else the midnight after the
last incident, minus one horizon).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from hotspots.detect.forecast import FORECAST_METHODS, _times, known_before, make_forecast
from hotspots.detect.points import projected_xy
from hotspots.detect.studyarea import StudyGrid, default_study_area
from hotspots.errors import InputError
from hotspots.evaluate.horizon import Horizon
from hotspots.evaluate.metrics import score
from hotspots.i18n import msg

__all__ = [
    "DEFAULT_METHODS",
    "RESULT_KEYS",
    "RollingEvaluation",
    "evaluate",
    "mean_by_method",
    "time_resolution",
]

DEFAULT_METHODS = ("prospective", "last_period", "long_run")
#: The keys of every result dict, in order.
RESULT_KEYS = ("method", "origin", "hit_rate", "pai", "pei_star", "n", "N", "area_km2")


def time_resolution(points) -> str:
    """``"month"``, ``"day"`` or ``"instant"``: the typical time window of the incidents."""
    start, end = _times(points)
    if len(start) == 0:
        return "instant"
    days = float(np.median((end - start) / pd.Timedelta(days=1)))
    if days >= 27.5:
        return "month"
    if days >= 0.95:  # a day is 23 or 25 hours on a summer-time switch
        return "day"
    return "instant"


def _local(value, timezone: str) -> pd.Timestamp:
    """A cutoff (text, date or datetime) as a timestamp in ``timezone``."""
    try:
        ts = pd.Timestamp(value)
    except (ValueError, TypeError):
        raise InputError(msg("evaluate.bad_cutoff", value=value)) from None
    if ts is pd.NaT:
        raise InputError(msg("evaluate.bad_cutoff", value=value))
    if ts.tzinfo is None:
        return ts.tz_localize(timezone, nonexistent="shift_forward", ambiguous=True)
    return ts.tz_convert(timezone)


def _data_end(points, resolution: str, timezone: str) -> pd.Timestamp:
    """The end of the data: the last window's end for month data, else the next midnight."""
    start, end = _times(points)
    if resolution == "month":
        return end.max().tz_convert(timezone)
    last = start.max().tz_convert(timezone)
    return last.normalize() + pd.DateOffset(days=1)


class RollingEvaluation:
    """Score forecast methods on rolling origins (see the module docstring).

    Parameters
    ----------
    cutoff
        The last origin (text ``2018-07-01``, date or datetime); None: the latest with a
        complete test period.
    horizon
        Length of each test period: ``"7d"``, ``"14d"``, ``"1m"``, ``"2m"``, ``"3m"``...
    area_km2, coverage
        Area budget of a forecast: km², or a share of the study area. One of the two;
        neither means ``coverage=0.05``.
    cell_size
        Side of a grid cell, metres.
    methods
        Names in :data:`hotspots.detect.forecast.FORECAST_METHODS`.
    origins
        Number of origins.
    timezone
        IANA time zone of calendar steps and of a cutoff without one.
    params
        Extra parameters per method, e.g. ``{"prospective": {"bandwidth": 300.0}}``. A
        method that tunes itself (``auto``) is given the area budget above as well.

    Attributes
    ----------
    results_ : list of dict
        One per method and origin, keys :data:`RESULT_KEYS`, ordered by method (as given)
        then origin (oldest first); ``origin`` is a timezone-aware ``datetime``.
    scores_ : list of tuple
        ``(method, origin, Score)`` with the full :class:`~hotspots.evaluate.metrics.Score`.
    origins_ : list of pandas.Timestamp
        The origins, oldest first.
    resolution_ : str
        Time resolution of the data (:func:`time_resolution`).
    study_ : StudyGrid
        The study area's cells.
    notes_ : list of str
        Everything the user should know about the scores, in the user's language.
    """

    def __init__(self, *, cutoff=None, horizon: str | Horizon = "1m",
                 area_km2: float | None = None, coverage: float | None = None,
                 cell_size: float = 100.0, methods: Sequence[str] = DEFAULT_METHODS,
                 origins: int = 1, timezone: str = "Europe/Stockholm",
                 params: Mapping[str, Mapping] | None = None):
        self.cutoff = cutoff
        self.horizon = horizon
        self.area_km2 = area_km2
        self.coverage = coverage
        self.cell_size = cell_size
        self.methods = methods
        self.origins = origins
        self.timezone = timezone
        self.params = params

    def fit(self, points, *, study_area=None) -> RollingEvaluation:
        """Evaluate every method at every origin on ``points``.

        Parameters
        ----------
        points : geopandas.GeoDataFrame
            Incidents in a projected CRS (metres) with ``occurred_from`` (UTC) and
            optionally ``occurred_to``.
        study_area
            Polygon (GeoDataFrame/GeoSeries with a CRS, or a shapely geometry in the points'
            CRS); None: the convex hull of all the points.

        Returns
        -------
        self
        """
        x, y, crs = projected_xy(points)
        start, _ = _times(points)
        horizon = Horizon.parse(self.horizon)
        methods = list(self.methods)
        if not methods:
            raise InputError(msg("evaluate.no_methods"))
        params = dict(self.params or {})
        area_km2, coverage = self.area_km2, self.coverage
        if area_km2 is None and coverage is None:
            coverage = 0.05
        if int(self.origins) < 1:
            raise InputError(msg("evaluate.bad_origins", value=self.origins))
        if len(points) == 0:
            raise InputError(msg("evaluate.no_points"))

        self.notes_: list[str] = []
        self.resolution_ = time_resolution(points)
        if self.resolution_ == "month" and not horizon.in_months:
            raise InputError(msg("evaluate.horizon_finer_than_data", horizon=str(horizon)))
        data_end = _data_end(points, self.resolution_, self.timezone)
        cutoff = (horizon.shift(data_end, -1) if self.cutoff is None
                  else _local(self.cutoff, self.timezone))
        self.origins_ = sorted(horizon.shift(cutoff, -k) for k in range(int(self.origins)))

        if study_area is None:
            study_area = default_study_area(x, y, cell_size=self.cell_size)
            self.notes_.append(msg("evaluate.hull_area"))
        self.study_ = StudyGrid.from_area(study_area, cell_size=self.cell_size, crs=crs)
        cells = self.study_.counts(x, y)
        outside = len(x) - int(cells[self.study_.mask].sum())
        if outside:
            self.notes_.append(msg("evaluate.outside_area", n=outside, total=len(x)))

        self.results_, self.scores_ = [], []
        rows: dict[str, list] = {m: [] for m in methods}
        for origin in self.origins_:
            train, counts = self._split(points, x, y, start, origin, horizon, data_end)
            for method in methods:
                extra = dict(params.get(method, {}))
                if getattr(FORECAST_METHODS.get(method), "takes_budget", False):
                    extra.update(area_km2=area_km2, coverage=coverage)  # tune at this budget
                est = make_forecast(method, cell_size=self.cell_size, horizon=horizon, **extra)
                est.fit(points[train], origin=origin, study_area=self.study_)
                s = score(est.ranking_, counts, cell_area_km2=self.study_.grid.cell_area_km2,
                          area_km2=area_km2, coverage=coverage)
                rows[method].append((origin, s))
                new_notes = [*s.notes, *getattr(est, "notes_", ())]  # auto: what it chose
                self.notes_.extend(n for n in new_notes if n not in self.notes_)
        for method in methods:
            for origin, s in rows[method]:
                self.scores_.append((method, origin, s))
                self.results_.append({
                    "method": method, "origin": origin.to_pydatetime(),
                    "hit_rate": s.hit_rate, "pai": s.pai, "pei_star": s.pei_star,
                    "n": s.n, "N": s.N, "area_km2": s.area_km2,
                })
        return self

    def _split(self, points, x, y, start, origin, horizon, data_end):
        """Training rows and the test counts per cell for one origin."""
        train = known_before(points, origin)
        straddle = ((start < origin).to_numpy() & ~train)
        day = origin.strftime("%Y-%m-%d")
        if straddle.any():
            if self.resolution_ == "month":
                raise InputError(msg("evaluate.cutoff_not_month_start", origin=day,
                                     timezone=self.timezone))
            self.notes_.append(msg("evaluate.straddling", n=int(straddle.sum()), origin=day))
        if not train.any():
            raise InputError(msg("evaluate.no_training", origin=day))
        end = horizon.shift(origin, 1)
        if end > data_end:
            self.notes_.append(msg("evaluate.test_beyond_data", origin=day,
                                   end=data_end.strftime("%Y-%m-%d")))
        test = ((start >= origin) & (start < end)).to_numpy()
        return train, self.study_.counts(x[test], y[test])


def evaluate(points, *, study_area=None, cutoff=None, horizon: str | Horizon = "1m",
             area_km2: float | None = None, coverage: float | None = None,
             cell_size: float = 100.0, methods: Sequence[str] = DEFAULT_METHODS,
             origins: int = 1, timezone: str = "Europe/Stockholm",
             params: Mapping[str, Mapping] | None = None) -> list[dict]:
    """Hit rate, PAI and PEI* of forecast methods on rolling origins.

    The parameters are those of :class:`RollingEvaluation` and its ``fit``.

    Returns
    -------
    list of dict
        ``{"method", "origin", "hit_rate", "pai", "pei_star", "n", "N", "area_km2"}`` per
        method and origin (``origin``: a timezone-aware ``datetime``; scores NaN when the
        test period has no incident in the study area).
    """
    return RollingEvaluation(
        cutoff=cutoff, horizon=horizon, area_km2=area_km2, coverage=coverage,
        cell_size=cell_size, methods=methods, origins=origins, timezone=timezone,
        params=params,
    ).fit(points, study_area=study_area).results_


def mean_by_method(results: Sequence[Mapping]) -> list[dict]:
    """The mean hit rate, PAI and PEI* per method over the origins with test incidents."""
    out = []
    for method in dict.fromkeys(r["method"] for r in results):
        rows = [r for r in results if r["method"] == method]
        mean = {}
        for key in ("hit_rate", "pai", "pei_star"):
            values = np.array([r[key] for r in rows], dtype=float)
            mean[key] = float(np.nanmean(values)) if np.isfinite(values).any() else float("nan")
        out.append({"method": method, "origins": len(rows), **mean})
    return out

