"""Messages of the alerts (geographic deviation) area."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {}
