"""hotspots: hotspot maps and lägesbild from incidents and trygghetsvandringar.

The public API; everything else is internal and may change. Names are imported on first
use (PEP 562), so that ``hotspots --help`` does not pay for pandas and SQLAlchemy.
"""

from __future__ import annotations

import importlib

_WHERE = {
    "Catalogue": "hotspots.catalogue",
    "CatalogueError": "hotspots.errors",
    "Category": "hotspots.catalogue",
    "GeocodeError": "hotspots.errors",
    "HotspotsError": "hotspots.errors",
    "ImportReport": "hotspots.ingest.report",
    "InputError": "hotspots.errors",
    "NotFoundError": "hotspots.errors",
    "Precision": "hotspots.domain",
    "Settings": "hotspots.settings",
    "Store": "hotspots.store",
    "StoreError": "hotspots.errors",
    "detect_hotspots": "hotspots.detect.run",
    "get_settings": "hotspots.settings",
    "import_file": "hotspots.ingest.pipeline",
    "load_catalogue": "hotspots.catalogue",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str):
    if name in _WHERE:
        value = getattr(importlib.import_module(_WHERE[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'hotspots' has no attribute {name!r}")


def __dir__() -> list[str]:
    return __all__
