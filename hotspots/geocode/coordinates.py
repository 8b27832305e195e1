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
from hotspots.i18n import msg

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


def crs_label(epsg: int) -> str:
    """Human name of a CRS with its code, e.g. ``"SWEREF 99 TM (EPSG:3006)"``."""
    name = _LABELS.get(epsg) or _crs_name(epsg) or msg("coords.unknown_crs")
    return f"{name} (EPSG:{epsg})"


@lru_cache(maxsize=64)
def _crs_name(epsg: int) -> str | None:
    try:
        return CRS.from_epsg(epsg).name
    except CRSError:
        return None


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
    >>> "SWEREF 99 TM (EPSG:3006)" in reader.warnings[0]  # the CRS decision, reported
    True
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
            raise InputError(msg("coords.bad_roles", roles=roles))
        if local_crs not in LOCAL_ZONES:
            raise InputError(msg("coords.bad_local_crs", epsg=local_crs))
        if crs is not None:
            crs = int(crs)
            if crs not in SUPPORTED_CRS:
                try:
                    if not CRS.from_epsg(crs).is_projected and crs != 4326:
                        raise InputError(msg("coords.not_projected", epsg=crs))
                except CRSError:
                    raise InputError(msg("coords.unknown_epsg", epsg=crs)) from None
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
            raise InputError(msg("coords.bad_arrays"))
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
            reason[zero] = msg("coords.zero")
            counts["zero"] += int(zero.sum())
        one = present & (nan_a ^ nan_b)
        inf = present & ~one & (np.isinf(a) | np.isinf(b))
        if one.any() or inf.any():
            name_a, name_b = (
                (msg("coords.latitude"), msg("coords.longitude"))
                if self.roles == "latlon"
                else ("x", "y")
            )
        if one.any():
            status[one] = _INVALID
            reason[one & nan_a] = msg("coords.missing_one", name=name_a)
            reason[one & nan_b] = msg("coords.missing_one", name=name_b)
        if inf.any():
            status[inf] = _INVALID
            reason[inf] = msg("coords.not_finite", a=name_a, b=name_b)
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
                msg("coords.swapped_latlon")
                if self.roles == "latlon"
                else msg("coords.swapped_xy")
            )
        elif epsg in fits:
            fit = fits[epsg]
            x, y = east, north
            corrected = flipped & fit
            counts["flipped"] += int(corrected.sum())
            # x = northing is the Swedish surveying convention, not a mistake: no row note.
            note = msg("coords.swapped_latlon") if self.roles == "latlon" else None
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
                msg("coords.outside_sweden", pair=self._pair(a_, b_), crs=label)
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
            others = f" {msg('common.or')} ".join(crs_label(e) for e in tied[1:])
            self._notes.append(msg("coords.fit_both", crs=label, others=others))
        elif epsg != 4326 and self.roles == "latlon":
            self._notes.append(msg("coords.metres_as_degrees", crs=label))
        elif epsg != 4326 or self.roles == "xy":
            self._notes.append(msg("coords.read_as", crs=label))
        if best * 2 <= total:
            shares = ", ".join(
                f"{crs_label(e)} {c}" for e, c in sorted(counts.items(), key=lambda t: -t[1]) if c
            )
            self._notes.append(msg("coords.mixed_systems", shares=shares, crs=label))

    def _pair(self, a: float, b: float) -> str:
        names = "lat/lon" if self.roles == "latlon" else "x/y"
        return f"{names} ({_num(a)}, {_num(b)})"

    def _fit_nothing(self, a: np.ndarray, b: np.ndarray) -> list[str]:
        return [
            msg("coords.fit_nothing", pair=self._pair(x, y)) for x, y in zip(a, b, strict=True)
        ]

    def _misfit(self, a: float, b: float, fits: dict[int, np.ndarray], i: int) -> str:
        """Why one row does not fit the file's CRS."""
        epsg = self.epsg_
        other = [e for e, mask in fits.items() if mask[i] and e != epsg]
        if other:
            return msg(
                "coords.looks_like",
                pair=self._pair(a, b),
                other=crs_label(other[0]),
                crs=crs_label(epsg),
            )
        if epsg == 4326:
            lat, lon = (a, b) if self.roles == "latlon" else (b, a)
            if abs(lat) > 180 and abs(lon) > 180:
                return msg("coords.fit_nothing", pair=self._pair(a, b))
            if abs(lat) > 90 and abs(lon) > 90:
                return msg("coords.latitude_range", value=_num(lat))
            if abs(lon) > 180:
                return msg("coords.longitude_range", value=_num(lon))
            return msg("coords.latitude_range", value=_num(lat))
        if self.crs is not None:
            return msg("coords.outside_range", pair=self._pair(a, b), crs=crs_label(epsg))
        return msg("coords.fit_nothing", pair=self._pair(a, b))

    def _count_messages(self, counts: Counter[str]) -> list[str]:
        out = []
        latlon = self.roles == "latlon"
        if n := counts["swapped"]:
            out.append(
                msg("coords.count_swapped_latlon", n=n)
                if latlon
                else msg("coords.count_swapped_xy", n=n)
            )
        if n := counts["flipped"]:
            out.append(
                msg("coords.count_swapped_latlon", n=n)
                if latlon
                else msg("coords.count_x_north", n=n)
            )
        if n := counts["zero"]:
            out.append(msg("coords.count_zero", n=n))
        if n := counts["invalid"]:
            out.append(msg("coords.count_invalid", n=n))
        if n := counts["outside"]:
            area = self.area_name or msg("coords.the_area")
            out.append(msg("coords.count_outside", n=n, area=area))
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
    (55.9366, ['latitud och longitud var omkastade på 1 rad: rättade'])
    """
    reader = CoordinateReader(
        roles=roles, crs=crs, local_crs=local_crs, area=area, area_name=area_name
    )
    return reader.resolve(a, b)
