"""SHACL property paths: compiled from shapes, evaluated on data, written as SPARQL."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rdflib import BNode, Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from registry.validate.socle_engine.errors import ShapesError
from registry.validate.socle_engine.index import GraphIndex


@dataclass(frozen=True, slots=True)
class PredicatePath:
    iri: URIRef


@dataclass(frozen=True, slots=True)
class InversePath:
    path: Path


@dataclass(frozen=True, slots=True)
class SequencePath:
    members: tuple[Path, ...]


@dataclass(frozen=True, slots=True)
class AlternativePath:
    members: tuple[Path, ...]


@dataclass(frozen=True, slots=True)
class ZeroOrMorePath:
    path: Path


@dataclass(frozen=True, slots=True)
class OneOrMorePath:
    path: Path


@dataclass(frozen=True, slots=True)
class ZeroOrOnePath:
    path: Path


Path = (
    PredicatePath
    | InversePath
    | SequencePath
    | AlternativePath
    | ZeroOrMorePath
    | OneOrMorePath
    | ZeroOrOnePath
)

_UNARY: tuple[tuple[URIRef, type[InversePath | ZeroOrMorePath | OneOrMorePath | ZeroOrOnePath]], ...] = (
    (SH.inversePath, InversePath),
    (SH.zeroOrMorePath, ZeroOrMorePath),
    (SH.oneOrMorePath, OneOrMorePath),
    (SH.zeroOrOnePath, ZeroOrOnePath),
)


def compile_path(shapes: Graph, node: Node, _seen: frozenset[Node] = frozenset()) -> Path:
    """The path described by ``node`` in the shapes graph (SHACL 2.3.1)."""
    if isinstance(node, URIRef):
        return PredicatePath(node)
    if not isinstance(node, BNode) or node in _seen:
        raise ShapesError(f"ill-formed SHACL path {node.n3()}")
    seen = _seen | {node}
    # a list wins over any other key on the same node (W3C path-strange-001, -002)
    if shapes.value(node, RDF.first) is not None:
        members = tuple(compile_path(shapes, m, seen) for m in _list(shapes, node))
        if len(members) < 2:
            raise ShapesError("a sequence path needs a list of at least two paths")
        return SequencePath(members)
    for predicate, kind in _UNARY:
        inner = shapes.value(node, predicate)
        if inner is not None:
            return kind(compile_path(shapes, inner, seen))
    alternatives = shapes.value(node, SH.alternativePath)
    if alternatives is not None:
        members = tuple(compile_path(shapes, m, seen) for m in _list(shapes, alternatives))
        if len(members) < 2:
            raise ShapesError("sh:alternativePath needs a list of at least two paths")
        return AlternativePath(members)
    raise ShapesError(f"ill-formed SHACL path {node.n3()}")


def _list(shapes: Graph, head: Node) -> list[Node]:
    return list(Collection(shapes, head))


def evaluate(graph: GraphIndex, path: Path, focus: Node) -> list[Node]:
    """The value nodes reached from ``focus`` by ``path``: a set, in first-reached order."""
    return list(dict.fromkeys(_walk(graph, path, (focus,))))


def _walk(graph: GraphIndex, path: Path, starts: Iterable[Node]) -> Iterable[Node]:
    if isinstance(path, PredicatePath):
        for start in starts:
            yield from graph.objects(start, path.iri)
    elif isinstance(path, InversePath):
        yield from _inverse(graph, path.path, starts)
    elif isinstance(path, SequencePath):
        current: Iterable[Node] = starts
        for member in path.members:
            current = list(dict.fromkeys(_walk(graph, member, current)))
        yield from current
    elif isinstance(path, AlternativePath):
        starts = list(starts)
        for member in path.members:
            yield from _walk(graph, member, starts)
    elif isinstance(path, ZeroOrOnePath):
        starts = list(starts)
        yield from starts
        yield from _walk(graph, path.path, starts)
    else:
        starts = list(starts)
        seen: dict[Node, None] = dict.fromkeys(starts) if isinstance(path, ZeroOrMorePath) else {}
        frontier = starts
        while frontier:
            reached = [n for n in dict.fromkeys(_walk(graph, path.path, frontier)) if n not in seen]
            seen.update(dict.fromkeys(reached))
            frontier = reached
        yield from seen


def _inverse(graph: GraphIndex, path: Path, starts: Iterable[Node]) -> Iterable[Node]:
    """Walk ``path`` backwards (``^path``)."""
    if isinstance(path, PredicatePath):
        for start in starts:
            yield from graph.subjects(path.iri, start)
    elif isinstance(path, InversePath):
        yield from _walk(graph, path.path, starts)
    elif isinstance(path, SequencePath):
        reversed_members = tuple(InversePath(m) for m in reversed(path.members))
        yield from _walk(graph, SequencePath(reversed_members), starts)
    elif isinstance(path, AlternativePath):
        yield from _walk(graph, AlternativePath(tuple(InversePath(m) for m in path.members)), starts)
    else:
        yield from _walk(graph, type(path)(InversePath(path.path)), starts)


def to_sparql(path: Path) -> str:
    """The path in SPARQL 1.1 syntax, as :func:`registry.validate.terms.path_to_sparql` does."""
    if isinstance(path, PredicatePath):
        return path.iri.n3()
    if isinstance(path, InversePath):
        return "^" + to_sparql(path.path)
    if isinstance(path, SequencePath):
        return "(" + "/".join(to_sparql(m) for m in path.members) + ")"
    if isinstance(path, AlternativePath):
        return "(" + "|".join(to_sparql(m) for m in path.members) + ")"
    suffix = {ZeroOrMorePath: "*", OneOrMorePath: "+", ZeroOrOnePath: "?"}[type(path)]
    return to_sparql(path.path) + suffix
