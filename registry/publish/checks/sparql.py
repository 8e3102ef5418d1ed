"""Release check ``sparql``: every SPARQL query of the shapes parses and stays inside the data graph.

The queries are every ``sh:select`` and ``sh:ask`` of the bundle's ``shapes.ttl``: those of
``sh:sparql`` constraints and of the validators of SPARQL-based constraint components (and of
SPARQL-based targets, if any). Each is read with the ``PREFIX`` declarations of its ``sh:prefixes``
(as the engine reads it, ``$PATH`` standing for a path), parsed into SPARQL algebra, and refused when
the algebra holds ``SERVICE`` (a query to another endpoint), ``FROM`` / ``FROM NAMED`` or ``GRAPH``
(a constraint sees the data graph only, DESIGN.md decision 3). The algebra is walked, so the words in
comments, strings and IRIs do not count. A query rdflib reads is also prepared by pyoxigraph, which
runs constraints in the engine, on an empty store.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import rdflib
from rdflib.namespace import SH
from rdflib.term import Node

from registry.publish.checks import CheckFailure
from registry.publish.checks.patterns import describe_shape
from registry.validate.socle_engine.errors import ShapesError
from registry.validate.socle_engine.sparql import prologue_for
from registry.validate.socle_engine.sparql_text import substitute_path

CHECK = "sparql"
PATH_STAND_IN = "<urn:x-socle:path>"

FORBIDDEN = {
    "ServiceGraphPattern": ("SERVICE", "interroge un autre service", "queries another endpoint"),
    "GraphGraphPattern": ("GRAPH", "sort du graphe de données", "leaves the data graph"),
    "Graph": ("GRAPH", "sort du graphe de données", "leaves the data graph"),
}
"""Algebra (and parse-tree) nodes a constraint may not use: keyword, why in French and English."""


@dataclass(frozen=True)
class Query:
    """One query of the shapes: the node that holds it, its kind and its text."""

    node: Node
    kind: str
    text: str


def check_sparql(bundle: Path) -> list[CheckFailure]:
    """Every query of the bundle's shapes that does not parse or uses SERVICE, FROM or GRAPH."""
    shapes = rdflib.Graph().parse(data=(bundle / "shapes.ttl").read_bytes(), format="turtle")
    failures = []
    for query in shape_queries(shapes):
        failures += query_failures(shapes, query)
    return failures


def shape_queries(shapes: rdflib.Graph) -> Iterator[Query]:
    """Every ``sh:select`` and ``sh:ask`` of a shapes graph."""
    for kind in (SH.select, SH.ask):
        for node, text in sorted(shapes.subject_objects(kind)):
            yield Query(node, f"sh:{kind.fragment}", str(text))


def query_failures(shapes: rdflib.Graph, query: Query) -> list[CheckFailure]:
    """Why one query is refused (an empty list when it is accepted)."""
    element = describe_shape(shapes, query.node)
    where_fr = f"La requête {query.kind} de {element}"
    where_en = f"The {query.kind} query of {element}"
    try:
        prologue = prologue_for(shapes, query.node, element)
    except ShapesError as error:
        return [
            _failure(
                element,
                f"{where_fr} a des préfixes invalides : {error.detail}",
                f"{where_en} has invalid prefixes: {error.detail}",
            )
        ]
    text = prologue + substitute_path(query.text, PATH_STAND_IN)
    try:
        algebra = _algebra(text)
    except Exception as error:  # pyparsing's ParseException and rdflib's errors
        reason = " ".join(str(error).split())
        return [
            _failure(
                element,
                f"{where_fr} ne se lit pas en SPARQL 1.1 : {reason}",
                f"{where_en} does not parse as SPARQL 1.1: {reason}",
            )
        ]
    failures = [
        _failure(
            element,
            f"{where_fr} utilise {keyword}, qui {why_fr} : une contrainte ne lit que le graphe de données.",
            f"{where_en} uses {keyword}, which {why_en}: a constraint reads the data graph only.",
        )
        for keyword, why_fr, why_en in sorted(set(forbidden_forms(algebra)))
    ]
    if not failures:
        refusal = _pyoxigraph_refusal(text)
        if refusal is not None:
            failures.append(
                _failure(
                    element,
                    f"{where_fr} est refusée par le moteur (pyoxigraph) : {refusal}",
                    f"{where_en} is refused by the engine (pyoxigraph): {refusal}",
                )
            )
    return failures


def forbidden_forms(node: Any) -> Iterator[tuple[str, str, str]]:
    """The forbidden forms in a parsed query: ``(keyword, why in French, why in English)``."""
    from rdflib.plugins.sparql.parserutils import CompValue

    if isinstance(node, CompValue):
        if node.name in FORBIDDEN:
            yield FORBIDDEN[node.name]
        if node.name == "DatasetClause":
            if "named" in node:
                yield ("FROM NAMED", "choisit d'autres graphes", "chooses other graphs")
            else:
                yield ("FROM", "choisit d'autres graphes", "chooses other graphs")
        for value in node.values():
            yield from forbidden_forms(value)
    elif isinstance(node, list | tuple | set):
        for value in node:
            yield from forbidden_forms(value)
    elif isinstance(node, dict):
        for value in node.values():
            yield from forbidden_forms(value)


def _algebra(text: str) -> Any:
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery

    return translateQuery(parseQuery(text)).algebra


def _pyoxigraph_refusal(text: str) -> str | None:
    import pyoxigraph

    try:
        result = pyoxigraph.Store().query(text)
        if isinstance(result, pyoxigraph.QuerySolutions):
            list(result)
    except SyntaxError as error:
        return " ".join(str(error).split())
    except OSError:  # an evaluation error on the empty store says nothing about the query's form
        return None
    return None


def _failure(element: str, message_fr: str, message_en: str) -> CheckFailure:
    return CheckFailure(check=CHECK, element=element, message_fr=message_fr, message_en=message_en)
