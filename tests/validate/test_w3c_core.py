"""The 98 tests of the W3C SHACL Core suite, from their manifests, through Socle's engine only."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from registry.errors import SocleError
from registry.validate.socle_engine import SocleEngine
from registry.validate.socle_engine.rdf_io import parse_file
from registry.validate.socle_engine.w3c import Case, cases

SUITE = Path(__file__).resolve().parents[2] / ".." / "shared" / "shacl-tests"
CORE_CASES = list(cases(SUITE.resolve() / "core")) if SUITE.exists() else []
KNOWN_FAILURES: dict[str, str] = {}


def _param(case: Case) -> object:
    reason = KNOWN_FAILURES.get(case.name)
    marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason else []
    return pytest.param(case, id=case.name, marks=marks)


def test_the_whole_core_suite_is_found() -> None:
    assert len(CORE_CASES) >= 98, f"found {len(CORE_CASES)} core cases in {SUITE}"


def run_case(case: Case) -> None:
    """Validate one case with Socle's engine and compare as the suite's README says."""
    engine = SocleEngine()
    data = parse_file(case.data)
    shapes = data if case.shapes == case.data else parse_file(case.shapes)
    if case.expect_failure:
        with pytest.raises(SocleError):
            engine.validate(data, engine.compile(shapes))
        return
    results = engine.validate(data, engine.compile(shapes))
    assert (not results) == case.conforms
    assert case.keys_of(results, data) == Counter(case.results)


@pytest.mark.parametrize("case", [_param(c) for c in CORE_CASES])
def test_core(case: Case) -> None:
    run_case(case)
