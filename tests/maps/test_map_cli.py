"""``hotspots map`` writes one offline HTML file; bad input is a one-line error."""

from __future__ import annotations

import subprocess
import sys

from hotspots.ingest.pipeline import import_file
from hotspots.paths import DEFAULT_DATA_DIR


def _cli(args, db, cwd):
    env = {"HOTSPOTS_DATABASE_URL": f"sqlite:///{db}", "PATH": "/usr/bin:/bin"}
    return subprocess.run(
        [sys.executable, "-m", "hotspots.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=300,
    )


def test_map_command(sqlite_store, tmp_path):
    import_file(DEFAULT_DATA_DIR / "demo" / "hoor_synthetic_incidents.csv", store=sqlite_store)
    db = sqlite_store.engine.url.database
    out = tmp_path / "karta.html"
    r = _cli(["map", "--week", "2026-W47", "--basemap", "none", "-o", str(out)], db, tmp_path)
    assert r.returncode == 0, r.stderr
    html = out.read_text(encoding="utf-8")
    assert "2026-11-16 – 2026-11-22" in html  # the ISO week, last day included
    assert "<script src" not in html and "Täthet (kärnskattning)" in html
    # Leadership by default: small counts hidden, and the legend says so.
    assert "dolda: färre än 5 händelser" in html
    assert '"kind":"weeks"' in html and "v. 43" in html  # four weeks back by default
    r = _cli(
        [
            "map",
            "--week",
            "2026-W47",
            "--basemap",
            "none",
            "--role",
            "analyst",
            "--weeks-back",
            "0",
            "-o",
            str(out),
        ],
        db,
        tmp_path,
    )
    assert r.returncode == 0, r.stderr
    html = out.read_text(encoding="utf-8")
    assert "dolda: färre än" not in html and '"kind":"weeks"' not in html
    r = _cli(["map", "--week", "2026-W47", "--role", "chef", "-o", str(out)], db, tmp_path)
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1
    assert "'chef'" in r.stderr and "leadership" in r.stderr
    r = _cli(["map", "--week", "2026-W60", "-o", str(out)], db, tmp_path)
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1


def test_unknown_category_is_a_one_line_error(sqlite_store, tmp_path):
    db = sqlite_store.engine.url.database
    r = _cli(["map", "--week", "2026-W47", "-c", "ufo", "-o", str(tmp_path / "k.html")], db,
             tmp_path)
    assert r.returncode == 2
    lines = [line for line in r.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "okänd kategori 'ufo'" in lines[0]
    assert not (tmp_path / "k.html").exists()
