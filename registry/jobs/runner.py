"""The in-process job runner: a thread that takes queued jobs and runs them on the worker pool.

``JobRunner`` implements ``JobEngine`` (``submit`` / ``status`` / ``result``), the only interface the
API and CLI use, so that a distributed job engine can replace it (DESIGN.md decision 17). It assumes
it is the only runner of its catalogue: on ``start()`` every job found ``running`` was interrupted by
a restart and is recovered (re-queued once, then failed).

At most ``concurrency`` jobs run at once (by default half the pool, so that small validations on
the fast path still find a free worker). A job's progress is what its task reports through
``registry.validate.pool.report_progress``; finished results stay readable until they expire, and
``expire()`` runs every ``expire_interval`` seconds.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from functools import partial
from typing import Any

from registry.catalog.releases import Release
from registry.errors import InputError, SocleError
from registry.ingest.model import InputFile
from registry.jobs.store import JobInfo, JobRequest, JobStore
from registry.validate.pool import PoolBusyError, PoolClosedError, Task, WorkerPool, validation_task
from registry.validate.report import ValidationReport

log = logging.getLogger(__name__)

TaskFactory = Callable[[Sequence[InputFile], Release, JobRequest], Task]


def default_task(files: Sequence[InputFile], release: Release, request: JobRequest) -> Task:
    """``check_dataset`` on the job's files, with its options and engine."""
    return validation_task(files, release, options=request.options, engine_name=request.engine)


def problem_for(exc: BaseException) -> dict[str, Any]:
    """An RFC 9457 problem for a failed job (never a raw exception text for unexpected errors)."""
    if isinstance(exc, SocleError):
        problem: dict[str, Any] = {
            "type": "about:blank",
            "title": exc.title,
            "status": exc.status,
            "detail": exc.detail,
        }
        if exc.hint:
            problem["hint"] = exc.hint
        if isinstance(exc, InputError):
            problem.update({k: v for k, v in (("line", exc.line), ("column", exc.column)) if v is not None})
        return problem
    return {
        "type": "about:blank",
        "title": "Internal error",
        "status": 500,
        "detail": "The validation failed unexpectedly.",
    }


class JobRunner:
    """Runs a ``JobStore``'s queued jobs on a ``WorkerPool`` from one background thread."""

    def __init__(
        self,
        store: JobStore,
        pool: WorkerPool,
        resolve: Callable[[str], Release],
        *,
        concurrency: int | None = None,
        timeout: float | None = None,
        task_factory: TaskFactory = default_task,
        poll_interval: float = 1.0,
        expire_interval: float = 300.0,
    ) -> None:
        self.store = store
        self.pool = pool
        self.resolve = resolve
        self.concurrency = concurrency if concurrency is not None else max(1, pool.size // 2)
        self.timeout = timeout
        self.task_factory = task_factory
        self.poll_interval = poll_interval
        self.expire_interval = expire_interval
        self._slots = threading.BoundedSemaphore(self.concurrency)
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self._running: dict[str, Future[Any]] = {}
        self._lock = threading.Lock()
        self._idle = threading.Condition(self._lock)
        self._last_expiry = 0.0

    # the narrow interface (JobEngine)

    def submit(self, request: JobRequest, files: Sequence[InputFile]) -> JobInfo:
        """Store the files and queue the job; returns at once."""
        info = self.store.create(request, files)
        self._wake.set()
        return info

    def status(self, job_id: str) -> JobInfo:
        return self.store.get(job_id)

    def result(self, job_id: str) -> ValidationReport:
        return self.store.result(job_id)

    # life cycle

    def start(self) -> JobRunner:
        """Recover interrupted jobs, then start taking queued ones."""
        if self._thread is not None:
            return self
        requeued, failed = self.store.recover_interrupted()
        if requeued or failed:
            log.warning("after a restart: %d job(s) re-queued, %d failed", len(requeued), len(failed))
        self._stopping.clear()
        self._thread = threading.Thread(target=self._loop, name="socle-jobs", daemon=True)
        self._thread.start()
        return self

    def stop(self, *, wait: bool = True, timeout: float | None = None) -> None:
        """Stop taking jobs; with ``wait``, let the running ones finish (up to ``timeout``).

        Jobs still running when the process ends are recovered by the next ``start()``.
        """
        self._stopping.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        if wait:
            with self._idle:
                self._idle.wait_for(lambda: not self._running, timeout=timeout)

    def __enter__(self) -> JobRunner:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    def wait(self, job_id: str, timeout: float) -> JobInfo:
        """Poll until the job is finished or ``timeout`` passes; returns its last state."""
        deadline = time.monotonic() + timeout
        while True:
            info = self.store.get(job_id)
            if info.finished or time.monotonic() >= deadline:
                return info
            time.sleep(0.05)

    # the loop

    def _loop(self) -> None:
        while not self._stopping.is_set():
            self._maybe_expire()
            if not self._slots.acquire(timeout=self.poll_interval):
                continue
            if self._stopping.is_set():
                self._slots.release()
                break
            self._wake.clear()
            try:
                job = self.store.claim_next()
            except Exception:
                log.exception("could not read the job queue")
                job = None
            if job is None:
                self._slots.release()
                self._wake.wait(self.poll_interval)
                continue
            self._launch(job)

    def _maybe_expire(self) -> None:
        if time.monotonic() - self._last_expiry < self.expire_interval:
            return
        self._last_expiry = time.monotonic()
        try:
            expired = self.store.expire()
        except Exception:
            log.exception("could not expire old jobs")
            return
        if expired:
            log.info("%d job result(s) expired", len(expired))

    def _launch(self, job: JobInfo) -> None:
        try:
            request = JobRequest.from_json(job.request)
            release = self.resolve(request.domain)
            task = self.task_factory(self.store.input_files(job.id), release, request)
            future = self.pool.submit(task, timeout=self.timeout, on_progress=partial(self._progress, job.id))
        except (PoolBusyError, PoolClosedError):  # no worker now: the job waits (or the next start runs it)
            self.store.requeue(job.id)
            self._slots.release()
            self._stopping.wait(self.poll_interval)
            return
        except Exception as exc:
            self._finish_failed(job.id, exc)
            self._slots.release()
            return
        with self._lock:
            self._running[job.id] = future
        future.add_done_callback(partial(self._done, job.id))

    def _progress(self, job_id: str, fraction: float) -> None:
        try:
            self.store.set_progress(job_id, fraction)
        except Exception:
            log.exception("could not record the progress of a job")

    def _done(self, job_id: str, future: Future[Any]) -> None:
        try:
            exc = future.exception()
            if isinstance(exc, PoolClosedError):
                return  # shutting down: the next start recovers the job
            if exc is not None:
                self._finish_failed(job_id, exc)
                return
            report = future.result()
            if not isinstance(report, ValidationReport):
                raise TypeError(f"a job's task returned {type(report).__name__}, not a ValidationReport")
            self.store.mark_succeeded(job_id, report)
        except Exception as error:
            log.exception("could not record the end of a job")
            try:
                self._finish_failed(job_id, error)
            except Exception:
                log.exception("could not record the failure of a job")
        finally:
            with self._lock:
                self._running.pop(job_id, None)
                self._idle.notify_all()
            self._slots.release()
            self._wake.set()

    def _finish_failed(self, job_id: str, exc: BaseException) -> None:
        if not isinstance(exc, SocleError):
            log.error("job failed unexpectedly", exc_info=exc)
        self.store.mark_failed(job_id, problem_for(exc))
