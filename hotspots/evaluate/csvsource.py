"""Read any CSV of incidents (and a study-area polygon) as projected points for evaluation.

Columns are named by header (``--time-column Date``) or by position, 1-based
(``--time-column 2``); without names the time, lon/lat or x/y columns are recognised from
the header as on import (``Date``, ``month``, ``Latitude``, ``Longitude``...).

* Times go through the import's date parser: US ``04/27/2016 01:44:00 PM`` (AM/PM means
  month first), ISO, Swedish; a month (``2018-01``) is a window over that month (month-only
  data, see :mod:`hotspots.evaluate.rolling`). Local times are in ``timezone``.
* lon/lat columns (WGS84 degrees) are projected to ``crs`` when given, else to the UTM zone
  of the data (``estimate_utm_crs()``); x/y columns need ``crs``: the CRS they are in.
* A header with more (or fewer) names than the rows have fields does not line up with the
  data: by names the read stops with that message, by positions the header is skipped and
  the fields are read by position. ``header=False`` reads a file without a header line.
* Plain or gzip files, delimiter ``,`` ``;`` or tab, encoding as on import. Rows without a
  readable time or coordinates are left out and counted in the notes.
"""

from __future__ import annotations

import csv
import os
from collections import Counter
from itertools import islice

import numpy as np
import pandas as pd

from hotspots.errors import InputError
from hotspots.i18n import msg

__all__ = ["parse_crs", "read_incidents", "read_study_area"]

_SAMPLE_CHARS = 1 << 16
_SAMPLE_RECORDS = 200


