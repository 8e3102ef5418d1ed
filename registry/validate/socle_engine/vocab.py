"""IRIs the engine uses, as rdflib terms."""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import RDF, RDFS, SH, XSD

__all__ = ["RDF", "RDFS", "SH", "XSD", "component"]

DASH = Namespace("http://datashapes.org/dash#")
RDF_LANG_STRING = RDF.langString
XSD_STRING = XSD.string
XSD_BOOLEAN_TRUE_LEXICAL = "true"


def component(local: str) -> URIRef:
    """The IRI of a Core constraint component, from its local name without the suffix."""
    return SH[f"{local}ConstraintComponent"]
