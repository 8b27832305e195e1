"""The start page: what the database holds and where the API is. Every text is escaped."""

from __future__ import annotations

from html import escape

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from api.deps import SettingsDep, open_store
from api.errors import one_line
from hotspots.errors import StoreError
from hotspots.i18n import current_language, msg

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


def _links() -> str:
    return (
        f'<p><a href="/docs">{escape(msg("page.docs"))}</a> · '
        f'<a href="/api/v1/stats">{escape(msg("page.stats"))}</a> · '
        f'<a href="/rapport">{escape(msg("page.report_link"))}</a> · '
        f'<a href="/karta">{escape(msg("page.map_link"))}</a> · '
        f'<a href="/larm">{escape(msg("alerts.page_title"))}</a> · '
        f'<a href="/logga-in">{escape(msg("page.login_link"))}</a></p>'
    )


def _labels() -> dict[str, str]:
    return {
        "incidents": msg("stats.count_incidents"),
        "observations": msg("stats.count_observations"),
        "walks": msg("stats.count_walks"),
        "gazetteer_entries": msg("stats.count_gazetteer"),
        "import_batches": msg("stats.count_imports"),
        "review_pending": msg("stats.count_review"),
    }


@router.get("/", response_class=HTMLResponse)
def index(request: Request, settings: SettingsDep) -> HTMLResponse:
    """The start page (Swedish); a database that cannot be used gives a 503 page."""
    try:
        counts = open_store(request, settings).counts()
    except StoreError as exc:
        body = (
            f"<h1>hotspots</h1><p>{escape(msg('page.unavailable'))}</p>"
            f"<p><code>{escape(one_line(exc))}</code></p>"
        )
        return HTMLResponse(page("hotspots", body, lang=current_language()), status_code=503)
    labels = _labels()
    rows = {labels.get(k, k): v for k, v in counts.items()}
    body = f"<h1>hotspots</h1><p>{escape(msg('page.intro'))}</p>{table(rows)}{_links()}"
    return HTMLResponse(page("hotspots", body, lang=current_language()))
