"""Domain errors as JSON responses: one handler, one line of detail, no traceback."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import SQLAlchemyError

from hotspots.errors import HotspotsError, NotFoundError, StoreError
from hotspots.i18n import msg

__all__ = ["add_error_handlers", "one_line"]

log = logging.getLogger("hotspots.api")


def one_line(message: object) -> str:
    """The first non-empty line of ``message`` (driver errors span several)."""
    lines = [line.strip() for line in str(message).splitlines() if line.strip()]
    return lines[0] if lines else type(message).__name__


def status_code(exc: HotspotsError) -> int:
    """HTTP status of a domain error: 404 not found, 503 database unusable, else 400."""
    if isinstance(exc, NotFoundError):
        return 404
    if isinstance(exc, StoreError):
        return 503
    return 400


def add_error_handlers(app: FastAPI) -> None:
    """Map :class:`HotspotsError` to 4xx/503 and database errors to 503, as JSON."""

    @app.exception_handler(HotspotsError)
    async def _domain_error(_request: Request, exc: HotspotsError) -> JSONResponse:
        return JSONResponse(status_code=status_code(exc), content={"detail": one_line(exc)})

    @app.exception_handler(SQLAlchemyError)
    async def _database_error(request: Request, exc: SQLAlchemyError) -> JSONResponse:
        # the full error goes to the log; the client gets one line without SQL or parameters
        log.error("database error on %s %s", request.method, request.url.path, exc_info=exc)
        orig = getattr(exc, "orig", None) or exc
        return JSONResponse(status_code=503, content={"detail": f"database: {one_line(orig)}"})


def validation_detail(exc: RequestValidationError) -> str:
    """One line naming the first bad parameter and what is wrong with it (Swedish default)."""
    errors = exc.errors()
    if not errors:
        return msg("api.request_invalid", where="?", problem="?")
    first = errors[0]
    loc = [str(p) for p in first.get("loc", ()) if p not in ("query", "path", "body", "header")]
    where = ".".join(loc) or str((first.get("loc") or ["?"])[0])
    return msg("api.request_invalid", where=where, problem=one_line(first.get("msg", "")))


def add_validation_handler(app: FastAPI) -> None:
    """FastAPI's 422 list becomes one line in our language; the list stays for clients."""

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [
            {"loc": list(e.get("loc", ())), "msg": str(e.get("msg", "")), "type": e.get("type")}
            for e in exc.errors()
        ]
        return JSONResponse(
            status_code=422, content={"detail": validation_detail(exc), "errors": errors}
        )
