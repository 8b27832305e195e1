"""``hotspots report``: the weekly lägesbild report."""

from __future__ import annotations


def report_command() -> None:
    """Write the weekly report (work in progress)."""
    raise NotImplementedError
