"""The standard sh:ValidationReport: it parses, keeps every result and both messages."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import replace

import pytest
import rdflib
from rdflib.namespace import RDF, SH

from registry.validate.pyshacl_engine import results_from_report_graph
from registry.validate.render.rdf import render_rdf
from registry.validate.report import ValidationResult

from .report_fixtures import mixed_report


def _comparable(results: Iterable[ValidationResult]) -> list[ValidationResult]:
    return sorted(
        (replace(r, location=None, rule_messages=(), messages=tuple(sorted(r.messages))) for r in results),
        key=lambda r: (r.focus_node, r.constraint_component, r.value or ""),
    )


@pytest.fixture(autouse=True)
def literals_as_written(monkeypatch: pytest.MonkeyPatch) -> None:
    """Values read back as written (another test may have turned rdflib's normalisation on)."""
    monkeypatch.setattr(rdflib, "NORMALIZE_LITERALS", False)


def test_turtle_round_trips_the_results() -> None:
    report = mixed_report()
    graph = rdflib.Graph().parse(data=render_rdf(report, "turtle"), format="turtle")
    [node] = graph.subjects(RDF.type, SH.ValidationReport)
    assert graph.value(node, SH.conforms) == rdflib.Literal(False)
    back = results_from_report_graph(graph)
    expected = [
        replace(r, source_shape="_:x") if r.source_shape.startswith("_:") else r for r in report.results
    ]
    got = [replace(r, source_shape="_:x") if r.source_shape.startswith("_:") else r for r in back]
    assert _comparable(got) == _comparable(expected)


def test_messages_in_both_languages() -> None:
    graph = rdflib.Graph().parse(data=render_rdf(mixed_report(), "turtle"), format="turtle")
    for result in graph.subjects(RDF.type, SH.ValidationResult):
        assert {m.language for m in graph.objects(result, SH.resultMessage)} == {"fr", "en"}


def test_json_ld() -> None:
    text = render_rdf(mixed_report(), "jsonld")
    json.loads(text)
    graph = rdflib.Graph().parse(data=text, format="json-ld")
    assert len(set(graph.subjects(RDF.type, SH.ValidationResult))) == len(mixed_report().results)
