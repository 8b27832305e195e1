"""``hotspots report``: the weekly lägesbild as HTML, PDF or PNG."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Annotated
from zoneinfo import ZoneInfo

import typer
from rich.console import Console

from hotspots.i18n import msg
from hotspots.settings import get_settings

out = Console(highlight=False, soft_wrap=True)


def current_week(tz: str) -> str:
    """The ISO week of today in ``tz``, e.g. ``2026-W47``."""
    year, week, _ = datetime.now(ZoneInfo(tz)).isocalendar()
    return f"{year}-W{week:02d}"


def report_command(
    week: Annotated[
        str | None, typer.Option(help="ISO week, e.g. 2026-W47 (default: this week)")
    ] = None,
    category: Annotated[
        list[str] | None, typer.Option("--category", "-c", help="Category code (repeatable)")
    ] = None,
    bbox: Annotated[
        str | None, typer.Option(help="Area as min_lon,min_lat,max_lon,max_lat (WGS84)")
    ] = None,
    role: Annotated[
        str,
        typer.Option(
            help="Reader: leadership/public see small counts as '< k'; analyst sees them all"
        ),
    ] = "leadership",
    lang: Annotated[str, typer.Option(help="sv or en")] = "sv",
    basemap: Annotated[str, typer.Option(help="osm, none, or a tile URL template")] = "osm",
    top: Annotated[int, typer.Option(help="Rows in the hotspot table")] = 10,
    fmt: Annotated[
        str | None, typer.Option("--format", help="html, pdf or png (default: from -o)")
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File (default: lagesbild-WEEK.html)")
    ] = None,
) -> None:
    """Write the weekly lägesbild report: map, hotspots, measures, observations, times."""
    from hotspots.cli import _store
    from hotspots.detect.cli import parse_bbox
    from maps.export import export_page
    from maps.report import weekly_report_html

    settings = get_settings()
    week = week or current_week(settings.timezone)
    html, report = weekly_report_html(
        _store(),
        week,
        lang=lang,
        role=role,
        categories=category or None,
        bbox=parse_bbox(bbox),
        basemap=basemap,
        top=top,
    )
    path = output or Path(f"lagesbild-{report.week}.{(fmt or 'html').lower()}")
    path = export_page(html, path, fmt, offline=basemap.strip().lower() == "none")
    out.print(
        msg(
            "report.written",
            path=path,
            week=report.week,
            n=round(report.n_week),
            hotspots=len(report.hotspots),
            size=max(1, path.stat().st_size // 1024),
        )
    )
