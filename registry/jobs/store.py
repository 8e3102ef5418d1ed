"""Job rows in the catalogue and job files in ``data_dir/jobs/<id>/``, so that a restart finds them.

A job's directory holds its input files (``input/<n>``, never named after the uploaded name) until it
finishes, then its report (``report.json``) until it expires. Files are written to a temporary name
and renamed; a job's directory is complete before its row exists. Every state change is one
conditional update (``WHERE status = …``): a stale runner cannot overwrite a job that recovery
already re-queued or failed.

``queued → running → succeeded | failed → expired``. ``recover_interrupted()`` (start-up) puts jobs
found ``running`` back in the queue once, and fails them when they were interrupted again.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from registry.catalog.db import Database, open_database
from registry.catalog.models import Job, JobStatus, utcnow
from registry.config import Settings
from registry.errors import NotFoundError
from registry.ingest.model import IngestOptions, InputFile, InputFormat
from registry.jobs import serialise
from registry.validate.report import ValidationReport

DEFAULT_RETENTION = timedelta(days=7)
"""How long a finished job's result stays readable."""

MAX_ATTEMPTS = 2
"""A job interrupted this many times (by restarts) is failed instead of being run again."""

_JOB_ID = re.compile(r"^[A-Za-z0-9_-]{43}$")
_ORPHAN_AGE_S = 3600.0


def new_job_id() -> str:
    """An unguessable identifier: 256 random bits, URL-safe (43 characters)."""
    return secrets.token_urlsafe(32)


