"""``evaluate_command`` on a tiny typer app: files, JSON, errors and the database."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
import typer
from typer.testing import CliRunner

from hotspots.errors import InputError
from hotspots.evaluate.cli import evaluate_command
from hotspots.evaluate.rolling import RESULT_KEYS

from ._synthetic import stable_hotspots


@pytest.fixture
def app():
    app = typer.Typer()
    app.command()(evaluate_command)
    return app


def _csv(points, path, *, sep=","):
    lonlat = points.to_crs(4326)
    local = points["occurred_from"].dt.tz_convert("Europe/Stockholm")
    frame = pd.DataFrame({
        "id": np.arange(len(points)),
        "datum": local.dt.strftime("%Y-%m-%d %H:%M"),
        "lat": lonlat.geometry.y.round(6), "lon": lonlat.geometry.x.round(6),
    })
    frame.to_csv(path, index=False, sep=sep)
    return path


def test_json_from_two_files(app, tmp_path):
    points = stable_hotspots(n=1_500, days=120)
    half = points["occurred_from"] < pd.Timestamp("2026-03-01", tz="UTC")
    a = _csv(points[half], tmp_path / "a.csv")
    b = _csv(points[~half], tmp_path / "b.csv", sep=";")
    result = CliRunner().invoke(app, [str(a), str(b), "--crs", "EPSG:3006", "--horizon", "14d",
                                      "--cutoff", "2026-04-15", "--origins", "2", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [r["method"] for r in data["results"]] == [
        "prospective", "prospective", "last_period", "last_period", "long_run", "long_run"]
    assert all(tuple(r) == RESULT_KEYS for r in data["results"])
    assert [r["origin"] for r in data["results"][:2]] == [
        "2026-04-01T00:00:00+02:00", "2026-04-15T00:00:00+02:00"]
    pai = {r["method"]: r["pai"] for r in data["results"]}
    assert pai["prospective"] > 3


def test_nan_is_null_in_json(app, tmp_path):
    points = stable_hotspots(n=300, days=60)  # nothing after 2026-03-01
    path = _csv(points, tmp_path / "a.csv")
    result = CliRunner().invoke(app, [str(path), "--crs", "3006", "--cutoff", "2026-04-01",
                                      "--methods", "long_run", "--json"])
    assert result.exit_code == 0, result.output
    (row,) = json.loads(result.stdout)["results"]
    assert row["N"] == 0 and row["hit_rate"] is None and row["pai"] is None


def test_errors_are_domain_errors(app, tmp_path):
    path = _csv(stable_hotspots(n=300), tmp_path / "a.csv")
    for args in (["--methods", "crystal_ball"], ["--horizon", "1y"],
                 ["--study-area-crs", "EPSG:3006"]):
        result = CliRunner().invoke(app, [str(path), *args])
        assert isinstance(result.exception, InputError), args


def test_the_database_when_no_file_is_given(app, tmp_path, sqlite_store):
    from hotspots.ingest.pipeline import import_file

    path = _csv(stable_hotspots(n=800, days=120), tmp_path / "a.csv", sep=";")
    report = import_file(path, store=sqlite_store)
    assert report.stored == 800
    result = CliRunner().invoke(app, ["--horizon", "14d", "--origins", "2", "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)["results"]
    assert len(rows) == 6 and all(r["N"] > 0 for r in rows)
    # options for a file make no sense without one
    result = CliRunner().invoke(app, ["--time-column", "datum"])
    assert isinstance(result.exception, InputError)


def test_a_table_by_default(app, tmp_path):
    path = _csv(stable_hotspots(n=600), tmp_path / "a.csv")
    result = CliRunner().invoke(app, [str(path), "--crs", "3006", "--cutoff", "2026-05-01",
                                      "--methods", "prospective,random", "--origins", "2"])
    assert result.exit_code == 0, result.output
    assert "PAI" in result.stdout and "PEI*" in result.stdout
    assert result.stdout.count("2026-0") >= 4
