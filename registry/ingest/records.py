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
from urllib.parse import quote

from rdflib import Graph

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
        """The records as an RDF graph (parsed by rdflib with the local context)."""
        document = self.to_jsonld(records, context=_context(self.schema))
        return Graph().parse(data=json.dumps(document), format="json-ld")

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
