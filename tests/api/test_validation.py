"""``POST /validate``: examples give their stated results through the service, in every face of the
report, raw or as a multipart upload, in French or English."""

from __future__ import annotations

from collections import Counter

import pytest
import rdflib
from fastapi.testclient import TestClient
from rdflib.namespace import RDF, SH

from registry.build.examples import ExampleCase, iter_cases
from registry.build.schema import DomainSchema
from registry.config import PROJECT_ROOT

CASES = list(iter_cases(PROJECT_ROOT / "examples"))
SAMPLE = [c for c in CASES if c.domain in ("lighting", "mobility")]
MEDIA = {
    ".ttl": "text/turtle",
    ".jsonld": "application/ld+json",
    ".json": "application/json",
    ".csv": "text/csv",
    ".geojson": "application/geo+json",
}


def _got(document: dict) -> Counter[tuple[str, str | None, str, str]]:
    return Counter(
        (r["focus_node"], r["path"], r["constraint_component"]["iri"], r["severity"])
        for r in document["results"]
    )


FORMS = [(c, s) for c in SAMPLE for s in (".ttl", ".json", ".csv", ".geojson") if c.derived_path(s).exists()]


def test_the_sample_covers_every_format() -> None:
    assert {s for _, s in FORMS} == {".ttl", ".json", ".csv", ".geojson"}


@pytest.mark.parametrize(
    ("case", "suffix"), FORMS, ids=lambda v: f"{v.domain}/{v.stem}" if isinstance(v, ExampleCase) else v
)
def test_example_through_the_service(
    client: TestClient, schemas: dict[str, DomainSchema], case: ExampleCase, suffix: str
) -> None:
    path = case.derived_path(suffix)
    response = client.post(
        f"/validate?domain={case.domain}" + (f"&class={case.main_class}" if suffix == ".csv" else ""),
        files={"file": (path.name, path.read_bytes(), MEDIA[suffix])},
    )
    assert response.status_code == 200, response.text
    document = response.json()
    expected = Counter(
        (e.focus_node, e.result_path, e.constraint_component, e.severity)
        for e in case.expected_results(schemas[case.domain])
    )
    assert _got(document) == expected
    assert document["valid"] is case.valid


def test_raw_body_with_format_parameter(client: TestClient) -> None:
    body = (PROJECT_ROOT / "examples/lighting/invalid/Streetlight-power-too-high.ttl").read_bytes()
    response = client.post("/validate?domain=lighting&format=turtle", content=body)
    document = response.json()
    assert response.status_code == 200
    assert document["valid"] is False and document["counts"]["Violation"] == 1
    assert document["checked_against"]["domain"] == "lighting"
    assert document["checked_against"]["version"] == "1.0.0"
    assert document["checked_against"]["engine"] == "socle"


def test_report_as_a_standard_sh_validation_report(client: TestClient) -> None:
    body = (PROJECT_ROOT / "examples/lighting/invalid/Streetlight-power-too-high.ttl").read_bytes()
    response = client.post(
        "/validate?domain=lighting@1.0.0&format=turtle", content=body, headers={"Accept": "text/turtle"}
    )
    assert response.headers["content-type"].startswith("text/turtle")
    graph = rdflib.Graph().parse(data=response.text, format="turtle")
    report = next(graph.subjects(RDF.type, SH.ValidationReport))
    assert graph.value(report, SH.conforms) == rdflib.Literal(False)
    result = graph.value(report, SH.result)
    assert graph.value(result, SH.sourceConstraintComponent) == SH.MaxInclusiveConstraintComponent
    assert {m.language for m in graph.objects(result, SH.resultMessage)} == {"fr", "en"}


@pytest.mark.parametrize(("language", "needle"), [("fr", "maximum"), ("en", "maximum")])
def test_report_language_follows_accept_language(client: TestClient, language: str, needle: str) -> None:
    body = (PROJECT_ROOT / "examples/lighting/invalid/Streetlight-power-too-high.ttl").read_bytes()
    response = client.post(
        "/validate?domain=lighting&format=turtle",
        content=body,
        headers={"Accept": "text/plain", "Accept-Language": f"{language};q=1"},
    )
    assert response.headers["content-type"].startswith("text/plain")
    assert needle in response.text
    english = client.post(
        "/validate?domain=lighting&format=turtle",
        content=body,
        headers={"Accept": "text/plain", "Accept-Language": "en"},
    ).text
    french = client.post(
        "/validate?domain=lighting&format=turtle",
        content=body,
        headers={"Accept": "text/plain", "Accept-Language": "fr"},
    ).text
    assert english != french


def test_html_report_names_the_users_column_and_row(client: TestClient) -> None:
    path = PROJECT_ROOT / "examples/mobility/irve/exemple-statique-id-pdc-invalide.csv"
    response = client.post(
        "/validate?domain=mobility&class=ChargingPoint",
        files={"file": (path.name, path.read_bytes(), "text/csv")},
        headers={"Accept": "text/html"},
    )
    assert response.status_code == 200
    assert "id_pdc_itinerance" in response.text
    json_report = client.post(
        "/validate?domain=mobility&class=ChargingPoint",
        files={"file": (path.name, path.read_bytes(), "text/csv")},
    ).json()
    assert json_report["valid"] is False
    located = [r["location"] for r in json_report["results"] if r["severity"] == "Violation"]
    assert located and located[0]["column_name"] == "id_pdc_itinerance" and located[0]["row"] >= 2


def test_pyshacl_engine_on_request(client: TestClient) -> None:
    body = (PROJECT_ROOT / "examples/lighting/invalid/Streetlight-power-too-high.ttl").read_bytes()
    document = client.post("/validate?domain=lighting&format=turtle&engine=pyshacl", content=body).json()
    assert document["checked_against"]["engine"] == "pyshacl"
    assert document["counts"]["Violation"] == 1


def test_openapi_documents_the_validation_endpoint(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert "post" in spec["paths"]["/validate"]


def test_openapi_declares_the_bearer_token_on_every_write(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert spec["components"]["securitySchemes"]["token"] == {
        "type": "http",
        "scheme": "bearer",
        "description": "A Socle token: socle token create --role editor|admin",
    }
    secured = {
        (method.upper(), path)
        for path, operations in spec["paths"].items()
        for method, operation in operations.items()
        if operation.get("security") == [{"token": []}]
    }
    assert secured == {
        ("POST", "/releases"),
        ("POST", "/releases/{domain}/{version}/status"),
        ("GET", "/tokens"),
        ("POST", "/tokens"),
        ("DELETE", "/tokens/{token_id}"),
        ("GET", "/audit"),
    }
