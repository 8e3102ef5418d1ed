"""Terms as N-Triples strings: one line whatever a literal holds, and parseable back."""

from __future__ import annotations

import rdflib
from rdflib import XSD, Literal, URIRef

from registry.validate.terms import term_to_nt


def test_literal_with_line_breaks_and_quotes_stays_on_one_line() -> None:
    text = term_to_nt(Literal('rue "du Port"\n\\ quai'))
    assert "\n" not in text
    graph = rdflib.Graph().parse(data=f"<urn:s> <urn:p> {text} .", format="nt")
    assert str(next(iter(graph.objects()))) == 'rue "du Port"\n\\ quai'


def test_language_datatype_and_plain_literals() -> None:
    assert term_to_nt(Literal("rue", lang="fr")) == '"rue"@fr'
    assert (
        term_to_nt(Literal("12", datatype=XSD.integer)) == '"12"^^<http://www.w3.org/2001/XMLSchema#integer>'
    )
    assert term_to_nt(Literal("led")) == '"led"'
    assert term_to_nt(URIRef("urn:socle:data:SL-1")) == "<urn:socle:data:SL-1>"
