"""``hotspots map``: the hotspot map of a period as one offline HTML file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from hotspots.i18n import msg
from hotspots.settings import get_settings

out = Console(highlight=False, soft_wrap=True)


def map_command(
    from_: Annotated[str | None, typer.Option("--from", help="First day (YYYY-MM-DD)")] = None,
    to: Annotated[str | None, typer.Option("--to", help="Last day, included (YYYY-MM-DD)")] = None,
    week: Annotated[str | None, typer.Option(help="ISO week instead: 2026-W47")] = None,
    category: Annotated[
        list[str] | None, typer.Option("--category", "-c", help="Category code (repeatable)")
    ] = None,
    bbox: Annotated[
        str | None, typer.Option(help="Area as min_lon,min_lat,max_lon,max_lat (WGS84)")
    ] = None,
    lang: Annotated[str, typer.Option(help="sv or en")] = "sv",
    basemap: Annotated[str, typer.Option(help="osm, none, or a tile URL template")] = "osm",
    output: Annotated[Path, typer.Option("--output", "-o", help="HTML file")] = Path("karta.html"),
) -> None:
    """Write the hotspot map of a period (density, DBSCAN, Gi*, observations) as HTML."""
    from hotspots.cli import _store
    from hotspots.detect.cli import parse_bbox, parse_window
    from maps.weekly import hotspot_map, write_map

    settings = get_settings()
    start, end = parse_window(from_, to, week, settings.timezone)
    html = hotspot_map(
        _store(),
        start=start,
        end=end,
        categories=category or None,
        bbox=parse_bbox(bbox),
        lang=lang,
        basemap=basemap,
    )
    path = write_map(output, html)
    out.print(msg("map.written", path=path, size=path.stat().st_size // 1024))
