"""The worker pool: results, time limits, crashes, a bounded queue, clean shutdown.

Tasks are standard-library callables (picklable by reference, cheap to run in a fresh worker).
"""

from __future__ import annotations

import asyncio
import ctypes
import multiprocessing
import operator
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from registry.errors import ValidationTimeoutError
from registry.validate.pool import (
    PoolBusyError,
    PoolClosedError,
    Task,
    TaskFailedError,
    WorkerCrashedError,
    WorkerPool,
    report_progress,
)


def _pool(size: int = 1, **options: object) -> WorkerPool:
    options.setdefault("preload", ())
    options.setdefault("default_timeout", 5.0)
    return WorkerPool(size, **options)  # type: ignore[arg-type]


@pytest.fixture()
def pool() -> Iterator[WorkerPool]:
    with _pool(2) as started:
        yield started


def _gone(pid: int) -> bool:
    """The process no longer exists, or at least is not a zombie."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return True
    return state not in {"Z", "R", "S", "D"}


def _eventually(check: Callable[[], bool], within: float = 10.0) -> bool:
    deadline = time.monotonic() + within
    while not check():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


def test_a_task_runs_in_a_worker_process(pool: WorkerPool) -> None:
    assert pool.run_sync(Task(operator.mul, (6, 7))) == 42
    assert pool.run_sync(Task(os.getpid)) in pool.pids
    assert os.getpid() not in pool.pids


def test_run_awaits_without_blocking_the_event_loop(pool: WorkerPool) -> None:
    async def main() -> list[object]:
        return list(await asyncio.gather(pool.run(Task(time.sleep, (0.3,))), pool.run(Task(abs, (-3,)))))

    assert asyncio.run(main()) == [None, 3]


def test_a_task_error_is_raised_again_in_the_caller(pool: WorkerPool) -> None:
    with pytest.raises(ValueError, match="invalid literal") as caught:
        pool.run_sync(Task(int, ("not a number",)))
    assert any("In the validation worker" in note for note in caught.value.__notes__)
    assert pool.run_sync(Task(abs, (-1,))) == 1


def test_an_unpicklable_task_or_result_is_an_error_and_the_worker_stays(pool: WorkerPool) -> None:
    before = sorted(pool.pids)
    with pytest.raises(TaskFailedError, match="cannot be sent"):
        pool.run_sync(Task(lambda: 1))
    with pytest.raises(TaskFailedError, match="result cannot be sent back"):
        pool.run_sync(Task(compile, ("1", "<expression>", "eval")))  # a code object does not pickle
    assert pool.run_sync(Task(abs, (-2,))) == 2
    assert sorted(pool.pids) == before


def test_a_task_over_its_limit_is_killed_while_another_worker_serves(pool: WorkerPool) -> None:
    before = set(pool.pids)
    started = time.monotonic()
    slow = pool.submit(Task(time.sleep, (30,)), timeout=1.0)
    quick = pool.submit(Task(operator.add, (1, 2)))
    assert quick.result(timeout=5) == 3
    with pytest.raises(ValidationTimeoutError, match="longer than 1 s"):
        slow.result(timeout=10)
    assert time.monotonic() - started < 5
    assert pool.run_sync(Task(abs, (-5,))) == 5
    assert _eventually(lambda: len(pool.pids) == 2)
    after = set(pool.pids)
    assert len(after) == 2 and after != before
    killed = before - after
    assert len(killed) == 1 and all(_gone(pid) for pid in killed)


@pytest.mark.parametrize(
    ("task", "how"),
    [
        (Task(os._exit, (3,)), "exit code 3"),
        (Task(ctypes.string_at, (0,)), "SIGSEGV"),
    ],
    ids=["os._exit", "segfault"],
)
def test_a_crashing_task_gets_an_error_and_the_pool_recovers(pool: WorkerPool, task: Task, how: str) -> None:
    with pytest.raises(WorkerCrashedError, match=how):
        pool.run_sync(task)
    results = [pool.submit(Task(operator.neg, (n,))) for n in range(4)]
    assert [r.result(timeout=10) for r in results] == [0, -1, -2, -3]
    assert _eventually(lambda: len(pool.pids) == 2)


def test_a_full_queue_is_refused() -> None:
    with _pool(1, max_queue=1) as pool:
        running = pool.submit(Task(time.sleep, (0.5,)))
        waiting = pool.submit(Task(abs, (-1,)))
        with pytest.raises(PoolBusyError) as refused:
            pool.submit(Task(abs, (-2,)))
        assert refused.value.status == 503
        assert running.result(timeout=5) is None and waiting.result(timeout=5) == 1
        assert pool.run_sync(Task(abs, (-3,))) == 3
        assert pool.in_flight == 0


def test_progress_reaches_the_caller(pool: WorkerPool) -> None:
    seen: list[float] = []
    future = pool.submit(Task(report_progress, (0.25,)), on_progress=seen.append)
    assert future.result(timeout=5) is None
    assert seen == [0.25]


def test_a_memory_cap_gives_memory_error_and_a_fresh_worker() -> None:
    with _pool(1, memory_limit_bytes=1024**3) as pool:
        with pytest.raises(MemoryError):
            pool.run_sync(Task(bytearray, (2 * 1024**3,)))
        assert pool.run_sync(Task(len, (bytearray(10),))) == 10


def test_shutdown_leaves_no_process_behind() -> None:
    pool = _pool(2, start_method="spawn").start()
    pids = list(pool.pids)
    running = pool.submit(Task(time.sleep, (0.2,)))
    assert _eventually(running.running)
    pool.close()
    assert running.result(timeout=1) is None
    assert len(pids) == 2 and all(_gone(pid) for pid in pids)
    assert not [p for p in multiprocessing.active_children() if p.pid in pids]
    with pytest.raises(PoolClosedError):
        pool.submit(Task(abs, (-1,)))


def test_closing_without_waiting_kills_running_tasks_and_refuses_waiting_ones() -> None:
    pool = _pool(1).start()
    pids = list(pool.pids)
    running = pool.submit(Task(time.sleep, (30,)), timeout=20)
    waiting = pool.submit(Task(abs, (-1,)))
    time.sleep(0.2)
    started = time.monotonic()
    pool.close(wait=False)
    assert time.monotonic() - started < 5
    with pytest.raises(PoolClosedError):
        running.result(timeout=1)
    with pytest.raises(PoolClosedError):
        waiting.result(timeout=1)
    assert all(_gone(pid) for pid in pids)


def test_progress_reports_are_thinned_out(monkeypatch: pytest.MonkeyPatch) -> None:
    import registry.validate.pool as pool_module

    class Pipe:
        sent: list[object] = []  # noqa: RUF012

        def send(self, message: object) -> None:
            self.sent.append(message)

    monkeypatch.setattr(pool_module, "_worker_connection", Pipe())
    monkeypatch.setattr(pool_module, "_last_progress", (-1.0, time.monotonic()))
    for record in range(10_001):
        report_progress(record / 10_000)
    values = [value for _, value in Pipe.sent]  # type: ignore[misc]
    assert 50 <= len(values) <= 110 and values[-1] == 1.0 and values == sorted(values)


def test_a_worker_that_cannot_import_its_modules_fails_the_start_clearly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "half_written.py").write_text('raise RuntimeError("half-written module")\n')
    monkeypatch.syspath_prepend(str(tmp_path))
    pool = WorkerPool(1, preload=("half_written",), start_method="spawn")
    with pytest.raises(WorkerCrashedError, match="could not start") as caught:
        pool.start()
    assert "half-written module" in (caught.value.hint or "")
    assert pool.pids == []
    with pytest.raises(PoolClosedError):
        pool.submit(Task(abs, (-1,)))
