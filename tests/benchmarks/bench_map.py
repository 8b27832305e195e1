"""Benchmark: the hotspot map and the weekly report of 100,000 incidents.

Run: ``python tests/benchmarks/bench_map.py [--n 100000]``. The incidents are
``_points.incident_points(n)`` (clustered, 20 x 20 km around Höör) spread evenly over five
ISO weeks (2026-W43..W47), stored in a fresh SQLite file. Printed:

* the time to build the map of week 47 with the week slider (``hotspot_map``), its size in
  MB and the ratio to the 5 MB target;
* the time headless Chromium needs to load and draw it (``--dump-dom`` with the network
  blocked, until the page marks itself ready), when Chromium is installed;
* the time to build the weekly report page (``weekly_report_html``) and its size.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

try:  # imported as part of a package (a combined script) or run as a script
    from ._points import incident_points
except ImportError:
    from _points import incident_points

CATEGORIES = ("Skadegörelse", "Stöld", "Ordningsstörning", "Inbrott i bostad", "Narkotika")


def _write_csv(path: Path, n: int) -> None:
    from pyproj import Transformer

    xy = incident_points(n)
    lon, lat = Transformer.from_crs(3006, 4326, always_xy=True).transform(xy[:, 0], xy[:, 1])
    rng = np.random.default_rng(3)
    start = pd.Timestamp("2026-10-19 00:00")  # Monday of 2026-W43
    when = start + pd.to_timedelta(rng.uniform(0, 35 * 86400, n), unit="s")
    frame = pd.DataFrame(
        {
            "id": [f"B{i}" for i in range(n)],
            "datum": when.strftime("%Y-%m-%d"),
            "tid": when.strftime("%H:%M"),
            "kategori": rng.choice(CATEGORIES, n),
            "lat": np.round(lat, 6),
            "lon": np.round(lon, 6),
        }
    )
    frame.to_csv(path, sep=";", index=False)


def _browser_seconds(page: Path) -> float | None:
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if exe is None:
        return None
    with tempfile.TemporaryDirectory() as profile:
        args = [
            exe,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            f"--user-data-dir={profile}",
            "--host-resolver-rules=MAP * ~NOTFOUND",
            "--proxy-server=127.0.0.1:9",
            "--window-size=1200,900",
            "--dump-dom",
            page.as_uri(),
        ]
        t0 = time.perf_counter()
        done = subprocess.run(args, capture_output=True, text=True, timeout=300, check=False)
        seconds = time.perf_counter() - t0
    if 'data-hs-ready="1"' not in done.stdout:
        raise SystemExit("the map did not finish drawing in Chromium")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        os.environ["HOTSPOTS_DATABASE_URL"] = f"sqlite:///{tmp}/bench.db"
        from hotspots.ingest.pipeline import import_file
        from hotspots.settings import get_settings
        from hotspots.store import Store

        get_settings.cache_clear()
        store = Store.open()
        store.upgrade()
        csv = tmp / "incidents.csv"
        _write_csv(csv, args.n)
        import_file(csv, store=store, source="bench")

        from hotspots.detect.cli import parse_week
        from maps.report import weekly_report_html
        from maps.weekly import hotspot_map

        start, end = parse_week("2026-W47", "Europe/Stockholm")
        t0 = time.perf_counter()
        html = hotspot_map(store, start=start, end=end, basemap="none", role="leadership")
        build = time.perf_counter() - t0
        page = tmp / "map.html"
        page.write_text(html, encoding="utf-8")
        mb = page.stat().st_size / 1e6
        print(f"incidents: {args.n:,} over 5 weeks ({args.n // 5:,} in week 47)")
        print(
            f"map of week 47 (leadership, week slider): built in {build:.1f} s, "
            f"{mb:.2f} MB = {mb / 5:.2f} x the 5 MB limit"
        )
        seconds = _browser_seconds(page)
        if seconds is not None:
            print(f"headless Chromium loads and draws it in {seconds:.1f} s")
        t0 = time.perf_counter()
        report, _ = weekly_report_html(store, "2026-W47", basemap="none")
        build = time.perf_counter() - t0
        print(
            f"weekly report page: built in {build:.1f} s, "
            f"{len(report.encode('utf-8')) / 1e6:.2f} MB"
        )


if __name__ == "__main__":
    main()
