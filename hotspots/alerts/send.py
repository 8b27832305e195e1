"""Send alerts to a webhook (POST JSON) and by e-mail (SMTP), as set in the settings."""

from __future__ import annotations

import json
import smtplib
import urllib.request
from email.message import EmailMessage

from hotspots.alerts.check import Alert
from hotspots.errors import HotspotsError
from hotspots.i18n import current_language, t

__all__ = ["alert_text", "send_alerts", "send_email", "send_webhook"]


def _link(alert: Alert, base_url: str | None) -> str:
    return (base_url or "").rstrip("/") + alert.link


def alert_text(alert: Alert, lang: str | None = None, base_url: str | None = None) -> str:
    """One alert as a few lines: where, what, observed vs expected, p, link."""
    lang = lang or current_language()
    where = alert.municipality or "-"
    if alert.lon is not None and alert.lat is not None:
        where = t("alerts.where_point", lang, kommun=where, lat=alert.lat, lon=alert.lon)
    what = ", ".join(f"{c['category']} ({c['n']})" for c in alert.categories) or "-"
    kinds = {"count": t("alerts.kind_count", lang), "emerging": t("alerts.kind_emerging", lang)}
    p = "-" if alert.p_value is None else f"{alert.p_value:.2g}"
    q = "-" if alert.q_value is None else f"{alert.q_value:.2g}"
    return t(
        "alerts.text",
        lang,
        id=alert.id if alert.id is not None else "-",
        kind=kinds.get(alert.kind, alert.kind),
        week=alert.week,
        where=where,
        what=what,
        observed=alert.observed,
        expected=alert.expected,
        p=p,
        q=q,
        link=_link(alert, base_url),
    )


def send_webhook(url: str, alerts: list[Alert], *, timeout: float = 10.0) -> None:
    """POST ``{"alerts": [...]}`` as JSON to ``url``."""
    body = json.dumps({"alerts": [a.as_dict() for a in alerts]}, ensure_ascii=False).encode()
    req = urllib.request.Request(
        url,
        data=body,
        method="POST",
        headers={"Content-Type": "application/json; charset=utf-8"},
    )
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:  # noqa: S310 - configured URL
            r.read()
    except OSError as exc:
        raise HotspotsError(t("alerts.webhook_failed", url=url, detail=exc)) from None


def send_email(settings, alerts: list[Alert], *, lang: str | None = None) -> None:
    """One e-mail listing the alerts, to ``alert_email_to`` through ``smtp_host``."""
    lang = lang or current_language()
    to = [a.strip() for a in (settings.alert_email_to or "").split(",") if a.strip()]
    weeks = ", ".join(sorted({a.week for a in alerts}))
    message = EmailMessage()
    message["Subject"] = t("alerts.mail_subject", lang, n=len(alerts), week=weeks)
    message["From"] = settings.smtp_from or "hotspots@localhost"
    message["To"] = ", ".join(to)
    base = settings.alert_link_base or None
    parts = [t("alerts.mail_intro", lang, n=len(alerts), week=weeks)]
    parts += [alert_text(a, lang, base) for a in alerts]
    message.set_content("\n\n".join(parts) + "\n")
    try:
        with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=10) as smtp:
            if settings.smtp_starttls:
                smtp.starttls()
            if settings.smtp_user:
                smtp.login(settings.smtp_user, settings.smtp_password or "")
            smtp.send_message(message)
    except (OSError, smtplib.SMTPException) as exc:
        raise HotspotsError(t("alerts.mail_failed", host=settings.smtp_host, detail=exc)) from None


def send_alerts(store, alerts: list[Alert], settings) -> dict[str, int]:
    """Send the alerts not sent before to every configured channel; mark them sent.

    Returns how many went to each channel (``{"webhook": n, "email": n}``); a channel that
    is not configured is left out. A failing channel raises (one line) and nothing is marked.
    """
    from hotspots.alerts.repo import mark_sent

    todo = [a for a in alerts if a.sent_at is None]
    done: dict[str, int] = {}
    if not todo:
        return done
    if settings.alert_webhook_url:
        send_webhook(settings.alert_webhook_url, todo)
        done["webhook"] = len(todo)
    if settings.smtp_host and settings.alert_email_to:
        send_email(settings, todo)
        done["email"] = len(todo)
    if done:
        mark_sent(store, [a.id for a in todo if a.id is not None])
    return done
