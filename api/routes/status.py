"""Health, counts and the category catalogue."""

from __future__ import annotations

from fastapi import APIRouter, Query

from api.deps import SettingsDep, StoreDep
from api.schemas import CategoriesPublic, CategoryPublic, Health, Stats
from hotspots.catalogue import load_catalogue

router = APIRouter()


@router.get("/health", response_model=Health, tags=["status"])
def health(store: StoreDep) -> Health:
    """Report whether the service is up and the database migrated."""
    from importlib.metadata import version

    return Health(status="ok", database=store.dialect, version=version("hotspots"))


@router.get("/api/v1/stats", response_model=Stats, tags=["status"])
def stats(store: StoreDep, settings: SettingsDep) -> Stats:
    """Counts by category, precision and ISO week."""
    return Stats.model_validate(store.stats(tz=settings.timezone))


@router.get("/api/v1/categories", response_model=CategoriesPublic, tags=["status"])
def categories(
    settings: SettingsDep, lang: str = Query("sv", pattern="^(sv|en)$")
) -> CategoriesPublic:
    """The category catalogue in Swedish (default) or English."""
    cat = load_catalogue(settings.data_dir / "categories.toml")
    data = [
        CategoryPublic(
            code=c.code,
            label=c.label(lang),
            kind=c.kind,
            sensitive=c.sensitive,
            measures=list(c.measures),
        )
        for c in cat.categories.values()
    ]
    return CategoriesPublic(data=data, count=len(data))
