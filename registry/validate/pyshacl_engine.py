"""pySHACL as an engine: the reference implementation, imported only when asked for."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from importlib.metadata import version

import rdflib
from rdflib.namespace import RDF, SH

from registry.validate.report import Severity, ValidationResult
from registry.validate.terms import path_to_sparql, term_to_nt


@dataclass(frozen=True)
class PyshaclShapes:
    """A shapes graph kept as it is: pySHACL compiles on every call."""

    graph: rdflib.Graph
    digest: str


def shapes_digest(shapes: rdflib.Graph) -> str:
    """SHA-256 over the sorted N-Triples of a shapes graph (blank nodes as parsed)."""
    lines = sorted(shapes.serialize(format="nt").splitlines())
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


class PyshaclEngine:
    """Validates with pySHACL (no inference, no SHACL-AF, no JS, no imports followed)."""

    name = "pyshacl"

    def __init__(self) -> None:
        self.version = version("pyshacl")

    def compile(self, shapes: rdflib.Graph) -> PyshaclShapes:
        return PyshaclShapes(graph=shapes, digest=shapes_digest(shapes))

    def validate(self, data: rdflib.Graph, shapes: PyshaclShapes) -> list[ValidationResult]:
        from pyshacl import validate  # heavy: imported only when this engine runs

        normalise = rdflib.NORMALIZE_LITERALS
        try:
            _, report_graph, _ = validate(
                data,
                shacl_graph=shapes.graph,
                inference="none",
                advanced=False,
                js=False,
                do_owl_imports=False,
                allow_warnings=True,
            )
        finally:
            # pySHACL turns rdflib's literal normalisation back on for the whole process.
            rdflib.NORMALIZE_LITERALS = normalise
        assert isinstance(report_graph, rdflib.Graph)
        return results_from_report_graph(report_graph)


def results_from_report_graph(report: rdflib.Graph) -> list[ValidationResult]:
    """Read the ``sh:ValidationResult`` nodes of a standard report graph."""
    results = []
    # Top-level results only: pySHACL also types the nested sh:detail results as results.
    top_level = {
        r for node in report.subjects(RDF.type, SH.ValidationReport) for r in report.objects(node, SH.result)
    }
    for node in top_level:
        path = report.value(node, SH.resultPath)
        value = report.value(node, SH.value)
        severity = report.value(node, SH.resultSeverity)
        source_constraint = report.value(node, SH.sourceConstraint)
        messages = tuple(
            sorted(
                (getattr(m, "language", None) or "", str(m)) for m in report.objects(node, SH.resultMessage)
            )
        )
        results.append(
            ValidationResult(
                focus_node=term_to_nt(_required(report, node, SH.focusNode)),
                constraint_component=str(_required(report, node, SH.sourceConstraintComponent)),
                source_shape=term_to_nt(_required(report, node, SH.sourceShape)),
                severity=Severity.from_iri(str(severity)) if severity else Severity.VIOLATION,
                result_path=path_to_sparql(report, path) if path is not None else None,
                value=term_to_nt(value) if value is not None else None,
                messages=messages,
                source_constraint=term_to_nt(source_constraint) if source_constraint else None,
            )
        )
    return results


def _required(graph: rdflib.Graph, node: rdflib.term.Node, predicate: rdflib.URIRef) -> rdflib.term.Node:
    value = graph.value(node, predicate)
    if value is None:
        raise ValueError(f"validation result without {predicate}")
    return value
