"""Swedish localities (tätorter, villages) and finding them named in free text.

Reads ``data/localities/svenska-stader.csv`` (``Locality,Municipality,County,Latitude,
Longitude``, WGS84). About one row in ten of that file has a point outside its own kommun
(e.g. "Sjunnerup, Höör" at lon 12.73): such rows are dropped, counted and logged, because a
village placed in the wrong kommun would move incidents there.

Text matching serves polisen.se summaries, whose own point is the kommun centroid:
"Inbrott i villa i Tjörnarp under natten" -> Tjörnarp (Höör), precision ``locality``.
"""

from __future__ import annotations

import csv
import logging
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from hotspots.errors import GeocodeError
from hotspots.geocode.boundaries import Boundaries, kommun_key, load_boundaries
from hotspots.i18n import msg

__all__ = [
    "LOCALITIES_FILE",
    "Locality",
    "Localities",
    "find_locality_in_text",
    "load_localities",
    "read_localities",
]

log = logging.getLogger(__name__)

#: Path of the localities file relative to the data directory.
LOCALITIES_FILE = Path("localities") / "svenska-stader.csv"

#: Tolerance of the in-own-kommun check, metres: the kommun borders are simplified.
KOMMUN_TOLERANCE_M = 1000.0


@dataclass(frozen=True)
class Locality:
    """A named locality with a point (WGS84)."""

    name: str
    municipality: str
    county: str
    lon: float
    lat: float


class Localities:
    """Localities grouped by kommun, with whole-word search in free text.

    Parameters
    ----------
    localities : the usable rows (already checked against the kommun polygons).
    dropped : rows left out, each with the reason.

    Attributes
    ----------
    dropped : list of (Locality, reason)
    """

    def __init__(
        self,
        localities: list[Locality],
        dropped: list[tuple[Locality, str]] | None = None,
    ) -> None:
        self.dropped = list(dropped or [])
        self._by_kommun: dict[str, dict[str, Locality]] = {}
        for loc in localities:
            names = self._by_kommun.setdefault(kommun_key(loc.municipality), {})
            if loc.name.casefold() in names:
                self.dropped.append((loc, msg("localities.same_name")))
            else:
                names[loc.name.casefold()] = loc
        self._patterns: dict[str, re.Pattern[str] | None] = {}

    def __len__(self) -> int:
        return sum(len(v) for v in self._by_kommun.values())

    def __iter__(self):
        for names in self._by_kommun.values():
            yield from names.values()

    def in_municipality(self, municipality: str) -> list[Locality]:
        """The localities of one kommun (name in any case, with or without å/ä/ö)."""
        return list(self._by_kommun.get(kommun_key(municipality), {}).values())

    def get(self, name: str, *, municipality: str) -> Locality | None:
        """The locality called ``name`` in a kommun, or None."""
        return self._by_kommun.get(kommun_key(municipality), {}).get(name.casefold())

    def _pattern(self, municipality: str) -> re.Pattern[str] | None:
        key = kommun_key(municipality)
        if key not in self._patterns:
            names = sorted(self._by_kommun.get(key, {}), key=len, reverse=True)
            if not names:
                self._patterns[key] = None
            else:
                alternatives = "|".join(re.escape(n) for n in names)
                # Optional genitive s ("Tyringes centrum"); "kommun" after the name means the
                # kommun, not the town ("i Höörs kommun"); a hyphen joins the name into
                # another one ("Bro" in "Upplands-Bro").
                self._patterns[key] = re.compile(
                    rf"(?<![\w-])(?P<name>{alternatives})s?(?![\w-])(?P<kommun>\s+kommun)?",
                    re.IGNORECASE,
                )
        return self._patterns[key]

    def find_in_text(self, text: str | None, *, municipality: str) -> Locality | None:
        """The locality of ``municipality`` named in ``text``, or None.

        Matches whole words, case-insensitively, with or without a genitive s. In ordinary
        mixed-case prose a match must be capitalised, as place names are: "en bro" is not
        the locality Bro. A name followed by "kommun" is skipped. When several localities
        are named, one other than the kommun's main town (same name as the kommun) wins,
        then the longest name, then the first mentioned.

        Choice: a text that names only the main town ("i Höör") still returns that town: its
        tätort point is more precise than the kommun centroid polisen.se gives.
        """
        if not text:
            return None
        pattern = self._pattern(municipality)
        if pattern is None:
            return None
        mixed_case = text != text.lower() and text != text.upper()
        names = self._by_kommun[kommun_key(municipality)]
        kommun = kommun_key(municipality)
        best: tuple[int, int, int] | None = None
        found: Locality | None = None
        for m in pattern.finditer(text):
            if m.group("kommun") or (mixed_case and m.group("name")[0].islower()):
                continue
            loc = names[m.group("name").casefold()]
            rank = (kommun_key(loc.name) != kommun, len(loc.name), -m.start())
            if best is None or rank > best:
                best, found = rank, loc
        return found


