"""``hotspots``: the command line (typer + rich). Errors print as one line, no traceback."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated
from zoneinfo import ZoneInfo

import typer
from rich.console import Console
from rich.table import Table
from sqlalchemy.exc import SQLAlchemyError

from hotspots.errors import HotspotsError
from hotspots.i18n import current_language, msg, t
from hotspots.settings import get_settings

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Hotspot maps from incidents and trygghetsvandringar (EST).",
)
db_app = typer.Typer(no_args_is_help=True, help="Database schema (Alembic migrations).")
gaz_app = typer.Typer(no_args_is_help=True, help="Offline gazetteer: addresses and places.")
app.add_typer(db_app, name="db")
app.add_typer(gaz_app, name="gazetteer")

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


def _lang() -> str:
    return current_language()


def _precision(value: str, lang: str) -> str:
    """The user's word for a stored precision value (``exact`` -> ``exakt``)."""
    labels = {
        "exact": t("precision.exact", lang),
        "address": t("precision.address", lang),
        "street": t("precision.street", lang),
        "locality": t("precision.locality", lang),
        "municipality": t("precision.municipality", lang),
        "failed": t("precision.failed", lang),
    }
    return labels.get(value, value)


def _store(upgrade: bool = False):
    from hotspots.store import Store

    store = Store.open()
    if upgrade:
        store.upgrade()
    else:
        store.require_schema()
    return store


def _url(store) -> str:
    return store.engine.url.render_as_string(hide_password=True)


def _parse_map(value: str | None) -> dict[str, str] | None:
    if not value:
        return None
    mapping = {}
    for part in value.split(","):
        if "=" not in part:
            raise HotspotsError(t("cli.map_pairs", part=part))
        k, v = part.split("=", 1)
        mapping[k.strip()] = v.strip()
    return mapping


# ------------------------------------------------------------------------------- db
@db_app.command("upgrade")
def db_upgrade() -> None:
    """Create or migrate the database schema."""
    store = _store(upgrade=True)
    out.print(t("db.upgraded", _lang(), url=_url(store)))


# ------------------------------------------------------------------------------- import
@app.command("import")
def import_cmd(
    file: Annotated[Path, typer.Argument(help="CSV, GeoJSON or polisen.se JSON/JSONL (.gz ok)")],
    source: Annotated[str | None, typer.Option(help="Source name; (source, id) is unique")] = None,
    format: Annotated[str, typer.Option("--format", help="auto|csv|geojson|polisen")] = "auto",
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Check everything, store nothing")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON")] = False,
    map_: Annotated[
        str | None, typer.Option("--map", help="Column mapping: datum=Händelsedatum,kategori=Typ")
    ] = None,
    crs: Annotated[
        int | None, typer.Option(help="EPSG of the coordinates (4326, 3006, 3008, 3021...)")
    ] = None,
    kind: Annotated[
        str, typer.Option(help="incident|observation: table for unknown categories")
    ] = "incident",
    municipality: Annotated[str | None, typer.Option(help="Kommun: flag points outside it")] = None,
    timezone: Annotated[str | None, typer.Option(help="Time zone of local times")] = None,
    dayfirst: Annotated[
        bool | None, typer.Option("--dayfirst/--monthfirst", help="Order of 03/04/2026")
    ] = None,
    alerts: Annotated[
        bool | None,
        typer.Option(
            "--alerts/--no-alerts",
            help="Check the last complete week for deviations afterwards (setting "
            "HOTSPOTS_ALERT_CHECK_AFTER_IMPORT, default on)",
        ),
    ] = None,
) -> None:
    """Import incidents or observations from a file."""
    from hotspots.geocode.service import text_geocoder
    from hotspots.ingest.pipeline import import_file

    store = _store(upgrade=True)
    settings = get_settings()
    progress_cb = None
    progress = None
    if not as_json and err.is_terminal:
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        progress = Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            TextColumn("{task.completed:,} " + t("cli.progress_rows")),
            TimeElapsedColumn(),
            console=err,
            transient=True,
        )
        task = progress.add_task(file.name, total=None)
        progress.start()

        def progress_cb(n: int) -> None:
            progress.update(task, completed=n)

    try:
        report = import_file(
            file,
            store=store,
            source=source,
            fmt=format,
            dry_run=dry_run,
            column_map=_parse_map(map_),
            crs=crs,
            kind=kind,
            municipality=municipality,
            timezone=timezone,
            dayfirst=dayfirst,
            geocode_text=text_geocoder(store, settings),
            progress=progress_cb,
        )
    finally:
        if progress is not None:
            progress.stop()
    checked = None
    if alerts is None:
        alerts = settings.alert_check_after_import
    if alerts and report.stored and not dry_run:
        from hotspots.alerts.hook import check_after_import

        checked = check_after_import(store, settings)
    if as_json:
        result = report.as_dict()
        if checked is not None:
            result["alerts"] = [a.as_dict() for a in checked]
        out.print_json(json.dumps(result, default=str, ensure_ascii=False))
        return
    _print_report(report)
    if checked:
        lang = _lang()
        new = sum(a.new for a in checked)
        out.print(t("alerts.checked", lang, n=len(checked), new=new, week=checked[0].week)
                  + "  " + t("alerts.see_list", lang))


