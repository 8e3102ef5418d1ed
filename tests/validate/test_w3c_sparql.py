"""The SHACL-SPARQL tests of the W3C suite (node, property, pre-binding, component) via Socle."""

from __future__ import annotations

from pathlib import Path

import pytest

from registry.validate.socle_engine.w3c import Case, cases, check

SUITE = Path(__file__).resolve().parents[2] / ".." / "shared" / "shacl-tests"
SPARQL_CASES = list(cases(SUITE.resolve() / "sparql")) if SUITE.exists() else []

KNOWN_FAILURES: dict[str, str] = {}


def _param(case: Case) -> object:
    reason = KNOWN_FAILURES.get(case.name)
    marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason else []
    return pytest.param(case, id=case.name, marks=marks)


def test_the_whole_sparql_suite_is_found() -> None:
    assert len(SPARQL_CASES) >= 22, f"found {len(SPARQL_CASES)} SPARQL cases in {SUITE}"


@pytest.mark.parametrize("case", [_param(c) for c in SPARQL_CASES])
def test_sparql(case: Case) -> None:
    assert check(case) is None
