"""Routes: incidents (list, post) and imports (file upload, batches). Analysts only."""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path as FilePath
from typing import Annotated, Literal

from fastapi import (
    APIRouter,
    BackgroundTasks,
    Body,
    Depends,
    HTTPException,
    Query,
    Request,
    Response,
)
from fastapi.concurrency import run_in_threadpool
from pydantic import Field

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
    audit,
    check_categories,
    check_codes,
    page_out,
    parse_bbox,
    parse_window,
    read_upload,
)
from api.schemas_records import (
    NO_NUL,
    ImportBatchDetail,
    ImportBatchOut,
    ImportReportOut,
    IncidentIn,
    IncidentOut,
    Page,
    PostReport,
)
from hotspots.domain import Precision
from hotspots.errors import InputError
from hotspots.i18n import msg
from hotspots.store import records
from hotspots.store.records import POST_MAX

router = APIRouter(tags=["incidents"])

Analyst = Annotated[Principal, Depends(require_role("analyst"))]
Source = Annotated[
    str,
    Query(
        min_length=1,
        max_length=120,
        pattern=NO_NUL,
        description="Source name; (source, external_id) is unique, so a record sent again "
        "is a duplicate.",
    ),
]
ImportKind = Annotated[
    Literal["incident", "observation"],
    Query(description="Table for categories the catalogue does not know."),
]
Crs = Annotated[
    int | None,
    Query(ge=2000, le=999_999, description="EPSG of the coordinates; detected when not given."),
]
Municipality = Annotated[
    str | None,
    Query(max_length=120, pattern=NO_NUL, description="Kommun: points outside it are flagged."),
]
Dayfirst = Annotated[
    bool | None, Query(description="Order of 03/04/2026 when the data does not settle it.")
]
DryRun = Annotated[bool, Query(description="Check everything, store nothing.")]


def _sensitive_excluded(who: Principal) -> list[str] | None:
    from hotspots.catalogue import load_catalogue

    return None if who.full_detail else sorted(load_catalogue().sensitive_codes())


