"""Load incidents from the store as projected points for detection."""

from __future__ import annotations

from datetime import datetime

import geopandas as gpd

from hotspots.domain import PRECISION_RANK, Precision

__all__ = ["load_points"]


def load_points(
    store,
    *,
    start: datetime | None = None,
    end: datetime | None = None,
    categories: list[str] | None = None,
    kind: str = "incident",
    bbox: tuple[float, float, float, float] | None = None,
    min_precision: str = Precision.STREET.value,
    crs: int = 3006,
) -> gpd.GeoDataFrame:
    """Records with a point at ``min_precision`` or better, projected to ``crs`` (metres).

    Coarser points (locality, kommun centroids such as every polisen.se event) are left out
    by default: drawn as points they would make a fake hotspot on a centroid.
    """
    best = PRECISION_RANK[Precision(min_precision)]
    allowed = [p.value for p in Precision if PRECISION_RANK[p] <= best and p != Precision.FAILED]
    df = store.records(
        kind, bbox=bbox, start=start, end=end, categories=categories, precisions=allowed,
        columns=("id", "source", "external_id", "category", "occurred_from", "occurred_to",
                 "lon", "lat", "precision"),
    )
    df = df.dropna(subset=["lon", "lat"])
    gdf = gpd.GeoDataFrame(df, geometry=gpd.points_from_xy(df["lon"], df["lat"]), crs=4326)
    return gdf.to_crs(crs)
