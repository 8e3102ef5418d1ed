"""Search: accent- and case-insensitive, over labels, aliases and definitions, ranked."""

from __future__ import annotations

import pytest

from registry.catalog.releases import ReleaseCatalog
from registry.publish.search import Match, SearchIndex, fold, search_index


@pytest.fixture(scope="module")
def index(catalog: ReleaseCatalog) -> SearchIndex:
    return search_index(catalog)


def test_fold_removes_accents_case_and_punctuation() -> None:
    assert fold("Éclairage") == fold("ÉCLAIRAGE") == fold("eclairage") == "eclairage"
    assert fold("defective_lamp") == "defective lamp"
    assert fold("StreetlightStatus") == "streetlight status"
    assert fold("Cœur  d'îlot") == "coeur d ilot"


def test_accents_and_case_do_not_matter(index: SearchIndex) -> None:
    results = [[h.entry.iri for h in index.search(q)] for q in ("eclairage", "Éclairage", "ÉCLAIRAGE")]
    assert results[0] and results[0] == results[1] == results[2]


def test_a_code_is_found_by_its_french_label_without_accents(index: SearchIndex) -> None:
    hits = index.search("lampe defectueuse")
    top = hits[0]
    assert top.entry.iri == "https://w3id.org/socle/def/lighting/StreetlightStatus/defective_lamp"
    assert top.entry.kind == "code"
    assert top.match is Match.EXACT_LABEL
    assert top.entry.link == "/def/lighting/StreetlightStatus/defective_lamp"
    assert top.entry.labels == {"fr": "lampe défectueuse", "en": "defective lamp"}
    assert (top.entry.domain, top.entry.version) == ("lighting", "1.0.0")


def test_results_are_ranked_by_how_they_match(index: SearchIndex) -> None:
    hits = index.search("point lumineux")
    assert hits[0].entry.iri == "https://w3id.org/socle/def/lighting/Streetlight"
    assert hits[0].match is Match.EXACT_LABEL
    ranks = [hit.match for hit in hits]
    assert ranks == sorted(ranks)
    assert Match.DEFINITION_WORDS in ranks


def test_aliases_and_codes_are_searchable(index: SearchIndex) -> None:
    assert any(
        h.entry.iri.endswith("/StreetlightStatus/defective_lamp") for h in index.search("defective_lamp")
    )
    assert index.search("lampe_defectueuse")[0].entry.iri.endswith("/defective_lamp")


def test_every_kind_of_term_is_indexed(index: SearchIndex) -> None:
    assert {entry.kind for entry in index.entries} == {"class", "property", "code list", "code"}
    assert {entry.domain for entry in index.entries} >= {"core", "lighting", "mobility", "waste", "water"}


def test_domain_filter_and_empty_queries(index: SearchIndex) -> None:
    assert {h.entry.domain for h in index.search("puissance", domain="mobility")} == {"mobility"}
    assert index.search("  !!  ") == []
    assert index.search("zzzzqqq") == []


def test_the_index_is_built_once_per_catalogue_state(catalog: ReleaseCatalog) -> None:
    assert search_index(catalog) is search_index(catalog)
