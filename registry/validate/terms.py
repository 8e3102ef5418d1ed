"""RDF terms and SHACL paths as the strings the report model carries (N-Triples / SPARQL syntax)."""

from __future__ import annotations

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH
from rdflib.term import Node

_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def term_to_nt(term: Node) -> str:
    """An rdflib term in N-Triples syntax (a literal on one line, whatever it contains)."""
    if isinstance(term, Literal):
        text = '"' + str(term).translate(_ESCAPES) + '"'
        if term.language:
            return f"{text}@{term.language}"
        if term.datatype and str(term.datatype) != "http://www.w3.org/2001/XMLSchema#string":
            return f"{text}^^<{term.datatype}>"
        return text
    if isinstance(term, URIRef | BNode):
        return term.n3()
    raise TypeError(f"not an RDF term: {term!r}")


def path_to_sparql(graph: Graph, path: Node) -> str:
    """A SHACL path node written as a SPARQL 1.1 property path over N-Triples terms."""
    if isinstance(path, URIRef):
        return path.n3()
    if (path, SH.inversePath, None) in graph:
        return "^" + _grouped(graph, graph.value(path, SH.inversePath))
    for predicate, suffix in (
        (SH.zeroOrMorePath, "*"),
        (SH.oneOrMorePath, "+"),
        (SH.zeroOrOnePath, "?"),
    ):
        inner = graph.value(path, predicate)
        if inner is not None:
            return _grouped(graph, inner) + suffix
    alternatives = graph.value(path, SH.alternativePath)
    if alternatives is not None:
        members = [_grouped(graph, m) for m in Collection(graph, alternatives)]
        return "(" + "|".join(members) + ")"
    if (path, None, None) in graph and graph.value(path, SH.inversePath) is None:
        members = [_grouped(graph, m) for m in Collection(graph, path)]
        if members:
            return "(" + "/".join(members) + ")"
    raise ValueError(f"not a SHACL path: {path!r}")


def _grouped(graph: Graph, path: Node | None) -> str:
    if path is None:
        raise ValueError("a SHACL path operator lacks its operand")
    return path_to_sparql(graph, path)
