"""Synthetic incidents for the evaluation tests: a 2 km square in SWEREF 99 TM."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

X0, Y0 = 400_000.0, 6_200_000.0
SIDE = 2_000.0
AREA = shapely.box(X0, Y0, X0 + SIDE, Y0 + SIDE)
HOTSPOTS = [(500.0, 500.0), (1_500.0, 1_250.0)]


def frame(x, y, start, end=None) -> gpd.GeoDataFrame:
    data = {"occurred_from": pd.to_datetime(start, utc=True)}
    if end is not None:
        data["occurred_to"] = pd.to_datetime(end, utc=True)
    return gpd.GeoDataFrame(data, geometry=gpd.points_from_xy(x, y), crs=3006)


def stable_hotspots(*, n: int = 3_000, days: int = 180, hot_share: float = 0.6,
                    seed: int = 0, first: str = "2026-01-01") -> gpd.GeoDataFrame:
    """Incidents at instants over ``days``; ``hot_share`` of them at two fixed hotspots."""
    rng = np.random.default_rng(seed)
    hot = rng.random(n) < hot_share
    centre = np.array(HOTSPOTS)[rng.integers(0, len(HOTSPOTS), n)]
    x = np.where(hot, centre[:, 0] + rng.normal(0, 40, n), rng.uniform(0, SIDE, n))
    y = np.where(hot, centre[:, 1] + rng.normal(0, 40, n), rng.uniform(0, SIDE, n))
    x, y = np.clip(x, 1, SIDE - 1), np.clip(y, 1, SIDE - 1)
    t0 = pd.Timestamp(first, tz="Europe/Stockholm")
    times = t0 + pd.to_timedelta(np.sort(rng.uniform(0, days, n)), unit="D")
    return frame(X0 + x, Y0 + y, times)


def monthly(*, months: int = 7, per_month: int = 400, seed: int = 1,
            tz: str = "Europe/London") -> gpd.GeoDataFrame:
    """police.uk-like data: each incident a window over its month, near a hotspot."""
    rng = np.random.default_rng(seed)
    parts = []
    for m in range(months):
        start = pd.Timestamp(2018, 1 + m, 1, tz=tz)
        end = start + pd.DateOffset(months=1)
        x = np.where(rng.random(per_month) < 0.5, 500 + rng.normal(0, 40, per_month),
                     rng.uniform(0, SIDE, per_month))
        y = np.where(rng.random(per_month) < 0.5, 500 + rng.normal(0, 40, per_month),
                     rng.uniform(0, SIDE, per_month))
        parts.append(frame(X0 + np.clip(x, 1, SIDE - 1), Y0 + np.clip(y, 1, SIDE - 1),
                           [start] * per_month, [end] * per_month))
    return pd.concat(parts, ignore_index=True)
