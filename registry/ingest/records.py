"""JSON records to RDF through a module's own JSON-LD context (DESIGN.md decision 4).

A record is a JSON object whose keys are slot names. It becomes the node ``{base}{identifier}``
(percent-encoded); references (a light's ``control_cabinet``) are written as the referenced
record's identifier and become links to that IRI; enum values written as a declared alias (IRVE's
``Accès libre``) are mapped to our code. No context is ever fetched: the module's context is built
locally and passed as an object.
"""

from __future__ import annotations

import json
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import quote, urlsplit

from rdflib import RDF, XSD, Graph, Literal, URIRef
from rdflib.plugins.shared.jsonld.context import UNDEF, Context
from rdflib.plugins.shared.jsonld.util import VOCAB_DELIMS

from registry.build.context import context_document
from registry.build.schema import DomainSchema
from registry.ingest.model import DEFAULT_BASE


def record_iri(base: str, identifier: str) -> str:
    """``{base}{identifier}``, the identifier percent-encoded (``/`` and ``:`` kept)."""
    return base + quote(identifier, safe=":/-._~")


@lru_cache(maxsize=32)
def _context(schema: DomainSchema) -> dict[str, Any]:
    """The module's context, written once per schema (only serialised, never changed)."""
    return dict(context_document(schema)["@context"])


@lru_cache(maxsize=32)
def _parsed_context(schema: DomainSchema) -> Context:
    """The module's context as rdflib's JSON-LD parser reads it (its terms expanded)."""
    context = Context()
    context.load(_context(schema))
    return context


def jsonld_graph(document: Mapping[str, Any]) -> Graph:
    """A JSON-LD document (the context inline) parsed by rdflib."""
    return Graph().parse(data=json.dumps(document), format="json-ld")


_SCALARS = (str, int, float)  # bool is an int


def _absolute(context: Context, reference: str) -> URIRef | None:
    """``reference`` as the parser resolves it, when that does not depend on the document's base
    (an absolute IRI); else ``None``."""
    iri = context.expand(reference, False)
    if not isinstance(iri, str) or not iri or iri.startswith("_:") or " " in iri:
        return None
    if "://" not in iri and not urlsplit(iri).scheme:
        return None
    return URIRef(iri)


def direct_graph(nodes: Sequence[Mapping[str, Any]], context: Context) -> Graph | None:
    """The graph of flat JSON-LD ``nodes`` (``{"id": …, "type": …, term: value…}``) under
    ``context``, written term by term; ``None`` when a node holds anything the parser would treat
    otherwise (then the caller parses the document)."""
    if context.language:
        return None
    triples: list[tuple[URIRef, URIRef, URIRef | Literal]] = []
    for node in nodes:
        reference = node.get("id")
        if not isinstance(reference, str):
            return None
        subject = _absolute(context, reference)
        if subject is None:
            return None
        for key, value in node.items():
            if key == "id":
                continue
            if key == "type":
                if not isinstance(value, str):
                    return None
                type_term = context.terms.get(value)
                if type_term is None or type_term.context is not UNDEF:
                    return None
                expanded = context.expand(value)
                cls = _absolute(context, expanded) if isinstance(expanded, str) else None
                if cls is None:
                    return None
                triples.append((subject, RDF.type, cls))
                continue
            term = context.terms.get(key)
            if (
                term is None
                or not isinstance(term.id, str)
                or term.id.startswith("@")
                or term.reverse
                or term.context is not UNDEF
                or term.language is not UNDEF
                or set(term.container) - {"@set"}
                or term.type in ("@json", "@vocab")
            ):
                return None
            predicate = URIRef(term.id)
            for item in value if isinstance(value, list) else [value]:
                if item is None:
                    continue
                if not isinstance(item, _SCALARS):
                    return None
                obj: URIRef | Literal | None
                if term.type == "@id":
                    obj = _absolute(context, item) if isinstance(item, str) else None
                    if obj is None:
                        return None
                elif term.type:
                    obj = Literal(item, datatype=context.expand(term.type))
                elif isinstance(item, float):
                    obj = Literal(item, datatype=XSD.double)
                else:
                    obj = Literal(item, lang=context.language)
                triples.append((subject, predicate, obj))
    graph = Graph()
    # the prefixes the parser binds (a Turtle serialisation of the graph writes them)
    if context.vocab:
        graph.bind(None, context.vocab)
    for name, term in context.terms.items():
        if term.id and term.id.endswith(VOCAB_DELIMS):
            graph.bind(name, term.id)
    for triple in triples:
        graph.add(triple)
    return graph


