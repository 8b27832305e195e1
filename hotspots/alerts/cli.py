"""``hotspots alerts``: geographic deviation alerts (in progress)."""

from __future__ import annotations

import typer

alerts_app = typer.Typer(help="Alerts on geographic deviation: check, list, acknowledge.")
