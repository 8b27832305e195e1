"""Alerts in the store: save (no duplicates), list, acknowledge, mark as sent."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select, update

from hotspots.alerts.check import Alert
from hotspots.errors import InputError, NotFoundError
from hotspots.i18n import msg
from hotspots.store.alert_models import ALERT_STATUSES, AlertRow

__all__ = ["ack_alert", "get_alert", "list_alerts", "mark_sent", "save_alerts"]

_FIGURES = (
    "observed",
    "expected",
    "p_value",
    "q_value",
    "geometry",
    "lon",
    "lat",
    "municipality",
    "categories",
)


def _detail(a: Alert) -> dict:
    return {**a.detail, "link": a.link, "place": a.place}


def _alert(row: AlertRow, *, new: bool = False) -> Alert:
    detail = dict(row.detail or {})
    link = detail.pop("link", "") or ""
    place = detail.pop("place", None)
    return Alert(
        kind=row.kind,
        week=row.week,
        area_key=row.area_key,
        observed=row.observed,
        expected=row.expected,
        p_value=row.p_value,
        q_value=row.q_value,
        geometry=row.geometry,
        lon=row.lon,
        lat=row.lat,
        municipality=row.municipality,
        place=place,
        categories=list(row.categories or []),
        link=link,
        detail=detail,
        id=row.id,
        created_at=row.created_at,
        status=row.status,
        acknowledged_by=row.acknowledged_by,
        acknowledged_at=row.acknowledged_at,
        decision_note=row.decision_note,
        sent_at=row.sent_at,
        new=new,
    )


def save_alerts(store, alerts: list[Alert]) -> list[Alert]:
    """Store new alerts; an alert already stored (same week, kind, area) gets new figures.

    Its id, status, acknowledgement and ``sent_at`` stay. Returns the stored alerts, with
    ``new`` True for those this call created.
    """
    from sqlalchemy.orm import Session

    store.require_schema()
    out = []
    with Session(store.engine) as s, s.begin():
        for a in alerts:
            row = s.execute(
                select(AlertRow).where(
                    AlertRow.week == a.week,
                    AlertRow.kind == a.kind,
                    AlertRow.area_key == a.area_key,
                )
            ).scalar_one_or_none()
            new = row is None
            if new:
                row = AlertRow(week=a.week, kind=a.kind, area_key=a.area_key, status="ny")
                s.add(row)
            for k in _FIGURES:
                setattr(row, k, getattr(a, k))
            row.detail = _detail(a)
            s.flush()
            out.append((row, new))
        result = [_alert(r, new=n) for r, n in out]
    return result


def list_alerts(
    store, *, week: str | None = None, status: str | None = None, limit: int | None = None
) -> list[Alert]:
    """Stored alerts, newest week first (then by p-value)."""
    from sqlalchemy.orm import Session

    if status is not None and status not in ALERT_STATUSES:
        raise InputError(msg("alerts.bad_status", value=status, allowed=", ".join(ALERT_STATUSES)))
    q = select(AlertRow)
    if week:
        from hotspots.alerts.check import normalise_week

        q = q.where(AlertRow.week == normalise_week(week))
    if status:
        q = q.where(AlertRow.status == status)
    q = q.order_by(AlertRow.week.desc(), AlertRow.p_value.asc(), AlertRow.id)
    if limit:
        q = q.limit(limit)
    with Session(store.engine) as s:
        return [_alert(r) for r in s.execute(q).scalars()]


def get_alert(store, alert_id: int) -> Alert:
    """One alert, or :class:`NotFoundError`."""
    from sqlalchemy.orm import Session

    with Session(store.engine) as s:
        row = s.get(AlertRow, int(alert_id))
        if row is None:
            raise NotFoundError(msg("alerts.not_found", id=alert_id))
        return _alert(row)


def ack_alert(store, alert_id: int, *, note: str, by: str | None) -> Alert:
    """Acknowledge an alert with a decision note (``kvitterad``); again: the note is replaced."""
    from sqlalchemy.orm import Session

    note = (note or "").strip()
    if not note:
        raise InputError(msg("alerts.note_required"))
    with Session(store.engine) as s, s.begin():
        row = s.get(AlertRow, int(alert_id))
        if row is None:
            raise NotFoundError(msg("alerts.not_found", id=alert_id))
        row.status = "kvitterad"
        row.decision_note = note
        row.acknowledged_by = by
        row.acknowledged_at = datetime.now(UTC)
        s.flush()
        return _alert(row)


def mark_sent(store, ids: list[int]) -> None:
    """Record that these alerts were sent now."""
    if not ids:
        return
    with store.engine.begin() as conn:
        conn.execute(update(AlertRow).where(AlertRow.id.in_(ids)).values(sent_at=datetime.now(UTC)))