def _print_report(report) -> None:
    lang = _lang()
    out.print(
        f"[bold]{t('summary.title', lang, file=report.file)}[/bold]"
        + (f"  [yellow]({t('summary.dry_run', lang)})[/yellow]" if report.dry_run else "")
    )
    out.print(
        f"{t('summary.source', lang)}: {report.source}   {t('summary.format', lang)}: "
        f"{report.format}"
        + (f"   {t('summary.encoding', lang)}: {report.encoding}" if report.encoding else "")
    )
    table = Table(show_header=False, box=None, pad_edge=False)
    table.add_column(justify="left")
    table.add_column(justify="right")
    for label, value in (
        (t("summary.read", lang), report.read),
        (t("summary.stored", lang), report.stored),
        (t("summary.incidents", lang), report.incidents),
        (t("summary.observations", lang), report.observations),
        (t("summary.duplicate", lang), report.duplicate),
        (t("summary.rejected", lang), report.rejected),
        (t("summary.review", lang), report.review),
    ):
        table.add_row(label, f"{value:,}".replace(",", " "))
    out.print(table)
    if report.by_precision:
        parts = ", ".join(
            f"{_precision(k, lang)} {v}" for k, v in sorted(report.by_precision.items())
        )
        out.print(f"{t('summary.precision', lang)}: {parts}")
    if report.warnings:
        out.print(f"[bold]{t('summary.notes', lang)}[/bold]")
        for w in report.warnings:
            out.print(f"  - {w}", markup=False)
    if report.rejections:
        out.print(f"[bold]{t('summary.rejections', lang)}[/bold]")
        tab = Table(box=None)
        for label in (
            t("col.line", lang),
            t("col.field", lang),
            t("col.reason", lang),
            t("col.value", lang),
        ):
            tab.add_column(label)
        for e in report.rejections[:50]:
            tab.add_row(
                str(e.line), e.field or "", e.reason, "" if e.value is None else e.value[:60]
            )
        out.print(tab)
        more = report.rejected - min(50, len(report.rejections))
        if more > 0:
            out.print(t("summary.more", lang, n=more, batch=report.batch_id))