@dataclass(frozen=True)
class JobRequest:
    """What a job checks: a standard reference (``lighting`` or ``lighting@1.0.0``) and how to read."""

    domain: str
    options: IngestOptions = field(default_factory=IngestOptions)
    engine: str | None = None

    def to_json(self) -> dict[str, Any]:
        options = self.options
        return {
            "domain": self.domain,
            "options": {
                "format": options.format.value if options.format is not None else None,
                "class_name": options.class_name,
                "base": options.base,
                "sheet": options.sheet,
            },
            "engine": self.engine,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> JobRequest:
        options = dict(data.get("options") or {})
        if options.get("format") is not None:
            options["format"] = InputFormat(options["format"])
        known = {"format", "class_name", "base", "sheet"}
        return cls(
            domain=data["domain"],
            options=IngestOptions(**{k: v for k, v in options.items() if k in known}),
            engine=data.get("engine"),
        )


@dataclass(frozen=True)
class JobInfo:
    """A job as clients see it (a snapshot; never the database row itself)."""

    id: str
    status: JobStatus
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    expires_at: datetime | None
    progress: float
    request: dict[str, Any]
    error: dict[str, Any] | None
    attempts: int
    has_result: bool

    @property
    def finished(self) -> bool:
        return self.status.finished

    @classmethod
    def of(cls, job: Job) -> JobInfo:
        return cls(
            id=job.id,
            status=JobStatus(job.status),
            created_at=job.created_at,
            started_at=job.started_at,
            finished_at=job.finished_at,
            expires_at=job.expires_at,
            progress=job.progress,
            request=dict(job.request),
            error=dict(job.error) if job.error is not None else None,
            attempts=job.attempts,
            has_result=job.result_location is not None,
        )


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _unknown() -> NotFoundError:
    return NotFoundError("No job has this identifier, or its result has expired.")


class JobStore:
    """Jobs of one catalogue and one data directory."""

    def __init__(
        self,
        database: Database,
        data_dir: Path,
        *,
        retention: timedelta = DEFAULT_RETENTION,
        max_attempts: int = MAX_ATTEMPTS,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.database = database
        self.data_dir = data_dir
        self.jobs_dir = data_dir / "jobs"
        self.retention = retention
        self.max_attempts = max_attempts
        self.clock = clock

    @classmethod
    def open(cls, settings: Settings, **options: Any) -> JobStore:
        """The store of ``settings``' catalogue (migrated) and data directory."""
        return cls(open_database(settings), settings.data_dir, **options)

    def _directory(self, job_id: str) -> Path:
        if not _JOB_ID.match(job_id):
            raise _unknown()
        return self.jobs_dir / job_id

    # creating and reading

    def create(self, request: JobRequest, files: Sequence[InputFile]) -> JobInfo:
        """Store ``files`` and queue a job for them."""
        job_id = new_job_id()
        final = self._directory(job_id)
        self.jobs_dir.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(dir=self.jobs_dir, prefix=".new-"))
        described: list[dict[str, Any]] = []
        try:
            for index, file in enumerate(files):
                stored = f"input/{index}"
                _write_atomically(staging / stored, file.data)
                described.append(
                    {
                        "name": file.name,
                        "size": len(file.data),
                        "content_type": file.content_type,
                        "stored": stored,
                    }
                )
            os.replace(staging, final)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        job = Job(
            id=job_id,
            status=JobStatus.QUEUED.value,
            created_at=self.clock(),
            progress=0.0,
            attempts=0,
            request={**request.to_json(), "files": described},
        )
        try:
            with self.database.write() as session:
                session.add(job)
        except BaseException:
            shutil.rmtree(final, ignore_errors=True)
            raise
        return JobInfo.of(job)

    def get(self, job_id: str) -> JobInfo:
        """The job, or ``NotFoundError``."""
        self._directory(job_id)
        with self.database.read() as session:
            job = session.get(Job, job_id)
            if job is None:
                raise _unknown()
            return JobInfo.of(job)

    def list_jobs(self, *, status: JobStatus | None = None, limit: int = 100) -> list[JobInfo]:
        """Jobs, newest first (for operators: clients only ever read a job by its identifier)."""
        query = select(Job).order_by(Job.created_at.desc()).limit(limit)
        if status is not None:
            query = query.where(Job.status == status.value)
        with self.database.read() as session:
            return [JobInfo.of(job) for job in session.scalars(query)]

    def request(self, job_id: str) -> JobRequest:
        return JobRequest.from_json(self.get(job_id).request)

    def input_files(self, job_id: str) -> list[InputFile]:
        """The files the job was created with (until it finishes)."""
        directory = self._directory(job_id)
        info = self.get(job_id)
        return [
            InputFile(
                data=(directory / item["stored"]).read_bytes(),
                name=item.get("name"),
                content_type=item.get("content_type"),
            )
            for item in info.request.get("files", [])
        ]

    def result(self, job_id: str) -> ValidationReport:
        """The report of a succeeded job; ``NotFoundError`` for any other job."""
        info = self.get(job_id)
        if info.status is not JobStatus.SUCCEEDED or not info.has_result:
            raise NotFoundError(
                f"This job has no result ({info.status.value}).",
                hint="Ask for the job's status: a result exists once it has succeeded, until it expires.",
            )
        return serialise.loads((self._directory(job_id) / "report.json").read_bytes())

    # state changes

    def _change(self, session: Session, job_id: str, expected: Sequence[JobStatus], **values: Any) -> bool:
        statement = (
            update(Job)
            .where(Job.id == job_id, Job.status.in_([s.value for s in expected]))
            .values(**values)
            .execution_options(synchronize_session=False)
        )
        return bool(session.execute(statement).rowcount)  # type: ignore[attr-defined]

    def claim_next(self) -> JobInfo | None:
        """Take the oldest queued job: it becomes ``running`` and its attempt is counted."""
        with self.database.write() as session:
            job = session.scalars(
                select(Job)
                .where(Job.status == JobStatus.QUEUED.value)
                .order_by(Job.created_at)
                .limit(1)
                .with_for_update(skip_locked=True)
            ).first()
            if job is None:
                return None
            job.status = JobStatus.RUNNING.value
            job.attempts += 1
            job.started_at = self.clock()
            job.progress = 0.0
            session.flush()
            return JobInfo.of(job)

    def requeue(self, job_id: str) -> None:
        """Put a claimed job back in the queue without counting the attempt (no worker was free)."""
        with self.database.write() as session:
            self._change(
                session,
                job_id,
                [JobStatus.RUNNING],
                status=JobStatus.QUEUED.value,
                attempts=Job.attempts - 1,
                started_at=None,
            )

    def set_progress(self, job_id: str, fraction: float) -> None:
        with self.database.write() as session:
            self._change(session, job_id, [JobStatus.RUNNING], progress=min(1.0, max(0.0, fraction)))

    def mark_succeeded(self, job_id: str, report: ValidationReport) -> JobInfo:
        """Store the report and finish the job (ignored if the job is no longer running)."""
        directory = self._directory(job_id)
        _write_atomically(directory / "report.json", serialise.dumps(report))
        now = self.clock()
        with self.database.write() as session:
            changed = self._change(
                session,
                job_id,
                [JobStatus.RUNNING],
                status=JobStatus.SUCCEEDED.value,
                progress=1.0,
                finished_at=now,
                expires_at=now + self.retention,
                result_location=str((directory / "report.json").relative_to(self.data_dir)),
                error=None,
            )
        if changed:
            shutil.rmtree(directory / "input", ignore_errors=True)
        else:
            (directory / "report.json").unlink(missing_ok=True)
        return self.get(job_id)

    def mark_failed(self, job_id: str, problem: Mapping[str, Any]) -> JobInfo:
        """Finish the job with an RFC 9457 problem (a queued or running job)."""
        now = self.clock()
        with self.database.write() as session:
            changed = self._change(
                session,
                job_id,
                [JobStatus.QUEUED, JobStatus.RUNNING],
                status=JobStatus.FAILED.value,
                finished_at=now,
                expires_at=now + self.retention,
                error=dict(problem),
            )
        if changed:
            shutil.rmtree(self._directory(job_id) / "input", ignore_errors=True)
        return self.get(job_id)

    def recover_interrupted(self) -> tuple[list[str], list[str]]:
        """Jobs left ``running`` by a stopped process: re-queued once, failed after that.

        Returns the re-queued and the failed identifiers. Call it when no runner of this catalogue
        is working (start-up).
        """
        requeued: list[str] = []
        failed: list[str] = []
        now = self.clock()
        with self.database.write() as session:
            for job in session.scalars(select(Job).where(Job.status == JobStatus.RUNNING.value)):
                if job.attempts < self.max_attempts:
                    job.status = JobStatus.QUEUED.value
                    job.progress = 0.0
                    job.started_at = None
                    requeued.append(job.id)
                else:
                    job.status = JobStatus.FAILED.value
                    job.finished_at = now
                    job.expires_at = now + self.retention
                    job.error = {
                        "type": "about:blank",
                        "title": "Validation interrupted",
                        "status": 503,
                        "detail": f"The service restarted during this validation {job.attempts} times.",
                        "hint": "Send the dataset again; if it happens again, split it.",
                    }
                    failed.append(job.id)
        for job_id in failed:
            shutil.rmtree(self._directory(job_id) / "input", ignore_errors=True)
        return requeued, failed

    def expire(self, now: datetime | None = None) -> list[str]:
        """Delete the files of finished jobs past their expiry and mark them ``expired``."""
        now = now or self.clock()
        with self.database.write() as session:
            expired = list(
                session.scalars(
                    select(Job.id).where(
                        Job.status.in_([JobStatus.SUCCEEDED.value, JobStatus.FAILED.value]),
                        Job.expires_at <= now,
                    )
                )
            )
            for job_id in expired:
                self._change(
                    session,
                    job_id,
                    [JobStatus.SUCCEEDED, JobStatus.FAILED],
                    status=JobStatus.EXPIRED.value,
                    result_location=None,
                )
        for job_id in expired:
            shutil.rmtree(self._directory(job_id), ignore_errors=True)
        self._sweep_orphans()
        return expired

    def _sweep_orphans(self) -> None:
        """Remove directories left by a crash between writing files and recording the job."""
        if not self.jobs_dir.is_dir():
            return
        limit = time.time() - _ORPHAN_AGE_S
        candidates = [p for p in self.jobs_dir.iterdir() if p.is_dir() and p.stat().st_mtime < limit]
        if not candidates:
            return
        with self.database.read() as session:
            names = [p.name for p in candidates if _JOB_ID.match(p.name)]
            known = set(session.scalars(select(Job.id).where(Job.id.in_(names)))) if names else set()
        for path in candidates:
            if path.name not in known:
                shutil.rmtree(path, ignore_errors=True)
