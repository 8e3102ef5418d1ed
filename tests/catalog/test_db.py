"""The catalogue database: one migration history, idempotent upgrades, SQLite settings, portable types.

Set ``SOCLE_TEST_DATABASE_URL`` to a PostgreSQL database to run the same tests there too.
"""

from __future__ import annotations

import os
import secrets
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect, select, text
from sqlalchemy.exc import IntegrityError, StatementError

from registry.catalog.db import (
    Database,
    current_revision,
    make_engine,
    open_database,
    script_heads,
    upgrade,
    upgrade_to_head,
)
from registry.catalog.models import Base, Job, JobStatus
from registry.config import Settings

BACKENDS = ["sqlite"] + (["postgresql"] if os.environ.get("SOCLE_TEST_DATABASE_URL") else [])


def worker_schema_url(url: str, prefix: str = "test") -> str:
    """The test database with a schema of this test worker's own (``<prefix>_<worker>``) first on the
    search path, so that test workers running at once never touch each other's tables."""
    schema = f"{prefix}_" + os.environ.get("PYTEST_XDIST_WORKER", "main")
    admin = make_engine(url)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{schema}"'))
    admin.dispose()
    separator = "&" if "?" in url else "?"
    return f"{url}{separator}options=-csearch_path%3D{schema}"


@pytest.fixture(params=BACKENDS)
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    if request.param == "sqlite":
        created = make_engine(f"sqlite:///{tmp_path / 'catalog.sqlite3'}")
    else:
        created = make_engine(worker_schema_url(os.environ["SOCLE_TEST_DATABASE_URL"]))
        with created.begin() as connection:
            Base.metadata.drop_all(connection)
            connection.execute(text("DROP TABLE IF EXISTS alembic_version"))
    yield created
    created.dispose()


def test_the_history_has_exactly_one_head() -> None:
    assert len(script_heads()) == 1


def test_upgrade_on_an_empty_database_works_twice(engine: Engine) -> None:
    assert current_revision(engine) is None
    upgrade(engine)
    upgrade(engine)
    assert current_revision(engine) == script_heads()[0]
    assert "jobs" in inspect(engine).get_table_names()


def test_upgrade_to_head_uses_the_settings_database(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "fresh" / "data")
    upgrade_to_head(settings)
    upgrade_to_head(settings)
    assert (tmp_path / "fresh" / "data" / "catalog.sqlite3").is_file()


def test_processes_starting_together_migrate_one_after_the_other(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'catalog.sqlite3'}"
    errors: list[BaseException] = []

    def start() -> None:
        engine = make_engine(url)
        try:
            upgrade(engine)
        except BaseException as exc:
            errors.append(exc)
        finally:
            engine.dispose()

    threads = [threading.Thread(target=start) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    engine = make_engine(url)
    assert current_revision(engine) == script_heads()[0]
    engine.dispose()


def test_models_and_migrations_agree(engine: Engine) -> None:
    upgrade(engine)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_sqlite_connections_use_wal_a_busy_timeout_and_foreign_keys(tmp_path: Path) -> None:
    database = open_database(Settings(data_dir=tmp_path))
    try:
        with database.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 1000
    finally:
        database.dispose()


def _job(**values: object) -> Job:
    return Job(id=secrets.token_urlsafe(32), request={"domain": "lighting"}, **values)


def test_timestamps_read_back_aware_in_utc(engine: Engine) -> None:
    upgrade(engine)
    database = Database(engine)
    paris = timezone(timedelta(hours=1))
    started = datetime(2026, 3, 1, 12, 30, tzinfo=paris)
    job = _job(started_at=started)
    with database.write() as session:
        session.add(job)
    with database.read() as session:
        stored = session.get(Job, job.id)
        assert stored is not None
        assert stored.started_at == started
        assert stored.started_at is not None and stored.started_at.tzinfo is not None
        assert stored.created_at.utcoffset() == timedelta(0)
        assert stored.status == JobStatus.QUEUED
        assert stored.progress == 0.0 and stored.attempts == 0


def test_naive_timestamps_are_refused(engine: Engine) -> None:
    upgrade(engine)
    database = Database(engine)
    with pytest.raises(StatementError), database.write() as session:
        session.add(_job(started_at=datetime(2026, 3, 1, 12, 30)))


def test_the_database_refuses_an_unknown_status_or_progress(engine: Engine) -> None:
    upgrade(engine)
    database = Database(engine)
    with pytest.raises(IntegrityError), database.write() as session:
        session.add(_job(status="lost"))
    with pytest.raises(IntegrityError), database.write() as session:
        session.add(_job(progress=1.5))


def test_a_write_block_that_raises_is_rolled_back(engine: Engine) -> None:
    upgrade(engine)
    database = Database(engine)
    job = _job()
    with pytest.raises(RuntimeError), database.write() as session:
        session.add(job)
        session.flush()
        raise RuntimeError("abandon")
    with database.read() as session:
        assert session.scalars(select(Job)).all() == []
    assert datetime.now(UTC) > job.created_at
