"""Benchmark: import rows/s and peak memory for large coordinate CSVs into SQLite.

Run: ``python tests/benchmarks/bench_import.py`` (default 1,000,000 rows; ``--rows N``;
``--format geojson`` for the same rows as a GeoJSON FeatureCollection of points).

Each size is imported in a fresh subprocess into a fresh SQLite file so that the peak
resident memory (``ru_maxrss``) belongs to that import alone. Memory must not grow with
the file: the script prints the peak for a quarter-size file and for the full file and
their ratio (close to 1 means bounded). Throughput target: >= 50,000 rows/s.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

CATEGORIES = [
    "Skadegörelse",
    "Inbrott i förråd",
    "Narkotika",
    "Ordningsstörning",
    "Buskörning med moped/A-traktor",
    "Stöld",
    "Bränslestöld",
]


def _blocks(rows: int, seed: int):
    """The generated rows, 100,000 at a time: ``(start, times, lat, lon, category index)``."""
    rng = np.random.default_rng(seed)
    block = 100_000
    t0 = np.datetime64("2025-01-01T00:00")
    for start in range(0, rows, block):
        n = min(block, rows - start)
        minutes = rng.integers(0, 365 * 24 * 60, n)
        ts = (t0 + minutes.astype("timedelta64[m]")).astype(str)
        lat = 55.90 + rng.random(n) * 0.08
        lon = 13.48 + rng.random(n) * 0.12
        yield start, ts, lat, lon, rng.integers(0, len(CATEGORIES), n)


def make_csv(path: Path, rows: int, seed: int = 1) -> None:
    """A Swedish municipal export: ``;``, decimal comma, ids, ISO times, WGS84 points."""
    with path.open("w", encoding="utf-8") as fh:
        fh.write("id;datum;tid;kategori;beskrivning;lat;lon\n")
        for start, ts, lat, lon, cat in _blocks(rows, seed):
            lines = [
                f"B-{start + i};{ts[i][:10]};{ts[i][11:16]};{CATEGORIES[cat[i]]};"
                f"rad {start + i};{lat[i]:.6f}".replace(".", ",")
                + ";"
                + f"{lon[i]:.6f}".replace(".", ",")
                for i in range(len(ts))
            ]
            fh.write("\n".join(lines) + "\n")


def make_geojson(path: Path, rows: int, seed: int = 1) -> None:
    """The rows of :func:`make_csv` as one FeatureCollection of points (as QGIS writes it)."""
    with path.open("w", encoding="utf-8") as fh:
        fh.write('{"type": "FeatureCollection", "name": "incidents", "features": [\n')
        for start, ts, lat, lon, cat in _blocks(rows, seed):
            features = [
                json.dumps(
                    {
                        "type": "Feature",
                        "properties": {
                            "id": f"B-{start + i}",
                            "datum": ts[i][:10],
                            "tid": ts[i][11:16],
                            "kategori": CATEGORIES[cat[i]],
                            "beskrivning": f"rad {start + i}",
                        },
                        "geometry": {
                            "type": "Point",
                            "coordinates": [round(float(lon[i]), 6), round(float(lat[i]), 6)],
                        },
                    },
                    ensure_ascii=False,
                )
                for i in range(len(ts))
            ]
            fh.write((",\n" if start else "") + ",\n".join(features))
        fh.write("\n]}\n")


def run_one(csv_path: Path, db_path: Path) -> dict:
    """Import one file (in this process) and report time and peak memory."""
    os.environ["HOTSPOTS_DATABASE_URL"] = f"sqlite:///{db_path}"
    from hotspots.ingest.pipeline import import_file
    from hotspots.store import Store

    store = Store.open()
    store.upgrade()
    t = time.perf_counter()
    report = import_file(csv_path, store=store, source="bench")
    seconds = time.perf_counter() - t
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "rows": report.read,
        "stored": report.stored,
        "seconds": seconds,
        "rows_per_s": report.read / seconds,
        "peak_rss_mib": peak_kib / 1024,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--format", choices=("csv", "geojson"), default="csv")
    ap.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(run_one(Path(args.child[0]), Path(args.child[1]))))
        return
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for label, rows in (("quarter", args.rows // 4), ("full", args.rows)):
            csv_path = Path(tmp) / f"{label}.{args.format}"
            (make_geojson if args.format == "geojson" else make_csv)(csv_path, rows)
            out = subprocess.run(
                [
                    sys.executable,
                    __file__,
                    "--child",
                    str(csv_path),
                    str(Path(tmp) / f"{label}.db"),
                ],
                check=True,
                capture_output=True,
                text=True,
            )
            results[label] = json.loads(out.stdout.strip().splitlines()[-1])
            r = results[label]
            print(
                f"{label:8s} {r['rows']:>9,} rows  {r['seconds']:6.1f} s  "
                f"{r['rows_per_s']:>9,.0f} rows/s  peak RSS {r['peak_rss_mib']:6.0f} MiB"
            )
    full, quarter = results["full"], results["quarter"]
    assert full["stored"] == full["rows"], "every generated row must be stored"
    print(
        f"throughput: {full['rows_per_s']:,.0f} rows/s = "
        f"{full['rows_per_s'] / 50_000:.2f} x the 50,000 rows/s target"
    )
    print(
        f"memory: peak RSS full / quarter = {full['peak_rss_mib'] / quarter['peak_rss_mib']:.2f} "
        f"(4x the rows; 1.00 = does not grow with the file)"
    )


if __name__ == "__main__":
    main()
