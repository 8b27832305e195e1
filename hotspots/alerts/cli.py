"""``hotspots alerts``: geographic deviation alerts: check, list, acknowledge."""

from __future__ import annotations

import getpass
import json
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from hotspots.i18n import current_language, t
from hotspots.settings import get_settings

alerts_app = typer.Typer(
    no_args_is_help=True, help="Alerts on geographic deviation: check, list, acknowledge."
)

out = Console(highlight=False, soft_wrap=True)


def _store():
    from hotspots.cli import _store as open_store

    return open_store()


def _user() -> str | None:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - containers may have no login name
        return None


def _status_label(status: str, lang: str) -> str:
    return {"ny": t("alerts.status_ny", lang), "kvitterad": t("alerts.status_kvitterad", lang)}.get(
        status, status
    )


def _print_table(alerts, lang: str) -> None:
    tab = Table(title=t("alerts.title", lang, n=len(alerts)), title_justify="left")
    for key, justify in (
        (t("alerts.col_id", lang), "right"),
        (t("alerts.col_week", lang), "left"),
        (t("alerts.col_kind", lang), "left"),
        (t("alerts.col_where", lang), "left"),
        (t("alerts.col_what", lang), "left"),
        (t("alerts.col_observed", lang), "right"),
        (t("alerts.col_expected", lang), "right"),
        (t("alerts.col_p", lang), "right"),
        (t("alerts.col_status", lang), "left"),
        (t("alerts.col_link", lang), "left"),
    ):
        tab.add_column(key, justify=justify)
    kinds = {"count": t("alerts.kind_count", lang), "emerging": t("alerts.kind_emerging", lang)}
    for a in alerts:
        where = a.place or a.municipality or "-"
        if not a.area_key.startswith("kommun:") and a.lat is not None:
            where = f"{where} ({a.lat:.4f}, {a.lon:.4f})"
        tab.add_row(
            str(a.id),
            a.week,
            kinds.get(a.kind, a.kind),
            where,
            ", ".join(f"{c['category']} ({c['n']})" for c in a.categories),
            str(a.observed),
            f"{a.expected:.1f}",
            "-" if a.p_value is None else f"{a.p_value:.2g}",
            _status_label(a.status, lang) + (f": {a.decision_note}" if a.decision_note else ""),
            a.link,
        )
    out.print(tab)


@alerts_app.command("check")
def check_command(
    week: Annotated[
        str | None, typer.Option(help="ISO week, e.g. 2026-W47 (default: the last complete week)")
    ] = None,
    history: Annotated[int, typer.Option(help="Weeks before it that give the expected level")] = 12,
    cell_size: Annotated[
        float | None, typer.Option(help="Grid cell in metres (default 500, larger for large areas)")
    ] = None,
    category: Annotated[
        list[str] | None, typer.Option("--category", help="Only this category (repeatable)")
    ] = None,
    alpha: Annotated[float, typer.Option(help="False discovery rate per week")] = 0.05,
    send: Annotated[
        bool, typer.Option("--send", help="Send new alerts to the webhook / e-mail in settings")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the alerts as JSON")] = False,
) -> None:
    """Check a week for deviations and store the alerts (running again adds no duplicates)."""
    from hotspots.alerts.check import check_deviations
    from hotspots.alerts.send import send_alerts

    settings = get_settings()
    lang = current_language()
    store = _store()
    alerts = check_deviations(
        store,
        week=week,
        weeks_history=history,
        cell_size=cell_size,
        categories=category or None,
        alpha=alpha,
        tz=settings.timezone,
    )
    sent: dict[str, int] = {}
    if send:
        sent = send_alerts(store, alerts, settings)
    if as_json:
        out.print_json(
            json.dumps({"alerts": [a.as_dict() for a in alerts], "sent": sent}, ensure_ascii=False)
        )
        return
    new = sum(a.new for a in alerts)
    week_label = alerts[0].week if alerts else (week or "")
    if not alerts:
        out.print(t("alerts.checked_none", lang))
    else:
        out.print(t("alerts.checked", lang, n=len(alerts), new=new, week=week_label))
        _print_table(alerts, lang)
    if send:
        if sent:
            for channel, n in sent.items():
                out.print(t("alerts.sent", lang, n=n, channel=channel))
        elif not (settings.alert_webhook_url or (settings.smtp_host and settings.alert_email_to)):
            out.print(t("alerts.no_channel", lang))
        else:
            out.print(t("alerts.nothing_to_send", lang))


@alerts_app.command("list")
def list_command(
    week: Annotated[str | None, typer.Option(help="Only this ISO week, e.g. 2026-W47")] = None,
    status: Annotated[str | None, typer.Option(help="Only this status: ny|kvitterad")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the alerts as JSON")] = False,
) -> None:
    """List stored alerts, newest week first."""
    from hotspots.alerts.repo import list_alerts

    lang = current_language()
    alerts = list_alerts(_store(), week=week, status=status)
    if as_json:
        out.print_json(json.dumps([a.as_dict() for a in alerts], ensure_ascii=False))
        return
    if not alerts:
        out.print(t("alerts.none", lang))
        return
    _print_table(alerts, lang)


@alerts_app.command("ack")
def ack_command(
    alert_id: Annotated[int, typer.Argument(help="Id of the alert (hotspots alerts list)")],
    note: Annotated[str, typer.Option(help='Decision note, e.g. "Beslut: extra patrull fre-lör"')],
    by: Annotated[str | None, typer.Option(help="Who decides (default: login name)")] = None,
) -> None:
    """Acknowledge an alert with the leadership's decision note."""
    from hotspots.alerts.repo import ack_alert

    a = ack_alert(_store(), alert_id, note=note, by=by or _user())
    out.print(t("alerts.acked", current_language(), id=a.id, by=a.acknowledged_by or "-"))
