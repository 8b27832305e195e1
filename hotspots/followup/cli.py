"""``hotspots followup``: before/after follow-up of a measure."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from hotspots.errors import InputError
from hotspots.i18n import current_language, msg, t

out = Console(highlight=False, soft_wrap=True)


def followup_command(
    measure: Annotated[int, typer.Argument(help="The measure's id (hotspots measures list)")],
    weeks: Annotated[
        int | None, typer.Option(help="Weeks in each period (default: time since placement, ≤26)")
    ] = None,
    months: Annotated[
        int | None, typer.Option(help="Whole calendar months in each period (month-dated data)")
    ] = None,
    buffer: Annotated[float, typer.Option(help="Width of the displacement buffer, metres")] = 200,
    category: Annotated[
        list[str] | None,
        typer.Option("--category", "-c", help="Incident category code (repeatable)"),
    ] = None,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Follow up as on this day (default today)")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the follow-up as JSON")] = False,
    lang: Annotated[str | None, typer.Option(help="sv or en")] = None,
) -> None:
    """Compare equal periods before and after a measure was placed.

    Counts in the treated area, a buffer around it and a control area; the weighted
    displacement quotient (Bowers & Johnson 2003) and Fisher's exact test.
    """
    from hotspots.cli import _store
    from hotspots.followup.analysis import Period, follow_up
    from hotspots.measures_cli import parse_time
    from hotspots.settings import get_settings

    if lang is not None and lang not in ("sv", "en"):
        raise InputError(msg("followup.bad_lang", value=lang))
    lang = lang or current_language()
    if weeks is not None and months is not None:
        raise InputError(msg("followup.bad_period", value=f"--weeks {weeks} --months {months}"))
    period = None
    for n, unit in ((weeks, "weeks"), (months, "months")):
        if n is not None:
            if n < 1:
                raise InputError(msg("followup.bad_period", value=n))
            period = Period(n, unit)
    tz = get_settings().timezone
    result = follow_up(
        _store(),
        measure,
        period=period,
        buffer_m=buffer,
        categories=category or None,
        as_of=parse_time(as_of, tz),
        language=lang,
    )
    if as_json:
        out.print_json(json.dumps(result.to_dict(), ensure_ascii=False))
        return
    print_followup(result, lang)


def _period(p, lang: str) -> str:
    if p.unit == "months":
        return t("followup.period.months", lang, n=p.n)
    return t("followup.period.weeks", lang, n=p.n)


def print_followup(result, lang: str, console: Console | None = None) -> None:
    """The follow-up as a rich table and a few lines of text."""
    from datetime import timedelta

    from hotspots.catalogue import load_catalogue
    from hotspots.followup.text import fmt_number, fmt_p, fmt_pct, wdq_reading

    console = console or out
    catalogue = load_catalogue()
    label = (
        catalogue.measures[result.measure].label(lang)
        if result.measure in catalogue.measures
        else result.measure
    )
    console.print(
        "[bold]"
        + t(
            "followup.cli.title", lang, id=result.measure_id, title=result.title, measure=label
        ).replace("[", "\\[")
        + "[/bold]"
    )
    if result.before is not None:
        day = timedelta(days=1)
        console.print(
            t(
                "followup.cli.periods",
                lang,
                placed=result.placed.date().isoformat(),
                b0=result.before[0].date().isoformat(),
                b1=(result.before[1] - day).date().isoformat(),
                a0=result.after[0].date().isoformat(),
                a1=(result.after[1] - day).date().isoformat(),
                period=_period(result.period, lang),
            )
        )
    if result.missing:
        console.print(f"[yellow]{t('followup.cli.cannot', lang)}[/yellow]")
        for line in result.missing:
            console.print(line)
        return
    cats = ", ".join(catalogue[c].label(lang) if c in catalogue else c for c in result.categories)
    console.print(t("followup.cli.categories", lang, categories=cats))
    if result.control_source == "kommun":
        control = t("followup.area.control_kommun", lang, name=result.control_name)
    elif result.control_source == "given":
        control = t("followup.area.control_given", lang)
    else:
        control = t("followup.area.control_study", lang)
    table = Table()
    table.add_column(t("followup.col.area", lang))
    table.add_column(t("followup.col.before", lang), justify="right")
    table.add_column(t("followup.col.after", lang), justify="right")
    table.add_column(t("followup.col.change", lang), justify="right")
    table.add_column(t("followup.col.km2", lang), justify="right")
    rows = (
        (t("followup.area.treated", lang), result.treated),
        (t("followup.area.buffer", lang, m=fmt_number(result.buffer_m, lang, 0)), result.buffer),
        (control, result.control),
    )
    for name, c in rows:
        change = f"{c.change:+d}" if c.change_pct is None else fmt_pct(c.change_pct, lang)
        table.add_row(name, str(c.before), str(c.after), change, fmt_number(c.area_km2, lang, 3))
    console.print(table)
    if result.p_value is not None:
        rr = "–" if result.relative_rate is None else fmt_number(result.relative_rate, lang, 2)
        lo, hi = result.rr_ci
        console.print(
            t(
                "followup.cli.rr",
                lang,
                rr=rr,
                lo=fmt_number(lo, lang, 2),
                hi=fmt_number(hi, lang, 2) if hi != float("inf") else "∞",
                p=fmt_p(result.p_value, lang),
            )
        )
    if result.success_measure is not None:
        console.print(
            t(
                "followup.cli.sm",
                lang,
                sm=fmt_number(result.success_measure, lang, 4),
                bm=fmt_number(result.buffer_measure, lang, 4),
            )
        )
    wdq = "–" if result.wdq is None else fmt_number(result.wdq, lang, 2)
    console.print(t("followup.cli.wdq", lang, wdq=wdq) + " – " + wdq_reading(result, lang))
    console.print()
    console.print(result.reading)
