"""SHACL Core constraint components (SHACL 4.1–4.8): one function each, yielding its results."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from registry.validate.socle_engine import model as m
from registry.validate.socle_engine.errors import ShapesError
from registry.validate.socle_engine.messages import fill_template
from registry.validate.socle_engine.paths import PredicatePath
from registry.validate.socle_engine.results import RawResult
from registry.validate.socle_engine.vocab import SH, canonical
from registry.validate.socle_engine.xsd import comparable, compare, conforms_to_datatype

if TYPE_CHECKING:
    from registry.validate.socle_engine.evaluator import Validator

Check = Callable[["Validator", m.Shape, Any, Node, Sequence[Node]], Iterator[RawResult]]


def _result(
    shape: m.Shape, constraint: m.Constraint, focus: Node, value: Node | None = None, **extra: Any
) -> RawResult:
    fields: dict[str, Any] = {"path": shape.path, "messages": shape.messages, **extra}
    return RawResult(
        focus=focus,
        component=constraint.component,
        shape=shape.node,
        severity=shape.severity,
        value=value,
        **fields,
    )


def check_class(
    v: Validator, shape: m.Shape, c: m.ClassConstraint, focus: Node, values: Sequence[Node]
) -> Iterator[RawResult]:
    for value in values:
        if not v.is_instance(value, c.cls):
            yield _result(shape, c, focus, value)


def check_datatype(
    v: Validator, shape: m.Shape, c: m.DatatypeConstraint, focus: Node, values: Sequence[Node]
) -> Iterator[RawResult]:
    for value in values:
        if not conforms_to_datatype(value, c.datatype):
            yield _result(shape, c, focus, value)


_KINDS: dict[URIRef, tuple[type, ...]] = {
    SH.IRI: (URIRef,),
    SH.BlankNode: (BNode,),
    SH.Literal: (Literal,),
    SH.BlankNodeOrIRI: (BNode, URIRef),
    SH.BlankNodeOrLiteral: (BNode, Literal),
    SH.IRIOrLiteral: (URIRef, Literal),
}


def check_node_kind(
    v: Validator, shape: m.Shape, c: m.NodeKindConstraint, focus: Node, values: Sequence[Node]
) -> Iterator[RawResult]:
    kinds = _KINDS.get(c.kind, ())
    for value in values:
        if not isinstance(value, kinds):
            yield _result(shape, c, focus, value)


def check_count(
    v: Validator, shape: m.Shape, c: m.CountConstraint, focus: Node, values: Sequence[Node]
) -> Iterator[RawResult]:
    if (len(values) < c.bound) if c.is_min else (len(values) > c.bound):
        yield _result(shape, c, focus)


def check_range(
    v: Validator, shape: m.Shape, c: m.RangeConstraint, focus: Node, values: Sequence[Node]
) -> Iterator[RawResult]:
    bound = comparable(c.bound)  # cached: the same literal every time
    for value in values:
        left = comparable(value)
        order = compare(left, bound) if left is not None and bound is not None else None
        if order not in c.accepted:
            yield _result(shape, c, focus, value)


def check_length(
    v: Validator, shape: m.Shape, c: m.LengthConstraint, focus: Node, values: Sequence[Node]
) -> Iterator[RawResult]:
    for value in values:
        if isinstance(value, BNode):
            yield _result(shape, c, focus, value)
            continue
        length = len(str(value))
        if (length < c.bound) if c.is_min else (length > c.bound):
            yield _result(shape, c, focus, value)


def check_pattern(
    v: Validator, shape: m.Shape, c: m.PatternConstraint, focus: Node, values: Sequence[Node]
) -> Iterator[RawResult]:
    for value in values:
        if isinstance(value, BNode) or c.regex.search(str(value)) is None:
            yield _result(shape, c, focus, value)


def lang_matches(tag: str, language_range: str) -> bool:
    """SPARQL ``langMatches`` (RFC 4647 basic filtering)."""
    tag, language_range = tag.lower(), language_range.lower()
    if language_range == "*":
        return tag != ""
    return tag == language_range or tag.startswith(language_range + "-")


def check_language_in(
    v: Validator, shape: m.Shape, c: m.LanguageInConstraint, focus: Node, values: Sequence[Node]
) -> Iterator[RawResult]:
    for value in values:
        tag = value.language if isinstance(value, Literal) else None
        if not tag or not any(lang_matches(tag, r) for r in c.languages):
            yield _result(shape, c, focus, value)


def check_unique_lang(
    v: Validator, shape: m.Shape, c: m.UniqueLangConstraint, focus: Node, values: Sequence[Node]
) -> Iterator[RawResult]:
    tags = Counter(
        value.language.lower() for value in values if isinstance(value, Literal) and value.language
    )
    for _tag, count in tags.items():
        if count > 1:
            yield _result(shape, c, focus)


def check_pair(
    v: Validator, shape: m.Shape, c: m.PairConstraint, focus: Node, values: Sequence[Node]
) -> Iterator[RawResult]:
    others = list(dict.fromkeys(canonical(o) for o in v.data.objects(focus, c.predicate)))
    mine = [canonical(value) for value in values]
    if c.kind == "equals":
        other_set, mine_set = set(others), set(mine)
        for value in mine:
            if value not in other_set:
                yield _result(shape, c, focus, value)
        for other in others:
            if other not in mine_set:
                yield _result(shape, c, focus, other)
    elif c.kind == "disjoint":
        other_set = set(others)
        for value in mine:
            if value in other_set:
                yield _result(shape, c, focus, value)
    else:
        accepted = {-1} if c.kind == "lessThan" else {-1, 0}
        for value in mine:
            left = comparable(value)
            for other in others:
                right = comparable(other)
                order = compare(left, right) if left is not None and right is not None else None
                if order not in accepted:
                    yield _result(shape, c, focus, value)


def check_not(
    v: Validator, shape: m.Shape, c: m.NotConstraint, focus: Node, values: Sequence[Node]
) -> Iterator[RawResult]:
    for value in values:
        if v.conforms(value, c.shape):
            yield _result(shape, c, focus, value)


def check_list_logic(
    v: Validator, shape: m.Shape, c: m.ListLogicConstraint, focus: Node, values: Sequence[Node]
) -> Iterator[RawResult]:
    for value in values:
        if c.kind == "and":
            ok = all(v.conforms(value, member) for member in c.shapes)
        elif c.kind == "or":
            ok = any(v.conforms(value, member) for member in c.shapes)
        else:
            ok = sum(1 for member in c.shapes if v.conforms(value, member)) == 1
        if not ok:
            yield _result(shape, c, focus, value)


def check_node(
    v: Validator, shape: m.Shape, c: m.NodeConstraint, focus: Node, values: Sequence[Node]
) -> Iterator[RawResult]:
    for value in values:
        if not v.conforms(value, c.shape):
            yield _result(shape, c, focus, value)


def check_property(
    v: Validator, shape: m.Shape, c: m.PropertyConstraint, focus: Node, values: Sequence[Node]
) -> Iterator[RawResult]:
    for value in values:
        yield from v.validate_shape(c.shape, value)


def check_qualified(
    v: Validator, shape: m.Shape, c: m.QualifiedConstraint, focus: Node, values: Sequence[Node]
) -> Iterator[RawResult]:
    count = sum(
        1
        for value in values
        if v.conforms(value, c.shape) and not any(v.conforms(value, s) for s in c.siblings)
    )
    if (count < c.bound) if c.is_min else (count > c.bound):
        yield _result(shape, c, focus)


def check_closed(
    v: Validator, shape: m.Shape, c: m.ClosedConstraint, focus: Node, values: Sequence[Node]
) -> Iterator[RawResult]:
    for value in values:
        for predicate, obj in v.data.predicate_objects(value):
            if predicate not in c.allowed:
                assert isinstance(predicate, URIRef)
                yield _result(shape, c, focus, obj, path=PredicatePath(predicate))


def check_has_value(
    v: Validator, shape: m.Shape, c: m.HasValueConstraint, focus: Node, values: Sequence[Node]
) -> Iterator[RawResult]:
    if not any(canonical(value) == c.value for value in values):
        yield _result(shape, c, focus)


def check_in(
    v: Validator, shape: m.Shape, c: m.InConstraint, focus: Node, values: Sequence[Node]
) -> Iterator[RawResult]:
    for value in values:
        if canonical(value) not in c.values:
            yield _result(shape, c, focus, value)


def check_sparql(
    v: Validator, shape: m.Shape, c: m.SparqlConstraint, focus: Node, values: Sequence[Node]
) -> Iterator[RawResult]:
    for row in v.sparql.solutions(c, shape.node, focus):
        if _is_true_literal(row.get("failure")):
            raise ShapesError(f"SPARQL constraint {c.node.n3()} reported a failure")
        path: Any = shape.path
        path_value = row.get("path")
        if isinstance(path_value, URIRef):
            path = PredicatePath(path_value)
        value = row.get("value", focus if shape.path is None else None)
        templates = c.messages or shape.messages
        messages = tuple(fill_template(t, row) for t in templates)
        yield _result(shape, c, focus, value, path=path, messages=messages, source_constraint=c.node)


def check_component(
    v: Validator, shape: m.Shape, c: m.ComponentConstraint, focus: Node, values: Sequence[Node]
) -> Iterator[RawResult]:
    parameters = dict(c.parameters)
    base: dict[str, Node] = {"this": focus, "currentShape": shape.node, **parameters}
    templates = c.messages or shape.messages
    if c.ask:
        for value in values:
            if v.sparql.run(c.query, {**base, "value": value}, c.validator) is False:
                messages = tuple(fill_template(t, {**base, "value": value}) for t in templates)
                yield _result(shape, c, focus, value, messages=messages)
        return
    solutions = v.sparql.run(c.query, base, c.validator)
    assert isinstance(solutions, list)
    for row in solutions:
        if _is_true_literal(row.get("failure")):
            raise ShapesError(f"validator {c.validator.n3()} reported a failure")
        path: Any = shape.path
        if isinstance(row.get("path"), URIRef):
            path = PredicatePath(row["path"])  # type: ignore[arg-type]
        reported = row.get("value", focus if shape.path is None else None)
        messages = tuple(fill_template(t, {**base, **row}) for t in templates)
        yield _result(shape, c, focus, reported, path=path, messages=messages)


def _is_true_literal(term: Node | None) -> bool:
    return isinstance(term, Literal) and str(term) in ("true", "1")


CHECKS: dict[type[m.Constraint], Check] = {
    m.ClassConstraint: check_class,
    m.DatatypeConstraint: check_datatype,
    m.NodeKindConstraint: check_node_kind,
    m.CountConstraint: check_count,
    m.RangeConstraint: check_range,
    m.LengthConstraint: check_length,
    m.PatternConstraint: check_pattern,
    m.LanguageInConstraint: check_language_in,
    m.UniqueLangConstraint: check_unique_lang,
    m.PairConstraint: check_pair,
    m.NotConstraint: check_not,
    m.ListLogicConstraint: check_list_logic,
    m.NodeConstraint: check_node,
    m.PropertyConstraint: check_property,
    m.QualifiedConstraint: check_qualified,
    m.ClosedConstraint: check_closed,
    m.HasValueConstraint: check_has_value,
    m.InConstraint: check_in,
    m.SparqlConstraint: check_sparql,
    m.ComponentConstraint: check_component,
}
