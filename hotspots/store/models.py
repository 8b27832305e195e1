"""ORM tables. Private to ``hotspots.store``: rows never leave the package.

Points are ``lon``/``lat`` float columns on every backend; on PostgreSQL the migration
adds a generated ``geom geometry(Point, 4326)`` column with a GiST index, so the schema
(and this module) is the same on SQLite and PostGIS.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator):
    """Timezone-aware UTC datetimes on every backend (SQLite stores them naive)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):  # noqa: D102
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: store timezone-aware values")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value, dialect):  # noqa: D102
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _now() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    """Declarative base with a naming convention (stable constraint names)."""

    metadata = MetaData(naming_convention=NAMING)


class ImportBatch(Base):
    """One run of ``hotspots import`` (or gazetteer import): who, when, what file, counts."""

    __tablename__ = "import_batches"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), default="records")  # records | gazetteer
    source: Mapped[str] = mapped_column(String(120))
    filename: Mapped[str] = mapped_column(Text)
    file_sha256: Mapped[str | None] = mapped_column(String(64))
    file_bytes: Mapped[int | None] = mapped_column(Integer)
    format: Mapped[str] = mapped_column(String(20))
    encoding: Mapped[str | None] = mapped_column(String(40))
    imported_by: Mapped[str | None] = mapped_column(String(120))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=_now)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    rows_read: Mapped[int] = mapped_column(Integer, default=0)
    rows_stored: Mapped[int] = mapped_column(Integer, default=0)
    rows_duplicate: Mapped[int] = mapped_column(Integer, default=0)
    rows_rejected: Mapped[int] = mapped_column(Integer, default=0)
    rows_review: Mapped[int] = mapped_column(Integer, default=0)
    options: Mapped[dict | None] = mapped_column(JSON)
    warnings: Mapped[list | None] = mapped_column(JSON)


class ImportRejection(Base):
    """A row that was read but not stored, with why: nothing read is lost."""

    __tablename__ = "import_rejections"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("import_batches.id", ondelete="CASCADE"))
    line: Mapped[int] = mapped_column(Integer)
    field: Mapped[str | None] = mapped_column(String(40))
    reason: Mapped[str] = mapped_column(Text)
    value: Mapped[str | None] = mapped_column(Text)
    __table_args__ = (Index("ix_import_rejections_batch", "batch_id", "line"),)


class _PointRecord:
    """Columns shared by incidents and walk observations."""

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source: Mapped[str] = mapped_column(String(120))
    external_id: Mapped[str] = mapped_column(String(200))
    category: Mapped[str] = mapped_column(String(60))
    raw_category: Mapped[str | None] = mapped_column(Text)
    occurred_from: Mapped[datetime] = mapped_column(UTCDateTime)
    occurred_to: Mapped[datetime | None] = mapped_column(UTCDateTime)
    description: Mapped[str | None] = mapped_column(Text)
    address: Mapped[str | None] = mapped_column(Text)
    place: Mapped[str | None] = mapped_column(Text)
    municipality: Mapped[str | None] = mapped_column(String(120))
    lon: Mapped[float | None] = mapped_column(Float)
    lat: Mapped[float | None] = mapped_column(Float)
    precision: Mapped[str] = mapped_column(String(20))
    geocode_score: Mapped[float | None] = mapped_column(Float)
    geocode_note: Mapped[str | None] = mapped_column(Text)
    #: 'pending' while waiting in the geocoding review queue, then 'resolved'
    review: Mapped[str | None] = mapped_column(String(20))
    outside_area: Mapped[bool] = mapped_column(Boolean, default=False)
    source_line: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=_now)


class Incident(_PointRecord, Base):
    """A reported incident (brott, ordningsstörning, händelse)."""

    __tablename__ = "incidents"
    batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batches.id"))
    __table_args__ = (
        UniqueConstraint("source", "external_id", name="uq_incidents_source_external_id"),
        Index("ix_incidents_time", "occurred_from"),
        Index("ix_incidents_category_time", "category", "occurred_from"),
        Index("ix_incidents_lonlat", "lon", "lat"),
        # partial: only the few queued rows are indexed, not every imported one
        Index(
            "ix_incidents_review",
            "review",
            sqlite_where=text("review IS NOT NULL"),
            postgresql_where=text("review IS NOT NULL"),
        ),
    )


