"""The published vocabulary of a module: OWL/RDFS for classes and properties, SKOS for code lists.

LinkML's ``gen-owl`` is not used: it labels terms with their code names, puts the French title in an
untagged ``dcterms:title``, turns enumeration values into OWL classes (``WorkingMode#automatic``) and
drops units. This module writes the vocabulary from the schema directly, with French and English
labels and definitions on every term, one SKOS concept scheme per enumeration (each value at
``{namespace}{Enum}/{code}`` with its ``skos:notation``), units as data, and the module's mappings.
"""

from __future__ import annotations

from typing import Any

from rdflib import Graph, Literal, URIRef

from registry.build.namespaces import CORE, DCTERMS, OWL, QUDT, RDF, RDFS, SCHEMA, SKOS, VANN, XSD
from registry.build.schema import DomainSchema, annotation, bilingual

_MAPPING_PREDICATES = {
    "exact_mappings": SKOS.exactMatch,
    "close_mappings": SKOS.closeMatch,
    "broad_mappings": SKOS.broadMatch,
    "narrow_mappings": SKOS.narrowMatch,
    "related_mappings": SKOS.relatedMatch,
}


def vocabulary_graph(schema: DomainSchema) -> Graph:
    """The module's own terms (imports are referenced with ``owl:imports``, not copied)."""
    graph = Graph()
    _bind(graph, schema)
    ontology = URIRef(schema.ontology_iri)
    texts = schema.bilingual
    graph.add((ontology, RDF.type, OWL.Ontology))
    graph.add((ontology, OWL.versionIRI, URIRef(schema.version_iri)))
    graph.add((ontology, OWL.versionInfo, Literal(schema.version)))
    graph.add((ontology, VANN.preferredNamespaceUri, Literal(schema.namespace)))
    graph.add((ontology, VANN.preferredNamespacePrefix, Literal(schema.name)))
    graph.add((ontology, CORE.status, Literal(schema.status)))
    graph.add((ontology, DCTERMS.title, Literal(texts.label_fr, lang="fr")))
    graph.add((ontology, DCTERMS.title, Literal(texts.label_en, lang="en")))
    graph.add((ontology, DCTERMS.description, Literal(texts.definition_fr, lang="fr")))
    graph.add((ontology, DCTERMS.description, Literal(texts.definition_en, lang="en")))
    if schema.view.schema.license:
        graph.add((ontology, DCTERMS.license, URIRef(str(schema.view.schema.license))))
    for module in schema.imports:
        imported = schema.ontology_iri.rsplit("/", 1)[0] + f"/{module}"
        version = schema.imported_version(module)
        graph.add((ontology, OWL.imports, URIRef(f"{imported}/{version}")))
    if schema.name == "core":
        _annotation_properties(graph, ontology)

    for cls in schema.classes(own_only=True):
        _class(graph, schema, ontology, cls)
    for slot in schema.slots(own_only=True):
        if slot.designates_type:
            continue  # the record's class: rdf:type, not a property of ours
        _property(graph, schema, ontology, slot)
    for enum in schema.enums(own_only=True):
        _concept_scheme(graph, schema, ontology, enum)
    return graph


def _bind(graph: Graph, schema: DomainSchema) -> None:
    for prefix, uri in (
        ("owl", OWL),
        ("rdfs", RDFS),
        ("skos", SKOS),
        ("dcterms", DCTERMS),
        ("xsd", XSD),
        ("qudt", QUDT),
        ("schema", SCHEMA),
        ("vann", VANN),
        ("core", CORE),
    ):
        graph.bind(prefix, uri, override=True, replace=True)
    for prefix, uri in schema.view.namespaces().items():
        if prefix not in {"linkml", "schema"}:
            graph.bind(prefix, str(uri), override=False)
    graph.bind(schema.name, schema.namespace, override=True)


def _annotation_properties(graph: Graph, ontology: URIRef) -> None:
    """Properties of the registry's own that the vocabularies use (defined once, in core)."""
    own = {
        CORE.status: (
            "statut",
            "status",
            "Étape de la vie du standard.",
            "Stage in the standard's life.",
        ),
        CORE.codeList: (
            "liste de codes",
            "code list",
            "Schéma de concepts dont les codes sont les seules valeurs admises.",
            "Concept scheme whose codes are the only accepted values.",
        ),
        CORE.uneceCode: (
            "code d'unité CEFACT",
            "UN/CEFACT unit code",
            "Code commun de l'unité de mesure dans la recommandation 20 de la CEE-ONU.",
            "Common code of the unit of measure in UNECE Recommendation 20.",
        ),
        CORE.unitNote: (
            "remarque sur l'unité",
            "unit note",
            "Explique pourquoi une grandeur numérique n'a pas d'unité.",
            "Explains why a numeric quantity has no unit.",
        ),
    }
    for prop, (label_fr, label_en, def_fr, def_en) in own.items():
        graph.add((prop, RDF.type, OWL.AnnotationProperty))
        graph.add((prop, RDFS.isDefinedBy, ontology))
        _labels(graph, prop, label_fr, label_en, def_fr, def_en)


