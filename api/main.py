"""The FastAPI application."""

from __future__ import annotations

from fastapi import FastAPI

from api.docs import add_offline_docs
from api.errors import add_error_handlers
from api.routes import (
    exports,
    hotspots_api,
    incidents,
    login,
    measures,
    ogc,
    pages,
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
    add_offline_docs(app)
    app.include_router(pages.router)
    app.include_router(reports.router)
    for module in (login, incidents, walks, measures, exports, hotspots_api, ogc):
        app.include_router(module.router)
    app.include_router(status.router)
    return app
