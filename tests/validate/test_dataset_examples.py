"""The whole example matrix in-process, through ``check_dataset`` with the default engine: every
example of every domain in every format gives exactly the results its source states, and so does
every hand-made file with a sidecar."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml

from registry.build.examples import DERIVED_SUFFIXES, ExampleCase, iter_cases, resolve_expected
from registry.build.schema import DomainSchema
from registry.catalog.releases import ReleaseCatalog
from registry.config import PROJECT_ROOT
from registry.ingest.model import IngestOptions, InputFile, InputFormat
from registry.validate.dataset import check_dataset

EXAMPLES = PROJECT_ROOT / "examples"
CASES = list(iter_cases(EXAMPLES))
FORMS = [
    (case, suffix) for case in CASES for suffix in DERIVED_SUFFIXES if case.derived_path(suffix).exists()
]
SIDECARS = sorted(EXAMPLES.glob("*/**/*.expected.yaml"))


def _key(result: object) -> tuple[str, str | None, str, str]:
    return (
        result.focus_node,  # type: ignore[attr-defined]
        result.result_path,  # type: ignore[attr-defined]
        result.constraint_component,  # type: ignore[attr-defined]
        result.severity.value,  # type: ignore[attr-defined]
    )


def test_the_matrix_covers_every_domain_and_format() -> None:
    assert {c.domain for c, _ in FORMS} >= {"lighting", "waste", "water", "mobility"}
    assert {s for _, s in FORMS} == set(DERIVED_SUFFIXES)


@pytest.mark.parametrize(
    ("case", "suffix"), FORMS, ids=lambda v: f"{v.domain}/{v.stem}" if isinstance(v, ExampleCase) else v
)
def test_example_in_every_format(
    case: ExampleCase, suffix: str, catalog: ReleaseCatalog, schemas: dict[str, DomainSchema]
) -> None:
    path = case.derived_path(suffix)
    # A table's columns may fit several classes: the producer says which, as the service's class= does.
    options = IngestOptions(class_name=case.main_class if suffix == ".csv" else None)
    report = check_dataset(
        [InputFile(path.read_bytes(), path.name)], catalog.resolve(case.domain), options=options
    )
    expected = Counter(
        (e.focus_node, e.result_path, e.constraint_component, e.severity)
        for e in case.expected_results(schemas[case.domain])
    )
    assert Counter(_key(r) for r in report.results) == expected
    assert report.valid is case.valid
    assert all(r.message("fr") and r.message("en") for r in report.results)


@pytest.mark.parametrize("sidecar", SIDECARS, ids=lambda p: str(p.relative_to(EXAMPLES)))
def test_hand_made_file(sidecar: Path, catalog: ReleaseCatalog, schemas: dict[str, DomainSchema]) -> None:
    meta = yaml.safe_load(sidecar.read_text(encoding="utf-8"))
    stem = sidecar.name.removesuffix(".expected.yaml")
    (data,) = [p for p in sidecar.parent.glob(f"{stem}.*") if p != sidecar]
    domain = sidecar.relative_to(EXAMPLES).parts[0]
    options = IngestOptions(format=InputFormat(meta["format"]), class_name=meta.get("class"))
    report = check_dataset(
        [InputFile(data.read_bytes(), data.name)], catalog.resolve(domain), options=options
    )
    expected = Counter(
        (e.focus_node, e.result_path, e.constraint_component, e.severity)
        for e in (resolve_expected(schemas[domain], item, options.base) for item in meta["expected"])
    )
    assert Counter(_key(r) for r in report.results) == expected


def test_checked_against_names_the_published_shapes_file(catalog: ReleaseCatalog) -> None:
    release = catalog.resolve("lighting")
    path = EXAMPLES / "lighting/valid/Streetlight-park-inventory.ttl"
    report = check_dataset([InputFile(path.read_bytes(), path.name)], release)
    assert report.checked_against.shapes_digest == release.artifacts["shapes.ttl"]["sha256"]
    assert report.checked_against.version == release.version
