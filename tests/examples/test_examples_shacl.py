"""Every example conforms or fails exactly as its source states, under pySHACL with the built shapes."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import rdflib

from registry.build.examples import ExampleCase, iter_cases
from registry.build.schema import DomainSchema
from registry.config import PROJECT_ROOT
from registry.validate.pyshacl_engine import PyshaclEngine
from tests.examples.jsonld_loading import parse_jsonld_locally

EXAMPLES_DIR = PROJECT_ROOT / "examples"
CASES = list(iter_cases(EXAMPLES_DIR))
RDF_FORMATS = (".ttl", ".jsonld")


def _ids(case: ExampleCase) -> str:
    return f"{case.domain}/{case.source.parent.name}/{case.stem}"


def test_examples_exist_for_every_domain_with_classes() -> None:
    domains = {c.domain for c in CASES}
    assert "lighting" in domains, "no lighting example found: the example tests would test nothing"
    for domain in domains:
        kinds = Counter(c.valid for c in CASES if c.domain == domain)
        assert kinds[True] >= 1 and kinds[False] >= 1, f"{domain} needs valid and invalid examples"


def _results(
    case: ExampleCase, suffix: str, shapes: rdflib.Graph, bundles: dict[str, Path]
) -> Counter[tuple[str, str | None, str, str]]:
    path = case.derived_path(suffix)
    if suffix == ".jsonld":
        data = parse_jsonld_locally(path.read_bytes(), bundles)
    else:
        data = rdflib.Graph().parse(data=path.read_bytes(), format="turtle")
    engine = PyshaclEngine()
    results = engine.validate(data, engine.compile(shapes))
    return Counter((r.focus_node, r.result_path, r.constraint_component, r.severity.value) for r in results)


@pytest.mark.parametrize("suffix", RDF_FORMATS)
@pytest.mark.parametrize("case", CASES, ids=_ids)
def test_example_gives_exactly_the_results_it_states(
    case: ExampleCase,
    suffix: str,
    schemas: dict[str, DomainSchema],
    shapes_graphs: dict[str, rdflib.Graph],
    bundles: dict[str, Path],
) -> None:
    schema = schemas[case.domain]
    expected = Counter(
        (e.focus_node, e.result_path, e.constraint_component, e.severity)
        for e in case.expected_results(schema)
    )
    got = _results(case, suffix, shapes_graphs[case.domain], bundles)
    assert got == expected
    if case.valid:
        assert all(severity != "Violation" for *_, severity in got)
    else:
        assert case.why, f"{case.source} must say why it fails"
        assert any(severity == "Violation" for *_, severity in got)
