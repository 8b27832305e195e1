"""The FastAPI application."""

from __future__ import annotations

import asyncio

from fastapi import FastAPI
from fastapi.responses import JSONResponse

from api.docs import add_offline_docs
from api.errors import add_error_handlers, add_validation_handler
from api.routes import (
    alerts,
    alerts_page,
    exports,
    field,
    followup,
    hotspots_api,
    incidents,
    login,
    measures,
    ogc,
    pages,
    promises,
    reports,
    status,
    walks,
)

__all__ = ["create_app"]


def create_app() -> FastAPI:
    """Build the application (the settings are read when a request needs them)."""
    app = FastAPI(
        title="hotspots",
        description="Hotspot maps and lägesbild for municipalities and local police (EST).",
        version="0.1.0",
        # FastAPI's own pages load Swagger UI / ReDoc from a CDN: see api/docs.py
        docs_url=None,
        redoc_url=None,
    )
    # stores whose schema passed the check, by database URL (see api.deps.open_store)
    app.state.stores = {}
    add_error_handlers(app)
    add_validation_handler(app)
    add_limits(app)
    add_offline_docs(app)
    app.include_router(pages.router)
    app.include_router(reports.router)
    app.include_router(alerts_page.router)
    for module in (
        login,
        incidents,
        walks,
        measures,
        exports,
        hotspots_api,
        ogc,
        field,
        followup,
        promises,
        alerts,
    ):
        app.include_router(module.router)
    app.include_router(status.router)
    return app


def add_limits(app: FastAPI) -> None:
    """Refuse too large bodies (413) and answer slow requests with 503 (:class:`Limits`)."""
    app.add_middleware(Limits)


class Limits:
    """A plain ASGI middleware (cheaper than ``@app.middleware``) for two service limits.

    A body larger than the upload limit is refused before it is read (413); a request that
    has not started its answer within ``request_timeout_s`` is answered 503. (The work of a
    timed-out synchronous endpoint still finishes in its thread; the client does not wait.)
    """

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        from hotspots.i18n import msg
        from hotspots.settings import get_settings

        settings = get_settings()
        size = dict(scope.get("headers") or []).get(b"content-length", b"")
        limit = int(settings.max_upload_mb * 1024 * 1024) + 64 * 1024  # form overhead
        if size.isdigit() and int(size) > limit:
            detail = msg("api.body_too_large", mb=settings.max_upload_mb)
            return await JSONResponse(status_code=413, content={"detail": detail})(
                scope, receive, send
            )
        started = False

        async def watch(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await asyncio.wait_for(self.app(scope, receive, watch), settings.request_timeout_s)
        except TimeoutError:
            if started:
                raise
            detail = msg("api.timeout", seconds=settings.request_timeout_s)
            await JSONResponse(status_code=503, content={"detail": detail})(scope, receive, send)
