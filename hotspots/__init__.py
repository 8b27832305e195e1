"""hotspots: hotspot maps and lägesbild from incidents and trygghetsvandringar.

The public API; everything else is internal and may change.
"""

from hotspots.catalogue import Catalogue, Category, load_catalogue
from hotspots.domain import Precision
from hotspots.errors import (
    CatalogueError,
    GeocodeError,
    HotspotsError,
    InputError,
    NotFoundError,
    StoreError,
)
from hotspots.ingest.pipeline import import_file
from hotspots.ingest.report import ImportReport
from hotspots.settings import Settings, get_settings
from hotspots.store import Store

__all__ = [
    "Catalogue",
    "CatalogueError",
    "Category",
    "GeocodeError",
    "HotspotsError",
    "ImportReport",
    "InputError",
    "NotFoundError",
    "Precision",
    "Settings",
    "Store",
    "StoreError",
    "get_settings",
    "import_file",
    "load_catalogue",
]
