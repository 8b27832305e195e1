"""Request and response models of the records API.

Incidents, imports, walks, observations, photos and measures.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Generic, Literal, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

T = TypeVar("T")

#: Text without NUL characters (PostgreSQL cannot store them).
NO_NUL = r"^[^\x00]*$"
#: Years a time may name (pandas and both databases hold these).
YEARS = (1900, 2200)


def _year_in_range(value: datetime | date | None) -> datetime | date | None:
    if value is not None and not YEARS[0] <= value.year <= YEARS[1]:
        raise ValueError(f"the year must be {YEARS[0]} … {YEARS[1]}")
    return value


def Str(max_length: int, min_length: int | None = None):
    """A string of at most ``max_length`` characters, without NUL."""
    return Annotated[str, Field(min_length=min_length, max_length=max_length, pattern=NO_NUL)]


#: A value as a file would hold it: text or a number (read by the import engine).
Raw = Str(500) | int | float | None
Text = Str(10_000) | None
#: A point in time (or a day: local midnight) within :data:`YEARS`.
When = Annotated[datetime | date | None, AfterValidator(_year_in_range)]
Time = Annotated[datetime | None, AfterValidator(_year_in_range)]
#: A database id.
Id = Annotated[int, Field(ge=1, le=2_147_483_647)]


class Page(BaseModel, Generic[T]):
    """One page of a list; ``next`` is the address of the next page (None on the last)."""

    items: list[T]
    total: int = Field(description="How many items match in all.")
    limit: int
    offset: int
    next: str | None = None


# ------------------------------------------------------------------ incidents
class IncidentIn(BaseModel):
    """One posted incident, read like a row of a CSV import (same fields and rules).

    Give the time as ``datetime``, or ``date`` (+ ``time``), or a window
    ``occurred_from``/``occurred_to``; the place as ``lat``/``lon`` (WGS84 or SWEREF 99
    metres, detected as in an import) or ``x``/``y``, or as ``address``/``place`` text for
    the gazetteer. Without ``external_id`` the record gets a stable id from its content,
    so posting it again is a duplicate.
    """

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "external_id": "K-2026-0042",
                    "datetime": "2026-03-02T22:15:00+01:00",
                    "category": "skadegörelse",
                    "description": "Krossad ruta",
                    "lat": 55.9362,
                    "lon": 13.5413,
                }
            ]
        },
    )

    external_id: Str(200) | int | None = None
    datetime: Raw = None
    date: Raw = None
    time: Raw = None
    occurred_from: Raw = None
    occurred_to: Raw = None
    category: Str(500) | None = None
    description: Text = None
    address: Str(500) | None = None
    place: Str(500) | None = None
    municipality: Str(120) | None = None
    lat: Raw = None
    lon: Raw = None
    x: Raw = None
    y: Raw = None


class IncidentOut(BaseModel):
    """A stored incident."""

    id: int
    source: str
    external_id: str
    category: str
    raw_category: str | None = None
    occurred_from: datetime
    occurred_to: datetime | None = None
    description: str | None = None
    address: str | None = None
    place: str | None = None
    municipality: str | None = None
    lon: float | None = None
    lat: float | None = None
    precision: str
    geocode_score: float | None = None
    geocode_note: str | None = None
    review: str | None = None
    outside_area: bool = False
    batch_id: int | None = None
    created_at: datetime | None = None


class RowErrorOut(BaseModel):
    """A rejected row: its line, the field and why."""

    line: int
    field: str | None = None
    reason: str
    value: str | None = None


class DuplicateOut(BaseModel):
    """A row not stored because its ``(source, external_id)`` exists."""

    line: int
    external_id: str
    reason: str


class RowOutcome(BaseModel):
    """What happened to one posted record (``line`` 1 is the first)."""

    line: int
    outcome: Literal["stored", "duplicate", "rejected"]
    kind: Literal["incident", "observation"] | None = Field(
        None, description="The table the category decided (stored and duplicate rows)."
    )
    id: int | None = Field(
        None, description="Id of the stored record (of a duplicate: the one stored before)."
    )
    external_id: str | None = None
    field: str | None = None
    reason: str | None = None


class ImportReportOut(BaseModel):
    """The per-row report of an import: ``read = stored + duplicate + rejected``."""

    file: str
    source: str
    format: str
    dry_run: bool = False
    batch_id: int | None = None
    encoding: str | None = None
    delimiter: str | None = None
    columns: dict[str, str] = {}
    read: int
    stored: int
    duplicate: int
    rejected: int
    review: int
    incidents: int
    observations: int
    by_precision: dict[str, int] = {}
    unknown_categories: dict[str, int] = {}
    warnings: list[str] = []
    rejections: list[RowErrorOut] = []
    duplicates: list[DuplicateOut] = []
    rejections_not_listed: int = 0
    duplicates_not_listed: int = 0
    balanced: bool


class PostReport(ImportReportOut):
    """The import report of posted records, with the outcome of each record."""

    rows: list[RowOutcome]


class ImportBatchOut(BaseModel):
    """One import (file upload, posted records or CLI import)."""

    id: int
    kind: str
    source: str
    filename: str
    format: str
    encoding: str | None = None
    file_sha256: str | None = None
    file_bytes: int | None = None
    imported_by: str | None = None
    started_at: datetime
    finished_at: datetime | None = None
    rows_read: int
    rows_stored: int
    rows_duplicate: int
    rows_rejected: int
    rows_review: int
    options: dict[str, Any] | None = None
    warnings: list[str] | None = None


class ImportBatchDetail(ImportBatchOut):
    """One import with a page of its rejected rows."""

    rejections: Page[RowErrorOut]


# ------------------------------------------------------------------ walks
class WalkIn(BaseModel):
    """A new trygghetsvandring; ``name`` must be new (e.g. "Centrum 2026-03-02")."""

    model_config = ConfigDict(extra="forbid")

    name: Str(200, 1)
    area: Str(500) | None = None
    municipality: Str(120) | None = None
    walked_on: When = Field(
        None, description="When it was walked; a date or a time without zone is local time."
    )
    participants: Annotated[int | None, Field(ge=0, le=100_000)] = None
    note: Text = None


class WalkOut(BaseModel):
    """A walk with its number of observations."""

    id: int
    source: str
    name: str
    area: str | None = None
    municipality: str | None = None
    walked_on: datetime | None = None
    participants: int | None = None
    note: str | None = None
    created_at: datetime | None = None
    observations: int = 0


# ------------------------------------------------------------------ observations
class ObservationIn(BaseModel):
    """A walk observation from the field app (or a script).

    ``client_id`` is the app's own id of the observation: sending it again (a retried
    upload) returns the stored observation with status 200 instead of storing it twice.
    """

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "category": "belysning",
                    "lon": 13.5413,
                    "lat": 55.9362,
                    "accuracy_m": 6,
                    "description": "Trasig lampa i gångtunneln",
                    "severity": 2,
                    "client_id": "7f0c1d2e-0b7a-4c1e-9d3f-2a4b6c8d0e1f",
                }
            ]
        },
    )

    category: Str(200, 1)
    lon: Annotated[float | None, Field(ge=-180, le=180)] = None
    lat: Annotated[float | None, Field(ge=-90, le=90)] = None
    accuracy_m: Annotated[float | None, Field(ge=0, le=1_000_000)] = None
    occurred_at: Time = Field(
        None, description="When it was seen (default: now); without zone it is local time."
    )
    walk_id: Id | None = None
    description: Text = None
    address: Str(500) | None = None
    place: Str(500) | None = None
    municipality: Str(120) | None = None
    severity: Annotated[int | None, Field(ge=1, le=3)] = None
    client_id: Annotated[
        str | None, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9._:\-]+$")
    ] = None


class StatusChangeOut(BaseModel):
    """One status change."""

    status: str
    changed_at: datetime
    changed_by: str | None = None
    note: str | None = None


class PhotoOut(BaseModel):
    """A photo of an observation (the image itself: ``url``)."""

    id: int
    observation_id: int
    filename: str
    content_type: str
    size_bytes: int
    sha256: str
    created_at: datetime | None = None
    url: str


class ObservationOut(BaseModel):
    """A stored observation."""

    id: int
    source: str
    external_id: str
    client_id: str | None = None
    walk_id: Id | None = None
    category: str
    raw_category: str | None = None
    occurred_from: datetime
    occurred_to: datetime | None = None
    description: str | None = None
    address: str | None = None
    place: str | None = None
    municipality: str | None = None
    lon: float | None = None
    lat: float | None = None
    accuracy_m: float | None = None
    precision: str
    severity: int | None = None
    status: str
    review: str | None = None
    outside_area: bool = False
    batch_id: int | None = None
    created_at: datetime | None = None


class ObservationDetail(ObservationOut):
    """An observation with its status history (oldest first) and photos."""

    history: list[StatusChangeOut] = []
    photos: list[PhotoOut] = []


class StatusIn(BaseModel):
    """A status change.

    ``ny → rapporterad → åtgärdad / avslutad`` for observations,
    ``föreslagen → planerad → pågående → genomförd / avslutad`` for measures.
    """

    model_config = ConfigDict(extra="forbid")

    status: Str(40, 1)
    note: Str(2000) | None = None
    at: Time = Field(None, description="When it changed (default: now).")


# ------------------------------------------------------------------ measures
class MeasureIn(BaseModel):
    """A new measure (åtgärd) at a point or an area.

    A point is ``lon``/``lat`` with an optional ``radius_m``; an area is ``area_geojson``,
    a GeoJSON Polygon/MultiPolygon in lon/lat.
    """

    model_config = ConfigDict(extra="forbid")

    measure: Str(200, 1) = Field(description="A measure code of the catalogue (or its label).")
    title: Str(500, 1)
    description: Text = None
    lon: Annotated[float | None, Field(ge=-180, le=180)] = None
    lat: Annotated[float | None, Field(ge=-90, le=90)] = None
    radius_m: Annotated[float | None, Field(gt=0, le=1_000_000)] = None
    area_geojson: dict[str, Any] | None = None
    status: Str(40, 1) = "föreslagen"
    municipality: Str(120) | None = None
    decided_on: When = None
    starts_on: When = None
    ends_on: When = None
    cost_sek: Annotated[float | None, Field(ge=0, le=1e12)] = None
    note: Str(2000) | None = None
    observation_ids: list[Id] = Field(
        [], max_length=1000, description="Observations behind the measure (linked)."
    )
    run_ids: list[Id] = Field(
        [], max_length=1000, description="Stored hotspot analyses behind it (linked)."
    )


class MeasureOut(BaseModel):
    """A stored measure; ``status_changed_at`` is the time of its latest status change."""

    id: int
    measure: str
    title: str
    description: str | None = None
    status: str
    municipality: str | None = None
    lon: float | None = None
    lat: float | None = None
    radius_m: float | None = None
    area_geojson: dict[str, Any] | None = None
    decided_on: datetime | None = None
    starts_on: datetime | None = None
    ends_on: datetime | None = None
    cost_sek: float | None = None
    status_changed_at: datetime | None = None


class LinkIn(BaseModel):
    """A link of a measure to an observation or a stored hotspot analysis (``run``)."""

    model_config = ConfigDict(extra="forbid")

    kind: Literal["observation", "run"]
    ref_id: Id
    note: Str(2000) | None = None


class LinkOut(BaseModel):
    """A link of a measure; ``label`` names its target for people."""

    kind: str
    ref_id: int
    label: str
    note: str | None = None
    created_by: str | None = None
    created_at: datetime | None = None


class MeasureDetail(MeasureOut):
    """A measure with its status history (oldest first) and its links."""

    history: list[StatusChangeOut] = []
    links: list[LinkOut] = []
