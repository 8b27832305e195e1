"""Single records: incidents posted as JSON, walks, observations, photos, import batches.

The functions take a :class:`hotspots.store.Store` and hand back plain dicts and
DataFrames (ORM rows never leave the package). Posted incidents go through the import
engine's own normaliser (:class:`hotspots.ingest.normalize.ChunkNormalizer`) and batch
writer, so categories, dates and coordinates are read exactly as in ``hotspots import`` and
the answer is the same per-row report.
"""

from __future__ import annotations

import hashlib
import math
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pandas as pd
from sqlalchemy import Connection, func, select, update
from sqlalchemy.exc import IntegrityError

from hotspots.errors import InputError, NotFoundError
from hotspots.i18n import msg
from hotspots.store.models import (
    ImportBatch,
    ImportRejection,
    Incident,
    Observation,
    Photo,
    StatusChange,
    Walk,
)
from hotspots.store.repository import RECORD_COLUMNS

__all__ = [
    "PAGE_MAX",
    "POST_MAX",
    "Page",
    "PhotoTypeError",
    "WalkExists",
    "add_observation",
    "add_photo",
    "add_walk",
    "export_frame",
    "get_import",
    "get_observation",
    "get_photo",
    "get_walk",
    "import_records",
    "label_batch",
    "list_imports",
    "list_records",
    "list_walks",
    "local_time",
    "measure_detail",
    "photo_type",
    "plain",
    "status_times",
]

#: Most items one page of a list may hold.
PAGE_MAX = 1000
#: Most records one request may post.
POST_MAX = 1000
#: Source of records created through the API (field app, scripts).
API_SOURCE = "api"

_TABLES = {"incident": Incident.__table__, "observation": Observation.__table__}
#: Columns of a listed incident, in order: the identity, what an import writes, and where from.
INCIDENT_COLUMNS = ("id", "source", *RECORD_COLUMNS, "batch_id", "created_at")
#: Columns of a listed observation, in order.
OBSERVATION_COLUMNS = (
    "id",
    "source",
    "external_id",
    "client_id",
    "walk_id",
    "category",
    "raw_category",
    "occurred_from",
    "occurred_to",
    "description",
    "address",
    "place",
    "municipality",
    "lon",
    "lat",
    "accuracy_m",
    "precision",
    "severity",
    "status",
    "review",
    "outside_area",
    "batch_id",
    "created_at",
)
_COLUMNS = {"incident": INCIDENT_COLUMNS, "observation": OBSERVATION_COLUMNS}
#: Status -> the export column holding the time of the latest change to it.
STATUS_TIME_COLUMNS = {
    "rapporterad": "reported_at",
    "åtgärdad": "fixed_at",
    "avslutad": "closed_at",
}
#: Photo types accepted, by their first bytes (the client's content type is not trusted).
_MAGIC = (
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
)


class WalkExists(InputError):
    """A walk with that name is already stored (for that source)."""


class PhotoTypeError(InputError):
    """An uploaded photo is no JPEG, PNG or WebP image."""


@dataclass(frozen=True)
class Page:
    """One page of a list: the items, how many match in all, and where the page starts."""

    items: list[dict]
    total: int
    limit: int
    offset: int

    @property
    def next_offset(self) -> int | None:
        """Offset of the next page, None on the last one."""
        end = self.offset + len(self.items)
        return end if end < self.total and self.items else None


def check_page(limit: int, offset: int) -> None:
    """Raise :class:`InputError` for a page size outside 1..:data:`PAGE_MAX` or offset < 0."""
    if not isinstance(limit, int) or not 1 <= limit <= PAGE_MAX:
        raise InputError(msg("api.bad_limit", value=limit, max=PAGE_MAX))
    if not isinstance(offset, int) or offset < 0:
        raise InputError(msg("api.bad_offset", value=offset))


