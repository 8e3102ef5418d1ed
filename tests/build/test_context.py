"""The published JSON-LD context: each JSON-LD example expands to the triples of its Turtle twin,
with rdflib and with pyld (a vendor's processor), numbers included (DESIGN.md decision 6)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import rdflib
from pyld import jsonld
from rdflib.compare import IsomorphicGraph, to_isomorphic
from rdflib.namespace import XSD

from registry.build.examples import ExampleCase, iter_cases
from registry.config import PROJECT_ROOT
from tests.examples.jsonld_loading import local_context, parse_jsonld_locally

CASES = [c for c in iter_cases(PROJECT_ROOT / "examples") if c.derived_path(".jsonld").exists()]
NUMERIC = {XSD.double, XSD.float, XSD.decimal, XSD.integer}


def _normalised(graph: rdflib.Graph) -> IsomorphicGraph:
    """The graph with numeric literals compared by value (pyld writes 3.65E1 where rdflib writes 36.5),
    blank nodes compared by structure (each parser labels them its own way)."""
    out = rdflib.Graph()
    for s, p, o in graph:
        if isinstance(o, rdflib.Literal) and o.datatype in NUMERIC:
            try:
                out.add((s, p, rdflib.Literal(f"{o.datatype}:{float(str(o))!r}")))
                continue
            except ValueError:
                pass
        out.add((s, p, o))
    return to_isomorphic(out)


def _pyld_graph(path: Path, bundles: dict[str, Path]) -> rdflib.Graph:
    def loader(url: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
        return {
            "contentType": "application/ld+json",
            "contextUrl": None,
            "documentUrl": url,
            "document": {"@context": local_context(url, bundles)},
        }

    document = json.loads(path.read_text(encoding="utf-8"))
    nquads = jsonld.to_rdf(document, {"format": "application/n-quads", "documentLoader": loader})
    return rdflib.Graph().parse(data=nquads, format="nt")


def test_json_ld_examples_exist() -> None:
    assert len(CASES) >= 5


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.domain}/{c.stem}")
def test_json_ld_example_expands_to_its_turtle_twin(case: ExampleCase, bundles: dict[str, Path]) -> None:
    turtle = rdflib.Graph().parse(data=case.derived_path(".ttl").read_bytes(), format="turtle")
    with_rdflib = parse_jsonld_locally(case.derived_path(".jsonld").read_bytes(), bundles)
    with_pyld = _pyld_graph(case.derived_path(".jsonld"), bundles)
    assert _normalised(with_rdflib) == _normalised(turtle)
    assert _normalised(with_pyld) == _normalised(turtle)


def test_numbers_are_well_typed_doubles_with_both_processors(bundles: dict[str, Path]) -> None:
    """A JSON number with a fraction and one without both give a valid xsd:double."""
    document = {
        "@context": "https://w3id.org/socle/def/lighting/1.0.0/context.jsonld",
        "@id": "urn:socle:data:SL-1",
        "type": "Streetlight",
        "nominal_power": 36.5,
        "light_point_height": 8,
        "color_temperature": 3000,
    }
    path = bundles["lighting"].parent.parent / "numbers.jsonld"
    path.write_text(json.dumps(document), encoding="utf-8")
    for graph in (parse_jsonld_locally(path.read_bytes(), bundles), _pyld_graph(path, bundles)):
        literals = {str(p).rsplit("/", 1)[-1]: o for _, p, o in graph if isinstance(o, rdflib.Literal)}
        assert literals["nominal_power"].datatype == XSD.double
        assert float(str(literals["nominal_power"])) == 36.5
        assert literals["light_point_height"].datatype == XSD.double
        assert literals["color_temperature"].datatype == XSD.integer
        assert str(literals["color_temperature"]) == "3000"
