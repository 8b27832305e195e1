"""Engines, sessions and migrations for the SQLite default and PostgreSQL/PostGIS."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.exc import ArgumentError, OperationalError

from hotspots.errors import StoreError
from hotspots.i18n import msg

__all__ = ["get_engine", "upgrade", "is_migrated", "head_revision"]

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


@lru_cache(maxsize=1)
def head_revision() -> str:
    """The newest migration in ``migrations/versions``."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory(str(MIGRATIONS)).get_current_head()


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    # WAL lets the service read while an import writes; NORMAL is safe with WAL.
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


@lru_cache(maxsize=8)
def get_engine(url: str) -> Engine:
    """An engine for ``url`` (cached per URL)."""
    try:
        if url.startswith("sqlite"):
            engine = create_engine(url, connect_args={"timeout": 30})
            event.listen(engine, "connect", _sqlite_pragmas)
        else:
            if url.startswith("postgresql://"):
                url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
            engine = create_engine(url, pool_pre_ping=True)
    except ArgumentError as exc:
        raise StoreError(msg("store.invalid_url", url=url, detail=exc)) from None
    except ModuleNotFoundError as exc:
        raise StoreError(msg("store.driver_missing", name=exc.name)) from None
    return engine


def _alembic_config(engine: Engine):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["engine"] = engine
    return cfg


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to ``revision`` (``hotspots db upgrade``)."""
    from alembic import command

    try:
        command.upgrade(_alembic_config(engine), revision)
    except OperationalError as exc:
        raise StoreError(msg("store.cannot_migrate", url=engine.url, detail=exc.orig)) from None


def downgrade(engine: Engine, revision: str = "base") -> None:
    """Undo migrations down to ``revision``."""
    from alembic import command

    command.downgrade(_alembic_config(engine), revision)


def current_revision(engine: Engine) -> str | None:
    """The schema revision in the database, or ``None`` when not migrated."""
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def is_migrated(engine: Engine) -> bool:
    """True when the schema is at the newest revision."""
    try:
        if "alembic_version" not in inspect(engine).get_table_names():
            return False
        return current_revision(engine) == head_revision()
    except OperationalError as exc:
        raise StoreError(msg("store.cannot_open", url=engine.url, detail=exc.orig)) from None
