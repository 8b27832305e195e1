"""``hotspots report`` on the demo week and on real data; PDF/PNG; one-line errors."""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import sys

import pytest

from hotspots.demo.loader import load_demo
from hotspots.settings import get_settings


def _cli(args, db, cwd, **env_extra):
    env = {"HOTSPOTS_DATABASE_URL": f"sqlite:///{db}", "PATH": "/usr/bin:/bin", **env_extra}
    return subprocess.run(
        [sys.executable, "-m", "hotspots.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=600,
    )


@pytest.fixture
def demo_db(sqlite_store):
    load_demo(sqlite_store, get_settings())
    return sqlite_store.engine.url.database


def _chromium_or_skip() -> None:
    if shutil.which("chromium") or shutil.which("chromium-browser"):
        return
    reason = "headless Chromium is not installed (apt-get install chromium)"
    if os.environ.get("HOTSPOTS_TEST_REQUIRE_BROWSER") == "1":
        pytest.fail(f"HOTSPOTS_TEST_REQUIRE_BROWSER=1 but {reason}")
    pytest.skip(reason)


def test_demo_week_report(demo_db, tmp_path):
    out = tmp_path / "rapport.html"
    r = _cli(
        ["report", "--week", "2026-W47", "--basemap", "none", "-o", str(out)], demo_db, tmp_path
    )
    assert r.returncode == 0, r.stderr
    assert "lägesbild 2026-W47 skriven till" in r.stdout
    html = out.read_text(encoding="utf-8")
    assert "<h1>Lägesbild vecka 47, 2026</h1>" in html
    assert "<script src" not in html and "<link" not in html  # self-contained
    # the planted places, named after the walks that went there
    for place in ("Centrum", "Skolområdet nordväst"):
        assert f"<td>{place}</td>" in html
    # the demo's measures: the proposed camera at the station and the planned adult presence
    assert "Kameraövervakning" in html and "Vuxennärvaro/nattvandring" in html
    assert "Åtgärdade eller avslutade denna vecka" in html
    assert "Inga observationer åtgärdades" not in html
    # the polisen.se events are only known to the kommun: counted, not mapped
    assert "Händelser utan exakt plats" in html


def _png_size(path):
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", head[16:24])


def test_pdf_and_png_through_headless_chromium(demo_db, tmp_path):
    _chromium_or_skip()
    pdf = tmp_path / "rapport.pdf"
    r = _cli(
        ["report", "--week", "2026-W47", "--basemap", "none", "-o", str(pdf)], demo_db, tmp_path
    )
    assert r.returncode == 0, r.stderr
    data = pdf.read_bytes()
    assert data[:5] == b"%PDF-" and data.count(b"/Type /Page") >= 2
    png = tmp_path / "rapport.png"
    r = _cli(
        ["report", "--week", "2026-W47", "--basemap", "none", "--format", "png", "-o", str(png)],
        demo_db,
        tmp_path,
    )
    assert r.returncode == 0, r.stderr
    width, height = _png_size(png)
    assert width == 1240 and height > 2000  # the whole page, not one window


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--week", "2026-W60"], "'2026-W60' är ingen ISO-vecka"),
        (["--week", "2026-W47", "-c", "ufo"], "okänd kategori 'ufo'"),
        (["--week", "2026-W47", "--bbox", "13.5,55.9,13.5,55.9"], "13.5,55.9,13.5,55.9"),
        (["--week", "2026-W47", "--role", "chef"], "roll 'chef'"),
        (["--week", "2026-W47", "--format", "docx"], "okänt format 'docx'"),
    ],
)
def test_bad_input_is_a_one_line_error(sqlite_store, tmp_path, args, needle):
    db = sqlite_store.engine.url.database
    r = _cli(["report", *args, "-o", str(tmp_path / "r.html")], db, tmp_path)
    assert r.returncode == 2
    lines = [line for line in r.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and needle in lines[0], r.stderr
    assert "Traceback" not in r.stderr


def test_week_without_data_is_a_report_not_an_error(sqlite_store, tmp_path):
    db = sqlite_store.engine.url.database
    out = tmp_path / "r.html"
    r = _cli(["report", "--week", "2020-W01", "--basemap", "none", "-o", str(out)], db, tmp_path)
    assert r.returncode == 0, r.stderr
    assert "Inga händelser eller trygghetsobservationer är registrerade vecka 1." in out.read_text(
        encoding="utf-8"
    )


def test_essex_report(sqlite_store, shared_data, tmp_path, monkeypatch):
    """Real police.uk data: month-only dates are spread over the weeks, not piled on the 1st."""
    from hotspots.ingest.pipeline import import_file
    from maps.report import weekly_report_html

    monkeypatch.setenv("HOTSPOTS_WORKING_CRS", "27700")
    monkeypatch.setenv("HOTSPOTS_TIMEZONE", "Europe/London")
    get_settings.cache_clear()
    for month in ("01", "02", "03"):
        path = shared_data / "police_uk_essex" / f"2018-{month}-essex-street.csv.gz"
        import_file(path, store=sqlite_store, timezone="Europe/London", crs=4326)
    html, report = weekly_report_html(sqlite_store, "2018-W09", role="analyst", basemap="none")
    # W09 is 26 Feb - 4 Mar: 3/28 of February and 4/31 of March, not all of March
    feb = len(
        sqlite_store.records("incident", start=None, categories=None).query(
            "occurred_from.dt.month == 2"
        )
    )
    assert report.n_time_windows > 10_000
    assert 0.05 * feb < report.n_week < 0.5 * feb
    assert len(report.hotspots) == 10
    names = [row.name for row in report.hotspots]
    assert not any(name.lower().startswith("on or near") for name in names)
    assert report.hotspots[0].this_week >= report.hotspots[-1].this_week
    assert "de räknas med den andel av perioden" in html
    assert html.count('<span class="rank">') == 10
