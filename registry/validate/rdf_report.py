"""Results as the standard ``sh:ValidationReport`` graph (SHACL 3.6), in Turtle or JSON-LD.

Terms travel in the report model as N-Triples strings and paths as SPARQL property paths; here they
become RDF again, paths rebuilt as SHACL path structures (``sh:inversePath``, RDF lists…). The
graph is written as N-Triples and serialised by pyoxigraph, so literal lexical forms are kept.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from enum import StrEnum
from itertools import count
from typing import ClassVar

import pyoxigraph as ox

from registry.validate.report import ValidationResult

SH = "http://www.w3.org/ns/shacl#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
XSD = "http://www.w3.org/2001/XMLSchema#"
PREFIXES = {"sh": SH, "rdf": RDF, "xsd": XSD}


class ReportFormat(StrEnum):
    """Serialisations of the report graph."""

    TURTLE = "turtle"
    JSON_LD = "json"


def report_ntriples(results: Iterable[ValidationResult]) -> str:
    """The report graph as N-Triples (``sh:conforms`` false as soon as there is one result)."""
    results = list(results)
    labels = (f"_:socle-report-{n}" for n in count())
    report = next(labels)
    conforms = "false" if results else "true"
    lines = [
        f"{report} <{RDF}type> <{SH}ValidationReport> .",
        f'{report} <{SH}conforms> "{conforms}"^^<{XSD}boolean> .',
    ]
    for result in results:
        node = next(labels)
        lines.append(f"{report} <{SH}result> {node} .")
        lines.extend(_result_lines(node, result, labels))
    return "\n".join(lines) + "\n"


def render(results: Iterable[ValidationResult], format: ReportFormat = ReportFormat.TURTLE) -> str:
    """The report graph serialised as Turtle or JSON-LD."""
    # parsed as Turtle, a superset of N-Triples, so that a term written the Turtle way
    # (rdflib's ``n3()`` writes a literal with a line break as a long string) is read too
    quads = ox.parse(report_ntriples(results).encode(), format=ox.RdfFormat.TURTLE)
    if format is ReportFormat.JSON_LD:
        data = ox.serialize(quads, format=ox.RdfFormat.JSON_LD)
    else:
        data = ox.serialize(quads, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
    assert data is not None
    return data.decode()


def _result_lines(node: str, result: ValidationResult, labels: Iterator[str]) -> Iterator[str]:
    yield f"{node} <{RDF}type> <{SH}ValidationResult> ."
    yield f"{node} <{SH}focusNode> {result.focus_node} ."
    yield f"{node} <{SH}resultSeverity> <{result.severity.iri}> ."
    yield f"{node} <{SH}sourceConstraintComponent> <{result.constraint_component}> ."
    yield f"{node} <{SH}sourceShape> {result.source_shape} ."
    if result.value is not None:
        yield f"{node} <{SH}value> {result.value} ."
    if result.source_constraint is not None:
        yield f"{node} <{SH}sourceConstraint> {result.source_constraint} ."
    for language, text in result.messages:
        literal = _literal(text) + (f"@{language}" if language else "")
        yield f"{node} <{SH}resultMessage> {literal} ."
    if result.result_path is not None:
        lines: list[str] = []
        head = PathParser(result.result_path, labels, lines).parse()
        yield f"{node} <{SH}resultPath> {head} ."
        yield from lines


def _literal(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{escaped}"'


class PathParser:
    """A SPARQL property path (as the report model writes it) → SHACL path triples in N-Triples."""

    _UNARY: ClassVar[dict[str, str]] = {
        "*": "zeroOrMorePath",
        "+": "oneOrMorePath",
        "?": "zeroOrOnePath",
    }

    def __init__(self, text: str, labels: Iterator[str], out: list[str]) -> None:
        self.text = text
        self.pos = 0
        self.labels = labels
        self.out = out

    def parse(self) -> str:
        node = self._alternative()
        if self.pos != len(self.text):
            raise ValueError(f"unexpected {self.text[self.pos :]!r} in path {self.text!r}")
        return node

    def _alternative(self) -> str:
        members = [self._sequence()]
        while self._take("|"):
            members.append(self._sequence())
        if len(members) == 1:
            return members[0]
        node = next(self.labels)
        self.out.append(f"{node} <{SH}alternativePath> {self._list(members)} .")
        return node

    def _sequence(self) -> str:
        members = [self._element()]
        while self._take("/"):
            members.append(self._element())
        return members[0] if len(members) == 1 else self._list(members)

    def _element(self) -> str:
        if self._take("^"):
            inner = self._element()
            node = next(self.labels)
            self.out.append(f"{node} <{SH}inversePath> {inner} .")
            return node
        node = self._primary()
        while self.pos < len(self.text) and self.text[self.pos] in self._UNARY:
            wrapper = next(self.labels)
            self.out.append(f"{wrapper} <{SH}{self._UNARY[self.text[self.pos]]}> {node} .")
            self.pos += 1
            node = wrapper
        return node

    def _primary(self) -> str:
        if self._take("("):
            node = self._alternative()
            if not self._take(")"):
                raise ValueError(f"unbalanced parentheses in path {self.text!r}")
            return node
        if self.text.startswith("<", self.pos):
            end = self.text.index(">", self.pos)
            iri = self.text[self.pos : end + 1]
            self.pos = end + 1
            return iri
        raise ValueError(f"cannot read path {self.text!r} at {self.pos}")

    def _take(self, char: str) -> bool:
        if self.text.startswith(char, self.pos):
            self.pos += 1
            return True
        return False

    def _list(self, members: list[str]) -> str:
        cells = [next(self.labels) for _ in members]
        for index, (cell, member) in enumerate(zip(cells, members, strict=True)):
            rest = cells[index + 1] if index + 1 < len(cells) else f"<{RDF}nil>"
            self.out.append(f"{cell} <{RDF}first> {member} .")
            self.out.append(f"{cell} <{RDF}rest> {rest} .")
        return cells[0]
