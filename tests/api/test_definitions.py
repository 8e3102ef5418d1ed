"""``/def/…``: vocabularies, versions, artifacts and terms, negotiated in HTML and four RDF syntaxes."""

from __future__ import annotations

import pytest
import rdflib
from fastapi.testclient import TestClient
from rdflib.namespace import RDF, RDFS, SKOS

from tests.conftest import DOMAINS

RDF_TYPES = {
    "text/turtle": "turtle",
    "application/ld+json": "json-ld",
    "application/rdf+xml": "xml",
    "application/n-triples": "nt",
}
STREETLIGHT = rdflib.URIRef("https://w3id.org/socle/def/lighting/Streetlight")


def test_catalogue_lists_every_standard(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    for domain in DOMAINS:
        assert f'href="/def/{domain}"' in page.text
    assert client.get("/health").json()["standards"] == sorted(DOMAINS)


@pytest.mark.parametrize("media", RDF_TYPES)
def test_term_dereferences_in_every_rdf_syntax(client: TestClient, media: str) -> None:
    response = client.get("/def/lighting/Streetlight", headers={"Accept": media})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media)
    assert response.headers["vary"] == "Accept"
    graph = rdflib.Graph().parse(data=response.content, format=RDF_TYPES[media])
    labels = {str(o) for o in graph.objects(STREETLIGHT, RDFS.label)}
    assert labels == {"point lumineux", "streetlight"}


def test_term_page_in_html_shows_both_languages(client: TestClient) -> None:
    response = client.get("/def/lighting/Streetlight", headers={"Accept": "text/html"})
    assert response.status_code == 200
    assert "point lumineux" in response.text and "streetlight" in response.text


def test_enum_value_resolves_as_a_skos_concept(client: TestClient) -> None:
    response = client.get("/def/lighting/LampTechnology/led", headers={"Accept": "text/turtle"})
    graph = rdflib.Graph().parse(data=response.content, format="turtle")
    concept = rdflib.URIRef("https://w3id.org/socle/def/lighting/LampTechnology/led")
    assert (concept, RDF.type, SKOS.Concept) in graph
    assert (concept, SKOS.notation, rdflib.Literal("led")) in graph


def test_format_parameter_overrides_accept(client: TestClient) -> None:
    response = client.get("/def/lighting/Streetlight?format=nt", headers={"Accept": "text/html"})
    assert response.headers["content-type"].startswith("application/n-triples")


@pytest.mark.parametrize("domain", DOMAINS)
def test_vocabulary_latest_and_versioned(client: TestClient, domain: str) -> None:
    latest = client.get(f"/def/{domain}", headers={"Accept": "text/turtle"})
    assert latest.status_code == 200
    graph = rdflib.Graph().parse(data=latest.content, format="turtle")
    version = str(graph.value(rdflib.URIRef(f"https://w3id.org/socle/def/{domain}"), rdflib.OWL.versionInfo))
    versioned = client.get(f"/def/{domain}/{version}", headers={"Accept": "text/turtle"})
    assert versioned.content == latest.content
    html = client.get(f"/def/{domain}/{version}")
    assert html.status_code == 200 and "shapes.ttl" in html.text


def test_artifacts_download_with_strong_etags_and_revalidation(client: TestClient) -> None:
    response = client.get("/def/lighting/1.0.0/shapes.ttl")
    assert response.status_code == 200
    etag = response.headers["etag"]
    assert etag.startswith('"') and not etag.startswith("W/")
    rdflib.Graph().parse(data=response.content, format="turtle")
    again = client.get("/def/lighting/1.0.0/shapes.ttl", headers={"If-None-Match": etag})
    assert again.status_code == 304
    for name in (
        "context.jsonld",
        "models.py",
        "schema.json",
        "template-Streetlight.csv",
        "vocabulary.rdf",
    ):
        assert client.get(f"/def/lighting/1.0.0/{name}").status_code == 200, name


@pytest.mark.parametrize(
    ("path", "needle"),
    [
        ("/def/nothing", "no standard named 'nothing'"),
        ("/def/lighting/9.9.9", "no version 9.9.9"),
        ("/def/lighting/1.0.0/secret.txt", "no artifact named 'secret.txt'"),
        ("/def/lighting/NoSuchTerm", "defines no term"),
        ("/nowhere", "Nothing is published at /nowhere"),
    ],
)
def test_unknown_things_are_404_problems(client: TestClient, path: str, needle: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == 404 and needle in body["detail"]


def test_pages_are_served_with_security_headers(client: TestClient) -> None:
    response = client.get("/")
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "default-src 'self'" in response.headers["content-security-policy"]


def test_every_artifact_is_served_by_its_digest_and_immutable(client: TestClient) -> None:
    manifest = client.get("/def/lighting/1.0.0/manifest.json")
    assert manifest.status_code == 404  # the manifest is bookkeeping, not a published artifact
    page = client.get("/def/lighting/1.0.0/shapes.ttl")
    import hashlib

    digest = hashlib.sha256(page.content).hexdigest()
    by_digest = client.get(f"/artifacts/{digest}")
    assert by_digest.status_code == 200 and by_digest.content == page.content
    assert "immutable" in by_digest.headers["cache-control"]
    assert "immutable" not in page.headers["cache-control"]
    assert client.get("/artifacts/" + "0" * 64).status_code == 404
    assert client.get("/artifacts/not-a-digest").status_code == 404


def _terms(client: TestClient, domain: str) -> list[rdflib.URIRef]:
    """Every term the domain's current vocabulary defines: classes, properties, code lists, codes."""
    vocabulary = rdflib.Graph().parse(
        data=client.get(f"/def/{domain}", headers={"Accept": "text/turtle"}).content, format="turtle"
    )
    namespace = f"https://w3id.org/socle/def/{domain}/"
    return sorted(
        {
            s
            for predicate in (RDFS.label, SKOS.prefLabel)
            for s in vocabulary.subjects(predicate, None)
            if isinstance(s, rdflib.URIRef) and str(s).startswith(namespace)
        }
    )


@pytest.mark.parametrize("domain", DOMAINS)
def test_every_term_and_code_dereferences_in_all_five_formats(client: TestClient, domain: str) -> None:
    terms = _terms(client, domain)
    codes = [t for t in terms if "/" in str(t).rsplit(f"/def/{domain}/", 1)[1]]
    assert len(terms) > len(codes) > 0
    for term in terms:
        path = "/" + str(term).removeprefix("https://w3id.org/socle/")
        for media, syntax in RDF_TYPES.items():
            response = client.get(path, headers={"Accept": media})
            assert response.status_code == 200, (path, media)
            assert response.headers["content-type"].startswith(media)
            graph = rdflib.Graph().parse(data=response.content, format=syntax)
            assert {o.language for o in graph.objects(term, RDFS.label | SKOS.prefLabel)} >= {"fr", "en"}, (
                path,
                media,
            )
        page = client.get(path, headers={"Accept": "text/html"})
        assert page.status_code == 200 and page.headers["content-type"].startswith("text/html"), path
