"""Compiled shapes: immutable objects the evaluators walk (no graph look-ups while validating)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rdflib import Literal, URIRef
from rdflib.term import Node

from registry.validate.socle_engine.paths import Path


@dataclass(frozen=True, slots=True)
class Constraint:
    """One constraint of a shape, reported under ``component`` (``sh:…ConstraintComponent``)."""

    component: URIRef


@dataclass(frozen=True, slots=True)
class ClassConstraint(Constraint):
    cls: Node


@dataclass(frozen=True, slots=True)
class DatatypeConstraint(Constraint):
    datatype: URIRef


@dataclass(frozen=True, slots=True)
class NodeKindConstraint(Constraint):
    kind: URIRef


@dataclass(frozen=True, slots=True)
class CountConstraint(Constraint):
    """``sh:minCount`` (``is_min``) or ``sh:maxCount``."""

    bound: int
    is_min: bool


@dataclass(frozen=True, slots=True)
class RangeConstraint(Constraint):
    """``sh:minInclusive`` & co.: ``accepted`` lists the comparison outcomes that conform."""

    bound: Literal
    accepted: frozenset[int]


@dataclass(frozen=True, slots=True)
class LengthConstraint(Constraint):
    bound: int
    is_min: bool


@dataclass(frozen=True, slots=True)
class PatternConstraint(Constraint):
    pattern: str
    flags: str
    regex: re.Pattern[str] = field(compare=False)


@dataclass(frozen=True, slots=True)
class LanguageInConstraint(Constraint):
    languages: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class UniqueLangConstraint(Constraint):
    pass


@dataclass(frozen=True, slots=True)
class PairConstraint(Constraint):
    """``sh:equals``, ``sh:disjoint``, ``sh:lessThan`` or ``sh:lessThanOrEquals`` ``predicate``."""

    predicate: URIRef
    kind: str


@dataclass(frozen=True, slots=True)
class NotConstraint(Constraint):
    shape: Node


@dataclass(frozen=True, slots=True)
class ListLogicConstraint(Constraint):
    """``sh:and``, ``sh:or``, ``sh:xone`` over a list of shapes."""

    shapes: tuple[Node, ...]
    kind: str


@dataclass(frozen=True, slots=True)
class NodeConstraint(Constraint):
    shape: Node


@dataclass(frozen=True, slots=True)
class PropertyConstraint(Constraint):
    shape: Node


@dataclass(frozen=True, slots=True)
class QualifiedConstraint(Constraint):
    shape: Node
    bound: int
    is_min: bool
    siblings: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class ClosedConstraint(Constraint):
    allowed: frozenset[URIRef]


@dataclass(frozen=True, slots=True)
class HasValueConstraint(Constraint):
    value: Node


@dataclass(frozen=True, slots=True)
class InConstraint(Constraint):
    values: frozenset[Node]


@dataclass(frozen=True, slots=True)
class SparqlConstraint(Constraint):
    """``sh:sparql`` with ``sh:select``: the query with its prefixes, checked and ready to bind."""

    node: Node
    query: str
    messages: tuple[Literal, ...]


@dataclass(frozen=True, slots=True)
class Targets:
    """A shape's target declarations (SHACL 2.1.3)."""

    classes: tuple[Node, ...] = ()
    nodes: tuple[Node, ...] = ()
    subjects_of: tuple[URIRef, ...] = ()
    objects_of: tuple[URIRef, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.classes or self.nodes or self.subjects_of or self.objects_of)


@dataclass(frozen=True, slots=True)
class Shape:
    """A node shape (``path`` is ``None``) or a property shape."""

    node: Node
    path: Path | None
    targets: Targets
    severity: URIRef
    messages: tuple[Literal, ...]
    deactivated: bool
    constraints: tuple[Constraint, ...]


@dataclass(frozen=True, slots=True)
class ComponentConstraint(Constraint):
    """A SPARQL-based constraint component (SHACL 6) instantiated by one shape's parameter values.

    ``ask`` validators are run per value node (``$value``); ``SELECT`` ones per focus node.
    """

    query: str
    ask: bool
    parameters: tuple[tuple[str, Node], ...]
    messages: tuple[Literal, ...]
    validator: Node
