"""A bounded pool of warm worker processes that run validations under a hard time limit.

Validation is CPU work on strangers' input: Python's ``re`` and native parsers cannot be interrupted
from a thread, and deep nesting can crash a native parser (``SECURITY.md``). So every task runs in a
separate worker process, never in the API process (DESIGN.md decision 14):

- ``size`` workers are started once and stay warm: they import the registry (``preload``) and may run
  a ``warm`` task first (``preload_releases`` parses releases' models and shapes).
- a task over its time limit has its worker killed (``SIGKILL``) and replaced; the caller gets
  ``ValidationTimeoutError``. A worker that dies (segfault, ``os._exit``, the kernel's OOM killer)
  gives its caller ``WorkerCrashedError`` and is replaced; the other workers keep serving.
- at most ``size`` tasks run and ``max_queue`` wait; ``submit`` refuses more with ``PoolBusyError``
  (the API answers 503). An optional ``memory_limit_bytes`` caps each worker's address space
  (``RLIMIT_AS``): an allocation over it raises ``MemoryError`` in the task, and that worker is
  replaced after answering.
- a task's own exception (``InputError``…) is raised again in the caller, with the worker's traceback
  as a note.

Tasks are ``Task`` values (a picklable top-level callable and its arguments); ``validation_task``
builds the one that runs ``check_dataset``. Workers are started with ``forkserver`` (new workers fork
from a server that has already imported the registry, so replacing one is fast) or ``spawn``; never
``fork``, since the API process has threads. ``run`` awaits a result from asyncio, ``run_sync``
blocks, ``submit`` returns a ``concurrent.futures.Future``. Each worker is driven by one thread of
the calling process that waits on its pipe, so nothing blocks an event loop.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import multiprocessing
import os
import signal
import threading
import time
import traceback
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.context import ForkServerContext, SpawnContext
from multiprocessing.process import BaseProcess
from typing import TYPE_CHECKING, Any, Literal

from registry.errors import SocleError, ValidationTimeoutError

if TYPE_CHECKING:
    from registry.catalog.releases import Release
    from registry.ingest.model import IngestOptions, InputFile

__all__ = [
    "PoolBusyError",
    "PoolClosedError",
    "Task",
    "TaskFailedError",
    "WorkerCrashedError",
    "WorkerPool",
    "preload_releases",
    "report_progress",
    "validation_task",
]

log = logging.getLogger(__name__)

StartMethod = Literal["forkserver", "spawn"]
ProgressCallback = Callable[[float], None]

DEFAULT_PRELOAD: tuple[str, ...] = ("registry.validate.dataset",)
"""Modules every worker imports before it says it is ready."""


class PoolBusyError(SocleError):
    """Every worker is busy and the waiting line is full (HTTP 503, with ``Retry-After``)."""

    status = 503
    title = "Validation service busy"


class PoolClosedError(SocleError):
    """The pool is shutting down or was never started."""

    status = 503
    title = "Validation service unavailable"


class WorkerCrashedError(SocleError):
    """The worker running a task died (a native crash, ``os._exit``, killed for memory)."""

    status = 500
    title = "Validation worker crashed"


class TaskFailedError(SocleError):
    """A task failed with an error that cannot be carried back as itself (unpicklable, ``SystemExit``)."""

    status = 500
    title = "Validation failed"


@dataclass(frozen=True, eq=False)
class Task:
    """One unit of work for a worker: a picklable top-level callable and its arguments."""

    fn: Callable[..., Any]
    args: tuple[Any, ...] = ()
    kwargs: Mapping[str, Any] = field(default_factory=dict)
    label: str = ""
    """A short name for logs (never the input's content)."""

    def __call__(self) -> Any:
        return self.fn(*self.args, **self.kwargs)


def validation_task(
    files: Sequence[InputFile],
    release: Release,
    *,
    options: IngestOptions | None = None,
    engine_name: str | None = None,
) -> Task:
    """The task that checks ``files`` against ``release`` with ``check_dataset`` in a worker."""
    from registry.ingest.model import IngestOptions
    from registry.validate.dataset import check_dataset

    kwargs: dict[str, Any] = {"options": options or IngestOptions()}
    if engine_name is not None:
        kwargs["engine_name"] = engine_name
    return Task(check_dataset, (list(files), release), kwargs, label=f"validate {release.ref}")


def preload_releases(releases: Sequence[Release]) -> None:
    """Parse each release's model and shapes, and index the shapes' names for messages, into the
    worker's caches (a ``warm`` task)."""
    from registry.validate.dataset import release_explainer, release_schema, release_shapes

    for release in releases:
        release_schema(release)
        release_shapes(release)
        release_explainer(release)


# --- inside a worker ---------------------------------------------------------------------------

_worker_connection: Connection | None = None
_last_progress = (-1.0, 0.0)  # (fraction, monotonic time) last sent by this worker


def report_progress(fraction: float) -> None:
    """Tell the caller how far the running task is (0–1); does nothing outside a worker.

    Cheap enough to call per record: a value is sent when it moved by 1 % or after half a second.
    """
    global _last_progress
    if _worker_connection is None:
        return
    value, now = min(1.0, max(0.0, float(fraction))), time.monotonic()
    last_value, last_time = _last_progress
    if value - last_value >= 0.01 or now - last_time >= 0.5 or (value >= 1.0 > last_value):
        _last_progress = (value, now)
        _worker_connection.send(("progress", value))


def _portable_error(exc: BaseException) -> BaseException:
    if not isinstance(exc, Exception):
        return TaskFailedError(f"The task stopped with {type(exc).__name__}: {exc}")
    return exc


def _worker_main(
    connection: Connection, preload: tuple[str, ...], warm: Task | None, memory_limit_bytes: int | None
) -> None:
    """A worker's life: cap memory, import, warm up, say ready, then run tasks until told to stop."""
    global _last_progress, _worker_connection
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    if memory_limit_bytes is not None:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (memory_limit_bytes, memory_limit_bytes))
    try:
        import importlib

        for module in preload:
            importlib.import_module(module)
        if warm is not None:
            warm()
    except BaseException:
        connection.send(("failed", traceback.format_exc()))
        return
    connection.send(("ready", os.getpid()))
    _worker_connection = connection
    while True:
        try:
            task = connection.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        recycle = False
        _last_progress = (-1.0, 0.0)
        try:
            reply: tuple[Any, ...] = ("ok", task())
        except BaseException as exc:
            recycle = isinstance(exc, MemoryError)
            reply = ("error", _portable_error(exc), traceback.format_exc())
        try:
            connection.send((*reply, recycle))
        except Exception as exc:  # the result or the error does not pickle
            detail = f"The task's {'result' if reply[0] == 'ok' else 'error'} cannot be sent back: {exc}"
            connection.send(("error", TaskFailedError(detail), traceback.format_exc(), recycle))
        if recycle:
            return


