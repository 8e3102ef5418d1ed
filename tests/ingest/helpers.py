"""Helpers of the ingestion tests: graphs compared with numbers by value, blank nodes by isomorphism."""

from __future__ import annotations

import contextlib

import rdflib
from rdflib.compare import isomorphic

from registry.build.schema import DomainSchema
from registry.ingest import ingest
from registry.ingest.model import Ingested, IngestOptions, InputFile

XSD = "http://www.w3.org/2001/XMLSchema#"
NUMERIC = {rdflib.URIRef(f"{XSD}{t}") for t in ("double", "float", "decimal", "integer")}


def by_value(graph: rdflib.Graph) -> rdflib.Graph:
    """The graph with numeric literals written canonically (``45.7702`` = ``4.57702E1``)."""
    out = rdflib.Graph()
    for s, p, o in graph:
        if isinstance(o, rdflib.Literal) and o.datatype in NUMERIC:
            with contextlib.suppress(ValueError):
                o = rdflib.Literal(repr(float(str(o))), datatype=o.datatype, normalize=False)
        out.add((s, p, o))
    return out


def same_graph(a: rdflib.Graph, b: rdflib.Graph) -> bool:
    return isomorphic(by_value(a), by_value(b))


def read(
    data: bytes | str,
    schema: DomainSchema,
    name: str | None = None,
    content_type: str | None = None,
    **options: object,
) -> Ingested:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return ingest([InputFile(raw, name=name, content_type=content_type)], schema, IngestOptions(**options))  # type: ignore[arg-type]
