"""Messages of the report commands and pages."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {}
