"""Prospective hotspotting: where incidents are most likely in the next period.

Every forecast follows one contract, so the evaluation can score them alike::

    ProspectiveForecast(bandwidth=200.0).fit(points, origin=origin, study_area=polygon)

``fit`` uses only the incidents known before ``origin`` and sets

* ``study_`` (:class:`~hotspots.detect.studyarea.StudyGrid`): the grid over the study area
  and the cells in it,
* ``grid_`` (:class:`~hotspots.detect.grid.Grid`), ``mask_`` (cells in the study area),
* ``risk_``: the risk of each cell (``grid_.shape``; NaN outside the study area),
* ``ranking_``: the flat cell indices (``j * nx + i``) of the study area, riskiest first,

and :meth:`predict_top` gives the cells of an area budget (``area_km2`` or ``coverage``).

The study area is a polygon; its cells are the grid cells whose centre lies inside, and its
area ``A`` is the area of those cells (what PAI divides by).

Ties in the ranking (equal risk: above all the many cells no incident is near) are broken
deterministically, the same way for every method: first by the number of training incidents
in the cell over the whole past (the long-run count), then by cell index, row-major from the
south-west corner. Risks are compared rounded to 1e-12 of the largest one, so that the
floating-point noise of the FFT never orders cells at random.

Times: ``occurred_from`` (UTC) and, when present, ``occurred_to`` (exclusive end of a time
window; month-only data such as police.uk has a window over the whole month). An incident
is known before ``origin`` when its window has ended by then (``occurred_to <= origin``) or,
without a window, when ``occurred_from < origin``. Its age at the origin is measured from
the middle of its window.
"""

from __future__ import annotations

from datetime import datetime

import numpy as np
import pandas as pd

from hotspots.detect.forecast_select import AutoForecast
from hotspots.detect.grid import Grid
from hotspots.detect.points import projected_xy
from hotspots.detect.studyarea import study_grid
from hotspots.errors import InputError
from hotspots.i18n import msg

__all__ = [
    "FORECAST_METHODS",
    "LastPeriodCounts",
    "LastPeriodDensity",
    "LongRunDensity",
    "ProspectiveForecast",
    "RandomForecast",
    "forecast_hotspots",
    "known_before",
    "make_forecast",
]

_DAY = pd.Timedelta(days=1)
#: Risks closer than this (relative to the largest) are ties, not FFT noise.
_TIE_TOLERANCE = 1e-12


# ----------------------------------------------------------------------------- times
def _times(points) -> tuple[pd.Series, pd.Series]:
    """``occurred_from`` and the end of each incident's window (``occurred_from`` if none)."""
    if "occurred_from" not in points:
        raise InputError(msg("evaluate.no_times"))
    start = pd.to_datetime(points["occurred_from"], utc=True)
    if start.isna().any():
        raise InputError(msg("evaluate.missing_times", n=int(start.isna().sum())))
    end = start
    if "occurred_to" in points:
        to = pd.to_datetime(points["occurred_to"], utc=True)
        end = to.where(to.notna() & (to > start), start)
    return start, end


def _aware(origin) -> pd.Timestamp:
    """``origin`` as a timestamp in its own time zone (calendar steps are taken there)."""
    ts = pd.Timestamp(origin)
    if ts.tzinfo is None:
        raise InputError(msg("evaluate.naive_origin", origin=origin))
    return ts


def known_before(points, origin: datetime) -> np.ndarray:
    """Which incidents were over before ``origin`` (bool per row).

    An incident with a time window counts when the window ended at or before ``origin``;
    an instant (no ``occurred_to``) when ``occurred_from < origin``.
    """
    start, end = _times(points)
    origin = _aware(origin)
    has_window = (end > start).to_numpy()
    return np.where(has_window, (end <= origin).to_numpy(), (start < origin).to_numpy())


def _ages_days(points, origin: pd.Timestamp) -> np.ndarray:
    """Age of each incident at ``origin``, days, from the middle of its window."""
    start, end = _times(points)
    middle = start + (end - start) / 2
    return ((origin - middle) / _DAY).to_numpy(dtype=float)


