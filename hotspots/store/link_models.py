"""ORM table of a measure's links to what lies behind it: observations and stored analyses.

Kept apart from :mod:`hotspots.store.models` (same ``Base``, so the same metadata: the
migrations and :meth:`hotspots.store.Store.clear` see this table too). A link names its
target by ``kind`` and ``ref_id`` (``observation`` -> ``observations.id``, ``run`` ->
``detection_runs.id``, a stored hotspot analysis); :mod:`hotspots.store.links` checks that
the target exists when the link is made.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from hotspots.store.models import Base, UTCDateTime, _now

#: What a measure can be linked to.
LINK_KINDS = ("observation", "run")


class MeasureLink(Base):
    """One link from a measure to an observation or a stored hotspot analysis."""

    __tablename__ = "measure_links"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    measure_id: Mapped[int] = mapped_column(ForeignKey("measures.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))
    ref_id: Mapped[int] = mapped_column(Integer)
    note: Mapped[str | None] = mapped_column(Text)
    created_by: Mapped[str | None] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=_now)
    __table_args__ = (
        UniqueConstraint("measure_id", "kind", "ref_id", name="uq_measure_links_measure_kind_ref"),
        Index("ix_measure_links_kind_ref", "kind", "ref_id"),
    )
