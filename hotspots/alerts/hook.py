"""The check after an import: never fails the import, only logs what went wrong."""

from __future__ import annotations

import logging

log = logging.getLogger(__name__)


def after_import(store, settings) -> int:
    """Check the last complete week and send new alerts; returns how many alerts (-1: failed).

    Runs after an upload import (as a background task of the response) and after
    ``hotspots import``; any error is logged and swallowed, so an import never fails
    because of the check.
    """
    alerts = check_after_import(store, settings)
    return -1 if alerts is None else len(alerts)


def check_after_import(store, settings) -> list | None:
    """The alerts of the last complete week (new ones sent); None if the check failed."""
    try:
        from hotspots.alerts.check import check_deviations
        from hotspots.alerts.send import send_alerts

        alerts = check_deviations(store, tz=settings.timezone)
        if alerts and (settings.alert_webhook_url or settings.smtp_host):
            send_alerts(store, alerts, settings)
        return alerts
    except Exception:  # noqa: BLE001 - the import is done; the check must not undo it
        log.exception("alert check after import failed")
        return None
