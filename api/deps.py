"""Shared dependencies as ``Annotated`` aliases."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from hotspots.settings import Settings, get_settings
from hotspots.store import Store

__all__ = ["SettingsDep", "StoreDep", "get_store", "open_store"]

SettingsDep = Annotated[Settings, Depends(get_settings)]


def open_store(request: Request, settings: Settings) -> Store:
    """The store of the configured database, once its schema is known to be migrated.

    The engine is cached per URL by :func:`hotspots.store.db.get_engine`; what this adds is
    remembering, per application, which URLs passed the schema check, so a request does not
    pay for the two catalogue queries of :meth:`Store.require_schema` every time. A database
    that is not migrated is checked again on the next request (``hotspots db upgrade`` may
    have run meanwhile) and raises :class:`hotspots.errors.StoreError`.
    """
    url = settings.resolved_database_url
    ready: dict[str, Store] = request.app.state.stores
    store = ready.get(url)
    if store is None:
        store = Store.open(url)
        store.require_schema()
        ready[url] = store
    return store


def get_store(request: Request, settings: SettingsDep) -> Store:
    """The store of the configured database (schema must be migrated)."""
    return open_store(request, settings)


StoreDep = Annotated[Store, Depends(get_store)]
