"""CSV export for spreadsheets: UTF-8 with BOM, formulas neutralised (OWASP CSV injection)."""

from __future__ import annotations

import csv
import io
import json
import math
from datetime import datetime

import numpy as np
import pandas as pd

__all__ = ["FORMULA_STARTS", "csv_bytes", "neutralise", "write_csv"]

#: A text cell starting with one of these is taken as a formula by Excel, LibreOffice or
#: Google Sheets (OWASP "CSV Injection"): it gets a leading apostrophe.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: Decimals of lon/lat (about 1 cm); metres get 2.
_DEGREE_DECIMALS = 7


def neutralise(text: str) -> str:
    """``text`` with a leading ``'`` when a spreadsheet would run it as a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _cell(value, tz: str) -> str:
    if value is None:
        return ""
    if isinstance(value, (pd.Timestamp, datetime)):
        if pd.isna(value):
            return ""
        ts = pd.Timestamp(value)
        if ts.tzinfo is not None:
            ts = ts.tz_convert(tz)
        return ts.isoformat(sep=" ")
    if isinstance(value, (bool, np.bool_)):
        return "true" if value else "false"
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    if isinstance(value, (float, np.floating)):
        if not math.isfinite(value):
            return ""
        return repr(float(value)) if float(value) != int(value) else str(int(value))
    if isinstance(value, (dict, list)):
        return neutralise(json.dumps(value, ensure_ascii=False))
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    return neutralise(str(value))


def _with_coordinates(df: pd.DataFrame, crs: int) -> pd.DataFrame:
    """lon/lat rounded to 7 decimals; with a projected ``crs`` also x/y in metres."""
    out = df.copy()
    if "lon" not in out.columns:
        return out
    lon = pd.to_numeric(out["lon"], errors="coerce")
    lat = pd.to_numeric(out["lat"], errors="coerce")
    out["lon"], out["lat"] = lon.round(_DEGREE_DECIMALS), lat.round(_DEGREE_DECIMALS)
    if crs != 4326:
        from pyproj import Transformer

        x, y = Transformer.from_crs(4326, crs, always_xy=True).transform(
            lon.to_numpy(float), lat.to_numpy(float)
        )
        at = out.columns.get_loc("lat") + 1
        out.insert(at, f"y_epsg{crs}", np.round(y, 2))
        out.insert(at, f"x_epsg{crs}", np.round(x, 2))
    return out


def write_csv(
    df: pd.DataFrame,
    target,
    *,
    crs: int = 4326,
    tz: str = "Europe/Stockholm",
    delimiter: str = ",",
) -> None:
    """Write ``df`` as CSV to the text stream ``target`` (no BOM: see :func:`csv_bytes`).

    Times are written in ``tz`` with their offset (``2026-03-02 22:15:00+01:00``); every
    text cell is passed through :func:`neutralise`; dicts (a measure's area) as JSON.
    """
    df = _with_coordinates(df, crs)
    writer = csv.writer(target, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow([neutralise(str(c)) for c in df.columns])
    for values in df.itertuples(index=False, name=None):
        writer.writerow([_cell(v, tz) for v in values])


def csv_bytes(
    df: pd.DataFrame, *, crs: int = 4326, tz: str = "Europe/Stockholm", delimiter: str = ","
) -> bytes:
    """UTF-8 CSV with a byte order mark, so Excel reads å, ä and ö right."""
    buf = io.StringIO()
    write_csv(df, buf, crs=crs, tz=tz, delimiter=delimiter)
    return ("\ufeff" + buf.getvalue()).encode("utf-8")
