"""Shared dependencies as ``Annotated`` aliases."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from hotspots.settings import Settings, get_settings
from hotspots.store import Store


def get_store(settings: Annotated[Settings, Depends(get_settings)]) -> Store:
    """The store of the configured database (schema must be migrated)."""
    store = Store.open(settings.resolved_database_url)
    store.require_schema()
    return store


SettingsDep = Annotated[Settings, Depends(get_settings)]
StoreDep = Annotated[Store, Depends(get_store)]
