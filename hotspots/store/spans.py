"""The time span the stored records cover (for follow-ups that need data before and after)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select

from hotspots.store.repository import TABLES

__all__ = ["record_span"]


def record_span(store, kind: str = "incident") -> tuple[datetime, datetime, datetime | None] | None:
    """``(first start, last start, last window end)`` of ``kind`` records, aware UTC.

    None when there are no records. A window's end is exclusive (a day ends at the next
    midnight); the last end is None when no record has a window.
    """
    table = TABLES[kind]
    q = select(
        func.min(table.c.occurred_from),
        func.max(table.c.occurred_from),
        func.max(table.c.occurred_to),
    )
    with store.engine.connect() as conn:
        first, last, last_end = conn.execute(q).one()
    if first is None:
        return None
    return first, last, last_end
