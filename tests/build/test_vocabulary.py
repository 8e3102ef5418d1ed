"""Every term of every module: a URI, French and English labels and definitions that are real
translations, units on quantities, SKOS code lists; and the published RDF parses in every syntax."""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from registry.build.schema import DomainSchema, bilingual
from registry.build.vocabulary import vocabulary_graph
from registry.publish.checks.lint import bilingual_problems, own_elements, unitless_slots
from tests.conftest import DOMAINS


@pytest.mark.parametrize("domain", DOMAINS)
def test_every_element_is_bilingual_and_defined(
    domain: str, schemas: dict[str, DomainSchema]
) -> None:
    schema = schemas[domain]
    assert len(own_elements(schema)) > 10, f"{domain} has almost no elements"
    problems = [
        f"{name}: {english}"
        for name, element in own_elements(schema)
        for _, english in bilingual_problems(element)
    ]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("domain", DOMAINS)
def test_french_and_english_differ_across_the_module(
    domain: str, schemas: dict[str, DomainSchema]
) -> None:
    """Translations, not copies: most labels differ, and no definition is identical in both."""
    texts = [bilingual(e) for _, e in own_elements(schemas[domain])]
    same_labels = sum(t.label_fr.casefold() == t.label_en.casefold() for t in texts)
    assert same_labels <= len(texts) * 0.25, (
        f"{same_labels}/{len(texts)} labels are the same in FR and EN"
    )
    assert all(t.definition_fr != t.definition_en for t in texts)


@pytest.mark.parametrize("domain", DOMAINS)
def test_every_numeric_slot_has_a_unit_or_says_it_has_none(
    domain: str, schemas: dict[str, DomainSchema]
) -> None:
    missing = unitless_slots(schemas[domain])
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
