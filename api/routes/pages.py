"""The start page: what the database holds and where the API is. Every text is escaped."""

from __future__ import annotations

from html import escape

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from api.deps import SettingsDep, open_store
from api.errors import one_line
from hotspots.errors import StoreError

router = APIRouter(include_in_schema=False)

_STYLE = (
    "body{font-family:system-ui,sans-serif;margin:2rem;max-width:40rem}"
    "td{padding:.2rem 1rem .2rem 0}td.n{text-align:right}"
)


def page(title: str, body: str, *, lang: str = "sv") -> str:
    """A complete HTML page; ``body`` must already be escaped HTML, ``title`` is text."""
    return (
        f'<!doctype html><html lang="{escape(lang)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{_STYLE}</style></head>"
        f"<body>{body}</body></html>"
    )


def table(rows: dict[str, object]) -> str:
    """A two-column table of label and value, both escaped."""
    cells = "".join(
        f'<tr><td>{escape(str(k))}</td><td class="n">{escape(str(v))}</td></tr>'
        for k, v in rows.items()
    )
    return f"<table>{cells}</table>"


_LINKS = (
    '<p><a href="/docs">API-dokumentation (OpenAPI)</a> · '
    '<a href="/api/v1/stats">Statistik (JSON)</a></p>'
)


@router.get("/", response_class=HTMLResponse)
def index(request: Request, settings: SettingsDep) -> HTMLResponse:
    """The start page (Swedish); a database that cannot be used gives a 503 page."""
    try:
        counts = open_store(request, settings).counts()
    except StoreError as exc:
        body = (
            "<h1>hotspots</h1><p>Databasen kan inte användas just nu.</p>"
            f"<p><code>{escape(one_line(exc))}</code></p>"
        )
        return HTMLResponse(page("hotspots", body), status_code=503)
    body = (
        "<h1>hotspots</h1><p>Lägesbild för kommun och lokalpolis. Kartor och rapporter "
        "kommer i senare versioner; data och API finns redan.</p>"
        f"{table(counts)}{_LINKS}"
    )
    return HTMLResponse(page("hotspots", body))
