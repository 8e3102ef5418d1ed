"""The 98 tests of the W3C SHACL Core suite, from their manifests, through Socle's engine only."""

from __future__ import annotations

from pathlib import Path

import pytest

from registry.validate.socle_engine.w3c import Case, cases, check

SUITE = Path(__file__).resolve().parents[2] / ".." / "shared" / "shacl-tests"
CORE_CASES = list(cases(SUITE.resolve() / "core")) if SUITE.exists() else []
KNOWN_FAILURES: dict[str, str] = {}


def _param(case: Case) -> object:
    reason = KNOWN_FAILURES.get(case.name)
    marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason else []
    return pytest.param(case, id=case.name, marks=marks)


def test_the_whole_core_suite_is_found() -> None:
    assert len(CORE_CASES) >= 98, f"found {len(CORE_CASES)} core cases in {SUITE}"


@pytest.mark.parametrize("case", [_param(c) for c in CORE_CASES])
def test_core(case: Case) -> None:
    assert check(case) is None
