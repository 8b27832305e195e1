"""Links of a measure to what lies behind it: walk observations and stored hotspot analyses.

``link_measure`` checks that the measure and its target exist (an observation id of
``observations``, a run id of ``detection_runs``); linking the same target twice keeps one
link. ``measure_links`` lists them with a short label for people ("Belysning 2026-11-17",
"kde 2026-11-09 – 2026-11-16").
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, func, select

from hotspots.errors import InputError, NotFoundError
from hotspots.i18n import msg, t
from hotspots.store.link_models import LINK_KINDS, MeasureLink
from hotspots.store.models import DetectionRun, Measure, Observation

__all__ = [
    "LINK_KINDS",
    "link_measure",
    "unlink_measure",
    "measure_links",
    "link_counts",
    "insert_links",
    "check_links",
]

_TARGETS = {"observation": Observation.__table__, "run": DetectionRun.__table__}


def _kind(kind) -> str:
    value = kind.strip().lower() if isinstance(kind, str) else kind
    if value not in LINK_KINDS:
        raise InputError(msg("links.bad_kind", value=kind, allowed=", ".join(LINK_KINDS)))
    return value


def _id(value, field: str) -> int:
    """A plain int (numpy ints too) or an :class:`InputError` naming ``field``."""
    if isinstance(value, bool):
        raise InputError(msg("links.bad_id", field=field, value=value))
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise InputError(msg("links.bad_id", field=field, value=value)) from None
    if number != value:
        raise InputError(msg("links.bad_id", field=field, value=value))
    return number


def check_links(links: Iterable[tuple[str, int]] | None) -> list[tuple[str, int]]:
    """``(kind, ref_id)`` pairs checked for form (not existence), duplicates dropped."""
    seen: list[tuple[str, int]] = []
    for kind, ref_id in links or ():
        pair = (_kind(kind), _id(ref_id, "ref_id"))
        if pair not in seen:
            seen.append(pair)
    return seen


def _require_measure(conn: Connection, measure_id) -> int:
    try:
        number = _id(measure_id, "measure_id")
    except InputError:
        raise NotFoundError(msg("measures.not_found", id=measure_id)) from None
    m = Measure.__table__
    if conn.execute(select(m.c.id).where(m.c.id == number)).first() is None:
        raise NotFoundError(msg("measures.not_found", id=measure_id))
    return number


def insert_links(
    conn: Connection,
    measure_id: int,
    links: Iterable[tuple[str, int]],
    *,
    note: str | None = None,
    by: str | None = None,
) -> int:
    """Link ``measure_id`` to each ``(kind, ref_id)`` inside the caller's transaction.

    Every target must exist (else :class:`NotFoundError`, and the caller's transaction
    rolls back); a link that exists already is left as it is. Returns how many are new.
    """
    lk = MeasureLink.__table__
    new = 0
    for kind, ref_id in check_links(links):
        target = _TARGETS[kind]
        if conn.execute(select(target.c.id).where(target.c.id == ref_id)).first() is None:
            if kind == "run":
                raise NotFoundError(msg("runs.not_found", id=ref_id))
            raise NotFoundError(msg("observations.not_found", id=ref_id))
        exists = conn.execute(
            select(lk.c.id).where(
                lk.c.measure_id == measure_id, lk.c.kind == kind, lk.c.ref_id == ref_id
            )
        ).first()
        if exists is not None:
            continue
        conn.execute(
            lk.insert().values(
                measure_id=measure_id,
                kind=kind,
                ref_id=ref_id,
                note=(note or "").strip() or None,
                created_by=by,
                created_at=datetime.now(UTC),
            )
        )
        new += 1
    return new


def link_measure(
    store, measure_id: int, kind: str, ref_id: int, note: str | None = None, *, by=None
) -> bool:
    """Link a measure to an observation or a stored analysis; return whether it is new.

    ``kind`` is ``"observation"`` or ``"run"`` (a stored hotspot analysis); ``False``
    means the link was there already (it is left as it was).

    Raises
    ------
    InputError
        An unknown ``kind`` or an id that is no whole number.
    NotFoundError
        No such measure, observation or stored analysis.
    """
    (pair,) = check_links([(kind, ref_id)])
    store.require_schema()
    with store.engine.begin() as conn:
        number = _require_measure(conn, measure_id)
        return insert_links(conn, number, [pair], note=note, by=by) == 1


def unlink_measure(store, measure_id: int, kind: str, ref_id: int) -> bool:
    """Remove one link; return whether there was one. No such measure: :class:`NotFoundError`."""
    ((kind, ref_id),) = check_links([(kind, ref_id)])
    lk = MeasureLink.__table__
    with store.engine.begin() as conn:
        number = _require_measure(conn, measure_id)
        result = conn.execute(
            lk.delete().where(lk.c.measure_id == number, lk.c.kind == kind, lk.c.ref_id == ref_id)
        )
    return result.rowcount > 0


def _day(value, tz: ZoneInfo) -> str:
    if value is None:
        return "?"
    if value.tzinfo is None:  # SQLite reads without the UTCDateTime type (joins)
        value = value.replace(tzinfo=UTC)
    return value.astimezone(tz).strftime("%Y-%m-%d")


def measure_links(store, measure_id: int, *, language: str | None = None) -> list[dict]:
    """The links of a measure, observations first, each by id.

    Each is a dict with ``kind``, ``ref_id``, ``note``, ``created_at``, ``created_by`` and
    ``label``: the observation's category (in ``language``) and local date, or the
    analysis's method and data window. A target deleted since is labelled so.
    """
    from hotspots.catalogue import load_catalogue
    from hotspots.i18n import current_language
    from hotspots.settings import get_settings

    lang = language or current_language()
    settings = get_settings()
    tz = ZoneInfo(settings.timezone)
    lk = MeasureLink.__table__
    o = Observation.__table__
    r = DetectionRun.__table__
    with store.engine.connect() as conn:
        number = _require_measure(conn, measure_id)
        rows = (
            conn.execute(
                select(lk.c.kind, lk.c.ref_id, lk.c.note, lk.c.created_at, lk.c.created_by)
                .where(lk.c.measure_id == number)
                .order_by(lk.c.kind, lk.c.ref_id)
            )
            .mappings()
            .all()
        )
        obs_ids = [x["ref_id"] for x in rows if x["kind"] == "observation"]
        run_ids = [x["ref_id"] for x in rows if x["kind"] == "run"]
        observations = {
            x.id: x
            for x in conn.execute(
                select(o.c.id, o.c.category, o.c.occurred_from).where(o.c.id.in_(obs_ids))
            )
        }
        runs = {
            x.id: x
            for x in conn.execute(
                select(r.c.id, r.c.method, r.c.window_from, r.c.window_to).where(
                    r.c.id.in_(run_ids)
                )
            )
        }
    catalogue = load_catalogue(settings.data_dir / "categories.toml")
    out = []
    for row in rows:
        item = dict(row)
        if item["kind"] == "observation":
            found = observations.get(item["ref_id"])
            if found is None:
                label = t("links.gone", lang)
            else:
                cat = catalogue.categories.get(found.category)
                name = cat.label(lang) if cat else found.category
                label = f"{name} {_day(found.occurred_from, tz)}"
        else:
            found = runs.get(item["ref_id"])
            if found is None:
                label = t("links.gone", lang)
            elif found.window_from is None and found.window_to is None:
                label = found.method
            else:
                label = (
                    f"{found.method} {_day(found.window_from, tz)} – {_day(found.window_to, tz)}"
                )
        item["label"] = label
        out.append(item)
    return out


def link_counts(store, kind: str = "observation") -> dict[int, int]:
    """``measure_id -> number of links of kind`` for every measure with any."""
    kind = _kind(kind)
    lk = MeasureLink.__table__
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(lk.c.measure_id, func.count()).where(lk.c.kind == kind).group_by(lk.c.measure_id)
        ).all()
    return {int(m): int(n) for m, n in rows}
