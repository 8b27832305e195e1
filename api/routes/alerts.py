"""Routes: alerts on geographic deviation. Leadership and analysts list and acknowledge."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query
from pydantic import BaseModel, Field

from api.auth import Principal, require_role
from api.deps import StoreDep

router = APIRouter(tags=["alerts"])

Reader = Annotated[Principal, Depends(require_role("leadership", "analyst"))]


class AckIn(BaseModel):
    """The leadership's decision on an alert."""

    note: str = Field(
        min_length=1, max_length=4000, description="Decision note, e.g. 'Beslut: extra patrull'."
    )


@router.get("/api/v1/alerts")
def list_alerts(
    store: StoreDep,
    who: Reader,
    week: Annotated[str | None, Query(max_length=10, description="ISO week, 2026-W47")] = None,
    status: Annotated[str | None, Query(max_length=20, description="ny or kvitterad")] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
) -> list[dict]:
    """Stored alerts, newest week first: where, what, observed vs expected, p/q, map link."""
    from hotspots.alerts.repo import list_alerts as stored

    return [a.as_dict() for a in stored(store, week=week, status=status, limit=limit)]


@router.post("/api/v1/alerts/{alert_id}/ack")
def ack_alert(
    store: StoreDep,
    who: Reader,
    body: AckIn,
    alert_id: Annotated[int, Path(ge=1, le=2**31 - 1)],
) -> dict:
    """Acknowledge an alert with a decision note; the caller is recorded as who decided."""
    from hotspots.alerts.repo import ack_alert as ack

    return ack(store, alert_id, note=body.note, by=who.name).as_dict()
