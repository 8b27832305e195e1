"""Routes: measures (åtgärder). Analysts create and change status; leadership may read."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request

from api.auth import Principal, require_role
from api.deps import SettingsDep, StoreDep
from api.routes.records_common import (
    BboxParam,
    Limit,
    Offset,
    RecordId,
    check_codes,
    page_out,
    parse_bbox,
)
from api.schemas_records import LinkIn, MeasureDetail, MeasureIn, MeasureOut, Page, StatusIn
from hotspots.domain import MeasureStatus
from hotspots.store import records
from hotspots.store.records import Page as RecordsPage
from hotspots.store.records import check_page, local_time, plain

router = APIRouter(tags=["measures"])

Analyst = Annotated[Principal, Depends(require_role("analyst"))]
Reader = Annotated[Principal, Depends(require_role("analyst", "leadership"))]


@router.post("/api/v1/measures", response_model=MeasureDetail, status_code=201)
def create_measure(
    store: StoreDep, settings: SettingsDep, who: Analyst, measure: MeasureIn
) -> dict:
    """Store a measure at a point (with an optional radius) or an area.

    Its first status is kept with the time; so is every later change (PATCH .../status).
    ``observation_ids`` and ``run_ids`` link it to the observations and stored hotspot
    analyses behind it, in the same transaction: one that does not exist is a 404 and
    nothing is stored.
    """
    tz = settings.timezone
    measure_id = store.add_measure(
        measure=measure.measure,
        title=measure.title,
        lon=measure.lon,
        lat=measure.lat,
        radius_m=measure.radius_m,
        area_geojson=measure.area_geojson,
        description=measure.description,
        status=measure.status,
        municipality=measure.municipality or settings.municipality,
        decided_on=local_time(measure.decided_on, tz),
        starts_on=local_time(measure.starts_on, tz),
        ends_on=local_time(measure.ends_on, tz),
        cost_sek=measure.cost_sek,
        changed_by=who.name,
        note=measure.note,
        links=[("observation", i) for i in measure.observation_ids]
        + [("run", i) for i in measure.run_ids],
    )
    return records.measure_detail(store, measure_id)


@router.get("/api/v1/measures", response_model=Page[MeasureOut])
def list_measures(
    request: Request,
    store: StoreDep,
    who: Reader,
    status: Annotated[
        list[str] | None, Query(description="Status (repeatable).", max_length=10)
    ] = None,
    measure: Annotated[
        list[str] | None, Query(description="Measure code (repeatable).", max_length=100)
    ] = None,
    bbox: BboxParam = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> dict:
    """Measures by id with their status and the time of its latest change."""
    from hotspots.catalogue import load_catalogue

    statuses = check_codes("status", status, [s.value for s in MeasureStatus])
    codes = check_codes("measure", measure, list(load_catalogue().measures))
    check_page(limit, offset)
    df = store.measures(bbox=parse_bbox(bbox), statuses=statuses)
    if codes:
        df = df.loc[df["measure"].isin(codes)]
    part = df.iloc[offset : offset + limit]
    items = [{k: plain(v) for k, v in row.items()} for row in part.to_dict("records")]
    page = RecordsPage(items, len(df), limit, offset)
    return page_out(request, page, items)


@router.get("/api/v1/measures/{measure_id}", response_model=MeasureDetail)
def get_measure(store: StoreDep, who: Reader, measure_id: RecordId) -> dict:
    """One measure with its status history (oldest first) and its links."""
    return records.measure_detail(store, measure_id)


@router.patch("/api/v1/measures/{measure_id}/status", response_model=MeasureDetail)
def set_measure_status(
    store: StoreDep, settings: SettingsDep, who: Analyst, measure_id: RecordId, change: StatusIn
) -> dict:
    """Change the status (föreslagen → planerad → pågående → genomförd / avslutad)."""
    store.set_status(
        "measure",
        measure_id,
        change.status,
        at=local_time(change.at, settings.timezone),
        by=who.name,
        note=change.note,
    )
    return records.measure_detail(store, measure_id)


@router.post("/api/v1/measures/{measure_id}/links", response_model=MeasureDetail)
def link_measure(store: StoreDep, who: Analyst, measure_id: RecordId, link: LinkIn) -> dict:
    """Link a measure to an observation or a stored hotspot analysis (``run``) behind it.

    Linking the same target again keeps the one link. No such measure or target: 404.
    """
    from hotspots.store.links import link_measure as add_link

    add_link(store, measure_id, link.kind, link.ref_id, link.note, by=who.name)
    return records.measure_detail(store, measure_id)
