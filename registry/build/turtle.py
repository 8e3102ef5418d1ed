"""Turtle that writes every literal as it was given.

rdflib's Turtle writer prints a boolean or number literal in its short form from the Python value,
so an ill-typed ``"oui"^^xsd:boolean`` comes out as the invalid token ``oui``. This writer goes
through canonical, sorted N-Triples (lexical forms and stable blank node labels kept) and pyoxigraph's serialiser: stable, faithful output.
"""

from __future__ import annotations

import pyoxigraph
from rdflib import Graph
from rdflib.compare import to_canonical_graph


def faithful_turtle(graph: Graph) -> str:
    """``graph`` as Turtle with its bound prefixes, triples in sorted order."""
    canonical = Graph()
    for triple in to_canonical_graph(graph):
        canonical.add(triple)
    lines = sorted(line for line in canonical.serialize(format="nt").splitlines() if line.strip())
    triples = pyoxigraph.parse(
        "\n".join(lines).encode("utf-8"), format=pyoxigraph.RdfFormat.N_TRIPLES
    )
    prefixes = {
        prefix: str(namespace)
        for prefix, namespace in graph.namespaces()
        if prefix
        and not prefix.startswith(("ns", "brick", "csvw", "dc", "dcat", "dcmitype", "doap"))
    }
    used = {p: ns for p, ns in sorted(prefixes.items()) if any(ns in line for line in lines)}
    text = pyoxigraph.serialize(triples, format=pyoxigraph.RdfFormat.TURTLE, prefixes=used)
    return bytes(text or b"").decode("utf-8")
