"""The SPARQL endpoint's library part: what it refuses, and the dataset it answers from."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest

from registry.build.schema import DomainSchema
from registry.catalog.releases import ReleaseCatalog
from registry.config import PROJECT_ROOT
from registry.publish.sparql import (
    GraphSource,
    QueryRefusedError,
    QueryTooLargeError,
    check_query,
    dataset_sources,
    run_query,
)

BASE = "https://w3id.org/socle/"
JSON = "application/sparql-results+json"
OWL = "PREFIX owl: <http://www.w3.org/2002/07/owl#>\n"


@pytest.fixture(scope="module")
def sources(catalog: ReleaseCatalog) -> tuple[GraphSource, ...]:
    return dataset_sources(catalog, BASE)


def _bindings(body: bytes, name: str) -> set[str]:
    return {row[name]["value"] for row in json.loads(body)["results"]["bindings"]}


def test_the_classes_of_lighting_are_exactly_the_modules_classes(sources: tuple[GraphSource, ...]) -> None:
    query = OWL + f"SELECT ?c WHERE {{ GRAPH <{BASE}def/lighting/1.0.0> {{ ?c a owl:Class }} }}"
    found = _bindings(run_query(sources, query, JSON), "c")
    schema = DomainSchema.load(PROJECT_ROOT / "vocab", "lighting")
    assert found == {schema.uri(c) for c in schema.classes(own_only=True)}


def test_every_vocabulary_and_shapes_graph_is_named_and_the_default_graph_is_their_union(
    sources: tuple[GraphSource, ...], bundles: dict[str, Path]
) -> None:
    graphs = _bindings(run_query(sources, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", JSON), "g")
    expected = {f"{BASE}def/{d}/{p.name}" for d, p in bundles.items()}
    assert graphs == expected | {f"{g}/shapes" for g in expected}
    shapes = (
        "PREFIX sh: <http://www.w3.org/ns/shacl#> "
        "ASK { ?s a sh:NodeShape . ?c a <http://www.w3.org/2002/07/owl#Class> }"
    )
    assert json.loads(run_query(sources, shapes, JSON))["boolean"] is True


@pytest.mark.parametrize(
    "query",
    [
        "INSERT DATA { <http://a> <http://b> <http://c> }",
        "DELETE WHERE { ?s ?p ?o }",
        "LOAD <http://example.org/data.ttl>",
        "CLEAR ALL",
        "DROP GRAPH <http://a>",
    ],
)
def test_updates_are_refused(query: str) -> None:
    with pytest.raises(QueryRefusedError, match="read-only"):
        check_query(query)


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
        "select * where { service silent <http://127.0.0.1:9/> { ?s ?p ?o } }",
        "SELECT * WHERE { ?s ?p 1SERVICE<http://127.0.0.1:9/> { ?a ?b ?c } }",
        "SELECT * WHERE { ?s ?p true.SERVICE:x { ?a ?b ?c } }",
        "PREFIX ex: <http://ex/> SELECT * WHERE { ?s ?p ex:a\\#b SERVICE <http://127.0.0.1:9/> {?a ?b ?c} }",
        "SELECT * WHERE { \\u0053ERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
    ],
)
def test_service_is_refused_however_it_is_written(query: str) -> None:
    with pytest.raises(QueryRefusedError, match="SERVICE"):
        check_query(query)


def test_service_inside_iris_strings_comments_and_variables_is_fine() -> None:
    query = "SELECT ?service WHERE { ?service <http://x/SERVICE> 'service', '''a ' service''' } # SERVICE"
    assert check_query(query) == "SELECT"


@pytest.mark.parametrize(
    ("query", "form"),
    [
        (OWL + "SELECT ?c WHERE { ?c a owl:Class }", "SELECT"),
        ("ASK { ?s ?p ?o }", "ASK"),
        ("CONSTRUCT WHERE { ?s ?p ?o }", "CONSTRUCT"),
        ("describe <http://a>", "DESCRIBE"),
    ],
)
def test_the_query_form_is_read(query: str, form: str) -> None:
    assert check_query(query) == form


def test_not_a_query_and_too_long() -> None:
    with pytest.raises(QueryRefusedError):
        check_query("   ")
    with pytest.raises(QueryRefusedError):
        check_query("hello")
    with pytest.raises(QueryTooLargeError):
        check_query("SELECT * WHERE { ?s ?p ?o }" + " " * 100_000)


def test_syntax_errors_are_refused(sources: tuple[GraphSource, ...]) -> None:
    with pytest.raises(QueryRefusedError, match="parsed"):
        run_query(sources, "SELECT ?x WHERE { ?x ", JSON)


def test_results_over_the_cap_are_refused(sources: tuple[GraphSource, ...]) -> None:
    with pytest.raises(QueryTooLargeError):
        run_query(sources, "SELECT * WHERE { ?s ?p ?o }", JSON, max_bytes=10_000)


def test_from_names_only_graphs_of_the_store(sources: tuple[GraphSource, ...]) -> None:
    """FROM and FROM NAMED choose among the store's graphs: nothing is fetched."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        listener.settimeout(0.5)
        url = f"http://127.0.0.1:{listener.getsockname()[1]}/data.ttl"
        query = (
            f"SELECT * FROM <{url}> FROM NAMED <{url}> "
            "WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"
        )
        assert check_query(query) == "SELECT"
        assert _bindings(run_query(sources, query, JSON), "s") == set()
        with pytest.raises(TimeoutError):
            listener.accept()


def test_from_chooses_the_default_graph(sources: tuple[GraphSource, ...]) -> None:
    query = OWL + f"SELECT ?c FROM <{BASE}def/lighting/1.0.0> WHERE {{ ?c a owl:Class }}"
    found = _bindings(run_query(sources, query, JSON), "c")
    assert found and all(c.startswith(f"{BASE}def/lighting/") for c in found)
