"""Detection on stored data: runs are kept whole and come back the same; patrol focus."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime

import numpy as np
import pytest

from hotspots.detect.run import fingerprint, run_detection
from hotspots.detect.source import load_points
from hotspots.errors import InputError
from hotspots.ingest.pipeline import import_file
from hotspots.paths import DEFAULT_DATA_DIR
from hotspots.store.runs import get_run, list_runs

DEMO = DEFAULT_DATA_DIR / "demo"
HOOR_TATORT = (13.51, 55.92, 13.57, 55.955)
START, END = datetime(2026, 5, 25, tzinfo=UTC), datetime(2026, 11, 23, tzinfo=UTC)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    from hotspots.store import Store

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    store = Store.open(f"sqlite:///{path}")
    store.upgrade()
    import_file(DEMO / "hoor_synthetic_incidents.csv", store=store, source="demo")
    import_file(DEMO / "polisen_events_4_kommuner_with_body.jsonl", store=store)
    return store


def test_coarse_points_are_left_out_of_detection(demo_db):
    pts = load_points(demo_db)
    assert len(pts) > 2000
    assert set(pts["precision"]) <= {"exact", "address", "street"}
    assert pts.crs.to_epsg() == 3006


@pytest.mark.parametrize(
    "method,params",
    [
        ("kde", {"bandwidth": 200, "cell_size": 50}),
        ("dbscan", {"eps": 100, "min_samples": 10}),
        ("gistar", {"cell_size": 200, "permutations": 99, "seed": 1}),
        ("emerging", {"cell_size": 200, "time_step": "1W"}),
        ("forecast", {"horizon": "7d", "coverage": 0.01, "cell_size": 100}),
        ("forecast", {"method": "auto", "horizon": "7d", "coverage": 0.01}),
    ],
)
def test_runs_are_stored_and_reproduced(demo_db, method, params):
    res = run_detection(
        demo_db, method=method, params=params, start=START, end=END, bbox=HOOR_TATORT
    )
    assert res.geojson["type"] == "FeatureCollection"
    assert res.geojson["features"], f"{method} found nothing in the planted data"
    coords = np.array([c for f in res.geojson["features"] for c in f["geometry"]["coordinates"][0]])
    assert (np.abs(coords[:, 0] - 13.54) < 0.05).all()  # WGS84 lon/lat, around Höör
    run = get_run(demo_db, res.run_id)
    assert run.result == res.geojson and run.params == params and run.method == method
    again = run_detection(
        demo_db, method=method, params=params, start=START, end=END, bbox=HOOR_TATORT, save=False
    )
    assert again.geojson == res.geojson  # same input, same parameters: the same map
    assert run.input_sha256 == fingerprint(
        load_points(demo_db, start=START, end=END, bbox=HOOR_TATORT)
    )


def test_kde_finds_the_station_hotspot(demo_db):
    from shapely.geometry import Point, shape

    res = run_detection(
        demo_db,
        method="kde",
        params={"top_percent": 2},
        start=START,
        end=END,
        bbox=HOOR_TATORT,
        save=False,
    )
    station = Point(13.5434, 55.9366)
    assert any(
        shape(f["geometry"]).buffer(0.001).contains(station) for f in res.geojson["features"]
    )


def test_bad_selection_gives_clear_errors(demo_db):
    with pytest.raises(InputError):
        run_detection(demo_db, method="nonsense")
    with pytest.raises(InputError):
        run_detection(demo_db, method="kde", categories=["finns_inte"])
    assert all(
        r.method in {"kde", "dbscan", "gistar", "emerging", "forecast"} for r in list_runs(demo_db)
    )


def test_patrol_focus_ranks_the_planted_hotspots(demo_db):
    from hotspots.detect.focus import patrol_focus

    pts = load_points(demo_db, end=END)
    areas = patrol_focus(pts, as_of=END, top=5)
    assert [a.rank for a in areas] == [1, 2, 3, 4, 5]
    assert all(a.risk > 0 for a in areas)
    risks = [a.risk for a in areas]
    assert risks == sorted(risks, reverse=True)
    # the new school-area hotspot (W43-W47) is among the areas and rising
    school = min(areas, key=lambda a: (a.lon - 13.5330) ** 2 + (a.lat - 55.9430) ** 2)
    assert abs(school.lon - 13.5330) < 0.004 and abs(school.lat - 55.9430) < 0.003
    assert school.trend == "up" and school.recent > school.previous
    for a in areas:
        prof = np.array(a.profile)
        assert prof.shape == (7, 24)
        assert len(a.peak_hours) <= 3 and len(a.peak_weekdays) <= 2


def _cli(args, db, cwd):
    env = {"HOTSPOTS_DATABASE_URL": f"sqlite:///{db}", "PATH": "/usr/bin:/bin", "COLUMNS": "200"}
    return subprocess.run(
        [sys.executable, "-m", "hotspots.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=300,
    )


def test_cli_detect_runs_and_focus(demo_db, tmp_path):
    db = demo_db.engine.url.database
    out = tmp_path / "kde.geojson"
    r = _cli(
        [
            "detect",
            "--method",
            "kde",
            "--from",
            "2026-05-25",
            "--to",
            "2026-11-22",
            "--bbox",
            ",".join(map(str, HOOR_TATORT)),
            "-o",
            str(out),
            "--json",
        ],
        db,
        tmp_path,
    )
    assert r.returncode == 0, r.stderr
    summary = json.loads(r.stdout)
    assert summary["features"] == len(json.loads(out.read_text())["features"]) > 0
    again = tmp_path / "again.geojson"
    r = _cli(["detect", "--run", str(summary["run"]), "-o", str(again)], db, tmp_path)
    assert r.returncode == 0 and json.loads(again.read_text()) == json.loads(out.read_text())
    r = _cli(["runs", "--json"], db, tmp_path)
    assert summary["run"] in [x["id"] for x in json.loads(r.stdout)]
    r = _cli(["focus", "--top", "3", "--as-of", "2026-11-23", "--json"], db, tmp_path)
    assert r.returncode == 0, r.stderr
    assert [a["rank"] for a in json.loads(r.stdout)["areas"]] == [1, 2, 3]
    r = _cli(["detect", "--method", "kde", "--week", "2026-W99"], db, tmp_path)
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1