@router.get("/api/v1/incidents", response_model=Page[IncidentOut])
def list_incidents(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    who: Analyst,
    from_: FromParam = None,
    to: ToParam = None,
    category: CategoryParam = None,
    bbox: BboxParam = None,
    precision: Annotated[
        list[str] | None, Query(description="Geocode precision (repeatable).", max_length=10)
    ] = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> dict:
    """Incidents by id, filtered by time, category, bounding box and precision.

    A page at a time: ``next`` is the address of the next page.
    """
    start, end = parse_window(from_, to, settings.timezone)
    page = records.list_records(
        store,
        "incident",
        start=start,
        end=end,
        categories=check_categories(category, "incident"),
        exclude_categories=_sensitive_excluded(who),
        bbox=parse_bbox(bbox),
        precisions=check_codes("precision", precision, [p.value for p in Precision]),
        limit=limit,
        offset=offset,
    )
    return page_out(request, page, page.items)


@router.post(
    "/api/v1/incidents",
    response_model=PostReport,
    status_code=201,
    responses={200: {"description": "Nothing new was stored (duplicates, rejected, dry run)"}},
)
def post_incidents(
    request: Request,
    response: Response,
    store: StoreDep,
    settings: SettingsDep,
    who: Analyst,
    body: Annotated[
        IncidentIn | Annotated[list[IncidentIn], Field(min_length=1, max_length=POST_MAX)],
        Body(description=f"One incident or a list of at most {POST_MAX}."),
    ],
    source: Source = "api",
    kind: ImportKind = "incident",
    crs: Crs = None,
    municipality: Municipality = None,
    dayfirst: Dayfirst = None,
    dry_run: DryRun = False,
) -> dict:
    """Store one incident or a list, read exactly like the rows of an import.

    The answer is the import report with the outcome of each record (``line`` 1 is the
    first): stored (with its id), duplicate (already stored) or rejected (field and
    reason). 201 when something was stored, else 200.
    """
    from hotspots.geocode.service import text_geocoder

    items = body if isinstance(body, list) else [body]
    rows = [item.model_dump(exclude_unset=True) for item in items]
    report, outcomes = records.import_records(
        store,
        rows,
        source=source,
        kind=kind,
        crs=crs,
        municipality=municipality,
        dayfirst=dayfirst,
        dry_run=dry_run,
        by=who.name,
        geocode_text=text_geocoder(store, settings),
        settings=settings,
    )
    audit(request, who, "import.records", source, _audit_detail(report))
    if not report.stored or dry_run:
        response.status_code = 200
    return {**report.as_dict(), "rows": outcomes}


def _audit_detail(report) -> dict:
    return {
        "batch_id": report.batch_id,
        "dry_run": report.dry_run,
        "read": report.read,
        "stored": report.stored,
        "duplicate": report.duplicate,
        "rejected": report.rejected,
    }


# ------------------------------------------------------------------ file upload
class _TooManyRows(InputError):
    """The upload has more rows than ``max_upload_rows``."""


def _safe_name(filename: str | None) -> str:
    """The base name of an uploaded file, safe as a file name (extensions kept)."""
    name = (filename or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = re.sub(r"[^\w.\- ]+", "_", name).strip(" .")[:120]
    return name or "upload.csv"


@router.post(
    "/api/v1/imports",
    response_model=ImportReportOut,
    status_code=201,
    openapi_extra=UPLOAD_BODY,
    responses={
        200: {"description": "Nothing new was stored (duplicates, rejected, dry run)"},
        413: {"description": "The file is larger than max_upload_mb or has too many rows"},
    },
)
async def upload_import(
    request: Request,
    response: Response,
    background: BackgroundTasks,
    store: StoreDep,
    settings: SettingsDep,
    who: Analyst,
    source: Annotated[
        str | None,
        Query(
            min_length=1,
            max_length=120,
            pattern=NO_NUL,
            description="Source name (default: the file name without dates).",
        ),
    ] = None,
    format: Annotated[
        Literal["auto", "csv", "geojson", "polisen"], Query(description="File format.")
    ] = "auto",
    kind: ImportKind = "incident",
    crs: Crs = None,
    municipality: Municipality = None,
    dayfirst: Dayfirst = None,
    dry_run: DryRun = False,
    map_: Annotated[
        str | None,
        Query(
            alias="map",
            max_length=2000,
            pattern=NO_NUL,
            description="Column mapping as in the CLI: datum=Händelsedatum,kategori=Typ",
        ),
    ] = None,
) -> dict:
    """Import an uploaded file with the same engine and report as ``hotspots import``.

    The file is the multipart field ``file``: CSV, GeoJSON or polisen.se JSON (``.gz``
    allowed).

    Limits: ``HOTSPOTS_MAX_UPLOAD_MB`` (default 50) and ``HOTSPOTS_MAX_UPLOAD_ROWS``; a
    file over either is refused with 413 and nothing is stored.
    """
    from hotspots.geocode.service import text_geocoder
    from hotspots.ingest.columns import parse_column_map
    from hotspots.ingest.pipeline import default_source, import_file

    column_map = parse_column_map(map_) if map_ else None
    max_bytes = int(settings.max_upload_mb * 1_000_000)
    form, upload = await read_upload(request, max_bytes)
    name = _safe_name(upload.filename)
    tmp = FilePath(tempfile.mkdtemp(prefix="hotspots-upload-"))
    try:
        path = tmp / name
        size = 0
        with path.open("wb") as fh:
            while block := await upload.read(1 << 20):
                size += len(block)
                if size > max_bytes:
                    raise HTTPException(
                        status_code=413,
                        detail=msg("api.upload_too_large", max=f"{max_bytes / 1e6:.1f}"),
                    )
                fh.write(block)
        max_rows = settings.max_upload_rows

        def check_rows(n: int) -> None:
            if n > max_rows:
                raise _TooManyRows(msg("api.upload_too_many_rows", max=max_rows))

        try:
            report = await run_in_threadpool(
                import_file,
                path,
                store=store,
                source=source or default_source(FilePath(name)),
                fmt=format,
                dry_run=dry_run,
                column_map=column_map,
                crs=crs,
                kind=kind,
                municipality=municipality,
                dayfirst=dayfirst,
                geocode_text=text_geocoder(store, settings),
                settings=settings,
                chunk_rows=min(50_000, max_rows + 1),
                progress=check_rows,
            )
        except _TooManyRows as exc:
            raise HTTPException(status_code=413, detail=str(exc)) from None
    finally:
        await form.close()
        shutil.rmtree(tmp, ignore_errors=True)
    report.file = name
    if not dry_run:
        await run_in_threadpool(
            records.label_batch, store, report.batch_id, filename=name, imported_by=who.name
        )
    detail = {"file": name, "bytes": size, "source": report.source, **_audit_detail(report)}
    await run_in_threadpool(audit, request, who, "import.file", name, detail)
    if not report.stored or dry_run:
        response.status_code = 200
    elif settings.alert_check_after_import:
        from hotspots.alerts.hook import after_import

        background.add_task(after_import, store, settings)  # never fails the import
    return report.as_dict()


@router.get("/api/v1/imports", response_model=Page[ImportBatchOut])
def list_imports(
    request: Request, store: StoreDep, who: Analyst, limit: Limit = 100, offset: Offset = 0
) -> dict:
    """Imports (uploads, posted records and CLI imports), newest first."""
    page = records.list_imports(store, limit=limit, offset=offset)
    return page_out(request, page, page.items)


@router.get("/api/v1/imports/{batch_id}", response_model=ImportBatchDetail)
def get_import(
    request: Request,
    store: StoreDep,
    who: Analyst,
    batch_id: RecordId,
    limit: Limit = 100,
    offset: Offset = 0,
) -> dict:
    """One import with its counts and a page of its rejected rows.

    ``limit``/``offset`` page through the rejections.
    """
    out = records.get_import(store, batch_id, limit=limit, offset=offset)
    page = out["rejections"]
    out["rejections"] = page_out(request, page, page.items)
    return out
