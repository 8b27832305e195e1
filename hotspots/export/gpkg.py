"""GeoPackage export in a chosen CRS (SWEREF 99 TM, SWEREF 99 13 30 or WGS84)."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pandas as pd

__all__ = ["gpkg_bytes", "to_geodataframe", "write_gpkg"]


def _columns_for_gdal(df: pd.DataFrame) -> pd.DataFrame:
    """Values GDAL can store: dicts/lists as JSON text, nullable ints as floats."""
    out = df.copy()
    for c in out.columns:
        s = out[c]
        if s.dtype == object:
            if s.map(lambda v: isinstance(v, (dict, list))).any():
                out[c] = s.map(
                    lambda v: (
                        json.dumps(v, ensure_ascii=False) if isinstance(v, (dict, list)) else v
                    )
                )
        elif str(s.dtype) in ("Int64", "Int32", "boolean"):
            out[c] = s.astype("float64") if str(s.dtype) != "boolean" else s.astype(object)
    return out


def to_geodataframe(df: pd.DataFrame, *, crs: int = 4326, areas: bool = False):
    """``df`` as a GeoDataFrame in EPSG ``crs``.

    The geometry is the point ``lon``/``lat`` (None where missing); with ``areas`` it is
    the ``area_geojson`` polygon of each row instead (rows without one are left out).
    """
    import geopandas as gpd
    from shapely.geometry import MultiPolygon, Point, shape

    data = _columns_for_gdal(df.drop(columns=["area_geojson"], errors="ignore"))
    if areas:
        keep = df["area_geojson"].map(lambda v: isinstance(v, dict))
        geoms = []
        for v in df.loc[keep, "area_geojson"]:
            g = shape(v)
            geoms.append(MultiPolygon([g]) if g.geom_type == "Polygon" else g)
        gdf = gpd.GeoDataFrame(data.loc[keep.to_numpy()], geometry=geoms, crs=4326)
    else:
        lon = pd.to_numeric(df["lon"], errors="coerce")
        lat = pd.to_numeric(df["lat"], errors="coerce")
        geoms = [
            None if pd.isna(x) or pd.isna(y) else Point(float(x), float(y))
            for x, y in zip(lon, lat, strict=True)
        ]
        gdf = gpd.GeoDataFrame(data, geometry=gpd.GeoSeries(geoms, crs=4326), crs=4326)
    return gdf.to_crs(crs) if crs != 4326 else gdf


def write_gpkg(df: pd.DataFrame, path: str | Path, *, layer: str, crs: int = 3006) -> None:
    """Write ``df`` as layer ``layer`` of a GeoPackage at ``path`` in EPSG ``crs``.

    Measures with an area get a second layer ``<layer>_areas`` with their polygons.
    """
    path = Path(path)
    gdf = to_geodataframe(df, crs=crs)
    gdf.to_file(path, layer=layer, driver="GPKG", engine="pyogrio")
    if "area_geojson" in df.columns and df["area_geojson"].map(lambda v: isinstance(v, dict)).any():
        to_geodataframe(df, crs=crs, areas=True).to_file(
            path, layer=f"{layer}_areas", driver="GPKG", engine="pyogrio", mode="a"
        )


def gpkg_bytes(df: pd.DataFrame, *, layer: str, crs: int = 3006) -> bytes:
    """The bytes of a GeoPackage holding ``df`` (see :func:`write_gpkg`)."""
    with tempfile.TemporaryDirectory(prefix="hotspots-gpkg-") as tmp:
        path = Path(tmp) / f"{layer}.gpkg"
        write_gpkg(df, path, layer=layer, crs=crs)
        return path.read_bytes()