class Walk(Base):
    """A trygghetsvandring (safety walk)."""

    __tablename__ = "walks"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source: Mapped[str] = mapped_column(String(120))
    name: Mapped[str] = mapped_column(Text)
    area: Mapped[str | None] = mapped_column(Text)
    municipality: Mapped[str | None] = mapped_column(String(120))
    walked_on: Mapped[datetime | None] = mapped_column(UTCDateTime)
    participants: Mapped[int | None] = mapped_column(Integer)
    note: Mapped[str | None] = mapped_column(Text)
    batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batches.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=_now)
    __table_args__ = (UniqueConstraint("source", "name", name="uq_walks_source_name"),)


class Observation(_PointRecord, Base):
    """One observation made on a walk (or reported like one, e.g. a 311 request)."""

    __tablename__ = "observations"
    batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batches.id"))
    walk_id: Mapped[int | None] = mapped_column(ForeignKey("walks.id"))
    severity: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20), default="ny")
    #: the field app's own id of a queued observation: sent twice, stored once
    client_id: Mapped[str | None] = mapped_column(String(64))
    #: GPS accuracy (metres) the device reported for ``lon``/``lat``
    accuracy_m: Mapped[float | None] = mapped_column(Float)
    __table_args__ = (
        UniqueConstraint("source", "external_id", name="uq_observations_source_external_id"),
        # unique, yet NULLs (imported rows) do not collide on SQLite or PostgreSQL
        Index("ix_observations_client_id", "client_id", unique=True),
        Index("ix_observations_time", "occurred_from"),
        Index("ix_observations_lonlat", "lon", "lat"),
        # partial: only the few queued rows are indexed, not every imported one
        Index(
            "ix_observations_review",
            "review",
            sqlite_where=text("review IS NOT NULL"),
            postgresql_where=text("review IS NOT NULL"),
        ),
    )


class Measure(Base):
    """A measure (åtgärd) suggested or placed at a place: lighting, clearance, cameras..."""

    __tablename__ = "measures"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    measure: Mapped[str] = mapped_column(String(60))  # code from the catalogue's [measure.*]
    title: Mapped[str] = mapped_column(Text)
    description: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default="föreslagen")
    municipality: Mapped[str | None] = mapped_column(String(120))
    lon: Mapped[float | None] = mapped_column(Float)
    lat: Mapped[float | None] = mapped_column(Float)
    radius_m: Mapped[float | None] = mapped_column(Float)
    area_geojson: Mapped[dict | None] = mapped_column(JSON)
    precision: Mapped[str] = mapped_column(String(20), default="exact")
    #: when it was decided; ``starts_on`` is when it was placed (in place from), ``ends_on``
    #: until when
    decided_on: Mapped[datetime | None] = mapped_column(UTCDateTime)
    starts_on: Mapped[datetime | None] = mapped_column(UTCDateTime)
    ends_on: Mapped[datetime | None] = mapped_column(UTCDateTime)
    cost_sek: Mapped[float | None] = mapped_column(Float)
    batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batches.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=_now)
    __table_args__ = (Index("ix_measures_lonlat", "lon", "lat"),)


class StatusChange(Base):
    """One status change of an observation or a measure: the append-only history.

    ``kind`` is ``observation`` or ``measure`` and ``record_id`` the id in that table (no
    foreign key: one log for both). The record's ``status`` column holds the status of its
    latest change.
    """

    __tablename__ = "status_changes"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))  # observation | measure
    record_id: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20))
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    changed_by: Mapped[str | None] = mapped_column(String(120))
    note: Mapped[str | None] = mapped_column(Text)
    __table_args__ = (
        Index("ix_status_changes_kind_time", "kind", "changed_at"),
        Index("ix_status_changes_kind_record", "kind", "record_id"),
    )


