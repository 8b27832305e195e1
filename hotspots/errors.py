"""Domain exceptions: one small hierarchy under :class:`HotspotsError`.

The CLI prints these in one line without a traceback; the API maps them to 4xx.
"""

from __future__ import annotations

__all__ = [
    "HotspotsError",
    "InputError",
    "CatalogueError",
    "GeocodeError",
    "StoreError",
    "NotFoundError",
]


class HotspotsError(ValueError):
    """Base class of every error a user can cause and fix."""


class InputError(HotspotsError):
    """An input file or value cannot be read (empty, binary, wrong encoding, bad header...)."""


class CatalogueError(HotspotsError):
    """The category catalogue or a mapping file in ``data/`` is invalid."""


class GeocodeError(HotspotsError):
    """A geocoder or gazetteer cannot be used as asked."""


class StoreError(HotspotsError):
    """The database is not reachable or not migrated."""


class NotFoundError(HotspotsError):
    """A requested record does not exist."""
