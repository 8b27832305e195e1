"""Offline gazetteer: match Swedish addresses, streets, places and localities to points.

Entries come from address files (Lantmäteriet's Belägenhetsadress, OSM extracts: see
:func:`read_gazetteer_file`) and from the bundled localities. Matching, best first:

* exact address after normalisation ("Storg. 12 b" = "Storgatan 12B"): ``address``, 100;
  the same with å/ä/ö folded ("Sodra" for "Södra"): 97;
* fuzzy street name (rapidfuzz ratio >= 85, >= 90 for names under 10 letters, where one
  wrong letter already makes another street: "Nygatan"/"Bygatan") with the exact number;
* the street but not the number: ``street``, at the street's middle address point;
* a named place (school, station, park) with a point: ``address``, as it names one site;
* a locality: ``locality``;
* nothing: ``failed`` with the reason.
"""

from __future__ import annotations

import csv
import json
import logging
import math
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz, process
from shapely.geometry import shape

from hotspots.domain import Precision
from hotspots.errors import InputError
from hotspots.geocode.base import Geocoder, GeocodeResult
from hotspots.geocode.boundaries import kommun_key
from hotspots.geocode.coordinates import CoordinateReader
from hotspots.geocode.normalize import (
    ParsedAddress,
    ascii_fold,
    normalize_postcode,
    normalize_street,
    normalize_text,
    parse_address,
    street_key,
    street_variants,
)
from hotspots.i18n import msg
from hotspots.ingest.raw import RowError

__all__ = [
    "KINDS",
    "Gazetteer",
    "GazetteerEntry",
    "GazetteerGeocoder",
    "locality_entries",
    "read_gazetteer_file",
]

log = logging.getLogger(__name__)

#: Kinds of gazetteer entries.
KINDS = ("address", "street", "place", "locality")

_EXACT, _FOLDED, _FUZZY_MAX = 100.0, 97.0, 96.0


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    """One named point of the gazetteer.

    ``kind`` is ``address`` (street + number), ``street`` (a street without numbers),
    ``place`` (school, station, park ...) or ``locality`` (tätort, village). Text fields are
    kept as the source spells them; matching normalises them.
    """

    kind: str
    name: str
    street: str | None = None
    number: int | None = None
    letter: str | None = None
    postcode: str | None = None
    locality: str | None = None
    municipality: str | None = None
    lon: float = math.nan
    lat: float = math.nan
    source: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"gazetteer kind must be one of {', '.join(KINDS)}: {self.kind!r}")

    @property
    def label(self) -> str:
        """How the entry reads to a user: ``"Storgatan 12B, Höör"``."""
        place = self.locality or self.municipality
        return f"{self.name}, {place}" if place and place != self.name else self.name


def _fold_key(text: str | None) -> str:
    """Compact folded key of a name: no case, accents, spaces or punctuation."""
    if not text:
        return ""
    return re.sub(r"[\W_]", "", ascii_fold(normalize_text(text)))


def _muni_key(text: str | None) -> str:
    return _fold_key(kommun_key(text)) if text else ""


def _cutoff(key: str, score_cutoff: float) -> float:
    # One wrong letter in a short name is already another street.
    return score_cutoff if len(key) >= 10 else max(score_cutoff, 90.0)


