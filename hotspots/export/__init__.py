"""Exports of the record layers: GeoJSON (RFC 7946), GeoPackage and CSV.

The CLI and the API share these: :func:`layer_frame` reads a layer (incidents,
observations or measures) with filters, :func:`render` turns it into the bytes of one
format, :func:`export_layer` does both.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import pandas as pd

from hotspots.errors import InputError
from hotspots.i18n import msg

__all__ = [
    "EXPORT_CRS",
    "FORMATS",
    "LAYERS",
    "MEDIA_TYPES",
    "check_crs",
    "export_layer",
    "layer_frame",
    "render",
]

#: Layer name -> record kind.
LAYERS = {"incidents": "incident", "observations": "observation", "measures": "measure"}
FORMATS = ("geojson", "gpkg", "csv")
#: Target CRSs of GeoPackage and CSV exports: SWEREF 99 TM, SWEREF 99 13 30, WGS84.
EXPORT_CRS = (3006, 3008, 4326)
#: Default CRS per format (GeoJSON is always WGS84 lon/lat, RFC 7946).
DEFAULT_CRS = {"geojson": 4326, "gpkg": 3006, "csv": 4326}
MEDIA_TYPES = {
    "geojson": "application/geo+json",
    "gpkg": "application/geopackage+sqlite3",
    "csv": "text/csv; charset=utf-8",
}


def check_crs(fmt: str, crs: int | None) -> int:
    """The target CRS of an export in ``fmt`` (default when None), or an InputError."""
    if fmt not in FORMATS:
        raise InputError(msg("exports.bad_format", value=fmt, allowed=", ".join(FORMATS)))
    if crs is None:
        return DEFAULT_CRS[fmt]
    if fmt == "geojson" and crs != 4326:
        raise InputError(msg("exports.geojson_crs", value=crs))
    if crs not in EXPORT_CRS:
        raise InputError(
            msg("exports.bad_crs", value=crs, allowed=", ".join(str(c) for c in EXPORT_CRS))
        )
    return crs


def layer_frame(
    store,
    layer: str,
    *,
    start: datetime | None = None,
    end: datetime | None = None,
    categories: Sequence[str] | None = None,
    bbox: tuple[float, float, float, float] | None = None,
    include_sensitive: bool = True,
    catalogue=None,
) -> pd.DataFrame:
    """The records of one layer as a DataFrame (lon/lat WGS84, times aware UTC).

    Parameters
    ----------
    layer
        ``incidents``, ``observations`` or ``measures``.
    start, end
        ``[start, end)`` on the time of the record; for measures, those in effect in the
        window (from ``starts_on`` or ``decided_on`` to ``ends_on``).
    categories
        Category codes (measure codes for measures).
    bbox
        West, south, east, north in lon/lat.
    include_sensitive
        False leaves out the catalogue's sensitive categories (below analyst).
    """
    from hotspots.store.records import export_frame

    if layer not in LAYERS:
        raise InputError(msg("exports.bad_layer", value=layer, allowed=", ".join(LAYERS)))
    kind = LAYERS[layer]
    if kind == "measure":
        return _measures(store, start=start, end=end, measures=categories, bbox=bbox)
    exclude = None
    if not include_sensitive:
        from hotspots.catalogue import load_catalogue

        exclude = sorted((catalogue or load_catalogue()).sensitive_codes())
    return export_frame(
        store,
        kind,
        start=start,
        end=end,
        categories=categories,
        exclude_categories=exclude,
        bbox=bbox,
    )


def _measures(store, *, start, end, measures, bbox) -> pd.DataFrame:
    df = store.measures(bbox=bbox)
    if measures:
        df = df.loc[df["measure"].isin(list(measures))]
    begins = df["starts_on"].fillna(df["decided_on"])
    if end is not None:
        df = df.loc[begins.isna() | (begins < pd.Timestamp(end))]
    if start is not None:
        df = df.loc[df["ends_on"].isna() | (df["ends_on"] >= pd.Timestamp(start))]
    return df.reset_index(drop=True)


def render(
    df: pd.DataFrame,
    layer: str,
    fmt: str,
    *,
    crs: int | None = None,
    tz: str = "Europe/Stockholm",
) -> bytes:
    """The bytes of ``df`` (a :func:`layer_frame`) in ``fmt``.

    ``crs`` is the target CRS of GeoPackage (default 3006) and CSV (4326: lon/lat only;
    3006/3008 add x/y in metres); GeoJSON is always lon/lat. ``tz`` is the time zone of
    the CSV's times (GeoJSON and GeoPackage keep UTC).
    """
    crs = check_crs(fmt, crs)
    if fmt == "geojson":
        from hotspots.export.geojson import geojson_bytes

        return geojson_bytes(df)
    if fmt == "gpkg":
        from hotspots.export.gpkg import gpkg_bytes

        return gpkg_bytes(df, layer=layer, crs=crs)
    from hotspots.export.csv import csv_bytes

    return csv_bytes(df, crs=crs, tz=tz)


def export_layer(
    store,
    layer: str,
    fmt: str,
    *,
    crs: int | None = None,
    tz: str = "Europe/Stockholm",
    **filters,
) -> tuple[bytes, int]:
    """One layer exported in ``fmt``: ``(bytes, number of records)``.

    ``filters`` are those of :func:`layer_frame`.
    """
    crs = check_crs(fmt, crs)
    df = layer_frame(store, layer, **filters)
    return render(df, layer, fmt, crs=crs, tz=tz), len(df)
