"""``hotspots measures`` and ``hotspots observations``: measures and observation status."""

from __future__ import annotations

import getpass
import json
from datetime import datetime
from pathlib import Path
from typing import Annotated
from zoneinfo import ZoneInfo

import pandas as pd
import typer
from rich.console import Console
from rich.table import Table

from hotspots.errors import InputError
from hotspots.i18n import current_language, msg, t
from hotspots.settings import get_settings

measures_app = typer.Typer(
    no_args_is_help=True, help="Measures (åtgärder): add, list, change status."
)
observations_app = typer.Typer(no_args_is_help=True, help="Walk observations: change status.")

out = Console(highlight=False, soft_wrap=True)


def _store():
    from hotspots.cli import _store as open_store

    return open_store()


def _user() -> str | None:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - containers may have no login name
        return None


def parse_time(value: str | None, tz: str) -> datetime | None:
    """``2026-11-20`` (local midnight) or ``2026-11-20 14:30`` (local time) as a datetime.

    A value with its own offset (``2026-11-20T14:30+00:00``) keeps it.
    """
    from hotspots.detect.cli import parse_day

    if not value:
        return None
    value = value.strip()
    if len(value) <= 10:
        return parse_day(value, tz)
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        raise InputError(msg("cli.bad_day", value=value)) from None
    return when if when.tzinfo else when.replace(tzinfo=ZoneInfo(tz))


def status_label(status: str, lang: str) -> str:
    """A stored status in the user's language (stored values are Swedish words)."""
    labels = {
        "ny": t("status.ny", lang),
        "rapporterad": t("status.rapporterad", lang),
        "åtgärdad": t("status.atgardad", lang),
        "avslutad": t("status.avslutad", lang),
        "föreslagen": t("status.foreslagen", lang),
        "planerad": t("status.planerad", lang),
        "pågående": t("status.pagaende", lang),
        "genomförd": t("status.genomford", lang),
    }
    return labels.get(status, status)


def _read_area(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(msg("measures.area_file", file=path, detail=exc)) from None


def _day(value, tz: ZoneInfo) -> str:
    return "" if value is None or pd.isna(value) else value.tz_convert(tz).strftime("%Y-%m-%d")


def _iso(value) -> str | None:
    return None if value is None or pd.isna(value) else value.isoformat()


# ------------------------------------------------------------------------------- measures
@measures_app.command("add")
def add_command(
    type_: Annotated[
        str, typer.Option("--type", help="Measure code or label from the catalogue (belysning)")
    ],
    title: Annotated[str, typer.Option(help="Short title, e.g. 'Ny belysning gångtunneln'")],
    lon: Annotated[float | None, typer.Option(help="Longitude (WGS84) of the place")] = None,
    lat: Annotated[float | None, typer.Option(help="Latitude (WGS84) of the place")] = None,
    radius: Annotated[float | None, typer.Option(help="Radius around the point, metres")] = None,
    area: Annotated[
        Path | None, typer.Option(help="Area instead of a point: GeoJSON polygon file (WGS84)")
    ] = None,
    status: Annotated[
        str, typer.Option(help="föreslagen|planerad|pågående|genomförd|avslutad")
    ] = "föreslagen",
    decided: Annotated[str | None, typer.Option(help="Decided on (2026-11-02)")] = None,
    placed: Annotated[str | None, typer.Option(help="Placed / in place from (2026-11-09)")] = None,
    until: Annotated[str | None, typer.Option(help="In place until (2026-12-31)")] = None,
    cost: Annotated[float | None, typer.Option(help="Cost in kronor")] = None,
    description: Annotated[str | None, typer.Option(help="Longer description")] = None,
    municipality: Annotated[str | None, typer.Option(help="Kommun, e.g. Höör")] = None,
    at: Annotated[str | None, typer.Option(help="When the status was set (default: now)")] = None,
    by: Annotated[str | None, typer.Option(help="Who sets it (default: login name)")] = None,
    note: Annotated[str | None, typer.Option(help="Note kept with the first status")] = None,
    observation: Annotated[
        list[int] | None,
        typer.Option("--observation", help="Link an observation behind it (id, repeatable)"),
    ] = None,
    run: Annotated[
        list[int] | None,
        typer.Option("--run", help="Link a stored hotspot analysis (run id, repeatable)"),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help='Print {"id": ...} as JSON')] = False,
) -> None:
    """Add a measure at a point (--lon/--lat [--radius]) or an area (--area).

    --observation and --run link it to what lies behind it; a link to something that does
    not exist refuses the whole measure.
    """
    tz = get_settings().timezone
    store = _store()
    measure_id = store.add_measure(
        measure=type_,
        title=title,
        lon=lon,
        lat=lat,
        radius_m=radius,
        area_geojson=_read_area(area) if area is not None else None,
        description=description,
        status=status,
        municipality=municipality,
        decided_on=parse_time(decided, tz),
        starts_on=parse_time(placed, tz),
        ends_on=parse_time(until, tz),
        cost_sek=cost,
        changed_by=by or _user(),
        at=parse_time(at, tz),
        note=note,
        links=[("observation", i) for i in observation or []] + [("run", i) for i in run or []],
    )
    if as_json:
        out.print_json(json.dumps({"id": measure_id}))
        return
    out.print(t("measures.added", current_language(), id=measure_id, title=title.strip()))