class Gazetteer:
    """In-memory indexes over gazetteer entries, and the matching engine.

    Parameters
    ----------
    entries : the entries; those without a finite point are ignored.
    score_cutoff : lowest rapidfuzz ratio (0-100) accepted for fuzzy name matches.

    Attributes
    ----------
    entries : list of GazetteerEntry, the indexed ones.

    Examples
    --------
    >>> g = Gazetteer([GazetteerEntry("address", "Storgatan 12B", street="Storgatan",
    ...                number=12, letter="B", locality="Höör", lon=13.54, lat=55.93)])
    >>> r = g.geocode("Storg. 12 b")
    >>> r.precision.value, r.score, r.matched
    ('address', 100.0, 'Storgatan 12B, Höör')
    """

    def __init__(self, entries: Iterable[GazetteerEntry], *, score_cutoff: float = 85.0) -> None:
        self.score_cutoff = float(score_cutoff)
        self.entries = [e for e in entries if math.isfinite(e.lon) and math.isfinite(e.lat)]
        n = len(self.entries)
        self._lon = np.fromiter((e.lon for e in self.entries), float, n)
        self._lat = np.fromiter((e.lat for e in self.entries), float, n)
        keys: dict[str | None, str] = {}

        def cached(text: str | None, fn) -> str:
            if text not in keys:
                keys[text] = fn(text) if text else ""
            return keys[text]

        self._loc = [cached(e.locality, _fold_key) for e in self.entries]
        self._muni = [cached(e.municipality, _muni_key) for e in self.entries]
        self._street_name: dict[str, str] = {}  # street key -> spelling to show
        self._streets: dict[str, list[int]] = {}  # street key -> entries on it
        self._numbers: dict[tuple[str, int], list[int]] = {}
        self._places: dict[str, list[int]] = {}
        self._localities: dict[str, list[int]] = {}
        self._scoped: dict[tuple[str, str, str], list[str]] = {}
        self._cache: dict[tuple[str, str | None, str | None], GeocodeResult] = {}
        for i, e in enumerate(self.entries):
            if e.kind in ("address", "street") and e.street:
                key = street_key(e.street)
                self._streets.setdefault(key, []).append(i)
                self._street_name.setdefault(key, e.street)
                if e.kind == "address" and e.number is not None:
                    self._numbers.setdefault((key, e.number), []).append(i)
            elif e.kind == "place":
                self._places.setdefault(street_key(e.name), []).append(i)
            elif e.kind == "locality":
                self._localities.setdefault(_fold_key(e.name), []).append(i)
        # Known locality names, to split "Storgatan Höör" into street and place.
        self._locality_words = {k for k in self._loc if k} | set(self._localities)

    def __len__(self) -> int:
        return len(self.entries)

    # -- scope ---------------------------------------------------------------------------

    def _in_scope(self, i: int, loc: str, muni: str) -> bool:
        # An entry that does not say its locality/kommun is not excluded by it.
        return (not loc or not self._loc[i] or self._loc[i] == loc) and (
            not muni or not self._muni[i] or self._muni[i] == muni
        )

    def _keys(self, table: dict[str, list[int]], name: str, loc: str, muni: str) -> list[str]:
        """Keys of ``table`` with at least one entry in scope (cached per scope)."""
        if not loc and not muni:
            return list(table)
        cache_key = (name, loc, muni)
        if cache_key not in self._scoped:
            self._scoped[cache_key] = [
                k for k, idx in table.items() if any(self._in_scope(i, loc, muni) for i in idx)
            ]
        return self._scoped[cache_key]

    def _candidates(
        self, key: str, table: dict[str, list[int]], name: str, loc: str, muni: str
    ) -> list[tuple[str, float]]:
        """Keys matching ``key`` exactly or fuzzily, best first, with their ratio."""
        if not key:
            return []
        if key in table and any(self._in_scope(i, loc, muni) for i in table[key]):
            return [(key, 100.0)]
        choices = self._keys(table, name, loc, muni)
        hits = process.extract(
            key,
            choices,
            scorer=fuzz.ratio,
            limit=5,
            score_cutoff=_cutoff(key, self.score_cutoff),
        )
        return [(k, min(float(s), _FUZZY_MAX)) for k, s, _ in hits]

    # -- matching ------------------------------------------------------------------------

    def geocode(
        self, text: str, *, locality: str | None = None, municipality: str | None = None
    ) -> GeocodeResult:
        """Place one address or name, restricted to a locality and/or kommun when given."""
        if not text or not text.strip():
            return GeocodeResult.failed(msg("geocode.no_address"))
        cache_key = (text, locality, municipality)
        hit = self._cache.get(cache_key)
        if hit is None:
            hit = self._geocode(text, locality, municipality)
            if len(self._cache) > 200_000:
                self._cache.clear()
            self._cache[cache_key] = hit
        return hit

    def geocode_many(
        self,
        texts: Iterable[str | None],
        *,
        locality: str | None = None,
        municipality: str | None = None,
    ) -> list[GeocodeResult]:
        """One result per input, in input order (empty texts fail with "no address")."""
        out = []
        for text in texts:
            if not isinstance(text, str) or not text.strip():
                out.append(GeocodeResult.failed(msg("geocode.no_address")))
            else:
                out.append(self.geocode(text.strip(), locality=locality, municipality=municipality))
        return out

    def _geocode(self, text: str, locality: str | None, municipality: str | None) -> GeocodeResult:
        loc, muni = _fold_key(locality), _muni_key(municipality)
        q = parse_address(text)
        if q.number is None:
            q = self._split_locality(q)
        hint = _fold_key(q.locality)
        if q.number is not None:
            result = self._address(q, loc, muni, hint)
            if result is not None:
                return result
        else:
            found = [
                r
                for finder in (self._place, self._street, self._locality)
                if (r := finder(q.street, q, loc, muni, hint)) is not None
            ]
            if found:
                # An exact name of any kind beats a fuzzy one; ties go to place, street,
                # locality in that order (max keeps the first of equals).
                return max(found, key=lambda r: (r.score >= _FOLDED, r.score))
        # The text's own locality ("Okändgatan 5, Höör") is still better than nothing.
        if q.locality:
            result = self._locality(q.locality, q, loc, muni, hint)
            if result is not None:
                what = (
                    f"'{q.street} {q.house}'".replace(" '", "'")
                    if q.street
                    else msg("gazetteer.the_address")
                )
                return _with(
                    result, reason=msg("gazetteer.placed_at", what=what, matched=result.matched)
                )
        where = ", ".join(x for x in (locality, municipality) if x)
        return GeocodeResult.failed(
            msg("gazetteer.no_match_in", text=text, n=len(self), where=where)
            if where
            else msg("gazetteer.no_match", text=text, n=len(self))
        )

    def _split_locality(self, q: ParsedAddress) -> ParsedAddress:
        """``"storgatan höör"`` -> street ``storgatan``, locality ``höör`` (known names only)."""
        words = q.street.split()
        for k in (2, 1):
            if len(words) > k and _fold_key(" ".join(words[-k:])) in self._locality_words:
                return ParsedAddress(
                    street=" ".join(words[:-k]),
                    postcode=q.postcode,
                    locality=" ".join(words[-k:]) if not q.locality else q.locality,
                    unit=q.unit,
                )
        return q

    def _street_score(self, key: str, ratio: float, query_street: str) -> float:
        if ratio < 100:
            return ratio
        shown = normalize_street(self._street_name[key])
        return _EXACT if shown == query_street else _FOLDED

    def _prefer(self, idx: list[int], q: ParsedAddress, hint: str) -> tuple[list[int], bool]:
        """Entries agreeing with the text's postcode/locality; ambiguous if several places."""
        if q.postcode:
            same = [i for i in idx if self.entries[i].postcode == q.postcode]
            idx = same or idx
        if hint:
            same = [i for i in idx if self._loc[i] == hint or self._muni[i] == hint]
            idx = same or idx
        places = {self._loc[i] or self._muni[i] for i in idx}
        return idx, len(places) > 1

    def _address(self, q: ParsedAddress, loc: str, muni: str, hint: str) -> GeocodeResult | None:
        best_street: tuple[str, float] | None = None
        for variant in street_variants(q.street):
            for key, ratio in self._candidates(
                street_key(variant), self._streets, "streets", loc, muni
            ):
                score = self._street_score(key, ratio, variant)
                if best_street is None or score > best_street[1]:
                    best_street = (key, score)
                idx = [
                    i
                    for i in self._numbers.get((key, q.number), [])
                    if self._in_scope(i, loc, muni)
                ]
                if not idx:
                    continue
                reason = None
                same_letter = [i for i in idx if (self.entries[i].letter or None) == q.letter]
                if same_letter:
                    idx = same_letter
                else:
                    # Another letter of the same number is the same plot: take the first.
                    idx = sorted(idx, key=lambda i: self.entries[i].letter or "")
                    got = self.entries[idx[0]].letter or ""
                    reason = (
                        msg(
                            "gazetteer.letter_not_found",
                            letter=q.letter,
                            street=self._street_name[key],
                            number=q.number,
                            used=f"{q.number}{got}",
                        )
                        if q.letter
                        else msg("gazetteer.no_letter", used=f"{q.number}{got}")
                    )
                    score -= 3
                idx, ambiguous = self._prefer(idx, q, hint)
                if ambiguous:
                    others = sorted({self.entries[i].locality or "?" for i in idx[1:]})
                    reason = msg("gazetteer.also_found", places=", ".join(others))
                    score -= 10
                e = self.entries[idx[0]]
                return GeocodeResult(
                    e.lon, e.lat, Precision.ADDRESS, round(score, 1), e.label, reason
                )
        if best_street is None:
            return None
        key, score = best_street
        result = self._street_point(key, q, loc, muni, hint, score)
        return _with(
            result,
            reason=msg("gazetteer.number_not_found", number=q.house, street=self._street_name[key]),
        )

    def _street_point(
        self, key: str, q: ParsedAddress, loc: str, muni: str, hint: str, score: float
    ) -> GeocodeResult:
        idx = [i for i in self._streets[key] if self._in_scope(i, loc, muni)]
        idx, ambiguous = self._prefer(idx, q, hint)
        if ambiguous:
            # A street name shared by two villages: keep the one with most addresses.
            groups: dict[str, list[int]] = {}
            for i in idx:
                groups.setdefault(self._loc[i] or self._muni[i], []).append(i)
            idx = max(groups.values(), key=len)
            score -= 10
        streets = [i for i in idx if self.entries[i].kind == "street"]
        if streets:
            chosen = streets[0]
        else:
            # The address point nearest the median lies on the street; the median itself
            # may not (a curved street).
            lon, lat = self._lon[idx], self._lat[idx]
            mx, my = np.median(lon), np.median(lat)
            chosen = idx[int(np.argmin((lon - mx) ** 2 + (lat - my) ** 2))]
        e = self.entries[chosen]
        place = e.locality or e.municipality
        label = self._street_name[key] + (f", {place}" if place else "")
        reason = msg("gazetteer.no_house_number") if q.number is None else None
        if ambiguous:
            reason = msg("gazetteer.street_in_several", place=place)
        return GeocodeResult(e.lon, e.lat, Precision.STREET, round(score, 1), label, reason)

    def _street(
        self, name: str, q: ParsedAddress, loc: str, muni: str, hint: str
    ) -> GeocodeResult | None:
        for variant in street_variants(name):
            hits = self._candidates(street_key(variant), self._streets, "streets", loc, muni)
            if hits:
                key, ratio = hits[0]
                score = self._street_score(key, ratio, variant)
                return self._street_point(key, q, loc, muni, hint, score)
        return None

    def _named(
        self,
        table: dict[str, list[int]],
        kind: str,
        name: str,
        key: str,
        q: ParsedAddress,
        loc: str,
        muni: str,
        hint: str,
    ) -> tuple[GazetteerEntry, float, str | None] | None:
        hits = self._candidates(key, table, kind, loc, muni)
        if not hits:
            return None
        found, ratio = hits[0]
        idx = [i for i in table[found] if self._in_scope(i, loc, muni)]
        idx, ambiguous = self._prefer(idx, q, hint)
        e = self.entries[idx[0]]
        if ratio == 100:
            ratio = _EXACT if normalize_text(e.name) == normalize_text(name) else _FOLDED
        reason = None
        if ambiguous:
            others = sorted({self.entries[i].locality or "?" for i in idx[1:]})
            reason, ratio = msg("gazetteer.also_found", places=", ".join(others)), ratio - 10
        return e, ratio, reason

    def _place(
        self, name: str, q: ParsedAddress, loc: str, muni: str, hint: str
    ) -> GeocodeResult | None:
        hit = self._named(self._places, "places", name, street_key(name), q, loc, muni, hint)
        if hit is None:
            return None
        e, score, reason = hit
        # A named place is one site (a school, a station): as precise as an address.
        return GeocodeResult(e.lon, e.lat, Precision.ADDRESS, round(score, 1), e.label, reason)

    def _locality(
        self, name: str, q: ParsedAddress, loc: str, muni: str, hint: str
    ) -> GeocodeResult | None:
        hit = self._named(self._localities, "localities", name, _fold_key(name), q, "", muni, "")
        if hit is None:
            return None
        e, score, reason = hit
        return GeocodeResult(e.lon, e.lat, Precision.LOCALITY, round(score, 1), e.label, reason)