def parse_crs(value):
    """A ``pyproj.CRS`` from ``EPSG:3006``, ``3006`` or any pyproj text; None stays None."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    from pyproj import CRS
    from pyproj.exceptions import CRSError

    try:
        return CRS.from_user_input(int(value) if str(value).strip().isdigit() else value)
    except CRSError:
        raise InputError(msg("evaluate.bad_crs", value=value)) from None


def _sample(path) -> tuple[str, list[list[str]], str]:
    from hotspots.ingest.csv_reader import detect_delimiter
    from hotspots.ingest.sniff import open_text

    stream, encoding = open_text(path)
    with stream:
        text = stream.read(_SAMPLE_CHARS)
        more = stream.read(1)
    lines = text.splitlines(keepends=True)
    if more and len(lines) > 1:
        lines = lines[:-1]  # cut by the sample's end
    delimiter = detect_delimiter("".join(lines))
    try:
        records = [r for r in islice(csv.reader(lines, delimiter=delimiter),
                                     _SAMPLE_RECORDS) if r]
    except csv.Error as exc:
        raise InputError(msg("evaluate.csv_unreadable", file=path, detail=exc)) from None
    if not records:
        raise InputError(msg("evaluate.csv_empty", file=path))
    return delimiter, records, encoding


def _position(spec: str, header: list[str] | None, width: int, path) -> int:
    """0-based column of a header name or a 1-based number."""
    spec = str(spec).strip()
    if header is not None:
        if spec in header:
            return header.index(spec)
        folded = [h.strip().casefold() for h in header]
        if spec.casefold() in folded:
            return folded.index(spec.casefold())
    if spec.isdigit():
        pos = int(spec)
        if 1 <= pos <= width:
            return pos - 1
        raise InputError(msg("evaluate.column_out_of_range", column=spec, width=width))
    found = ", ".join(repr(h) for h in header or []) or "-"
    raise InputError(msg("evaluate.column_not_found", column=spec, file=os.fspath(path),
                         found=found))


def _recognised(header: list[str] | None) -> dict[str, int]:
    if header is None:
        return {}
    from hotspots.ingest.columns import match_columns

    return match_columns(header).positions


def read_incidents(
    path: str | os.PathLike,
    *,
    time_column: str | None = None,
    x_column: str | None = None,
    y_column: str | None = None,
    lon_column: str | None = None,
    lat_column: str | None = None,
    crs=None,
    header: bool = True,
    timezone: str = "Europe/Stockholm",
    dayfirst: bool | None = None,
):
    """Incidents of a CSV file as points in a projected CRS (metres).

    Parameters
    ----------
    path
        CSV file, plain or gzip.
    time_column, x_column, y_column, lon_column, lat_column
        Header names or 1-based column numbers; None: recognised from the header.
        Give x/y (with ``crs``) or lon/lat (WGS84 degrees).
    crs
        x/y: their CRS (required). lon/lat: the metric CRS to project to; None takes the
        UTM zone of the data.
    header
        Whether the first line is a header.
    timezone
        IANA time zone of local times in the file.
    dayfirst
        Order of numeric dates; None: day first unless AM/PM (then US month first).

    Returns
    -------
    points : geopandas.GeoDataFrame
        ``occurred_from``, ``occurred_to`` (UTC; ``occurred_to`` NaT for instants), the
        source ``line`` and point geometry in the projected CRS, in file order.
    notes : list of str
        What was adjusted or left out, in the user's language.
    """
    import geopandas as gpd

    from hotspots.ingest.dates import parse_when
    from hotspots.ingest.numbers import parse_decimal

    notes: list[str] = []
    delimiter, records, encoding = _sample(path)
    head = records[0] if header else None
    data = records[1:] if header else records
    width = Counter(len(r) for r in data).most_common(1)[0][0] if data else len(records[0])
    given = [c for c in (time_column, x_column, y_column, lon_column, lat_column) if c]
    by_position = all(str(c).strip().isdigit() for c in given) and len(given) >= 3
    if head is not None and data and width != len(head):
        if not by_position:
            raise InputError(msg("evaluate.header_mismatch", file=os.fspath(path),
                                 header=len(head), fields=width))
        notes.append(msg("evaluate.header_skipped", header=len(head), fields=width))
        head = None
    elif head is None and not by_position:
        raise InputError(msg("evaluate.no_header_needs_numbers"))

    auto = _recognised(head)
    pos: dict[str, int] = {}
    for field, spec, keys in (
        ("time", time_column, ("datetime", "date", "occurred_from")),
        ("lon", lon_column, ("lon",)), ("lat", lat_column, ("lat",)),
        ("x", x_column, ("x",)), ("y", y_column, ("y",)),
    ):
        if spec:
            pos[field] = _position(spec, head, width, path)
        elif not given or field == "time":
            hit = next((auto[k] for k in keys if k in auto), None)
            if hit is not None:
                pos[field] = hit
    if "time" not in pos:
        raise InputError(msg("evaluate.need_time_column"))
    if {"x", "y"} <= pos.keys() and not {"lon", "lat"} <= pos.keys():
        mode = "xy"
    elif {"lon", "lat"} <= pos.keys():
        mode = "lonlat"
    else:
        raise InputError(msg("evaluate.need_coordinate_columns"))
    target = parse_crs(crs)
    if mode == "xy" and target is None:
        raise InputError(msg("evaluate.xy_needs_crs"))
    if target is not None and not target.is_projected:
        raise InputError(msg("evaluate.crs_not_projected", crs=target.name))

    cols = {"time": pos["time"], "a": pos["x" if mode == "xy" else "lon"],
            "b": pos["y" if mode == "xy" else "lat"]}
    frame, skipped = _read_columns(path, encoding, delimiter, cols,
                                   skip_header=header)
    if skipped:
        notes.append(msg("evaluate.rows_wrong_width", n=skipped, fields=width))
    when = parse_when(datetime=frame["time"], tz=timezone, dayfirst=dayfirst)
    a, bad_a = parse_decimal(frame["a"])
    b, bad_b = parse_decimal(frame["b"])
    if mode == "lonlat":
        zero = (a == 0) & (b == 0)
        a, b = a.mask(zero), b.mask(zero)
        sane = a.isna() | b.isna() | ((a.abs() <= 180) & (b.abs() <= 90))
        if not sane.all():
            raise InputError(msg("evaluate.lonlat_out_of_range", n=int((~sane).sum())))
    no_time = when.start.isna()
    no_xy = a.isna() | b.isna()
    if no_time.any():
        first = when.error[no_time].dropna()
        notes.append(msg("evaluate.rows_no_time", n=int(no_time.sum()),
                         example=first.iloc[0] if len(first) else ""))
    if (no_xy & ~no_time).any():
        notes.append(msg("evaluate.rows_no_coordinates", n=int((no_xy & ~no_time).sum())))
    keep = (~no_time & ~no_xy).to_numpy()
    if not keep.any():
        raise InputError(msg("evaluate.no_usable_rows", file=os.fspath(path)))
    source_crs = 4326 if mode == "lonlat" else target
    points = gpd.GeoDataFrame(
        {"line": frame["line"].to_numpy()[keep],
         "occurred_from": when.start.to_numpy()[keep],
         "occurred_to": when.end.to_numpy()[keep]},
        geometry=gpd.points_from_xy(a.to_numpy()[keep], b.to_numpy()[keep]),
        crs=source_crs,
    )
    for c in ("occurred_from", "occurred_to"):
        points[c] = pd.to_datetime(points[c], utc=True)
    if mode == "lonlat":
        target = target or _utm_zone(points)
        points = points.to_crs(target)
        notes.append(msg("evaluate.projected_to", crs=f"{target.name} ({_code(target)})"))
    return points, notes


def _utm_zone(points):
    """The UTM zone of the median point: a few stray points must not pick the zone."""
    import geopandas as gpd

    lon, lat = float(np.median(points.geometry.x)), float(np.median(points.geometry.y))
    return gpd.GeoSeries(gpd.points_from_xy([lon], [lat]), crs=4326).estimate_utm_crs()


def _code(crs) -> str:
    epsg = crs.to_epsg()
    return f"EPSG:{epsg}" if epsg else crs.name


def _read_columns(path, encoding: str, delimiter: str, cols: dict[str, int], *,
                  skip_header: bool) -> tuple[pd.DataFrame, int]:
    """The chosen columns as text, the file line of each row, and rows left out."""
    from hotspots.ingest.sniff import open_text

    # Count the records and the line each starts on: pandas' C parser cannot say which
    # rows it skipped as too wide or too narrow.
    stream, _ = open_text(path, encoding)
    with stream:
        reader = csv.reader(stream, delimiter=delimiter)
        if skip_header:
            next(reader, None)
        need = max(cols.values()) + 1
        keep_lines, values, skipped = [], {k: [] for k in cols}, 0
        start = reader.line_num + 1
        for rec in reader:
            if not rec:
                start = reader.line_num + 1
                continue
            if len(rec) < need:
                skipped += 1
            else:
                keep_lines.append(start)
                for k, p in cols.items():
                    v = rec[p].strip()
                    values[k].append(v or None)
            start = reader.line_num + 1
    frame = pd.DataFrame({"line": np.asarray(keep_lines, dtype=np.int64),
                          **{k: pd.Series(v, dtype=object) for k, v in values.items()}})
    return frame, skipped


def read_study_area(path: str | os.PathLike, *, crs=None):
    """A study-area polygon file (shapefile, GeoPackage, GeoJSON) as a GeoDataFrame.

    Parameters
    ----------
    path
        The file (anything geopandas reads).
    crs
        The CRS of a file that has none (a shapefile with an empty ``.prj``). A file that
        states a different CRS is an error, not silently relabelled.

    Returns
    -------
    geopandas.GeoDataFrame
        Its polygons, with a CRS.
    """
    import geopandas as gpd

    if not os.path.exists(path):
        raise InputError(msg("input.file_not_found", file=os.fspath(path)))
    try:
        area = gpd.read_file(path)
    except Exception as exc:  # noqa: BLE001 - GDAL's errors have no common base
        raise InputError(msg("evaluate.area_unreadable", file=os.fspath(path),
                             detail=str(exc).splitlines()[0])) from None
    given = parse_crs(crs)
    if area.crs is None:
        if given is None:
            raise InputError(msg("evaluate.area_needs_crs", file=os.fspath(path)))
        area = area.set_crs(given)
    elif given is not None and not area.crs.equals(given):
        raise InputError(msg("evaluate.area_crs_conflict", file=os.fspath(path),
                             has=_code(area.crs), given=_code(given)))
    area = area[~area.geometry.is_empty & area.geometry.notna()]
    if len(area) == 0 or not area.geom_type.isin(["Polygon", "MultiPolygon"]).all():
        raise InputError(msg("evaluate.area_not_polygons", file=os.fspath(path)))
    return area

