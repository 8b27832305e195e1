"""Benchmark: our kernel density and DBSCAN against scikit-learn, in one run.

Run: ``python tests/benchmarks/bench_detect.py``

Same points for both (``_points.incident_points``: 100,000 and 1,000,000 points spread like
real incidents over a 20 x 20 km municipality); kernel density with 50 m cells and 200 m
bandwidth, DBSCAN with eps 100 m and min_samples 10. Prints time ratios and peak memory;
the detailed method of each measurement is in ``bench_kde.py`` and ``bench_dbscan.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_dbscan import main as dbscan_main  # noqa: E402
from bench_kde import main as kde_main  # noqa: E402


def main() -> None:
    """Kernel density first, then DBSCAN."""
    print("== kernel density (hotspots.detect.kde) vs scikit-learn KernelDensity", flush=True)
    kde_main([])
    print("== DBSCAN (hotspots.detect.dbscan) vs scikit-learn DBSCAN", flush=True)
    dbscan_main([])


if __name__ == "__main__":
    main()
