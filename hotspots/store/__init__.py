"""Storage: SQLAlchemy 2 + Alembic; SQLite file by default, PostGIS by URL."""

from hotspots.store import alert_models as _alert_models  # noqa: F401 - tables in metadata
from hotspots.store import link_models as _link_models  # noqa: F401
from hotspots.store import promise_models as _promise_models  # noqa: F401 - tables in metadata
from hotspots.store.repository import RECORD_COLUMNS, BatchWriter, ReviewItem, Store

__all__ = ["Store", "BatchWriter", "ReviewItem", "RECORD_COLUMNS"]
