"""The storage API the rest of the code uses; ORM rows stay inside this package."""

from __future__ import annotations

import getpass
import math
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime

import numpy as np
import pandas as pd
from sqlalchemy import Connection, Engine, bindparam, func, select, text, update

from hotspots.errors import InputError, NotFoundError, StoreError
from hotspots.i18n import msg
from hotspots.ingest.raw import RowError
from hotspots.store import db
from hotspots.store.models import (
    GazetteerRow,
    ImportBatch,
    ImportRejection,
    Incident,
    Measure,
    Observation,
    StatusChange,
    Walk,
)

__all__ = ["Store", "BatchWriter", "RECORD_COLUMNS", "MEASURE_COLUMNS", "STATUS_CHANGE_COLUMNS"]

TABLES = {"incident": Incident.__table__, "observation": Observation.__table__}

#: Columns the pipeline hands to :meth:`BatchWriter.write` (besides ``line``/``kind``).
RECORD_COLUMNS = (
    "external_id",
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
    "precision",
    "geocode_score",
    "geocode_note",
    "review",
    "outside_area",
)
_OBS_EXTRA = ("walk_id", "severity", "status")
# SQLite allows 32,766 bound variables per statement (3.32+); stay well below.
_ID_QUERY_CHUNK = 10_000
#: A chunk this large means a bulk load: SQLite indexes are rebuilt once at the end.
BULK_ROWS = 20_000


#: Columns of :meth:`Store.measures`, in order.
MEASURE_COLUMNS = (
    "id",
    "measure",
    "title",
    "description",
    "status",
    "municipality",
    "lon",
    "lat",
    "radius_m",
    "area_geojson",
    "decided_on",
    "starts_on",
    "ends_on",
    "cost_sek",
    "status_changed_at",
)
#: Columns of :meth:`Store.status_changes`, in order.
STATUS_CHANGE_COLUMNS = ("record_id", "status", "changed_at", "changed_by", "note")
_MEASURE_TIMES = ("decided_on", "starts_on", "ends_on", "status_changed_at")
#: The tables whose rows have a status workflow (``kind`` of ``status_changes``).
STATUS_TABLES = {"observation": Observation.__table__, "measure": Measure.__table__}


@dataclass(frozen=True)
class ReviewItem:
    """A stored record whose location is unknown, waiting for a user."""

    kind: str
    id: int
    source: str
    external_id: str
    category: str
    occurred_from: datetime
    address: str | None
    place: str | None
    description: str | None
    note: str | None
    precision: str
    municipality: str | None = None