def _with(result: GeocodeResult, *, reason: str) -> GeocodeResult:
    """The result with ``reason`` put before the reason it already has."""
    full = f"{reason}; {result.reason}" if result.reason else reason
    return GeocodeResult(
        result.lon, result.lat, result.precision, result.score, result.matched, full
    )


def locality_entries(
    localities: Iterable, *, source: str = "svenska-stader"
) -> list[GazetteerEntry]:
    """Gazetteer entries of kind ``locality`` from localities.

    Takes :class:`~hotspots.geocode.localities.Locality` objects, so that a village named in
    an address column still gets a point.
    """
    return [
        GazetteerEntry(
            "locality",
            loc.name,
            locality=loc.name,
            municipality=loc.municipality,
            lon=loc.lon,
            lat=loc.lat,
            source=source,
        )
        for loc in localities
    ]


class GazetteerGeocoder(Geocoder):
    """The offline :class:`Gazetteer` behind the :class:`~hotspots.geocode.base.Geocoder` API.

    Parameters
    ----------
    gazetteer : the engine.
    locality, municipality : default scope of every lookup (e.g. the installation's kommun).
    """

    name = "gazetteer"

    @property
    def label(self) -> str:
        """``ortregistret`` in Swedish, ``gazetteer`` in English."""
        return msg("gazetteer.label")

    def __init__(
        self,
        gazetteer: Gazetteer,
        *,
        locality: str | None = None,
        municipality: str | None = None,
    ) -> None:
        self.gazetteer = gazetteer
        self.locality = locality
        self.municipality = municipality

    def geocode(
        self, text: str, *, locality: str | None = None, municipality: str | None = None
    ) -> GeocodeResult:
        """Place one text (see :meth:`Gazetteer.geocode`)."""
        return self.gazetteer.geocode(
            text,
            locality=locality or self.locality,
            municipality=municipality or self.municipality,
        )


