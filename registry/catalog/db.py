"""The catalogue database: engine, sessions and migrations (DESIGN.md decision 9).

``open_database(settings)`` is what start-up calls: it builds the engine from
``settings.effective_database_url`` (SQLite in the data directory unless ``SOCLE_DATABASE_URL`` names
PostgreSQL), migrates the schema to the single Alembic head and returns a ``Database``.

SQLite connections get ``journal_mode=WAL`` (readers never block the writer), a ``busy_timeout``
(writers wait for each other instead of failing) and ``foreign_keys=ON``. The pysqlite driver's own
transaction handling is turned off so that SQLAlchemy emits ``BEGIN`` itself: ``Database.write()``
opens ``BEGIN IMMEDIATE`` there, taking the write lock at the start of the transaction, so that a
transaction that reads then writes waits for another writer instead of failing with "database is
locked". Nothing else here is specific to a backend.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from registry.config import Settings

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
SQLITE_BUSY_TIMEOUT_MS = 10_000
_IMMEDIATE = "socle_sqlite_immediate"


def make_engine(url: str, *, echo: bool = False) -> Engine:
    """An engine for ``url``; SQLite gets WAL, a busy timeout and foreign keys on every connection."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, echo=echo, pool_pre_ping=True)
    database = parsed.database
    if database and database != ":memory:" and not database.startswith("file:"):
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, echo=echo)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # SQLAlchemy emits BEGIN itself (below)
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.execute("PRAGMA synchronous = NORMAL")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        immediate = connection.get_execution_options().get(_IMMEDIATE, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


class Database:
    """An engine and its session factories.

    ``read()`` gives a session for queries; ``write()`` a session inside one transaction, committed
    when the block ends and rolled back if it raises.
    """

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = sessionmaker(bind=engine, expire_on_commit=False)
        self._writers = sessionmaker(
            bind=engine.execution_options(**{_IMMEDIATE: True}), expire_on_commit=False
        )

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading (and for writes that need no read-then-write guarantee)."""
        with self._sessions() as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A session in one transaction that holds the write lock from its start (on SQLite)."""
        with self._writers() as session, session.begin():
            yield session

    def dispose(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()


def alembic_config(url: str | None = None) -> Config:
    """Alembic's configuration for the catalogue's one history (no ``alembic.ini`` needed)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("path_separator", "os")
    if url is not None:
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def script_heads() -> tuple[str, ...]:
    """The heads of the migration history (exactly one, or the history is broken)."""
    return tuple(ScriptDirectory.from_config(alembic_config()).get_heads())


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at (``None`` before the first migration)."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Migrate the database behind ``engine`` to ``revision`` (a no-op when it is already there)."""
    config = alembic_config(engine.url.render_as_string(hide_password=False))
    # On SQLite the write lock is taken first, so that processes starting together migrate one
    # after the other (the second finds the schema at head) instead of failing half-way.
    with engine.execution_options(**{_IMMEDIATE: True}).begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def upgrade_to_head(settings: Settings) -> None:
    """Create or migrate the catalogue named by ``settings`` (what start-up runs)."""
    engine = make_engine(settings.effective_database_url)
    try:
        upgrade(engine)
    finally:
        engine.dispose()


def open_database(settings: Settings, *, migrate: bool = True) -> Database:
    """The catalogue named by ``settings``, migrated to the head revision unless ``migrate=False``."""
    engine = make_engine(settings.effective_database_url)
    if migrate:
        upgrade(engine)
    return Database(engine)