class Store:
    """A database: SQLite file by default, PostgreSQL/PostGIS when the URL says so."""

    def __init__(self, engine: Engine):
        self.engine = engine

    @classmethod
    def open(cls, url: str | None = None) -> Store:
        """Open the database at ``url`` (default: the settings' database URL)."""
        if url is None:
            from hotspots.settings import get_settings

            url = get_settings().resolved_database_url
        return cls(db.get_engine(url))

    @property
    def dialect(self) -> str:
        """``sqlite`` or ``postgresql``."""
        return self.engine.dialect.name

    def upgrade(self) -> None:
        """Create or migrate the schema."""
        db.upgrade(self.engine)

    def require_schema(self) -> None:
        """Raise a clear error when the schema is missing or old."""
        if not db.is_migrated(self.engine):
            raise StoreError(
                msg("store.not_migrated", url=self.engine.url.render_as_string(hide_password=True))
            )

    def clear(self) -> None:
        """Delete every record (the schema stays)."""
        from hotspots.store.models import Base

        with self.engine.begin() as conn:
            for table in reversed(Base.metadata.sorted_tables):
                conn.execute(table.delete())

    # ------------------------------------------------------------------ imports
    @contextmanager
    def import_batch(
        self, *, source: str, filename: str, fmt: str, dry_run: bool = False, **meta
    ) -> Iterator[BatchWriter]:
        """One import as one transaction: everything is stored, or nothing.

        With ``dry_run`` the transaction runs in full (so counts are exact) and is rolled
        back at the end.
        """
        self.require_schema()
        conn = self.engine.connect()
        trans = conn.begin()
        try:
            batch_id = conn.execute(
                ImportBatch.__table__.insert().values(
                    source=source,
                    filename=filename,
                    format=fmt,
                    imported_by=_user(),
                    started_at=datetime.now(UTC),
                    kind=meta.pop("kind", "records"),
                    rows_read=0,
                    rows_stored=0,
                    rows_duplicate=0,
                    rows_rejected=0,
                    rows_review=0,
                    **{k: v for k, v in meta.items() if k in ImportBatch.__table__.c},
                )
            ).inserted_primary_key[0]
            writer = BatchWriter(conn, batch_id=batch_id, source=source)
            yield writer
            writer._restore_indexes()
            if dry_run:
                trans.rollback()
            else:
                trans.commit()
        except BaseException:
            trans.rollback()
            raise
        finally:
            conn.close()

    # ------------------------------------------------------------------ queries
    def counts(self) -> dict[str, int]:
        """Row counts of the main tables."""
        with self.engine.connect() as conn:
            out = {}
            for name, table in (
                ("incidents", Incident),
                ("observations", Observation),
                ("walks", Walk),
                ("gazetteer_entries", GazetteerRow),
                ("import_batches", ImportBatch),
            ):
                out[name] = conn.execute(select(func.count()).select_from(table)).scalar_one()
            out["review_pending"] = sum(
                conn.execute(
                    select(func.count()).select_from(t).where(t.review == "pending")
                ).scalar_one()
                for t in (Incident, Observation)
            )
            return out

    def records(
        self,
        kind: str = "incident",
        *,
        bbox: tuple[float, float, float, float] | None = None,
        start: datetime | None = None,
        end: datetime | None = None,
        categories: list[str] | None = None,
        precisions: list[str] | None = None,
        columns: tuple[str, ...] = (
            "id",
            "source",
            "external_id",
            "category",
            "occurred_from",
            "occurred_to",
            "lon",
            "lat",
            "precision",
            "municipality",
            "outside_area",
        ),
    ) -> pd.DataFrame:
        """Records as a DataFrame, filtered by bbox (lon/lat), time and category.

        On PostGIS the bounding box goes through the GiST index on ``geom``.
        """
        table = TABLES[kind]
        q = select(*[table.c[c] for c in columns])
        if bbox is not None:
            x0, y0, x1, y1 = bbox
            if self.dialect == "postgresql":
                q = q.where(
                    text("geom && ST_MakeEnvelope(:x0, :y0, :x1, :y1, 4326)").bindparams(
                        x0=x0, y0=y0, x1=x1, y1=y1
                    )
                )
            else:
                q = q.where(table.c.lon.between(x0, x1), table.c.lat.between(y0, y1))
        if start is not None:
            q = q.where(table.c.occurred_from >= start)
        if end is not None:
            q = q.where(table.c.occurred_from < end)
        if categories:
            q = q.where(table.c.category.in_(categories))
        if precisions:
            q = q.where(table.c.precision.in_(precisions))
        with self.engine.connect() as conn:
            rows = conn.execute(q.order_by(table.c.id)).all()
        df = pd.DataFrame(rows, columns=list(columns))
        for c in ("occurred_from", "occurred_to"):
            if c in df:
                df[c] = pd.to_datetime(df[c], utc=True)
        return df

    def stats(self, *, tz: str = "Europe/Stockholm") -> dict:
        """Counts by kind and category, precision and ISO week (local time)."""
        out: dict = {"counts": self.counts()}
        with self.engine.connect() as conn:
            for kind, table in TABLES.items():
                cat = dict(
                    conn.execute(
                        select(table.c.category, func.count()).group_by(table.c.category)
                    ).all()
                )
                prec = dict(
                    conn.execute(
                        select(table.c.precision, func.count()).group_by(table.c.precision)
                    ).all()
                )
                times = pd.Series(
                    conn.execute(select(table.c.occurred_from)).scalars().all(), dtype=object
                )
                weeks: dict[str, int] = {}
                if len(times):
                    t = pd.to_datetime(times, utc=True).dt.tz_convert(tz)
                    iso = t.dt.isocalendar()
                    labels = iso["year"].astype(str) + "-W" + iso["week"].astype(str).str.zfill(2)
                    weeks = {k: int(v) for k, v in labels.value_counts().sort_index().items()}
                out[kind] = {"by_category": cat, "by_precision": prec, "by_week": weeks}
        return out

    def batches(self, limit: int = 20) -> list[dict]:
        """The latest imports, newest first."""
        t = ImportBatch.__table__
        with self.engine.connect() as conn:
            rows = conn.execute(select(t).order_by(t.c.id.desc()).limit(limit)).mappings().all()
        return [dict(r) for r in rows]

    def rejections(self, batch_id: int) -> list[RowError]:
        """All rejected rows of one import."""
        t = ImportRejection.__table__
        with self.engine.connect() as conn:
            rows = (
                conn.execute(select(t).where(t.c.batch_id == batch_id).order_by(t.c.line))
                .mappings()
                .all()
            )
        return [RowError(r["line"], r["field"], r["reason"], r["value"]) for r in rows]

    # ------------------------------------------------------------------ review queue
    def review_queue(self, limit: int | None = None) -> list[ReviewItem]:
        """Records waiting for a location, oldest first."""
        items: list[ReviewItem] = []
        with self.engine.connect() as conn:
            for kind, table in TABLES.items():
                q = select(table).where(table.c.review == "pending").order_by(table.c.id)
                if limit:
                    q = q.limit(limit)
                for r in conn.execute(q).mappings():
                    items.append(
                        ReviewItem(
                            kind,
                            r["id"],
                            r["source"],
                            r["external_id"],
                            r["category"],
                            r["occurred_from"],
                            r["address"],
                            r["place"],
                            r["description"],
                            r["geocode_note"],
                            r["precision"],
                            r["municipality"],
                        )
                    )
        items.sort(key=lambda i: (i.occurred_from, i.kind, i.id))
        return items[:limit] if limit else items

    def set_location(
        self,
        kind: str,
        record_id: int,
        *,
        lon: float,
        lat: float,
        precision: str,
        note: str,
        score: float | None = None,
    ) -> None:
        """Give a record a location (from review or re-geocoding) and leave the queue."""
        table = TABLES[kind]
        with self.engine.begin() as conn:
            n = conn.execute(
                update(table)
                .where(table.c.id == record_id)
                .values(
                    lon=lon,
                    lat=lat,
                    precision=precision,
                    geocode_note=note,
                    geocode_score=score,
                    review="resolved",
                )
            ).rowcount
        if n == 0:
            raise NotFoundError(
                msg("store.no_observation", id=record_id)
                if kind == "observation"
                else msg("store.no_incident", id=record_id)
            )

    # ------------------------------------------------------------------ measures
    def add_measure(
        self,
        *,
        measure: str,
        title: str,
        lon: float | None = None,
        lat: float | None = None,
        radius_m: float | None = None,
        area_geojson: dict | None = None,
        description: str | None = None,
        status: str = "föreslagen",
        municipality: str | None = None,
        decided_on: datetime | None = None,
        starts_on: datetime | None = None,
        ends_on: datetime | None = None,
        cost_sek: float | None = None,
        changed_by: str | None = None,
        at: datetime | None = None,
        note: str | None = None,
        links: list[tuple[str, int]] | None = None,
    ) -> int:
        """Store a measure (åtgärd) and its first status change; return its id.

        Parameters
        ----------
        measure
            A measure code of the catalogue (``[measure.*]`` in ``data/categories.toml``);
            its Swedish or English label is accepted too and stored as the code.
        title
            A short name ("Ny belysning gångtunneln"); must not be blank.
        lon, lat
            A point (WGS84), both or neither; ``radius_m`` (> 0) is the area it covers.
        area_geojson
            An area instead of (or besides) the point: a GeoJSON Polygon or MultiPolygon in
            lon/lat, or a Feature/FeatureCollection of them (stored as one geometry).
        status
            A :class:`hotspots.domain.MeasureStatus` value.
        decided_on, starts_on, ends_on
            When it was decided, placed (in place from) and until when; timezone-aware.
        cost_sek
            Cost in kronor, 0 or more.
        changed_by, at, note
            Who set the first status, when (default: now) and a note kept with it.
        links
            ``(kind, ref_id)`` pairs: the observations (``"observation"``) and stored
            hotspot analyses (``"run"``) behind the measure, linked in the same
            transaction (see :mod:`hotspots.store.links`).

        Raises
        ------
        InputError
            A value is invalid: the message names the field and the value. Nothing is
            stored then.
        NotFoundError
            A linked observation or analysis does not exist; nothing is stored then.
        """
        from hotspots.store.links import check_links, insert_links

        measure = _measure_code(measure)
        status = _check_status("measure", status)
        clean_title = (title or "").strip()
        if not clean_title:
            raise InputError(msg("measures.title_empty", value=title))
        if (lon is None) != (lat is None):
            raise InputError(msg("measures.lonlat_pair", lon=lon, lat=lat))
        if lon is not None:
            raw_lon, raw_lat = lon, lat
            lon, lat = _number(lon), _number(lat)
            if not -180 <= lon <= 180:
                raise InputError(msg("measures.lon_range", value=raw_lon))
            if not -90 <= lat <= 90:
                raise InputError(msg("measures.lat_range", value=raw_lat))
        area = None if area_geojson is None else _area_geometry(area_geojson)
        if lon is None and area is None:
            raise InputError(msg("measures.no_place"))
        if radius_m is not None:
            raw_radius, radius_m = radius_m, _number(radius_m)
            if not radius_m > 0:
                raise InputError(msg("measures.radius", value=raw_radius))
            if lon is None:
                raise InputError(msg("measures.radius_without_point", value=radius_m))
        if cost_sek is not None:
            raw_cost, cost_sek = cost_sek, _number(cost_sek)
            if not cost_sek >= 0:
                raise InputError(msg("measures.cost", value=raw_cost))
        decided_on = _aware("decided_on", decided_on)
        starts_on = _aware("starts_on", starts_on)
        ends_on = _aware("ends_on", ends_on)
        at = _aware("at", at) or datetime.now(UTC)
        links = check_links(links)
        if starts_on is not None and ends_on is not None and ends_on < starts_on:
            raise InputError(
                msg(
                    "measures.ends_before_starts",
                    ends=ends_on.isoformat(),
                    starts=starts_on.isoformat(),
                )
            )
        self.require_schema()
        m = Measure.__table__
        with self.engine.begin() as conn:
            measure_id = conn.execute(
                m.insert().values(
                    measure=measure,
                    title=clean_title,
                    description=(description or "").strip() or None,
                    status=status,
                    municipality=(municipality or "").strip() or None,
                    lon=lon,
                    lat=lat,
                    radius_m=radius_m,
                    area_geojson=area,
                    precision="exact",
                    decided_on=decided_on,
                    starts_on=starts_on,
                    ends_on=ends_on,
                    cost_sek=cost_sek,
                    created_at=datetime.now(UTC),
                )
            ).inserted_primary_key[0]
            conn.execute(
                StatusChange.__table__.insert().values(
                    kind="measure",
                    record_id=measure_id,
                    status=status,
                    changed_at=at,
                    changed_by=changed_by,
                    note=(note or "").strip() or None,
                )
            )
            insert_links(conn, measure_id, links, by=changed_by)
        return measure_id

    def measures(
        self,
        *,
        bbox: tuple[float, float, float, float] | None = None,
        statuses: list[str] | None = None,
    ) -> pd.DataFrame:
        """Measures as a DataFrame with :data:`MEASURE_COLUMNS`, ordered by id.

        ``bbox`` (west, south, east, north in lon/lat) keeps measures whose point lies in
        it or whose area's bounds intersect it. ``statuses`` keeps those statuses.
        Times are timezone-aware UTC; ``status_changed_at`` is the latest status change.
        """
        if statuses is not None:
            statuses = [_check_status("measure", s) for s in statuses]
        if bbox is not None:
            try:
                x0, y0, x1, y1 = (float(v) for v in bbox)
            except (TypeError, ValueError):
                raise InputError(msg("measures.bad_bbox", value=bbox)) from None
        m = Measure.__table__
        sc = StatusChange.__table__
        latest = (
            select(sc.c.record_id, func.max(sc.c.changed_at).label("status_changed_at"))
            .where(sc.c.kind == "measure")
            .group_by(sc.c.record_id)
            .subquery()
        )
        q = select(
            *[m.c[c] for c in MEASURE_COLUMNS if c != "status_changed_at"],
            latest.c.status_changed_at,
        ).select_from(m.outerjoin(latest, latest.c.record_id == m.c.id))
        if statuses is not None:
            q = q.where(m.c.status.in_(statuses))
        with self.engine.connect() as conn:
            rows = conn.execute(q.order_by(m.c.id)).all()
        if bbox is not None:
            rows = [r for r in rows if _in_bbox(r, (x0, y0, x1, y1))]
        df = pd.DataFrame([tuple(r) for r in rows], columns=list(MEASURE_COLUMNS))
        for c in _MEASURE_TIMES:
            df[c] = pd.to_datetime(df[c], utc=True)
        for c in ("lon", "lat", "radius_m", "cost_sek"):
            df[c] = pd.to_numeric(df[c], errors="coerce").astype("float64")
        df["id"] = df["id"].astype("int64")
        for c in ("description", "municipality", "area_geojson"):
            df[c] = _nullable(df[c])
        return df

    # ------------------------------------------------------------------ status
    def set_status(
        self,
        kind: str,
        record_id: int,
        status: str,
        *,
        at: datetime | None = None,
        by: str | None = None,
        note: str | None = None,
    ) -> None:
        """Record a status change of an observation or a measure.

        The change is appended to the history; the record's ``status`` becomes the status
        of its latest change by time (a change dated before the latest one is history
        only).

        Raises
        ------
        InputError
            Unknown ``kind`` or a status that ``kind`` does not have (the message lists the
            allowed values).
        NotFoundError
            No record ``record_id`` of that kind.
        """
        table = _status_table(kind)
        status = _check_status(kind, status)
        at = _aware("at", at) or datetime.now(UTC)
        sc = StatusChange.__table__
        with self.engine.begin() as conn:
            record_id = _require_record(conn, kind, table, record_id)
            conn.execute(
                sc.insert().values(
                    kind=kind,
                    record_id=record_id,
                    status=status,
                    changed_at=at,
                    changed_by=by,
                    note=(note or "").strip() or None,
                )
            )
            current = conn.execute(
                select(sc.c.status)
                .where(sc.c.kind == kind, sc.c.record_id == record_id)
                .order_by(sc.c.changed_at.desc(), sc.c.id.desc())
                .limit(1)
            ).scalar_one()
            conn.execute(update(table).where(table.c.id == record_id).values(status=current))

    def status_changes(
        self, kind: str, *, start: datetime | None = None, end: datetime | None = None
    ) -> pd.DataFrame:
        """Status changes of one kind in ``[start, end)``, ordered by time.

        Columns :data:`STATUS_CHANGE_COLUMNS`; ``changed_at`` is timezone-aware UTC.
        """
        _status_table(kind)
        start = _aware("start", start)
        end = _aware("end", end)
        sc = StatusChange.__table__
        q = select(*[sc.c[c] for c in STATUS_CHANGE_COLUMNS]).where(sc.c.kind == kind)
        if start is not None:
            q = q.where(sc.c.changed_at >= start)
        if end is not None:
            q = q.where(sc.c.changed_at < end)
        with self.engine.connect() as conn:
            rows = conn.execute(q.order_by(sc.c.changed_at, sc.c.id)).all()
        df = pd.DataFrame([tuple(r) for r in rows], columns=list(STATUS_CHANGE_COLUMNS))
        df["record_id"] = df["record_id"].astype("int64")
        df["changed_at"] = pd.to_datetime(df["changed_at"], utc=True)
        for c in ("changed_by", "note"):
            df[c] = _nullable(df[c])
        return df

    def status_history(self, kind: str, record_id: int) -> list[dict]:
        """The status changes of one record, oldest first.

        Each is a dict with ``status``, ``changed_at`` (aware UTC), ``changed_by`` and
        ``note``. An imported observation whose status never changed has none.
        """
        table = _status_table(kind)
        sc = StatusChange.__table__
        with self.engine.connect() as conn:
            record_id = _require_record(conn, kind, table, record_id)
            rows = (
                conn.execute(
                    select(sc.c.status, sc.c.changed_at, sc.c.changed_by, sc.c.note)
                    .where(sc.c.kind == kind, sc.c.record_id == record_id)
                    .order_by(sc.c.changed_at, sc.c.id)
                )
                .mappings()
                .all()
            )
        return [dict(r) for r in rows]

    def observation_ids(self, external_ids: list[str], *, source: str | None = None) -> dict:
        """``external_id -> id`` of the observations with those ids (of ``source``).

        Ids not stored are left out. Without ``source`` an id stored by several sources
        is an :class:`InputError` (say which one, or use the numeric id).
        """
        t = Observation.__table__
        q = select(t.c.external_id, t.c.id, t.c.source).where(
            t.c.external_id.in_(bindparam("ids", expanding=True))
        )
        if source is not None:
            q = q.where(t.c.source == source)
        found: dict[str, list] = {}
        wanted = list(dict.fromkeys(external_ids))
        with self.engine.connect() as conn:
            for i in range(0, len(wanted), _ID_QUERY_CHUNK):
                for ext, rid, src in conn.execute(q, {"ids": wanted[i : i + _ID_QUERY_CHUNK]}):
                    found.setdefault(ext, []).append((rid, src))
        out = {}
        for ext, hits in found.items():
            if len(hits) > 1:
                raise InputError(
                    msg(
                        "observations.ambiguous_id",
                        value=ext,
                        sources=", ".join(sorted(s for _, s in hits)),
                    )
                )
            out[ext] = hits[0][0]
        return out

    # ------------------------------------------------------------------ gazetteer
    def gazetteer_entries(self, municipality: str | None = None) -> pd.DataFrame:
        """All gazetteer entries (optionally of one kommun) as a DataFrame."""
        t = GazetteerRow.__table__
        q = select(
            t.c.kind,
            t.c.name,
            t.c.street,
            t.c.number,
            t.c.letter,
            t.c.postcode,
            t.c.locality,
            t.c.municipality,
            t.c.lon,
            t.c.lat,
            t.c.source,
        )
        if municipality:
            q = q.where(func.lower(t.c.municipality) == municipality.lower())
        with self.engine.connect() as conn:
            rows = conn.execute(q.order_by(t.c.id)).all()
        return pd.DataFrame(rows, columns=[c.name for c in q.selected_columns])

    def add_gazetteer_entries(
        self,
        entries,
        *,
        source: str,
        filename: str,
        default_municipality: str | None,
        problems: list,
    ) -> dict:
        """Store gazetteer entries in one transaction; existing ones are counted, not added."""
        from hotspots.catalogue import normalize_label

        t = GazetteerRow.__table__
        stored = duplicate = read = 0
        with self.import_batch(
            source=source, filename=filename, fmt="gazetteer", kind="gazetteer"
        ) as writer:
            existing = set(
                writer.conn.execute(select(t.c.key).where(t.c.source == source)).scalars()
            )
            rows = []
            for e in entries:
                read += 1
                key = normalize_label(
                    "|".join(
                        str(v)
                        for v in (e.kind, e.name, e.number or "", e.letter or "", e.locality or "")
                    )
                )
                if key in existing:
                    duplicate += 1
                    continue
                existing.add(key)
                rows.append(
                    {
                        "kind": e.kind,
                        "name": e.name,
                        "street": e.street,
                        "number": None if e.number is None else str(e.number),
                        "letter": e.letter,
                        "postcode": e.postcode,
                        "locality": e.locality,
                        "municipality": e.municipality or default_municipality,
                        "lon": e.lon,
                        "lat": e.lat,
                        "source": source,
                        "key": key,
                        "batch_id": writer.batch_id,
                    }
                )
                if len(rows) >= 10_000:
                    writer.conn.execute(t.insert(), rows)
                    stored += len(rows)
                    rows = []
            if rows:
                writer.conn.execute(t.insert(), rows)
                stored += len(rows)
            writer.reject(problems)
            writer.conn.execute(
                update(ImportBatch.__table__)
                .where(ImportBatch.__table__.c.id == writer.batch_id)
                .values(
                    finished_at=datetime.now(UTC),
                    rows_read=read + len(problems),
                    rows_stored=stored,
                    rows_duplicate=duplicate,
                    rows_rejected=len(problems),
                )
            )
        return {
            "source": source,
            "read": read + len(problems),
            "stored": stored,
            "duplicate": duplicate,
            "rejected": len(problems),
            "rejections": [p.as_dict() for p in problems],
        }