# ----------------------------------------------------------------------------- kernel density
def _kde(x, y, grid: Grid, *, bandwidth: float, kernel: str, weights=None) -> np.ndarray:
    """Density per km² on ``grid`` (:func:`hotspots.detect.kde.kde_grid`)."""
    from hotspots.detect.kde import kde_grid

    return kde_grid(x, y, grid, bandwidth=bandwidth, kernel=kernel, weights=weights)


# ----------------------------------------------------------------------------- base
class _Forecast:
    """Shared fitting steps: the study grid, the training points, the ranking."""

    cell_size: float

    def fit(self, points, *, origin: datetime, study_area=None):
        """Learn from the incidents known before ``origin``.

        Parameters
        ----------
        points : geopandas.GeoDataFrame
            Incidents as points in a projected CRS (metres) with ``occurred_from`` (UTC) and
            optionally ``occurred_to``. Incidents not over before ``origin`` are ignored.
        origin : datetime
            The forecast origin (timezone-aware): the start of the period forecast.
        study_area
            The polygon to rank (GeoDataFrame/GeoSeries with a CRS, a shapely geometry in
            the points' CRS, or a :class:`~hotspots.detect.studyarea.StudyGrid`); None: the
            convex hull of the points.

        Returns
        -------
        self
        """
        _check_cell_size(self.cell_size)
        x, y, crs = projected_xy(points)
        origin = _aware(origin)
        self.study_ = study_grid(crs, study_area, self.cell_size, x, y)
        self.grid_ = self.study_.grid
        self.mask_ = self.study_.mask
        self.origin_ = origin
        before = known_before(points, origin)
        train = points[before]
        tx, ty = x[before], y[before]
        # By construction; kept as a guard against a future edit that breaks it.
        assert (pd.to_datetime(train["occurred_from"], utc=True) < origin).all()
        self.n_train_ = int(before.sum())
        risk = np.asarray(self._risk(train, tx, ty), dtype=float)
        risk = np.where(self.mask_, risk, np.nan)
        top = np.nanmax(np.abs(risk)) if np.isfinite(risk).any() else 0.0
        if top > 0:
            risk[np.abs(risk) <= _TIE_TOLERANCE * top] = 0.0
        self.risk_ = risk
        level = np.round(risk / top, 12) if top > 0 else risk
        self.ranking_ = _rank(level, self.study_.counts(tx, ty), self.mask_)
        return self

    def _risk(self, train, x, y) -> np.ndarray:  # pragma: no cover - abstract
        raise NotImplementedError

    def predict_top(self, area_km2: float | None = None, coverage: float | None = None):
        """The cells of the best-ranked ``area_km2`` (or ``coverage`` share of ``A``).

        Returns
        -------
        numpy.ndarray
            bool, ``grid_.shape``: True for the chosen cells. The budget is rounded to
            whole cells (at least one); see :func:`hotspots.evaluate.metrics.budget_cells`.
        """
        from hotspots.evaluate.metrics import budget_cells

        k, _ = budget_cells(
            len(self.ranking_), self.grid_.cell_area_km2, area_km2=area_km2, coverage=coverage
        )
        top = np.zeros(self.grid_.nx * self.grid_.ny, dtype=bool)
        top[self.ranking_[:k]] = True
        return top.reshape(self.grid_.shape)


def _check_cell_size(cell_size: float) -> None:
    if not np.isfinite(cell_size) or cell_size <= 0:
        raise InputError(msg("evaluate.bad_cell_size", value=cell_size))