@dataclass(frozen=True)
class RecordLifter:
    """Lifts records of one module (knows its references, inlined objects and enum aliases)."""

    schema: DomainSchema
    base: str = DEFAULT_BASE

    def to_jsonld(self, records: Iterable[Mapping[str, Any]], *, context: Any = None) -> dict[str, Any]:
        """A JSON-LD document (``@graph`` of nodes with minted ``id``) for the records."""
        records = list(records)
        iris = self.node_iris(records)
        nodes = [self._node(r, iri) for r, iri in zip(records, iris, strict=True)]
        ctx = context if context is not None else context_document(self.schema)["@context"]
        return {"@context": ctx, "@graph": nodes}

    def to_graph(self, records: Iterable[Mapping[str, Any]]) -> Graph:
        """The records as an RDF graph: the triples JSON-LD expansion with the local context gives.

        Flat records (scalars and lists of scalars under the context's terms, absolute IRIs) are
        written straight from the context's terms with the very ``Literal`` calls rdflib's JSON-LD
        parser makes; anything else (inlined objects, keys outside the context…) goes through that
        parser. Both give the same graph (``tests/ingest/test_records_direct.py``)."""
        document = self.to_jsonld(records, context=_context(self.schema))
        graph = direct_graph(document["@graph"], _parsed_context(self.schema))
        return graph if graph is not None else jsonld_graph(document)

    def node_iris(self, records: Sequence[Mapping[str, Any]]) -> list[str]:
        """The node IRI of each record: ``{base}{identifier}``, or ``{base}.row-{n}`` (``n`` counted
        from 1) when the identifier is missing, not usable or shared with another record."""
        seen = Counter(_identifier(r) for r in records)
        return [
            node_iri(self.base, _identifier(r), i + 1, shared=seen[_identifier(r)] > 1)
            for i, r in enumerate(records)
        ]

    def _node(self, record: Mapping[str, Any], iri: str) -> dict[str, Any]:
        class_name = record.get("type")
        node: dict[str, Any] = {"id": iri}
        for key, value in record.items():
            if key == "type":
                node["type"] = value
                continue
            node[key] = self._value(class_name, key, value)
        return node

    def _value(self, class_name: Any, key: str, value: Any) -> Any:
        view = self.schema.view
        if key not in view.all_slots() or value is None:
            return value
        slot = (
            view.induced_slot(key, class_name)
            if isinstance(class_name, str) and class_name in view.all_classes()
            else view.get_slot(key)
        )
        if isinstance(value, list):
            return [self._scalar(slot, item) for item in value]
        return self._scalar(slot, value)

    def _scalar(self, slot: Any, value: Any) -> Any:
        if self.schema.is_reference(slot) and isinstance(value, str):
            return record_iri(self.base, value.strip())
        if self.schema.is_inlined_object(slot) and isinstance(value, Mapping):
            return {k: self._value(slot.range, k, v) for k, v in value.items()}
        if self.schema.is_enum(slot.range) and isinstance(value, str):
            return enum_code(self.schema, slot.range, value)
        return value


NOT_APPLICABLE = frozenset({"non concerne"})
"""Identifier values that say there is none (IRVE's ``Non concerné``), compared without case or
accents: such records get row-based IRIs."""


def usable_identifier(value: Any) -> str | None:
    """The identifier a node IRI can be minted from, or ``None`` (empty, not a string, ``Non
    concerné``)."""
    if not isinstance(value, str) or not value.strip():
        return None
    folded = "".join(
        c for c in unicodedata.normalize("NFKD", value.strip().casefold()) if not unicodedata.combining(c)
    )
    return None if folded in NOT_APPLICABLE else value.strip()


def node_iri(base: str, identifier: str | None, ordinal: int, *, shared: bool = False) -> str:
    """``{base}{identifier}``; else, for a record without a usable identifier or one shared with
    another record, ``{base}.row-{ordinal}``: the records stay apart and the identifier's own rules
    (required, unique) report them."""
    if identifier and not shared:
        return record_iri(base, identifier)
    return f"{base}.row-{ordinal}"


def _identifier(record: Mapping[str, Any]) -> str | None:
    return usable_identifier(record.get("identifier"))


def enum_code(schema: DomainSchema, enum_name: str, value: str) -> str:
    """Our code for ``value``: itself if it is a code, else the code it is a declared alias of."""
    enum = schema.view.get_enum(enum_name)
    codes = schema.permissible_values(enum)
    if any(str(pv.text) == value for pv in codes):
        return value
    folded = value.strip().casefold()
    for pv in codes:
        if any(str(alias).casefold() == folded for alias in pv.aliases or []):
            return str(pv.text)
    return value
