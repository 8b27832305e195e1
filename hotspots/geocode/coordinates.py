"""Read coordinate columns of an import file as WGS84 lon/lat, detecting and reporting the CRS.

Supported: WGS 84 degrees (EPSG:4326), SWEREF 99 TM (3006), the local SWEREF 99 zones
(3007-3018; the installation's zone when detected from values) and RT 90 2.5 gon V (3021).
Any other EPSG code pyproj knows can be given explicitly.

The CRS is decided once per file, from the first chunk that has coordinates, and reported;
typical mistakes are corrected per row and counted, never silently:

* lat/lon swapped (``lat=13.54, lon=55.94`` in Sweden, or a latitude beyond ±90);
* projected metres in lat/lon columns ("SWEREF metres given as degrees");
* x/y holding northing/easting: Swedish surveying calls the northing X;
* values that fit no supported CRS, or a different one than the file's: invalid, with a reason;
* ``0, 0`` (a common placeholder for "no position"): treated as missing.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

import numpy as np
from pyproj import CRS, Transformer
from pyproj.exceptions import CRSError
from shapely.geometry.base import BaseGeometry

from hotspots.errors import InputError
from hotspots.geocode.boundaries import contains_xy, in_sweden_bbox

__all__ = [
    "LOCAL_ZONES",
    "SUPPORTED_CRS",
    "CoordinateReader",
    "CoordinateResult",
    "crs_label",
    "resolve_coordinates",
]

Roles = Literal["latlon", "xy"]

#: The local SWEREF 99 zones (SWEREF 99 12 00 ... SWEREF 99 23 15).
LOCAL_ZONES = tuple(range(3007, 3019))
#: CRSs detected from value ranges (the local zone stands for the configured one).
SUPPORTED_CRS = (4326, 3006, *LOCAL_ZONES, 3021)

_LABELS = {
    4326: "WGS 84",
    3006: "SWEREF 99 TM",
    3021: "RT 90 2.5 gon V",
    3007: "SWEREF 99 12 00",
    3008: "SWEREF 99 13 30",
    3009: "SWEREF 99 15 00",
    3010: "SWEREF 99 16 30",
    3011: "SWEREF 99 18 00",
    3012: "SWEREF 99 14 15",
    3013: "SWEREF 99 15 45",
    3014: "SWEREF 99 17 15",
    3015: "SWEREF 99 18 45",
    3016: "SWEREF 99 20 15",
    3017: "SWEREF 99 21 45",
    3018: "SWEREF 99 23 15",
}

# Value ranges of Swedish projected coordinates, in metres (with a margin).
_NORTHING = (6_100_000.0, 7_700_000.0)
_EAST_TM = (250_000.0, 950_000.0)
_EAST_LOCAL = (50_000.0, 300_000.0)  # false easting 150 km, zones 1.5 degrees wide
_EAST_RT90 = (1_200_000.0, 1_900_000.0)

_MISSING, _OK, _INVALID = "missing", "ok", "invalid"


@lru_cache(maxsize=64)
def crs_label(epsg: int) -> str:
    """Human name of a CRS with its code, e.g. ``"SWEREF 99 TM (EPSG:3006)"``."""
    name = _LABELS.get(epsg)
    if name is None:
        try:
            name = CRS.from_epsg(epsg).name
        except CRSError:
            name = "unknown CRS"
    return f"{name} (EPSG:{epsg})"


@lru_cache(maxsize=32)
def _to_wgs84(epsg: int) -> Transformer:
    return Transformer.from_crs(epsg, 4326, always_xy=True)


@lru_cache(maxsize=32)
def _area_of_use(epsg: int) -> tuple[float, float, float, float]:
    area = CRS.from_epsg(epsg).area_of_use
    if area is None:
        return (-180.0, -90.0, 180.0, 90.0)
    return (area.west - 1.0, area.south - 1.0, area.east + 1.0, area.north + 1.0)


def _between(v: np.ndarray, lo_hi: tuple[float, float]) -> np.ndarray:
    return (v >= lo_hi[0]) & (v <= lo_hi[1])


def _num(v: float) -> str:
    return f"{v:.10g}"


def _rows(n: int) -> str:
    return f"{n} row" if n == 1 else f"{n} rows"


@dataclass
class CoordinateResult:
    """Coordinates of one chunk of rows, in input order.

    Attributes
    ----------
    lon, lat : float arrays, WGS84 degrees; NaN where ``status`` is not ``'ok'``.
    status : str array: ``'ok'``, ``'missing'`` (no coordinates: geocode the address) or
        ``'invalid'`` (coordinates given but unusable: see ``reason``).
    reason : object array of str or None: why a row is invalid, or what was corrected.
    outside : bool array: ``'ok'`` points outside the area (kommun) given to the reader.
    epsg : the CRS the values were read in, None while no coordinates have been seen.
    warnings : one-line messages about this chunk (the file-level summary is
        :attr:`CoordinateReader.warnings`).
    """

    lon: np.ndarray
    lat: np.ndarray
    status: np.ndarray
    reason: np.ndarray
    outside: np.ndarray
    epsg: int | None
    warnings: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.lon)


class CoordinateReader:
    """Turn the two coordinate columns of one file, chunk by chunk, into WGS84 lon/lat.

    Parameters
    ----------
    roles : ``"latlon"`` when the file's headers say latitude/longitude (or N/E): the first
        array is the latitude/northing; ``"xy"`` for x/y (or E/N): the first array is x.
    crs : EPSG code given by the user (``--crs``); detected from the values when None.
    local_crs : the installation's local SWEREF 99 zone (3007-3018), used when the values
        look like a local zone.
    area : WGS84 polygon (the kommun) that points are expected in; points outside it are
        flagged in ``outside``, not rejected. It also settles TM/local-zone ties.
    area_name : name of the area for messages.

    Attributes
    ----------
    epsg_ : the CRS decided for the file (None until a chunk had coordinates).
    counts_ : Counter of corrections and problems over all chunks so far.

    Examples
    --------
    >>> reader = CoordinateReader(roles="xy")
    >>> res = reader.resolve([409_000.0], [6_200_000.0])
    >>> res.epsg, res.status.tolist()
    (3006, ['ok'])
    >>> reader.warnings[0]
    'coordinates read as SWEREF 99 TM (EPSG:3006) from their range; pass --crs to override'
    """

    def __init__(
        self,
        *,
        roles: Roles = "latlon",
        crs: int | None = None,
        local_crs: int = 3008,
        area: BaseGeometry | None = None,
        area_name: str | None = None,
    ) -> None:
        if roles not in ("latlon", "xy"):
            raise InputError(f"coordinate roles must be 'latlon' or 'xy', not {roles!r}")
        if local_crs not in LOCAL_ZONES:
            raise InputError(f"local CRS EPSG:{local_crs} is not a SWEREF 99 zone (3007-3018)")
        if crs is not None:
            crs = int(crs)
            if crs not in SUPPORTED_CRS:
                try:
                    if not CRS.from_epsg(crs).is_projected and crs != 4326:
                        raise InputError(f"EPSG:{crs} is neither projected nor WGS 84")
                except CRSError:
                    raise InputError(f"unknown CRS EPSG:{crs}") from None
        self.roles = roles
        self.crs = crs
        self.local_crs = local_crs
        self.area = area
        self.area_name = area_name
        self.epsg_: int | None = crs
        self.counts_: Counter[str] = Counter()
        self._notes: list[str] = []  # decisions, reported once per file
        self._sweden: bool | None = None  # degrees: does the file lie in Sweden?

    # -- public --------------------------------------------------------------------------

    @property
    def warnings(self) -> list[str]:
        """File-level messages: the CRS decision and corrections counted over all chunks."""
        return self._notes + self._count_messages(self.counts_)

    def resolve(self, a: np.ndarray, b: np.ndarray) -> CoordinateResult:
        """Resolve one chunk: ``a``/``b`` are lat/lon (roles ``latlon``) or x/y (``xy``).

        NaN means an empty cell. Returns one value per input row, in order.
        """
        a = np.asarray(a, dtype=float)
        b = np.asarray(b, dtype=float)
        if a.shape != b.shape or a.ndim != 1:
            raise InputError("coordinate columns must be 1-d arrays of equal length")
        n = len(a)
        lon = np.full(n, np.nan)
        lat = np.full(n, np.nan)
        status = np.full(n, _MISSING, dtype="<U7")
        reason = np.full(n, None, dtype=object)
        counts: Counter[str] = Counter()
        notes_before = len(self._notes)

        nan_a, nan_b = np.isnan(a), np.isnan(b)
        zero = (a == 0) & (b == 0)
        present = ~(nan_a & nan_b) & ~zero
        if zero.any():
            reason[zero] = "0, 0 is a placeholder: treated as missing"
            counts["zero"] += int(zero.sum())
        name_a, name_b = ("latitude", "longitude") if self.roles == "latlon" else ("x", "y")
        one = present & (nan_a ^ nan_b)
        if one.any():
            status[one] = _INVALID
            reason[one & nan_a] = f"{name_a} missing"
            reason[one & nan_b] = f"{name_b} missing"
        inf = present & ~one & (np.isinf(a) | np.isinf(b))
        if inf.any():
            status[inf] = _INVALID
            reason[inf] = f"{name_a}/{name_b} not a finite number"
        idx = np.flatnonzero(present & np.isfinite(a) & np.isfinite(b))

        if len(idx):
            self._resolve_values(idx, a[idx], b[idx], lon, lat, status, reason, counts)

        outside = np.zeros(n, dtype=bool)
        if self.area is not None:
            ok = status == _OK
            outside[ok] = ~contains_xy(self.area, lon[ok], lat[ok])
            counts["outside"] += int(outside.sum())
        counts["invalid"] += int((status == _INVALID).sum())
        self.counts_.update(counts)
        warnings = self._notes[notes_before:] + self._count_messages(counts)
        return CoordinateResult(lon, lat, status, reason, outside, self.epsg_, warnings)

    # -- internals -----------------------------------------------------------------------

    def _resolve_values(self, idx, a, b, lon, lat, status, reason, counts) -> None:
        # p is what the headers say is north (latitude), q what they say is east.
        p, q = (a, b) if self.roles == "latlon" else (b, a)
        deg_asis = (np.abs(p) <= 90) & (np.abs(q) <= 180)
        deg_swap = (np.abs(q) <= 90) & (np.abs(p) <= 180)
        n_in_p, n_in_q = _between(p, _NORTHING), _between(q, _NORTHING)
        flipped = ~n_in_p & n_in_q
        north = np.where(flipped, q, p)
        east = np.where(flipped, p, q)
        has_n = n_in_p | n_in_q
        # An explicit local zone replaces the configured one: all zones share their ranges.
        local = self.epsg_ if self.epsg_ in LOCAL_ZONES else self.local_crs
        fits = {
            4326: deg_asis | deg_swap,
            3006: has_n & _between(east, _EAST_TM),
            local: has_n & _between(east, _EAST_LOCAL),
            3021: has_n & _between(east, _EAST_RT90),
        }
        if self.epsg_ is None:
            self._decide(fits, east, north)
        epsg = self.epsg_
        if epsg is None:  # nothing in this chunk fits any CRS: the next chunk may decide
            status[idx] = _INVALID
            reason[idx] = self._fit_nothing(a, b)
            return

        if epsg == 4326:
            fit = fits[4326]
            if self._sweden is None and fit.any():
                self._sweden = self.area is not None or bool(
                    (in_sweden_bbox(q, p) | in_sweden_bbox(p, q))[fit].mean() >= 0.5
                )
            if self._sweden:
                # In a Swedish file, lat 13.5 / lon 55.9 is a swap, not a point off Yemen; a
                # swap that does not land in Sweden is no correction but a wrong value.
                swap = deg_swap & ~in_sweden_bbox(q, p) & in_sweden_bbox(p, q)
                fit = fit & (deg_asis | swap)
            else:
                swap = ~deg_asis & deg_swap
            x, y = np.where(swap, p, q), np.where(swap, q, p)
            corrected = swap & fit
            counts["swapped"] += int(corrected.sum())
            note = (
                "lat/lon swapped: corrected" if self.roles == "latlon" else "x/y swapped: corrected"
            )
        elif epsg in fits:
            fit = fits[epsg]
            x, y = east, north
            corrected = flipped & fit
            counts["flipped"] += int(corrected.sum())
            # x = northing is the Swedish surveying convention, not a mistake: no row note.
            note = "lat/lon swapped: corrected" if self.roles == "latlon" else None
        else:  # an explicit CRS outside the Swedish ones: take the columns as they come
            fit = np.ones(len(idx), dtype=bool)
            x, y = q, p
            corrected = np.zeros(len(idx), dtype=bool)
            note = None

        rows = idx[fit]
        if epsg == 4326:
            lon[rows], lat[rows] = x[fit], y[fit]
            good = np.ones(len(rows), dtype=bool)
        else:
            tx, ty = _to_wgs84(epsg).transform(x[fit], y[fit])
            lon[rows], lat[rows] = tx, ty
            if epsg in fits:
                good = in_sweden_bbox(tx, ty)
            else:
                w, s, e, nn = _area_of_use(epsg)
                good = np.isfinite(tx) & (tx >= w) & (tx <= e) & (ty >= s) & (ty <= nn)
        status[rows] = _OK
        if note is not None:
            reason[idx[corrected]] = note
        if not good.all():
            bad = rows[~good]
            lon[bad], lat[bad] = np.nan, np.nan
            status[bad] = _INVALID
            label = crs_label(epsg)
            reason[bad] = [
                f"{self._pair(a_, b_)} fall outside Sweden when read as {label}"
                for a_, b_ in zip(a[fit][~good], b[fit][~good], strict=True)
            ]

        miss = np.flatnonzero(~fit)
        if len(miss):
            status[idx[miss]] = _INVALID
            reason[idx[miss]] = [self._misfit(a[i], b[i], fits, i) for i in miss]

    def _decide(self, fits: dict[int, np.ndarray], east: np.ndarray, north: np.ndarray) -> None:
        """Choose the file's CRS from the first values: the one most rows fit."""
        counts = {epsg: int(mask.sum()) for epsg, mask in fits.items()}
        total = int(np.logical_or.reduce(list(fits.values())).sum())
        if total == 0:
            return
        best = max(counts.values())
        winner = next(e for e, c in counts.items() if c == best)
        # Candidates that the same rows fit (values in the TM/local-zone overlap).
        tied = [
            e
            for e, c in counts.items()
            if c == best and (e == winner or (fits[e] & fits[winner]).sum() * 2 > best)
        ]
        if len(tied) > 1 and self.area is not None:
            # Values in the TM/local-zone overlap: keep the reading that lands in the kommun.
            inside = {}
            for epsg in tied:
                mask = fits[epsg]
                if epsg == 4326:
                    inside[epsg] = 0
                    continue
                tx, ty = _to_wgs84(epsg).transform(east[mask], north[mask])
                inside[epsg] = int(contains_xy(self.area, tx, ty).sum())
            tied = sorted(tied, key=lambda e: -inside[e])
        epsg = tied[0]  # dict order is the preference: 4326, TM, local zone, RT 90
        self.epsg_ = epsg
        label = crs_label(epsg)
        if len(tied) > 1:
            others = " or ".join(crs_label(e) for e in tied[1:])
            self._notes.append(
                f"coordinates fit both {label} and {others}; read as {label}, "
                "pass --crs to override"
            )
        elif epsg != 4326 and self.roles == "latlon":
            self._notes.append(
                f"lat/lon columns hold projected metres (SWEREF metres given as degrees?): "
                f"read as {label} from their range; pass --crs to override"
            )
        elif epsg != 4326 or self.roles == "xy":
            self._notes.append(
                f"coordinates read as {label} from their range; pass --crs to override"
            )
        if best * 2 <= total:
            shares = ", ".join(
                f"{crs_label(e)} {c}" for e, c in sorted(counts.items(), key=lambda t: -t[1]) if c
            )
            self._notes.append(f"coordinates mix several systems ({shares} rows); read as {label}")

    def _pair(self, a: float, b: float) -> str:
        names = "lat/lon" if self.roles == "latlon" else "x/y"
        return f"{names} ({_num(a)}, {_num(b)})"

    def _fit_nothing(self, a: np.ndarray, b: np.ndarray) -> list[str]:
        return [f"{self._pair(x, y)} fit no supported CRS" for x, y in zip(a, b, strict=True)]

    def _misfit(self, a: float, b: float, fits: dict[int, np.ndarray], i: int) -> str:
        """Why one row does not fit the file's CRS."""
        epsg = self.epsg_
        other = [e for e, mask in fits.items() if mask[i] and e != epsg]
        if other:
            return (
                f"{self._pair(a, b)} look like {crs_label(other[0])}, "
                f"but the file's coordinates are {crs_label(epsg)}"
            )
        if epsg == 4326:
            lat, lon = (a, b) if self.roles == "latlon" else (b, a)
            if abs(lat) > 180 and abs(lon) > 180:
                return f"{self._pair(a, b)} fit no supported CRS"
            if abs(lat) > 90 and abs(lon) > 90:
                return f"latitude {_num(lat)} out of range -90..90"
            if abs(lon) > 180:
                return f"longitude {_num(lon)} out of range -180..180"
            return f"latitude {_num(lat)} out of range -90..90"
        if self.crs is not None:
            return f"{self._pair(a, b)} outside the range of {crs_label(epsg)}"
        return f"{self._pair(a, b)} fit no supported CRS"

    def _count_messages(self, counts: Counter[str]) -> list[str]:
        out = []
        if counts["swapped"]:
            names = "lat/lon" if self.roles == "latlon" else "x/y"
            out.append(f"{names} swapped in {_rows(counts['swapped'])}: corrected")
        if counts["flipped"]:
            if self.roles == "latlon":
                out.append(f"lat/lon swapped in {_rows(counts['flipped'])}: corrected")
            else:
                out.append(
                    f"x holds the northing (Swedish convention X = north) in "
                    f"{_rows(counts['flipped'])}: read as northing"
                )
        if counts["zero"]:
            out.append(f"{_rows(counts['zero'])} with coordinates 0, 0: treated as missing")
        if counts["invalid"]:
            out.append(f"{_rows(counts['invalid'])} with unusable coordinates (see their reasons)")
        if counts["outside"]:
            where = self.area_name or "the area"
            n = counts["outside"]
            out.append(f"{n} point{' lies' if n == 1 else 's lie'} outside {where}: flagged")
        return out


def resolve_coordinates(
    a: np.ndarray,
    b: np.ndarray,
    *,
    roles: Roles = "latlon",
    crs: int | None = None,
    local_crs: int = 3008,
    area: BaseGeometry | None = None,
    area_name: str | None = None,
) -> CoordinateResult:
    """Resolve a whole file's coordinate columns at once (see :class:`CoordinateReader`).

    Examples
    --------
    >>> res = resolve_coordinates([13.5434], [55.9366])
    >>> round(float(res.lat[0]), 4), res.warnings
    (55.9366, ['lat/lon swapped in 1 row: corrected'])
    """
    reader = CoordinateReader(
        roles=roles, crs=crs, local_crs=local_crs, area=area, area_name=area_name
    )
    return reader.resolve(a, b)
