"""``hotspots measures`` and ``hotspots observations``: measures and observation status."""

from __future__ import annotations

import typer

measures_app = typer.Typer(help="Measures (åtgärder): add, list, change status.")
observations_app = typer.Typer(help="Walk observations: change status.")