class GazetteerRow(Base):
    """An address point, street, named place or locality for offline geocoding."""

    __tablename__ = "gazetteer_entries"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))  # address | street | place | locality
    name: Mapped[str] = mapped_column(Text)
    street: Mapped[str | None] = mapped_column(Text)
    number: Mapped[str | None] = mapped_column(String(20))
    letter: Mapped[str | None] = mapped_column(String(10))
    postcode: Mapped[str | None] = mapped_column(String(10))
    locality: Mapped[str | None] = mapped_column(Text)
    municipality: Mapped[str | None] = mapped_column(String(120))
    lon: Mapped[float] = mapped_column(Float)
    lat: Mapped[float] = mapped_column(Float)
    source: Mapped[str] = mapped_column(String(120))
    #: normalised identity (kind|name|number|letter|locality): re-importing adds nothing
    key: Mapped[str] = mapped_column(Text)
    batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batches.id"))
    __table_args__ = (
        UniqueConstraint("source", "key", name="uq_gazetteer_entries_source_key"),
        Index("ix_gazetteer_entries_municipality", "municipality"),
    )


class DetectionRun(Base):
    """One hotspot analysis: its parameters, data window, input fingerprint and result.

    The result is stored whole (GeoJSON, WGS84), so the map a leadership group saw in a
    given week can be shown again exactly, even after more data has arrived.
    """

    __tablename__ = "detection_runs"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    method: Mapped[str] = mapped_column(String(40))
    params: Mapped[dict] = mapped_column(JSON)
    kind: Mapped[str] = mapped_column(String(20), default="incident")
    categories: Mapped[list | None] = mapped_column(JSON)
    window_from: Mapped[datetime | None] = mapped_column(UTCDateTime)
    window_to: Mapped[datetime | None] = mapped_column(UTCDateTime)
    crs: Mapped[str] = mapped_column(String(40))
    n_points: Mapped[int] = mapped_column(Integer)
    #: sha256 of the sorted input (record id, x, y): same fingerprint, same input
    input_sha256: Mapped[str] = mapped_column(String(64))
    result: Mapped[dict] = mapped_column(JSON)
    summary: Mapped[dict | None] = mapped_column(JSON)
    created_by: Mapped[str | None] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=_now)
    __table_args__ = (Index("ix_detection_runs_created", "created_at"),)


class User(Base):
    """A person (or script) that uses the service, with one role (``hotspots.domain.ROLES``).

    Users are never deleted, only revoked: the audit log keeps naming them.
    """

    __tablename__ = "users"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    role: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=_now)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class ApiToken(Base):
    """An API token of a user (``Authorization: Bearer ...`` or the login cookie).

    Only the SHA-256 of the token is stored. Tokens are 32 random bytes from
    ``secrets.token_urlsafe``: with 256 bits of entropy nothing can be guessed or looked up
    in a table, so a plain (unsalted, fast) hash is the standard way to store them, as
    GitHub and PyPI do; slow password hashes (bcrypt, argon2) are for low-entropy passwords
    and would cost every request tens of milliseconds for nothing. The hash also makes
    the lookup an indexed equality match.
    """

    __tablename__ = "api_tokens"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    label: Mapped[str | None] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=_now)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    __table_args__ = (Index("ix_api_tokens_user", "user_id"),)


class AuditEntry(Base):
    """Who did what, when: every export, import and login (append-only).

    ``user_id`` is no foreign key and ``user_name``/``role`` are copied, so an entry says
    who it was at that time whatever happens to the user later.
    """

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=_now)
    user_id: Mapped[int | None] = mapped_column(Integer)
    user_name: Mapped[str | None] = mapped_column(String(120))
    role: Mapped[str | None] = mapped_column(String(20))
    action: Mapped[str] = mapped_column(String(60))  # export.geojson | import | login ...
    target: Mapped[str | None] = mapped_column(Text)
    detail: Mapped[dict | None] = mapped_column(JSON)
    ip: Mapped[str | None] = mapped_column(String(64))
    __table_args__ = (Index("ix_audit_log_at", "at"),)


class Photo(Base):
    """A photo attached to a walk observation (the bytes are kept in the database)."""

    __tablename__ = "photos"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    observation_id: Mapped[int] = mapped_column(ForeignKey("observations.id", ondelete="CASCADE"))
    filename: Mapped[str] = mapped_column(Text)
    content_type: Mapped[str] = mapped_column(String(60))
    size_bytes: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    data: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=_now)
    __table_args__ = (Index("ix_photos_observation", "observation_id"),)
