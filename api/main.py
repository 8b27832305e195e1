"""The FastAPI application."""

from __future__ import annotations

from html import escape

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse

from api.routes import status
from hotspots.errors import HotspotsError, NotFoundError


def create_app() -> FastAPI:
    """Build the application (the settings are read when a request needs them)."""
    app = FastAPI(
        title="hotspots",
        description="Hotspot maps and lägesbild for municipalities and local police (EST).",
        version="0.1.0",
    )
    app.include_router(status.router)

    @app.exception_handler(HotspotsError)
    async def _domain_error(_request: Request, exc: HotspotsError) -> JSONResponse:
        code = 404 if isinstance(exc, NotFoundError) else 400
        return JSONResponse(status_code=code, content={"detail": str(exc)})

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index() -> str:
        from hotspots.settings import get_settings
        from hotspots.store import Store

        store = Store.open(get_settings().resolved_database_url)
        counts = store.counts()
        rows = "".join(f"<tr><td>{escape(k)}</td><td>{v}</td></tr>" for k, v in counts.items())
        return (
            "<!doctype html><html lang='sv'><head><meta charset='utf-8'>"
            "<meta name='viewport' content='width=device-width, initial-scale=1'>"
            "<title>hotspots</title><style>body{font-family:system-ui,sans-serif;margin:2rem;"
            "max-width:40rem}td{padding:.2rem 1rem .2rem 0}</style></head><body>"
            "<h1>hotspots</h1><p>Lägesbild för kommun och lokalpolis. Kartor och rapporter "
            "kommer i senare versioner; data och API finns redan.</p>"
            f"<table>{rows}</table>"
            "<p><a href='/docs'>API-dokumentation (OpenAPI)</a> · "
            "<a href='/api/v1/stats'>Statistik (JSON)</a></p></body></html>"
        )

    return app
