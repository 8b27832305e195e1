"""ORM table of the alerts on geographic deviation (``hotspots.alerts``).

Kept apart from :mod:`hotspots.store.models` on the same ``Base`` (same metadata: the
migrations and :meth:`hotspots.store.Store.clear` see it once this module is imported).
One row per week, kind and area: ``(week, kind, area_key)`` is unique, so running the check
again updates the figures of an alert and never makes a second one.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Float, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from hotspots.store.models import Base, UTCDateTime, _now

#: Kinds of alert: a count above the area's own level, or a new/intensifying hotspot.
ALERT_KINDS = ("count", "emerging")
#: Statuses: new, or acknowledged with a decision note.
ALERT_STATUSES = ("ny", "kvitterad")


class AlertRow(Base):
    """One alert: where, what, how unusual, and what leadership decided."""

    __tablename__ = "alerts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    week: Mapped[str] = mapped_column(String(10))  # ISO week, 2026-W47
    kind: Mapped[str] = mapped_column(String(20))  # count | emerging
    area_key: Mapped[str] = mapped_column(String(120))  # cell id or kommun:<name>
    geometry: Mapped[dict | None] = mapped_column(JSON)  # GeoJSON, lon/lat
    lon: Mapped[float | None] = mapped_column(Float)
    lat: Mapped[float | None] = mapped_column(Float)
    municipality: Mapped[str | None] = mapped_column(String(120))
    categories: Mapped[list] = mapped_column(JSON, default=list)
    observed: Mapped[int] = mapped_column(Integer)
    expected: Mapped[float] = mapped_column(Float)
    p_value: Mapped[float | None] = mapped_column(Float)
    q_value: Mapped[float | None] = mapped_column(Float)
    detail: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=_now)
    status: Mapped[str] = mapped_column(String(20), default="ny")
    acknowledged_by: Mapped[str | None] = mapped_column(String(120))
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decision_note: Mapped[str | None] = mapped_column(Text)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    __table_args__ = (
        UniqueConstraint("week", "kind", "area_key", name="uq_alerts_week_kind_area"),
        Index("ix_alerts_week_status", "week", "status"),
    )
