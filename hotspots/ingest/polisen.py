"""Reader for polisen.se events (the ``/api/events`` format), as JSON array or JSON lines.

A file is either one JSON array of event objects or one event object per line (JSONL), plain
or gzip-compressed (detected from the content, not the name). An event looks like::

    {"id": 373624, "datetime": "2022-10-03 6:42:47 +02:00",
     "name": "03 oktober 00:50, Mord/dråp, försök, Hässleholm",
     "summary": "...", "url": "/aktuellt/handelser/...", "type": "Mord/dråp, försök",
     "location": {"name": "Hässleholm", "gps": "56.158915,13.766765"},
     "html_preamble": "...", "html_body": "..."}        # the last two only in some files

What the reader yields per event (see :mod:`hotspots.ingest.raw` for the contract):

``external_id``
    ``str(id)``.
``occurred_from``
    ISO 8601 local time with offset (``"2022-10-03T00:50:00+02:00"``) taken from ``name``,
    which starts with day, Swedish month and time ("22 augusti 17.59" or "03 oktober 00:50").
    ``datetime`` is the *publication* time and gives only the year: the year is the one that
    puts the incident date nearest to the publication date, so "31 december 23.40" published
    "2024-01-01 00:30 +01:00" is 2023-12-31. Times are Europe/Stockholm wall-clock times
    (zoneinfo, DST-aware); in the repeated autumn hour the first (summer-time) reading is
    taken. A name with a date but no time gives a window over that day (``occurred_from`` and
    ``occurred_to``); a name with no date falls back to the publication time, and the row's
    ``note`` says so. An event whose time cannot be read either way is a row error.
``category``, ``raw_category``
    The catalogue code the event ``type`` maps to (``data/polisen_types.csv``, validated by
    :mod:`hotspots.ingest.polisen_types`), and the ``type`` itself. A type missing from the
    mapping goes through the catalogue's names and aliases, else to the incident fallback
    (``ovrigt``), with a note. "Sammanfattning natt", "Sammanfattning kväll och natt" and the
    other "Sammanfattning …" events summarise several incidents of a night or day in one text:
    they are mapped to the fallback category like any other type (by the mapping file), kept as
    one row (not split into incidents), noted as summaries, and never placed on a locality
    named in their text (those places belong to different incidents).
``description``
    ``summary``, then ``html_preamble`` (when it is not just the summary again) and
    ``html_body``, separated by newlines.
``municipality``, ``lat``, ``lon``, ``precision``, ``place``, ``reason``
    polisen.se gives no incident location: ``location.gps`` is the centroid of the kommun
    named in ``location.name`` (or of the county for "<X> län" events). Hence:

    * kommun events: the kommun (official spelling), ``gps`` as lat/lon, precision
      ``municipality``;
    * "<X> län" events whose title ends in a kommun ("…, Trafikolycka, Höör"): that kommun,
      its centroid from the kommun boundaries, precision ``municipality``. Since late January
      2026 every event is written this way (``location.name`` is always a county), so this is
      the normal case for current data;
    * "<X> län" events without a kommun: municipality is the county name, lat/lon are empty and
      precision is ``failed``. The domain has no county level, and a county centroid drawn as a
      point would pretend a place; such events wait in the geocoding review queue, with
      ``reason`` saying why;
    * when summary, preamble or body name a locality (tätort/village) of the event's kommun
      (``data/localities``, via :func:`hotspots.geocode.localities.find_locality_in_text`),
      ``place`` is its name, lat/lon its point and precision ``locality``. The town that
      shares the kommun's name counts only in phrases that clearly mean the town
      ("centrala Höör", "Hässleholms centrum"): polisen.se ends many summaries with the kommun
      as a label ("Bilbrand, Hässleholm.") and writes "utanför Eslöv" for the countryside.

    ``reason`` says in one sentence (in the settings' language) how the location was decided.
``note``
    Other per-row remarks (time fallback, summary event, unknown type), or empty.

Nothing is dropped: a line that is not valid JSON, not an object, or has no ``id`` becomes a
:class:`~hotspots.ingest.raw.RowError` (``line`` is the line number in JSONL, the 1-based
position of the event in an array). Row errors and the end-of-file summary in
``SourceInfo.warnings`` are complete once the chunk iterator is exhausted.
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from functools import lru_cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pandas as pd

from hotspots.catalogue import Catalogue, Category, load_catalogue
from hotspots.domain import Precision
from hotspots.errors import HotspotsError, InputError
from hotspots.i18n import msg
from hotspots.ingest.polisen_types import TYPES_FILE, MappedBy, load_polisen_types
from hotspots.ingest.raw import RowError, SourceInfo

__all__ = ["read_polisen", "parse_event_time", "SWEDISH_MONTHS"]

TZ = ZoneInfo("Europe/Stockholm")

#: Swedish month names as polisen.se writes them (lower case).
SWEDISH_MONTHS = {
    name: i
    for i, name in enumerate(
        ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
         "september", "oktober", "november", "december"],
        start=1,
    )
}

COLUMNS = [
    "line", "external_id", "occurred_from", "occurred_to", "category", "raw_category",
    "description", "place", "municipality", "lat", "lon", "precision", "reason", "note",
]

_NAME_TIME = re.compile(
    r"^\s*(\d{1,2})\s+([a-zåäö]+)\.?(?:\s+(?:kl\.?\s*)?(\d{1,2})[.:](\d{2}))?\s*(?:,|$)",
    re.IGNORECASE,
)
_PUBLISHED = re.compile(
    r"^\s*(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?\s*"
    r"(Z|[+-]\d{2}:?\d{2})?\s*$"
)
_Resolve = Callable[[str | None], tuple[Category, MappedBy]]
_GPS = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$")


# ------------------------------------------------------------------ time
def _published(text: Any) -> datetime | None:
    if not isinstance(text, str):
        return None
    m = _PUBLISHED.match(text)
    if not m:
        return None
    y, mo, d, h, mi, s, off = m.groups()
    try:
        naive = datetime(int(y), int(mo), int(d), int(h), int(mi), int(s or 0))
    except ValueError:
        return None
    if off is None:
        return naive.replace(tzinfo=TZ)
    if off == "Z":
        return naive.replace(tzinfo=UTC)
    off = off.replace(":", "")
    delta = timedelta(hours=int(off[1:3]), minutes=int(off[3:5]))
    return naive.replace(tzinfo=timezone(-delta if off[0] == "-" else delta))


def _nearest_date(day: int, month: int, published: date) -> date | None:
    best: date | None = None
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            cand = date(year, month, day)
        except ValueError:  # 29 februari outside a leap year, 31 april ...
            continue
        if best is None or abs((cand - published).days) < abs((best - published).days):
            best = cand
    return best


def parse_event_time(
    name: str | None, published: str | None
) -> tuple[str | None, str | None, str | None]:
    """Incident time of an event from its ``name`` and publication ``datetime``.

    Returns
    -------
    occurred_from, occurred_to, note
        ISO 8601 strings with the Europe/Stockholm offset (``occurred_to`` only for a date
        without time), and a note when the publication time had to be used. ``occurred_from``
        is ``None`` when neither value can be read.

    Examples
    --------
    >>> parse_event_time("31 december 23.40, Brand, Höör", "2024-01-01 0:30:00 +01:00")
    ('2023-12-31T23:40:00+01:00', None, None)
    >>> parse_event_time("03 oktober 00:50, Rån, Eslöv", "2022-10-03 6:42:47 +02:00")[0]
    '2022-10-03T00:50:00+02:00'
    """
    pub = _published(published)
    m = _NAME_TIME.match(name) if isinstance(name, str) else None
    month = SWEDISH_MONTHS.get(m.group(2).casefold()) if m else None
    if m and month and pub is not None:
        day = _nearest_date(int(m.group(1)), month, pub.astimezone(TZ).date())
        if day is not None:
            if m.group(3) is not None:
                hour, minute = int(m.group(3)), int(m.group(4))
                if hour < 24 and minute < 60:
                    start = datetime(day.year, day.month, day.day, hour, minute, tzinfo=TZ)
                    return start.isoformat(), None, None
            else:
                start = datetime(day.year, day.month, day.day, tzinfo=TZ)
                end = datetime.combine(day + timedelta(days=1), start.time(), tzinfo=TZ)
                return start.isoformat(), end.isoformat(), None
    if pub is None:
        return None, None, None
    local = pub.astimezone(TZ).replace(microsecond=0)
    return local.isoformat(), None, msg("polisen.time_fallback")


# ------------------------------------------------------------------ location
class _Locator:
    """Kommun names, centroids and locality search, loaded once per file."""

    def __init__(self, data_dir: Path, warnings: list[str]) -> None:
        self.boundaries = None
        self.localities = None
        try:
            from hotspots.geocode.boundaries import load_boundaries

            self.boundaries = load_boundaries(Path(data_dir))
        except (ImportError, HotspotsError) as exc:
            warnings.append(msg("polisen.no_boundaries", detail=exc))
        try:
            from hotspots.geocode.localities import load_localities

            self.localities = load_localities(Path(data_dir))
        except (ImportError, HotspotsError) as exc:
            warnings.append(msg("polisen.no_localities", detail=exc))
        self._names: dict[str, str | None] = {}

    def kommun(self, name: str) -> str | None:
        """Official kommun name, or ``None`` if ``name`` is not a kommun."""
        if name not in self._names:
            b = self.boundaries
            self._names[name] = b.name(name) if b is not None and name in b else None
        return self._names[name]

    def centroid(self, kommun: str) -> tuple[str, str] | None:
        if self.boundaries is None:
            return None
        lon, lat = self.boundaries.centroid(kommun)
        return f"{lat:.6f}", f"{lon:.6f}"

    def locality(self, text: str, kommun: str) -> tuple[Any, str | None]:
        """The locality named in ``text``, or ``(None, why not)`` for an ambiguous name.

        polisen.se ends many summaries with the kommun as a label ("Bilbrand, Hässleholm.")
        and writes "utanför Eslöv" for the countryside: the town that shares the kommun's
        name counts only where the text clearly means the town ("centrala Höör",
        "Hässleholms centrum", "Eslövs tätort").
        """
        if self.localities is None or not text:
            return None, None
        from hotspots.geocode.localities import find_locality_in_text

        found = find_locality_in_text(text, municipality=kommun, localities=self.localities)
        if found is None or found.name.casefold() != kommun.casefold():
            return found, None
        name = re.escape(found.name)
        town = re.compile(
            rf"\bcentrala\s+{name}\b|\b{name}s?\s+(?:centrum|tätort|stad)\b", re.IGNORECASE
        )
        if town.search(text):
            return found, None
        return None, msg("polisen.namesake", name=found.name)


def _gps(value: Any) -> tuple[str, str] | None:
    m = _GPS.match(value) if isinstance(value, str) else None
    return (m.group(1), m.group(2)) if m else None


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


# ------------------------------------------------------------------ events
def _convert(
    event: dict, line: int, resolve: _Resolve, loc: _Locator, stats: Counter
) -> dict | RowError:
    ident = event.get("id")
    if ident is None or isinstance(ident, bool) or not str(ident).strip():
        return RowError(line, "id", msg("polisen.no_id"), _text(event.get("name")))
    name = event.get("name")
    start, end, note = parse_event_time(name, event.get("datetime"))
    if start is None:
        return RowError(
            line, "name", msg("polisen.no_time"),
            _text(name) or _text(event.get("datetime")),
        )
    notes = [note] if note else []
    if note:
        stats["time_fallback"] += 1

    raw_type = _text(event.get("type"))
    cat, how = resolve(raw_type)
    if how != "mapping":
        stats["unmapped_type"] += 1
        notes.append(msg("polisen.unmapped_type", type=raw_type))
    is_summary = bool(raw_type) and raw_type.casefold().startswith("sammanfattning")
    if is_summary:
        stats["summary"] += 1
        notes.append(msg("polisen.summary_event"))

    summary = _text(event.get("summary"))
    preamble = _text(event.get("html_preamble"))
    body = _text(event.get("html_body"))
    parts = [summary, preamble if preamble != summary else None, body]
    description = "\n".join(p for p in parts if p) or None

    location = event.get("location") if isinstance(event.get("location"), dict) else {}
    loc_name = _text(location.get("name"))
    lat = lon = place = None
    precision = Precision.FAILED
    municipality = loc_name
    kommun = None
    if loc_name is None:
        reason = msg("polisen.no_location")
    elif loc_name.casefold().endswith(" län"):
        last = name.rsplit(",", 1)[-1].strip() if isinstance(name, str) else ""
        kommun = loc.kommun(last) if last else None
        point = loc.centroid(kommun) if kommun else None
        if point is not None:
            municipality, (lat, lon) = kommun, point
            precision, reason = Precision.MUNICIPALITY, msg("polisen.kommun_from_title")
        else:
            kommun = None
            stats["county_only"] += 1
            reason = msg("polisen.county_only", county=loc_name)
    else:
        kommun = loc.kommun(loc_name)
        municipality = kommun or loc_name
        point = _gps(location.get("gps")) or (loc.centroid(kommun) if kommun else None)
        if point is not None:
            (lat, lon), precision, reason = point, Precision.MUNICIPALITY, msg(
                "polisen.kommun_only"
            )
        else:
            reason = msg("polisen.unknown_kommun", name=loc_name)
    if kommun is not None and is_summary:
        # The places of a summary belong to different incidents: none of them is its place.
        reason = msg("polisen.summary_reason", reason=reason)
    elif kommun is not None:
        text = "\n".join(p for p in (summary, preamble, body) if p)
        found, why_not = loc.locality(text, kommun)
        if why_not is not None:
            reason = why_not
        if found is not None:
            place, lat, lon = found.name, f"{found.lat:.6f}", f"{found.lon:.6f}"
            precision, reason = Precision.LOCALITY, msg("polisen.locality", name=found.name)
            stats["locality"] += 1

    return {
        "line": line,
        "external_id": str(ident).strip(),
        "occurred_from": start,
        "occurred_to": end,
        "category": cat.code,
        "raw_category": raw_type,
        "description": description,
        "place": place,
        "municipality": municipality,
        "lat": lat,
        "lon": lon,
        "precision": precision.value,
        "reason": reason,
        "note": "; ".join(notes) or None,
    }


def _open_bytes(path: Path) -> bytes:
    try:
        with open(path, "rb") as fh:
            head = fh.read(2)
        opener = gzip.open if head == b"\x1f\x8b" else open
        with opener(path, "rb") as fh:
            return fh.read()
    except FileNotFoundError:
        raise InputError(msg("polisen.file_missing", file=path)) from None
    except (OSError, EOFError) as exc:
        raise InputError(msg("polisen.file_unreadable", file=path, detail=exc)) from None


def _events(data: bytes, info: SourceInfo) -> Iterator[tuple[int, Any]]:
    """(line, parsed value or RowError) for every event of the file."""
    text_start = data.lstrip()[:1]
    if text_start == b"[":
        try:
            items = json.loads(data)
        except (ValueError, UnicodeDecodeError) as exc:
            raise InputError(msg("polisen.invalid_array", detail=exc)) from None
        if not isinstance(items, list):
            raise InputError(msg("polisen.not_array"))
        if not items:
            raise InputError(msg("polisen.empty_array"))
        info.format = "polisen-json"
        yield from enumerate(items, start=1)
        return
    info.format = "polisen-jsonl"
    lines = data.split(b"\n")
    first = next((i for i, raw in enumerate(lines) if raw.strip()), None)
    if first is not None:
        try:
            json.loads(lines[first])
        except (ValueError, UnicodeDecodeError):
            # A pretty-printed single event is one JSON document, not JSON lines.
            try:
                whole = json.loads(data)
            except (ValueError, UnicodeDecodeError):
                whole = None
            if isinstance(whole, dict):
                info.format = "polisen-json"
                yield 1, whole
                return
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        try:
            yield number, json.loads(raw)
        except UnicodeDecodeError:
            yield number, RowError(number, None, msg("polisen.line_not_utf8"))
        except ValueError as exc:
            value = raw[:200].decode("utf-8", "replace")
            yield number, RowError(number, None, msg("polisen.invalid_json", detail=exc), value)


def read_polisen(
    path: str | Path,
    *,
    chunk_rows: int = 50_000,
    catalogue: Catalogue | None = None,
    data_dir: str | Path | None = None,
) -> tuple[SourceInfo, Iterator[pd.DataFrame]]:
    """Read a polisen.se events file (JSON array or JSONL, plain or gzip).

    Parameters
    ----------
    path
        The file.
    chunk_rows
        Rows per yielded DataFrame.
    catalogue
        Category catalogue; ``data_dir/categories.toml`` (or the settings') by default.
    data_dir
        Folder with ``polisen_types.csv``, the kommun boundaries and the locality gazetteer;
        the settings' ``data_dir`` by default.

    Returns
    -------
    SourceInfo, iterator of DataFrame
        The chunks have the columns of :data:`COLUMNS`: ``line`` (int) and text columns
        holding ``str`` or ``None``. ``SourceInfo.row_errors`` fills while iterating.

    Raises
    ------
    InputError
        The file is missing, empty, binary, not UTF-8 or not JSON at all.
    CatalogueError
        The type mapping or the catalogue is invalid.
    """
    if chunk_rows < 1:
        raise ValueError("chunk_rows must be at least 1")
    if data_dir is None:
        from hotspots.settings import get_settings

        data_dir = get_settings().data_dir
    data_dir = Path(data_dir)
    if catalogue is None:
        catalogue = load_catalogue(data_dir / "categories.toml")
    types = load_polisen_types(data_dir / TYPES_FILE, catalogue=catalogue)
    # ~100 distinct types in 85,000 events: resolve each once.
    resolve = lru_cache(maxsize=None)(types.resolve)

    path = Path(path)
    data = _open_bytes(path)
    if data.startswith(b"\xef\xbb\xbf"):  # UTF-8 byte order mark (Windows editors)
        data = data[3:]
    if not data.strip():
        raise InputError(msg("polisen.empty", file=path))
    if b"\x00" in data[:8192]:
        raise InputError(msg("polisen.binary", file=path))
    if data.lstrip()[:1] not in (b"[", b"{"):
        raise InputError(msg("polisen.not_json", file=path))

    info = SourceInfo(
        format="polisen-json",
        encoding="utf-8",
        columns={
            "external_id": "id",
            "occurred_from": "name",
            "category": "type",
            "description": "summary",
            "municipality": "location.name",
            "lat": "location.gps",
            "lon": "location.gps",
            "place": "summary",
            "precision": "location",
        },
        unmapped=["url"],
        warnings=[msg("polisen.centroids")],
    )
    events = _events(data, info)
    # Peek so that the format (array or lines) is known when the caller reads `info`.
    first = next(events, None)
    locator = _Locator(data_dir, info.warnings)

    def chunks() -> Iterator[pd.DataFrame]:
        stats: Counter = Counter()
        columns: dict[str, list] = {c: [] for c in COLUMNS}
        pending = [first] if first is not None else []
        count = 0
        for line, value in _chain(pending, events):
            if isinstance(value, RowError):
                info.row_errors.append(value)
                continue
            if not isinstance(value, dict):
                info.row_errors.append(
                    RowError(line, None, msg("polisen.not_object"), str(value)[:200])
                )
                continue
            row = _convert(value, line, resolve, locator, stats)
            if isinstance(row, RowError):
                info.row_errors.append(row)
                continue
            for c in COLUMNS:
                columns[c].append(row[c])
            count += 1
            if count == chunk_rows:
                yield _frame(columns)
                columns = {c: [] for c in COLUMNS}
                count = 0
        if count:
            yield _frame(columns)
        _summarise(stats, info)

    return info, chunks()


def _chain(pending: list, rest: Iterator) -> Iterator:
    yield from pending
    yield from rest


def _frame(columns: dict[str, list]) -> pd.DataFrame:
    frame = pd.DataFrame(
        {c: pd.Series(v, dtype=object) for c, v in columns.items() if c != "line"}
    )
    frame.insert(0, "line", pd.Series(columns["line"], dtype="int64"))
    return frame


def _summarise(stats: Counter, info: SourceInfo) -> None:
    messages = {
        "locality": lambda n: msg("polisen.count_locality", n=n),
        "county_only": lambda n: msg("polisen.count_county_only", n=n),
        "summary": lambda n: msg("polisen.count_summary", n=n),
        "time_fallback": lambda n: msg("polisen.count_time_fallback", n=n),
        "unmapped_type": lambda n: msg("polisen.count_unmapped_type", n=n),
    }
    for key, text in messages.items():
        if stats[key]:
            info.warnings.append(text(stats[key]))