def read_localities(path: Path, boundaries: Boundaries) -> Localities:
    """Read a localities CSV, keeping rows whose point lies in their own kommun.

    Kommun names are resolved through ``boundaries`` ("Falu" -> Falun); rows with an
    unknown kommun, a missing point or a point outside the kommun are dropped with a reason.
    """
    try:
        with open(path, encoding="utf-8-sig", newline="") as f:
            rows = list(csv.DictReader(f))
    except FileNotFoundError:
        raise GeocodeError(msg("localities.not_found", file=path)) from None
    keep: list[Locality] = []
    dropped: list[tuple[Locality, str]] = []
    for row in rows:
        try:
            lat, lon = float(row["Latitude"]), float(row["Longitude"])
        except (KeyError, TypeError, ValueError):
            lat = lon = float("nan")
        raw_kommun = (row.get("Municipality") or "").strip()
        loc = Locality(
            name=(row.get("Locality") or "").strip(),
            municipality=raw_kommun,
            county=(row.get("County") or "").strip(),
            lon=lon,
            lat=lat,
        )
        if not loc.name or not np.isfinite(lat) or not np.isfinite(lon):
            dropped.append((loc, msg("localities.no_point")))
            continue
        if raw_kommun not in boundaries:
            dropped.append((loc, msg("boundaries.unknown_kommun", kommun=raw_kommun)))
            continue
        kommun = boundaries.name(raw_kommun)
        loc = Locality(loc.name, kommun, loc.county, lon, lat)
        # The exact test first: buffering a kommun costs more than testing a point.
        inside = (
            boundaries.contains(kommun, [lon], [lat])[0]
            or boundaries.contains(kommun, [lon], [lat], buffer_m=KOMMUN_TOLERANCE_M)[0]
        )
        if not inside:
            dropped.append(
                (loc, msg("localities.outside_kommun", lat=lat, lon=lon, kommun=kommun))
            )
            continue
        keep.append(loc)
    if dropped:
        log.info(
            "%s: dropped %d of %d localities whose point is not in their kommun (e.g. %s)",
            path.name,
            len(dropped),
            len(rows),
            ", ".join(f"{loc.name} ({loc.municipality})" for loc, _ in dropped[:3]),
        )
    return Localities(keep, dropped)


@lru_cache(maxsize=4)
def load_localities(data_dir: Path) -> Localities:
    """Load (once per data directory) the checked localities from ``data_dir``."""
    data_dir = Path(data_dir)
    return read_localities(data_dir / LOCALITIES_FILE, load_boundaries(data_dir))


def find_locality_in_text(
    text: str | None, *, municipality: str, localities: Localities | None = None
) -> Locality | None:
    """The locality of ``municipality`` named in ``text`` (see :meth:`Localities.find_in_text`).

    ``localities`` defaults to the bundled file in the configured data directory.

    Examples
    --------
    >>> locs = Localities([Locality("Tjörnarp", "Höör", "Skåne", 13.635, 55.99998)])
    >>> find_locality_in_text("Inbrott i villa i Tjörnarp under natten",
    ...                       municipality="Höör", localities=locs).name
    'Tjörnarp'
    """
    if localities is None:
        from hotspots.settings import get_settings

        localities = load_localities(get_settings().data_dir)
    return localities.find_in_text(text, municipality=municipality)