# --- in the calling process ----------------------------------------------------------------------


@dataclass(eq=False)
class _Pending:
    task: Task
    timeout: float
    future: Future[Any]
    on_progress: ProgressCallback | None


def _describe_exit(exitcode: int | None) -> str:
    if exitcode is None:
        return "without an exit status"
    if exitcode < 0:
        try:
            return f"killed by signal {signal.Signals(-exitcode).name}"
        except ValueError:
            return f"killed by signal {-exitcode}"
    return f"with exit code {exitcode}"


class _Worker:
    """One worker process and the thread that feeds it, waits for it, and replaces it."""

    def __init__(self, pool: WorkerPool, index: int) -> None:
        self.pool = pool
        self.index = index
        self.process: BaseProcess | None = None
        self.connection: Connection | None = None
        self.tasks_done = 0
        self.thread = threading.Thread(target=self._serve, name=f"socle-pool-{index}", daemon=True)

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process is not None else None

    # process management

    def launch(self) -> None:
        """Start the process (not waiting for it to be ready)."""
        context = self.pool.context
        parent_end, child_end = context.Pipe(duplex=True)
        process = context.Process(
            target=_worker_main,
            args=(child_end, self.pool.preload, self.pool.warm, self.pool.memory_limit_bytes),
            name=f"socle-worker-{self.index}",
            daemon=True,
        )
        try:
            process.start()
        except (EOFError, OSError) as exc:  # the fork server died (a preloaded module failed to import?)
            parent_end.close()
            child_end.close()
            raise WorkerCrashedError(
                f"A validation worker process could not be started ({type(exc).__name__}: {exc}).",
                hint="Check that these modules import cleanly: " + ", ".join((__name__, *self.pool.preload)),
            ) from exc
        child_end.close()
        self.process, self.connection, self.tasks_done = process, parent_end, 0

    def await_ready(self) -> None:
        """Wait for the process to have imported and warmed up; raise if it could not."""
        assert self.process is not None and self.connection is not None
        deadline = time.monotonic() + self.pool.start_timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                self.stop(kill=True)
                raise WorkerCrashedError(
                    f"A validation worker did not start within {self.pool.start_timeout:g} s"
                )
            if not wait([self.connection, self.process.sentinel], remaining):
                continue
            try:
                message = self.connection.recv()
            except (EOFError, OSError):
                self.stop(kill=True)
                raise WorkerCrashedError(
                    f"A validation worker stopped while starting ({_describe_exit(self._exitcode())})"
                ) from None
            if message[0] == "ready":
                return
            self.stop(kill=True)
            raise WorkerCrashedError("A validation worker could not start", hint=str(message[1]))

    def _exitcode(self) -> int | None:
        if self.process is None:
            return None
        self.process.join(timeout=5)
        return self.process.exitcode

    def stop(self, *, kill: bool) -> None:
        """Stop the process (asking it politely unless ``kill``) and reap it."""
        process, connection = self.process, self.connection
        self.process = self.connection = None
        if process is None:
            return
        if not kill and connection is not None:
            with contextlib.suppress(OSError):
                connection.send(None)
            process.join(timeout=self.pool.stop_timeout)
        if process.is_alive():
            process.kill()
        process.join()
        if connection is not None:
            connection.close()
        process.close()

    def _replace(self) -> None:
        self.stop(kill=True)
        if self.pool.closing:
            return
        try:
            self.launch()
            self.await_ready()
        except SocleError:
            log.exception("validation worker %d could not be replaced (retried on its next task)", self.index)

    # serving tasks

    def _serve(self) -> None:
        while True:
            pending = self.pool._next_task()
            if pending is None:
                break
            if not pending.future.set_running_or_notify_cancel():
                continue
            try:
                self._run(pending)
            except Exception:  # a defect here must not leave a caller waiting or this worker unserved
                log.exception("validation worker %d: unexpected error", self.index)
                if not pending.future.done():
                    pending.future.set_exception(TaskFailedError("The validation failed unexpectedly."))
                self._replace()
        self.stop(kill=self.pool.kill_on_close)

    def _run(self, pending: _Pending) -> None:
        if self.process is None:
            self._replace()
        if self.process is None or self.connection is None:
            pending.future.set_exception(WorkerCrashedError("No validation worker could be started"))
            return
        process, connection = self.process, self.connection
        try:
            connection.send(pending.task)
        except (OSError, ValueError):
            pending.future.set_exception(WorkerCrashedError("The validation worker was not reachable"))
            self._replace()
            return
        except Exception as exc:  # the task does not pickle: the worker never saw it
            pending.future.set_exception(TaskFailedError(f"The task cannot be sent to a worker: {exc}"))
            return
        deadline = time.monotonic() + pending.timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                label, seconds = pending.task.label, pending.timeout
                log.warning("task %r over its %g s limit: killing worker %d", label, seconds, self.index)
                self.stop(kill=True)
                pending.future.set_exception(
                    ValidationTimeoutError(
                        f"The validation took longer than {pending.timeout:g} s and was stopped.",
                        hint="Split the dataset, or send it as a job.",
                    )
                )
                self._replace()
                return
            ready = wait([connection, process.sentinel], remaining)
            if not ready:
                continue
            try:
                message = connection.recv() if connection.poll() else None
            except (EOFError, OSError):
                message = None
            except Exception as exc:  # the answer arrived whole but does not unpickle here
                pending.future.set_exception(TaskFailedError(f"The worker's answer cannot be read: {exc}"))
                return
            if message is None:
                self._crashed(pending)
                return
            if message[0] == "progress":
                if pending.on_progress is not None:
                    try:
                        pending.on_progress(message[1])
                    except Exception:
                        log.exception("progress callback failed")
                continue
            kind, payload, *rest = message
            recycle = bool(rest[-1]) if rest else False
            if kind == "ok":
                pending.future.set_result(payload)
            else:
                if rest and isinstance(rest[0], str):
                    payload.add_note(f"In the validation worker:\n{rest[0]}")
                pending.future.set_exception(payload)
            self.tasks_done += 1
            limit = self.pool.max_tasks_per_worker
            if recycle or (limit is not None and self.tasks_done >= limit):
                self._replace()
            return

    def _crashed(self, pending: _Pending) -> None:
        how = _describe_exit(self._exitcode())
        log.error("validation worker %d died %s running %r", self.index, how, pending.task.label)
        if self.pool.closing and self.pool.kill_on_close:
            pending.future.set_exception(PoolClosedError("The validation service is shutting down"))
        else:
            pending.future.set_exception(
                WorkerCrashedError(
                    f"The validation worker stopped unexpectedly ({how}) while checking this input.",
                    hint="The input may be too large or too deeply nested; other requests are unaffected.",
                )
            )
        self._replace()


