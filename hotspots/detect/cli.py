"""``hotspots detect``, ``hotspots runs`` and ``hotspots focus`` (registered in hotspots.cli)."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path
from typing import Annotated
from zoneinfo import ZoneInfo

import typer
from rich.console import Console
from rich.table import Table

from hotspots.errors import InputError
from hotspots.i18n import msg
from hotspots.settings import get_settings

out = Console(highlight=False, soft_wrap=True)


def parse_day(value: str | None, tz: str) -> datetime | None:
    """A local date (``2026-11-16``) as the UTC start of that day."""
    if not value:
        return None
    try:
        day = datetime.strptime(value, "%Y-%m-%d")
    except ValueError:
        raise InputError(msg("cli.bad_day", value=value)) from None
    return day.replace(tzinfo=ZoneInfo(tz))


def parse_week(value: str, tz: str) -> tuple[datetime, datetime]:
    """An ISO week (``2026-W47``) as [Monday 00:00, next Monday 00:00) local time."""
    try:
        year, week = value.upper().split("-W")
        monday = datetime.fromisocalendar(int(year), int(week), 1)
    except ValueError:
        raise InputError(msg("cli.bad_week", value=value)) from None
    start = monday.replace(tzinfo=ZoneInfo(tz))
    return start, start + timedelta(days=7)


def parse_window(
    from_: str | None, to: str | None, week: str | None, tz: str
) -> tuple[datetime | None, datetime | None]:
    """``--week``, or ``--from``/``--to`` (last day included), as a [start, end) window."""
    if week:
        return parse_week(week, tz)
    last = parse_day(to, tz)
    return parse_day(from_, tz), (last + timedelta(days=1) if last else None)


def parse_bbox(value: str | None) -> tuple[float, float, float, float] | None:
    """``13.51,55.92,13.57,55.95`` as a lon/lat box."""
    if not value:
        return None
    try:
        x0, y0, x1, y1 = (float(v) for v in value.split(","))
    except ValueError:
        raise InputError(msg("cli.bad_bbox", value=value)) from None
    if not (-180 <= x0 < x1 <= 180 and -90 <= y0 < y1 <= 90):
        raise InputError(msg("cli.bad_bbox", value=value))
    return x0, y0, x1, y1


def parse_params(values: list[str] | None) -> dict:
    """``--param bandwidth=250 --param kernel=gaussian`` as a dict with numbers typed."""
    params: dict = {}
    for item in values or []:
        key, sep, raw = item.partition("=")
        if not sep or not key.strip():
            raise InputError(msg("cli.bad_param", value=item))
        raw = raw.strip()
        for conv in (int, float):
            try:
                params[key.strip()] = conv(raw)
                break
            except ValueError:
                continue
        else:
            params[key.strip()] = {"true": True, "false": False, "none": None}.get(raw.lower(), raw)
    return params


def detect_command(
    method: Annotated[str, typer.Option(help="kde|dbscan|gistar|emerging|forecast")] = "kde",
    from_: Annotated[str | None, typer.Option("--from", help="First day (YYYY-MM-DD)")] = None,
    to: Annotated[str | None, typer.Option("--to", help="Last day, included (YYYY-MM-DD)")] = None,
    week: Annotated[
        str | None, typer.Option(help="ISO week instead of --from/--to: 2026-W47")
    ] = None,
    category: Annotated[
        list[str] | None, typer.Option("--category", "-c", help="Category code (repeatable)")
    ] = None,
    param: Annotated[
        list[str] | None, typer.Option("--param", "-p", help="Method parameter, e.g. bandwidth=250")
    ] = None,
    bbox: Annotated[
        str | None, typer.Option(help="Area as min_lon,min_lat,max_lon,max_lat (WGS84)")
    ] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="GeoJSON file")] = None,
    run: Annotated[int | None, typer.Option("--run", help="Export a stored run again")] = None,
    no_save: Annotated[bool, typer.Option("--no-save", help="Do not store the run")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the run summary as JSON")] = False,
) -> None:
    """Find hotspots in a time window and write them as GeoJSON (WGS84)."""
    from hotspots.cli import _store
    from hotspots.detect.run import run_detection
    from hotspots.store.runs import get_run

    settings = get_settings()
    store = _store(upgrade=True)
    if run is not None:
        rec = get_run(store, run)
        geojson, run_id, n = rec.result, rec.id, rec.n_points
    else:
        start, end = parse_window(from_, to, week, settings.timezone)
        res = run_detection(
            store,
            method=method,
            params=parse_params(param),
            start=start,
            end=end,
            categories=category or None,
            bbox=parse_bbox(bbox),
            crs=settings.working_crs,
            save=not no_save,
        )
        geojson, run_id, n = res.geojson, res.run_id, res.n_points
    if output is not None:
        output.write_text(json.dumps(geojson, ensure_ascii=False), encoding="utf-8")
    summary = {
        "run": run_id,
        "method": method if run is None else rec.method,
        "n_points": n,
        "features": len(geojson["features"]),
        "output": str(output) if output else None,
    }
    if as_json:
        out.print_json(json.dumps(summary, ensure_ascii=False))
    else:
        out.print(msg("detect.done", **summary))
        if output is not None:
            out.print(msg("detect.written", output=output))


def runs_command(
    limit: Annotated[int, typer.Option(help="How many")] = 20,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """List stored hotspot analyses, newest first."""
    from hotspots.cli import _store
    from hotspots.store.runs import list_runs

    rows = list_runs(_store(), limit)
    data = [
        {
            "id": r.id,
            "method": r.method,
            "params": r.params,
            "categories": r.categories,
            "window_from": r.window_from,
            "window_to": r.window_to,
            "n_points": r.n_points,
            "features": len(r.result.get("features", [])),
            "created_at": r.created_at,
            "input_sha256": r.input_sha256,
        }
        for r in rows
    ]
    if as_json:
        out.print_json(json.dumps(data, default=str, ensure_ascii=False))
        return
    tz = ZoneInfo(get_settings().timezone)

    def local(t: datetime | None, fmt: str, *, inclusive_end: bool = False) -> str:
        if t is None:
            return ""
        if inclusive_end:  # stored ends are exclusive: show the last day included
            t = t - timedelta(microseconds=1)
        return t.astimezone(tz).strftime(fmt)

    tab = Table(box=None)
    for header in (
        "id",
        msg("runs.col.method"),
        msg("runs.col.from"),
        msg("runs.col.to"),
        msg("runs.col.points"),
        msg("runs.col.features"),
        msg("runs.col.created"),
    ):
        tab.add_column(header)
    for d in data:
        tab.add_row(
            str(d["id"]),
            d["method"],
            local(d["window_from"], "%Y-%m-%d"),
            local(d["window_to"], "%Y-%m-%d", inclusive_end=True),
            str(d["n_points"]),
            str(d["features"]),
            local(d["created_at"], "%Y-%m-%d %H:%M"),
        )
    out.print(tab)


def focus_command(
    top: Annotated[int, typer.Option(help="How many areas")] = 10,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="Start of the coming period (YYYY-MM-DD); default: today"),
    ] = None,
    horizon: Annotated[int, typer.Option(help="Length of the coming period, days")] = 7,
    category: Annotated[
        list[str] | None, typer.Option("--category", "-c", help="Category code (repeatable)")
    ] = None,
    cell_size: Annotated[float, typer.Option(help="Side of an area, metres")] = 250.0,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="GeoJSON file")] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Rank areas for patrols in the coming period: forecast, recent counts, trend, hours."""
    from hotspots.catalogue import load_catalogue
    from hotspots.cli import _store
    from hotspots.detect.focus import WEEKDAYS_EN, WEEKDAYS_SV, patrol_focus
    from hotspots.detect.source import load_points
    from hotspots.i18n import current_language

    settings = get_settings()
    start = parse_day(as_of, settings.timezone) or datetime.now(ZoneInfo(settings.timezone))
    points = load_points(_store(), end=start, categories=category or None, crs=settings.working_crs)
    areas = patrol_focus(
        points,
        as_of=start,
        top=top,
        horizon_days=horizon,
        cell_size=cell_size,
        tz=settings.timezone,
    )
    if output is not None:
        feats = [
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [a.lon, a.lat]},
                "properties": {k: v for k, v in a.as_dict().items() if k not in ("lon", "lat")},
            }
            for a in areas
        ]
        output.write_text(
            json.dumps({"type": "FeatureCollection", "features": feats}, ensure_ascii=False),
            encoding="utf-8",
        )
    if as_json:
        out.print_json(
            json.dumps(
                {
                    "as_of": start.isoformat(),
                    "horizon_days": horizon,
                    "areas": [a.as_dict() for a in areas],
                },
                ensure_ascii=False,
            )
        )
        return
    lang = current_language()
    days = WEEKDAYS_EN if lang == "en" else WEEKDAYS_SV
    cat = load_catalogue(settings.data_dir / "categories.toml")
    tab = Table(
        title=msg("focus.title", n=len(areas), day=start.strftime("%Y-%m-%d"), horizon=horizon),
        title_justify="left",
    )
    for header in (
        msg("focus.col.rank"),
        msg("focus.col.where"),
        msg("focus.col.risk"),
        msg("focus.col.recent"),
        msg("focus.col.previous"),
        msg("focus.col.trend"),
        msg("focus.col.what"),
        msg("focus.col.when"),
    ):
        tab.add_column(header)
    trend = {
        "up": msg("focus.trend.up"),
        "down": msg("focus.trend.down"),
        "stable": msg("focus.trend.stable"),
    }
    for a in areas:
        what = ", ".join(
            f"{cat[c].label(lang) if c in cat else c} {n}" for c, n in a.categories.items()
        )
        when = (
            ", ".join(days[d] for d in a.peak_weekdays)
            + "; "
            + ", ".join(f"{h:02d}-{(h + 1) % 24:02d}" for h in a.peak_hours)
        )
        tab.add_row(
            str(a.rank),
            f"{a.lat:.5f}, {a.lon:.5f}",
            f"{a.risk:.1f}",
            str(a.recent),
            str(a.previous),
            trend[a.trend],
            what,
            when,
        )
    out.print(tab)
