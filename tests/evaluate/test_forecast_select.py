"""The self-tuning forecast ``auto``: it chooses on the past only, and honestly."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from hotspots.detect import forecast as forecast_module
from hotspots.detect.forecast import FORECAST_METHODS, known_before, make_forecast
from hotspots.detect.forecast_select import CANDIDATES, AutoForecast
from hotspots.detect.studyarea import StudyGrid
from hotspots.errors import InputError
from hotspots.evaluate.rolling import RollingEvaluation

from ._synthetic import AREA, X0, Y0, frame, monthly, stable_hotspots

TZ = "Europe/Stockholm"
ORIGIN = pd.Timestamp("2026-04-01", tz=TZ)
#: A place far from the two stable hotspots of ``stable_hotspots``.
PLANT = (1_000.0, 1_800.0)


def _plant(start, days: float, n: int = 600, seed: int = 5):
    """``n`` incidents within 30 m of :data:`PLANT` over ``days`` from ``start``."""
    rng = np.random.default_rng(seed)
    times = pd.Timestamp(start) + pd.to_timedelta(rng.uniform(0, days, n), unit="D")
    return frame(X0 + PLANT[0] + rng.uniform(-30, 30, n), Y0 + PLANT[1] + rng.uniform(-30, 30, n),
                 times)


def _plant_cells(fc) -> set[int]:
    i, j, _ = fc.grid_.index(np.array([X0 + PLANT[0]]), np.array([Y0 + PLANT[1]]))
    return {int(j[0] + dj) * fc.grid_.nx + int(i[0] + di)
            for dj in (-1, 0, 1) for di in (-1, 0, 1)}


def _auto(**kw):
    return make_forecast("auto", cell_size=100.0, horizon=kw.pop("horizon", "14d"), **kw)


# ----------------------------------------------------------------------------- leakage
def test_a_hotspot_after_the_origin_is_not_seen():
    past = stable_hotspots()
    past = past[known_before(past, ORIGIN)]
    future = pd.concat([past, _plant(ORIGIN, 30)], ignore_index=True)
    a = _auto().fit(future, origin=ORIGIN, study_area=AREA)
    b = _auto().fit(past, origin=ORIGIN, study_area=AREA)
    top = set(a.ranking_[:20].tolist())
    assert not top & _plant_cells(a)
    # the same choice, the same validation and the same map as without the future
    assert a.chosen_ == b.chosen_
    pd.testing.assert_frame_equal(a.validation_, b.validation_)
    np.testing.assert_array_equal(a.ranking_, b.ranking_)
    assert a.n_train_ == b.n_train_ == len(past)


def test_the_same_hotspot_before_the_origin_is_seen():
    """The check above has teeth: planted in the last fortnight, it tops the ranking."""
    past = stable_hotspots()
    past = past[known_before(past, ORIGIN)]
    points = pd.concat([past, _plant(ORIGIN - pd.Timedelta(days=14), 13.9)],
                       ignore_index=True)
    fc = _auto().fit(points, origin=ORIGIN, study_area=AREA)
    assert set(fc.ranking_[:20].tolist()) & _plant_cells(fc)


@pytest.mark.parametrize(
    ("points", "origin", "horizon"),  # month data: validation origins 1 April and 1 May
    [
        (stable_hotspots(), ORIGIN, "14d"),
        (monthly(), pd.Timestamp("2018-06-01", tz="Europe/London"), "1m"),
    ],
    ids=["instants", "month-windows"],
)
def test_every_candidate_trains_before_the_origin(monkeypatch, points, origin, horizon):
    seen = []
    fit = forecast_module._Forecast.fit

    def spy(self, pts, *, origin, study_area=None):
        end = pts["occurred_to"] if "occurred_to" in pts else pts["occurred_from"]
        seen.append((type(self).__name__, pd.Timestamp(origin),
                     pd.to_datetime(pts["occurred_from"], utc=True).max(),
                     pd.to_datetime(end, utc=True).max()))
        return fit(self, pts, origin=origin, study_area=study_area)

    monkeypatch.setattr(forecast_module._Forecast, "fit", spy)
    future = pd.concat([points, _plant(origin, 60)], ignore_index=True)
    fc = _auto(horizon=horizon).fit(future, origin=origin, study_area=AREA)
    assert len(seen) == 2 * len(CANDIDATES) + 1  # two validation origins, then the choice
    for _, fit_origin, last_start, last_end in seen:
        assert last_start < origin and last_end <= origin
        assert fit_origin <= origin
    assert [o for _, o, *_ in seen].count(origin) == 1  # only the final fit is at the origin
    assert seen[-1][1] == origin
    step = (pd.DateOffset(months=1) if horizon == "1m" else pd.DateOffset(days=14))
    assert fc.validation_origins_ == [origin - 2 * step, origin - step]
    assert sorted({o for _, o, *_ in seen}) == [origin - 2 * step, origin - step, origin]


# ----------------------------------------------------------------------------- choosing
def test_the_choice_is_the_best_mean_hit_rate():
    fc = _auto().fit(stable_hotspots(), origin=ORIGIN, study_area=AREA)
    table = fc.validation_
    assert len(table) == len(CANDIDATES)
    assert list(table.columns) == ["candidate", "method", "params", "2026-03-04",
                                   "2026-03-18", "mean_hit_rate", "chosen"]
    best = table.loc[table["chosen"]].iloc[0]
    assert table["chosen"].sum() == 1
    assert best["mean_hit_rate"] == table["mean_hit_rate"].max()
    assert fc.chosen_ == {"method": best["method"], "params": best["params"],
                          "label": best["candidate"]}
    assert fc.forecast_.origin_ == ORIGIN
    assert "auto 2026-04-01" in fc.notes_[0]


def test_ties_go_to_the_earlier_candidate():
    same = [("long_run", {"bandwidth": 200.0}), ("long_run", {"kernel": "quartic"})]
    fc = _auto(candidates=same).fit(stable_hotspots(), origin=ORIGIN, study_area=AREA)
    assert fc.validation_["mean_hit_rate"].nunique() == 1
    assert fc.validation_["chosen"].tolist() == [True, False]
    assert fc.chosen_["params"] == {"bandwidth": 200.0}


def test_a_moving_hotspot_is_followed():
    """A hotspot that moves each fortnight: recent data must beat the long run."""
    rng = np.random.default_rng(3)
    centres = rng.uniform(200, 1_800, (8, 2))
    parts = []
    for k in range(8):
        t0 = ORIGIN - pd.Timedelta(days=14 * (8 - k))
        times = t0 + pd.to_timedelta(rng.uniform(0, 14, 300), unit="D")
        # this fortnight's place, and the previous one's stays busy in this one too
        for cx, cy in centres[max(k - 1, 0):k + 1]:
            parts.append(frame(X0 + cx + rng.normal(0, 30, 300),
                               Y0 + cy + rng.normal(0, 30, 300), times))
    points = pd.concat(parts, ignore_index=True)
    fc = _auto(candidates=[("long_run", {}), ("last_period", {})]).fit(
        points, origin=ORIGIN, study_area=AREA)
    assert fc.chosen_["method"] == "last_period"


def test_too_little_history_falls_back_to_last_period():
    points = monthly()
    origin = pd.Timestamp("2018-03-01", tz="Europe/London")  # Jan to learn, Feb to test
    fc = _auto(horizon="1m").fit(points, origin=origin, study_area=AREA)
    assert fc.chosen_["method"] == "last_period"
    assert fc.validation_.empty
    assert len(fc.validation_origins_) == 1
    assert "auto 2018-03-01" in fc.notes_[0] and "last_period" in fc.notes_[0]
    ref = make_forecast("last_period", horizon="1m").fit(points, origin=origin,
                                                         study_area=AREA)
    np.testing.assert_array_equal(fc.ranking_, ref.ranking_)
    # one more month of history: two validation origins, a real choice
    fc = _auto(horizon="1m").fit(points, origin=origin + pd.DateOffset(months=1),
                                 study_area=AREA)
    assert len(fc.validation_) == len(CANDIDATES) and len(fc.validation_origins_) == 2


def test_bad_folds_are_refused():
    with pytest.raises(InputError):
        _auto(folds=0).fit(stable_hotspots(), origin=ORIGIN, study_area=AREA)


def test_budget_is_the_one_scored():
    """A different budget can change the scores of the validation."""
    points = stable_hotspots()
    small = _auto(coverage=0.01).fit(points, origin=ORIGIN, study_area=AREA)
    area = _auto(area_km2=0.04).fit(points, origin=ORIGIN, study_area=AREA)
    # 0.04 km² of 4 km² is 1 %: the same cells, the same scores
    pd.testing.assert_frame_equal(small.validation_, area.validation_)
    large = _auto(coverage=0.2).fit(points, origin=ORIGIN, study_area=AREA)
    assert not np.allclose(small.validation_["mean_hit_rate"],
                           large.validation_["mean_hit_rate"])


# ----------------------------------------------------------------------------- wiring
def test_rolling_passes_its_budget_and_notes(monkeypatch):
    budgets = []

    class Recorder(AutoForecast):
        def fit(self, points, *, origin, study_area=None):
            budgets.append((self.coverage, self.area_km2, str(self.horizon)))
            return super().fit(points, origin=origin, study_area=study_area)

    monkeypatch.setitem(FORECAST_METHODS, "auto", Recorder)
    run = RollingEvaluation(cutoff="2026-05-01", horizon="14d", area_km2=0.08,
                            methods=["auto", "last_period"], origins=2, timezone=TZ)
    run.fit(stable_hotspots(), study_area=AREA)
    assert budgets == [(None, 0.08, "14d")] * 2
    assert sum(n.startswith("auto ") for n in run.notes_) == 2
    assert {r["method"] for r in run.results_} == {"auto", "last_period"}


def test_detect_layer_runs_auto():
    from hotspots.detect.forecast_layer import ForecastHotspots

    layer = ForecastHotspots(method="auto", horizon="14d", coverage=0.01).fit(stable_hotspots())
    assert isinstance(layer.forecast_, AutoForecast)
    assert len(layer.cells_) >= 1 and layer.forecast_.chosen_["method"] in FORECAST_METHODS


def test_auto_accepts_a_study_grid():
    grid = StudyGrid.from_area(AREA, cell_size=100.0, crs=3006)
    fc = _auto().fit(stable_hotspots(), origin=ORIGIN, study_area=grid)
    assert fc.study_ is grid and fc.predict_top(coverage=0.05).sum() == 20