class WorkerPool:
    """A fixed number of warm worker processes, a bounded waiting line, and a time limit per task.

    Use it as a context manager, or call ``start()`` and ``close()``.
    """

    def __init__(
        self,
        size: int | None = None,
        *,
        max_queue: int | None = None,
        default_timeout: float = 60.0,
        memory_limit_bytes: int | None = None,
        preload: Sequence[str] = DEFAULT_PRELOAD,
        warm: Task | None = None,
        start_method: StartMethod = "forkserver",
        max_tasks_per_worker: int | None = None,
        start_timeout: float = 120.0,
        stop_timeout: float = 5.0,
    ) -> None:
        if start_method not in ("forkserver", "spawn"):
            raise ValueError("start_method must be 'forkserver' or 'spawn' (the caller may have threads)")
        self.size = size if size is not None else max(1, os.cpu_count() or 1)
        if self.size < 1:
            raise ValueError("a pool needs at least one worker")
        self.max_queue = max_queue if max_queue is not None else 2 * self.size
        self.default_timeout = default_timeout
        self.memory_limit_bytes = memory_limit_bytes
        self.preload = tuple(preload)
        self.warm = warm
        self.max_tasks_per_worker = max_tasks_per_worker
        self.start_timeout = start_timeout
        self.stop_timeout = stop_timeout
        self.context: ForkServerContext | SpawnContext
        if start_method == "forkserver":
            self.context = multiprocessing.get_context("forkserver")
            # The server (one per process, started by the first pool) imports these once; new
            # workers fork from it already warm.
            self.context.set_forkserver_preload([__name__, *self.preload])
        else:
            self.context = multiprocessing.get_context("spawn")
        self._lock = threading.Condition()
        self._waiting: deque[_Pending] = deque()
        self._in_flight = 0
        self._workers = [_Worker(self, i) for i in range(self.size)]
        self._started = False
        self.closing = False
        self.kill_on_close = False

    @classmethod
    def from_settings(cls, settings: Any, **options: Any) -> WorkerPool:
        """A pool whose default time limit is ``settings.validation_timeout_s``."""
        options.setdefault("default_timeout", settings.validation_timeout_s)
        return cls(**options)

    # life cycle

    def start(self) -> WorkerPool:
        """Start every worker and wait until all are warm."""
        with self._lock:
            if self._started:
                return self
            if self.closing:
                raise PoolClosedError("This pool has been closed")
            self._started = True
        try:
            for worker in self._workers:
                worker.launch()
            for worker in self._workers:
                worker.await_ready()
        except BaseException:
            self.close(wait=False)
            raise
        for worker in self._workers:
            worker.thread.start()
        return self

    def close(self, *, wait: bool = True) -> None:
        """Stop the pool: waiting tasks are refused; running ones finish (``wait``) or are killed."""
        with self._lock:
            self.closing = True
            self.kill_on_close = self.kill_on_close or not wait
            refused = list(self._waiting)
            self._waiting.clear()
            self._lock.notify_all()
        for pending in refused:
            if pending.future.set_running_or_notify_cancel():
                pending.future.set_exception(PoolClosedError("The validation service is shutting down"))
        if not wait:
            for worker in self._workers:
                process = worker.process
                # the worker's own thread may be closing this process object at the same moment
                with contextlib.suppress(ValueError):
                    if process is not None and process.is_alive():
                        process.kill()
        for worker in self._workers:
            if worker.thread.is_alive():
                worker.thread.join()
            else:
                worker.stop(kill=not wait)

    def __enter__(self) -> WorkerPool:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @property
    def pids(self) -> list[int]:
        """The worker processes' ids (for monitoring and tests)."""
        return [pid for pid in (w.pid for w in self._workers) if pid is not None]

    @property
    def in_flight(self) -> int:
        """Tasks accepted and not finished (running or waiting)."""
        return self._in_flight

    # submitting

    def submit(
        self, task: Task, *, timeout: float | None = None, on_progress: ProgressCallback | None = None
    ) -> Future[Any]:
        """Queue ``task``; its future holds the result or the error. Raises ``PoolBusyError`` when full.

        ``timeout`` (seconds, default ``default_timeout``) counts from the moment a worker starts the
        task; ``on_progress`` is called from a pool thread with what the task reports.
        """
        limit = self.default_timeout if timeout is None else timeout
        if limit <= 0:
            raise ValueError("timeout must be positive")
        future: Future[Any] = Future()
        with self._lock:
            if self.closing or not self._started:
                raise PoolClosedError("The validation service is not running")
            if self._in_flight >= self.size + self.max_queue:
                raise PoolBusyError(
                    "Every validation worker is busy and the queue is full.",
                    hint="Try again in a few seconds.",
                )
            self._in_flight += 1
            self._waiting.append(_Pending(task, limit, future, on_progress))
            self._lock.notify()
        future.add_done_callback(self._finished)
        return future

    def _finished(self, _future: Future[Any]) -> None:
        with self._lock:
            self._in_flight -= 1

    def _next_task(self) -> _Pending | None:
        """The next waiting task for a worker thread (``None`` when the pool closes)."""
        with self._lock:
            while not self._waiting:
                if self.closing:
                    return None
                self._lock.wait()
            return self._waiting.popleft()

    def run_sync(self, task: Task, *, timeout: float | None = None) -> Any:
        """Run ``task`` and return its result (blocking the calling thread)."""
        return self.submit(task, timeout=timeout).result()

    async def run(self, task: Task, *, timeout: float | None = None) -> Any:
        """Run ``task`` and return its result without blocking the event loop."""
        return await asyncio.wrap_future(self.submit(task, timeout=timeout))
