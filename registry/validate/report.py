"""The one validation report model: every engine returns it, every face (JSON, RDF, HTML, text) renders it.

RDF terms are carried as strings in N-Triples syntax (``<http://…>``, ``_:b0``,
``"12"^^<http://www.w3.org/2001/XMLSchema#integer>``, ``"rue"@fr``) so that the model is independent
of the RDF library an engine uses. A result path is the SHACL path written in SPARQL 1.1 property-path
syntax over such terms (``<p>``, ``^<p>``, ``<p>/<q>``, ``<p>*`` …); ``None`` for node-level results.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum

SH = "http://www.w3.org/ns/shacl#"


class Severity(StrEnum):
    """SHACL severities, most severe first."""

    VIOLATION = "Violation"
    WARNING = "Warning"
    INFO = "Info"

    @property
    def iri(self) -> str:
        return f"{SH}{self.value}"

    @classmethod
    def from_iri(cls, iri: str) -> Severity:
        """The severity named by an ``sh:`` IRI (``<…#Warning>`` or bare)."""
        local = iri.strip("<>").rsplit("#", 1)[-1]
        return cls(local)


@dataclass(frozen=True, slots=True)
class SourceLocation:
    """Where a value came from, in the user's terms (their file, line, row and column header)."""

    file: str | None = None
    line: int | None = None
    column: int | None = None
    row: int | None = None
    column_name: str | None = None
    pointer: str | None = None


@dataclass(frozen=True, slots=True)
class ValidationResult:
    """One ``sh:ValidationResult``."""

    focus_node: str
    constraint_component: str
    source_shape: str
    severity: Severity = Severity.VIOLATION
    result_path: str | None = None
    value: str | None = None
    messages: tuple[tuple[str, str], ...] = ()
    """``(language, text)`` pairs; ``""`` is an untagged message."""
    source_constraint: str | None = None
    location: SourceLocation | None = None
    rule_messages: tuple[tuple[str, str], ...] = ()
    """``(language, text)`` pairs: the rule broken, without the offending value (``"latitude is
    missing"``), shared by every result of one rule; what a grouped report's summary says."""

    def message(self, lang: str = "en") -> str | None:
        """The message in ``lang``, else an untagged one, else any."""
        by_lang = dict(self.messages)
        return by_lang.get(lang) or by_lang.get("") or next(iter(by_lang.values()), None)

    def rule(self, lang: str = "en") -> str | None:
        """The rule broken, in ``lang`` (else any language), without the value."""
        by_lang = dict(self.rule_messages)
        return by_lang.get(lang) or by_lang.get("") or next(iter(by_lang.values()), None)

    @property
    def rule_key(self) -> tuple[str, str, str | None, Severity]:
        """(source shape, constraint component, path, severity): results of one rule share it."""
        return (self.source_shape, self.constraint_component, self.result_path, self.severity)

    @property
    def key(self) -> tuple[str, str | None, str]:
        """(focus node, path, constraint component): how the W3C suite compares results."""
        return (self.focus_node, self.result_path, self.constraint_component)


@dataclass(frozen=True, slots=True)
class Notice:
    """Something the producer should know that is not a validation result (an ignored column…)."""

    code: str
    message_fr: str
    message_en: str

    def message(self, lang: str = "en") -> str:
        return self.message_fr if lang == "fr" else self.message_en


@dataclass(frozen=True, slots=True)
class CheckedAgainst:
    """What a dataset was checked against, so that a report can be reproduced."""

    domain: str | None = None
    version: str | None = None
    shapes_digest: str | None = None
    engine: str = ""
    engine_version: str = ""
    input_digest: str | None = None


@dataclass(frozen=True, slots=True)
class ValidationReport:
    """A whole report: ``conforms`` as SHACL says it (no result at all), ``valid`` (no Violation)."""

    results: tuple[ValidationResult, ...]
    checked_against: CheckedAgainst = field(default_factory=CheckedAgainst)
    notices: tuple[Notice, ...] = ()
    """Things the user should know that are not results (ignored columns, ignored owl:imports…)."""

    @property
    def conforms(self) -> bool:
        return not self.results

    @property
    def valid(self) -> bool:
        return all(r.severity is not Severity.VIOLATION for r in self.results)

    @property
    def counts(self) -> dict[Severity, int]:
        counted = Counter(r.severity for r in self.results)
        return {severity: counted.get(severity, 0) for severity in Severity}
