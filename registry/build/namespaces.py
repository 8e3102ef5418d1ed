"""RDF namespaces used by the build (one place, so every artifact agrees)."""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SH, SKOS, XSD

CORE = Namespace("https://w3id.org/socle/def/core/")
QUDT = Namespace("http://qudt.org/schema/qudt/")
SCHEMA = Namespace("http://schema.org/")
VANN = Namespace("http://purl.org/vocab/vann/")

__all__ = ["CORE", "DCTERMS", "OWL", "QUDT", "RDF", "RDFS", "SCHEMA", "SH", "SKOS", "VANN", "XSD"]