def _rank(risk: np.ndarray, long_run: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Flat indices of the study-area cells: risk, then long-run count, then index."""
    cells = np.flatnonzero(mask.ravel())
    r = risk.ravel()[cells]
    c = long_run.ravel()[cells]
    # lexsort: the last key is the primary one.
    order = np.lexsort((cells, -c, -r))
    return cells[order]


# ----------------------------------------------------------------------------- methods
class ProspectiveForecast(_Forecast):
    """Prospective hotspotting: recent incidents count more, near ones count more.

    The risk of a cell is a kernel density of the past incidents (spatial ``kernel`` of
    ``bandwidth`` metres) in which each incident is weighted by its age at the origin: an
    exponential ``exp(-age / time_bandwidth_days)`` or a quartic ``(1 - (age / t)²)²`` that
    is zero beyond ``t = time_bandwidth_days``. This is the idea of Bowers, Johnson & Pease
    (2004) and open_cp's ``ProspectiveHotSpot``.

    Parameters
    ----------
    cell_size
        Side of a grid cell, metres.
    bandwidth
        Spatial bandwidth (kernel radius for the quartic kernel), metres.
    time_bandwidth_days
        Time scale of the decay, days.
    time_kernel
        ``"exponential"`` or ``"quartic"``.
    kernel
        Spatial kernel of :func:`hotspots.detect.kde.kde_grid` (``"quartic"``, ...).
    lookback_days
        Ignore incidents older than this at the origin, days; None keeps all.

    Attributes
    ----------
    study_, grid_, mask_, risk_, ranking_, origin_, n_train_
        See the module docstring; ``n_train_`` counts the incidents known before the origin.
    """

    def __init__(self, *, cell_size: float = 100.0, bandwidth: float = 200.0,
                 time_bandwidth_days: float = 14.0, time_kernel: str = "exponential",
                 kernel: str = "quartic", lookback_days: float | None = None):
        self.cell_size = cell_size
        self.bandwidth = bandwidth
        self.time_bandwidth_days = time_bandwidth_days
        self.time_kernel = time_kernel
        self.kernel = kernel
        self.lookback_days = lookback_days

    def _weights(self, age: np.ndarray) -> np.ndarray:
        tau = float(self.time_bandwidth_days)
        if not np.isfinite(tau) or tau <= 0:
            raise InputError(msg("evaluate.bad_time_bandwidth", value=self.time_bandwidth_days))
        age = np.maximum(age, 0.0)
        if self.time_kernel == "exponential":
            w = np.exp(-age / tau)
        elif self.time_kernel == "quartic":
            w = np.clip(1.0 - (age / tau) ** 2, 0.0, None) ** 2
        else:
            raise InputError(msg(
                "evaluate.bad_time_kernel", value=self.time_kernel,
                known="exponential, quartic",
            ))
        if self.lookback_days is not None:
            w = np.where(age <= float(self.lookback_days), w, 0.0)
        return w

    def _risk(self, train, x, y):
        w = self._weights(_ages_days(train, self.origin_))
        keep = w > 0
        return _kde(x[keep], y[keep], self.grid_, bandwidth=self.bandwidth,
                    kernel=self.kernel, weights=w[keep])


class LongRunDensity(_Forecast):
    """Baseline: kernel density of all past incidents, no time decay.

    Parameters
    ----------
    cell_size
        Side of a grid cell, metres.
    bandwidth
        Spatial bandwidth, metres.
    kernel
        Spatial kernel of :func:`hotspots.detect.kde.kde_grid`.

    Attributes
    ----------
    study_, grid_, mask_, risk_, ranking_, origin_, n_train_
        See the module docstring.
    """

    def __init__(self, *, cell_size: float = 100.0, bandwidth: float = 200.0,
                 kernel: str = "quartic"):
        self.cell_size = cell_size
        self.bandwidth = bandwidth
        self.kernel = kernel

    def _risk(self, train, x, y):
        return _kde(x, y, self.grid_, bandwidth=self.bandwidth, kernel=self.kernel)


def _last_period(train, origin: pd.Timestamp, period) -> np.ndarray:
    """Which training incidents started in the last ``period`` before ``origin``."""
    from hotspots.evaluate.horizon import Horizon

    horizon = period if isinstance(period, Horizon) else Horizon.parse(period)
    since = horizon.shift(origin, -1)
    start, _ = _times(train)
    return (start >= since).to_numpy()


class LastPeriodCounts(_Forecast):
    """Baseline: the counts of the last period of the horizon's length ("last month's map").

    Parameters
    ----------
    cell_size
        Side of a grid cell, metres.
    period
        The period: a horizon text (``"14d"``, ``"1m"``: calendar months) or a number of
        days. Incidents count when their window starts within it.

    Attributes
    ----------
    study_, grid_, mask_, risk_, ranking_, origin_, n_train_
        See the module docstring.
    """

    def __init__(self, *, cell_size: float = 100.0, period: str | float = "1m"):
        self.cell_size = cell_size
        self.period = period

    def _risk(self, train, x, y):
        recent = _last_period(train, self.origin_, self.period)
        return self.study_.counts(x[recent], y[recent]).astype(float)


class LastPeriodDensity(_Forecast):
    """Baseline: kernel density of the last period only (a smoothed "last month's map").

    Parameters
    ----------
    cell_size
        Side of a grid cell, metres.
    bandwidth
        Spatial bandwidth, metres.
    period
        As :class:`LastPeriodCounts`.
    kernel
        Spatial kernel of :func:`hotspots.detect.kde.kde_grid`.

    Attributes
    ----------
    study_, grid_, mask_, risk_, ranking_, origin_, n_train_
        See the module docstring.
    """

    def __init__(self, *, cell_size: float = 100.0, bandwidth: float = 200.0,
                 period: str | float = "1m", kernel: str = "quartic"):
        self.cell_size = cell_size
        self.bandwidth = bandwidth
        self.period = period
        self.kernel = kernel

    def _risk(self, train, x, y):
        recent = _last_period(train, self.origin_, self.period)
        return _kde(x[recent], y[recent], self.grid_, bandwidth=self.bandwidth,
                    kernel=self.kernel)


class RandomForecast(_Forecast):
    """Sanity floor: a random ranking (PAI about 1, whatever the data).

    Parameters
    ----------
    cell_size
        Side of a grid cell, metres.
    seed
        Seed of the random generator; the same seed gives the same ranking.

    Attributes
    ----------
    study_, grid_, mask_, risk_, ranking_, origin_, n_train_
        See the module docstring.
    """

    def __init__(self, *, cell_size: float = 100.0, seed: int = 0):
        self.cell_size = cell_size
        self.seed = seed

    def _risk(self, train, x, y):
        return np.random.default_rng(self.seed).random(self.grid_.shape)


#: name -> forecast class; every class takes ``cell_size`` and fits as described above.
#: ``auto`` (:mod:`hotspots.detect.forecast_select`) chooses among the others on the past.
FORECAST_METHODS: dict[str, type] = {
    "prospective": ProspectiveForecast,
    "last_period": LastPeriodCounts,
    "last_period_kde": LastPeriodDensity,
    "long_run": LongRunDensity,
    "random": RandomForecast,
    "auto": AutoForecast,
}


def make_forecast(method: str, *, cell_size: float = 100.0, horizon="1m", **params):
    """A forecast of ``method`` for cells of ``cell_size`` metres and the given horizon.

    The "last period" baselines take the horizon as their period unless ``params`` set one;
    ``auto`` takes it as its horizon.
    """
    if method not in FORECAST_METHODS:
        raise InputError(msg(
            "evaluate.unknown_method", method=method, known=", ".join(FORECAST_METHODS)
        ))
    cls = FORECAST_METHODS[method]
    if cls in (LastPeriodCounts, LastPeriodDensity):
        params.setdefault("period", horizon)
    elif issubclass(cls, AutoForecast):
        params.setdefault("horizon", horizon)
    try:
        return cls(cell_size=cell_size, **params)
    except TypeError as exc:
        raise InputError(msg("evaluate.bad_params", method=method, detail=exc)) from None


def forecast_hotspots(points, *, origin: datetime, method: str = "prospective",
                      study_area=None, cell_size: float = 100.0, horizon="1m", **params):
    """Fit the forecast ``method`` on the incidents known before ``origin``.

    A wrapper of :func:`make_forecast` and ``fit``: the result's ``predict_top(coverage=0.05)``
    is the patrol area, ``risk_`` the map.

    Parameters
    ----------
    points : geopandas.GeoDataFrame
        Incidents in a projected CRS (metres) with ``occurred_from`` (UTC).
    origin : datetime
        Start of the period to forecast (timezone-aware).
    method
        A name in :data:`FORECAST_METHODS`.
    study_area
        See :meth:`ProspectiveForecast.fit`.
    cell_size
        Side of a grid cell, metres.
    horizon
        Length of the period forecast (the "last period" baselines look back as far).
    **params
        Parameters of the method (``bandwidth=300.0``, ``time_bandwidth_days=30.0``...).

    Returns
    -------
    The fitted forecast.
    """
    return make_forecast(method, cell_size=cell_size, horizon=horizon, **params).fit(
        points, origin=origin, study_area=study_area
    )
