"""``hotspots promises``: citizen promises and activities (in progress)."""

from __future__ import annotations

import typer

promises_app = typer.Typer(help="Citizen promises (medborgarlöften), targets and activities.")
