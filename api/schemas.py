"""Response models: separate from the tables, one per job."""

from __future__ import annotations

from pydantic import BaseModel


class Health(BaseModel):
    """Service health."""

    status: str
    database: str
    version: str


class Counts(BaseModel):
    """Row counts of the main tables."""

    incidents: int
    observations: int
    walks: int
    gazetteer_entries: int
    import_batches: int
    review_pending: int


class KindStats(BaseModel):
    """Counts of one kind of record."""

    by_category: dict[str, int]
    by_precision: dict[str, int]
    by_week: dict[str, int]


class Stats(BaseModel):
    """Counts by category, precision and ISO week."""

    counts: Counts
    incident: KindStats
    observation: KindStats


class CategoryPublic(BaseModel):
    """One category of the catalogue."""

    code: str
    label: str
    kind: str
    sensitive: bool
    measures: list[str]


class CategoriesPublic(BaseModel):
    """The category catalogue."""

    data: list[CategoryPublic]
    count: int
