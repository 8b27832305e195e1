"""GeoJSON export (RFC 7946): WGS84 lon/lat, no ``crs`` member, at most 7 decimals."""

from __future__ import annotations

import json
import math
from datetime import date, datetime

import numpy as np
import pandas as pd

__all__ = ["DECIMALS", "feature_collection", "geojson_bytes", "json_value"]

#: Decimals of a coordinate: 7 is about 1 cm, more is noise (RFC 7946 section 11.2).
DECIMALS = 7


def json_value(value):
    """A cell as a JSON value: NaN/NaT -> None, times -> ISO 8601 (UTC ``Z``)."""
    if value is None:
        return None
    if isinstance(value, (dict, list, str, bool)):
        return value
    if isinstance(value, (pd.Timestamp, datetime)):
        if pd.isna(value):
            return None
        ts = pd.Timestamp(value)
        if ts.tzinfo is not None:
            ts = ts.tz_convert("UTC")
            return ts.isoformat().replace("+00:00", "Z")
        return ts.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, (np.integer, int)):
        return int(value)
    if isinstance(value, (np.floating, float)):
        return None if not math.isfinite(value) else float(value)
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return str(value)


def _round(coords):
    if isinstance(coords, (int, float)):
        return round(float(coords), DECIMALS)
    return [_round(c) for c in coords]


def _geometry(row: dict, use_area: bool) -> dict | None:
    area = row.get("area_geojson") if use_area else None
    if isinstance(area, dict) and area.get("coordinates"):
        return {"type": area["type"], "coordinates": _round(area["coordinates"])}
    lon, lat = row.get("lon"), row.get("lat")
    if lon is None or lat is None:
        return None
    return {"type": "Point", "coordinates": [round(lon, DECIMALS), round(lat, DECIMALS)]}


def feature_collection(df: pd.DataFrame) -> dict:
    """``df`` (with ``lon``/``lat``, optionally ``area_geojson``) as a FeatureCollection.

    The geometry is the area when a row has one (measures), else the point; a row without
    either has ``"geometry": null``. Each feature's ``id`` is the row's ``id``; the other
    columns are its properties (the point's ``lon``/``lat`` are not repeated there).
    """
    use_area = "area_geojson" in df.columns
    features = []
    columns = list(df.columns)
    for values in df.itertuples(index=False, name=None):
        row = {c: json_value(v) for c, v in zip(columns, values, strict=True)}
        geometry = _geometry(row, use_area)
        drop = {"area_geojson"} if use_area else set()
        if geometry is None or geometry["type"] == "Point":
            drop |= {"lon", "lat"}
        props = {k: v for k, v in row.items() if k not in drop}
        feature: dict = {"type": "Feature"}
        if row.get("id") is not None:
            feature["id"] = row["id"]
        feature["geometry"] = geometry
        feature["properties"] = props
        features.append(feature)
    return {"type": "FeatureCollection", "features": features}


def geojson_bytes(df: pd.DataFrame) -> bytes:
    """UTF-8 GeoJSON of ``df`` (see :func:`feature_collection`)."""
    return json.dumps(
        feature_collection(df), ensure_ascii=False, separators=(",", ":"), allow_nan=False
    ).encode("utf-8")
