"""Messages of the measures commands and pages."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {}
