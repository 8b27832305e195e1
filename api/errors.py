"""Domain errors as JSON responses: one handler, one line of detail, no traceback."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from sqlalchemy.exc import SQLAlchemyError

from hotspots.errors import HotspotsError, NotFoundError, StoreError

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
