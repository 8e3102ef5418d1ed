"""The job runner over a real worker pool: a validation job end to end, restarts, failures."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from registry.catalog.db import open_database
from registry.catalog.models import JobStatus
from registry.catalog.releases import Release, ReleaseCatalog
from registry.config import PROJECT_ROOT, Settings
from registry.ingest.model import InputFile
from registry.jobs import JobRequest, JobStore
from registry.jobs.runner import JobRunner
from registry.validate.pool import Task, WorkerPool, validation_task
from registry.validate.report import ValidationReport
from tests.jobs.helpers import progress_then_wait, same, wait_for

EXAMPLE = PROJECT_ROOT / "examples" / "lighting" / "invalid" / "ControlCabinet-boolean-as-text.json"
FILES = [InputFile(EXAMPLE.read_bytes(), name=EXAMPLE.name, content_type="application/json")]


@pytest.fixture(scope="module")
def pool() -> Iterator[WorkerPool]:
    with WorkerPool(2, max_queue=4, default_timeout=60) as started:
        yield started


@pytest.fixture()
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data")


def _store(settings: Settings) -> JobStore:
    return JobStore(open_database(settings), settings.data_dir, retention=timedelta(hours=1))


def _runner(settings: Settings, pool: WorkerPool, catalog: ReleaseCatalog, **options: object) -> JobRunner:
    options.setdefault("concurrency", 2)
    return JobRunner(_store(settings), pool, catalog.resolve, poll_interval=0.05, **options)  # type: ignore[arg-type]


def _same_process_digest(report: ValidationReport) -> ValidationReport:
    """The report with its shapes digest left out: the digest is computed over blank-node labels that
    vary from one worker process to another."""
    return replace(report, checked_against=replace(report.checked_against, shapes_digest=None))


def test_a_job_runs_to_succeeded_and_its_report_reads_back_equal(
    settings: Settings, pool: WorkerPool, catalog: ReleaseCatalog
) -> None:
    # the same code as the job's: a report made in a worker of the same pool
    expected = pool.run_sync(validation_task(FILES, catalog.resolve("lighting")))
    assert isinstance(expected, ValidationReport)
    with _runner(settings, pool, catalog) as runner:
        job = runner.submit(JobRequest("lighting"), FILES)
        assert job.status is JobStatus.QUEUED
        done = runner.wait(job.id, timeout=60)
        assert done.status is JobStatus.SUCCEEDED, done.error
        assert done.progress == 1 and done.attempts == 1 and done.has_result
        assert _same_process_digest(runner.result(job.id)) == _same_process_digest(expected)
        assert runner.result(job.id).checked_against.shapes_digest
        assert not runner.result(job.id).valid

    restarted = _runner(settings, pool, catalog).start()
    try:
        assert restarted.status(job.id).status is JobStatus.SUCCEEDED
        assert restarted.result(job.id) == runner.result(job.id)
    finally:
        restarted.stop()


def test_an_interrupted_job_is_run_again_after_a_restart(
    settings: Settings, pool: WorkerPool, catalog: ReleaseCatalog
) -> None:
    stopped = _store(settings)
    job = stopped.create(JobRequest("lighting@1.0.0"), FILES)
    assert stopped.claim_next() is not None  # running when the process stopped
    with _runner(settings, pool, catalog) as runner:
        done = runner.wait(job.id, timeout=60)
    assert done.status is JobStatus.SUCCEEDED and done.attempts == 2


def test_a_job_interrupted_twice_is_failed_never_left_running(
    settings: Settings, pool: WorkerPool, catalog: ReleaseCatalog
) -> None:
    stopped = _store(settings)
    job = stopped.create(JobRequest("lighting"), FILES)
    stopped.claim_next()
    stopped.recover_interrupted()  # first restart ...
    stopped.claim_next()  # ... and a second interruption
    with _runner(settings, pool, catalog) as runner:
        failed = runner.status(job.id)
    assert failed.status is JobStatus.FAILED and failed.attempts == 2
    assert failed.error is not None and failed.error["status"] == 503


def test_progress_is_recorded_while_the_job_runs(
    settings: Settings, pool: WorkerPool, catalog: ReleaseCatalog, tmp_path: Path
) -> None:
    flag = tmp_path / "go"
    report = ValidationReport(results=())

    def task(files: Sequence[InputFile], release: Release, request: JobRequest) -> Task:
        return Task(progress_then_wait, (report, str(flag)))

    with _runner(settings, pool, catalog, task_factory=task) as runner:
        job = runner.submit(JobRequest("lighting"), FILES)
        deadline = time.monotonic() + 10
        while runner.status(job.id).progress < 0.5 and time.monotonic() < deadline:
            time.sleep(0.02)
        halfway = runner.status(job.id)
        assert halfway.status is JobStatus.RUNNING and halfway.progress == 0.5
        flag.touch()
        assert runner.wait(job.id, timeout=10).status is JobStatus.SUCCEEDED
        assert runner.result(job.id) == report


@pytest.mark.parametrize(
    ("task", "status", "title"),
    [
        (Task(time.sleep, (30,)), 503, "Validation took too long"),
        (Task(os._exit, (1,)), 500, "Validation worker crashed"),
        (Task(abs, (-1,)), 500, "Internal error"),
    ],
    ids=["over-time", "crash", "not-a-report"],
)
def test_a_job_that_goes_wrong_fails_with_a_problem(
    settings: Settings, pool: WorkerPool, catalog: ReleaseCatalog, task: Task, status: int, title: str
) -> None:
    runner = _runner(settings, pool, catalog, timeout=0.5, task_factory=lambda *_: task)
    with runner:
        job = runner.submit(JobRequest("lighting"), FILES)
        failed = runner.wait(job.id, timeout=20)
    assert failed.status is JobStatus.FAILED
    assert failed.error is not None and failed.error["status"] == status and failed.error["title"] == title


def test_an_unknown_standard_fails_the_job_with_not_found(
    settings: Settings, pool: WorkerPool, catalog: ReleaseCatalog
) -> None:
    with _runner(settings, pool, catalog) as runner:
        job = runner.submit(JobRequest("nowhere@9.9.9"), FILES)
        failed = runner.wait(job.id, timeout=10)
    assert failed.status is JobStatus.FAILED
    assert failed.error is not None and failed.error["status"] == 404


def test_a_job_waits_while_every_worker_is_busy(settings: Settings, catalog: ReleaseCatalog) -> None:
    report = ValidationReport(results=())
    flag = settings.data_dir.parent / "release-the-worker"
    with WorkerPool(1, max_queue=0, preload=()) as small:
        busy = small.submit(Task(wait_for, (str(flag),)))  # the only worker is held until the flag
        runner = _runner(
            settings, small, catalog, concurrency=1, task_factory=lambda *_: Task(same, (report,))
        )
        with runner:
            job = runner.submit(JobRequest("lighting"), FILES)
            time.sleep(0.3)  # time for the runner to take the job, were it (wrongly) free to
            assert runner.status(job.id).status is JobStatus.QUEUED
            flag.touch()
            done = runner.wait(job.id, timeout=30)
        assert busy.result(timeout=5) is None
    assert done.status is JobStatus.SUCCEEDED and done.attempts == 1
