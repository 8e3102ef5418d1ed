"""RDF input (Turtle, N-Triples, RDF/XML, JSON-LD), parsed from bytes we hold with pyoxigraph.

pyoxigraph keeps every literal's lexical form (rdflib would normalise ``"1_000"^^xsd:integer`` and hide
the error a validator must report), fetches nothing, and is given no document loader. Before it runs:
an RDF/XML document with a DOCTYPE or ENTITY declaration is refused (entity expansion), and a JSON-LD
document is read as JSON (depth bounded by a byte scan first), every ``@context`` in it checked: a
remote, relative or ``file:`` context and any ``@import`` are refused, except the registry's own
context URLs (``{ontology}/{version}/context.jsonld`` of the module and the modules it imports), which
are replaced by the locally built context. ``owl:imports`` are never followed; a notice says so.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef

from registry.build.context import context_document
from registry.build.schema import DomainSchema
from registry.errors import InputError, InputTooLargeError, UnsafeInputError
from registry.ingest.json_text import load_json
from registry.ingest.limits import decode_utf8, require_short, shorten, where
from registry.ingest.model import InputFormat, Notice
from registry.validate.socle_engine.rdf_io import from_ox

OWL_IMPORTS = URIRef("http://www.w3.org/2002/07/owl#imports")
_OX_FORMATS = {
    InputFormat.TURTLE: ox.RdfFormat.TURTLE,
    InputFormat.NTRIPLES: ox.RdfFormat.N_TRIPLES,
    InputFormat.RDFXML: ox.RdfFormat.RDF_XML,
    InputFormat.JSONLD: ox.RdfFormat.JSON_LD,
}
_LABELS = {
    InputFormat.TURTLE: "Turtle",
    InputFormat.NTRIPLES: "N-Triples",
    InputFormat.RDFXML: "RDF/XML",
    InputFormat.JSONLD: "JSON-LD",
}
_DTD = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_OX_POSITION = re.compile(r"^Parser error (?:at|between) line[^:]*:\s*")


def read_rdf(
    data: bytes, fmt: InputFormat, schema: DomainSchema, name: str | None
) -> tuple[Graph, list[Notice]]:
    """The triples of one RDF file, and the notices about it (ignored ``owl:imports``)."""
    label = _LABELS[fmt]
    if fmt is InputFormat.JSONLD:
        data = _safe_jsonld(data, schema, name)
    else:
        decode_utf8(data, name, f"{label} read by the registry")
        if fmt is InputFormat.RDFXML and _DTD.search(data):
            raise UnsafeInputError(
                f"{where(name)}RDF/XML with a DOCTYPE or ENTITY declaration is refused "
                "(entities can expand without bound or read other files).",
                hint="Remove the DOCTYPE and write the values out in full.",
            )
    graph = Graph()
    try:
        for quad in ox.parse(data, format=_OX_FORMATS[fmt], lenient=False):
            obj = from_ox(quad.object)
            if isinstance(obj, Literal):
                require_short(str(obj), name, "a literal")
            graph.add((from_ox(quad.subject), from_ox(quad.predicate), obj))
    except SyntaxError as error:
        line, column = _position(error)
        place = f" at line {line}, column {column}" if line else ""
        reason = shorten(_OX_POSITION.sub("", str(error.msg)))
        raise InputError(
            f"{where(name)}{label} syntax error{place}: {reason}",
            hint=f"Correct the {label} at that place; the rest of the file was not read.",
            line=line,
            column=column,
        ) from None
    except MemoryError:
        raise InputTooLargeError(
            f"{where(name)}a {label} literal or token is too large to be read.",
            hint="A value this long is not a field of a record: check the file's quotes.",
        ) from None
    except (ValueError, OSError) as error:
        raise InputError(f"{where(name)}{label} cannot be read: {shorten(str(error))}") from None
    notices = []
    imports = sorted(str(o) for o in graph.objects(None, OWL_IMPORTS))
    if imports:
        listed = ", ".join(imports[:5]) + (" …" if len(imports) > 5 else "")
        notices.append(
            Notice(
                code="owl-imports-ignored",
                message_fr=f"owl:imports n'est jamais suivi : {listed} n'a pas été chargé.",
                message_en=f"owl:imports is never followed: {listed} was not loaded.",
            )
        )
    return graph, notices


def _position(error: SyntaxError) -> tuple[int | None, int | None]:
    return getattr(error, "lineno", None), getattr(error, "offset", None)


# --- JSON-LD ------------------------------------------------------------------------------------


def registry_contexts(schema: DomainSchema) -> dict[str, dict[str, Any]]:
    """The registry's own context URLs a document of ``schema`` may name, to their local contexts."""
    found: dict[str, dict[str, Any]] = {}
    modules = [(schema.name, schema)]
    for module in schema.imports:
        path = Path(schema.path).parent / f"{module}.yaml"
        if path.is_file():
            modules.append((module, DomainSchema(path)))
    for _, module_schema in modules:
        url = f"{module_schema.ontology_iri}/{module_schema.version}/context.jsonld"
        found[url] = context_document(module_schema)["@context"]
    return found


def _safe_jsonld(data: bytes, schema: DomainSchema, name: str | None) -> bytes:
    document = load_json(data, name, "JSON-LD")
    own = registry_contexts(schema)
    checked = _check_contexts(document, own, name)
    return json.dumps(checked, ensure_ascii=False).encode("utf-8")


def _check_contexts(node: Any, own: dict[str, dict[str, Any]], name: str | None) -> Any:
    """A copy of ``node`` where every ``@context`` is an object: our URLs replaced, others refused."""
    if isinstance(node, list):
        return [_check_contexts(item, own, name) for item in node]
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key == "@import":
            raise _remote(name, "@import", value)
        if key == "@context":
            out[key] = _context_value(value, own, name)
        else:
            out[key] = _check_contexts(value, own, name)
    return out


def _context_value(value: Any, own: dict[str, dict[str, Any]], name: str | None) -> Any:
    if isinstance(value, list):
        return [_context_value(item, own, name) for item in value]
    if isinstance(value, str):
        if value in own:
            return own[value]
        raise _remote(name, "@context", value)
    return _check_contexts(value, own, name)


def _remote(name: str | None, key: str, value: Any) -> UnsafeInputError:
    shown = shorten(value if isinstance(value, str) else json.dumps(value), 80)
    return UnsafeInputError(
        f"{where(name)}{key} {shown!r} asks the registry to load a document; it never loads one.",
        hint=(
            "Put the context inline, or use the standard's published context URL "
            "(https://w3id.org/socle/def/<domain>/<version>/context.jsonld), which is read locally."
        ),
    )
