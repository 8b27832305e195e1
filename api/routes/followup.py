"""Routes: before/after follow-up of a measure (analysts and leadership; admin)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query

from api.auth import Principal, require_role
from api.deps import StoreDep
from api.routes.records_common import RecordId

router = APIRouter(tags=["measures"])

Reader = Annotated[Principal, Depends(require_role("analyst", "leadership"))]


@router.get("/api/v1/measures/{measure_id}/followup")
def measure_followup(
    store: StoreDep,
    who: Reader,
    measure_id: RecordId,
    weeks: Annotated[
        int | None,
        Query(
            ge=1,
            le=520,
            description="Weeks in each period (default: time since "
            "placement, at most 26, at least 4).",
        ),
    ] = None,
    months: Annotated[
        int | None,
        Query(
            ge=1,
            le=120,
            description="Whole calendar months in each period instead (month-dated data).",
        ),
    ] = None,
    buffer: Annotated[
        float, Query(gt=0, le=10_000, description="Width of the displacement buffer, metres.")
    ] = 200.0,
    category: Annotated[
        list[str] | None,
        Query(
            description="Incident category code (repeatable); default: the categories "
            "the catalogue links to the measure's type.",
            max_length=100,
        ),
    ] = None,
    lang: Annotated[Literal["sv", "en"], Query(description="Language of the texts.")] = "sv",
) -> dict:
    """The before/after follow-up of a measure.

    Counts before and after in the treated area, the buffer and the control area, the
    weighted displacement quotient (Bowers & Johnson 2003), Fisher's exact test and a
    plain-language reading (Swedish unless ``lang=en``).
    When something needed is missing (no placement date, no data before the measure, the
    after period not over) ``ok`` is false and ``missing`` says what, instead of numbers.
    """
    from hotspots.errors import InputError
    from hotspots.followup import Period, follow_up
    from hotspots.i18n import msg

    if weeks is not None and months is not None:
        raise InputError(msg("followup.bad_period", value=f"weeks={weeks}, months={months}"))
    period = None
    if weeks is not None:
        period = Period(weeks, "weeks")
    elif months is not None:
        period = Period(months, "months")
    result = follow_up(
        store,
        measure_id,
        period=period,
        buffer_m=buffer,
        categories=category or None,
        language=lang,
    )
    return result.to_dict()
