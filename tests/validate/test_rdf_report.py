"""The standard sh:ValidationReport rendering: round trip through the reader of report graphs."""

from __future__ import annotations

import json

import pytest
import rdflib
from rdflib.namespace import RDF, SH

from registry.validate.pyshacl_engine import results_from_report_graph
from registry.validate.rdf_report import ReportFormat, render
from registry.validate.report import Severity, ValidationResult

P = "<http://example.org/p>"
Q = "<http://example.org/q>"

RESULTS = [
    ValidationResult(
        focus_node="<http://example.org/a>",
        constraint_component="http://www.w3.org/ns/shacl#DatatypeConstraintComponent",
        source_shape="_:shape1",
        severity=Severity.WARNING,
        result_path=P,
        value='"1_000"^^<http://www.w3.org/2001/XMLSchema#integer>',
        messages=(("en", 'bad "value"\nhere'), ("fr", "valeur incorrecte")),
    ),
    ValidationResult(
        focus_node="_:b7",
        constraint_component="http://www.w3.org/ns/shacl#SPARQLConstraintComponent",
        source_shape="<http://example.org/S>",
        result_path=f"(^{P}/({P}|{Q})*/{Q}?)",
        source_constraint="<http://example.org/S-sparql>",
    ),
    ValidationResult(
        focus_node='"x"@fr',
        constraint_component="http://www.w3.org/ns/shacl#PatternConstraintComponent",
        source_shape="<http://example.org/S>",
        severity=Severity.INFO,
        value='"x"@fr',
    ),
]


def _read(text: str, format: str) -> rdflib.Graph:
    # Importing registry turns literal normalisation off for the whole process; keep it that way.
    assert rdflib.NORMALIZE_LITERALS is False
    return rdflib.Graph().parse(data=text, format=format)


@pytest.mark.parametrize(
    ("fmt", "parser"), [(ReportFormat.TURTLE, "turtle"), (ReportFormat.JSON_LD, "json-ld")]
)
def test_report_round_trips(fmt: ReportFormat, parser: str) -> None:
    graph = _read(render(RESULTS, fmt), parser)
    assert str(next(graph.objects(None, SH.conforms))) == "false"
    back = {
        (
            r.focus_node if not r.focus_node.startswith("_:") else "_",
            r.result_path,
            r.value,
            r.severity,
            r.messages,
            r.source_constraint,
        )
        for r in results_from_report_graph(graph)
    }
    expected = {
        (
            r.focus_node if not r.focus_node.startswith("_:") else "_",
            r.result_path,
            r.value,
            r.severity,
            r.messages,
            r.source_constraint,
        )
        for r in RESULTS
    }
    assert back == expected


def test_an_empty_report_conforms() -> None:
    graph = _read(render([]), "turtle")
    assert str(next(graph.objects(None, SH.conforms))) == "true"
    assert not list(graph.subjects(RDF.type, SH.ValidationResult))


def test_json_ld_is_json() -> None:
    assert isinstance(json.loads(render(RESULTS, ReportFormat.JSON_LD)), list)
