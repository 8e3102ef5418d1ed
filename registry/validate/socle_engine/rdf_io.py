"""Parse RDF bytes into an rdflib graph keeping lexical forms, and without fetching anything.

rdflib normalises typed literals as it parses (``"1_000"^^xsd:integer`` becomes ``"1000"``,
``"2022-10-18 12:35:49"^^xsd:dateTime`` gains its ``T``), which hides the very errors a validator
must report. We parse with pyoxigraph, which keeps every lexical form and refuses remote JSON-LD
contexts, and build rdflib terms with ``normalize=False``. ``xsd:string`` literals become plain
literals (the same term in RDF 1.1), as rdflib's own parsers write them.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from registry.errors import InputError, UnsafeInputError, UnsupportedFormatError
from registry.validate.socle_engine.index import GraphIndex

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


class _IllTypedLiteralFilter(logging.Filter):
    """Silence rdflib's traceback for each ill-typed literal: we expect them, and report them."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("Failed to convert Literal lexical form")


logging.getLogger("rdflib.term").addFilter(_IllTypedLiteralFilter())
_MAX_JSON_DEPTH = 512

FORMATS: dict[str, ox.RdfFormat] = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "xml": ox.RdfFormat.RDF_XML,
    "json-ld": ox.RdfFormat.JSON_LD,
}
EXTENSIONS = {
    ".ttl": "turtle",
    ".turtle": "turtle",
    ".nt": "ntriples",
    ".nq": "nquads",
    ".trig": "trig",
    ".rdf": "xml",
    ".owl": "xml",
    ".xml": "xml",
    ".jsonld": "json-ld",
    ".json": "json-ld",
}


def format_for(path: Path) -> str:
    """The RDF format named by a file's extension."""
    try:
        return EXTENSIONS[path.suffix.lower()]
    except KeyError:
        raise UnsupportedFormatError(
            f"{path.name}: unknown RDF file extension {path.suffix or '(none)'!r}",
            hint="use .ttl, .nt, .nq, .trig, .rdf, .xml or .jsonld",
        ) from None


def parse_file(path: Path, graph: Graph | None = None) -> Graph:
    """Parse one RDF file (format from its extension), base IRI its ``file:`` URI."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror})") from None
    return parse_graph(data, format=format_for(path), base_iri=path.resolve().as_uri(), graph=graph)


def parse_graph(
    data: bytes, *, format: str, base_iri: str | None = None, graph: Graph | None = None
) -> Graph:
    """Parse ``data`` into ``graph`` (a new one by default), keeping lexical forms exactly."""
    target = graph if graph is not None else Graph()
    target.addN((s, p, o, target) for s, p, o in triples(data, format=format, base_iri=base_iri))
    return target


def parse_index_file(path: Path, index: GraphIndex | None = None) -> GraphIndex:
    """Parse one RDF file straight into a :class:`GraphIndex` (the fast path: no rdflib graph)."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror})") from None
    target = index if index is not None else GraphIndex()
    fmt = format_for(path)
    target.add_all(triples(data, format=fmt, base_iri=path.resolve().as_uri()))
    return target


def triples(data: bytes, *, format: str, base_iri: str | None = None) -> Iterator[tuple[Node, Node, Node]]:
    """The triples of ``data`` as rdflib terms (lexical forms kept, equal terms shared)."""
    rdf_format = FORMATS.get(format)
    if rdf_format is None:
        raise UnsupportedFormatError(f"unsupported RDF format {format!r}")
    _refuse_unsafe(data, format)
    cache: dict[object, Node] = {}

    def term(value: object) -> Node:
        found = cache.get(value)
        if found is None:
            found = cache[value] = from_ox(value)
        return found

    try:
        for quad in ox.parse(data, format=rdf_format, base_iri=base_iri, lenient=False):
            yield term(quad.subject), term(quad.predicate), term(quad.object)
    except SyntaxError as error:
        line = getattr(error, "lineno", None)
        raise InputError(f"{format} syntax error: {error.msg}", line=line) from None
    except (ValueError, OSError) as error:
        raise InputError(f"{format} cannot be read: {error}") from None


def from_ox(term: object) -> Node:
    """A pyoxigraph term as an rdflib term, lexical form untouched."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language, normalize=False)
        datatype = term.datatype.value
        if datatype == _XSD_STRING:
            return Literal(term.value, normalize=False)
        return Literal(term.value, datatype=URIRef(datatype), normalize=False)
    raise InputError(f"unsupported RDF term {term!r} (RDF-star triples are not read)")


def _refuse_unsafe(data: bytes, format: str) -> None:
    if format == "xml" and re.search(rb"<!(DOCTYPE|ENTITY)", data[:65536], re.IGNORECASE):
        raise UnsafeInputError("RDF/XML with a DOCTYPE or ENTITY declaration is refused")
    if format == "json-ld" and _json_depth(data) > _MAX_JSON_DEPTH:
        raise UnsafeInputError(f"JSON-LD nested deeper than {_MAX_JSON_DEPTH} levels is refused")


def _json_depth(data: bytes) -> int:
    """Maximum bracket nesting of a JSON text, ignoring brackets inside strings (a byte scan)."""
    depth = deepest = 0
    in_string = escaped = False
    for byte in data:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:
                escaped = True
            elif byte == 0x22:
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):
            depth += 1
            deepest = max(deepest, depth)
        elif byte in (0x5D, 0x7D):
            depth -= 1
    return deepest