def local_time(value: datetime | date | None, tz: str, *, end: bool = False) -> datetime | None:
    """A timezone-aware datetime: naive times are local (``tz``), dates their midnight.

    With ``end`` a date means the end of that day (the next midnight), so a window
    ``[from, to]`` of dates includes its last day.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=ZoneInfo(tz))
    day = value + timedelta(days=1) if end else value
    return datetime.combine(day, time(0), tzinfo=ZoneInfo(tz))


# ------------------------------------------------------------------ posted incidents
def _raw_value(value) -> str | None:
    """A posted value as the text a reader would hand the normaliser."""
    if value is None:
        return None
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float):
        return repr(value) if math.isfinite(value) else None
    return str(value)


def import_records(
    store,
    rows: Sequence[dict],
    *,
    source: str = API_SOURCE,
    kind: str = "incident",
    crs: int | None = None,
    municipality: str | None = None,
    dayfirst: bool | None = None,
    dry_run: bool = False,
    by: str | None = None,
    geocode_text=None,
    settings=None,
    catalogue=None,
):
    """Store posted records as one import and return ``(report, outcomes)``.

    Parameters
    ----------
    rows
        Records as dicts of canonical fields (:data:`hotspots.ingest.raw.CANONICAL_FIELDS`:
        ``external_id``, ``datetime`` or ``date``/``time`` or ``occurred_from``/
        ``occurred_to``, ``category``, ``description``, ``address``, ``place``,
        ``municipality``, ``lat``/``lon`` or ``x``/``y``); values as text or numbers, read
        exactly as the same values in a CSV file. The line of a record is its position
        (1 = the first).
    source
        ``(source, external_id)`` is unique: posting a record again is a duplicate.
    kind
        Table for categories the catalogue does not know (``incident`` or ``observation``).
    crs, municipality, dayfirst
        As for :func:`hotspots.ingest.pipeline.import_file`.
    by
        Who posted them (kept on the import batch).

    Returns
    -------
    tuple
        The :class:`hotspots.ingest.report.ImportReport` and one outcome per record:
        ``{"line", "outcome": stored|duplicate|rejected, "kind", "id", "external_id",
        "field", "reason"}``.
    """
    from hotspots.catalogue import load_catalogue
    from hotspots.ingest.normalize import ChunkNormalizer
    from hotspots.ingest.pipeline import _coordinate_reader, load_placeholders
    from hotspots.ingest.raw import CANONICAL_FIELDS, SourceInfo
    from hotspots.ingest.report import ImportReport
    from hotspots.settings import get_settings

    settings = settings or get_settings()
    catalogue = catalogue or load_catalogue(settings.data_dir / "categories.toml")
    if kind not in ("incident", "observation"):
        raise InputError(msg("import.bad_kind", kind=kind))
    if not rows:
        raise InputError(msg("api.no_records"))
    if len(rows) > POST_MAX:
        raise InputError(msg("api.too_many_records", n=len(rows), max=POST_MAX))
    fields = [f for f in CANONICAL_FIELDS if f != "precision" and any(f in r for r in rows)]
    if not {"datetime", "date", "occurred_from"} & set(fields):
        fields.insert(0, "datetime")  # every record then says it has no date
    chunk = pd.DataFrame(
        {f: pd.Series([_raw_value(r.get(f)) for r in rows], dtype=object) for f in fields}
    )
    chunk.insert(0, "line", range(1, len(rows) + 1))
    info = SourceInfo(format="json", columns={f: f for f in fields})
    municipality = municipality or settings.municipality
    report = ImportReport(file=API_SOURCE, source=source, format="json", dry_run=dry_run)
    normalizer = ChunkNormalizer(
        catalogue=catalogue,
        tz=settings.timezone,
        dayfirst=dayfirst,
        coordinates=_coordinate_reader(info, crs=crs, settings=settings, municipality=municipality),
        geocode_text=geocode_text,
        placeholders=load_placeholders(settings.data_dir / "placeholder_points.csv"),
        default_kind=kind,
        municipality=municipality,
        labels=dict(info.columns),
    )
    outcomes: dict[int, dict] = {}
    with store.import_batch(
        source=source,
        filename=API_SOURCE,
        fmt="json",
        dry_run=dry_run,
        options={"crs": crs, "kind": kind, "municipality": municipality},
    ) as writer:
        report.batch_id = writer.batch_id
        report.read = len(rows)
        records, errors = normalizer(chunk)
        report.add_rejections(errors)
        writer.reject(errors)
        for e in errors:
            outcomes[e.line] = {"outcome": "rejected", "field": e.field, "reason": e.reason}
        for k in ("incident", "observation"):
            part = records.loc[records["kind"] == k]
            stored, dups = writer.write(k, part)
            report.stored += stored
            setattr(report, k + "s", getattr(report, k + "s") + stored)
            report.add_duplicates(dups)
            if part.empty:
                continue
            ids = _ids_of(writer.conn, k, source, list(dict.fromkeys(part["external_id"])))
            dup_lines = {d.line for d in dups}
            for d in dups:
                outcomes[d.line] = {
                    "outcome": "duplicate",
                    "kind": k,
                    "external_id": d.external_id,
                    "id": ids.get(d.external_id),
                    "reason": d.reason,
                }
            kept = part.loc[~part["line"].isin(dup_lines)]
            report.review += int((kept["review"] == "pending").sum())
            for p, c in kept["precision"].value_counts().items():
                report.by_precision[p] = report.by_precision.get(p, 0) + int(c)
            for line, ext in zip(kept["line"], kept["external_id"], strict=True):
                outcomes[int(line)] = {
                    "outcome": "stored",
                    "kind": k,
                    "external_id": ext,
                    "id": ids.get(ext),
                }
        if normalizer.coordinates is not None:
            for w in normalizer.coordinates.warnings:
                report.warn(w)
        report.unknown_categories = dict(normalizer.unknown_categories)
        if report.unknown_categories:
            names = ", ".join(
                f"{k!r} ({v})"
                for k, v in sorted(report.unknown_categories.items(), key=lambda kv: -kv[1])[:5]
            )
            report.warn(msg("import.unknown_categories", names=names))
        writer.finish(report)
        if by:
            _set_batch(writer.conn, writer.batch_id, imported_by=by)
    assert report.balanced, report
    rows_out = []
    for line in range(1, len(rows) + 1):
        o = {"line": line, "kind": None, "id": None, "external_id": None}
        o.update({"field": None, "reason": None})
        o.update(outcomes[line])
        if dry_run and o["outcome"] == "stored":
            o["id"] = None  # rolled back
        rows_out.append(o)
    return report, rows_out


def _ids_of(conn: Connection, kind: str, source: str, external_ids: list[str]) -> dict:
    t = _TABLES[kind]
    out: dict = {}
    for i in range(0, len(external_ids), 5000):
        part = external_ids[i : i + 5000]
        out.update(
            conn.execute(
                select(t.c.external_id, t.c.id).where(
                    t.c.source == source, t.c.external_id.in_(part)
                )
            ).all()
        )
    return out


def _set_batch(conn: Connection, batch_id: int, **values) -> None:
    t = ImportBatch.__table__
    conn.execute(update(t).where(t.c.id == batch_id).values(**values))


def label_batch(
    store, batch_id: int | None, *, filename: str | None = None, imported_by: str | None = None
) -> None:
    """Name the file and the user on an import batch (an upload is read from a temp file)."""
    values = {
        k: v for k, v in (("filename", filename), ("imported_by", imported_by)) if v is not None
    }
    if batch_id is None or not values:
        return
    with store.engine.begin() as conn:
        _set_batch(conn, batch_id, **values)


# ------------------------------------------------------------------ import batches
_BATCH_COLUMNS = (
    "id",
    "kind",
    "source",
    "filename",
    "format",
    "encoding",
    "file_sha256",
    "file_bytes",
    "imported_by",
    "started_at",
    "finished_at",
    "rows_read",
    "rows_stored",
    "rows_duplicate",
    "rows_rejected",
    "rows_review",
    "options",
    "warnings",
)


def list_imports(store, *, limit: int = 100, offset: int = 0) -> Page:
    """Import batches, newest first."""
    check_page(limit, offset)
    t = ImportBatch.__table__
    with store.engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(t)).scalar_one()
        rows = conn.execute(
            select(*[t.c[c] for c in _BATCH_COLUMNS])
            .order_by(t.c.id.desc())
            .limit(limit)
            .offset(offset)
        ).mappings()
        items = [dict(r) for r in rows]
    return Page(items, total, limit, offset)


def get_import(store, batch_id: int, *, limit: int = 100, offset: int = 0) -> dict:
    """One import batch with a page of its rejected rows (by line)."""
    check_page(limit, offset)
    t = ImportBatch.__table__
    r = ImportRejection.__table__
    with store.engine.connect() as conn:
        row = (
            conn.execute(select(*[t.c[c] for c in _BATCH_COLUMNS]).where(t.c.id == batch_id))
            .mappings()
            .first()
        )
        if row is None:
            raise NotFoundError(msg("api.no_import", id=batch_id))
        total = conn.execute(
            select(func.count()).select_from(r).where(r.c.batch_id == batch_id)
        ).scalar_one()
        rejections = conn.execute(
            select(r.c.line, r.c.field, r.c.reason, r.c.value)
            .where(r.c.batch_id == batch_id)
            .order_by(r.c.line, r.c.id)
            .limit(limit)
            .offset(offset)
        ).mappings()
        page = Page([dict(x) for x in rejections], total, limit, offset)
    return {**dict(row), "rejections": page}


# ------------------------------------------------------------------ listing records
def _record_filters(
    table,
    *,
    start: datetime | None = None,
    end: datetime | None = None,
    categories: Sequence[str] | None = None,
    exclude_categories: Sequence[str] | None = None,
    bbox: tuple[float, float, float, float] | None = None,
    precisions: Sequence[str] | None = None,
    statuses: Sequence[str] | None = None,
    walk_id: int | None = None,
) -> list:
    where = []
    if start is not None:
        where.append(table.c.occurred_from >= start)
    if end is not None:
        where.append(table.c.occurred_from < end)
    if categories:
        where.append(table.c.category.in_(list(categories)))
    if exclude_categories:
        where.append(table.c.category.not_in(list(exclude_categories)))
    if bbox is not None:
        x0, y0, x1, y1 = bbox
        where += [table.c.lon.between(x0, x1), table.c.lat.between(y0, y1)]
    if precisions:
        where.append(table.c.precision.in_(list(precisions)))
    if statuses:
        where.append(table.c.status.in_(list(statuses)))
    if walk_id is not None:
        where.append(table.c.walk_id == walk_id)
    return where


def list_records(
    store, kind: str = "incident", *, limit: int = 100, offset: int = 0, **filters
) -> Page:
    """One page of incidents or observations (by id), filtered.

    ``filters``: ``start``/``end`` (aware datetimes, ``[start, end)`` on ``occurred_from``),
    ``categories``, ``exclude_categories``, ``bbox`` (lon/lat), ``precisions``, and for
    observations ``statuses`` and ``walk_id``.
    """
    check_page(limit, offset)
    table = _TABLES[kind]
    where = _record_filters(table, **filters)
    cols = [table.c[c] for c in _COLUMNS[kind]]
    with store.engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(table).where(*where)).scalar_one()
        rows = conn.execute(
            select(*cols).where(*where).order_by(table.c.id).limit(limit).offset(offset)
        ).mappings()
        items = [dict(r) for r in rows]
    return Page(items, total, limit, offset)


def export_frame(
    store,
    kind: str,
    *,
    start: datetime | None = None,
    end: datetime | None = None,
    categories: Sequence[str] | None = None,
    exclude_categories: Sequence[str] | None = None,
    bbox: tuple[float, float, float, float] | None = None,
) -> pd.DataFrame:
    """All matching incidents or observations as a DataFrame (times aware UTC).

    Observations add ``walk`` (the walk's name) and the status times ``reported_at``,
    ``fixed_at`` and ``closed_at`` (the latest change to that status).
    """
    table = _TABLES[kind]
    where = _record_filters(
        table,
        start=start,
        end=end,
        categories=categories,
        exclude_categories=exclude_categories,
        bbox=bbox,
    )
    cols = [c for c in _COLUMNS[kind] if c not in ("batch_id", "geocode_score")]
    q = select(*[table.c[c] for c in cols])
    if kind == "observation":
        w = Walk.__table__
        q = q.add_columns(w.c.name.label("walk")).select_from(
            table.outerjoin(w, w.c.id == table.c.walk_id)
        )
        cols.append("walk")
    with store.engine.connect() as conn:
        rows = conn.execute(q.where(*where).order_by(table.c.id)).all()
    df = pd.DataFrame([tuple(r) for r in rows], columns=cols)
    for c in ("occurred_from", "occurred_to", "created_at"):
        df[c] = pd.to_datetime(df[c], utc=True)
    for c in ("lon", "lat") + (("accuracy_m",) if kind == "observation" else ()):
        df[c] = pd.to_numeric(df[c], errors="coerce").astype("float64")
    df["id"] = df["id"].astype("int64")
    if kind == "observation":
        times = status_times(store, "observation", df["id"].tolist())
        df = df.merge(times, left_on="id", right_index=True, how="left")
        for c in STATUS_TIME_COLUMNS.values():
            df[c] = pd.to_datetime(df[c], utc=True)
    return df.reset_index(drop=True)


def status_times(store, kind: str, ids: Sequence[int] | None = None) -> pd.DataFrame:
    """Per record id, the time of the latest change to each status of :data:`STATUS_TIME_COLUMNS`.

    Only for ``observation`` the columns are ``reported_at``, ``fixed_at``, ``closed_at``
    (NaT when the record never had that status).
    """
    cols = list(STATUS_TIME_COLUMNS.values())
    sc = StatusChange.__table__
    q = (
        select(sc.c.record_id, sc.c.status, func.max(sc.c.changed_at))
        .where(sc.c.kind == kind, sc.c.status.in_(list(STATUS_TIME_COLUMNS)))
        .group_by(sc.c.record_id, sc.c.status)
    )
    with store.engine.connect() as conn:
        rows = conn.execute(q).all()
    df = pd.DataFrame([tuple(r) for r in rows], columns=["record_id", "status", "at"])
    if ids is not None:
        df = df.loc[df["record_id"].isin(set(ids))]
    if df.empty:
        return pd.DataFrame(columns=cols, index=pd.Index([], dtype="int64", name="record_id"))
    df["at"] = pd.to_datetime(df["at"], utc=True)
    wide = df.pivot(index="record_id", columns="status", values="at")
    wide = wide.rename(columns=STATUS_TIME_COLUMNS).reindex(columns=cols)
    wide.index = wide.index.astype("int64")
    return wide


# ------------------------------------------------------------------ walks
def _clean(value: str | None) -> str | None:
    return (value or "").strip() or None


def add_walk(
    store,
    *,
    name: str,
    area: str | None = None,
    municipality: str | None = None,
    walked_on: datetime | None = None,
    participants: int | None = None,
    note: str | None = None,
    source: str = API_SOURCE,
) -> dict:
    """Store a trygghetsvandring and return it; its name must be new within ``source``."""
    clean = _clean(name)
    if not clean:
        raise InputError(msg("api.walk_name_empty"))
    if participants is not None and participants < 0:
        raise InputError(msg("api.walk_participants", value=participants))
    if walked_on is not None and walked_on.tzinfo is None:
        raise InputError(msg("measures.naive_time", field="walked_on", value=walked_on))
    store.require_schema()
    w = Walk.__table__
    with store.engine.begin() as conn:
        found = conn.execute(select(w.c.id).where(w.c.source == source, w.c.name == clean)).scalar()
        if found is not None:
            raise WalkExists(msg("api.walk_exists", name=clean, id=found))
        walk_id = conn.execute(
            w.insert().values(
                source=source,
                name=clean,
                area=_clean(area),
                municipality=_clean(municipality),
                walked_on=walked_on,
                participants=participants,
                note=_clean(note),
                created_at=datetime.now(UTC),
            )
        ).inserted_primary_key[0]
    return get_walk(store, walk_id)


_WALK_COLUMNS = (
    "id",
    "source",
    "name",
    "area",
    "municipality",
    "walked_on",
    "participants",
    "note",
    "created_at",
)


def _walk_query():
    w = Walk.__table__
    o = Observation.__table__
    counts = (
        select(o.c.walk_id, func.count().label("observations"))
        .where(o.c.walk_id.is_not(None))
        .group_by(o.c.walk_id)
        .subquery()
    )
    return (
        select(*[w.c[c] for c in _WALK_COLUMNS], func.coalesce(counts.c.observations, 0))
        .select_from(w.outerjoin(counts, counts.c.walk_id == w.c.id))
        .order_by(w.c.id)
    )


def _walk_dict(row) -> dict:
    d = dict(zip(_WALK_COLUMNS, row[:-1], strict=True))
    d["observations"] = int(row[-1])
    return d


def get_walk(store, walk_id: int) -> dict:
    """One walk with its number of observations."""
    w = Walk.__table__
    with store.engine.connect() as conn:
        row = conn.execute(_walk_query().where(w.c.id == walk_id)).first()
    if row is None:
        raise NotFoundError(msg("api.no_walk", id=walk_id))
    return _walk_dict(row)


def list_walks(store, *, limit: int = 100, offset: int = 0) -> Page:
    """One page of walks (by id), each with its number of observations."""
    check_page(limit, offset)
    w = Walk.__table__
    with store.engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(w)).scalar_one()
        rows = conn.execute(_walk_query().limit(limit).offset(offset)).all()
    return Page([_walk_dict(r) for r in rows], total, limit, offset)


# ------------------------------------------------------------------ observations
def _observation_category(value: str, catalogue) -> str:
    cat = catalogue.match(value) if isinstance(value, str) else None
    allowed = ", ".join(catalogue.codes("observation"))
    if cat is None:
        raise InputError(msg("api.unknown_observation_category", value=value, allowed=allowed))
    if cat.kind != "observation":
        raise InputError(msg("api.not_observation_category", value=value, allowed=allowed))
    return cat.code


def add_observation(
    store,
    *,
    category: str,
    lon: float | None = None,
    lat: float | None = None,
    occurred_at: datetime | None = None,
    walk_id: int | None = None,
    description: str | None = None,
    address: str | None = None,
    place: str | None = None,
    municipality: str | None = None,
    severity: int | None = None,
    accuracy_m: float | None = None,
    client_id: str | None = None,
    by: str | None = None,
    source: str = API_SOURCE,
    catalogue=None,
) -> tuple[dict, bool]:
    """Store one walk observation (status ``ny``) and return ``(observation, created)``.

    The status ``ny`` is dated when the observation was made (``occurred_at``, default
    now), so an upload queued offline keeps its real times.

    A ``client_id`` (the field app's own id of a queued observation) makes the call
    idempotent: when an observation with it exists, that one is returned with ``created``
    False and nothing is stored. Without a point (``lon``/``lat``) the observation waits
    in the geocoding review queue.

    Raises
    ------
    InputError
        An unknown or non-observation category, a bad point, severity or accuracy.
    NotFoundError
        ``walk_id`` is no walk.
    """
    from hotspots.catalogue import load_catalogue

    client_id = _clean(client_id)
    if client_id is not None and len(client_id) > 64:
        raise InputError(msg("api.client_id_long", n=len(client_id)))
    if client_id is not None:
        found = _observation_by_client_id(store, client_id)
        if found is not None:
            return get_observation(store, found), False
    catalogue = catalogue or load_catalogue()
    code = _observation_category(category, catalogue)
    if (lon is None) != (lat is None):
        raise InputError(msg("measures.lonlat_pair", lon=lon, lat=lat))
    if lon is not None:
        if not (isinstance(lon, (int, float)) and math.isfinite(lon) and -180 <= lon <= 180):
            raise InputError(msg("measures.lon_range", value=lon))
        if not (isinstance(lat, (int, float)) and math.isfinite(lat) and -90 <= lat <= 90):
            raise InputError(msg("measures.lat_range", value=lat))
    if severity is not None and severity not in (1, 2, 3):
        raise InputError(msg("api.bad_severity", value=severity))
    if accuracy_m is not None and not (math.isfinite(accuracy_m) and accuracy_m >= 0):
        raise InputError(msg("api.bad_accuracy", value=accuracy_m))
    now = datetime.now(UTC)
    if occurred_at is None:
        occurred_at = now
    elif occurred_at.tzinfo is None:
        raise InputError(msg("measures.naive_time", field="occurred_at", value=occurred_at))
    o = Observation.__table__
    has_point = lon is not None
    values = {
        "source": source,
        "external_id": client_id or f"api-{uuid.uuid4().hex}",
        "client_id": client_id,
        "walk_id": walk_id,
        "category": code,
        "raw_category": category,
        "occurred_from": occurred_at,
        "occurred_to": None,
        "description": _clean(description),
        "address": _clean(address),
        "place": _clean(place),
        "municipality": _clean(municipality),
        "lon": float(lon) if has_point else None,
        "lat": float(lat) if has_point else None,
        "accuracy_m": accuracy_m,
        "precision": "exact" if has_point else "failed",
        "geocode_note": None if has_point else msg("normalize.no_location"),
        "review": None if has_point else "pending",
        "outside_area": False,
        "severity": severity,
        "status": "ny",
        "created_at": now,
    }
    store.require_schema()
    try:
        with store.engine.begin() as conn:
            if walk_id is not None:
                w = Walk.__table__
                if conn.execute(select(w.c.id).where(w.c.id == walk_id)).first() is None:
                    raise NotFoundError(msg("api.no_walk", id=walk_id))
            obs_id = conn.execute(o.insert().values(**values)).inserted_primary_key[0]
            conn.execute(
                StatusChange.__table__.insert().values(
                    kind="observation",
                    record_id=obs_id,
                    status="ny",
                    # new since it was seen (a queued upload arrives later)
                    changed_at=min(occurred_at, now),
                    changed_by=by,
                )
            )
    except IntegrityError:
        # another request stored the same client_id meanwhile: that one is the observation
        found = _observation_by_client_id(store, client_id) if client_id else None
        if found is None:
            raise
        return get_observation(store, found), False
    return get_observation(store, obs_id), True


def _observation_by_client_id(store, client_id: str) -> int | None:
    o = Observation.__table__
    with store.engine.connect() as conn:
        return conn.execute(select(o.c.id).where(o.c.client_id == client_id)).scalar()


_PHOTO_COLUMNS = ("id", "observation_id", "filename", "content_type", "size_bytes", "sha256")


def get_observation(store, observation_id: int) -> dict:
    """One observation with its status history (oldest first) and its photos (no bytes)."""
    o = Observation.__table__
    p = Photo.__table__
    with store.engine.connect() as conn:
        row = (
            conn.execute(
                select(*[o.c[c] for c in OBSERVATION_COLUMNS]).where(o.c.id == observation_id)
            )
            .mappings()
            .first()
        )
        if row is None:
            raise NotFoundError(msg("observations.not_found", id=observation_id))
        photos = conn.execute(
            select(*[p.c[c] for c in _PHOTO_COLUMNS], p.c.created_at)
            .where(p.c.observation_id == observation_id)
            .order_by(p.c.id)
        ).mappings()
        photos = [dict(x) for x in photos]
    out = dict(row)
    out["history"] = store.status_history("observation", observation_id)
    out["photos"] = photos
    return out


def photo_type(head: bytes) -> str | None:
    """The image type of a file from its first bytes: JPEG, PNG or WebP, else None."""
    for magic, ctype in _MAGIC:
        if head.startswith(magic):
            return ctype
    if len(head) >= 12 and head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    return None


def add_photo(
    store, observation_id: int, data: bytes, *, filename: str | None, max_bytes: int
) -> dict:
    """Attach a photo to an observation; the type is read from the bytes, not trusted.

    Raises
    ------
    InputError
        Empty, larger than ``max_bytes`` or not a JPEG, PNG or WebP image.
    NotFoundError
        No observation ``observation_id``.
    """
    if not data:
        raise InputError(msg("api.photo_empty"))
    if len(data) > max_bytes:
        raise InputError(msg("api.photo_too_large", size=_mb(len(data)), max=_mb(max_bytes)))
    ctype = photo_type(data[:16])
    if ctype is None:
        raise PhotoTypeError(msg("api.photo_type"))
    name = (filename or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if ch.isprintable()).strip()[:200] or "foto"
    digest = hashlib.sha256(data).hexdigest()
    o = Observation.__table__
    p = Photo.__table__
    now = datetime.now(UTC)
    store.require_schema()
    with store.engine.begin() as conn:
        if conn.execute(select(o.c.id).where(o.c.id == observation_id)).first() is None:
            raise NotFoundError(msg("observations.not_found", id=observation_id))
        photo_id = conn.execute(
            p.insert().values(
                observation_id=observation_id,
                filename=name,
                content_type=ctype,
                size_bytes=len(data),
                sha256=digest,
                data=data,
                created_at=now,
            )
        ).inserted_primary_key[0]
    return {
        "id": photo_id,
        "observation_id": observation_id,
        "filename": name,
        "content_type": ctype,
        "size_bytes": len(data),
        "sha256": digest,
        "created_at": now,
    }


def get_photo(store, photo_id: int) -> dict:
    """One photo with its bytes (``data``)."""
    p = Photo.__table__
    with store.engine.connect() as conn:
        row = (
            conn.execute(
                select(*[p.c[c] for c in _PHOTO_COLUMNS], p.c.data).where(p.c.id == photo_id)
            )
            .mappings()
            .first()
        )
    if row is None:
        raise NotFoundError(msg("api.no_photo", id=photo_id))
    return dict(row)


def _mb(n: int) -> str:
    return f"{n / 1_000_000:.1f}"


# ------------------------------------------------------------------ measures
def measure_detail(store, measure_id: int) -> dict:
    """One measure (the columns of :meth:`Store.measures`), its history and links.

    ``links``: :func:`hotspots.store.links.measure_links`.
    """
    from hotspots.store.links import measure_links

    df = store.measures()
    row = df.loc[df["id"] == measure_id]
    if row.empty:
        raise NotFoundError(msg("measures.not_found", id=measure_id))
    out = {k: plain(v) for k, v in row.iloc[0].to_dict().items()}
    out["history"] = store.status_history("measure", measure_id)
    out["links"] = measure_links(store, measure_id)
    return out


def plain(value):
    """A DataFrame cell as a plain Python value (NaN/NaT -> None, Timestamp -> datetime)."""
    if value is None:
        return None
    if isinstance(value, pd.Timestamp):
        return None if pd.isna(value) else value.to_pydatetime()
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item") and not isinstance(value, (dict, list, str)):
        return value.item()
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return value
