"""``hotspots evaluate``: score forecasts on held-out periods (registered in hotspots.cli)."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Annotated

import typer
from rich import box
from rich.console import Console
from rich.table import Table

from hotspots.errors import InputError
from hotspots.i18n import msg

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

__all__ = ["evaluate_command"]


def _number(value: float, digits: int) -> str:
    return "–" if value is None or not math.isfinite(value) else f"{value:.{digits}f}"


def _json_value(value):
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _points(files, *, crs, time_column, x_column, y_column, lon_column, lat_column,
            no_header, timezone, dayfirst):
    """Points and notes from CSV files (joined), or from the database without files."""
    if files:
        import pandas as pd

        from hotspots.evaluate.csvsource import read_incidents

        parts, per_file = [], []
        for file in files:
            part, file_notes = read_incidents(
                file, time_column=time_column, x_column=x_column, y_column=y_column,
                lon_column=lon_column, lat_column=lat_column, crs=crs,
                header=not no_header, timezone=timezone, dayfirst=dayfirst,
            )
            if parts and part.crs != parts[0].crs:  # lon/lat in another UTM zone
                part = part.to_crs(parts[0].crs)
            parts.append(part)
            per_file.append((file, file_notes))
        # A note every file has is said once; the others name their file.
        common = [n for n in per_file[0][1] if all(n in f[1] for f in per_file)]
        notes = [f"{f.name}: {n}" for f, ns in per_file for n in ns if n not in common]
        points = parts[0] if len(parts) == 1 else pd.concat(parts, ignore_index=True)
        return points, notes + common
    if any((crs, time_column, x_column, y_column, lon_column, lat_column)):
        raise InputError(msg("evaluate.columns_need_file"))
    from hotspots.detect.source import load_points
    from hotspots.settings import get_settings
    from hotspots.store import Store

    store = Store.open()
    store.require_schema()
    points = load_points(store, min_precision="street", crs=get_settings().working_crs)
    if len(points) == 0:
        raise InputError(msg("evaluate.no_stored_points"))
    return points, [msg("evaluate.from_database", n=len(points))]


def evaluate_command(
    files: Annotated[list[Path] | None, typer.Argument(
        help="CSV file(s) of incidents (.gz ok), read alike and joined; "
        "none: the database (street precision or better)"
    )] = None,
    crs: Annotated[str | None, typer.Option(
        help="EPSG of x/y columns; for lon/lat the metric CRS to use (default: UTM zone)"
    )] = None,
    time_column: Annotated[str | None, typer.Option(
        help="Time column: header name or 1-based number"
    )] = None,
    x_column: Annotated[str | None, typer.Option(help="x column (metres, with --crs)")] = None,
    y_column: Annotated[str | None, typer.Option(help="y column (metres, with --crs)")] = None,
    lon_column: Annotated[str | None, typer.Option(help="Longitude column (WGS84)")] = None,
    lat_column: Annotated[str | None, typer.Option(help="Latitude column (WGS84)")] = None,
    no_header: Annotated[bool, typer.Option(
        "--no-header", help="The file has no header line: give columns by number"
    )] = False,
    timezone: Annotated[str | None, typer.Option(
        help="Time zone of local times and of the calendar (default: settings)"
    )] = None,
    dayfirst: Annotated[bool | None, typer.Option(
        "--dayfirst/--monthfirst", help="Order of 03/04/2016 (AM/PM means month first)"
    )] = None,
    study_area: Annotated[Path | None, typer.Option(
        help="Polygon file (shapefile, GeoPackage, GeoJSON); default: hull of the points"
    )] = None,
    study_area_crs: Annotated[str | None, typer.Option(
        help="CRS of a study-area file without one (empty .prj), e.g. EPSG:2790"
    )] = None,
    cutoff: Annotated[str | None, typer.Option(
        help="Last forecast origin, e.g. 2018-07-01 (default: latest complete period)"
    )] = None,
    horizon: Annotated[str, typer.Option(help="Test period: 7d, 14d, 1m, 2m, 3m")] = "1m",
    area_km2: Annotated[float | None, typer.Option(
        help="Area budget in km² (instead of --coverage)"
    )] = None,
    coverage: Annotated[float | None, typer.Option(
        help="Area budget as a share of the study area"
    )] = 0.05,
    cell_size: Annotated[float, typer.Option(help="Grid cell side, metres")] = 100.0,
    bandwidth: Annotated[float, typer.Option(help="Kernel bandwidth, metres")] = 200.0,
    time_bandwidth: Annotated[float, typer.Option(
        help="Time decay of the prospective method, days"
    )] = 14.0,
    methods: Annotated[str, typer.Option(
        help="Comma-separated: prospective, last_period, last_period_kde, long_run, random, "
        "auto (chooses among them on the past, at this area budget)"
    )] = "prospective,last_period,long_run",
    origins: Annotated[int, typer.Option(help="Number of rolling origins")] = 1,
    as_json: Annotated[bool, typer.Option("--json", help="Print the results as JSON")] = False,
) -> None:
    """Score hotspot forecasts on held-out periods: hit rate, PAI, PEI*."""
    from hotspots.detect.forecast import FORECAST_METHODS
    from hotspots.evaluate.csvsource import read_study_area
    from hotspots.evaluate.rolling import RollingEvaluation
    from hotspots.settings import get_settings

    names = [m.strip() for m in methods.split(",") if m.strip()]
    for name in names:
        if name not in FORECAST_METHODS:
            raise InputError(msg("evaluate.unknown_method", method=name,
                                 known=", ".join(FORECAST_METHODS)))
    tz = timezone or get_settings().timezone
    points, notes = _points(
        files, crs=crs, time_column=time_column, x_column=x_column, y_column=y_column,
        lon_column=lon_column, lat_column=lat_column, no_header=no_header, timezone=tz,
        dayfirst=dayfirst,
    )
    area = None
    if study_area is not None:
        area = read_study_area(study_area, crs=study_area_crs)
    elif study_area_crs:
        raise InputError(msg("evaluate.area_crs_needs_file"))
    kde = {"bandwidth": bandwidth}
    params = {"prospective": {**kde, "time_bandwidth_days": time_bandwidth},
              "long_run": kde, "last_period_kde": kde}
    run = RollingEvaluation(
        cutoff=cutoff, horizon=horizon, area_km2=area_km2,
        coverage=None if area_km2 is not None else coverage, cell_size=cell_size,
        methods=names, origins=origins, timezone=tz, params=params,
    ).fit(points, study_area=area)
    notes = notes + run.notes_
    if as_json:
        results = [{k: _json_value(v) for k, v in r.items()} for r in run.results_]
        for note in notes:
            err.print(note, markup=False)
        out.print_json(json.dumps({"results": results}, ensure_ascii=False))
        return
    _print_table(run, tz)
    for note in notes:
        out.print(f"  - {note}", markup=False)


def _print_table(run, tz: str) -> None:
    from hotspots.evaluate.rolling import mean_by_method

    study = run.study_
    out.print(f"[bold]{msg('evaluate.title')}[/bold]")
    resolution = {
        "month": msg("evaluate.resolution_month"),
        "day": msg("evaluate.resolution_day"),
        "instant": msg("evaluate.resolution_instant"),
    }[run.resolution_]
    out.print(msg("evaluate.setup", cells=study.n_cells, size=study.grid.cell_size,
                  area=study.area_km2, resolution=resolution))
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for label, right in (
        (msg("evaluate.col_method"), False), (msg("evaluate.col_origin"), False),
        (msg("evaluate.col_hit_rate"), True), ("PAI", True), ("PEI*", True),
        ("n", True), ("N", True), (msg("evaluate.col_area"), True),
    ):
        table.add_column(label, justify="right" if right else "left")
    for r in run.results_:
        table.add_row(
            r["method"], r["origin"].astimezone(_zone(tz)).strftime("%Y-%m-%d"),
            _number(100 * r["hit_rate"], 1) + (" %" if math.isfinite(r["hit_rate"]) else ""),
            _number(r["pai"], 2), _number(r["pei_star"], 2), str(r["n"]), str(r["N"]),
            _number(r["area_km2"], 2),
        )
    out.print(table)
    for m in mean_by_method(run.results_):
        out.print(msg(
            "evaluate.mean", method=m["method"], origins=m["origins"],
            hit_rate=_number(100 * m["hit_rate"], 1), pai=_number(m["pai"], 2),
            pei=_number(m["pei_star"], 2),
        ))


def _zone(tz: str):
    from zoneinfo import ZoneInfo

    return ZoneInfo(tz)