def _labels(
    graph: Graph, term: URIRef, label_fr: str, label_en: str, def_fr: str, def_en: str
) -> None:
    graph.add((term, RDFS.label, Literal(label_fr, lang="fr")))
    graph.add((term, RDFS.label, Literal(label_en, lang="en")))
    if def_fr:
        graph.add((term, SKOS.definition, Literal(def_fr, lang="fr")))
    if def_en:
        graph.add((term, SKOS.definition, Literal(def_en, lang="en")))


def _describe(
    graph: Graph, schema: DomainSchema, ontology: URIRef, term: URIRef, element: Any
) -> None:
    texts = bilingual(element)
    _labels(graph, term, texts.label_fr, texts.label_en, texts.definition_fr, texts.definition_en)
    graph.add((term, RDFS.isDefinedBy, ontology))
    for field, predicate in _MAPPING_PREDICATES.items():
        for curie in getattr(element, field, None) or []:
            graph.add((term, predicate, URIRef(schema.expand(str(curie)))))
    if getattr(element, "deprecated", None):
        graph.add((term, OWL.deprecated, Literal(True)))


def _class(graph: Graph, schema: DomainSchema, ontology: URIRef, cls: Any) -> None:
    term = URIRef(schema.uri(cls))
    graph.add((term, RDF.type, OWL.Class))
    graph.add((term, RDF.type, RDFS.Class))
    _describe(graph, schema, ontology, term, cls)
    if cls.is_a:
        graph.add((term, RDFS.subClassOf, URIRef(schema.uri(schema.view.get_class(cls.is_a)))))


def _property(graph: Graph, schema: DomainSchema, ontology: URIRef, slot: Any) -> None:
    term = URIRef(schema.slot_uri(slot))
    is_object = schema.is_class(slot.range)
    graph.add((term, RDF.type, OWL.ObjectProperty if is_object else OWL.DatatypeProperty))
    graph.add((term, RDF.type, RDF.Property))
    _describe(graph, schema, ontology, term, slot)
    if is_object:
        graph.add((term, RDFS.range, URIRef(schema.uri(schema.view.get_class(slot.range)))))
    else:
        datatype = schema.datatype_iri(slot)
        if datatype:
            graph.add((term, RDFS.range, URIRef(datatype)))
    if schema.is_enum(slot.range):
        graph.add((term, CORE.codeList, URIRef(schema.uri(schema.view.get_enum(slot.range)))))
    for owner in schema.class_of_slot_owner(slot.name):
        graph.add((term, SCHEMA.domainIncludes, URIRef(schema.uri(owner))))
    for alias in slot.aliases or []:
        graph.add((term, SKOS.hiddenLabel, Literal(str(alias))))
    _unit(graph, term, slot)


def _unit(graph: Graph, term: URIRef, slot: Any) -> None:
    unit = getattr(slot, "unit", None)
    if unit is not None and getattr(unit, "ucum_code", None):
        graph.add((term, QUDT.ucumCode, Literal(str(unit.ucum_code))))
    unece = annotation(slot, "unece_code")
    if unece:
        graph.add((term, CORE.uneceCode, Literal(unece)))
    note = annotation(slot, "unit")
    if note:
        graph.add((term, CORE.unitNote, Literal(note, lang="en")))


def _concept_scheme(graph: Graph, schema: DomainSchema, ontology: URIRef, enum: Any) -> None:
    scheme = URIRef(schema.uri(enum))
    graph.add((scheme, RDF.type, SKOS.ConceptScheme))
    _describe(graph, schema, ontology, scheme, enum)
    for value in schema.permissible_values(enum):
        concept = URIRef(schema.enum_value_uri(enum, str(value.text)))
        graph.add((concept, RDF.type, SKOS.Concept))
        graph.add((concept, SKOS.notation, Literal(str(value.text))))
        graph.add((concept, SKOS.inScheme, scheme))
        graph.add((concept, SKOS.topConceptOf, scheme))
        graph.add((scheme, SKOS.hasTopConcept, concept))
        texts = bilingual(value)
        graph.add((concept, SKOS.prefLabel, Literal(texts.label_fr, lang="fr")))
        graph.add((concept, SKOS.prefLabel, Literal(texts.label_en, lang="en")))
        if texts.definition_fr:
            graph.add((concept, SKOS.definition, Literal(texts.definition_fr, lang="fr")))
        if texts.definition_en:
            graph.add((concept, SKOS.definition, Literal(texts.definition_en, lang="en")))
        for alias in value.aliases or []:
            graph.add((concept, SKOS.altLabel, Literal(str(alias), lang="fr")))
        graph.add((concept, RDFS.isDefinedBy, ontology))
        for field, predicate in _MAPPING_PREDICATES.items():
            for curie in getattr(value, field, None) or []:
                graph.add((concept, predicate, URIRef(schema.expand(str(curie)))))
