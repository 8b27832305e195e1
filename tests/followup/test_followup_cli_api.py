"""``hotspots followup`` and ``GET /api/v1/measures/{id}/followup`` on the built effect data."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from api.auth import Principal, current_principal
from api.main import create_app
from hotspots.cli import app as cli_app
from hotspots.settings import get_settings

from .conftest import add_measure


@pytest.fixture
def wide(monkeypatch):
    from hotspots.followup import cli

    monkeypatch.setattr(cli.out, "_width", 250)


def _run(*args):
    return CliRunner().invoke(cli_app, ["followup", *map(str, args)])


def test_cli_table_and_reading(effect_sqlite, wide):
    _, mid = effect_sqlite
    r = _run(mid, "--weeks", 12, "--as-of", "2026-06-01")
    assert r.exit_code == 0, (r.output, r.exception)
    out = r.stdout
    assert "Uppföljning av åtgärd 1: Ny belysning torget (Förbättrad belysning)" in out
    assert (
        "Placerad 2026-03-02. Före 2025-12-08 – 2026-03-01, efter 2026-03-02 – 2026-05-24 "
        "(12 veckor)." in out
    )
    lines = out.splitlines()
    treated = next(line for line in lines if "Åtgärdsområdet" in line)
    assert treated.split("│")[2:5] == [" 30 ", " 10 ", " −67 % "] or [
        c.strip() for c in treated.split("│")[2:5]
    ] == ["30", "10", "−67 %"]
    assert any("Buffertzon (200 m)" in line and "+67 %" in line for line in lines)
    assert any("Kontrollområde (övriga Höör)" in line and "300" in line for line in lines)
    assert "Fishers exakta test p = 0,003" in out
    assert "WDQ: −0,40 – viss förflyttning, mindre än den direkta effekten" in out
    assert "minskningen jämfört med kontrollområdet är större än slumpen ger" in out


def test_cli_json_and_english(effect_sqlite, wide):
    _, mid = effect_sqlite
    r = _run(mid, "--weeks", 12, "--as-of", "2026-06-01", "--json", "--lang", "en")
    assert r.exit_code == 0, (r.output, r.exception)
    d = json.loads(r.stdout)
    assert d["treated"]["before"] == 30 and d["treated"]["after"] == 10
    assert d["buffer"]["after"] == 20 and d["control"]["before"] == 300
    assert d["wdq"] == -0.4 and d["wdq_class"] == "displacement" and d["significant"]
    assert d["reading"].startswith("Incidents in the area fell from 30 to 10")
    r = _run(mid, "--weeks", 12, "--as-of", "2026-06-01", "--buffer", 400, "-c", "skadegorelse")
    assert r.exit_code == 0 and "Buffertzon (400 m)" in r.stdout


def test_cli_missing_data_is_said_not_numbered(effect_sqlite, wide):
    store, _ = effect_sqlite
    mid = add_measure(store, starts_on=None, status="planerad")
    r = _run(mid)
    assert r.exit_code == 0
    assert "Uppföljningen kan inte göras:" in r.stdout
    assert "har inget datum för när den placerades" in r.stdout
    assert "WDQ" not in r.stdout


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["99"], "fel: ingen åtgärd med id 99"),
        (["1", "--weeks", "0"], "ogiltig period"),
        (["1", "--weeks", "4", "--months", "2"], "ogiltig period"),
        (["1", "--buffer", "-3"], "ogiltig buffertzon"),
        (["1", "--lang", "de"], "okänt språk 'de'"),
        (["1", "-c", "nej", "--weeks", "12", "--as-of", "2026-06-01"], "okända händelsekategorier"),
    ],
)
def test_cli_errors_are_one_line(effect_sqlite, tmp_path, args, needle):
    store, _ = effect_sqlite
    p = subprocess.run(
        [sys.executable, "-m", "hotspots.cli", "followup", *args],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,
        env={
            "HOTSPOTS_DATABASE_URL": store.engine.url.render_as_string(hide_password=False),
            "PATH": "/usr/bin:/bin",
        },
    )
    lines = [line for line in p.stderr.splitlines() if line.strip()]
    assert p.returncode == 2 and len(lines) == 1 and needle in lines[0], p.stderr
    assert "Traceback" not in p.stderr


# ------------------------------------------------------------------------------ the service
@pytest.fixture
def client(effect_store, monkeypatch):
    store, _ = effect_store
    monkeypatch.setenv(
        "HOTSPOTS_DATABASE_URL", store.engine.url.render_as_string(hide_password=False)
    )
    get_settings.cache_clear()
    application = create_app()
    application.dependency_overrides[current_principal] = lambda: Principal(
        3, "ledning", "leadership"
    )
    with TestClient(application) as c:
        c.app_ref = application
        yield c


def test_api_round_trip(client, effect_store):
    """The service gives the library's numbers (both backends) and the Swedish reading."""
    _, mid = effect_store
    r = client.get(f"/api/v1/measures/{mid}/followup", params={"weeks": 12})
    assert r.status_code == 200, r.text
    d = r.json()
    assert (d["treated"]["before"], d["treated"]["after"]) == (30, 10)
    assert (d["buffer"]["before"], d["buffer"]["after"]) == (12, 20)
    assert (d["control"]["before"], d["control"]["after"]) == (300, 300)
    assert d["wdq"] == -0.4 and d["significant"] is True and d["p_value"] < 0.01
    assert d["reading"].startswith("Antalet händelser i området minskade från 30 till 10")
    assert d["before"]["start"].startswith("2025-12-08") and d["ok"] is True
    en = client.get(f"/api/v1/measures/{mid}/followup", params={"weeks": 12, "lang": "en"})
    assert en.json()["reading"].startswith("Incidents in the area fell")
    # default period as of now (long after the data end): said, not numbered
    d = client.get(f"/api/v1/measures/{mid}/followup").json()
    assert d["ok"] is False and d["treated"] is None and d["missing"]


@pytest.mark.parametrize(
    ("path", "params", "status"),
    [
        ("/api/v1/measures/99/followup", {}, 404),
        ("/api/v1/measures/{id}/followup", {"weeks": 0}, 422),
        ("/api/v1/measures/{id}/followup", {"weeks": 4, "months": 2}, 400),
        ("/api/v1/measures/{id}/followup", {"buffer": -1}, 422),
        ("/api/v1/measures/{id}/followup", {"category": "nej"}, 400),
        ("/api/v1/measures/{id}/followup", {"lang": "de"}, 422),
    ],
)
def test_api_bad_input_is_4xx(client, effect_store, path, params, status):
    r = client.get(path.format(id=effect_store[1]), params=params)
    assert r.status_code == status, r.text
    assert "\n" not in str(r.json()["detail"])


def test_api_roles(client, effect_store):
    for role, expected in (("field", 403), ("public", 403), ("analyst", 200), ("admin", 200)):
        client.app_ref.dependency_overrides[current_principal] = lambda role=role: Principal(
            9, role, role
        )
        r = client.get(f"/api/v1/measures/{effect_store[1]}/followup", params={"weeks": 12})
        assert r.status_code == expected, (role, r.text)
