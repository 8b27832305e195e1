"""Shared fixtures: temporary databases on SQLite and (when configured) PostGIS.

Environment:
- ``HOTSPOTS_TEST_POSTGRES_URL``: a PostgreSQL database with PostGIS for the storage tests.
- ``HOTSPOTS_TEST_REQUIRE_POSTGIS=1``: a missing server fails instead of skipping (CI).
- ``HOTSPOTS_TEST_REQUIRE_SHARED_DATA=1``: a missing ``../shared/data`` fails (CI).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from hotspots.settings import Settings, get_settings

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data"


def _require(flag: str) -> bool:
    return os.environ.get(flag, "") not in ("", "0", "false")


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """``../shared/data`` (real public files); skips with the reason when absent."""
    if not SHARED_DATA.is_dir():
        msg = f"../shared/data not present at {SHARED_DATA}: the real-data tests need it"
        if _require("HOTSPOTS_TEST_REQUIRE_SHARED_DATA"):
            pytest.fail(msg)
        pytest.skip(msg)
    return SHARED_DATA


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path, monkeypatch):
    """Every test gets its own SQLite file and fresh settings."""
    for key in list(os.environ):
        if key.startswith("HOTSPOTS_") and not key.startswith("HOTSPOTS_TEST_"):
            monkeypatch.delenv(key)
    monkeypatch.setenv("HOTSPOTS_DATABASE_URL", f"sqlite:///{tmp_path / 'test.db'}")
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


@pytest.fixture
def settings() -> Settings:
    """The settings of the test (its own SQLite file)."""
    return get_settings()


_PG_READY: dict[str, bool] = {}


def _postgis_store():
    from hotspots.store import Store

    url = os.environ.get("HOTSPOTS_TEST_POSTGRES_URL")
    if not url:
        msg = "no PostGIS server: set HOTSPOTS_TEST_POSTGRES_URL (CI does)"
        if _require("HOTSPOTS_TEST_REQUIRE_POSTGIS"):
            pytest.fail(msg)
        pytest.skip(msg)
    store = Store.open(url)
    try:
        if url not in _PG_READY:
            store.upgrade()
            _PG_READY[url] = True
    except Exception as exc:  # noqa: BLE001 - report why the server is unusable
        msg = f"PostGIS server at {url} unusable: {exc}"
        if _require("HOTSPOTS_TEST_REQUIRE_POSTGIS"):
            pytest.fail(msg)
        pytest.skip(msg)
    store.clear()
    return store


@pytest.fixture(params=["sqlite", "postgis"])
def store(request, settings):
    """An empty, migrated store on each backend."""
    from hotspots.store import Store

    if request.param == "sqlite":
        s = Store.open(settings.resolved_database_url)
        s.upgrade()
        yield s
    else:
        s = _postgis_store()
        yield s
        s.clear()


@pytest.fixture
def sqlite_store(settings):
    """An empty, migrated SQLite store (for tests that are not about the backend)."""
    from hotspots.store import Store

    s = Store.open(settings.resolved_database_url)
    s.upgrade()
    return s
