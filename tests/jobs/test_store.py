"""Job rows and files: creation, unguessable identifiers, restarts, expiry."""

from __future__ import annotations

import math
import os
import string
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from registry.catalog.db import open_database
from registry.catalog.models import JobStatus
from registry.config import Settings
from registry.errors import NotFoundError
from registry.ingest.model import IngestOptions, InputFile, InputFormat
from registry.jobs import JobRequest, JobStore, new_job_id
from registry.validate.report import ValidationReport

REPORT = ValidationReport(results=())
REQUEST = JobRequest("lighting@1.0.0", IngestOptions(format=InputFormat.CSV, class_name="Streetlight"))
FILES = [InputFile(b"identifier;power\nVLB-1;12\n", name="../../lampadaires.csv", content_type="text/csv")]


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 5, 1, 8, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture()
def clock() -> Clock:
    return Clock()


@pytest.fixture()
def data_settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data")


@pytest.fixture()
def store(data_settings: Settings, clock: Clock) -> Iterator[JobStore]:
    opened = JobStore.open(data_settings, clock=clock, retention=timedelta(hours=1))
    yield opened
    opened.database.dispose()


def reopen(settings: Settings, clock: Clock) -> JobStore:
    """The store a restarted process would open over the same data directory."""
    return JobStore(open_database(settings), settings.data_dir, clock=clock, retention=timedelta(hours=1))


def test_a_job_is_created_with_its_files_in_the_data_directory(store: JobStore) -> None:
    job = store.create(REQUEST, FILES)
    assert job.status is JobStatus.QUEUED and job.attempts == 0 and job.progress == 0
    directory = store.jobs_dir / job.id
    assert (directory / "input" / "0").read_bytes() == FILES[0].data
    assert [p.name for p in store.jobs_dir.iterdir()] == [job.id]  # nothing temporary left
    assert not list(directory.rglob(".tmp-*"))
    assert job.request["files"] == [
        {"name": "../../lampadaires.csv", "size": len(FILES[0].data), "content_type": "text/csv",
         "stored": "input/0"}
    ]  # fmt: skip
    assert store.request(job.id) == REQUEST
    assert store.input_files(job.id) == FILES


def test_job_identifiers_are_unguessable_and_not_enumerable(store: JobStore) -> None:
    ids = [new_job_id() for _ in range(2000)]
    assert len(set(ids)) == len(ids)
    alphabet = set(string.ascii_letters + string.digits + "-_")
    assert all(len(i) == 43 and set(i) <= alphabet for i in ids)
    counts = Counter("".join(ids))
    total = sum(counts.values())
    entropy = -sum(n / total * math.log2(n / total) for n in counts.values())
    assert entropy > 5.9  # close to log2(64) = 6 bits per character: 256 random bits per identifier
    first, second = store.create(REQUEST, FILES), store.create(REQUEST, FILES)
    shared = next((i for i, (a, b) in enumerate(zip(first.id, second.id, strict=True)) if a != b), 43)
    assert shared < 4  # consecutive jobs share no prefix: nothing to count up from
    for probe in ["1", "2", "0" * 43, first.id[:-1], first.id + "A", "../" + first.id, ".", ""]:
        with pytest.raises(NotFoundError):
            store.get(probe)


def test_a_job_runs_to_success_and_its_result_survives_a_restart(
    store: JobStore, data_settings: Settings, clock: Clock
) -> None:
    job = store.create(REQUEST, FILES)
    claimed = store.claim_next()
    assert claimed is not None and claimed.id == job.id and claimed.status is JobStatus.RUNNING
    assert claimed.attempts == 1 and claimed.started_at == clock.now
    assert store.claim_next() is None
    store.set_progress(job.id, 0.4)
    assert store.get(job.id).progress == 0.4
    done = store.mark_succeeded(job.id, REPORT)
    assert done.status is JobStatus.SUCCEEDED and done.progress == 1 and done.has_result
    assert done.expires_at == clock.now + timedelta(hours=1)
    assert not (store.jobs_dir / job.id / "input").exists()

    restarted = reopen(data_settings, clock)
    assert restarted.recover_interrupted() == ([], [])
    assert restarted.get(job.id).status is JobStatus.SUCCEEDED
    assert restarted.result(job.id) == REPORT


def test_an_interrupted_job_is_requeued_once_then_failed(
    store: JobStore, data_settings: Settings, clock: Clock
) -> None:
    job = store.create(REQUEST, FILES)
    assert store.claim_next() is not None  # the process stops here

    first_restart = reopen(data_settings, clock)
    assert first_restart.recover_interrupted() == ([job.id], [])
    again = first_restart.get(job.id)
    assert again.status is JobStatus.QUEUED and again.attempts == 1
    assert first_restart.input_files(job.id) == FILES
    claimed = first_restart.claim_next()
    assert claimed is not None and claimed.attempts == 2  # and the process stops again

    second_restart = reopen(data_settings, clock)
    assert second_restart.recover_interrupted() == ([], [job.id])
    failed = second_restart.get(job.id)
    assert failed.status is JobStatus.FAILED and failed.finished_at == clock.now
    assert failed.error is not None and failed.error["title"] == "Validation interrupted"
    assert second_restart.list_jobs(status=JobStatus.RUNNING) == []
    # a runner of the stopped process that finishes late cannot revive the job
    assert first_restart.mark_succeeded(job.id, REPORT).status is JobStatus.FAILED
    with pytest.raises(NotFoundError):
        second_restart.result(job.id)


def test_a_failed_job_keeps_its_problem(store: JobStore) -> None:
    job = store.create(REQUEST, FILES)
    problem = {"type": "about:blank", "title": "Input cannot be read", "status": 422, "detail": "row 3"}
    failed = store.mark_failed(job.id, problem)
    assert failed.status is JobStatus.FAILED and failed.error == problem and not failed.has_result
    assert store.claim_next() is None


def test_results_past_their_retention_are_deleted(store: JobStore, clock: Clock) -> None:
    old = store.create(REQUEST, FILES)
    store.claim_next()
    store.mark_succeeded(old.id, REPORT)
    clock.now += timedelta(minutes=30)
    recent = store.create(REQUEST, FILES)
    store.claim_next()
    store.mark_succeeded(recent.id, REPORT)
    waiting = store.create(REQUEST, FILES)

    assert store.expire() == []
    clock.now += timedelta(minutes=31)
    assert store.expire() == [old.id]
    expired = store.get(old.id)
    assert expired.status is JobStatus.EXPIRED and not expired.has_result
    assert not (store.jobs_dir / old.id).exists()
    with pytest.raises(NotFoundError):
        store.result(old.id)
    assert store.result(recent.id) == REPORT
    assert store.get(waiting.id).status is JobStatus.QUEUED
    assert store.expire(clock.now + timedelta(days=1)) == [recent.id]
    assert sorted(p.name for p in store.jobs_dir.iterdir()) == [waiting.id]


def test_a_stray_directory_is_swept(store: JobStore, clock: Clock) -> None:
    store.create(REQUEST, FILES)
    stray = store.jobs_dir / new_job_id()
    (stray / "input").mkdir(parents=True)
    os.utime(stray, (0, 0))
    store.expire()
    assert not stray.exists()
    assert len(list(store.jobs_dir.iterdir())) == 1
