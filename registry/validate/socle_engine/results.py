"""Results as the evaluators produce them (rdflib terms), and their conversion to the model."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Literal, URIRef
from rdflib.term import Node

from registry.validate.report import Severity, ValidationResult
from registry.validate.socle_engine.paths import Path, to_sparql


@dataclass(frozen=True, slots=True)
class RawResult:
    """One validation result before it leaves the engine."""

    focus: Node
    component: URIRef
    shape: Node
    severity: URIRef
    path: Path | None = None
    value: Node | None = None
    messages: tuple[Literal, ...] = ()
    source_constraint: Node | None = None

    def to_result(self) -> ValidationResult:
        return ValidationResult(
            focus_node=term_to_nt(self.focus),
            constraint_component=str(self.component),
            source_shape=term_to_nt(self.shape),
            severity=_severity(self.severity),
            result_path=to_sparql(self.path) if self.path is not None else None,
            value=term_to_nt(self.value) if self.value is not None else None,
            messages=tuple(sorted((m.language or "", str(m)) for m in self.messages)),
            source_constraint=(
                term_to_nt(self.source_constraint) if self.source_constraint is not None else None
            ),
        )


def term_to_nt(term: Node) -> str:
    """A term in N-Triples syntax (rdflib's ``n3()`` would write a multi-line literal as Turtle)."""
    if isinstance(term, Literal):
        text = str(term)
        escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
        if term.language:
            return f'"{escaped}"@{term.language}'
        if term.datatype:
            return f'"{escaped}"^^<{term.datatype}>'
        return f'"{escaped}"'
    return term.n3()


def _severity(iri: URIRef) -> Severity:
    try:
        return Severity.from_iri(str(iri))
    except ValueError:
        return Severity.VIOLATION  # a custom severity IRI: reported as the most severe
