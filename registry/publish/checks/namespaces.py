"""Release check ``namespace``: the module mints IRIs only in the registry's namespace (or an allowed one).

The module's ``id`` must be ``{base_uri}def/{name}`` and its default prefix ``{base_uri}def/{name}/``.
Every IRI it gives its own elements (a class's ``class_uri``, a slot's ``slot_uri``, an enumeration's
``enum_uri``, a permissible value's ``meaning``) and every IRI its shapes describe (the subjects of
``shapes.ttl``: shapes, SPARQL constraints, prefix declarations) must lie under ``{base_uri}def/`` or
one of the allowed namespaces. Mappings (``exact_mappings``, ``close_mappings``…) and a type's
datatype ``uri`` refer to other standards' terms without defining them, so they are not checked;
neither is core's ``type`` slot, which designates the record's class with ``rdf:type``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

import rdflib

from registry.build.schema import DomainSchema
from registry.publish.checks import CheckFailure

CHECK = "namespace"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def check_namespaces(
    bundle: Path, schema: DomainSchema, *, base_uri: str, allowed_namespaces: Sequence[str] = ()
) -> list[CheckFailure]:
    """Every IRI of the module or its shapes outside ``{base_uri}def/`` and ``allowed_namespaces``."""
    registry = f"{base_uri}def/"
    allowed = (registry, *allowed_namespaces)
    where_fr = f"{registry}" + (f" ni dans {', '.join(allowed_namespaces)}" if allowed_namespaces else "")
    where_en = f"{registry}" + (f" nor in {', '.join(allowed_namespaces)}" if allowed_namespaces else "")
    failures = _identity(schema, registry)
    for element, kind_fr, kind_en, iri in own_iris(schema):
        if not iri.startswith(allowed):
            failures.append(
                CheckFailure(
                    check=CHECK,
                    element=element,
                    message_fr=f"{element} : son IRI {kind_fr} <{iri}> n'est pas dans {where_fr}. Un module "
                    "ne définit de termes que dans l'espace de noms du registre ; un terme d'un autre "
                    "standard se cite par une correspondance (exact_mappings…).",
                    message_en=f"{element}: its {kind_en} <{iri}> is not in {where_en}. A module defines "
                    "terms in the registry's namespace only; another standard's term is cited with a "
                    "mapping (exact_mappings…).",
                )
            )
    shapes = rdflib.Graph().parse(data=(bundle / "shapes.ttl").read_bytes(), format="turtle")
    for subject in sorted({s for s in shapes.subjects() if isinstance(s, rdflib.URIRef)}):
        if not str(subject).startswith(allowed):
            failures.append(
                CheckFailure(
                    check=CHECK,
                    element=f"<{subject}>",
                    message_fr=f"Les formes décrivent <{subject}>, qui n'est pas dans {where_fr} : nommez "
                    "les formes et les contraintes dans l'espace de noms du module.",
                    message_en=f"The shapes describe <{subject}>, which is not in {where_en}: name shapes "
                    "and constraints in the module's namespace.",
                )
            )
    return failures


def _identity(schema: DomainSchema, registry: str) -> list[CheckFailure]:
    """The module's ``id`` and default prefix."""
    failures = []
    expected_id = f"{registry}{schema.name}"
    if schema.ontology_iri != expected_id:
        failures.append(
            CheckFailure(
                check=CHECK,
                element=f"schema {schema.name}",
                message_fr=f"L'identifiant (id) du module {schema.name} est <{schema.ontology_iri}> ; il "
                f"doit être <{expected_id}>.",
                message_en=f"The id of module {schema.name} is <{schema.ontology_iri}>; it must be "
                f"<{expected_id}>.",
            )
        )
    expected_ns = f"{expected_id}/"
    if schema.namespace != expected_ns:
        prefix = schema.view.schema.default_prefix
        failures.append(
            CheckFailure(
                check=CHECK,
                element=f"schema {schema.name}",
                message_fr=f"Le préfixe par défaut ({prefix}) du module {schema.name} vaut "
                f"<{schema.namespace}> ; il doit valoir <{expected_ns}>.",
                message_en=f"The default prefix ({prefix}) of module {schema.name} is <{schema.namespace}>; "
                f"it must be <{expected_ns}>.",
            )
        )
    return failures


def own_iris(schema: DomainSchema) -> Iterator[tuple[str, str, str, str]]:
    """``(element, kind in French, kind in English, IRI)`` for every IRI the module gives its own
    elements."""
    for cls in schema.classes(own_only=True):
        yield f"class {cls.name}", "de classe (class_uri)", "class IRI (class_uri)", schema.uri(cls)
    for slot in schema.slots(own_only=True):
        iri = schema.slot_uri(slot)
        if slot.designates_type and iri == RDF_TYPE:
            continue
        yield f"slot {slot.name}", "de propriété (slot_uri)", "property IRI (slot_uri)", iri
    for enum in schema.enums(own_only=True):
        yield f"enum {enum.name}", "d'énumération (enum_uri)", "enumeration IRI (enum_uri)", schema.uri(enum)
        for value in schema.permissible_values(enum):
            if value.meaning:
                yield (
                    f"value {enum.name}.{value.text}",
                    "de valeur (meaning)",
                    "value IRI (meaning)",
                    schema.expand(str(value.meaning)),
                )
