"""Shapes graph → compiled :class:`~registry.validate.socle_engine.model.Shape` objects."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from registry.validate.socle_engine import model as m
from registry.validate.socle_engine.custom_components import (
    Component,
    catalogue,
    constraints_for,
)
from registry.validate.socle_engine.errors import ShapesError
from registry.validate.socle_engine.paths import Path, PredicatePath, compile_path
from registry.validate.socle_engine.regex import compile_xpath
from registry.validate.socle_engine.sparql import compile_sparql_constraint
from registry.validate.socle_engine.vocab import RDF, RDFS, SH, canonical, component, is_true

_SHAPE_REFERENCES = (SH.node, SH.property, SH["not"], SH.qualifiedValueShape)
_SHAPE_LISTS = (SH["and"], SH["or"], SH.xone)
_TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)


@dataclass(frozen=True)
class CompiledGraph:
    """Every shape of a shapes graph, and the ones that have targets (where validation starts)."""

    shapes: dict[Node, m.Shape]
    targeted: tuple[m.Shape, ...]
    graph: Graph


def compile_graph(shapes: Graph) -> CompiledGraph:
    """Compile every shape reachable from typed or targeted shapes."""
    pending: list[Node] = list(_roots(shapes))
    compiled: dict[Node, m.Shape] = {}
    components = catalogue(shapes)
    while pending:
        node = pending.pop()
        if node in compiled:
            continue
        shape = _compile_shape(shapes, node, components)
        compiled[node] = shape
        pending.extend(_referenced(shapes, node))
    targeted = tuple(shape for shape in compiled.values() if shape.targets and not shape.deactivated)
    return CompiledGraph(shapes=compiled, targeted=targeted, graph=shapes)


def _roots(shapes: Graph) -> Iterator[Node]:
    for kind in (SH.NodeShape, SH.PropertyShape):
        yield from shapes.subjects(RDF.type, kind)
    for predicate in _TARGETS:
        yield from shapes.subjects(predicate, None)


def _referenced(shapes: Graph, node: Node) -> Iterator[Node]:
    for predicate in _SHAPE_REFERENCES:
        yield from shapes.objects(node, predicate)
    for predicate in _SHAPE_LISTS:
        for head in shapes.objects(node, predicate):
            yield from _list(shapes, head)


def _list(shapes: Graph, head: Node) -> list[Node]:
    if head != RDF.nil and shapes.value(head, RDF.first) is None:
        raise ShapesError(f"expected an RDF list, found {head.n3()}")
    return list(Collection(shapes, head))


def _compile_shape(shapes: Graph, node: Node, components: tuple[Component, ...]) -> m.Shape:
    paths = {compile_path(shapes, p) for p in shapes.objects(node, SH.path)}
    if len(paths) > 1:  # equal blank-node paths from two merged files are one path
        raise ShapesError(f"shape {node.n3()} has more than one sh:path")
    path = next(iter(paths), None)
    severity = shapes.value(node, SH.severity)
    messages = tuple(o for o in shapes.objects(node, SH.message) if isinstance(o, Literal))
    classes = list(shapes.objects(node, SH.targetClass))
    if (node, RDF.type, RDFS.Class) in shapes and not isinstance(node, Literal):
        classes.append(node)  # implicit class target
    targets = m.Targets(
        classes=tuple(classes),
        nodes=tuple(canonical(n) for n in shapes.objects(node, SH.targetNode)),
        subjects_of=tuple(_iris(shapes, node, SH.targetSubjectsOf)),
        objects_of=tuple(_iris(shapes, node, SH.targetObjectsOf)),
    )
    constraints = tuple(c for build in _BUILDERS for c in build(shapes, node, path))
    constraints += tuple(constraints_for(shapes, node, path, components))
    return m.Shape(
        node=node,
        path=path,
        targets=targets,
        severity=severity if isinstance(severity, URIRef) else SH.Violation,
        messages=messages,
        deactivated=any(is_true(v) for v in shapes.objects(node, SH.deactivated)),
        constraints=constraints,
    )


def _iris(shapes: Graph, node: Node, predicate: URIRef) -> Iterator[URIRef]:
    for value in shapes.objects(node, predicate):
        if not isinstance(value, URIRef):
            raise ShapesError(f"{predicate.n3()} of {node.n3()} must be an IRI")
        yield value


def _int(shapes: Graph, node: Node, predicate: URIRef) -> list[int]:
    values = []
    for value in shapes.objects(node, predicate):
        try:
            values.append(int(str(value)))
        except ValueError:
            raise ShapesError(f"{predicate.n3()} of {node.n3()} must be an integer") from None
    return values


Builder = Callable[[Graph, Node, Path | None], Iterator[m.Constraint]]


def _value_type(shapes: Graph, node: Node, path: Path | None) -> Iterator[m.Constraint]:
    for cls in shapes.objects(node, SH["class"]):
        yield m.ClassConstraint(component("Class"), cls)
    for datatype in _iris(shapes, node, SH.datatype):
        yield m.DatatypeConstraint(component("Datatype"), datatype)
    for kind in _iris(shapes, node, SH.nodeKind):
        yield m.NodeKindConstraint(component("NodeKind"), kind)


def _cardinality(shapes: Graph, node: Node, path: Path | None) -> Iterator[m.Constraint]:
    if path is None:
        return
    for bound in _int(shapes, node, SH.minCount):
        yield m.CountConstraint(component("MinCount"), bound, is_min=True)
    for bound in _int(shapes, node, SH.maxCount):
        yield m.CountConstraint(component("MaxCount"), bound, is_min=False)


_RANGES = (
    ("minExclusive", "MinExclusive", frozenset({1})),
    ("minInclusive", "MinInclusive", frozenset({0, 1})),
    ("maxExclusive", "MaxExclusive", frozenset({-1})),
    ("maxInclusive", "MaxInclusive", frozenset({-1, 0})),
)


def _value_range(shapes: Graph, node: Node, path: Path | None) -> Iterator[m.Constraint]:
    for parameter, local, accepted in _RANGES:
        for bound in shapes.objects(node, SH[parameter]):
            if not isinstance(bound, Literal):
                raise ShapesError(f"sh:{parameter} of {node.n3()} must be a literal")
            yield m.RangeConstraint(component(local), bound, accepted)


def _string(shapes: Graph, node: Node, path: Path | None) -> Iterator[m.Constraint]:
    for bound in _int(shapes, node, SH.minLength):
        yield m.LengthConstraint(component("MinLength"), bound, is_min=True)
    for bound in _int(shapes, node, SH.maxLength):
        yield m.LengthConstraint(component("MaxLength"), bound, is_min=False)
    flags = str(shapes.value(node, SH.flags) or "")
    for pattern in shapes.objects(node, SH.pattern):
        regex = compile_xpath(str(pattern), flags)
        yield m.PatternConstraint(component("Pattern"), str(pattern), flags, regex)
    for head in shapes.objects(node, SH.languageIn):
        languages = tuple(str(tag) for tag in _list(shapes, head))
        yield m.LanguageInConstraint(component("LanguageIn"), languages)
    if path is not None and any(is_true(v) for v in shapes.objects(node, SH.uniqueLang)):
        yield m.UniqueLangConstraint(component("UniqueLang"))


_PAIRS = (
    ("equals", "Equals", False),
    ("disjoint", "Disjoint", False),
    ("lessThan", "LessThan", True),
    ("lessThanOrEquals", "LessThanOrEquals", True),
)


def _pairs(shapes: Graph, node: Node, path: Path | None) -> Iterator[m.Constraint]:
    for parameter, local, property_only in _PAIRS:
        if property_only and path is None:
            continue
        for predicate in _iris(shapes, node, SH[parameter]):
            yield m.PairConstraint(component(local), predicate, parameter)


def _logical(shapes: Graph, node: Node, path: Path | None) -> Iterator[m.Constraint]:
    for negated in shapes.objects(node, SH["not"]):
        yield m.NotConstraint(component("Not"), negated)
    for kind, local in (("and", "And"), ("or", "Or"), ("xone", "Xone")):
        for head in shapes.objects(node, SH[kind]):
            yield m.ListLogicConstraint(component(local), tuple(_list(shapes, head)), kind)


def _shape_based(shapes: Graph, node: Node, path: Path | None) -> Iterator[m.Constraint]:
    for target in shapes.objects(node, SH.node):
        yield m.NodeConstraint(component("Node"), target)
    for target in shapes.objects(node, SH.property):
        yield m.PropertyConstraint(component("Property"), target)
    qualified = list(shapes.objects(node, SH.qualifiedValueShape))
    if not qualified:
        return
    disjoint = any(is_true(v) for v in shapes.objects(node, SH.qualifiedValueShapesDisjoint))
    siblings = tuple(_siblings(shapes, node)) if disjoint else ()
    for target in qualified:
        others = tuple(s for s in siblings if s != target)
        for bound in _int(shapes, node, SH.qualifiedMinCount):
            yield m.QualifiedConstraint(
                component("QualifiedMinCount"), target, bound, is_min=True, siblings=others
            )
        for bound in _int(shapes, node, SH.qualifiedMaxCount):
            yield m.QualifiedConstraint(
                component("QualifiedMaxCount"), target, bound, is_min=False, siblings=others
            )


def _siblings(shapes: Graph, node: Node) -> Iterator[Node]:
    """Qualified value shapes of the other property shapes of every parent shape (SHACL 4.7.3)."""
    for parent in shapes.subjects(SH.property, node):
        for sibling in shapes.objects(parent, SH.property):
            if sibling != node:
                yield from shapes.objects(sibling, SH.qualifiedValueShape)


def _other(shapes: Graph, node: Node, path: Path | None) -> Iterator[m.Constraint]:
    if any(is_true(v) for v in shapes.objects(node, SH.closed)):
        allowed: set[URIRef] = set()
        for property_shape in shapes.objects(node, SH.property):
            property_path = shapes.value(property_shape, SH.path)
            if property_path is not None:
                compiled = compile_path(shapes, property_path)
                if isinstance(compiled, PredicatePath):
                    allowed.add(compiled.iri)
        for head in shapes.objects(node, SH.ignoredProperties):
            allowed.update(p for p in _list(shapes, head) if isinstance(p, URIRef))
        yield m.ClosedConstraint(component("Closed"), frozenset(allowed))
    for value in shapes.objects(node, SH.hasValue):
        yield m.HasValueConstraint(component("HasValue"), canonical(value))
    for head in shapes.objects(node, SH["in"]):
        values = frozenset(canonical(v) for v in _list(shapes, head))
        yield m.InConstraint(component("In"), values)
    for sparql in shapes.objects(node, SH.sparql):
        if isinstance(sparql, URIRef | BNode):
            constraint = compile_sparql_constraint(shapes, sparql, path)
            if constraint is not None:
                yield constraint


_BUILDERS: tuple[Builder, ...] = (
    _value_type,
    _cardinality,
    _value_range,
    _string,
    _pairs,
    _logical,
    _shape_based,
    _other,
)
