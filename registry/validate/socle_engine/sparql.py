"""SHACL-SPARQL constraints (``sh:sparql`` + ``sh:select``) run with pyoxigraph, per focus node."""

from __future__ import annotations

from collections.abc import Iterator

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL
from rdflib.term import Node

from registry.validate.socle_engine import model as m
from registry.validate.socle_engine.errors import ShapesError
from registry.validate.socle_engine.index import GraphIndex
from registry.validate.socle_engine.paths import Path, to_sparql
from registry.validate.socle_engine.sparql_text import (
    check_query,
    inject_values,
    substitute_path,
    uses_variable,
)
from registry.validate.socle_engine.vocab import SH, component, is_true

SHAPES_GRAPH = "urn:x-socle:shapes-graph"


def compile_sparql_constraint(shapes: Graph, node: Node, path: Path | None) -> m.SparqlConstraint | None:
    """The constraint at ``node`` (``None`` when deactivated); its query checked and prefixed."""
    if any(is_true(v) for v in shapes.objects(node, SH.deactivated)):
        return None
    selects = list(shapes.objects(node, SH.select))
    if len(selects) != 1 or not isinstance(selects[0], Literal):
        raise ShapesError(f"SPARQL constraint {node.n3()} needs exactly one sh:select string")
    where = f"SPARQL constraint {node.n3()}"
    select = str(selects[0])
    check_query(select, where=where)
    if path is not None:
        select = substitute_path(select, to_sparql(path))
    elif uses_variable(select, "PATH"):
        raise ShapesError(f"{where}: $PATH used in a node shape")
    prologue = prologue_for(shapes, node, where)
    messages = tuple(o for o in shapes.objects(node, SH.message) if isinstance(o, Literal))
    return m.SparqlConstraint(component("SPARQL"), node, prologue + select, messages)


def prologue_for(shapes: Graph, node: Node, where: str) -> str:
    """``PREFIX`` declarations from the ``sh:prefixes`` of ``node``."""
    return "".join(
        f"PREFIX {prefix}: <{namespace}>\n" for prefix, namespace in _prefixes(shapes, node, where)
    )


def _prefixes(shapes: Graph, node: Node, where: str) -> Iterator[tuple[str, str]]:
    seen: dict[str, str] = {}
    for holder in _imports_closure(shapes, list(shapes.objects(node, SH.prefixes))):
        for declaration in shapes.objects(holder, SH.declare):
            prefix = shapes.value(declaration, SH.prefix)
            namespace = shapes.value(declaration, SH.namespace)
            if prefix is None or namespace is None:
                raise ShapesError(f"{where}: sh:declare needs sh:prefix and sh:namespace")
            if seen.get(str(prefix), str(namespace)) != str(namespace):
                raise ShapesError(f"{where}: prefix {prefix} declared twice")
            seen[str(prefix)] = str(namespace)
    yield from seen.items()


def _imports_closure(shapes: Graph, start: list[Node]) -> list[Node]:
    """``start`` and what it ``owl:imports``, transitively, within the shapes graph (no fetch)."""
    found = list(dict.fromkeys(start))
    for holder in found:
        for imported in shapes.objects(holder, OWL.imports):
            if imported not in found:
                found.append(imported)
    return found


def to_ox(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """An rdflib term as a pyoxigraph term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


def from_ox(term: object) -> Node:
    """A pyoxigraph term as an rdflib term."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language, normalize=False)
        if term.datatype.value == "http://www.w3.org/2001/XMLSchema#string":
            return Literal(term.value, normalize=False)
        return Literal(term.value, datatype=URIRef(term.datatype.value), normalize=False)
    raise TypeError(f"not an RDF term: {term!r}")


class SparqlRunner:
    """The data graph loaded once into a pyoxigraph store; runs constraints for one focus node."""

    def __init__(self, data: GraphIndex, shapes: Graph) -> None:
        self._data = data
        self._shapes = shapes
        self._store: ox.Store | None = None

    @property
    def store(self) -> ox.Store:
        if self._store is None:
            store = ox.Store()
            store.bulk_extend(
                ox.Quad(to_ox(s), to_ox(p), to_ox(o), ox.DefaultGraph())  # type: ignore[arg-type]
                for s, p, o in self._data
            )
            graph = ox.NamedNode(SHAPES_GRAPH)
            store.bulk_extend(
                ox.Quad(to_ox(s), to_ox(p), to_ox(o), graph)  # type: ignore[arg-type]
                for s, p, o in self._shapes
            )
            self._store = store
        return self._store

    def solutions(self, constraint: m.SparqlConstraint, shape: Node, focus: Node) -> list[dict[str, Node]]:
        """The solutions of the constraint's query with ``$this`` = ``focus`` pre-bound."""
        result = self.run(constraint.query, {"this": focus, "currentShape": shape}, constraint.node)
        assert isinstance(result, list)
        return result

    def run(self, query: str, bindings: dict[str, Node], source: Node) -> list[dict[str, Node]] | bool:
        """Run a SELECT (its solutions) or an ASK (a boolean), ``bindings`` pre-bound everywhere."""
        values: dict[str, str] = {}
        substitutions: dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple] = {}
        for name, term in {**bindings, "shapesGraph": URIRef(SHAPES_GRAPH)}.items():
            if not uses_variable(query, name):
                continue
            if isinstance(term, BNode):
                substitutions[ox.Variable(name)] = to_ox(term)  # VALUES cannot name a blank node
            else:
                values[name] = term.n3()
        text = inject_values(query, values)
        try:
            result = self.store.query(
                text, substitutions=substitutions or None, use_default_graph_as_union=False
            )
        except (SyntaxError, RuntimeError, ValueError) as error:
            raise ShapesError(f"SPARQL query of {source.n3()}: {error}") from None
        if isinstance(result, ox.QueryBoolean):
            return bool(result)
        if not isinstance(result, ox.QuerySolutions):
            raise ShapesError(f"SPARQL query of {source.n3()} must be a SELECT or ASK query")
        names = [v.value for v in result.variables]
        out = []
        for solution in result:
            row: dict[str, Node] = {}
            for name in names:
                value = solution[name]
                if value is not None:
                    row[name] = from_ox(value)
            out.append(row)
        return out
