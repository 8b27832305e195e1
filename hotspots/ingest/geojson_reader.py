"""Reader for GeoJSON FeatureCollections of points (properties named like CSV headers)."""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from pathlib import Path

import ijson
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


#: Features whose property names make the header (the rest are read with the same columns).
_HEADER_FEATURES = 1000
#: A file up to this size (bytes) with a syntax error is parsed again by ``json`` for the line.
_LINE_LOOKUP_BYTES = 50 << 20


class _Utf8:
    """The decoded text stream as UTF-8 bytes, for ijson (the file may be in any encoding)."""

    def __init__(self, text):
        self.text = text

    def read(self, n: int = -1) -> bytes:
        return self.text.read(n).encode("utf-8")


def _invalid(path: Path, exc: Exception) -> InputError:
    """One line for a syntax error: with the line number from ``json`` where affordable."""
    if path.stat().st_size <= _LINE_LOOKUP_BYTES:
        fh, _ = open_text(path)
        with fh:
            try:
                json.loads(fh.read())
            except json.JSONDecodeError as err:
                return InputError(
                    msg("geojson.invalid", file=path, detail=err.msg, line=err.lineno)
                )
    detail = " ".join(str(exc).split())[:200]
    return InputError(msg("geojson.invalid_streamed", file=path, detail=detail))


def _scan(path: Path) -> tuple[str, str | None, str, list[str], int]:
    """The encoding, the document's ``type``, its CRS name, the property names and features.

    Reads as far as it must: the property names of the first :data:`_HEADER_FEATURES`
    features and the ``type`` member (a ``crs`` member after them is not seen: the
    coordinates themselves are checked later). Returns ``features`` -1 when the document has
    no ``features`` list.
    """
    fh, encoding = open_text(path)
    kind, crs_name, headers, seen, n, listed = None, "", [], set(), 0, False
    with fh:
        try:
            for prefix, event, value in ijson.parse(_Utf8(fh), use_float=True):
                if prefix == "type" and event == "string":
                    kind = value
                elif prefix == "crs.properties.name" and event == "string":
                    crs_name = value
                elif prefix == "features" and event == "start_array":
                    listed = True
                elif prefix == "features.item" and event == "start_map":
                    n += 1
                elif (
                    prefix == "features.item.properties"
                    and event == "map_key"
                    and n <= _HEADER_FEATURES
                    and value not in seen
                ):
                    seen.add(value)
                    headers.append(value)
                if n > _HEADER_FEATURES and kind is not None:
                    break
        except ijson.JSONError as exc:
            raise _invalid(path, exc) from None
    return encoding, kind, crs_name, headers, n if listed else -1


def read_geojson(
    path: str | Path, *, column_map: dict[str, str] | None = None, chunk_rows: int = 50_000
) -> tuple[SourceInfo, Iterator[pd.DataFrame]]:
    """Read a FeatureCollection: one row per feature, ``line`` = feature position (1-based).

    Point coordinates become ``lon``/``lat`` text; features without a geometry keep
    their properties (an address property can still be geocoded); other geometry types
    are rejected per row. The file is streamed (ijson): a first pass reads the property
    names of the first features, the second yields ``chunk_rows`` features at a time, so
    memory does not grow with the file.
    """
    path = Path(path)
    encoding, kind, crs_name, headers, n_features = _scan(path)
    if kind != "FeatureCollection":
        raise InputError(msg("geojson.not_collection", file=path))
    if n_features < 0:
        raise InputError(msg("geojson.no_features_list", file=path))
    if n_features == 0:
        raise InputError(msg("geojson.no_features", file=path))
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

    def features() -> Iterator[object]:
        fh, _ = open_text(path, encoding)
        with fh:
            try:
                yield from ijson.items(_Utf8(fh), "features.item", use_float=True)
            except ijson.JSONError as exc:
                raise _invalid(path, exc) from None

    def chunks() -> Iterator[pd.DataFrame]:
        rows: list[dict] = []
        for pos, feat in enumerate(features(), 1):
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
