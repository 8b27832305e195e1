"""ORM tables of medborgarlöften: promises, their countable targets and logged activities.

Kept apart from :mod:`hotspots.store.models` (same ``Base``, so the same metadata: the
migrations and :meth:`hotspots.store.Store.clear` see these tables too). Periods and
activity dates are plain calendar days (``Date``): a promise runs from its first to its
last day inclusive, in the municipality's own time.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Date, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from hotspots.store.models import Base, UTCDateTime, _now

#: Cadences of a target: how often its number is due.
CADENCES = ("per_year", "per_quarter", "per_month", "per_period")


class Promise(Base):
    """One medborgarlöfte of an agreement period, signed by a kommun and a lokalpolisområde."""

    __tablename__ = "promises"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    municipality: Mapped[str] = mapped_column(String(120))
    police_area: Mapped[str | None] = mapped_column(String(120))
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    title: Mapped[str] = mapped_column(Text)
    text: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(Text)
    #: catalogue category codes of the lägesbild problems it answers
    problems: Mapped[list] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=_now)
    __table_args__ = (Index("ix_promises_municipality_period", "municipality", "period_start"),)


class PromiseTarget(Base):
    """A countable target of a promise: ``number`` activities of a type per ``cadence``."""

    __tablename__ = "promise_targets"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    promise_id: Mapped[int] = mapped_column(ForeignKey("promises.id", ondelete="CASCADE"))
    activity_type: Mapped[str] = mapped_column(String(40))
    number: Mapped[int] = mapped_column(Integer)
    cadence: Mapped[str] = mapped_column(String(20))
    note: Mapped[str | None] = mapped_column(Text)
    __table_args__ = (Index("ix_promise_targets_promise", "promise_id"),)


class Activity(Base):
    """A logged activity (a traffic check, a dialogue...), for a promise or for its kommun."""

    __tablename__ = "activities"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    promise_id: Mapped[int | None] = mapped_column(ForeignKey("promises.id", ondelete="SET NULL"))
    activity_type: Mapped[str] = mapped_column(String(40))
    occurred_on: Mapped[date] = mapped_column(Date)
    municipality: Mapped[str | None] = mapped_column(String(120))
    place: Mapped[str | None] = mapped_column(Text)
    lon: Mapped[float | None] = mapped_column(Float)
    lat: Mapped[float | None] = mapped_column(Float)
    who: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
    created_by: Mapped[str | None] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=_now)
    __table_args__ = (Index("ix_activities_occurred_on", "occurred_on"),)
