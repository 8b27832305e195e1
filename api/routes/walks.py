"""Routes: trygghetsvandringar (walks), their observations, status changes and photos.

Field staff and analysts create; leadership may read.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response
from fastapi.concurrency import run_in_threadpool

from api.auth import Principal, require_role
from api.deps import SettingsDep, StoreDep
from api.routes.records_common import (
    UPLOAD_BODY,
    BboxParam,
    CategoryParam,
    FromParam,
    Limit,
    Offset,
    RecordId,
    ToParam,
    attachment,
    bad_param,
    check_categories,
    check_codes,
    page_out,
    parse_bbox,
    parse_window,
    read_upload,
)
from api.schemas_records import (
    ObservationDetail,
    ObservationIn,
    ObservationOut,
    Page,
    PhotoOut,
    StatusIn,
    WalkIn,
    WalkOut,
)
from hotspots.domain import ObservationStatus, Precision
from hotspots.errors import InputError
from hotspots.i18n import msg
from hotspots.store import records

router = APIRouter(tags=["walks"])

Writer = Annotated[Principal, Depends(require_role("field", "analyst"))]
Reader = Annotated[Principal, Depends(require_role("field", "analyst", "leadership"))]


def _photo_urls(request: Request, photos: list[dict]) -> list[dict]:
    return [{**p, "url": str(request.url_for("get_photo", photo_id=p["id"]))} for p in photos]


def _detail(request: Request, obs: dict) -> dict:
    return {**obs, "photos": _photo_urls(request, obs["photos"])}


# ------------------------------------------------------------------ walks
@router.post("/api/v1/walks", response_model=WalkOut, status_code=201)
def create_walk(store: StoreDep, settings: SettingsDep, who: Writer, walk: WalkIn) -> dict:
    """Register a trygghetsvandring; 409 when a walk with that name exists."""
    from hotspots.store.records import local_time

    try:
        return records.add_walk(
            store,
            name=walk.name,
            area=walk.area,
            municipality=walk.municipality or settings.municipality,
            walked_on=local_time(walk.walked_on, settings.timezone),
            participants=walk.participants,
            note=walk.note,
        )
    except records.WalkExists as exc:
        raise HTTPException(status_code=409, detail=str(exc)) from None


@router.get("/api/v1/walks", response_model=Page[WalkOut])
def list_walks(
    request: Request, store: StoreDep, who: Reader, limit: Limit = 100, offset: Offset = 0
) -> dict:
    """Walks by id, each with its number of observations."""
    page = records.list_walks(store, limit=limit, offset=offset)
    return page_out(request, page, page.items)


@router.get("/api/v1/walks/{walk_id}", response_model=WalkOut)
def get_walk(store: StoreDep, who: Reader, walk_id: RecordId) -> dict:
    """One walk."""
    return records.get_walk(store, walk_id)


# ------------------------------------------------------------------ observations
def _create(
    request: Request,
    response: Response,
    store,
    settings,
    who: Principal,
    obs: ObservationIn,
    walk_id: int | None,
) -> dict:
    from hotspots.store.records import local_time

    stored, created = records.add_observation(
        store,
        category=obs.category,
        lon=obs.lon,
        lat=obs.lat,
        occurred_at=local_time(obs.occurred_at, settings.timezone),
        walk_id=walk_id,
        description=obs.description,
        address=obs.address,
        place=obs.place,
        municipality=obs.municipality or settings.municipality,
        severity=obs.severity,
        accuracy_m=obs.accuracy_m,
        client_id=obs.client_id,
        by=who.name,
    )
    if not created:
        response.status_code = 200
    response.headers["Location"] = str(
        request.url_for("get_observation", observation_id=stored["id"])
    )
    return _detail(request, stored)


_CREATED = {200: {"description": "An observation with this client_id exists: that one is returned"}}


@router.post(
    "/api/v1/walks/{walk_id}/observations",
    response_model=ObservationDetail,
    status_code=201,
    responses=_CREATED,
)
def create_walk_observation(
    request: Request,
    response: Response,
    store: StoreDep,
    settings: SettingsDep,
    who: Writer,
    walk_id: RecordId,
    obs: ObservationIn,
) -> dict:
    """Add an observation to a walk (idempotent with ``client_id``)."""
    if obs.walk_id is not None and obs.walk_id != walk_id:
        raise bad_param(msg("api.walk_mismatch", body=obs.walk_id, path=walk_id))
    return _create(request, response, store, settings, who, obs, walk_id)


@router.post(
    "/api/v1/observations",
    response_model=ObservationDetail,
    status_code=201,
    responses=_CREATED,
)
def create_observation(
    request: Request,
    response: Response,
    store: StoreDep,
    settings: SettingsDep,
    who: Writer,
    obs: ObservationIn,
) -> dict:
    """Store an observation, on a walk (``walk_id``) or on its own.

    Sending the same ``client_id`` again returns the stored one with 200 instead of 201.
    """
    return _create(request, response, store, settings, who, obs, obs.walk_id)


@router.get("/api/v1/observations", response_model=Page[ObservationOut])
def list_observations(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    who: Reader,
    from_: FromParam = None,
    to: ToParam = None,
    category: CategoryParam = None,
    bbox: BboxParam = None,
    status: Annotated[
        list[str] | None, Query(description="Workflow status (repeatable).", max_length=10)
    ] = None,
    walk_id: Annotated[int | None, Query(ge=1, le=2_147_483_647)] = None,
    precision: Annotated[
        list[str] | None, Query(description="Geocode precision (repeatable).", max_length=10)
    ] = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> dict:
    """Observations by id, filtered by time, category, box, status, walk and precision."""
    start, end = parse_window(from_, to, settings.timezone)
    page = records.list_records(
        store,
        "observation",
        start=start,
        end=end,
        categories=check_categories(category, "observation"),
        bbox=parse_bbox(bbox),
        statuses=check_codes("status", status, [s.value for s in ObservationStatus]),
        walk_id=walk_id,
        precisions=check_codes("precision", precision, [p.value for p in Precision]),
        limit=limit,
        offset=offset,
    )
    return page_out(request, page, page.items)


@router.get("/api/v1/observations/{observation_id}", response_model=ObservationDetail)
def get_observation(
    request: Request, store: StoreDep, who: Reader, observation_id: RecordId
) -> dict:
    """One observation with its status history (oldest first) and its photos."""
    return _detail(request, records.get_observation(store, observation_id))


@router.patch("/api/v1/observations/{observation_id}/status", response_model=ObservationDetail)
def set_observation_status(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    who: Writer,
    observation_id: RecordId,
    change: StatusIn,
) -> dict:
    """Change the status (ny → rapporterad → åtgärdad / avslutad).

    Every change is kept with its time, who made it and the note.
    """
    from hotspots.store.records import local_time

    store.set_status(
        "observation",
        observation_id,
        change.status,
        at=local_time(change.at, settings.timezone),
        by=who.name,
        note=change.note,
    )
    return _detail(request, records.get_observation(store, observation_id))


# ------------------------------------------------------------------ photos
@router.post(
    "/api/v1/observations/{observation_id}/photos",
    response_model=PhotoOut,
    status_code=201,
    openapi_extra=UPLOAD_BODY,
    responses={413: {"description": "The photo is larger than max_photo_mb"}},
)
async def upload_photo(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    who: Writer,
    observation_id: RecordId,
) -> dict:
    """Attach a photo (multipart field ``file``).

    JPEG, PNG or WebP, checked by its bytes, at most ``HOTSPOTS_MAX_PHOTO_MB`` (default 10).
    """
    max_bytes = int(settings.max_photo_mb * 1_000_000)
    form, upload = await read_upload(request, max_bytes)
    try:
        data = await upload.read(max_bytes + 1)
        filename, size = upload.filename, upload.size or len(data)
    finally:
        await form.close()
    if len(data) > max_bytes:
        raise HTTPException(
            status_code=413,
            detail=msg(
                "api.photo_too_large", size=f"{size / 1e6:.1f}", max=f"{max_bytes / 1e6:.1f}"
            ),
        )
    try:
        photo = await run_in_threadpool(
            records.add_photo,
            store,
            observation_id,
            data,
            filename=filename,
            max_bytes=max_bytes,
        )
    except records.PhotoTypeError as exc:
        raise HTTPException(status_code=415, detail=str(exc)) from None
    except InputError as exc:
        raise bad_param(str(exc)) from None
    return _photo_urls(request, [photo])[0]


@router.get(
    "/api/v1/photos/{photo_id}",
    response_class=Response,
    responses={200: {"content": {"image/jpeg": {}, "image/png": {}, "image/webp": {}}}},
)
def get_photo(store: StoreDep, who: Reader, photo_id: RecordId) -> Response:
    """The image of a photo."""
    photo = records.get_photo(store, photo_id)
    return Response(
        content=photo["data"],
        media_type=photo["content_type"],
        headers={
            "Content-Disposition": attachment(photo["filename"], inline=True),
            "X-Content-Type-Options": "nosniff",
            "Cache-Control": "private, max-age=3600",
            "ETag": f'"{photo["sha256"]}"',
        },
    )
