"""Comparing Socle's engine with pySHACL on one dataset, and explaining each difference by a
written deviation (docs/ENGINE.md, ``test_deviations.py``) or not at all."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

import rdflib
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from registry.validate.pyshacl_engine import PyshaclEngine
from registry.validate.report import ValidationResult
from registry.validate.socle_engine import SocleEngine, parse_graph
from registry.validate.socle_engine.xsd import comparable, is_well_formed
from registry.validate.socle_engine.xsd import compare as xsd_compare

Key = tuple[str, str | None, str, str]
RANGES = {
    f"http://www.w3.org/ns/shacl#{c}ConstraintComponent"
    for c in ("MinInclusive", "MaxInclusive", "MinExclusive", "MaxExclusive")
}
PAIR_ORDER = {
    "http://www.w3.org/ns/shacl#LessThanConstraintComponent",
    "http://www.w3.org/ns/shacl#LessThanOrEqualsConstraintComponent",
}
SHACL = "http://www.w3.org/ns/shacl#"
PATTERN = f"{SHACL}PatternConstraintComponent"
DATATYPE = f"{SHACL}DatatypeConstraintComponent"
COUNTS = {f"{SHACL}MinCountConstraintComponent", f"{SHACL}MaxCountConstraintComponent"}
NESTED = {f"{SHACL}{c}ConstraintComponent" for c in ("SPARQL", "Node", "Or", "And", "Not", "Xone")}
LEXICAL = {f"{SHACL}{c}ConstraintComponent" for c in ("Pattern", "In", "MinLength", "MaxLength", "HasValue")}
DUPLICATE = "pySHACL reports one result twice (the report is a set)"
CRASH = "pySHACL raises an error on incomparable values under sh:lessThan(OrEquals)"


def _identity(result: ValidationResult) -> tuple[object, ...]:
    return (
        result.focus_node,
        result.result_path,
        result.value,
        result.constraint_component,
        result.source_shape,
        result.severity,
    )


def key(result: ValidationResult) -> Key:
    focus = "_:" if result.focus_node.startswith("_:") else result.focus_node
    return (focus, result.result_path, result.constraint_component, result.severity.value)


@dataclass
class Comparison:
    ours: list[ValidationResult]
    theirs: list[ValidationResult]
    unexplained: list[tuple[str, Key]] = field(default_factory=list)
    deviations: Counter[str] = field(default_factory=Counter)

    @property
    def components(self) -> set[str]:
        return {r.constraint_component for r in self.ours}


def lax_lexical(term: Node) -> bool:
    """A literal that rdflib reads differently from the XSD lexical rules (rewrites or accepts)."""
    if not isinstance(term, Literal) or term.datatype is None:
        return False
    normalised = Literal(str(term), datatype=term.datatype, normalize=True)
    ours = is_well_formed(str(term), str(term.datatype))
    return str(normalised) != str(term) or (not ours and not normalised.ill_typed)


def ill_typed(term: Node) -> bool:
    return (
        isinstance(term, Literal)
        and term.datatype is not None
        and not is_well_formed(str(term), str(term.datatype))
    )


def _values(data: rdflib.Graph, k: Key) -> list[Node] | None:
    """The value nodes of the result's focus and path when both are simple, else ``None``."""
    focus, path = k[0], k[1]
    if not focus.startswith("<") or path is None:
        return None
    node = URIRef(focus[1:-1])
    if re.fullmatch(r"<[^<>]*>", path):
        return list(data.objects(node, URIRef(path[1:-1])))
    if re.fullmatch(r"\^<[^<>]*>", path):
        return list(data.subjects(URIRef(path[2:-1]), node))
    return None


def _nearby(data: rdflib.Graph, focus: str, depth: int) -> list[Node]:
    """Terms within ``depth`` steps of the focus node (every blank node's when it is blank)."""
    if focus.startswith("_:"):
        starts: list[Node] = [n for n in data.all_nodes() if isinstance(n, BNode)]
    elif focus.startswith("<"):
        starts = [URIRef(focus[1:-1])]
    else:
        return list(data.all_nodes())  # a literal focus (sh:targetObjectsOf)
    seen: list[Node] = list(starts)
    frontier = starts
    for _ in range(depth):
        reached = [o for s in frontier for o in data.objects(s, None)]
        reached += [s for o in frontier for s in data.subjects(None, o)]
        seen += reached
        frontier = [n for n in reached if not isinstance(n, Literal)]
    return seen


def _on_path(data: rdflib.Graph, k: Key, test: Callable[[Node], bool]) -> bool:
    values = _values(data, k)
    return any(test(v) for v in (values if values is not None else _nearby(data, k[0], 1)))


Explainer = Callable[[rdflib.Graph, Key, str], bool]


def _lexical_accepted(data: rdflib.Graph, k: Key, side: str) -> bool:
    return (
        side == "ours" and k[2] == DATATYPE and _on_path(data, k, lambda t: ill_typed(t) and lax_lexical(t))
    )


