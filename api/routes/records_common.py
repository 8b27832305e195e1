"""What the records routes share: query parameters, paging, uploads and the audit log.

Query values are read here, not by FastAPI's type coercion alone, so a bad value is a 422
whose one-line detail (Swedish by default) names the parameter.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated
from urllib.parse import quote

from fastapi import HTTPException, Path, Query, Request

from api.auth import Principal
from hotspots.i18n import msg
from hotspots.store.records import PAGE_MAX, Page

#: Largest id a path may name (the databases' 32-bit integer keys).
ID_MAX = 2_147_483_647
#: Years a query time may name.
YEARS = (1900, 2200)
#: Multipart headers and boundaries around an uploaded file.
_MULTIPART_OVERHEAD = 64 * 1024

RecordId = Annotated[int, Path(ge=1, le=ID_MAX, description="Id of the record.")]
Limit = Annotated[
    int, Query(ge=1, le=PAGE_MAX, description=f"Items per page (at most {PAGE_MAX}).")
]
Offset = Annotated[int, Query(ge=0, le=ID_MAX, description="Items to skip.")]
FromParam = Annotated[
    str | None,
    Query(
        alias="from",
        description="First day (YYYY-MM-DD, local time) or an ISO 8601 time.",
        max_length=40,
    ),
]
ToParam = Annotated[
    str | None,
    Query(description="Last day, included (YYYY-MM-DD), or an ISO 8601 end time.", max_length=40),
]
BboxParam = Annotated[
    str | None,
    Query(description="west,south,east,north in WGS84 lon/lat, e.g. 13.51,55.92,13.57,55.95"),
]
CategoryParam = Annotated[
    list[str] | None, Query(description="Category code (repeatable).", max_length=100)
]

#: Body of an upload: one file in the multipart field ``file``.
UPLOAD_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["file"],
                    "properties": {"file": {"type": "string", "format": "binary"}},
                }
            }
        },
    }
}


def bad_param(message: str) -> HTTPException:
    """A 422 whose detail is ``message`` (which names the parameter)."""
    return HTTPException(status_code=422, detail=message)


def parse_time(param: str, value: str | None, tz: str, *, end: bool = False) -> datetime | None:
    """A query time: a day ``YYYY-MM-DD`` or an ISO 8601 time, or a 422 naming ``param``.

    A day is local time; with ``end`` the day is included. A time without zone is local.
    """
    if value is None or not value.strip():
        return None
    from hotspots.store.records import local_time

    text = value.strip()
    try:
        if len(text) == 10:
            when = local_time(datetime.strptime(text, "%Y-%m-%d").date(), tz, end=end)
        else:
            when = local_time(datetime.fromisoformat(text.replace("Z", "+00:00")), tz)
    except ValueError:
        when = None
    # pandas and the databases keep times within these years
    if when is None or not YEARS[0] <= when.year <= YEARS[1]:
        raise bad_param(msg("api.bad_time", param=param, value=value))
    return when


def parse_window(
    from_: str | None, to: str | None, tz: str
) -> tuple[datetime | None, datetime | None]:
    """``from``/``to`` as a ``[start, end)`` window (``to`` as a day includes that day)."""
    start = parse_time("from", from_, tz)
    end = parse_time("to", to, tz, end=True)
    if start is not None and end is not None and end <= start:
        raise bad_param(msg("api.window_order", start=from_, end=to))
    return start, end


def parse_bbox(value: str | None) -> tuple[float, float, float, float] | None:
    """``west,south,east,north`` in lon/lat, or a 422 naming ``bbox``."""
    if value is None or not value.strip():
        return None
    try:
        x0, y0, x1, y1 = (float(v) for v in value.split(","))
    except ValueError:
        raise bad_param(msg("api.bad_bbox", value=value)) from None
    if not (-180 <= x0 < x1 <= 180 and -90 <= y0 < y1 <= 90):
        raise bad_param(msg("api.bad_bbox", value=value))
    return x0, y0, x1, y1


def check_codes(param: str, values: list[str] | None, allowed: list[str]) -> list[str] | None:
    """``values`` if each is one of ``allowed``, else a 422 naming ``param``."""
    if not values:
        return None
    for v in values:
        if v not in allowed:
            raise bad_param(msg("api.bad_choice", param=param, value=v, allowed=", ".join(allowed)))
    return list(dict.fromkeys(values))


def check_categories(values: list[str] | None, kind: str) -> list[str] | None:
    """Category codes of ``kind`` from the catalogue, or a 422 naming ``category``."""
    from hotspots.catalogue import load_catalogue

    return check_codes("category", values, load_catalogue().codes(kind))


def page_out(request: Request, page: Page, items: list) -> dict:
    """A :class:`Page` as the JSON of a list, ``next`` the address of the next page."""
    nxt = page.next_offset
    return {
        "items": items,
        "total": page.total,
        "limit": page.limit,
        "offset": page.offset,
        "next": None if nxt is None else str(request.url.include_query_params(offset=nxt)),
    }


def audit(
    request: Request, who: Principal, action: str, target: str, detail: dict | None = None
) -> None:
    """Write an entry to the audit log (who, what, when) through :func:`api.auth.audit`.

    Called before the response is returned: an export that cannot be recorded fails.
    """
    from api.auth import audit as write

    write(request, who, action, target, detail)


def attachment(filename: str, *, inline: bool = False) -> str:
    """A Content-Disposition value that survives non-ASCII names (RFC 6266/5987)."""
    ascii_name = filename.encode("ascii", "replace").decode().replace('"', "_").replace("?", "_")
    kind = "inline" if inline else "attachment"
    return f"{kind}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"


class UploadTooLarge(Exception):
    """The body of an upload passed its limit."""


async def read_upload(request: Request, max_bytes: int):
    """The uploaded file (multipart field ``file``) with the body held to ``max_bytes``.

    The limit is checked against ``Content-Length`` before anything is read and again
    while the body streams in, so an oversized upload is refused early (413).
    Returns the form (close it) and its :class:`starlette.datastructures.UploadFile`.
    """
    from starlette.datastructures import UploadFile
    from starlette.formparsers import MultiPartException, MultiPartParser
    from starlette.requests import parse_options_header

    limit = max_bytes + _MULTIPART_OVERHEAD
    too_large = HTTPException(
        status_code=413, detail=msg("api.upload_too_large", max=f"{max_bytes / 1e6:.1f}")
    )
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise too_large
    ctype, _ = parse_options_header(request.headers.get("content-type"))
    if ctype != b"multipart/form-data":
        raise HTTPException(status_code=415, detail=msg("api.upload_not_multipart"))
    received = 0

    async def body():
        nonlocal received
        async for chunk in request.stream():
            received += len(chunk)
            if received > limit:
                raise UploadTooLarge
            yield chunk

    parser = MultiPartParser(request.headers, body(), max_files=1, max_fields=10)
    try:
        form = await parser.parse()
    except UploadTooLarge:
        raise too_large from None
    except MultiPartException as exc:
        raise HTTPException(
            status_code=400, detail=msg("api.upload_bad_multipart", detail=exc.message)
        ) from None
    upload = form.get("file")
    if not isinstance(upload, UploadFile):
        await form.close()
        raise bad_param(msg("api.upload_no_file"))
    return form, upload
