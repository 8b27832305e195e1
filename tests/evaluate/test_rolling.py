"""Rolling-origin evaluation: no leakage, month-only data, and forecasts that work."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

from hotspots.detect.forecast import (
    FORECAST_METHODS,
    LastPeriodCounts,
    LongRunDensity,
    ProspectiveForecast,
)
from hotspots.detect.studyarea import StudyGrid
from hotspots.errors import InputError
from hotspots.evaluate.horizon import Horizon
from hotspots.evaluate.rolling import (
    RESULT_KEYS,
    RollingEvaluation,
    evaluate,
    mean_by_method,
    time_resolution,
)

from ._synthetic import AREA, SIDE, X0, Y0, frame, monthly, stable_hotspots

TZ = "Europe/Stockholm"


# ----------------------------------------------------------------------------- leakage
class _Spy(LongRunDensity):
    """A forecast that writes down what it was trained on."""

    seen: list = []

    def fit(self, points, *, origin, study_area=None):
        end = points["occurred_to"] if "occurred_to" in points else points["occurred_from"]
        _Spy.seen.append((pd.Timestamp(origin), len(points),
                          pd.to_datetime(points["occurred_from"], utc=True).max(),
                          pd.to_datetime(end, utc=True).max()))
        return super().fit(points, origin=origin, study_area=study_area)


@pytest.fixture
def spy(monkeypatch):
    _Spy.seen = []
    monkeypatch.setitem(FORECAST_METHODS, "spy", _Spy)
    return _Spy


def test_no_training_point_is_at_or_after_the_origin(spy):
    points = stable_hotspots()
    results = evaluate(points, study_area=AREA, cutoff="2026-06-01", horizon="14d",
                       methods=["spy"], origins=5, timezone=TZ)
    assert len(spy.seen) == 5 == len(results)
    times = pd.to_datetime(points["occurred_from"], utc=True)
    for origin, n, last_start, _ in spy.seen:
        assert last_start < origin
        assert n == int((times < origin).sum())  # and nothing before it was lost


def test_no_month_window_is_used_before_it_has_ended(spy):
    points = monthly()
    evaluate(points, study_area=AREA, cutoff="2018-07-01", horizon="1m", methods=["spy"],
             origins=4, timezone="Europe/London")
    assert [o.month for o, *_ in spy.seen] == [4, 5, 6, 7]
    for origin, n, last_start, last_end in spy.seen:
        assert last_start < origin and last_end <= origin
        assert n == 400 * (origin.month - 1)


def test_fit_ignores_incidents_after_the_origin():
    points = stable_hotspots()
    origin = pd.Timestamp("2026-04-01", tz=TZ)
    past = points[points["occurred_from"] < origin]
    a = ProspectiveForecast().fit(points, origin=origin, study_area=AREA)
    b = ProspectiveForecast().fit(past, origin=origin, study_area=AREA)
    assert a.n_train_ == b.n_train_ == len(past) < len(points)
    np.testing.assert_array_equal(a.ranking_, b.ranking_)
    np.testing.assert_allclose(a.risk_, b.risk_, rtol=0, atol=0)


def test_a_hotspot_that_appears_only_in_the_test_period_is_not_foreseen():
    rng = np.random.default_rng(3)
    spot = np.array([X0 + 1_650.0, Y0 + 350.0])
    x, y = X0 + rng.uniform(0, SIDE, 2_000), Y0 + rng.uniform(0, SIDE, 2_000)
    far = np.hypot(x - spot[0], y - spot[1]) > 400  # nothing was ever near the spot
    x, y = x[far], y[far]
    t0 = pd.Timestamp("2026-01-01", tz=TZ)
    before = frame(x, y, t0 + pd.to_timedelta(rng.uniform(0, 85, len(x)), unit="D"))
    after = frame(np.full(50, spot[0]), np.full(50, spot[1]),
                  [pd.Timestamp("2026-04-05", tz=TZ)] * 50)
    points = pd.concat([before, after], ignore_index=True)
    results = evaluate(points, study_area=AREA, cutoff="2026-04-01", horizon="14d",
                       methods=["prospective", "last_period", "long_run"], timezone=TZ)
    assert {r["N"] for r in results} == {50}
    assert {r["n"] for r in results} == {0}


# ----------------------------------------------------------------------------- skill
def test_prospective_beats_random_on_a_stable_hotspot():
    points = stable_hotspots()
    run = RollingEvaluation(cutoff="2026-06-01", horizon="14d", coverage=0.05,
                            methods=["prospective", "long_run", "last_period", "random"],
                            origins=4, timezone=TZ).fit(points, study_area=AREA)
    mean = {m["method"]: m for m in mean_by_method(run.results_)}
    assert mean["prospective"]["pai"] > 8
    assert mean["random"]["pai"] < 2.5
    assert mean["prospective"]["hit_rate"] > mean["random"]["hit_rate"] + 0.4
    assert mean["prospective"]["pei_star"] > 0.8
    for r in run.results_:
        assert np.isfinite([r["hit_rate"], r["pai"], r["pei_star"]]).all()
        assert 0 <= r["n"] <= r["N"]


def test_results_have_the_documented_keys_and_order():
    results = evaluate(stable_hotspots(), study_area=AREA, cutoff="2026-06-01",
                       horizon="1m", methods=["long_run", "prospective"], origins=2,
                       coverage=0.1, timezone=TZ)
    assert [tuple(r) for r in results] == [RESULT_KEYS] * 4
    assert [r["method"] for r in results] == ["long_run"] * 2 + ["prospective"] * 2
    origins = [r["origin"].isoformat() for r in results[:2]]
    assert origins == ["2026-05-01T00:00:00+02:00", "2026-06-01T00:00:00+02:00"]
    assert results[0]["area_km2"] == pytest.approx(0.4)  # 10 % of 4 km²


def test_the_default_cutoff_is_the_last_complete_period():
    points = stable_hotspots(days=180)  # 2026-01-01 .. 2026-06-29
    run = RollingEvaluation(horizon="1m", methods=["long_run"], timezone=TZ).fit(
        points, study_area=AREA)
    assert run.origins_[0] == pd.Timestamp("2026-05-30", tz=TZ)  # 30 May + 1 month = 30 June
    run = RollingEvaluation(methods=["long_run"], timezone="Europe/London").fit(
        monthly(), study_area=AREA)
    assert run.origins_[0] == pd.Timestamp("2018-07-01", tz="Europe/London")


# ----------------------------------------------------------------------------- month data
def test_month_data_is_scored_in_whole_months_by_window_start():
    points = monthly()
    assert time_resolution(points) == "month"
    run = RollingEvaluation(cutoff="2018-07-01", horizon="1m", methods=["long_run"],
                            origins=3, timezone="Europe/London").fit(points, study_area=AREA)
    assert [r["N"] for r in run.results_] == [400, 400, 400]
    two = evaluate(points, study_area=AREA, cutoff="2018-06-01", horizon="2m",
                   methods=["long_run"], timezone="Europe/London")
    assert two[0]["N"] == 800


def test_month_data_refuses_a_horizon_in_days():
    with pytest.raises(InputError, match="1m"):
        evaluate(monthly(), study_area=AREA, cutoff="2018-07-01", horizon="14d",
                 timezone="Europe/London")


@pytest.mark.parametrize(("cutoff", "tz"), [("2018-06-15", "Europe/London"),
                                            ("2018-07-01", "Europe/Stockholm")])
def test_month_data_refuses_a_cutoff_inside_a_month(cutoff, tz):
    # a cutoff in another time zone than the data's months cuts them by an hour
    with pytest.raises(InputError):
        evaluate(monthly(), study_area=AREA, cutoff=cutoff, horizon="1m", timezone=tz)


def test_an_origin_without_earlier_incidents_is_refused():
    with pytest.raises(InputError, match="--origins"):
        evaluate(monthly(months=3), study_area=AREA, cutoff="2018-03-01", horizon="1m",
                 origins=3, timezone="Europe/London")


# ----------------------------------------------------------------------------- inputs
def test_points_without_a_projected_crs_are_refused():
    points = stable_hotspots(n=300)
    with pytest.raises(InputError):
        evaluate(points.set_crs(None, allow_override=True), cutoff="2026-05-01", timezone=TZ)
    with pytest.raises(InputError):
        evaluate(points.to_crs(4326), cutoff="2026-05-01", timezone=TZ)


def test_unknown_method_and_bad_horizon_are_refused():
    points = stable_hotspots(n=300)
    with pytest.raises(InputError):
        evaluate(points, cutoff="2026-05-01", methods=["crystal_ball"], timezone=TZ)
    with pytest.raises(InputError):
        evaluate(points, cutoff="2026-05-01", horizon="fortnight", timezone=TZ)


@pytest.mark.parametrize(("text", "n", "unit"), [("7d", 7, "d"), ("14D", 14, "d"),
                                                  ("2w", 14, "d"), ("1m", 1, "m"),
                                                  (" 3m ", 3, "m"), (10, 10, "d")])
def test_horizon_forms(text, n, unit):
    assert Horizon.parse(text) == Horizon(n, unit)


@pytest.mark.parametrize("text", ["0d", "1y", "m", "-1m", 1.5, ""])
def test_bad_horizons(text):
    with pytest.raises(InputError):
        Horizon.parse(text)


def test_month_steps_keep_local_midnight_across_summer_time():
    h = Horizon.parse("1m")
    origin = pd.Timestamp("2026-04-01", tz=TZ)
    assert h.shift(origin, -1) == pd.Timestamp("2026-03-01", tz=TZ)
    assert h.shift(origin, 1) == pd.Timestamp("2026-05-01", tz=TZ)


# ----------------------------------------------------------------------------- grid, ties
def test_study_grid_takes_the_cells_whose_centre_is_inside():
    triangle = shapely.Polygon([(X0, Y0), (X0 + 400, Y0), (X0, Y0 + 400)])
    study = StudyGrid.from_area(triangle, cell_size=100.0, crs=3006)
    # centres (50+100i, 50+100j) inside x + y < 400: i + j <= 2 -> 6 cells
    assert study.n_cells == 6
    assert study.area_km2 == pytest.approx(0.06)
    area = gpd.GeoSeries([triangle], crs=3006).to_crs(4326)
    assert StudyGrid.from_area(area, cell_size=100.0, crs=3006).n_cells == 6
    with pytest.raises(InputError):
        StudyGrid.from_area(gpd.GeoSeries([triangle]), cell_size=100.0, crs=3006)


def test_ties_are_broken_by_long_run_count_then_cell_index():
    strip = shapely.box(X0, Y0, X0 + 400, Y0 + 100)  # cells 0, 1, 2, 3 west to east
    t_old = pd.Timestamp("2026-01-05", tz=TZ)
    t_new = pd.Timestamp("2026-03-10", tz=TZ)
    xs = [X0 + 50, X0 + 250, X0 + 250, X0 + 150]
    points = frame(xs, [Y0 + 50] * 4, [t_old, t_old, t_old, t_new])
    f = LastPeriodCounts(period="1m").fit(points, origin=pd.Timestamp("2026-04-01", tz=TZ),
                                          study_area=strip)
    # cell 1 has the only recent incident; 2 (two old) before 0 (one old) before 3 (none)
    assert f.ranking_.tolist() == [1, 2, 0, 3]
    top = f.predict_top(area_km2=0.02)
    assert top.sum() == 2 and top[0, 1] and top[0, 2]
    again = LastPeriodCounts(period="1m").fit(points, origin=pd.Timestamp("2026-04-01", tz=TZ),
                                              study_area=strip)
    assert again.ranking_.tolist() == f.ranking_.tolist()


def test_random_forecast_is_reproducible():
    points = stable_hotspots(n=300)
    origin = pd.Timestamp("2026-04-01", tz=TZ)
    a = FORECAST_METHODS["random"](seed=7).fit(points, origin=origin, study_area=AREA)
    b = FORECAST_METHODS["random"](seed=7).fit(points, origin=origin, study_area=AREA)
    np.testing.assert_array_equal(a.ranking_, b.ranking_)
