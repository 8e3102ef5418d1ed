"""JSON records to RDF through a module's own JSON-LD context (DESIGN.md decision 4).

A record is a JSON object whose keys are slot names. It becomes the node ``{base}{identifier}``
(percent-encoded); references (a light's ``control_cabinet``) are written as the referenced
record's identifier and become links to that IRI; enum values written as a declared alias (IRVE's
``Accès libre``) are mapped to our code. No context is ever fetched: the module's context is built
locally and passed as an object.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from rdflib import Graph

from registry.build.context import context_document
from registry.build.schema import DomainSchema
from registry.ingest.model import DEFAULT_BASE


def record_iri(base: str, identifier: str) -> str:
    """``{base}{identifier}``, the identifier percent-encoded (``/`` and ``:`` kept)."""
    return base + quote(identifier, safe=":/-._~")


@dataclass(frozen=True)
class RecordLifter:
    """Lifts records of one module (knows its references, inlined objects and enum aliases)."""

    schema: DomainSchema
    base: str = DEFAULT_BASE

    def to_jsonld(self, records: Iterable[Mapping[str, Any]], *, context: Any = None) -> dict[str, Any]:
        """A JSON-LD document (``@graph`` of nodes with minted ``id``) for the records."""
        records = list(records)
        seen = Counter(_identifier(r) for r in records)
        duplicated = {key for key, count in seen.items() if key and count > 1}
        nodes = [self._node(r, i, duplicated) for i, r in enumerate(records)]
        ctx = context if context is not None else context_document(self.schema)["@context"]
        return {"@context": ctx, "@graph": nodes}

    def to_graph(self, records: Iterable[Mapping[str, Any]]) -> Graph:
        """The records as an RDF graph (parsed by rdflib with the local context)."""
        document = self.to_jsonld(records)
        return Graph().parse(data=json.dumps(document), format="json-ld")

    def _node(self, record: Mapping[str, Any], index: int, duplicated: set[str]) -> dict[str, Any]:
        class_name = record.get("type")
        node: dict[str, Any] = {}
        identifier = _identifier(record)
        if identifier and identifier not in duplicated:
            node["id"] = record_iri(self.base, identifier)
        else:
            # No usable identifier, or one shared with another record: a row-based IRI keeps the
            # records apart, and the identifier's own rules (required, unique) report them.
            node["id"] = f"{self.base}.row-{index + 1}"
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


def _identifier(record: Mapping[str, Any]) -> str | None:
    value = record.get("identifier")
    return value.strip() or None if isinstance(value, str) else None


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
