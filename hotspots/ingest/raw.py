"""The contract between readers and the import pipeline.

Every reader (CSV, GeoJSON, polisen.se) turns a file into a :class:`SourceInfo` and an
iterator of *raw chunks*: pandas DataFrames with

* an int column ``line``: the 1-based line (CSV: record number + 1 for the header; JSON:
  the event's position, 1-based) used in every error message, and
* any of the canonical text columns in :data:`CANONICAL_FIELDS`, dtype ``object``, holding
  ``str`` or ``None`` (never NaN) exactly as read: no parsing has happened yet.

Readers raise :class:`hotspots.errors.InputError` for whole-file problems (empty, binary,
header only, unknown encoding, required column missing) and never drop a row: a row they
cannot even split into fields is yielded in ``SourceInfo.row_errors``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from hotspots.i18n import msg

__all__ = ["CANONICAL_FIELDS", "RowError", "SourceInfo"]

#: Canonical field names, with what they hold.
CANONICAL_FIELDS: dict[str, str] = {
    "external_id": "the source's own id of the row (ärendenummer, id, crime_id ...)",
    "datetime": "date and time in one value",
    "date": "date only (datum)",
    "time": "time of day only (tid, klockslag)",
    "occurred_from": "start of the time window (från, starttid)",
    "occurred_to": "end of the time window (till, sluttid)",
    "category": "category name as the source writes it (kategori, typ, brottstyp)",
    "description": "free text (beskrivning, anteckning, summary)",
    "address": "street address (adress, gatuadress)",
    "place": "place or locality name (plats, ort, område)",
    "municipality": "kommun name",
    "lat": "latitude in degrees, or northing when the file says N",
    "lon": "longitude in degrees, or easting when the file says E",
    "x": "x / easting (metres or degrees; CRS decided later)",
    "y": "y / northing (metres or degrees; CRS decided later)",
    "walk": "name of the trygghetsvandring an observation belongs to",
    "severity": "severity of an observation (1-3)",
    "status": "workflow status (ny, rapporterad, åtgärdad, avslutad)",
    "precision": "geocode precision already known by the reader (polisen: municipality)",
}


@dataclass(frozen=True)
class RowError:
    """Why one input row was rejected (or needs review)."""

    line: int
    field: str | None
    reason: str
    value: str | None = None

    def as_dict(self) -> dict:
        """Plain dict for ``--json`` output and storage."""
        return {"line": self.line, "field": self.field, "reason": self.reason, "value": self.value}

    def __str__(self) -> str:
        where = (
            msg("row.line_field", line=self.line, field=self.field)
            if self.field
            else msg("row.line", line=self.line)
        )
        val = f" ({msg('row.value', value=self.value)})" if self.value is not None else ""
        return f"{where}: {self.reason}{val}"


@dataclass
class SourceInfo:
    """What a reader learnt about the whole file."""

    format: str
    encoding: str | None = None
    delimiter: str | None = None
    #: canonical field -> the source's header (or JSON key) it came from
    columns: dict[str, str] = field(default_factory=dict)
    #: source headers that mapped to nothing (kept for the summary)
    unmapped: list[str] = field(default_factory=list)
    #: file-level notes for the user (e.g. "decimal comma", "Windows-1252")
    warnings: list[str] = field(default_factory=list)
    #: rows the reader could not split into fields at all
    row_errors: list[RowError] = field(default_factory=list)
    #: True: 03/04 is 3 April; False: March 4; None: not decided by the reader
    dayfirst: bool | None = None
