"""``hotspots promises``: citizen promises (medborgarlöften), targets and activities."""

from __future__ import annotations

import getpass
import json
from datetime import date, datetime
from pathlib import Path
from typing import Annotated
from zoneinfo import ZoneInfo

import typer
from rich.console import Console
from rich.table import Table

from hotspots.errors import InputError
from hotspots.i18n import current_language, msg, t
from hotspots.settings import get_settings

promises_app = typer.Typer(
    no_args_is_help=True, help="Citizen promises (medborgarlöften), targets and activities."
)
activity_app = typer.Typer(no_args_is_help=True, help="Activities logged against promises.")
promises_app.add_typer(activity_app, name="activity")

out = Console(highlight=False, soft_wrap=True)


def _store():
    from hotspots.cli import _store as open_store

    return open_store()


def _user() -> str | None:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - containers may have no login name
        return None


def parse_date(value: str | None) -> date | None:
    """``2024-03-05`` as a date (None stays None)."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise InputError(msg("cli.bad_day", value=value)) from None


def _today() -> date:
    return datetime.now(ZoneInfo(get_settings().timezone)).date()


def cadence_label(cadence: str, lang: str) -> str:
    """A cadence code in words."""
    labels = {
        "per_year": t("promises.cadence_per_year", lang),
        "per_quarter": t("promises.cadence_per_quarter", lang),
        "per_month": t("promises.cadence_per_month", lang),
        "per_period": t("promises.cadence_per_period", lang),
    }
    return labels.get(cadence, cadence)


def _type_label(code: str, lang: str) -> str:
    from hotspots.promises.core import load_activity_types

    kind = load_activity_types().get(code)
    return kind.label(lang) if kind else code


@promises_app.command("import")
def import_command(
    files: Annotated[list[Path], typer.Argument(help="Promise files (YAML), one period each")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON")] = False,
) -> None:
    """Import the promises of one or more periods; all files are stored, or nothing."""
    from hotspots.promises.core import import_promise_files

    results = import_promise_files(_store(), files)
    if as_json:
        rows = [
            {**r.__dict__, "start": r.start.isoformat(), "end": r.end.isoformat()} for r in results
        ]
        out.print_json(json.dumps(rows, ensure_ascii=False))
        return
    lang = current_language()
    for r in results:
        out.print(
            t(
                "promises.imported",
                lang,
                file=r.file,
                n=r.promises,
                targets=r.targets,
                kommun=r.municipality,
                start=r.start,
                end=r.end,
                updated=r.updated,
            )
        )


@promises_app.command("list")
def list_command(
    period: Annotated[int | None, typer.Option(help="Only periods overlapping this year")] = None,
    kommun: Annotated[str | None, typer.Option(help="Only this kommun")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the promises as JSON")] = False,
) -> None:
    """List promises with their period, problems and targets."""
    from hotspots.promises.core import list_promises

    rows = list_promises(_store(), year=period, municipality=kommun)
    if as_json:
        out.print_json(json.dumps(rows, ensure_ascii=False))
        return
    lang = current_language()
    if not rows:
        out.print(t("promises.none", lang))
        return
    tab = Table(title=t("promises.title", lang, n=len(rows)), title_justify="left")
    tab.add_column(t("promises.col_id", lang), justify="right")
    tab.add_column(t("promises.col_kommun", lang))
    tab.add_column(t("promises.col_period", lang))
    tab.add_column(t("promises.col_title", lang))
    tab.add_column(t("promises.col_targets", lang))
    for r in rows:
        targets = "; ".join(
            f"{x['number']} {_type_label(x['activity_type'], lang)} "
            f"{cadence_label(x['cadence'], lang)}"
            for x in r["targets"]
        )
        tab.add_row(
            str(r["id"]),
            r["municipality"],
            f"{r['period_start']} – {r['period_end']}",
            r["title"],
            targets or "-",
        )
    out.print(tab)


@activity_app.command("add")
def activity_add_command(
    type_: Annotated[str, typer.Option("--type", help="Activity type (trafikkontroll ...)")],
    day: Annotated[str, typer.Option("--date", help="Day of the activity (2024-03-05)")],
    promise: Annotated[int | None, typer.Option("--promise", help="Promise id")] = None,
    kommun: Annotated[
        str | None, typer.Option(help="Kommun (default: the promise's, or the settings')")
    ] = None,
    place: Annotated[str | None, typer.Option(help="Place, in words")] = None,
    lon: Annotated[float | None, typer.Option(help="Longitude (WGS84)")] = None,
    lat: Annotated[float | None, typer.Option(help="Latitude (WGS84)")] = None,
    who: Annotated[str | None, typer.Option(help="Who took part")] = None,
    note: Annotated[str | None, typer.Option(help="Note")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the activity as JSON")] = False,
) -> None:
    """Log an activity; refused when its day is outside every promise period of its kommun."""
    from hotspots.promises.core import add_activity

    row = add_activity(
        _store(),
        activity_type=type_,
        day=parse_date(day),
        promise_id=promise,
        municipality=kommun or (None if promise else get_settings().municipality),
        place=place,
        lon=lon,
        lat=lat,
        who=who,
        note=note,
        created_by=_user(),
    )
    if as_json:
        out.print_json(json.dumps(row, ensure_ascii=False))
        return
    lang = current_language()
    out.print(
        t(
            "promises.activity_added",
            lang,
            id=row["id"],
            type=_type_label(row["activity_type"], lang),
            day=row["date"],
            kommun=row["municipality"],
        )
    )


@promises_app.command("progress")
def progress_command(
    as_of: Annotated[str | None, typer.Option(help="Count up to this day (default: today)")] = None,
    period: Annotated[int | None, typer.Option(help="Only periods overlapping this year")] = None,
    kommun: Annotated[str | None, typer.Option(help="Only this kommun")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the progress as JSON")] = False,
) -> None:
    """Per target: done / due so far (pro rata by cadence) / target for the period."""
    from hotspots.promises.core import progress

    day = parse_date(as_of) or _today()
    rows = progress(
        _store(),
        as_of=day,
        timezone=get_settings().timezone,
        year=period,
        municipality=kommun,
    )
    if as_json:
        out.print_json(json.dumps(rows, ensure_ascii=False))
        return
    lang = current_language()
    if not rows:
        out.print(t("promises.none", lang))
        return
    tab = Table(title=t("promises.progress_title", lang, day=day), title_justify="left")
    tab.add_column(t("promises.col_id", lang), justify="right")
    tab.add_column(t("promises.col_kommun", lang))
    tab.add_column(t("promises.col_title", lang))
    tab.add_column(t("promises.col_type", lang))
    tab.add_column(t("promises.col_done", lang), justify="right")
    tab.add_column(t("promises.col_due", lang), justify="right")
    tab.add_column(t("promises.col_target", lang), justify="right")
    for r in rows:
        if not r["targets"]:
            tab.add_row(str(r["id"]), r["municipality"], r["title"], t("promises.no_targets", lang))
        for x in r["targets"]:
            tab.add_row(
                str(r["id"]),
                r["municipality"],
                r["title"],
                f"{_type_label(x['activity_type'], lang)} "
                f"({x['number']} {cadence_label(x['cadence'], lang)})",
                str(x["done"]),
                str(x["due_so_far"]),
                str(x["target"]),
            )
    out.print(tab)


@promises_app.command("report")
def report_command(
    period: Annotated[str, typer.Option(help="A year (2021) or a quarter (2021-Q1 .. 2021-Q4)")],
    kommun: Annotated[str | None, typer.Option(help="Only the promises of this kommun")] = None,
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="File to write: .html, .pdf or .png (default HTML)"),
    ] = None,
    lang: Annotated[str | None, typer.Option(help="sv or en (default: the settings')")] = None,
) -> None:
    """The follow-up report of the promises for a quarter or a year (printable HTML, PDF, PNG)."""
    import re

    from hotspots.promises.report import parse_report_period
    from maps.export import export_page
    from maps.promises_report import promise_report_html

    if lang is not None and lang not in ("sv", "en"):
        raise InputError(msg("promises.report_bad_lang", value=lang))
    language = lang or current_language()
    parse_report_period(period)  # a bad period is an error before anything is read
    html = promise_report_html(_store(), period=period, municipality=kommun, lang=language)
    if output is None:
        slug = re.sub(r"[^\w-]+", "-", (kommun or "alla").strip().lower()).strip("-") or "alla"
        output = Path(f"promises-{slug}-{period.strip().upper()}.html")
    written = export_page(html, output)
    out.print(t("promises.report_written", language, file=written))