def _user() -> str | None:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name in some containers; not worth failing
        return None


def _measure_code(value: str) -> str:
    """The catalogue code of a measure given by code or label (any case)."""
    from hotspots.catalogue import load_catalogue, normalize_label

    measures = load_catalogue().measures
    if isinstance(value, str):
        wanted = normalize_label(value)
        for code, m in measures.items():
            if wanted in (code, normalize_label(m.label_sv), normalize_label(m.label_en)):
                return code
    raise InputError(msg("measures.bad_type", value=value, allowed=", ".join(measures)))


def _number(value) -> float:
    """``value`` as a float; NaN for anything that is no finite number (fails the checks)."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return math.nan
    return number if math.isfinite(number) else math.nan


def _nullable(s: pd.Series) -> pd.Series:
    """An object column with ``None`` (not NaN) for missing values: JSON-friendly."""
    return s.astype(object).where(s.notna(), None)


def _status_table(kind: str):
    if kind not in STATUS_TABLES:
        raise InputError(msg("status.bad_kind", value=kind))
    return STATUS_TABLES[kind]


def _check_status(kind: str, status: str) -> str:
    """``status`` as stored, or an :class:`InputError` listing the allowed values."""
    from hotspots.domain import STATUS_KINDS

    allowed = [s.value for s in STATUS_KINDS[kind]]
    value = status.strip().lower() if isinstance(status, str) else status
    if value in allowed:
        return value
    if kind == "measure":
        raise InputError(msg("measures.bad_status", value=status, allowed=", ".join(allowed)))
    raise InputError(msg("observations.bad_status", value=status, allowed=", ".join(allowed)))


def _require_record(conn: Connection, kind: str, table, record_id) -> int:
    """``record_id`` as a plain int (numpy ints too), or :class:`NotFoundError`."""
    try:
        number = int(record_id)
    except (TypeError, ValueError):
        number = None
    found = None
    if number is not None and number == record_id:
        found = conn.execute(select(table.c.id).where(table.c.id == number)).first()
    if found is None:
        if kind == "measure":
            raise NotFoundError(msg("measures.not_found", id=record_id))
        raise NotFoundError(msg("observations.not_found", id=record_id))
    return number


def _aware(field: str, value: datetime | None) -> datetime | None:
    """A timezone-aware datetime, or an :class:`InputError` naming the field."""
    if value is None:
        return None
    if isinstance(value, pd.Timestamp):
        if pd.isna(value):
            return None
        value = value.to_pydatetime()
    if not isinstance(value, datetime):
        raise InputError(msg("measures.bad_time", field=field, value=value))
    if value.tzinfo is None or value.tzinfo.utcoffset(value) is None:
        raise InputError(msg("measures.naive_time", field=field, value=value.isoformat()))
    return value


def _area_geometry(value) -> dict:
    """A GeoJSON (Multi)Polygon geometry from a geometry, Feature or FeatureCollection."""
    from shapely.geometry import shape
    from shapely.validation import explain_validity

    def kind_of(v) -> str:
        return repr(v.get("type")) if isinstance(v, dict) else type(v).__name__

    geom = value
    if isinstance(value, dict) and value.get("type") == "Feature":
        geom = value.get("geometry")
    elif isinstance(value, dict) and value.get("type") == "FeatureCollection":
        features = value.get("features") or []
        geoms = [f.get("geometry") if isinstance(f, dict) else f for f in features]
        if len(geoms) == 1:
            geom = geoms[0]
        elif geoms and all(
            isinstance(g, dict) and g.get("type") in ("Polygon", "MultiPolygon") for g in geoms
        ):
            parts: list = []
            for g in geoms:
                coords = g.get("coordinates")
                parts.extend([coords] if g["type"] == "Polygon" else list(coords or []))
            geom = {"type": "MultiPolygon", "coordinates": parts}
        else:
            raise InputError(
                msg("measures.area_type", value=f"FeatureCollection ({len(geoms)} features)")
            )
    if not isinstance(geom, dict) or geom.get("type") not in ("Polygon", "MultiPolygon"):
        raise InputError(msg("measures.area_type", value=kind_of(geom)))
    try:
        shp = shape(geom)
    except Exception as exc:  # noqa: BLE001 - shapely raises several kinds for bad rings
        raise InputError(msg("measures.area_invalid", detail=exc)) from None
    if shp.is_empty:
        raise InputError(msg("measures.area_invalid", detail="empty"))
    x0, y0, x1, y1 = shp.bounds
    if not all(math.isfinite(v) for v in (x0, y0, x1, y1)) or not (
        -180 <= x0 and x1 <= 180 and -90 <= y0 and y1 <= 90
    ):
        bounds = ", ".join(f"{v:.6g}" for v in (x0, y0, x1, y1))
        raise InputError(msg("measures.area_not_lonlat", bounds=bounds))
    if not shp.is_valid:
        raise InputError(msg("measures.area_invalid", detail=explain_validity(shp)))
    return {"type": geom["type"], "coordinates": geom["coordinates"]}


def _positions(coords) -> Iterator[tuple[float, float]]:
    if coords and isinstance(coords[0], (int, float)):
        yield float(coords[0]), float(coords[1])
        return
    for c in coords or ():
        yield from _positions(c)


def _in_bbox(row, bbox: tuple[float, float, float, float]) -> bool:
    """True when a measure's point is inside ``bbox`` or its area's bounds intersect it."""
    x0, y0, x1, y1 = bbox
    if row.lon is not None and row.lat is not None:
        if x0 <= row.lon <= x1 and y0 <= row.lat <= y1:
            return True
    if row.area_geojson:
        pts = list(_positions(row.area_geojson.get("coordinates")))
        if pts:
            xs, ys = zip(*pts, strict=True)
            return min(xs) <= x1 and max(xs) >= x0 and min(ys) <= y1 and max(ys) >= y0
    return False


def _walk_ids(
    conn: Connection, *, source: str, names: list[str], batch_id: int | None
) -> dict[str, int]:
    t = Walk.__table__
    names = sorted({n for n in names if n})
    if not names:
        return {}
    found = dict(
        conn.execute(
            select(t.c.name, t.c.id).where(t.c.source == source, t.c.name.in_(names))
        ).all()
    )
    for name in names:
        if name not in found:
            found[name] = conn.execute(
                t.insert().values(
                    source=source, name=name, batch_id=batch_id, created_at=datetime.now(UTC)
                )
            ).inserted_primary_key[0]
    return found


class BatchWriter:
    """Writes one import's chunks inside its transaction and sorts out duplicates."""

    def __init__(self, conn: Connection, *, batch_id: int, source: str):
        self.conn = conn
        self.batch_id = batch_id
        self.source = source
        self._sqlite = conn.dialect.name == "sqlite"
        self._deferred: list = []  # secondary indexes dropped for a bulk load

    def _defer_indexes(self, kind: str) -> None:
        """Drop a table's secondary indexes for a bulk load; :meth:`finish` rebuilds them.

        Building an index once from sorted data is several times cheaper than updating it
        row by row. Only on SQLite: the import already holds the database's write lock and
        DDL is transactional there, so a failed import restores the indexes on rollback.
        PostgreSQL keeps its indexes (dropping them would lock out readers).
        """
        table = TABLES[kind]
        for index in sorted(table.indexes, key=lambda i: i.name):
            if index.unique or index in self._deferred:
                continue
            self.conn.exec_driver_sql(f"DROP INDEX IF EXISTS {index.name}")
            self._deferred.append(index)

    def _restore_indexes(self) -> None:
        for index in self._deferred:
            index.create(self.conn)
        self._deferred = []

    def existing_ids(self, kind: str, ids: list[str]) -> dict[str, int | None]:
        """``external_id -> batch_id`` for ids already stored under this source."""
        table = TABLES[kind]
        q = select(table.c.external_id, table.c.batch_id).where(
            table.c.source == self.source, table.c.external_id.in_(bindparam("ids", expanding=True))
        )
        out: dict[str, int | None] = {}
        for i in range(0, len(ids), _ID_QUERY_CHUNK):
            out.update(self.conn.execute(q, {"ids": ids[i : i + _ID_QUERY_CHUNK]}).all())
        return out

    def write(self, kind: str, records: pd.DataFrame) -> tuple[int, list]:
        """Store new records; return how many were stored and the duplicate rows.

        ``records`` has :data:`RECORD_COLUMNS` plus ``line`` (and for observations
        optionally ``walk``, ``severity``, ``status``). Duplicates are rows whose id is
        already stored (by an earlier import, or by an earlier row of this file).
        """
        from hotspots.ingest.report import Duplicate

        if records.empty:
            return 0, []
        ids = records["external_id"].tolist()
        existing = self.existing_ids(kind, list(dict.fromkeys(ids)))
        in_chunk_dup = records["external_id"].duplicated(keep="first").to_numpy()
        in_db = records["external_id"].isin(existing.keys()).to_numpy()
        dup_mask = in_chunk_dup | in_db
        dups = []
        if dup_mask.any():
            for line, ext in zip(
                records["line"].to_numpy()[dup_mask],
                records["external_id"].to_numpy()[dup_mask],
                strict=True,
            ):
                owner = existing.get(ext, self.batch_id)
                if owner == self.batch_id:
                    reason = msg("duplicate.same_file")
                elif owner:
                    reason = msg("duplicate.stored_batch", batch=owner)
                else:
                    reason = msg("duplicate.stored")
                dups.append(Duplicate(int(line), str(ext), reason))
        new = records.loc[~dup_mask]
        if self._sqlite and len(new) >= BULK_ROWS:
            self._defer_indexes(kind)
        if not new.empty:
            self._insert(kind, new)
        return len(new), dups

    def _insert(self, kind: str, new: pd.DataFrame) -> None:
        table = TABLES[kind]
        now = _ts(pd.Series([pd.Timestamp.now(tz="UTC")] * len(new)), self._sqlite)
        cols: dict[str, object] = {
            "source": np.full(len(new), self.source, dtype=object),
            "batch_id": np.full(len(new), self.batch_id, dtype=object),
            "source_line": new["line"].astype("int64").to_numpy().astype(object),
            "created_at": now,
        }
        for c in RECORD_COLUMNS:
            if c in ("occurred_from", "occurred_to"):
                cols[c] = _ts(new[c], self._sqlite)
            elif c == "outside_area":
                cols[c] = new[c].fillna(False).astype(bool).to_numpy().astype(object)
            else:
                cols[c] = _objects(new[c])
        if kind == "observation":
            if "walk" in new and new["walk"].notna().any():
                wid = _walk_ids(
                    self.conn,
                    source=self.source,
                    names=new["walk"].dropna().unique().tolist(),
                    batch_id=self.batch_id,
                )
                cols["walk_id"] = _objects(new["walk"].map(wid))
            if "severity" in new:
                cols["severity"] = _objects(new["severity"])
            status = new["status"] if "status" in new else pd.Series(index=new.index, dtype=object)
            cols["status"] = _objects(status.fillna("ny"))
        names = list(cols)
        mark = "?" if self._sqlite else "%s"
        sql = (
            f"INSERT INTO {table.name} ({', '.join(names)}) "
            f"VALUES ({', '.join([mark] * len(names))})"
        )
        rows = list(zip(*(cols[n] for n in names), strict=True))
        # Plain DBAPI executemany: the ORM/Core per-value type processing costs more than
        # the insert itself on million-row files; values are already in storage form.
        self.conn.exec_driver_sql(sql, rows)

    def reject(self, errors: list[RowError]) -> None:
        """Store rejected rows so they can be listed after the import."""
        if not errors:
            return
        t = ImportRejection.__table__
        self.conn.execute(
            t.insert(),
            [
                {
                    "batch_id": self.batch_id,
                    "line": e.line,
                    "field": e.field,
                    "reason": e.reason,
                    "value": None if e.value is None else str(e.value)[:2000],
                }
                for e in errors
            ],
        )

    def finish(self, report) -> None:
        """Rebuild deferred indexes and write the final counts on the batch row."""
        self._restore_indexes()
        t = ImportBatch.__table__
        self.conn.execute(
            update(t)
            .where(t.c.id == self.batch_id)
            .values(
                finished_at=datetime.now(UTC),
                rows_read=report.read,
                rows_stored=report.stored,
                rows_duplicate=report.duplicate,
                rows_rejected=report.rejected,
                rows_review=report.review,
                warnings=report.warnings,
                encoding=report.encoding,
            )
        )


