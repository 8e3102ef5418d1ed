"""Cell values as French producers write them, turned into RDF terms of a slot's datatype.

Only what the slot's datatype makes unambiguous is rewritten, and only when the result is a valid
lexical form of that datatype; anything else is kept as written, so that the datatype rule reports the
producer's own value:

- numbers: thousands separated by a space, U+00A0, U+202F or U+2009 (``1 234``) and a decimal comma
  (``1 234,50`` = ``1234.50``);
- booleans: ``true/false``, ``vrai/faux``, ``oui/non``, ``1/0`` in any case;
- instants of slots annotated ``irve_offset_form``: a ``+hhmm`` offset is written ``+hh:mm``;
- enum values: a declared alias becomes our code; references: the referenced record's IRI.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from linkml_runtime.linkml_model.meta import SlotDefinition
from rdflib import Literal, URIRef
from rdflib.term import Node

from registry.build.schema import XSD, DomainSchema, annotation
from registry.ingest.records import enum_code, record_iri

INTEGER_TYPES = {
    f"{XSD}{name}"
    for name in (
        "integer",
        "int",
        "long",
        "short",
        "byte",
        "nonNegativeInteger",
        "positiveInteger",
        "nonPositiveInteger",
        "negativeInteger",
        "unsignedInt",
        "unsignedLong",
        "unsignedShort",
        "unsignedByte",
    )
}
DECIMAL_TYPES = {f"{XSD}double", f"{XSD}float", f"{XSD}decimal"}
BOOLEAN = f"{XSD}boolean"
DATETIME = f"{XSD}dateTime"
STRING = f"{XSD}string"

TRUE = frozenset({"true", "vrai", "oui", "1"})
FALSE = frozenset({"false", "faux", "non", "0"})

_GROUPED = re.compile(r"^([+-]?)(\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+)((?:[.,]\d+)?)$")
_INTEGER = re.compile(r"^[+-]?\d+$")
_DECIMAL = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
_DOUBLE = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_HHMM_OFFSET = re.compile(r"^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?)([+-]\d{2})(\d{2})$")


def number_text(text: str, datatype: str) -> str:
    """A numeric cell in XSD form when French conventions make it one (``1 234,50`` → ``1234.50``)."""
    value = text.strip()
    grouped = _GROUPED.match(value)
    if grouped:
        value = grouped[1] + re.sub(r"\D", "", grouped[2]) + grouped[3]
    if value.count(",") == 1 and "." not in value:
        value = value.replace(",", ".")
    if datatype in INTEGER_TYPES:
        valid = _INTEGER.match(value)
    elif datatype == f"{XSD}decimal":
        valid = _DECIMAL.match(value)
    else:
        valid = _DOUBLE.match(value)
    return value if valid else text.strip()


def boolean_text(text: str) -> str:
    folded = text.strip().casefold()
    if folded in TRUE:
        return "true"
    if folded in FALSE:
        return "false"
    return text.strip()


def instant_text(slot: SlotDefinition, text: str) -> str:
    """``2022-10-18T12:35:49+0000`` → ``…+00:00`` for slots that declare IRVE's offset form."""
    value = text.strip()
    if annotation(slot, "irve_offset_form") is None:
        return value
    return _HHMM_OFFSET.sub(r"\1\2:\3", value)


def converter(schema: DomainSchema, slot: SlotDefinition, base: str) -> Callable[[str], Node]:
    """The function that turns a non-empty cell of ``slot`` into its RDF term (decided once per
    column: the schema is not consulted again for every cell)."""
    if schema.is_reference(slot):
        return lambda text: URIRef(record_iri(base, text.strip()))
    if schema.is_enum(slot.range):
        enum_name = str(slot.range)
        return lambda text: Literal(enum_code(schema, enum_name, text.strip()))
    datatype = schema.datatype_iri(slot)
    if datatype is None or datatype == STRING:
        return Literal
    iri = URIRef(datatype)
    if datatype in INTEGER_TYPES or datatype in DECIMAL_TYPES:
        return lambda text: Literal(number_text(text, datatype), datatype=iri, normalize=False)
    if datatype == BOOLEAN:
        return lambda text: Literal(boolean_text(text), datatype=iri, normalize=False)
    if datatype == DATETIME:
        return lambda text: Literal(instant_text(slot, text), datatype=iri, normalize=False)
    return lambda text: Literal(text.strip(), datatype=iri, normalize=False)


def cell_term(schema: DomainSchema, slot: SlotDefinition, text: str, base: str) -> Node:
    """The RDF term for one non-empty cell of ``slot``."""
    return converter(schema, slot, base)(text)
