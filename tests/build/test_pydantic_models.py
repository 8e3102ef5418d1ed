"""The generated Pydantic module imports, accepts every valid JSON example and rejects the invalid
ones whose fault a single record shows (cross-record rules are SHACL's job)."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pydantic
import pytest

from registry.build.examples import ExampleCase, iter_cases
from registry.config import PROJECT_ROOT
from tests.conftest import DOMAINS

CASES = list(iter_cases(PROJECT_ROOT / "examples"))
RECORD_LEVEL = {
    "MinCountConstraintComponent",
    "DatatypeConstraintComponent",
    "PatternConstraintComponent",
    "MinInclusiveConstraintComponent",
    "MaxInclusiveConstraintComponent",
    "MinExclusiveConstraintComponent",
    "MaxExclusiveConstraintComponent",
    "InConstraintComponent",
    "MinLengthConstraintComponent",
    "MaxLengthConstraintComponent",
}
# A pattern on an instant's time zone is not something Pydantic's datetime type can express.
NOT_IN_PYDANTIC = {"date_observed", "timestamp", "horodatage"}


def _load(bundle: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"socle_models_{name}", bundle / "models.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def models(bundles: dict[str, Path]) -> dict[str, ModuleType]:
    return {name: _load(path, name) for name, path in bundles.items()}


@pytest.mark.parametrize("domain", DOMAINS)
def test_models_module_imports_with_every_class(
    domain: str, models: dict[str, ModuleType], schemas: dict
) -> None:
    for cls in schemas[domain].classes():
        assert isinstance(getattr(models[domain], str(cls.name)), type)


def _validate_all(case: ExampleCase, module: ModuleType) -> None:
    records = json.loads(case.derived_path(".json").read_text(encoding="utf-8"))
    for record in records:
        getattr(module, record["type"]).model_validate(record)


@pytest.mark.parametrize(
    "case", [c for c in CASES if c.valid], ids=lambda c: f"{c.domain}/{c.stem}"
)
def test_valid_json_examples_are_accepted(case: ExampleCase, models: dict[str, ModuleType]) -> None:
    _validate_all(case, models[case.domain])


def _record_level(case: ExampleCase) -> bool:
    return all(
        e["component"] in RECORD_LEVEL and e.get("path") not in NOT_IN_PYDANTIC
        for e in case.expected
    ) and not any(str(e.get("path", "")).startswith("^") for e in case.expected)


REJECTABLE = [c for c in CASES if not c.valid and _record_level(c)]


def test_some_invalid_examples_are_record_level() -> None:
    assert len(REJECTABLE) >= 5


@pytest.mark.parametrize("case", REJECTABLE, ids=lambda c: f"{c.domain}/{c.stem}")
def test_record_level_invalid_json_examples_are_rejected(
    case: ExampleCase, models: dict[str, ModuleType]
) -> None:
    with pytest.raises(pydantic.ValidationError):
        _validate_all(case, models[case.domain])
