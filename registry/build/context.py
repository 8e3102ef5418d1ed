"""The JSON-LD context that lifts a producer's JSON records to RDF.

Written from the schema rather than by ``gen-jsonld-context``, because the published context has
rules of its own (DESIGN.md decisions 4–6):

- ``identifier`` stays a plain literal (``core:identifier``): the record's IRI comes from ``id``;
- references (``control_cabinet``) are IRIs (``"@type": "@id"``); inlined objects are nested nodes;
- enum values are plain code strings (no ``@vocab`` coercion), checked by ``sh:in``;
- fractional quantities are coerced to ``xsd:double`` and counts to ``xsd:integer``, so that a JSON
  number gives a well-typed literal whether rdflib or pyld expands it (pyld writes ``3.65E1``).
"""

from __future__ import annotations

from typing import Any

from registry.build.namespaces import XSD
from registry.build.schema import DomainSchema

_XSD = str(XSD)


def context_document(schema: DomainSchema) -> dict[str, Any]:
    """The ``{"@context": …}`` document of a module (its imports' terms included)."""
    terms: dict[str, Any] = {
        "@version": 1.1,
        "@protected": True,
        "id": "@id",
        "type": "@type",
        "xsd": _XSD,
    }
    for module in [*schema.imports, schema.name]:
        terms[module] = schema.namespace.replace(f"/{schema.name}/", f"/{module}/")
    for cls in schema.classes():
        terms[str(cls.name)] = _compact(schema, schema.uri(cls))
    for slot in schema.slots():
        if not slot.designates_type:
            terms[str(slot.name)] = _slot_term(schema, slot)
    return {"@context": terms}


def _slot_term(schema: DomainSchema, slot: Any) -> dict[str, Any]:
    term: dict[str, Any] = {"@id": _compact(schema, schema.slot_uri(slot))}
    if schema.is_reference(slot):
        term["@type"] = "@id"
    elif not schema.is_inlined_object(slot):
        datatype = schema.datatype_iri(slot)
        if datatype and datatype != f"{_XSD}string":
            term["@type"] = _compact(schema, datatype)
    if slot.multivalued:
        term["@container"] = "@set"
    return term


def _compact(schema: DomainSchema, iri: str) -> str:
    if iri.startswith(_XSD):
        return "xsd:" + iri[len(_XSD) :]
    for module in [*schema.imports, schema.name]:
        namespace = schema.namespace.replace(f"/{schema.name}/", f"/{module}/")
        if iri.startswith(namespace):
            return f"{module}:{iri[len(namespace) :]}"
    return iri
