"""API documentation pages (Swagger UI, ReDoc) served from an installed package, no CDN.

FastAPI's own ``/docs`` and ``/redoc`` load their JavaScript and CSS from a CDN, which
municipal networks block and which tells a third party who reads our docs. The package
``fastapi-offline`` ships the same files (Swagger UI 5, ReDoc 2, favicon); we serve them
from ``/static/docs`` and build the pages with FastAPI's own helpers.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.openapi.docs import (
    get_redoc_html,
    get_swagger_ui_html,
    get_swagger_ui_oauth2_redirect_html,
)
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

__all__ = ["STATIC_URL", "add_offline_docs", "assets_dir"]

STATIC_URL = "/static/docs"
_SWAGGER_JS = "swagger-ui-bundle.js"
_SWAGGER_CSS = "swagger-ui.css"
_REDOC_JS = "redoc.standalone.js"
_FAVICON = "favicon.png"


def assets_dir() -> Path:
    """The folder of Swagger UI / ReDoc files inside the installed ``fastapi-offline``."""
    import fastapi_offline

    folder = Path(fastapi_offline.__file__).resolve().parent / "static"
    missing = [
        f for f in (_SWAGGER_JS, _SWAGGER_CSS, _REDOC_JS, _FAVICON) if not (folder / f).is_file()
    ]
    if missing:
        raise RuntimeError(
            f"fastapi-offline at {folder} lacks {', '.join(missing)}: reinstall it "
            "(pip install -e .)"
        )
    return folder


def add_offline_docs(app: FastAPI, *, docs_url: str = "/docs", redoc_url: str = "/redoc") -> None:
    """Serve Swagger UI at ``docs_url`` and ReDoc at ``redoc_url`` without any CDN.

    ``app`` must be created with ``docs_url=None, redoc_url=None``.
    """
    app.mount(STATIC_URL, StaticFiles(directory=assets_dir()), name="docs-assets")
    openapi_url = app.openapi_url or "/openapi.json"
    oauth2_url = app.swagger_ui_oauth2_redirect_url or f"{docs_url}/oauth2-redirect"

    def asset(request: Request, name: str) -> str:
        # root_path: the app may sit behind a proxy under a prefix (/hotspots/docs)
        return f"{request.scope.get('root_path', '')}{STATIC_URL}/{name}"

    @app.get(docs_url, include_in_schema=False)
    def swagger_ui(request: Request) -> HTMLResponse:
        root = request.scope.get("root_path", "")
        return get_swagger_ui_html(
            openapi_url=f"{root}{openapi_url}",
            title=f"{app.title} - API",
            oauth2_redirect_url=f"{root}{oauth2_url}",
            swagger_js_url=asset(request, _SWAGGER_JS),
            swagger_css_url=asset(request, _SWAGGER_CSS),
            swagger_favicon_url=asset(request, _FAVICON),
            # no badge that sends the spec to validator.swagger.io
            swagger_ui_parameters={"validatorUrl": None, **(app.swagger_ui_parameters or {})},
        )

    @app.get(oauth2_url, include_in_schema=False)
    def swagger_ui_redirect() -> HTMLResponse:
        return get_swagger_ui_oauth2_redirect_html()

    @app.get(redoc_url, include_in_schema=False)
    def redoc(request: Request) -> HTMLResponse:
        root = request.scope.get("root_path", "")
        return get_redoc_html(
            openapi_url=f"{root}{openapi_url}",
            title=f"{app.title} - API",
            redoc_js_url=asset(request, _REDOC_JS),
            redoc_favicon_url=asset(request, _FAVICON),
            with_google_fonts=False,
        )