# ------------------------------------------------------------------------------- stats
@app.command()
def stats(as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Counts by category, precision and ISO week."""
    from hotspots.catalogue import load_catalogue

    store = _store()
    settings = get_settings()
    data = store.stats(tz=settings.timezone)
    if as_json:
        out.print_json(json.dumps(data, default=str, ensure_ascii=False))
        return
    lang = _lang()
    cat = load_catalogue(settings.data_dir / "categories.toml")
    names = {
        "incidents": t("stats.count_incidents", lang),
        "observations": t("stats.count_observations", lang),
        "walks": t("stats.count_walks", lang),
        "gazetteer_entries": t("stats.count_gazetteer", lang),
        "import_batches": t("stats.count_imports", lang),
        "review_pending": t("stats.count_review", lang),
    }
    out.print(
        f"[bold]{t('stats.title', lang)}[/bold]: "
        + ", ".join(f"{names.get(k, k)} {v}" for k, v in data["counts"].items())
    )
    for kind, heading in (
        ("incident", t("kind.incident", lang)),
        ("observation", t("kind.observation", lang)),
    ):
        d = data[kind]
        if not d["by_category"]:
            continue
        out.print(f"\n[bold]{heading}[/bold]")
        tab = Table(title=t("stats.by_category", lang), title_justify="left")
        tab.add_column(t("stats.col_code", lang))
        tab.add_column(t("stats.col_category", lang))
        tab.add_column(t("stats.col_count", lang), justify="right")
        for code, n in sorted(d["by_category"].items(), key=lambda kv: -kv[1]):
            label = cat[code].label(lang) if code in cat else code
            tab.add_row(code, label, str(n))
        out.print(tab)
        out.print(
            t("stats.by_precision", lang)
            + ": "
            + ", ".join(f"{_precision(k, lang)} {v}" for k, v in d["by_precision"].items())
        )
        weeks = list(d["by_week"].items())
        if weeks:
            shown = weeks[-12:]
            out.print(
                t("stats.by_week", lang)
                + ": "
                + ", ".join(f"{w} {n}" for w, n in shown)
                + (" " + t("stats.older_weeks", lang, n=len(weeks) - 12) if len(weeks) > 12 else "")
            )


# ------------------------------------------------------------------------------- geocode
@app.command()
def geocode(
    review: Annotated[bool, typer.Option("--review", help="List the review queue")] = False,
    record: Annotated[
        str | None, typer.Option("--id", help="incident:ID or observation:ID to fix")
    ] = None,
    lat: Annotated[float | None, typer.Option(help="Latitude (WGS84) for --id")] = None,
    lon: Annotated[float | None, typer.Option(help="Longitude (WGS84) for --id")] = None,
    address: Annotated[str | None, typer.Option(help="Address or place for --id")] = None,
    online: Annotated[
        bool, typer.Option("--online", help="Also ask Nominatim (1 request/s)")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Geocode the review queue again, list it (--review) or fix one record (--id)."""
    from hotspots.geocode.service import resolve_record, retry_queue

    store = _store()
    settings = get_settings()
    tz = ZoneInfo(settings.timezone)
    lang = _lang()
    if record:
        res = resolve_record(
            store, settings, record, lat=lat, lon=lon, address=address, online=online
        )
        if as_json:
            out.print_json(json.dumps(res, default=str, ensure_ascii=False))
        else:
            out.print(
                t(
                    "review.set",
                    lang,
                    kind=res["kind"],
                    id=res["id"],
                    precision=_precision(res["precision"], lang),
                )
            )
        return
    if review:
        items = store.review_queue()
        if as_json:
            out.print_json(json.dumps([i.__dict__ for i in items], default=str, ensure_ascii=False))
            return
        if not items:
            out.print(t("review.empty", lang))
            return
        out.print(f"[bold]{t('review.title', lang, n=len(items))}[/bold]")
        tab = Table(box=None)
        for label in (
            t("review.col_id", lang),
            t("review.col_date", lang),
            t("review.col_category", lang),
            t("review.col_place", lang),
            t("review.col_reason", lang),
        ):
            tab.add_column(label)
        for i in items[:200]:
            tab.add_row(
                f"{i.kind}:{i.id}",
                i.occurred_from.astimezone(tz).strftime("%Y-%m-%d %H:%M"),
                i.category,
                (i.address or i.place or "")[:50],
                (i.note or "")[:60],
            )
        out.print(tab)
        if len(items) > 200:
            out.print(t("review.more", lang, n=len(items) - 200))
        out.print(t("review.hint", lang), markup=False)
        return
    bar = None
    if not as_json and err.is_terminal:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

        bar = Progress(
            t("cli.progress_geocode"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=err,
            transient=True,
        )
        task = bar.add_task("geocode", total=None)
        bar.start()
    try:
        res = retry_queue(
            store,
            settings,
            online=online,
            progress=(lambda d, n: bar.update(task, completed=d, total=n)) if bar else None,
        )
    finally:
        if bar is not None:
            bar.stop()
    if as_json:
        out.print_json(json.dumps(res, ensure_ascii=False))
    else:
        out.print(t("geocode.done", lang, **res))


# ------------------------------------------------------------------------------- gazetteer
@gaz_app.command("import")
def gazetteer_import(
    file: Annotated[Path, typer.Argument(help="Address points or places (CSV or GeoJSON)")],
    source: Annotated[str | None, typer.Option(help="Source name (default: file name)")] = None,
    municipality: Annotated[str | None, typer.Option(help="Kommun of entries without one")] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Load address points and named places for offline geocoding."""
    from hotspots.geocode.service import import_gazetteer

    store = _store(upgrade=True)
    res = import_gazetteer(store, file, source=source, municipality=municipality)
    if as_json:
        out.print_json(json.dumps(res, default=str, ensure_ascii=False))
        return
    out.print(
        t(
            "gazetteer.done",
            _lang(),
            stored=res["stored"],
            dup=res["duplicate"],
            rej=res["rejected"],
        )
    )
    for e in res["rejections"][:20]:
        out.print("  " + t("gazetteer.rejection", line=e["line"], reason=e["reason"]), markup=False)


# ------------------------------------------------------------------------------- demo/serve
@app.command()
def demo(
    reset: Annotated[bool, typer.Option("--reset", help="Empty the database first")] = False,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Load the demo data (real police events, synthetic Höör incidents and walks)."""
    from hotspots.demo.loader import load_demo

    store = _store(upgrade=True)
    reports = load_demo(store, get_settings(), reset=reset)
    if as_json:
        out.print_json(json.dumps([r.as_dict() for r in reports], default=str, ensure_ascii=False))
        return
    for r in reports:
        out.print(
            t(
                "demo.file",
                file=Path(r.file).name,
                stored=r.stored,
                dup=r.duplicate,
                rej=r.rejected,
                review=r.review,
            )
        )
    out.print(t("demo.loaded", _lang(), url=_url(store)))


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port")] = 8000,
    demo_data: Annotated[
        bool, typer.Option("--demo/--no-demo", help="Load demo data into an empty database")
    ] = True,
) -> None:
    """Start the web service (SQLite + demo data by default) and print its address."""
    import uvicorn

    from api.main import create_app

    store = _store(upgrade=True)
    if demo_data and store.counts()["incidents"] == 0:
        from hotspots.demo.loader import load_demo

        load_demo(store, get_settings(), reset=False)
        err.print(t("demo.loaded", _lang(), url=_url(store)))
    shown = "localhost" if host in ("127.0.0.1", "0.0.0.0") else host
    if get_settings().auth_off:
        err.print(f"[bold yellow]{t('users.auth_off', _lang())}[/bold yellow]")
    else:
        from hotspots.store.users import bootstrap_admin

        # a fresh installation has no users: whoever started it gets the first admin token
        token = bootstrap_admin(store)
        if token:
            login_url = f"http://{shown}:{port}/logga-in"
            err.print(t("users.first_admin", _lang(), name="admin", url=login_url), markup=False)
            err.print(t("users.token_line", _lang(), token=token), markup=False)
    err.print(
        f"[bold green]{t('serve.open', _lang(), url=f'http://{shown}:{port}/')}[/bold green]"
        f"  (API: http://{shown}:{port}/docs)"
    )
    uvicorn.run(create_app(), host=host, port=port, log_level="warning")


def _register_analysis_commands() -> None:
    from hotspots.detect.cli import detect_command, focus_command, runs_command

    app.command("detect")(detect_command)
    app.command("runs")(runs_command)
    app.command("focus")(focus_command)

    from hotspots.evaluate.cli import evaluate_command

    app.command("evaluate")(evaluate_command)

    # the CLI is the one place in hotspots/ that reaches maps/ (lazily, like api/ for serve)
    from maps.cli import map_command

    app.command("map")(map_command)

    from maps.report_cli import report_command

    app.command("report")(report_command)

    from hotspots.measures_cli import measures_app, observations_app

    app.add_typer(measures_app, name="measures")
    app.add_typer(observations_app, name="observations")

    from hotspots.followup.cli import followup_command

    app.command("followup")(followup_command)

    from hotspots.promises.cli import promises_app

    app.add_typer(promises_app, name="promises")

    from hotspots.alerts.cli import alerts_app

    app.add_typer(alerts_app, name="alerts")

    from hotspots.users_cli import users_app

    app.add_typer(users_app, name="users")


_register_analysis_commands()


def main() -> None:
    """Console entry point: help in the user's language, one-line errors without a traceback."""
    from hotspots.cli_help import localize

    try:
        localize(typer.main.get_command(app), current_language())(standalone_mode=False)
    except HotspotsError as exc:
        _fail(str(exc))
    except SQLAlchemyError as exc:
        orig = getattr(exc, "orig", None) or exc
        _fail(t("cli.database_error", detail=str(orig).splitlines()[0]))
    except (typer.Abort, KeyboardInterrupt):
        err.print(t("cli.aborted"))
        sys.exit(130)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except Exception as exc:  # click usage errors
        import click

        if isinstance(exc, click.ClickException):
            exc.show()
            sys.exit(exc.exit_code)
        if isinstance(exc, OSError):
            _fail(_os_error(exc))
        raise


def _os_error(exc: OSError) -> str:
    """One line for a file the system refused: the file and, in words, why."""
    if exc.filename is None:
        return msg("cli.system_error", detail=exc.strerror or exc)
    if isinstance(exc, FileNotFoundError):
        return msg("input.file_not_found", file=exc.filename)
    if isinstance(exc, IsADirectoryError):
        return msg("input.is_folder", file=exc.filename)
    if isinstance(exc, PermissionError):
        return msg("cli.permission_denied", file=exc.filename)
    return msg("cli.os_error", file=exc.filename, detail=exc.strerror or exc)


def _fail(message: str) -> None:
    """Print one line, no traceback, and exit with status 2."""
    from rich.text import Text

    err.print(Text.assemble((f"{t('error', _lang())}: ", "bold red"), message))
    sys.exit(2)


if __name__ == "__main__":
    main()
