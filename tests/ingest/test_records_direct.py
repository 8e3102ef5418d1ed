"""JSON records written straight to triples give exactly the graph rdflib's JSON-LD parser gives
from the same document and context (same terms, same literals, lexical forms included)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import rdflib
from rdflib.compare import isomorphic

import registry.ingest.records as records_module
from registry.build.schema import DomainSchema
from registry.ingest.records import RecordLifter, _context, _parsed_context, direct_graph, jsonld_graph
from tests.ingest.helpers import read

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
JSON_FILES = sorted(p for p in EXAMPLES.glob("*/*/*.json") if not p.name.endswith(".meta.json"))


def _triples(graph: rdflib.Graph) -> set[tuple[str, ...]]:
    """Every term written out: literals compared by lexical form, datatype and language."""
    return {tuple(term.n3() for term in triple) for triple in graph}


def _both(schema: DomainSchema, nodes: list[dict[str, Any]]) -> tuple[rdflib.Graph | None, rdflib.Graph]:
    direct = direct_graph(nodes, _parsed_context(schema))
    parsed = jsonld_graph({"@context": _context(schema), "@graph": nodes})
    return direct, parsed


@pytest.mark.parametrize("path", JSON_FILES, ids=lambda p: f"{p.parent.parent.name}/{p.parent.name}/{p.name}")
def test_example_reads_the_same_through_either_path(
    path: Path, schemas: dict[str, DomainSchema], monkeypatch: pytest.MonkeyPatch
) -> None:
    schema = schemas[path.parent.parent.name]
    data = path.read_bytes()
    try:
        direct = read(data, schema, name=path.name).graph
    except Exception as error:  # an example of a refused input: refused alike below
        monkeypatch.setattr(records_module, "direct_graph", lambda *_: None)
        with pytest.raises(type(error)):
            read(data, schema, name=path.name)
        return
    monkeypatch.setattr(records_module, "direct_graph", lambda *_: None)
    parsed = read(data, schema, name=path.name).graph
    assert isomorphic(direct, parsed)  # blank nodes (inlined objects) aside, the very same terms


def test_the_direct_path_is_taken_for_flat_records(schemas: dict[str, DomainSchema]) -> None:
    schema = schemas["lighting"]
    lifter = RecordLifter(schema)
    nodes = lifter.to_jsonld(
        [{"type": "Streetlight", "identifier": "A-1", "latitude": 45.75, "nominal_power": 40}]
    )["@graph"]
    direct, parsed = _both(schema, nodes)
    assert direct is not None
    assert len(direct) > 0
    assert _triples(direct) == _triples(parsed)
    assert dict(direct.namespaces()) == dict(parsed.namespaces())  # a Turtle dump writes them


@pytest.mark.parametrize(
    "values",
    [
        {"latitude": "45,75", "nominal_power": "40"},  # strings in numeric slots
        {"latitude": 45, "nominal_power": 40.0},  # an integer in a double slot, a float in a count
        {"latitude": True, "nominal_power": False},
        {"latitude": 1e300, "nominal_power": -0.0},
        {"latitude": None, "identifier": None},
        {"identifier": 12, "lamp_technology": 3.5},
        {"identifier": "a b", "lamp_technology": ["led", "sodium"]},
        {"identifier": "é\u00a0\"'\\\n"},
    ],
)
def test_values_give_the_same_literals(values: dict[str, Any], schemas: dict[str, DomainSchema]) -> None:
    schema = schemas["lighting"]
    node = {"id": "urn:socle:data:X", "type": "Streetlight", **values}
    direct, parsed = _both(schema, [node])
    assert direct is not None
    assert _triples(direct) == _triples(parsed)


@pytest.mark.parametrize(
    "node",
    [
        {"id": "relative", "type": "Streetlight"},
        {"id": "_:b0", "type": "Streetlight"},
        {"id": "urn:socle:data:X", "type": "Streetlight", "unknown_key": 1},
        {"id": "urn:socle:data:X", "type": "NotAClass"},
        {"id": "urn:socle:data:X", "type": "Streetlight", "latitude": {"@value": 1}},
        {"id": "urn:socle:data:X", "type": "Streetlight", "latitude": [[1]]},
    ],
)
def test_anything_else_goes_through_the_parser(
    node: dict[str, Any], schemas: dict[str, DomainSchema]
) -> None:
    schema = schemas["lighting"]
    assert direct_graph([node], _parsed_context(schema)) is None
    assert json.dumps(node)  # the parser path reads it (tested by the ingest tests)
