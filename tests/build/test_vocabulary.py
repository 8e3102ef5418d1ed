"""Every term of every module: a URI, French and English labels and definitions that are real
translations, units on quantities, SKOS code lists; and the published RDF parses in every syntax."""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from registry.build.schema import DomainSchema, annotation, bilingual
from registry.build.vocabulary import vocabulary_graph
from tests.conftest import DOMAINS

NUMERIC_RANGES = {"integer", "double", "float", "decimal"}


def _elements(schema: DomainSchema) -> list[tuple[str, object]]:
    found: list[tuple[str, object]] = []
    found += [(f"class {c.name}", c) for c in schema.classes(own_only=True)]
    found += [(f"slot {s.name}", s) for s in schema.slots(own_only=True)]
    for enum in schema.enums(own_only=True):
        found.append((f"enum {enum.name}", enum))
        found += [(f"value {enum.name}.{v.text}", v) for v in schema.permissible_values(enum)]
    return found


@pytest.mark.parametrize("domain", DOMAINS)
def test_every_element_is_bilingual_and_defined(
    domain: str, schemas: dict[str, DomainSchema]
) -> None:
    schema = schemas[domain]
    elements = _elements(schema)
    assert len(elements) > 10, f"{domain} has almost no elements"
    problems = []
    for what, element in elements:
        texts = bilingual(element)
        if not getattr(element, "title", None) or not annotation(element, "label_en"):
            problems.append(f"{what}: a French title and an English label_en are both required")
        if not texts.definition_fr or not texts.definition_en:
            problems.append(
                f"{what}: a French description and an English definition_en are required"
            )
        if texts.definition_fr and texts.definition_fr == texts.definition_en:
            problems.append(f"{what}: the English definition is a copy of the French one")
        for lang, label, definition in (
            ("fr", texts.label_fr, texts.definition_fr),
            ("en", texts.label_en, texts.definition_en),
        ):
            if definition.strip(" .").casefold() == label.casefold():
                problems.append(f"{what}: the {lang} definition only restates its label")
            if definition and len(definition.split()) < 3:
                problems.append(f"{what}: the {lang} definition is not a sentence: {definition!r}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("domain", DOMAINS)
def test_french_and_english_differ_across_the_module(
    domain: str, schemas: dict[str, DomainSchema]
) -> None:
    """Translations, not copies: most labels differ, and no definition is identical in both."""
    texts = [bilingual(e) for _, e in _elements(schemas[domain])]
    same_labels = sum(t.label_fr.casefold() == t.label_en.casefold() for t in texts)
    assert same_labels <= len(texts) * 0.25, (
        f"{same_labels}/{len(texts)} labels are the same in FR and EN"
    )
    assert all(t.definition_fr != t.definition_en for t in texts)


@pytest.mark.parametrize("domain", DOMAINS)
def test_every_numeric_slot_has_a_unit_or_says_it_has_none(
    domain: str, schemas: dict[str, DomainSchema]
) -> None:
    schema = schemas[domain]
    missing = [
        s.name
        for s in schema.slots(own_only=True)
        if s.range in NUMERIC_RANGES
        and not (getattr(s.unit, "ucum_code", None) if s.unit else None)
        and not annotation(s, "unit")
    ]
    assert not missing, f"numeric slots without a unit or a 'unit' note: {missing}"


@pytest.mark.parametrize("domain", DOMAINS)
def test_every_element_has_a_uri_in_its_namespace(
    domain: str, schemas: dict[str, DomainSchema]
) -> None:
    schema = schemas[domain]
    for cls in schema.classes(own_only=True):
        assert schema.uri(cls).startswith(schema.namespace), cls.name
    for slot in schema.slots(own_only=True):
        if not slot.designates_type:
            assert schema.slot_uri(slot).startswith(schema.namespace), slot.name
    for enum in schema.enums(own_only=True):
        assert schema.uri(enum).startswith(schema.namespace), enum.name


@pytest.mark.parametrize("domain", DOMAINS)
def test_vocabulary_publishes_every_term_with_labels_in_both_languages(
    domain: str, schemas: dict[str, DomainSchema]
) -> None:
    schema = schemas[domain]
    graph = vocabulary_graph(schema)
    terms = set(graph.subjects(RDF.type, OWL.Class)) | set(graph.subjects(RDF.type, RDF.Property))
    terms |= set(graph.subjects(RDF.type, SKOS.ConceptScheme))
    assert len(terms) == (
        len(schema.classes(own_only=True))
        + len([s for s in schema.slots(own_only=True) if not s.designates_type])
        + len(schema.enums(own_only=True))
    )
    for term in terms:
        langs = {lit.language for lit in graph.objects(term, RDFS.label)}
        assert langs == {"fr", "en"}, term


@pytest.mark.parametrize("domain", DOMAINS)
def test_enum_values_are_skos_concepts_at_their_own_iri(
    domain: str, schemas: dict[str, DomainSchema]
) -> None:
    schema = schemas[domain]
    graph = vocabulary_graph(schema)
    for enum in schema.enums(own_only=True):
        scheme = rdflib.URIRef(schema.uri(enum))
        for value in schema.permissible_values(enum):
            concept = rdflib.URIRef(f"{scheme}/{value.text}")
            assert (concept, RDF.type, SKOS.Concept) in graph
            assert (concept, SKOS.inScheme, scheme) in graph
            assert (concept, SKOS.notation, rdflib.Literal(str(value.text))) in graph
            assert {lit.language for lit in graph.objects(concept, SKOS.prefLabel)} == {"fr", "en"}


def test_quantities_carry_their_ucum_unit_as_data(schemas: dict[str, DomainSchema]) -> None:
    graph = vocabulary_graph(schemas["lighting"])
    power = rdflib.URIRef("https://w3id.org/socle/def/lighting/nominal_power")
    assert graph.value(
        power, rdflib.URIRef("http://qudt.org/schema/qudt/ucumCode")
    ) == rdflib.Literal("W")


@pytest.mark.parametrize("domain", DOMAINS)
@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("vocabulary.ttl", "turtle"),
        ("vocabulary.nt", "nt"),
        ("vocabulary.rdf", "xml"),
        ("vocabulary.jsonld", "json-ld"),
    ],
)
def test_vocabulary_syntaxes_hold_the_same_graph(
    domain: str, name: str, fmt: str, bundles: dict[str, Path]
) -> None:
    reference = rdflib.Graph().parse(
        data=(bundles[domain] / "vocabulary.nt").read_bytes(), format="nt"
    )
    other = rdflib.Graph().parse(data=(bundles[domain] / name).read_bytes(), format=fmt)
    assert len(reference) > 50
    assert set(other) == set(reference)
