"""Asynchronous validations: job rows and files that survive a restart, and the runner that does them.

The API and the CLI see only ``JobEngine``: ``submit`` a request and its files, read a job's
``status``, read its ``result``. ``JobRunner`` (in-process, over ``JobStore`` and ``WorkerPool``) is
the default engine; a distributed job engine can implement the same three methods (DESIGN.md
decision 17). See ``docs/JOBS.md``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from registry.ingest.model import InputFile
from registry.jobs.store import JobInfo, JobRequest, JobStore, new_job_id
from registry.validate.report import ValidationReport

__all__ = ["JobEngine", "JobInfo", "JobRequest", "JobStore", "new_job_id"]


class JobEngine(Protocol):
    """What the API needs from a job engine, and nothing more."""

    def submit(self, request: JobRequest, files: Sequence[InputFile]) -> JobInfo:
        """Accept a job (its files stored, its row queued) and return at once."""
        ...

    def status(self, job_id: str) -> JobInfo:
        """The job's state; ``NotFoundError`` for an unknown identifier."""
        ...

    def result(self, job_id: str) -> ValidationReport:
        """The report of a succeeded job; ``NotFoundError`` otherwise (unknown, unfinished, expired)."""
        ...
