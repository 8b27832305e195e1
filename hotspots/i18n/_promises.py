"""Messages of the promises (medborgarlöften) area."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {}
