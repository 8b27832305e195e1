"""Forecasts scored on real public data (../shared/data): Essex (police.uk) and Chicago.

Essex has month-only times (each incident a window over its month) and real, stable
hotspots; the Chicago file is open_cp's 1,000-crime South Side sample with its study area
(a shapefile with an empty .prj: EPSG:2790 is set by hand).
"""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
import typer
from typer.testing import CliRunner

from hotspots.evaluate.cli import evaluate_command
from hotspots.evaluate.csvsource import read_incidents, read_study_area
from hotspots.evaluate.rolling import RESULT_KEYS, RollingEvaluation, mean_by_method

pytestmark = pytest.mark.shared_data

METHODS = ["prospective", "last_period", "long_run", "random"]


@pytest.fixture(scope="module")
def essex(shared_data):
    files = sorted((shared_data / "police_uk_essex").glob("2018-0?-essex-street.csv.gz"))
    assert len(files) == 7
    parts = [read_incidents(f, crs="EPSG:27700", timezone="Europe/London")[0] for f in files]
    return pd.concat(parts, ignore_index=True)


@pytest.fixture(scope="module")
def chicago(shared_data):
    folder = shared_data / "chicago_southside_2016"
    points, _ = read_incidents(folder / "example.csv", crs="EPSG:2790",
                               timezone="America/Chicago")
    area = read_study_area(folder / "SouthSide.shp", crs="EPSG:2790")
    return points, area


def _check(run, n_origins):
    assert len(run.results_) == len(METHODS) * n_origins
    for r in run.results_:
        assert tuple(r) == RESULT_KEYS
        assert np.isfinite([r["hit_rate"], r["pai"], r["pei_star"], r["area_km2"]]).all()
        assert 0 <= r["n"] <= r["N"] and r["N"] > 0
        assert 0 <= r["hit_rate"] <= 1 and 0 <= r["pei_star"] <= 1
    return {m["method"]: m for m in mean_by_method(run.results_)}


def test_essex_month_data_has_real_hotspots(essex):
    assert len(essex) > 110_000
    run = RollingEvaluation(cutoff="2018-07-01", horizon="1m", coverage=0.01, cell_size=100.0,
                            methods=METHODS, origins=3, timezone="Europe/London").fit(essex)
    assert run.resolution_ == "month"
    assert [o.strftime("%Y-%m") for o in run.origins_] == ["2018-05", "2018-06", "2018-07"]
    mean = _check(run, 3)
    # July 2018 has 18,713 rows, 73 of them without coordinates, a few outside the area
    assert 18_500 < run.results_[-1]["N"] <= 18_640
    for r in run.results_:
        if r["method"] == "prospective":
            assert r["pai"] >= 1
    assert mean["prospective"]["pai"] > 5 * mean["random"]["pai"]
    assert 0.5 < mean["random"]["pai"] < 1.5


def test_essex_refuses_a_horizon_in_days(essex):
    from hotspots.errors import InputError

    with pytest.raises(InputError):
        RollingEvaluation(cutoff="2018-07-01", horizon="14d",
                          timezone="Europe/London").fit(essex)


def test_chicago_south_side(chicago):
    points, area = chicago
    assert len(points) == 1_000
    assert points["occurred_from"].min() >= pd.Timestamp("2016-01-01 06:00", tz="UTC")
    run = RollingEvaluation(cutoff="2016-10-01", horizon="1m", coverage=0.05, cell_size=150.0,
                            methods=METHODS, origins=3, timezone="America/Chicago").fit(
        points, study_area=area)
    assert run.study_.area_km2 == pytest.approx(53.2, abs=1.0)  # the polygon: 53.18 km²
    mean = _check(run, 3)
    assert mean["long_run"]["pai"] > 1


def test_the_command_end_to_end_on_chicago(shared_data):
    folder = shared_data / "chicago_southside_2016"
    app = typer.Typer()
    app.command()(evaluate_command)
    result = CliRunner().invoke(app, [
        str(folder / "example.csv"), "--crs", "EPSG:2790", "--timezone", "America/Chicago",
        "--study-area", str(folder / "SouthSide.shp"), "--study-area-crs", "EPSG:2790",
        "--cutoff", "2016-12-01", "--horizon", "2m", "--origins", "2", "--cell-size", "150",
        "--methods", "prospective,long_run", "--json",
    ])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert list(data) == ["results"]
    assert [(r["method"], r["origin"][:10]) for r in data["results"]] == [
        ("prospective", "2016-10-01"), ("prospective", "2016-12-01"),
        ("long_run", "2016-10-01"), ("long_run", "2016-12-01"),
    ]
    for r in data["results"]:
        assert tuple(r) == RESULT_KEYS
        assert r["N"] > 0 and r["pai"] is not None

    table = CliRunner().invoke(app, [
        str(folder / "example.csv"), "--time-column", "2", "--lat-column", "5",
        "--lon-column", "6", "--timezone", "America/Chicago", "--cutoff", "2016-12-01",
        "--horizon", "14d", "--origins", "3",
    ])
    assert table.exit_code == 0, table.output
    assert "PAI" in table.stdout and "PEI*" in table.stdout
    assert table.stdout.count("2016-1") >= 6  # 3 origins x 3 methods, dates in the rows

    missing = CliRunner().invoke(app, [
        str(folder / "example.csv"), "--study-area", str(folder / "SouthSide.shp"),
        "--timezone", "America/Chicago",
    ])
    assert missing.exit_code != 0
    assert "--study-area-crs" in str(missing.exception)