def _unordered(term: Node) -> bool:
    """Ill-typed, NaN, or not a number: no SPARQL order comparison with a numeric bound is true."""
    if not isinstance(term, Literal):
        return True
    value = comparable(term)
    return ill_typed(term) or str(term) == "NaN" or value is None or value.family != "numeric"


def _ill_typed_ordered(data: rdflib.Graph, k: Key, side: str) -> bool:
    return side == "ours" and k[2] in RANGES and _on_path(data, k, _unordered)


def _incomparable_pair(data: rdflib.Graph, k: Key, side: str) -> bool:
    """sh:lessThan(OrEquals) where some value and some other value of the focus cannot be compared."""
    if side != "ours" or k[2] not in PAIR_ORDER or not k[0].startswith("<"):
        return False
    values = _values(data, k) or []
    others = list(data.objects(URIRef(k[0][1:-1]), None))
    for value in values:
        for other in others:
            left, right = comparable(value), comparable(other)
            if left is None or right is None or xsd_compare(left, right) is None:
                return True
    return False


def _newline(data: rdflib.Graph, k: Key, side: str) -> bool:
    return (
        side == "ours"
        and k[2] == PATTERN
        and _on_path(data, k, lambda t: isinstance(t, Literal) and str(t).endswith("\n"))
    )


def _rewritten(data: rdflib.Graph, k: Key, side: str) -> bool:
    return k[2] in LEXICAL and _on_path(data, k, rewritten)


def rewritten(term: Node) -> bool:
    """A typed literal whose lexical form rdflib's parser changes (``"1.0E-3"`` → ``"0.001"``)."""
    return (
        isinstance(term, Literal)
        and term.datatype is not None
        and str(Literal(str(term), datatype=term.datatype, normalize=True)) != str(term)
    )


def _merged_values(data: rdflib.Graph, k: Key, side: str) -> bool:
    values = _values(data, k) or []
    normalised = {
        Literal(str(v), datatype=v.datatype, normalize=True) for v in values if isinstance(v, Literal)
    }
    return k[2] in COUNTS and len(normalised) < len([v for v in values if isinstance(v, Literal)])


def _nested_lexical(data: rdflib.Graph, k: Key, side: str) -> bool:
    return k[2] in NESTED and any(lax_lexical(t) or ill_typed(t) for t in _nearby(data, k[0], 2))


EXPLAINERS: dict[str, Explainer] = {
    "rdflib accepts a lexical form outside the XSD lexical space": _lexical_accepted,
    "a value SPARQL cannot compare with the bound (ill-typed, NaN, another type)": _ill_typed_ordered,
    "sh:lessThan(OrEquals) on values that cannot be compared": _incomparable_pair,
    "XPath $ is the end of the string (no match before a final newline)": _newline,
    "rdflib rewrites the lexical form that sh:pattern, sh:in or a length reads": _rewritten,
    "rdflib's normalisation merges two literals into one value (counts)": _merged_values,
    "rdflib's rewritten or lax literal seen by a SPARQL or shape-based constraint": _nested_lexical,
}


def compare(data_bytes: bytes, data_format: str, shapes_bytes: bytes, shapes_format: str) -> Comparison:
    """Both engines on the same bytes; every difference explained by a deviation, or listed."""
    socle = SocleEngine()
    data = parse_graph(data_bytes, format=data_format)
    our_format = {"nt": "ntriples"}.get(shapes_format, shapes_format)
    ours = socle.validate(data, socle.compile(parse_graph(shapes_bytes, format=our_format)))
    rdflib_format = {"ntriples": "nt"}.get(data_format, data_format)
    reference = PyshaclEngine()
    their_data = rdflib.Graph().parse(data=data_bytes, format=rdflib_format)
    their_shapes = rdflib.Graph().parse(data=shapes_bytes, format=shapes_format)
    crashed = False
    try:
        theirs = reference.validate(their_data, reference.compile(their_shapes))
    except Exception as error:
        # pySHACL compares two literals with Python's <= for sh:lessThan(OrEquals), which raises
        # when they are of incomparable types, and refuses blank nodes there; the spec asks for a
        # result ("or where the two values cannot be compared"). Compare the rest.
        if not re.search(r"not supported between instances of 'Literal'|sh:lessThan", str(error)):
            raise
        crashed = True
        for predicate in (SH.lessThan, SH.lessThanOrEquals):
            their_shapes.remove((None, predicate, None))
        theirs = reference.validate(their_data, reference.compile(their_shapes))
        ours = [r for r in ours if r.constraint_component not in PAIR_ORDER]
    distinct = list({_identity(r): r for r in theirs}.values())
    comparison = Comparison(ours, distinct)
    if len(distinct) < len(theirs):
        comparison.deviations[DUPLICATE] += len(theirs) - len(distinct)
    if crashed:
        comparison.deviations[CRASH] += 1
    mine, other = Counter(map(key, ours)), Counter(map(key, theirs))
    for side, extra in (("ours", mine - other), ("theirs", other - mine)):
        for k, count in extra.items():
            reason = next((name for name, ok in EXPLAINERS.items() if ok(data, k, side)), None)
            if reason is None:
                comparison.unexplained.extend([(side, k)] * count)
            else:
                comparison.deviations[reason] += count
    return comparison
