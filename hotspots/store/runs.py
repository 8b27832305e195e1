"""Stored hotspot analyses (``detection_runs``): save one, list them, get one back."""

from __future__ import annotations

import getpass
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select

from hotspots.errors import NotFoundError
from hotspots.i18n import msg
from hotspots.store.models import DetectionRun

__all__ = ["RunRecord", "save_run", "get_run", "list_runs"]


@dataclass(frozen=True)
class RunRecord:
    """A stored analysis as the rest of the code sees it."""

    id: int
    method: str
    params: dict
    kind: str
    categories: list | None
    window_from: datetime | None
    window_to: datetime | None
    crs: str
    n_points: int
    input_sha256: str
    result: dict
    summary: dict | None
    created_by: str | None
    created_at: datetime


def _record(row) -> RunRecord:
    return RunRecord(**{f: getattr(row, f) for f in RunRecord.__dataclass_fields__})


def save_run(
    store,
    *,
    method: str,
    params: dict,
    kind: str,
    categories: list | None,
    window_from: datetime | None,
    window_to: datetime | None,
    crs: str,
    n_points: int,
    input_sha256: str,
    result: dict,
    summary: dict | None = None,
) -> int:
    """Store one analysis and return its id."""
    t = DetectionRun.__table__
    try:
        user = getpass.getuser()
    except Exception:  # noqa: BLE001 - containers may have no login name
        user = None
    with store.engine.begin() as conn:
        return conn.execute(
            t.insert().values(
                method=method,
                params=params,
                kind=kind,
                categories=categories,
                window_from=window_from,
                window_to=window_to,
                crs=crs,
                n_points=n_points,
                input_sha256=input_sha256,
                result=result,
                summary=summary,
                created_by=user,
                created_at=datetime.now(UTC),
            )
        ).inserted_primary_key[0]


def get_run(store, run_id: int) -> RunRecord:
    """One stored analysis."""
    t = DetectionRun.__table__
    with store.engine.connect() as conn:
        row = conn.execute(select(t).where(t.c.id == run_id)).first()
    if row is None:
        raise NotFoundError(msg("runs.not_found", id=run_id))
    return _record(row)


def list_runs(store, limit: int = 50) -> list[RunRecord]:
    """The latest analyses, newest first (results included)."""
    t = DetectionRun.__table__
    with store.engine.connect() as conn:
        rows = conn.execute(select(t).order_by(t.c.id.desc()).limit(limit)).all()
    return [_record(r) for r in rows]