# -- reading gazetteer files ----------------------------------------------------------------

# Header aliases, compared after folding ("Adressområde" -> "adressomrade",
# "addr:street" -> "addrstreet").
_COLUMNS = {
    "street": (
        "adressomrade",
        "adressomradesnamn",
        "gatunamn",
        "gata",
        "vagnamn",
        "street",
        "streetname",
        "addrstreet",
    ),
    "address": ("adress", "address", "gatuadress", "belagenhetsadress", "fulladdress"),
    "number": (
        "adressplatsnummer",
        "nummer",
        "husnummer",
        "nr",
        "number",
        "housenumber",
        "addrhousenumber",
    ),
    "letter": ("bokstav", "bokstavstillagg", "letter"),
    "postcode": (
        "postnummer",
        "postnr",
        "postcode",
        "postalcode",
        "zip",
        "zipcode",
        "addrpostcode",
    ),
    "locality": ("postort", "ort", "tatort", "locality", "city", "town", "addrcity", "addrplace"),
    "municipality": ("kommun", "kommunnamn", "municipality", "addrmunicipality"),
    "name": ("name", "namn", "platsnamn", "benamning"),
    "kind": ("kind",),
    "lat": ("lat", "latitude", "latitud", "wgs84lat"),
    "lon": ("lon", "lng", "long", "longitude", "longitud", "wgs84lon"),
    "north": ("n", "northing", "nord", "nkoordinat", "sweref99n"),
    "east": ("e", "easting", "ost", "ekoordinat", "sweref99e"),
    "x": ("x", "xkoordinat"),
    "y": ("y", "ykoordinat"),
}
_ALIAS = {alias: field for field, aliases in _COLUMNS.items() for alias in aliases}
_HOUSE_NUMBER = re.compile(r"^\s*(\d{1,5})\s*(?:-\s*\d+\s*)?([^\W\d_])?\s*$")


