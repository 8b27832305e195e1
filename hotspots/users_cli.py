"""``hotspots users``: users, roles and API tokens."""

from __future__ import annotations

import typer

users_app = typer.Typer(help="Users, roles and API tokens.")
