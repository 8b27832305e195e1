"""``hotspots measures add --observation/--run``, ``measures link|unlink|show``."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
from datetime import UTC, datetime

import pytest
from typer.testing import CliRunner

from hotspots.cli import app
from hotspots.errors import InputError, NotFoundError
from hotspots.store import Store
from hotspots.store.links import measure_links
from hotspots.store.runs import save_run

WALK = """id;datum;tid;vandring;kategori;beskrivning;allvarlighetsgrad;lat;lon
TV-1;2026-11-17;17:30;Centrum;Belysning;Gatlykta släckt;3;55,9335;13,5470
TV-2;2026-11-17;17:40;Centrum;Klotter;Klotter på elskåp;1;55,9338;13,5472
"""


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

    monkeypatch.setattr(measures_cli.out, "_width", 250)
    ok("db upgrade")
    from hotspots.settings import get_settings

    store = Store.open(get_settings().resolved_database_url)
    walk = tmp_path / "walk.csv"
    walk.write_text(WALK, encoding="utf-8")
    ok("import --source walks", walk)
    return store


def _run_id(store) -> int:
    return save_run(
        store,
        method="kde",
        params={},
        kind="incident",
        categories=None,
        window_from=datetime(2026, 11, 8, 23, tzinfo=UTC),
        window_to=datetime(2026, 11, 15, 23, tzinfo=UTC),
        crs="EPSG:3006",
        n_points=0,
        input_sha256="ab" * 32,
        result={"type": "FeatureCollection", "features": []},
    )


def test_add_with_links_then_link_and_show(db):
    ids = db.observation_ids(["TV-1", "TV-2"])
    rid = _run_id(db)
    mid = json.loads(
        ok(
            "measures add --type belysning --title 'Ny belysning' --lon 13.547 --lat 55.9335 "
            "--at '2026-11-18 10:00' --by anna --json --observation",
            ids["TV-1"],
            "--run",
            rid,
        ).stdout
    )["id"]
    assert [(x["kind"], x["ref_id"]) for x in measure_links(db, mid)] == [
        ("observation", ids["TV-1"]),
        ("run", rid),
    ]
    out = ok("measures link --note 'klotter vid lampan'", mid, "--observation", ids["TV-2"]).stdout
    assert out.strip() == f"åtgärd {mid}: länkad till observation {ids['TV-2']}"
    out = ok("measures link", mid, "--observation", ids["TV-2"]).stdout
    assert out.strip() == f"åtgärd {mid}: redan länkad till observation {ids['TV-2']}"

    shown = ok("measures show", mid).stdout
    assert f"åtgärd {mid}: Ny belysning (Förbättrad belysning, föreslagen)" in shown
    assert "2026-11-18 10:00  föreslagen (anna)" in shown
    assert "Länkar (3)" in shown
    assert f"observation {ids['TV-1']}: Belysning 2026-11-17" in shown
    assert f"observation {ids['TV-2']}: Klotter 2026-11-17 – klotter vid lampan" in shown
    assert f"analys {rid}: kde 2026-11-09 – 2026-11-16" in shown

    data = json.loads(ok("measures show --json", mid).stdout)
    assert data["id"] == mid and data["measure_label"] == "Förbättrad belysning"
    assert [h["status"] for h in data["history"]] == ["föreslagen"]
    assert [x["ref_id"] for x in data["links"]] == [ids["TV-1"], ids["TV-2"], rid]

    out = ok("measures unlink", mid, "--observation", ids["TV-1"]).stdout
    assert "borttagen" in out
    result = run("measures unlink", mid, "--observation", ids["TV-1"])
    assert isinstance(result.exception, NotFoundError)
    assert "ingen länk" in str(result.exception)


def test_a_bad_reference_refuses_the_whole_add(db):
    ids = db.observation_ids(["TV-1"])
    result = run(
        "measures add --type kamera --title x --lon 13.5 --lat 55.9 --observation",
        ids["TV-1"],
        "--run",
        42,
    )
    assert isinstance(result.exception, NotFoundError)
    assert "ingen sparad analys med id 42" in str(result.exception)
    assert db.measures().empty


def test_link_needs_exactly_one_target(db):
    ok("measures add --type kamera --title x --lon 13.5 --lat 55.9")
    (mid,) = db.measures()["id"].tolist()
    for extra in ([], ["--observation", "1", "--run", "1"]):
        result = run("measures link", mid, *extra)
        assert isinstance(result.exception, InputError)
    result = run("measures link", mid, "--observation", 999)
    assert isinstance(result.exception, NotFoundError)
    result = run("measures show", 999)
    assert isinstance(result.exception, NotFoundError)
    assert "ingen länkar" not in ok("measures show", mid).stdout
    assert "inga länkar" in ok("measures show", mid).stdout


def test_one_line_error_for_a_bad_reference(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("HOTSPOTS_")}
    env.update(HOTSPOTS_DATABASE_URL=f"sqlite:///{tmp_path / 'cli.db'}", PYTHONUTF8="1")
    store = Store.open(env["HOTSPOTS_DATABASE_URL"])
    store.upgrade()
    cmd = "measures add --type kamera --title x --lon 13.5 --lat 55.9 --observation 5".split()
    p = subprocess.run(
        [sys.executable, "-m", "hotspots.cli", *cmd],
        env=env,
        capture_output=True,
        encoding="utf-8",
        timeout=120,
    )
    assert p.returncode != 0 and p.stdout == ""
    assert p.stderr.strip().splitlines() == ["fel: ingen observation med id 5"]
    assert store.measures().empty
