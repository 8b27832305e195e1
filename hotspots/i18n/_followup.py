"""Messages of the followup area."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {}