def _float(value) -> float:
    if value is None or isinstance(value, bool):
        return math.nan
    if isinstance(value, int | float):
        return float(value)
    text = str(value).strip()
    if not text:
        return math.nan
    if "," in text and "." not in text:  # decimal comma ("55,9366")
        text = text.replace(",", ".")
    try:
        return float(text.replace(" ", ""))
    except ValueError:
        return math.inf  # a non-number: the coordinate reader reports it as invalid


def _rows_from_csv(path: Path, encoding: str | None) -> tuple[list[str], list[tuple[int, dict]]]:
    for enc in [encoding] if encoding else ["utf-8-sig", "cp1252"]:
        try:
            with open(path, encoding=enc, newline="") as f:
                sample = f.read(65536)
                f.seek(0)
                try:
                    dialect = csv.Sniffer().sniff(sample.splitlines()[0], delimiters=",;\t|")
                except (csv.Error, IndexError):
                    dialect = csv.excel
                reader = csv.DictReader(f, dialect=dialect)
                rows = []
                for row in reader:
                    rows.append((reader.line_num, row))
                return list(reader.fieldnames or []), rows
        except UnicodeDecodeError:
            continue
    raise InputError(msg("gazetteer.undecodable", file=path))


def _rows_from_geojson(path: Path) -> tuple[list[str], list[tuple[int, dict]], int | None]:
    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
    except (OSError, ValueError) as exc:
        raise InputError(msg("gazetteer.unreadable_geojson", file=path, detail=exc)) from None
    features = data.get("features") if isinstance(data, dict) else None
    if features is None:
        raise InputError(msg("gazetteer.not_collection", file=path))
    # Pre-RFC 7946 files may name their CRS ("urn:ogc:def:crs:EPSG::3006").
    crs = None
    name = ((data.get("crs") or {}).get("properties") or {}).get("name", "")
    m = re.search(r"EPSG:+(\d+)", str(name))
    if m and m.group(1) not in ("4326", "84"):
        crs = int(m.group(1))
    fields: dict[str, None] = {}
    rows = []
    for n, feature in enumerate(features, start=1):
        props = dict(feature.get("properties") or {})
        fields.update(dict.fromkeys(props))
        geom = feature.get("geometry")
        try:
            point = shape(geom).representative_point() if geom else None
        except (ValueError, TypeError, AttributeError):
            point = None
        props["__x"], props["__y"] = (point.x, point.y) if point else (None, None)
        rows.append((n, props))
    return list(fields), rows, crs


