"""Patrol focus: the areas to watch in the coming period, with when things happen there."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta

import numpy as np
import pandas as pd

from hotspots.errors import InputError
from hotspots.i18n import msg

__all__ = ["FocusArea", "patrol_focus", "WEEKDAYS_SV", "WEEKDAYS_EN"]

WEEKDAYS_SV = ("mån", "tis", "ons", "tor", "fre", "lör", "sön")
WEEKDAYS_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


@dataclass
class FocusArea:
    """One ranked area: where, how risky, how it has developed, and when."""

    rank: int
    x: float
    y: float
    lon: float
    lat: float
    size_m: float
    risk: float
    recent: int
    previous: int
    trend: str
    categories: dict[str, int] = field(default_factory=dict)
    peak_hours: list[int] = field(default_factory=list)
    peak_weekdays: list[int] = field(default_factory=list)
    profile: list[list[float]] = field(default_factory=list)

    def as_dict(self) -> dict:
        """JSON-ready dict."""
        return asdict(self)


def _trend(recent: int, previous: int) -> str:
    # Small counts swing by chance: call a change only when it is both large and
    # more than Poisson noise (|r - p| > 2 sqrt(r + p)).
    diff = recent - previous
    if abs(diff) <= 2 * np.sqrt(recent + previous) or recent + previous < 4:
        return "stable"
    return "up" if diff > 0 else "down"


def _peaks(values: np.ndarray, k: int) -> list[int]:
    order = np.argsort(-values, kind="stable")
    return [int(i) for i in order[:k] if values[i] > 0]


def patrol_focus(
    points,
    *,
    as_of: datetime,
    top: int = 10,
    horizon_days: int = 7,
    cell_size: float = 250.0,
    bandwidth: float = 300.0,
    time_bandwidth_days: float = 28.0,
    recent_days: int = 28,
    tz: str = "Europe/Stockholm",
) -> list[FocusArea]:
    """Rank areas for the period after ``as_of`` by the prospective forecast.

    Parameters
    ----------
    points : incidents in a projected CRS with ``occurred_from``/``occurred_to`` (UTC) and
        ``category``; only those before ``as_of`` are used.
    as_of : start of the coming period (aware datetime).
    top : how many areas.
    horizon_days : length of the coming period (days).
    cell_size : side of a focus area, metres.
    bandwidth : spatial bandwidth of the forecast, metres.
    time_bandwidth_days : how fast old incidents lose weight in the forecast, days.
    recent_days : window for "recent" counts; "previous" is the window before it.
    """
    from hotspots.detect.forecast import ProspectiveForecast
    from hotspots.detect.points import projected_xy
    from hotspots.detect.profile import hour_weekday_profile

    if top < 1:
        raise InputError(msg("focus.bad_top", top=top))
    start = pd.to_datetime(points["occurred_from"], utc=True)
    past = points.loc[(start < pd.Timestamp(as_of)).to_numpy()]
    if past.empty:
        raise InputError(msg("focus.no_points"))
    fc = ProspectiveForecast(
        cell_size=cell_size, bandwidth=bandwidth, time_bandwidth_days=time_bandwidth_days
    ).fit(past, origin=as_of)
    grid, risk = fc.grid_, np.asarray(fc.risk_, dtype=float)
    x, y, crs = projected_xy(past)
    i, j, inside = grid.index(x, y)
    t0n = pd.to_datetime(past["occurred_from"], utc=True).dt.tz_convert(None).to_numpy()
    as_of_utc = pd.Timestamp(as_of).tz_convert("UTC").tz_localize(None)
    recent_from = np.datetime64(as_of_utc - timedelta(days=recent_days))
    prev_from = np.datetime64(as_of_utc - timedelta(days=2 * recent_days))
    order = np.argsort(-np.nan_to_num(risk.ravel(), nan=-np.inf), kind="stable")
    taken = np.zeros(grid.shape, dtype=bool)
    areas: list[FocusArea] = []
    from pyproj import Transformer

    to_wgs = Transformer.from_crs(crs, 4326, always_xy=True)
    for flat in order:
        if len(areas) >= top or not np.isfinite(risk.ravel()[flat]) or risk.ravel()[flat] <= 0:
            break
        jj, ii = divmod(int(flat), grid.nx)
        # one area per peak: skip cells touching an area already chosen
        if taken[max(jj - 1, 0) : jj + 2, max(ii - 1, 0) : ii + 2].any():
            continue
        taken[jj, ii] = True
        here = inside & (i == ii) & (j == jj)
        sel = past.loc[here]
        recent = int(((t0n >= recent_from) & here).sum())
        previous = int(((t0n >= prev_from) & (t0n < recent_from) & here).sum())
        prof = (
            hour_weekday_profile(
                pd.to_datetime(sel["occurred_from"], utc=True),
                pd.to_datetime(sel["occurred_to"], utc=True) if "occurred_to" in sel else None,
                tz=tz,
            )
            if len(sel)
            else np.zeros((7, 24))
        )
        cx = grid.x0 + (ii + 0.5) * grid.cell_size
        cy = grid.y0 + (jj + 0.5) * grid.cell_size
        lon, lat = to_wgs.transform(cx, cy)
        cats = sel["category"].value_counts().head(3) if "category" in sel else pd.Series()
        areas.append(
            FocusArea(
                rank=len(areas) + 1,
                x=float(cx),
                y=float(cy),
                lon=float(lon),
                lat=float(lat),
                size_m=float(grid.cell_size),
                risk=float(risk[jj, ii]),
                recent=recent,
                previous=previous,
                trend=_trend(recent, previous),
                categories={str(k): int(v) for k, v in cats.items()},
                peak_hours=_peaks(prof.sum(axis=0), 3),
                peak_weekdays=_peaks(prof.sum(axis=1), 2),
                profile=np.round(prof, 3).tolist(),
            )
        )
    return areas
