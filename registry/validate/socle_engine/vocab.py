"""IRIs the engine uses, as rdflib terms."""

from __future__ import annotations

from rdflib import Literal, Namespace, URIRef
from rdflib.namespace import RDF, RDFS, SH, XSD
from rdflib.term import Node

__all__ = ["RDF", "RDFS", "SH", "XSD", "component"]

DASH = Namespace("http://datashapes.org/dash#")
RDF_LANG_STRING = RDF.langString
XSD_STRING = XSD.string
XSD_BOOLEAN_TRUE_LEXICAL = "true"


def component(local: str) -> URIRef:
    """The IRI of a Core constraint component, from its local name without the suffix."""
    return SH[f"{local}ConstraintComponent"]


def is_true(term: object) -> bool:
    """Whether ``term`` is exactly ``"true"^^xsd:boolean`` (not ``"1"``: W3C uniqueLang-002)."""
    return isinstance(term, Literal) and term.datatype == XSD.boolean and str(term) == "true"


def canonical(term: Node) -> Node:
    """``"x"^^xsd:string`` as the plain literal ``"x"``: one RDF 1.1 term, two rdflib objects."""
    if isinstance(term, Literal) and term.datatype == XSD.string:
        return Literal(str(term), normalize=False)
    return term