def read_gazetteer_file(
    path: str | Path,
    *,
    source: str | None = None,
    crs: int | None = None,
    encoding: str | None = None,
    on_error: Callable[[RowError], object] | None = None,
) -> Iterator[GazetteerEntry]:
    """Read gazetteer entries from a CSV or GeoJSON file with Swedish or English headers.

    Understands Lantmäteriet-style columns (adressområde/gatunamn, adressplatsnummer,
    bokstavstillägg, postnummer, postort, kommun, N/E in SWEREF 99 TM or lat/lon) and
    OSM-extract-style ones (name, lat, lon, addr:street, addr:housenumber, addr:postcode,
    addr:city). A row with street and number is an ``address`` (and also a ``place`` if it
    has a name of its own); a street without number a ``street``; a name alone a ``place``;
    a locality alone a ``locality``. A ``kind`` column overrides this.

    Parameters
    ----------
    path : CSV (``,``/``;``/tab separated) or ``.geojson``/``.json`` file.
    source : stored in each entry; defaults to the file name.
    crs : EPSG code of projected columns; detected and reported when None.
    encoding : CSV encoding; UTF-8, then Windows-1252 when None.
    on_error : called with a :class:`hotspots.ingest.raw.RowError` for every row that
        cannot be used, and with ``RowError(0, None, message)`` for file-level notes (the CRS
        read). When None, they are logged.

    Yields
    ------
    GazetteerEntry

    Raises
    ------
    InputError
        If the file cannot be read or has no usable coordinate columns.
    """
    path = Path(path)
    source = source or path.name
    problems: list[RowError] = []
    report = on_error if on_error is not None else problems.append
    if path.suffix.lower() in (".geojson", ".json"):
        fields, rows, file_crs = _rows_from_geojson(path)
        # RFC 7946: lon/lat unless the (older) file names another CRS.
        crs = crs or file_crs or 4326
        coord = {"x": "__x", "y": "__y"}
        roles = "xy"
    else:
        fields, rows = _rows_from_csv(path, encoding)
        coord = {}
        roles = "latlon"
    columns: dict[str, str] = {}
    for name in fields:
        target = _ALIAS.get(re.sub(r"[\W_]", "", ascii_fold(str(name))))
        if target and target not in columns:
            columns[target] = name
    if not coord:
        for pair, role in (
            (("lat", "lon"), "latlon"),
            (("north", "east"), "latlon"),
            (("x", "y"), "xy"),
        ):
            if pair[0] in columns and pair[1] in columns:
                coord = {"a": columns[pair[0]], "b": columns[pair[1]]}
                roles = role
                break
        else:
            raise InputError(msg("gazetteer.no_coordinate_columns", file=path.name))
        a_col, b_col = coord["a"], coord["b"]
    else:
        a_col, b_col = coord["x"], coord["y"]

    a = np.array([_float(r.get(a_col)) for _, r in rows])
    b = np.array([_float(r.get(b_col)) for _, r in rows])
    reader = CoordinateReader(roles=roles, crs=crs)
    res = reader.resolve(a, b)
    for note in reader.warnings:
        report(RowError(0, None, f"{path.name}: {note}"))

    def get(row: dict, field: str) -> str | None:
        value = row.get(columns[field]) if field in columns else None
        text = str(value).strip() if value is not None else ""
        return text or None

    for k, (line, row) in enumerate(rows):
        if res.status[k] != "ok":
            reason = res.reason[k] or msg("gazetteer.no_coordinates")
            report(RowError(line, "coordinates", reason))
            continue
        lon, lat = float(res.lon[k]), float(res.lat[k])
        street, number, letter = get(row, "street"), get(row, "number"), get(row, "letter")
        postcode = get(row, "postcode")
        locality, name = get(row, "locality"), get(row, "name")
        common = {
            "postcode": normalize_postcode(postcode) or postcode,
            "locality": locality,
            "municipality": get(row, "municipality"),
            "lon": lon,
            "lat": lat,
            "source": source,
        }
        full = get(row, "address")
        if full and not street:
            parsed = parse_address(full)
            street = full
            if parsed.number is not None:
                # Keep the source's spelling of the street: cut it before the number.
                m = re.match(r"^(.*?\D)\s*\d", full)
                street = (m.group(1) if m else full).strip(" ,")
                number = f"{parsed.number}{parsed.letter or ''}"
        num = None
        if number:
            m = _HOUSE_NUMBER.match(number)
            if not m:
                report(RowError(line, "number", msg("gazetteer.bad_number"), number))
                continue
            num = int(m.group(1))
            letter = letter or m.group(2)
        letter = letter.upper() if letter else None
        kind = (get(row, "kind") or "").casefold() or None
        if kind is not None and kind not in KINDS:
            report(RowError(line, "kind", msg("gazetteer.bad_kind", kinds=", ".join(KINDS)), kind))
            continue
        made = False
        if street and (num is not None or kind == "address") and kind in (None, "address"):
            if num is None:
                report(RowError(line, "number", msg("gazetteer.address_without_number")))
                continue
            label = f"{street} {num}{letter or ''}"
            yield GazetteerEntry("address", label, street, num, letter, **common)
            made = True
        elif street and not name and kind in (None, "street"):
            yield GazetteerEntry("street", street, street, **common)
            made = True
        if name and kind in (None, "place") and (not made or name != street):
            yield GazetteerEntry("place", name, street, num, letter, **common)
            made = True
        elif kind == "locality" or (not made and not name and locality and kind is None):
            yield GazetteerEntry("locality", name or locality or "", **common)
            made = True
        if not made:
            report(RowError(line, None, msg("gazetteer.no_street_or_name")))
    if on_error is None and problems:
        rows_bad = [p for p in problems if p.line]
        for p in problems:
            if not p.line:
                log.info("%s", p.reason)
        if rows_bad:
            log.warning(
                "%s: %d rows not used (first: line %d, %s)",
                path.name,
                len(rows_bad),
                rows_bad[0].line,
                rows_bad[0].reason,
            )
