"""Derived example files are exactly what their YAML source gives today (never edited by hand)."""

from __future__ import annotations

import pytest

from registry.build.examples import DERIVED_SUFFIXES, ExampleCase, derived_files, iter_cases
from registry.build.schema import DomainSchema
from registry.config import PROJECT_ROOT

CASES = list(iter_cases(PROJECT_ROOT / "examples"))


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.domain}/{c.stem}")
def test_derived_files_match_their_source(case: ExampleCase, schemas: dict[str, DomainSchema]) -> None:
    expected = derived_files(case, schemas[case.domain])
    for suffix in DERIVED_SUFFIXES:
        path = case.derived_path(suffix)
        if suffix in expected:
            assert path.is_file(), f"{path} is missing: run `socle build --examples`"
            assert path.read_text(encoding="utf-8") == expected[suffix], (
                f"{path} drifted from {case.source.name}: run `socle build --examples`"
            )
        else:
            assert not path.exists(), f"{path} is stale: run `socle build --examples`"
