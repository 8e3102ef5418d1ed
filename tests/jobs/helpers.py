"""Tasks for the job tests (top-level functions, so that a worker process can import them)."""

from __future__ import annotations

import time
from pathlib import Path

from registry.validate.pool import report_progress
from registry.validate.report import ValidationReport


def progress_then_wait(report: ValidationReport, flag: str) -> ValidationReport:
    """Report half the work done, wait for ``flag`` to exist (five seconds at most), return ``report``."""
    report_progress(0.5)
    deadline = time.monotonic() + 5
    while not Path(flag).exists() and time.monotonic() < deadline:
        time.sleep(0.02)
    return report


def same(report: ValidationReport) -> ValidationReport:
    """``report`` itself (a task that does no work)."""
    return report


def wait_for(flag: str) -> None:
    """Hold a worker until ``flag`` exists (thirty seconds at most)."""
    deadline = time.monotonic() + 30
    while not Path(flag).exists() and time.monotonic() < deadline:
        time.sleep(0.02)
