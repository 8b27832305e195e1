"""``hotspots followup``: before/after follow-up of a measure (in progress)."""

from __future__ import annotations


def followup_command(measure: int) -> None:
    """Compare equal periods before and after a measure was placed."""
    raise NotImplementedError
