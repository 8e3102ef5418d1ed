"""The catalogue's tables, as typed SQLAlchemy 2 declarative models.

One metadata object and one Alembic history (``registry/catalog/migrations``) describe every table.
Table names are plural nouns of the registry's vocabulary: ``jobs`` here; the registry adds
``releases``, ``artifacts``, ``status_changes``, ``tokens`` and ``audit_log`` in later revisions.
Constraint names follow ``NAMING_CONVENTION`` so that migrations can alter them on every backend
(SQLite's batch mode needs named constraints).

Columns are portable (no backend-specific types): timestamps are stored in UTC and always read back
time-zone aware, JSON documents use the generic ``JSON`` type (``JSONB`` on PostgreSQL is a later
optimisation, not a contract).
"""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    DateTime,
    Dialect,
    Float,
    Integer,
    MetaData,
    String,
    TypeDecorator,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """A ``TIMESTAMP WITH TIME ZONE`` that refuses naive values and always reads back aware UTC.

    SQLite keeps no offset: values are normalised to UTC before they are written, and the offset is
    put back when they are read.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("the catalogue stores time-zone aware datetimes only")
        utc = value.astimezone(UTC)
        return utc.replace(tzinfo=None) if dialect.name == "sqlite" else utc

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def utcnow() -> datetime:
    """The current time, aware, in UTC."""
    return datetime.now(UTC)


class Base(DeclarativeBase):
    """Base of every catalogue table."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {  # noqa: RUF012  (SQLAlchemy reads it as a class attribute)
        datetime: UTCDateTime(),
        dict[str, Any]: JSON(),
    }


class JobStatus(StrEnum):
    """A job's life: ``queued → running → succeeded | failed``; a finished job later ``expired``."""

    QUEUED = "queued"
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    EXPIRED = "expired"

    @property
    def finished(self) -> bool:
        return self in (JobStatus.SUCCEEDED, JobStatus.FAILED, JobStatus.EXPIRED)


_STATUSES = ", ".join(f"'{s.value}'" for s in JobStatus)


class Job(Base):
    """One asynchronous validation: its request, its progress, where its result is, or why it failed.

    ``id`` is an unguessable token (``secrets.token_urlsafe(32)``): it is the capability that lets a
    client read the job, so jobs are never listed to clients nor numbered.
    """

    __tablename__ = "jobs"
    __table_args__ = (
        CheckConstraint(f"status IN ({_STATUSES})", name="status"),
        CheckConstraint("progress >= 0 AND progress <= 1", name="progress"),
        CheckConstraint("attempts >= 0", name="attempts"),
    )

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    status: Mapped[str] = mapped_column(String(16), index=True, default=JobStatus.QUEUED.value)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    started_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]
    expires_at: Mapped[datetime | None] = mapped_column(index=True)
    progress: Mapped[float] = mapped_column(Float, default=0.0)
    request: Mapped[dict[str, Any]]
    """What was asked: domain reference, ingestion options, engine, file names and sizes."""
    result_location: Mapped[str | None] = mapped_column(String(512))
    """The report's file, relative to the data directory."""
    error: Mapped[dict[str, Any] | None]
    """An RFC 9457 problem (``title``, ``status``, ``detail``, …) when the job failed."""
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    """How many times a worker started the job (a restart re-queues a running job once)."""

    def __repr__(self) -> str:
        return f"Job(id={self.id[:6]}…, status={self.status!r}, attempts={self.attempts})"
