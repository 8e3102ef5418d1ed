"""The catalogue's tables, as typed SQLAlchemy 2 declarative models.

One metadata object and one Alembic history (``registry/catalog/migrations``) describe every table.
Table names are plural nouns of the registry's vocabulary: ``jobs`` (revision 0001), then
``releases``, ``artifacts``, ``status_changes``, ``tokens`` and ``audit_log`` (revision 0002).
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
    ForeignKey,
    Integer,
    MetaData,
    String,
    TypeDecorator,
    UniqueConstraint,
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


class ReleaseStatus(StrEnum):
    """A release's life (DESIGN.md decision 8): ``draft → candidate → standard → deprecated → retired``."""

    DRAFT = "draft"
    CANDIDATE = "candidate"
    STANDARD = "standard"
    DEPRECATED = "deprecated"
    RETIRED = "retired"


_RELEASE_STATUSES = ", ".join(f"'{s.value}'" for s in ReleaseStatus)


class ReleaseRow(Base):
    """One published version of one standard. The unique (domain, version) pair decides concurrent
    releases of the same version: one insert wins, the others are refused."""

    __tablename__ = "releases"
    __table_args__ = (
        UniqueConstraint("domain", "version"),
        CheckConstraint(f"status IN ({_RELEASE_STATUSES})", name="status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    domain: Mapped[str] = mapped_column(String(64), index=True)
    version: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16))
    core_version: Mapped[str | None] = mapped_column(String(32))
    """The exact version of core the release imports."""
    source_digest: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by: Mapped[str] = mapped_column(String(128))


class ArtifactRow(Base):
    """One file of a release, content-addressed."""

    __tablename__ = "artifacts"
    __table_args__ = (UniqueConstraint("release_id", "name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    release_id: Mapped[int] = mapped_column(ForeignKey("releases.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(128))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    media_type: Mapped[str] = mapped_column(String(128))
    size: Mapped[int] = mapped_column(Integer)


class StatusChangeRow(Base):
    """A transition of a release's status: who, when, why (published as RDF)."""

    __tablename__ = "status_changes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    release_id: Mapped[int] = mapped_column(ForeignKey("releases.id", ondelete="CASCADE"), index=True)
    from_status: Mapped[str | None] = mapped_column(String(16))
    to_status: Mapped[str] = mapped_column(String(16))
    actor: Mapped[str] = mapped_column(String(128))
    reason: Mapped[str] = mapped_column(String(2000))
    changed_at: Mapped[datetime] = mapped_column(default=utcnow)


class TokenRole(StrEnum):
    """What a bearer token may do: an editor publishes, an admin also changes statuses and tokens."""

    EDITOR = "editor"
    ADMIN = "admin"


_ROLES = ", ".join(f"'{r.value}'" for r in TokenRole)


class TokenRow(Base):
    """A bearer token, stored as a hash only."""

    __tablename__ = "tokens"
    __table_args__ = (CheckConstraint(f"role IN ({_ROLES})", name="role"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(128))
    role: Mapped[str] = mapped_column(String(16))
    token_hash: Mapped[str] = mapped_column(String(128), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[datetime | None]


class AuditEntry(Base):
    """One write to the catalogue: who did what to which thing."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(String(128))
    action: Mapped[str] = mapped_column(String(64))
    target: Mapped[str] = mapped_column(String(256))
    detail: Mapped[dict[str, Any] | None]
