"""Measure the false-alarm figure of the alert check on quiet Poisson series.

Run from the repository root: ``python tests/alerts/measure_quiet.py [SEEDS]`` (default 10
seeds). Each seed: 400 cells with stationary rates from 0.2 to 3 incidents a week, 32
weeks; each of the last 20 weeks is checked against its 12 weeks before (alpha 0.05,
count and emerging alerts). Prints the share of weeks with any alert.
"""

from __future__ import annotations

import sys
import tempfile
from datetime import timedelta
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from hotspots.alerts.check import check_deviations, week_label  # noqa: E402
from hotspots.store import Store  # noqa: E402
from tests.alerts.synth import load, monday, series  # noqa: E402

WEEK = "2026-W47"


def main(seeds: int = 10) -> None:
    weeks = any_weeks = count_weeks = emerging_weeks = 0
    with tempfile.TemporaryDirectory() as tmp:
        for seed in range(1, seeds + 1):
            store = Store.open(f"sqlite:///{tmp}/quiet{seed}.db")
            store.upgrade()
            rates = np.random.default_rng(seed).uniform(0.2, 3.0, 400)
            load(store, series(rates, 32, WEEK, seed=seed))
            for k in range(20):
                week = week_label(monday(WEEK) - timedelta(days=7 * k))
                alerts = check_deviations(store, week=week, save=False)
                weeks += 1
                any_weeks += bool(alerts)
                count_weeks += any(a.kind == "count" for a in alerts)
                emerging_weeks += any(a.kind == "emerging" for a in alerts)
            store.engine.dispose()
    print(
        f"{weeks} weeks: any alert {any_weeks} ({any_weeks / weeks:.1%}), "
        f"count {count_weeks}, emerging {emerging_weeks}"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10)
