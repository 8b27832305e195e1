"""Built incident series for the alert tests: cells of a grid near Höör, Poisson per week."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd
from pyproj import Transformer

from hotspots.store import RECORD_COLUMNS

TZ = ZoneInfo("Europe/Stockholm")
#: SWEREF 99 TM corner of the built grid (near Höör), a multiple of 500 m
X0, Y0 = 406_000.0, 6_198_000.0
CELL = 500.0


def monday(week: str) -> datetime:
    year, w = week.split("-W")
    return datetime.fromisocalendar(int(year), int(w), 1).replace(tzinfo=TZ)


def series(rates, weeks: int, last_week: str, *, seed: int, planted=None) -> pd.DataFrame:
    """Records: cell ``k`` (row-major on a square grid) gets Poisson(``rates[k]``) a week.

    ``planted`` = ``{cell: count}`` replaces the count of the last week in those cells.
    The weeks run up to and including ``last_week``.
    """
    rng = np.random.default_rng(seed)
    rates = np.asarray(rates, float)
    side = int(np.ceil(np.sqrt(len(rates))))
    tr = Transformer.from_crs(3006, 4326, always_xy=True)
    end = monday(last_week) + timedelta(days=7)
    rows = []
    for w in range(weeks):
        start = end - timedelta(days=7 * (weeks - w))
        counts = rng.poisson(rates)
        if planted and w == weeks - 1:
            for k, n in planted.items():
                counts[k] = n
        for k, n in enumerate(counts):
            if not n:
                continue
            i, j = k % side, k // side
            x = X0 + (i + rng.uniform(0.05, 0.95, n)) * CELL
            y = Y0 + (j + rng.uniform(0.05, 0.95, n)) * CELL
            lon, lat = tr.transform(x, y)
            when = [start + timedelta(seconds=float(s)) for s in rng.uniform(0, 7 * 86400 - 1, n)]
            for a, b, t in zip(lon, lat, when, strict=True):
                rows.append((a, b, t, rng.choice(["skadegorelse", "klotter", "stold"])))
    n = len(rows)
    df = pd.DataFrame({c: [None] * n for c in RECORD_COLUMNS})
    df["external_id"] = [f"s{seed}-{i}" for i in range(n)]
    df["lon"] = [r[0] for r in rows]
    df["lat"] = [r[1] for r in rows]
    df["occurred_from"] = pd.to_datetime([r[2] for r in rows], utc=True)
    df["occurred_to"] = pd.NaT
    df["category"] = [r[3] for r in rows]
    df["precision"] = "exact"
    df["municipality"] = "Höör"
    df["outside_area"] = False
    df["line"] = np.arange(2, n + 2)
    return df


def load(store, df: pd.DataFrame) -> None:
    with store.import_batch(source="synth", filename="synth.csv", fmt="csv") as w:
        w.write("incident", df)
