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
    role: Annotated[
        str,
        typer.Option(
            help="Who the map is for: admin, analyst, field, leadership or public. "
            "Default leadership: a written map gets shared, so small counts (fewer than "
            "HOTSPOTS_MIN_CELL_COUNT incidents, default 5) are hidden unless you ask for "
            "analyst or admin."
        ),
    ] = "leadership",
    weeks_back: Annotated[
        int, typer.Option("--weeks-back", help="Weeks before the period on the week slider (0-52)")
    ] = 4,
) -> None:
    """Write the hotspot map of a period (density, DBSCAN, Gi*, observations) as HTML.

    The map is for the leadership role unless ``--role`` says otherwise: a file is easily
    passed on, so the safer view, with small counts suppressed, is the default.
    """
    from hotspots.catalogue import load_catalogue
    from hotspots.cli import _store
    from hotspots.detect.cli import parse_bbox, parse_window
    from hotspots.report.weekly import check_categories
    from maps.weekly import check_role, hotspot_map, write_map

    settings = get_settings()
    check_role(role)
    check_categories(category, load_catalogue())
    start, end = parse_window(from_, to, week, settings.timezone)
    html = hotspot_map(
        _store(),
        start=start,
        end=end,
        categories=category or None,
        bbox=parse_bbox(bbox),
        lang=lang,
        basemap=basemap,
        role=role,
        weeks_back=weeks_back,
    )
    path = write_map(output, html)
    out.print(msg("map.written", path=path, size=path.stat().st_size // 1024))