@measures_app.command("list")
def list_command(
    status: Annotated[
        list[str] | None, typer.Option("--status", help="Only this status (repeatable)")
    ] = None,
    bbox: Annotated[
        str | None, typer.Option(help="Only inside west,south,east,north (lon/lat)")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the measures as JSON")] = False,
) -> None:
    """List measures with their status and dates."""
    from hotspots.catalogue import load_catalogue
    from hotspots.detect.cli import parse_bbox

    settings = get_settings()
    lang = current_language()
    df = _store().measures(bbox=parse_bbox(bbox), statuses=status or None)
    catalogue = load_catalogue(settings.data_dir / "categories.toml")

    def label(code: str) -> str:
        m = catalogue.measures.get(code)
        return m.label(lang) if m else code

    if as_json:
        rows = []
        for r in df.to_dict("records"):
            for c in ("decided_on", "starts_on", "ends_on", "status_changed_at"):
                r[c] = _iso(r[c])
            for c in ("lon", "lat", "radius_m", "cost_sek"):
                r[c] = None if pd.isna(r[c]) else float(r[c])
            r["id"] = int(r["id"])
            r["measure_label"] = label(r["measure"])
            rows.append(r)
        out.print_json(json.dumps(rows, ensure_ascii=False))
        return
    if df.empty:
        out.print(t("measures.none", lang))
        return
    tz = ZoneInfo(settings.timezone)
    tab = Table(title=t("measures.title", lang, n=len(df)), title_justify="left")
    for key, justify in (
        (t("measures.col_id", lang), "right"),
        (t("measures.col_type", lang), "left"),
        (t("measures.col_title", lang), "left"),
        (t("measures.col_status", lang), "left"),
        (t("measures.col_since", lang), "left"),
        (t("measures.col_decided", lang), "left"),
        (t("measures.col_placed", lang), "left"),
        (t("measures.col_until", lang), "left"),
        (t("measures.col_cost", lang), "right"),
        (t("measures.col_place", lang), "left"),
    ):
        tab.add_column(key, justify=justify)
    for r in df.itertuples(index=False):
        if r.area_geojson is not None:
            place = t("measures.place_area", lang)
        else:
            place = f"{r.lat:.5f}, {r.lon:.5f}"
            if not pd.isna(r.radius_m):
                place += f" r {r.radius_m:.0f} m"
        cost = "" if pd.isna(r.cost_sek) else f"{r.cost_sek:,.0f}".replace(",", " ")
        tab.add_row(
            str(r.id),
            label(r.measure),
            r.title,
            status_label(r.status, lang),
            _day(r.status_changed_at, tz),
            _day(r.decided_on, tz),
            _day(r.starts_on, tz),
            _day(r.ends_on, tz),
            cost,
            place,
        )
    out.print(tab)


def _target(observation: int | None, run: int | None) -> tuple[str, int]:
    if (observation is None) == (run is None):
        raise InputError(msg("links.one_target"))
    return ("observation", observation) if observation is not None else ("run", run)


def _kind_word(kind: str, lang: str) -> str:
    if kind == "run":
        return t("links.kind_run", lang)
    return t("links.kind_observation", lang)


@measures_app.command("link")
def link_command(
    measure_id: Annotated[int, typer.Argument(metavar="ID", help="Measure id")],
    observation: Annotated[
        int | None, typer.Option("--observation", help="Observation id behind the measure")
    ] = None,
    run: Annotated[
        int | None, typer.Option("--run", help="Stored hotspot analysis (run id)")
    ] = None,
    note: Annotated[str | None, typer.Option(help="Why it is linked")] = None,
    by: Annotated[str | None, typer.Option(help="Who (default: login name)")] = None,
) -> None:
    """Link a measure to an observation or a stored hotspot analysis behind it."""
    from hotspots.store.links import link_measure

    lang = current_language()
    kind, ref_id = _target(observation, run)
    new = link_measure(_store(), measure_id, kind, ref_id, note, by=by or _user())
    word = _kind_word(kind, lang)
    if new:
        out.print(t("links.linked", lang, id=measure_id, kind=word, ref_id=ref_id))
    else:
        out.print(t("links.already", lang, id=measure_id, kind=word, ref_id=ref_id))


@measures_app.command("unlink")
def unlink_command(
    measure_id: Annotated[int, typer.Argument(metavar="ID", help="Measure id")],
    observation: Annotated[int | None, typer.Option("--observation", help="Observation id")] = None,
    run: Annotated[int | None, typer.Option("--run", help="Stored analysis (run id)")] = None,
) -> None:
    """Remove a link of a measure."""
    from hotspots.errors import NotFoundError
    from hotspots.store.links import unlink_measure

    lang = current_language()
    kind, ref_id = _target(observation, run)
    if not unlink_measure(_store(), measure_id, kind, ref_id):
        raise NotFoundError(
            t("links.no_such_link", lang, id=measure_id, kind=_kind_word(kind, lang), ref_id=ref_id)
        )
    out.print(t("links.unlinked", lang, id=measure_id, kind=_kind_word(kind, lang), ref_id=ref_id))


@measures_app.command("show")
def show_command(
    measure_id: Annotated[int, typer.Argument(metavar="ID", help="Measure id")],
    as_json: Annotated[bool, typer.Option("--json", help="Print it as JSON")] = False,
) -> None:
    """Show one measure: its fields, status history and links."""
    from hotspots.catalogue import load_catalogue
    from hotspots.store.records import measure_detail

    settings = get_settings()
    lang = current_language()
    store = _store()
    detail = measure_detail(store, measure_id)
    links = detail.pop("links")
    catalogue = load_catalogue(settings.data_dir / "categories.toml")
    known = catalogue.measures.get(detail["measure"])
    type_label = known.label(lang) if known else detail["measure"]
    if as_json:

        def iso(value):
            return value.isoformat() if isinstance(value, datetime) else value

        data = {k: iso(v) for k, v in detail.items() if k != "history"}
        data["measure_label"] = type_label
        data["history"] = [{k: iso(v) for k, v in h.items()} for h in detail["history"]]
        data["links"] = [{k: iso(v) for k, v in x.items()} for x in links]
        out.print_json(json.dumps(data, ensure_ascii=False))
        return
    tz = ZoneInfo(settings.timezone)

    def day(value) -> str:
        return "–" if value is None else value.astimezone(tz).strftime("%Y-%m-%d")

    out.print(
        t(
            "measures.show_head",
            lang,
            id=measure_id,
            title=detail["title"],
            type=type_label,
            status=status_label(detail["status"], lang),
        )
    )
    if detail["area_geojson"] is not None:
        place = t("measures.place_area", lang)
    else:
        place = f"{detail['lat']:.5f}, {detail['lon']:.5f}"
        if detail["radius_m"] is not None:
            place += f" r {detail['radius_m']:.0f} m"
    if detail["municipality"]:
        place += f" ({detail['municipality']})"
    out.print(t("measures.show_place", lang, place=place))
    out.print(
        t(
            "measures.show_dates",
            lang,
            decided=day(detail["decided_on"]),
            placed=day(detail["starts_on"]),
            until=day(detail["ends_on"]),
        )
    )
    if detail["cost_sek"] is not None:
        cost = f"{detail['cost_sek']:,.0f}".replace(",", " ")
        out.print(t("measures.show_cost", lang, cost=cost))
    out.print("")
    out.print(t("measures.history_heading", lang))
    for h in detail["history"]:
        line = f"  {h['changed_at'].astimezone(tz).strftime('%Y-%m-%d %H:%M')}  "
        line += status_label(h["status"], lang)
        if h["changed_by"]:
            line += f" ({h['changed_by']})"
        if h["note"]:
            line += f": {h['note']}"
        out.print(line, markup=False)
    out.print("")
    if not links:
        out.print(t("links.none", lang))
        return
    out.print(t("links.heading", lang, n=len(links)))
    for x in links:
        line = f"  {_kind_word(x['kind'], lang)} {x['ref_id']}: {x['label']}"
        if x["note"]:
            line += f" – {x['note']}"
        out.print(line, markup=False)


def _set_status(store, kind: str, record_id: int, status: str, at, note, by, as_json) -> None:
    settings = get_settings()
    lang = current_language()
    when = parse_time(at, settings.timezone) or datetime.now(ZoneInfo(settings.timezone))
    store.set_status(kind, record_id, status, at=when, by=by or _user(), note=note)
    history = store.status_history(kind, record_id)
    if as_json:
        data = {
            "kind": kind,
            "id": record_id,
            "history": [{**h, "changed_at": h["changed_at"].isoformat()} for h in history],
        }
        out.print_json(json.dumps(data, ensure_ascii=False))
        return
    kinds = {
        "measure": t("measures.kind_measure", lang),
        "observation": t("measures.kind_observation", lang),
    }
    tz = ZoneInfo(settings.timezone)
    out.print(
        t(
            "measures.status_set",
            lang,
            kind=kinds[kind],
            id=record_id,
            status=status_label(status.strip().lower(), lang),
            at=when.astimezone(tz).strftime("%Y-%m-%d %H:%M"),
        )
    )
    latest = history[-1]
    if latest["changed_at"] > when:
        # dated before a later change: history only, the later status still holds
        out.print(
            t(
                "measures.status_not_current",
                lang,
                status=status_label(latest["status"], lang),
                at=latest["changed_at"].astimezone(tz).strftime("%Y-%m-%d %H:%M"),
            )
        )


@measures_app.command("status")
def measure_status_command(
    measure_id: Annotated[int, typer.Argument(metavar="ID", help="Measure id")],
    status: Annotated[str, typer.Argument(help="föreslagen|planerad|pågående|genomförd|avslutad")],
    note: Annotated[str | None, typer.Option(help="Note kept with the change")] = None,
    at: Annotated[str | None, typer.Option(help="When (2026-11-20 or 2026-11-20 14:30)")] = None,
    by: Annotated[str | None, typer.Option(help="Who (default: login name)")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the history as JSON")] = False,
) -> None:
    """Change the status of a measure (the history is kept)."""
    _set_status(_store(), "measure", measure_id, status, at, note, by, as_json)


@observations_app.command("status")
def observation_status_command(
    observation: Annotated[
        str, typer.Argument(metavar="ID", help="Observation id, or its id in the source file")
    ],
    status: Annotated[str, typer.Argument(help="ny|rapporterad|åtgärdad|avslutad")],
    note: Annotated[str | None, typer.Option(help="Note kept with the change")] = None,
    at: Annotated[str | None, typer.Option(help="When (2026-11-20 or 2026-11-20 14:30)")] = None,
    by: Annotated[str | None, typer.Option(help="Who (default: login name)")] = None,
    source: Annotated[
        str | None, typer.Option(help="Source of a file id (when several sources have it)")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the history as JSON")] = False,
) -> None:
    """Change the status of a walk observation (the history is kept)."""
    from hotspots.errors import NotFoundError

    store = _store()
    value = observation.strip()
    if value.isdigit() and source is None:
        record_id = int(value)
    else:
        found = store.observation_ids([value], source=source)
        if value not in found:
            raise NotFoundError(msg("observations.not_found", id=value))
        record_id = found[value]
    _set_status(store, "observation", record_id, status, at, note, by, as_json)
