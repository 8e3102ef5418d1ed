"""``/catalog``, ``/search`` and ``/sparql`` through the HTTP app."""

from __future__ import annotations

import json
import time

import pytest
import rdflib
from fastapi.testclient import TestClient

from registry.build.schema import DomainSchema
from registry.config import PROJECT_ROOT

BASE = "https://w3id.org/socle/"
OWL = "PREFIX owl: <http://www.w3.org/2002/07/owl#>\n"
LIGHTING_CLASSES = OWL + f"SELECT ?c WHERE {{ GRAPH <{BASE}def/lighting/1.0.0> {{ ?c a owl:Class }} }}"
PROBLEM = "application/problem+json"


# --- /catalog -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("accept", "media", "rdflib_format"),
    [
        ("text/turtle", "text/turtle", "turtle"),
        ("application/ld+json", "application/ld+json", "json-ld"),
        ("application/rdf+xml", "application/rdf+xml", "xml"),
        ("application/n-triples", "application/n-triples", "nt"),
    ],
)
def test_catalog_in_every_rdf_syntax(client: TestClient, accept: str, media: str, rdflib_format: str) -> None:
    response = client.get("/catalog", headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media)
    assert response.headers["vary"] == "Accept"
    graph = rdflib.Graph().parse(data=response.content, format=rdflib_format)
    catalog = rdflib.URIRef(f"{BASE}catalog")
    dcat = rdflib.Namespace("http://www.w3.org/ns/dcat#")
    assert (catalog, rdflib.RDF.type, dcat.Catalog) in graph
    assert (catalog, dcat.dataset, rdflib.URIRef(f"{BASE}def/lighting/1.0.0")) in graph


def test_catalog_has_strong_etags(client: TestClient) -> None:
    first = client.get("/catalog?format=ttl")
    etag = first.headers["etag"]
    assert etag.startswith('"') and not etag.startswith("W/")
    again = client.get("/catalog?format=ttl", headers={"If-None-Match": etag})
    assert again.status_code == 304


def test_catalog_page_for_browsers(client: TestClient) -> None:
    response = client.get("/catalog", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert 'href="/def/lighting"' in response.text


# --- /search ------------------------------------------------------------------------------------


@pytest.mark.parametrize("q", ["eclairage", "Éclairage", "ÉCLAIRAGE"])
def test_search_ignores_accents_and_case(client: TestClient, q: str) -> None:
    reference = client.get("/search", params={"q": "eclairage"}).json()["results"]
    response = client.get("/search", params={"q": q})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    assert reference and response.json()["results"] == reference


def test_search_finds_a_code_by_its_french_label_without_accents(client: TestClient) -> None:
    body = client.get("/search", params={"q": "lampe defectueuse"}).json()
    top = body["results"][0]
    assert top["iri"] == f"{BASE}def/lighting/StreetlightStatus/defective_lamp"
    assert top["link"] == "/def/lighting/StreetlightStatus/defective_lamp"
    assert top["kind"] == "code"
    assert top["label"] == {"fr": "lampe défectueuse", "en": "defective lamp"}
    assert (top["domain"], top["version"]) == ("lighting", "1.0.0")
    assert client.get(top["link"], headers={"Accept": "text/turtle"}).status_code == 200


def test_search_page_for_browsers_is_escaped(client: TestClient) -> None:
    response = client.get(
        "/search", params={"q": "lampe <script>"}, headers={"Accept": "text/html,*/*;q=0.8"}
    )
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "<script>" not in response.text and "&lt;script&gt;" in response.text
    page = client.get("/search", params={"q": "lampe défectueuse", "format": "html"})
    assert 'href="/def/lighting/StreetlightStatus/defective_lamp"' in page.text


def test_search_limits_and_filters(client: TestClient) -> None:
    body = client.get("/search", params={"q": "identifiant", "domain": "core", "limit": 2}).json()
    assert body["count"] <= 2 and all(r["domain"] == "core" for r in body["results"])
    assert client.get("/search", params={"limit": 0, "q": "x"}).status_code == 422


# --- /sparql ------------------------------------------------------------------------------------


def _classes(body: bytes) -> set[str]:
    return {row["c"]["value"] for row in json.loads(body)["results"]["bindings"]}


def test_sparql_lists_exactly_the_classes_of_lighting(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": LIGHTING_CLASSES})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/sparql-results+json")
    schema = DomainSchema.load(PROJECT_ROOT / "vocab", "lighting")
    assert _classes(response.content) == {schema.uri(c) for c in schema.classes(own_only=True)}


def test_sparql_post_as_a_query_body_and_as_a_form(client: TestClient) -> None:
    body = client.post(
        "/sparql", content=LIGHTING_CLASSES, headers={"Content-Type": "application/sparql-query"}
    )
    form = client.post("/sparql", data={"query": LIGHTING_CLASSES})
    assert body.status_code == form.status_code == 200
    assert _classes(body.content) == _classes(form.content)
    wrong = client.post("/sparql", content=LIGHTING_CLASSES, headers={"Content-Type": "text/plain"})
    assert wrong.status_code == 415


@pytest.mark.parametrize(
    ("accept", "media"),
    [
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/csv", "text/csv"),
        ("text/tab-separated-values", "text/tab-separated-values"),
        ("*/*", "application/sparql-results+json"),
    ],
)
def test_sparql_select_result_formats(client: TestClient, accept: str, media: str) -> None:
    response = client.get("/sparql", params={"query": LIGHTING_CLASSES}, headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media)
    assert "Streetlight" in response.text


@pytest.mark.parametrize(
    ("accept", "media", "rdflib_format"),
    [("text/turtle", "text/turtle", "turtle"), ("application/n-triples", "application/n-triples", "nt")],
)
def test_sparql_construct_formats(client: TestClient, accept: str, media: str, rdflib_format: str) -> None:
    query = (
        OWL
        + f"CONSTRUCT {{ ?c a owl:Class }} WHERE {{ GRAPH <{BASE}def/lighting/1.0.0> {{ ?c a owl:Class }} }}"
    )
    response = client.get("/sparql", params={"query": query}, headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media)
    assert len(rdflib.Graph().parse(data=response.content, format=rdflib_format)) == 5


@pytest.mark.parametrize(
    "query",
    [
        "INSERT DATA { <http://a> <http://b> <http://c> }",
        "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
        "SELECT ?x WHERE { ?x ",
        "",
    ],
)
def test_sparql_refusals_are_400_problems(client: TestClient, query: str) -> None:
    response = client.get("/sparql", params={"query": query})
    assert response.status_code == 400
    assert response.headers["content-type"].startswith(PROBLEM)
    assert response.json()["title"] == "Query refused"


def test_sparql_update_form_field_refused(client: TestClient) -> None:
    response = client.post("/sparql", data={"update": "INSERT DATA { <http://a> <http://b> <http://c> }"})
    assert response.status_code == 400


def test_a_runaway_query_is_stopped_and_the_endpoint_keeps_answering(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(client.app.state.sparql, "timeout", 2.0)  # type: ignore[attr-defined]
    explosion = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    started = time.monotonic()
    response = client.get("/sparql", params={"query": explosion})
    assert response.status_code == 503
    assert response.headers["content-type"].startswith(PROBLEM)
    assert time.monotonic() - started < 30
    assert client.get("/health").status_code == 200
    again = client.get("/sparql", params={"query": LIGHTING_CLASSES})
    assert again.status_code == 200 and "Streetlight" in again.text
