"""``hotspots measures`` and ``hotspots observations`` through typer's CliRunner."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
from datetime import datetime
from zoneinfo import ZoneInfo

import pandas as pd
import pytest
from typer.testing import CliRunner

from hotspots.cli import app
from hotspots.errors import InputError, NotFoundError
from hotspots.settings import get_settings
from hotspots.store import Store

STOCKHOLM = ZoneInfo("Europe/Stockholm")
WALK = """id;datum;tid;vandring;kategori;beskrivning;allvarlighetsgrad;lat;lon
TV-1;2026-11-17;17:30;Centrum;Belysning;Gatlykta släckt;3;55,9335;13,5470
TV-2;2026-11-17;17:40;Centrum;Klotter;Klotter på elskåp;1;55,9338;13,5472
"""
AREA = {
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "properties": {},
            "geometry": {
                "type": "Polygon",
                "coordinates": [
                    [[13.530, 55.928], [13.541, 55.928], [13.541, 55.934], [13.530, 55.928]]
                ],
            },
        }
    ],
}


def run(line: str, *more):
    """Run ``hotspots LINE MORE...``: LINE split like a shell, MORE (paths, ids) as given."""
    return CliRunner().invoke(app, [*shlex.split(line), *map(str, more)])


def ok(line: str, *more):
    result = run(line, *more)
    assert result.exit_code == 0, (line, more, result.output, result.exception)
    return result


@pytest.fixture
def db(tmp_path, monkeypatch):
    from hotspots import measures_cli

    monkeypatch.setattr(measures_cli.out, "_width", 250)  # whole table rows, no wrapping
    ok("db upgrade")
    return Store.open(get_settings().resolved_database_url)


def test_add_list_and_change_status(db, tmp_path):
    out = ok(
        "measures add --type belysning --title 'Ny belysning gångtunneln' "
        "--lon 13.5434 --lat 55.9366 --radius 150 --status planerad "
        "--decided 2026-11-02 --placed 2026-11-09 --cost 45000 "
        "--description LED --municipality Höör --at '2026-11-02 10:00' --by anna"
    ).stdout
    (mid,) = db.measures()["id"].tolist()
    assert out.strip() == f"åtgärd {mid} sparad: Ny belysning gångtunneln"
    area = tmp_path / "area.geojson"
    area.write_text(json.dumps(AREA), encoding="utf-8")
    second = json.loads(
        ok(
            "measures add --type Grannsamverkan --title 'Grannsamverkan SV' --json --area", area
        ).stdout
    )["id"]

    rows = {r["id"]: r for r in json.loads(ok("measures list --json").stdout)}
    assert set(rows) == {mid, second}
    first = rows[mid]
    assert first["measure"] == "belysning" and first["measure_label"] == "Förbättrad belysning"
    assert (first["status"], first["lon"], first["lat"]) == ("planerad", 13.5434, 55.9366)
    assert first["radius_m"] == 150.0
    assert first["cost_sek"] == 45000.0 and first["municipality"] == "Höör"
    # dates are local days: 2026-11-02 in Stockholm is 2026-11-01 23:00 UTC
    assert first["decided_on"] == "2026-11-01T23:00:00+00:00"
    assert first["starts_on"] == "2026-11-08T23:00:00+00:00"
    assert first["ends_on"] is None
    assert first["status_changed_at"] == "2026-11-02T09:00:00+00:00"
    assert rows[second]["measure"] == "grannsamverkan"
    assert rows[second]["area_geojson"] == AREA["features"][0]["geometry"]
    assert rows[second]["lon"] is None

    out = ok("measures status --note tänd --at 2026-11-20", mid, "genomförd").stdout
    assert out.strip() == f"åtgärd {mid}: status genomförd från 2026-11-20 00:00"
    history = db.status_history("measure", mid)
    assert [(h["status"], h["changed_by"], h["note"]) for h in history] == [
        ("planerad", "anna", None),
        ("genomförd", history[1]["changed_by"], "tänd"),
    ]
    assert history[1]["changed_at"] == datetime(2026, 11, 20, tzinfo=STOCKHOLM)

    listed = json.loads(ok("measures list --status genomförd --json").stdout)
    assert [r["id"] for r in listed] == [mid]
    table = ok("measures list").stdout
    assert "Förbättrad belysning" in table and "genomförd" in table and "område" in table
    assert "Åtgärder (2)" in table
    assert ok("measures list --status avslutad").stdout.strip() == "inga åtgärder"
    assert json.loads(ok("measures list --bbox 14,56,14.1,56.1 --json").stdout) == []


def test_backdated_change_says_the_later_status_holds(db):
    ok("measures add --type kamera --title Kamera --lon 13.54 --lat 55.93 --at '2026-11-18 10:00'")
    (mid,) = db.measures()["id"].tolist()
    out = ok("measures status --at 2026-11-10", mid, "planerad").stdout
    assert "senare ändring" in out and "föreslagen" in out
    assert db.measures()["status"].tolist() == ["föreslagen"]


def test_observation_status_by_id_and_file_id(db, tmp_path):
    walk = tmp_path / "walk.csv"
    walk.write_text(WALK, encoding="utf-8")
    ok("import --source walks", walk)
    ids = db.observation_ids(["TV-1", "TV-2"])
    out = ok("observations status TV-1 rapporterad --at '2026-11-18 09:15'").stdout
    assert out.strip() == f"observation {ids['TV-1']}: status rapporterad från 2026-11-18 09:15"
    data = json.loads(
        ok(
            "observations status --note lagad --at 2026-11-20 --json", ids["TV-1"], "åtgärdad"
        ).stdout
    )
    assert data["kind"] == "observation" and data["id"] == ids["TV-1"]
    assert [h["status"] for h in data["history"]] == ["rapporterad", "åtgärdad"]
    assert data["history"][1]["note"] == "lagad"
    obs = db.records("observation", columns=("external_id", "status"))
    assert dict(zip(obs["external_id"], obs["status"], strict=True)) == {
        "TV-1": "åtgärdad",
        "TV-2": "ny",
    }
    week = db.status_changes(
        "observation",
        start=datetime(2026, 11, 16, tzinfo=STOCKHOLM),
        end=datetime(2026, 11, 23, tzinfo=STOCKHOLM),
    )
    assert week["changed_at"].tolist() == [
        pd.Timestamp("2026-11-18 08:15", tz="UTC"),
        pd.Timestamp("2026-11-19 23:00", tz="UTC"),
    ]


@pytest.mark.parametrize(
    ("args", "error", "words"),
    [
        ("add --type nope --title x --lon 13.5 --lat 55.9", InputError, ["'nope'", "belysning"]),
        ("add --type kamera --title x", InputError, ["plats"]),
        ("add --type kamera --title x --lon 13.5", InputError, ["lat=None"]),
        (
            "add --type kamera --title x --lon 13.5 --lat 55.9 --placed 2026-11-10 "
            "--until 2026-11-01",
            InputError,
            ["ends_on"],
        ),
        (
            "add --type kamera --title x --lon 13.5 --lat 55.9 --decided '2 nov'",
            InputError,
            ["'2 nov'"],
        ),
        ("status 999 planerad", NotFoundError, ["999"]),
    ],
)
def test_measure_errors_are_domain_errors(db, args, error, words):
    result = run("measures " + args)
    assert result.exit_code != 0
    assert isinstance(result.exception, error), result.output
    for word in words:
        assert word in str(result.exception)
    assert db.measures().empty


@pytest.mark.parametrize("ident", ["999", "TV-9"])
def test_unknown_observation(db, ident):
    result = run(f"observations status {ident} rapporterad")
    assert isinstance(result.exception, NotFoundError)
    assert ident in str(result.exception)


def test_bad_area_file(db, tmp_path):
    bad = tmp_path / "bad.geojson"
    bad.write_text("{not json", encoding="utf-8")
    result = run("measures add --type kamera --title x --area", bad)
    assert isinstance(result.exception, InputError)
    assert "bad.geojson" in str(result.exception)


def test_english_output(db, monkeypatch):
    monkeypatch.setenv("HOTSPOTS_LANGUAGE", "en")
    get_settings.cache_clear()
    ok("measures add --type belysning --title Lights --lon 13.54 --lat 55.93 --at 2026-11-02")
    table = ok("measures list").stdout
    assert "Measures (1)" in table and "Better lighting" in table and "proposed" in table


def test_one_line_error_from_the_real_command(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("HOTSPOTS_")}
    env.update(HOTSPOTS_DATABASE_URL=f"sqlite:///{tmp_path / 'cli.db'}", PYTHONUTF8="1")
    Store.open(env["HOTSPOTS_DATABASE_URL"]).upgrade()
    p = subprocess.run(
        [sys.executable, "-m", "hotspots.cli", "measures", "status", "7", "klar"],
        env=env,
        capture_output=True,
        encoding="utf-8",
        timeout=120,
    )
    assert p.returncode == 2 and p.stdout == ""
    assert p.stderr.strip().splitlines() == [
        "fel: status 'klar' finns inte för en åtgärd: tillåtna värden är föreslagen, planerad, "
        "pågående, genomförd, avslutad"
    ]
