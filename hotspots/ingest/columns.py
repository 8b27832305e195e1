"""Recognise which source column holds which canonical field.

Headers are compared after :func:`normalize_header` (case, accents, spaces and punctuation
folded), so ``Ärende-ID``, ``ärende id`` and ``ArendeId`` are one name.

Recognition has two levels:

1. *exact*: the whole header is a known synonym (``datum``, ``OPEN_DT``, ``crime_type``);
2. *partial*: a word of the header is a known word for the field (``Typ av händelse``,
   ``incident_date``) or a Swedish compound ends in it (``Händelsedatum``, ``Brottsplats``).
   Short or ambiguous synonyms (``id``, ``x``, ``status`` ...) never match partially, and
   camelCase is not split for it (Boston's ``OnTime_Status`` is no time).

Each field takes the best candidate: exact before partial, then the synonym listed first
(the more specific one), then the leftmost column. Headers that lose are reported as
unmapped. An explicit mapping (``--map datum=Händelsedatum``) always wins.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from hotspots.errors import InputError
from hotspots.i18n import msg
from hotspots.ingest.raw import CANONICAL_FIELDS

__all__ = [
    "SYNONYMS",
    "ColumnMatch",
    "match_columns",
    "normalize_header",
    "parse_column_map",
    "require_columns",
    "resolve_field",
]

#: Exact synonyms per canonical field, most specific first (compared normalized).
SYNONYMS: dict[str, tuple[str, ...]] = {
    "datetime": (
        "datum_tid", "datum_och_tid", "datum_klockslag", "tidpunkt", "händelsetid",
        "datetime", "date_time", "timestamp", "occurred_at", "occurred_on", "open_dt",
    ),
    "date": ("datum", "händelsedatum", "brottsdatum", "date", "dag", "month", "månad"),
    "time": ("klockslag", "tid", "kl", "time"),
    "occurred_from": (
        "från", "fran_och_med", "starttid", "startdatum", "från_datum", "datum_från",
        "from", "start", "date_from", "from_date", "start_date", "start_time",
    ),
    "occurred_to": (
        "till", "till_och_med", "sluttid", "slutdatum", "till_datum", "datum_till",
        "to", "end", "date_to", "to_date", "end_date", "end_time",
    ),
    "category": (
        "brottstyp", "brottskategori", "händelsetyp", "ärendetyp", "crime_type", "kategori",
        "category", "typ", "type", "typ_av_händelse", "offense", "offence",
    ),
    "description": (
        "beskrivning", "händelsebeskrivning", "description", "anteckning", "anteckningar",
        "kommentar", "notering", "note", "notes", "comment", "summary", "case_title", "text",
    ),
    "address": (
        "gatuadress", "adress", "address", "street_address", "location", "gata",
    ),
    "place": (
        "plats", "platsnamn", "ort", "område", "stadsdel", "place", "locality",
        "neighbourhood", "neighborhood",
    ),
    "municipality": (
        "kommun", "kommunnamn", "kommun_namn", "kom_namn", "municipality",
        "municipality_name",
    ),
    "lat": ("latitude", "latitud", "lat", "breddgrad", "wgs84_lat"),
    "lon": ("longitude", "longitud", "lon", "lng", "long", "längdgrad", "wgs84_lon"),
    "y": ("northing", "norr", "n", "y", "y_koordinat", "koordinat_y", "nordkoordinat"),
    "x": ("easting", "öst", "ost", "e", "x", "x_koordinat", "koordinat_x", "ostkoordinat"),
    "external_id": (
        "ärendenummer", "ärendenr", "ärende_nr", "ärende_id", "diarienummer", "diarienr",
        "dnr", "case_id", "crime_id", "case_enquiry_id", "case_number", "incident_id",
        "event_id", "external_id", "löpnummer", "objectid", "id",
    ),
    "walk": ("vandring", "trygghetsvandring", "vandringsnamn", "walk", "walk_name"),
    "severity": ("allvarlighetsgrad", "allvarlighet", "severity"),
    "status": ("status",),
}

# Words that match as one word of a longer header; and Swedish compound heads
# ("Händelse|datum") that match as the end of a word.
_PARTIAL_WORDS: dict[str, tuple[str, ...]] = {
    "datetime": ("tidpunkt", "timestamp", "datetime"),
    "date": ("datum", "date"),
    "time": ("klockslag", "tid", "time"),
    "category": ("kategori", "category", "brottstyp", "typ", "type"),
    "description": ("beskrivning", "description", "kommentar", "anteckning", "notering",
                    "comment"),
    "address": ("adress", "address"),
    "place": ("plats", "omrade", "locality", "neighbourhood", "neighborhood"),
    "municipality": ("kommun", "municipality"),
    "lat": ("latitude", "latitud", "lat"),
    "lon": ("longitude", "longitud", "lon", "lng"),
}
_COMPOUND_HEADS: dict[str, tuple[str, ...]] = {
    "datetime": ("tidpunkt",),
    "date": ("datum",),
    "time": ("klockslag", "tid"),
    "category": ("kategori", "typ"),
    "description": ("beskrivning", "kommentar", "anteckning"),
    "address": ("adress",),
    "place": ("plats", "omrade"),
    "municipality": ("kommun",),
}

_EXACT, _WORD, _COMPOUND = 3, 2, 1

# The fields a file needs, in the words of the error message.
_DATE_FIELDS = ("datetime", "date", "occurred_from")
_LOCATION_SETS = (("lat", "lon"), ("x", "y"), ("address",), ("place",))


def normalize_header(name: str) -> str:
    """Fold a header for comparison: ``"Ärende-ID"`` -> ``"arende_id"``.

    Case and accents are folded and every run of other characters becomes one
    underscore.
    """
    text = unicodedata.normalize("NFKD", name.strip().casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "_", text).strip("_")


def _compact(name: str) -> str:
    """The exact-match key: normalized without separators (``CrimeType`` = ``crime_type``)."""
    return normalize_header(name).replace("_", "")


def _build_exact() -> dict[str, tuple[str, int]]:
    table: dict[str, tuple[str, int]] = {}
    for canonical, names in SYNONYMS.items():
        for rank, synonym in enumerate(names):
            key = _compact(synonym)
            if key in table and table[key][0] != canonical:
                raise AssertionError(f"synonym {synonym!r} is listed for two fields")
            table.setdefault(key, (canonical, rank))
    for canonical in CANONICAL_FIELDS:
        table.setdefault(_compact(canonical), (canonical, len(SYNONYMS.get(canonical, ()))))
    return table


_EXACT_TABLE = _build_exact()


@dataclass
class ColumnMatch:
    """Which source column feeds which canonical field.

    Attributes
    ----------
    columns
        canonical field -> source header, as :attr:`SourceInfo.columns` wants it.
    positions
        canonical field -> 0-based column position (headers may repeat).
    unmapped
        Non-empty headers that feed nothing, in file order.
    """

    columns: dict[str, str] = field(default_factory=dict)
    positions: dict[str, int] = field(default_factory=dict)
    unmapped: list[str] = field(default_factory=list)


def resolve_field(name: str) -> str:
    """The canonical field a user-given name means: ``"datum"`` -> ``"date"``.

    Accepts canonical names and every synonym in :data:`SYNONYMS` (Swedish or English).

    Raises
    ------
    InputError
        The name is no known field.
    """
    hit = _EXACT_TABLE.get(_compact(name))
    if hit is None:
        known = ", ".join(CANONICAL_FIELDS)
        raise InputError(msg("columns.unknown_field", name=name, known=known))
    return hit[0]


def parse_column_map(text: str) -> dict[str, str]:
    """Parse ``--map datum=Händelsedatum,kategori=Typ av händelse`` into a dict.

    Keys are resolved with :func:`resolve_field`; values are kept verbatim (stripped).

    Raises
    ------
    InputError
        An item has no ``=``, or its field is unknown or given twice.
    """
    mapping: dict[str, str] = {}
    for item in filter(None, (part.strip() for part in text.split(","))):
        key, sep, header = item.partition("=")
        if not sep or not key.strip() or not header.strip():
            raise InputError(msg("columns.bad_item", item=item))
        canonical = resolve_field(key)
        if canonical in mapping:
            raise InputError(msg("columns.twice", name=key.strip()))
        mapping[canonical] = header.strip()
    return mapping


def _find_header(header: str, headers: Sequence[str], source: str) -> int:
    """Position of ``header``: exact text first, then the unique normalized match."""
    for i, h in enumerate(headers):
        if h == header:
            return i
    folded = normalize_header(header)
    hits = [i for i, h in enumerate(headers) if normalize_header(h) == folded]
    if len(hits) == 1:
        return hits[0]
    found = ", ".join(repr(h) for h in headers if h.strip())
    raise InputError(msg("columns.not_in_file", file=source, header=header, found=found))


def _candidates(header: str) -> list[tuple[int, int, str]]:
    """(level, rank, field) for every field this header could feed."""
    found: list[tuple[int, int, str]] = []
    exact = _EXACT_TABLE.get(_compact(header))
    if exact is not None:
        found.append((_EXACT, exact[1], exact[0]))
        return found
    words = normalize_header(header).split("_")
    for canonical, partial in _PARTIAL_WORDS.items():
        for rank, word in enumerate(partial):
            if word in words:
                found.append((_WORD, rank, canonical))
                break
    for canonical, heads in _COMPOUND_HEADS.items():
        for rank, head in enumerate(heads):
            if any(w.endswith(head) and len(w) > len(head) + 2 for w in words):
                found.append((_COMPOUND, rank, canonical))
                break
    return found


def match_columns(
    headers: Sequence[str],
    *,
    column_map: Mapping[str, str] | None = None,
    source: str = "file",
) -> ColumnMatch:
    """Map source headers to canonical fields.

    Parameters
    ----------
    headers
        The file's header row, in order. Empty headers (a spreadsheet's row-index column)
        are ignored.
    column_map
        Explicit mapping field -> header; fields may be canonical or Swedish/English
        synonyms (``datum``, ``kategori``). It overrides recognition.
    source
        The file name, for error messages.

    Returns
    -------
    ColumnMatch

    Raises
    ------
    InputError
        ``column_map`` names an unknown field or a header the file does not have.
    """
    match = ColumnMatch()
    taken: set[int] = set()
    for key, header in (column_map or {}).items():
        canonical = resolve_field(key)
        pos = _find_header(header, headers, source)
        if canonical in match.positions and match.positions[canonical] != pos:
            raise InputError(msg("columns.twice", name=key))
        match.positions[canonical] = pos
        taken.add(pos)

    scored: list[tuple[int, int, int, str]] = []
    for pos, header in enumerate(headers):
        if pos in taken or not header.strip():
            continue
        for level, rank, canonical in _candidates(header):
            scored.append((-level, rank, pos, canonical))
    # Greedy over the best candidates first: every field and every column is used once.
    for _, _, pos, canonical in sorted(scored):
        if canonical in match.positions or pos in taken:
            continue
        match.positions[canonical] = pos
        taken.add(pos)

    match.positions = dict(sorted(match.positions.items(), key=lambda kv: kv[1]))
    match.columns = {f: headers[p] for f, p in match.positions.items()}
    match.unmapped = [h for i, h in enumerate(headers) if i not in taken and h.strip()]
    return match


def require_columns(columns: Mapping[str, str], headers: Sequence[str], *, source: str) -> None:
    """Check that the mapped columns give a date and a location.

    A date is ``datetime``, ``date`` or ``occurred_from``; a location is ``lat`` + ``lon``,
    ``x`` + ``y``, ``address`` or ``place``.

    Raises
    ------
    InputError
        One line naming what is missing, the headers found and the ``--map`` hint.
    """
    missing: list[str] = []
    if not any(f in columns for f in _DATE_FIELDS):
        missing.append(msg("columns.need_date"))
    if not any(all(f in columns for f in group) for group in _LOCATION_SETS):
        half = [
            msg("columns.half_pair", have=have, header=columns[have], other=other)
            for have, other in (("lat", "lon"), ("lon", "lat"), ("x", "y"), ("y", "x"))
            if have in columns and other not in columns
        ]
        missing.append(
            msg("columns.need_location_found", half=", ".join(half))
            if half
            else msg("columns.need_location")
        )
    if missing:
        found = ", ".join(repr(h) for h in headers if h.strip()) or msg("common.none")
        raise InputError(msg(
            "columns.missing",
            file=source,
            missing=f" {msg('common.and')} ".join(missing),
            found=found,
        ))
