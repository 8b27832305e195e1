"""Hotspot areas of a report week and their week-by-week counts.

The areas are the DBSCAN hotspots of the report week *and the four weeks before it* pooled,
so that a place that was hot last month and is quiet now (fading) stays in the table next to
the places that are new this week. Each area's polygon is widened by half the DBSCAN ``eps``
and every incident inside it is counted, week by week: the count means "incidents in this
area", not "members of this cluster".
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import numpy as np
import pandas as pd

__all__ = ["Area", "PATTERN_PRIORITY", "find_areas", "place_name", "week_weights"]

#: Emerging-hotspot patterns in the order an area shows them: when an area covers cells
#: with several patterns, the first in this list names it.
PATTERN_PRIORITY = (
    "intensifying_hot",
    "persistent_hot",
    "consecutive_hot",
    "new_hot",
    "diminishing_hot",
    "sporadic_hot",
    "oscillating_hot",
    "historical_hot",
)


@dataclass
class Area:
    """One hotspot area: its polygon (working CRS) and the incidents inside, by week."""

    polygon: object
    members: np.ndarray  # positions of the incidents inside (into the pooled points)
    weekly: list[float]  # counts per week (aoristic), oldest first; the last is the report week


def week_weights(start, end, first: pd.Timestamp, n_weeks: int) -> np.ndarray:
    """The share of each incident's time that falls in each of ``n_weeks`` weeks from ``first``.

    An incident known to the minute adds 1 to its week. One known only as a window (police
    data often give only the month) is spread over the weeks by the share of the window each
    covers (aoristic weighting, Ratcliffe 2000), so a month-dated crime adds about 7/31 to each
    week of its month instead of all of it to the week of the 1st. Returns ``(n, n_weeks)``.
    """
    s = (
        pd.to_datetime(pd.Series(start), utc=True)
        .to_numpy(dtype="datetime64[ns]")
        .astype(np.int64)
        .astype(float)
    )
    e = s.copy()
    if end is not None:
        stop = pd.to_datetime(pd.Series(end), utc=True).to_numpy(dtype="datetime64[ns]")
        stop = stop.astype(np.int64).astype(float)
        stop[pd.isna(pd.Series(end)).to_numpy()] = np.nan
        e = np.where(np.isfinite(stop) & (stop > s), stop, s)
    week_ns = 7 * 86400 * 1e9
    t0 = float(pd.Timestamp(first).tz_convert("UTC").value)
    edges = t0 + week_ns * np.arange(n_weeks + 1)
    lo, hi = edges[:-1][None, :], edges[1:][None, :]
    span = (e - s)[:, None]
    overlap = np.clip(np.minimum(e[:, None], hi) - np.maximum(s[:, None], lo), 0, None)
    instant = span[:, 0] <= 0
    out = np.where(span > 0, overlap / np.where(span > 0, span, 1.0), 0.0)
    if instant.any():
        idx = np.floor((s[instant] - t0) / week_ns).astype(np.int64)
        rows = np.flatnonzero(instant)
        ok = (idx >= 0) & (idx < n_weeks)
        out[rows[ok], idx[ok]] = 1.0
    out[~np.isfinite(s)] = 0.0
    return out


def find_areas(points, weights: np.ndarray, *, eps: float, min_samples: int, tz: str) -> list[Area]:
    """DBSCAN areas of ``points`` (projected) with their week-by-week counts.

    Parameters
    ----------
    points
        GeoDataFrame in a metric CRS with ``category`` and ``occurred_from``.
    weights
        ``(n, n_weeks)``: each point's share in each week (:func:`week_weights`).
    """
    from hotspots.detect.dbscan import DBSCANHotspots

    if len(points) < min_samples:
        return []
    fitted = DBSCANHotspots(eps=eps, min_samples=min_samples, hull="concave", tz=tz).fit(points)
    hotspots = fitted.hotspots_
    if len(hotspots) == 0:
        return []
    import geopandas as gpd

    zones = gpd.GeoDataFrame(geometry=hotspots.geometry.buffer(eps / 2), crs=points.crs)
    pts = gpd.GeoDataFrame(geometry=points.geometry.reset_index(drop=True), crs=points.crs)
    hits = gpd.sjoin(pts, zones, predicate="within", how="inner")
    areas = []
    for zone, group in hits.groupby("index_right"):
        members = np.unique(group.index.to_numpy())
        weekly = weights[members].sum(axis=0)
        areas.append(Area(zones.geometry.iloc[zone], members, [float(c) for c in weekly]))
    return areas


_NUMBER = re.compile(r"\s*\d+\s*[A-Za-z]?\s*(,.*)?$")
#: Words some sources put before a street ("On or near High Street": police.uk's anonymised
#: locations; "vid", "nära" in Swedish free text).
_NEAR = re.compile(r"^\s*(on or near|near|vid|nära|i höjd med)\s+", re.IGNORECASE)


def _street(address: object) -> str | None:
    if not isinstance(address, str) or not address.strip():
        return None
    street = _NUMBER.sub("", _NEAR.sub("", address.split(",")[0])).strip()
    return street or None


_DIRECTIONS = {
    "sv": ("N", "NO", "O", "SO", "S", "SV", "V", "NV"),
    "en": ("N", "NE", "E", "SE", "S", "SW", "W", "NW"),
}


def place_name(
    centre_lonlat: tuple[float, float],
    *,
    addresses: list,
    walk_areas: list,
    localities: list,
    lang: str = "sv",
) -> str:
    """A name a leadership group recognises for a hotspot.

    The most common street among the incidents' addresses; else the most common area name
    of the walks whose observations lie there; else the nearest locality with the direction
    and distance from its centre ("Höör, 400 m SO"); else the coordinates.
    """
    streets = Counter(s for s in map(_street, addresses) if s)
    if streets:
        return streets.most_common(1)[0][0]
    names = Counter(a.strip() for a in walk_areas if isinstance(a, str) and a.strip())
    if names:
        return names.most_common(1)[0][0]
    lon, lat = centre_lonlat
    if localities:
        from pyproj import Geod

        geod = Geod(ellps="GRS80")
        best = None
        for loc in localities:
            azimuth, _, dist = geod.inv(loc.lon, loc.lat, lon, lat)
            if best is None or dist < best[0]:
                best = (dist, azimuth, loc.name)
        dist, azimuth, name = best
        if dist < 150:
            return name
        if dist < 5000:
            sector = _DIRECTIONS["en" if lang == "en" else "sv"][
                int(((azimuth % 360) + 22.5) // 45) % 8
            ]
            metres = int(round(dist, -2)) if dist < 1000 else None
            far = (
                f"{metres} m"
                if metres
                else f"{dist / 1000:.1f} km".replace(".", "," if lang != "en" else ".")
            )
            return f"{name}, {far} {sector}"
    return f"{lat:.4f}, {lon:.4f}"
