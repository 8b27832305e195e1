"""Routes: citizen promises (medborgarlöften), their progress, and logging activities."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends, Query
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, ConfigDict, Field

from api.auth import Principal, require_role
from api.deps import SettingsDep, StoreDep
from hotspots.promises import core

router = APIRouter(tags=["promises"])

Reader = Annotated[Principal, Depends(require_role("leadership", "analyst"))]
Logger = Annotated[Principal, Depends(require_role("analyst", "field"))]


class ActivityIn(BaseModel):
    """An activity to log: its type and day; a promise, kommun, place and note if known."""

    model_config = ConfigDict(populate_by_name=True)

    type: str = Field(max_length=60, description="Activity type code, e.g. trafikkontroll.")
    day: date = Field(alias="date", description="Day of the activity (YYYY-MM-DD).")
    promise_id: int | None = None
    municipality: str | None = Field(default=None, max_length=120)
    place: str | None = Field(default=None, max_length=500)
    lon: float | None = None
    lat: float | None = None
    who: str | None = Field(default=None, max_length=500)
    note: str | None = Field(default=None, max_length=4000)


@router.get("/api/v1/promises")
def list_promises(
    store: StoreDep,
    who: Reader,
    period: Annotated[int | None, Query(ge=1900, le=2200, description="Year.")] = None,
    municipality: Annotated[str | None, Query(max_length=120)] = None,
) -> list[dict]:
    """Promises with their period, problems (category codes) and targets."""
    return core.list_promises(store, year=period, municipality=municipality)


@router.get("/api/v1/promises/progress")
def promises_progress(
    store: StoreDep,
    settings: SettingsDep,
    who: Reader,
    as_of: Annotated[
        date | None, Query(description="Count up to this day (default today).")
    ] = None,
    period: Annotated[int | None, Query(ge=1900, le=2200)] = None,
    municipality: Annotated[str | None, Query(max_length=120)] = None,
) -> list[dict]:
    """Per target of each begun promise: done, due so far (pro rata) and the period's target."""
    day = as_of or datetime.now(ZoneInfo(settings.timezone)).date()
    return core.progress(
        store, as_of=day, timezone=settings.timezone, year=period, municipality=municipality
    )


@router.get("/api/v1/promises/report", response_class=HTMLResponse)
def promises_report(
    store: StoreDep,
    who: Reader,
    period: Annotated[
        str, Query(max_length=20, description="A year (2021) or a quarter (2021-Q1 .. 2021-Q4).")
    ],
    kommun: Annotated[str | None, Query(max_length=120)] = None,
    lang: Annotated[str, Query(pattern="^(sv|en)$")] = "sv",
) -> HTMLResponse:
    """The follow-up report of the promises for a quarter or a year, as a printable HTML page."""
    from maps.promises_report import promise_report_html

    html = promise_report_html(store, period=period, municipality=kommun, lang=lang)
    return HTMLResponse(html, headers={"Cache-Control": "no-store"})


@router.post("/api/v1/activities", status_code=201)
def create_activity(
    store: StoreDep, settings: SettingsDep, who: Logger, activity: ActivityIn
) -> dict:
    """Log an activity; 400 when its day is outside every promise period of its kommun."""
    return core.add_activity(
        store,
        activity_type=activity.type,
        day=activity.day,
        promise_id=activity.promise_id,
        municipality=activity.municipality
        or (None if activity.promise_id else settings.municipality),
        place=activity.place,
        lon=activity.lon,
        lat=activity.lat,
        who=activity.who,
        note=activity.note,
        created_by=who.name,
    )
