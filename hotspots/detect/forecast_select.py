"""A self-tuning forecast: pick the method on the past, by an inner rolling origin.

``AutoForecast`` (``method="auto"`` in :data:`hotspots.detect.forecast.FORECAST_METHODS`)
follows the contract of the other forecasts (``fit(points, origin=..., study_area=...)``,
``study_``, ``grid_``, ``mask_``, ``risk_``, ``ranking_``, ``predict_top``). At fit time it

1. keeps only the incidents known before ``origin``
   (:func:`hotspots.detect.forecast.known_before`); nothing later is looked at, not even for
   the default study area;
2. scores every candidate of :data:`CANDIDATES` on the validation origins
   ``v_k = origin - k × horizon`` (``k = 1 .. folds``): fitted on the incidents known before
   ``v_k``, tested on those that start in ``[v_k, v_k + horizon)``, by the hit rate at the
   area budget (``coverage`` or ``area_km2``, the budget of the evaluation);
3. chooses the candidate with the best mean hit rate (ties: the earlier, simpler one) and
   fits it on every incident known before ``origin``.

A validation origin is used when it has at least one training incident and one test incident
in the study area. With fewer than ``min(2, folds)`` usable origins (the start of the data)
it falls back to ``last_period`` (last period's counts) and says so in ``notes_``.

The candidates, chosen before any evaluation and not tuned on it (12):

* ``last_period`` (counts of the last horizon),
* ``last_period_kde`` (its density, 200 m bandwidth),
* ``long_run`` (density of all the past, 200 m bandwidth),
* ``prospective`` with bandwidth 100, 200, 400 m × time decay 14, 60, 365 days
  (exponential), in that order.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

import numpy as np
import pandas as pd

from hotspots.errors import InputError
from hotspots.evaluate.horizon import Horizon
from hotspots.evaluate.metrics import score
from hotspots.i18n import msg

__all__ = ["CANDIDATES", "AutoForecast"]

#: (method, params) tried by :class:`AutoForecast`, simplest first (ties go to the earlier).
CANDIDATES: tuple[tuple[str, dict], ...] = (
    ("last_period", {}),
    ("last_period_kde", {"bandwidth": 200.0}),
    ("long_run", {"bandwidth": 200.0}),
    *(
        ("prospective", {"bandwidth": bw, "time_bandwidth_days": tau})
        for bw in (100.0, 200.0, 400.0)
        for tau in (14.0, 60.0, 365.0)
    ),
)
#: The method used when the past is too short to validate.
FALLBACK = ("last_period", {})
#: Mean hit rates closer than this are ties.
_TIE = 1e-12


def _label(method: str, params: Mapping) -> str:
    """``prospective(bandwidth=200, time_bandwidth_days=14)``: a candidate as text."""
    if not params:
        return method
    inner = ", ".join(f"{k}={v:g}" if isinstance(v, float) else f"{k}={v}"
                      for k, v in params.items())
    return f"{method}({inner})"


class AutoForecast:
    """The best of a few forecasts on the recent past (see the module docstring).

    Parameters
    ----------
    cell_size
        Side of a grid cell, metres.
    horizon
        Length of the period forecast, and the step between validation origins (``"1m"``,
        ``"7d"``...). The "last period" candidates look back as far.
    coverage, area_km2
        The area budget the candidates are scored at: a share of the study area, or km²
        (``area_km2`` wins when given). Use the budget the forecast will be used with.
    folds
        Number of validation origins ``K``.
    candidates
        ``(method, params)`` pairs to choose from, simplest first; None: :data:`CANDIDATES`.

    Attributes
    ----------
    chosen_ : dict
        ``{"method", "params", "label"}`` of the chosen forecast.
    validation_ : pandas.DataFrame
        One row per candidate: ``candidate`` (label), ``method``, ``params``, the hit rate
        at each validation origin (a column per origin, ``YYYY-MM-DD``, oldest first),
        ``mean_hit_rate`` and ``chosen``. Empty when the past was too short.
    validation_origins_ : list of pandas.Timestamp
        The validation origins used, oldest first.
    forecast_
        The chosen forecast, fitted on every incident known before the origin.
    notes_ : list of str
        What was chosen (or why the fallback), in the user's language.
    study_, grid_, mask_, risk_, ranking_, origin_, n_train_
        Those of ``forecast_`` (see :mod:`hotspots.detect.forecast`).
    """

    #: The evaluation passes its area budget (``coverage``/``area_km2``) to this method.
    takes_budget = True

    def __init__(self, *, cell_size: float = 100.0, horizon: str | Horizon = "1m",
                 coverage: float | None = 0.05, area_km2: float | None = None,
                 folds: int = 2, candidates: Sequence[tuple[str, Mapping]] | None = None):
        self.cell_size = cell_size
        self.horizon = horizon
        self.coverage = coverage
        self.area_km2 = area_km2
        self.folds = folds
        self.candidates = candidates

    def _budget(self) -> dict:
        if self.area_km2 is not None:
            return {"area_km2": self.area_km2, "coverage": None}
        return {"area_km2": None, "coverage": 0.05 if self.coverage is None else self.coverage}

    def _make(self, method: str, params: Mapping):
        from hotspots.detect.forecast import make_forecast

        return make_forecast(method, cell_size=self.cell_size, horizon=self.horizon,
                             **dict(params))

    def fit(self, points, *, origin: datetime, study_area=None) -> AutoForecast:
        """Choose a forecast on the incidents known before ``origin`` and fit it.

        Parameters are those of :meth:`hotspots.detect.forecast.ProspectiveForecast.fit`.

        Returns
        -------
        self
        """
        from hotspots.detect.forecast import _aware, _times, known_before
        from hotspots.detect.points import projected_xy
        from hotspots.detect.studyarea import study_grid

        if int(self.folds) < 1:
            raise InputError(msg("forecast_select.bad_folds", value=self.folds))
        candidates = [(m, dict(p)) for m, p in (self.candidates or CANDIDATES)]
        if not candidates:
            raise InputError(msg("forecast_select.no_candidates"))
        horizon = Horizon.parse(self.horizon)
        budget = self._budget()
        origin = _aware(origin)
        # Everything below sees only the past: this is the one place data is cut.
        past = points[known_before(points, origin)]
        x, y, crs = projected_xy(past)
        study = study_grid(crs, study_area, self.cell_size, x, y)
        start, _ = _times(past)
        day = origin.strftime("%Y-%m-%d")

        folds = []  # (v, training rows, test counts per cell)
        for k in range(int(self.folds), 0, -1):
            v = horizon.shift(origin, -k)
            train = known_before(past, v)
            test = ((start >= v) & (start < horizon.shift(v, 1))).to_numpy()
            counts = study.counts(x[test], y[test])
            if train.any() and counts[study.mask].sum() > 0:
                folds.append((v, train, counts))
        self.validation_origins_ = [v for v, _, _ in folds]

        columns = ["candidate", "method", "params"]
        if len(folds) < min(2, int(self.folds)):
            method, params = FALLBACK
            self.validation_ = pd.DataFrame(columns=[*columns, "mean_hit_rate", "chosen"])
            self.notes_ = [msg("forecast_select.fallback", origin=day, n=len(folds),
                               folds=int(self.folds), choice=_label(method, params))]
        else:
            rows = []
            for method, params in candidates:
                rates = {}
                for v, train, counts in folds:
                    est = self._make(method, params).fit(past[train], origin=v,
                                                         study_area=study)
                    s = score(est.ranking_, counts, cell_area_km2=study.grid.cell_area_km2,
                              **budget)
                    rates[v.strftime("%Y-%m-%d")] = s.hit_rate
                rows.append({"candidate": _label(method, params), "method": method,
                             "params": params, **rates,
                             "mean_hit_rate": float(np.mean(list(rates.values())))})
            table = pd.DataFrame(rows)
            means = table["mean_hit_rate"].to_numpy()
            best = int(np.flatnonzero(means >= means.max() - _TIE)[0])
            table["chosen"] = np.arange(len(table)) == best
            self.validation_ = table
            method, params = candidates[best]
            self.notes_ = [msg("forecast_select.chosen", origin=day, n=len(folds),
                               choice=_label(method, params), rate=100 * means[best])]

        self.forecast_ = self._make(method, params).fit(past, origin=origin, study_area=study)
        self.chosen_ = {"method": method, "params": dict(params),
                        "label": _label(method, params)}
        for name in ("study_", "grid_", "mask_", "risk_", "ranking_", "origin_", "n_train_"):
            setattr(self, name, getattr(self.forecast_, name))
        return self

    def predict_top(self, area_km2: float | None = None, coverage: float | None = None):
        """The cells of the best-ranked budget (see ``ProspectiveForecast.predict_top``)."""
        return self.forecast_.predict_top(area_km2=area_km2, coverage=coverage)