def _objects(s: pd.Series) -> np.ndarray:
    """Values with every missing value as ``None`` (what DBAPI drivers expect)."""
    arr = s.to_numpy(dtype=object)
    mask = pd.isna(s).to_numpy()
    if mask.any():
        arr = arr.copy()
        arr[mask] = None
    if s.dtype.kind in "iuf" or str(s.dtype) in ("Int64", "Float64"):
        # numpy scalars are not DBAPI types: hand the drivers plain Python numbers
        conv = float if s.dtype.kind == "f" or str(s.dtype) == "Float64" else int
        return np.array([None if v is None else conv(v) for v in arr], dtype=object)
    return arr


def _ts(s: pd.Series, sqlite: bool) -> np.ndarray:
    """UTC timestamps in storage form: naive ISO text on SQLite, aware ISO text on PG."""
    s = pd.to_datetime(s, utc=True)
    values = s.dt.tz_localize(None).to_numpy(dtype="datetime64[us]")
    text_ = np.datetime_as_string(values, unit="us").astype(object)
    mask = pd.isna(s).to_numpy()
    out = np.char.replace(text_.astype(str), "T", " ").astype(object)
    if not sqlite:
        out = out + "+00:00"
    out[mask] = None
    return out


def measures_as_of(store, measures: pd.DataFrame, end: datetime) -> pd.DataFrame:
    """``measures`` (a frame of :meth:`Store.measures`) as they stood at ``end``.

    ``status`` becomes the status of each measure's last change before ``end`` and
    ``status_changed_at`` that change's time; a measure whose first recorded change is
    later (entered after the fact) keeps its first recorded status, with no change time.
    A store without a history (or measures without one) leaves them as they are.
    """
    history = getattr(store, "status_changes", None)
    if len(measures) == 0 or history is None:
        return measures
    changes = history("measure")
    if len(changes) == 0:
        return measures
    cutoff = pd.Timestamp(end)
    cutoff = cutoff.tz_localize("UTC") if cutoff.tzinfo is None else cutoff.tz_convert("UTC")
    last = (
        changes.loc[changes["changed_at"] < cutoff]
        .drop_duplicates("record_id", keep="last")
        .set_index("record_id")
    )
    first = changes.drop_duplicates("record_id", keep="first").set_index("record_id")
    last_status = dict(zip(last.index, last["status"], strict=True))
    last_at = dict(zip(last.index, last["changed_at"], strict=True))
    first_status = dict(zip(first.index, first["status"], strict=True))
    ids = [int(i) for i in measures["id"]]
    out = measures.copy()
    out["status"] = [
        last_status.get(i, first_status.get(i, current))
        for i, current in zip(ids, measures["status"], strict=True)
    ]
    if "status_changed_at" in out:
        out["status_changed_at"] = pd.to_datetime([last_at.get(i) for i in ids], utc=True)
    return out
