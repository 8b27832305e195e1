"""Reader for GeoJSON FeatureCollections of points (properties named like CSV headers)."""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from pathlib import Path

import pandas as pd

from hotspots.errors import InputError
from hotspots.i18n import msg
from hotspots.ingest.columns import match_columns, require_columns
from hotspots.ingest.raw import RowError, SourceInfo
from hotspots.ingest.sniff import open_text

__all__ = ["read_geojson"]


def _text(v) -> str | None:
    if v is None:
        return None
    if isinstance(v, float) and not math.isfinite(v):
        return "nan"
    if isinstance(v, (dict, list)):
        return json.dumps(v, ensure_ascii=False)
    return str(v)


def read_geojson(
    path: str | Path, *, column_map: dict[str, str] | None = None, chunk_rows: int = 50_000
) -> tuple[SourceInfo, Iterator[pd.DataFrame]]:
    """Read a FeatureCollection: one row per feature, ``line`` = feature position (1-based).

    Point coordinates become ``lon``/``lat`` text; features without a geometry keep
    their properties (an address property can still be geocoded); other geometry types
    are rejected per row. The whole file is parsed at once (GeoJSON has no streaming
    form); files of point features stay small compared with CSV exports.
    """
    path = Path(path)
    fh, encoding = open_text(path)
    with fh:
        try:
            doc = json.load(fh)
        except json.JSONDecodeError as exc:
            raise InputError(
                msg("geojson.invalid", file=path, detail=exc.msg, line=exc.lineno)
            ) from None
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection":
        raise InputError(msg("geojson.not_collection", file=path))
    features = doc.get("features")
    if not isinstance(features, list):
        raise InputError(msg("geojson.no_features_list", file=path))
    if not features:
        raise InputError(msg("geojson.no_features", file=path))
    crs_name = ((doc.get("crs") or {}).get("properties") or {}).get("name", "")
    headers: list[str] = []
    seen: set[str] = set()
    for f in features[:1000]:
        for k in (f or {}).get("properties") or {}:
            if k not in seen:
                seen.add(k)
                headers.append(k)
    match = match_columns(headers, column_map=column_map, source=str(path))
    columns = dict(match.columns)
    # geometry gives the location unless properties already name coordinates
    geometry_coords = not ({"lat", "lon"} <= set(columns) or {"x", "y"} <= set(columns))
    info_cols = dict(columns)
    if geometry_coords:
        roles = (
            ("x", "y")
            if crs_name and "4326" not in crs_name and "CRS84" not in crs_name
            else ("lon", "lat")
        )
        info_cols.update({roles[0]: "geometry", roles[1]: "geometry"})
    require_columns(info_cols, headers + ["geometry"], source=str(path))
    info = SourceInfo(
        format="geojson", encoding=encoding, columns=info_cols, unmapped=match.unmapped
    )
    if crs_name:
        info.warnings.append(msg("geojson.declared_crs", crs=crs_name))

    def chunks() -> Iterator[pd.DataFrame]:
        rows: list[dict] = []
        for pos, feat in enumerate(features, 1):
            if not isinstance(feat, dict) or feat.get("type") != "Feature":
                info.row_errors.append(RowError(pos, None, msg("geojson.not_feature")))
                continue
            props = feat.get("properties") or {}
            row = {"line": pos}
            for field, header in columns.items():
                row[field] = _text(props.get(header))
            geom = feat.get("geometry")
            if geometry_coords:
                a, b = roles
                if geom is None:
                    row[a] = row[b] = None
                elif geom.get("type") != "Point":
                    info.row_errors.append(
                        RowError(pos, "geometry", msg("geojson.not_point", kind=geom.get("type")))
                    )
                    continue
                else:
                    c = geom.get("coordinates") or []
                    if len(c) < 2:
                        info.row_errors.append(
                            RowError(pos, "geometry", msg("geojson.point_without_coordinates"))
                        )
                        continue
                    row[a], row[b] = _text(c[0]), _text(c[1])
            rows.append(row)
            if len(rows) >= chunk_rows:
                yield _frame(rows)
                rows = []
        if rows:
            yield _frame(rows)

    return info, chunks()


def _frame(rows: list[dict]) -> pd.DataFrame:
    df = pd.DataFrame(rows)
    for c in df.columns:
        if c != "line":
            df[c] = df[c].astype(object).where(df[c].notna(), None)
    df["line"] = df["line"].astype("int64")
    return df
