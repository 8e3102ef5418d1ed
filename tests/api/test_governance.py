"""Governance over HTTP: status changes (admin), status histories (JSON and RDF), tokens and the audit
log (admin); 401 and 403 as problem+json. One app of this module's own, since these tests write."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import rdflib
from fastapi.testclient import TestClient
from rdflib.namespace import DCTERMS, FOAF, PROV, RDF, RDFS, SKOS, XSD

from registry.api.app import create_app
from registry.catalog.db import Database
from registry.catalog.tokens import create_token, revoke_token
from tests.api.conftest import app_settings

PROBLEM = "application/problem+json"
BASE = "https://w3id.org/socle/"
GOV = rdflib.Namespace(f"{BASE}governance#")
ADMS = rdflib.Namespace("http://www.w3.org/ns/adms#")
ADMS_STATUS = rdflib.Namespace("http://purl.org/adms/status/")
RDF_TYPES = {
    "text/turtle": "turtle",
    "application/ld+json": "json-ld",
    "application/rdf+xml": "xml",
    "application/n-triples": "nt",
}


@dataclass(frozen=True)
class Governed:
    client: TestClient
    db: Database
    admin: dict[str, str]
    editor: dict[str, str]
    revoked: dict[str, str]


def bearer(secret: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {secret}"}


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory, bundles: dict[str, Path]) -> Iterator[Governed]:
    settings = app_settings(tmp_path_factory.mktemp("governance"), bundles, validation_workers=1)
    with TestClient(create_app(settings)) as client:
        db: Database = client.app.state.db  # type: ignore[attr-defined]
        _, admin = create_token(db, name="council-admin", role="admin", actor="test")
        _, editor = create_token(db, name="alice", role="editor", actor="test")
        gone, revoked = create_token(db, name="former-admin", role="admin", actor="test")
        revoke_token(db, gone.id, actor="test")
        yield Governed(client, db, bearer(admin), bearer(editor), bearer(revoked))


WRITES = [
    ("POST", "/releases/lighting/1.0.0/status", {"status": "standard", "reason": "adopted"}),
    ("POST", "/tokens", {"name": "mallory", "role": "admin"}),
    ("GET", "/tokens", None),
    ("DELETE", "/tokens/1", None),
    ("GET", "/audit", None),
]


def assert_problem(response: object, status: int, title: str, detail: str) -> dict[str, object]:
    from httpx import Response

    assert isinstance(response, Response)
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == PROBLEM
    body: dict[str, object] = response.json()
    assert body["type"] == "about:blank"
    assert (body["status"], body["title"], body["detail"]) == (status, title, detail)
    assert body.get("instance", response.request.url.path) == response.request.url.path
    return body


@pytest.mark.parametrize(("method", "path", "body"), WRITES)
def test_admin_actions_without_a_token_are_401_problems(
    app: Governed, method: str, path: str, body: dict[str, str] | None
) -> None:
    response = app.client.request(method, path, json=body)
    problem = assert_problem(response, 401, "Authentication required", "this action needs a bearer token")
    assert response.headers["www-authenticate"] == 'Bearer realm="socle"'
    assert "socle token create" in str(problem["hint"])


@pytest.mark.parametrize(("method", "path", "body"), WRITES)
def test_admin_actions_with_a_revoked_token_are_401_problems(
    app: Governed, method: str, path: str, body: dict[str, str] | None
) -> None:
    response = app.client.request(method, path, json=body, headers=app.revoked)
    assert_problem(response, 401, "Authentication required", "the bearer token is unknown or revoked")


@pytest.mark.parametrize(("method", "path", "body"), WRITES)
def test_admin_actions_with_an_editor_token_are_403_problems(
    app: Governed, method: str, path: str, body: dict[str, str] | None
) -> None:
    before = app.client.get("/releases/lighting/1.0.0/history").json()
    response = app.client.request(method, path, json=body, headers=app.editor)
    problem = assert_problem(
        response, 403, "Forbidden", "this action needs an admin token; 'alice' is an editor"
    )
    assert "administrator" in str(problem["hint"])
    assert app.client.get("/releases/lighting/1.0.0/history").json() == before


def test_an_admin_changes_a_status_and_gets_the_history(app: Governed) -> None:
    response = app.client.post(
        "/releases/waste/1.0.0/status",
        json={"status": "standard", "reason": "Adopted by the council on 2026-03-01."},
        headers=app.admin,
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert {k: body[k] for k in ("domain", "version", "status", "rdf")} == {
        "domain": "waste",
        "version": "1.0.0",
        "status": "standard",
        "rdf": "/def/waste/1.0.0/history",
    }
    assert [(c["from_status"], c["to_status"], c["actor"], c["reason"]) for c in body["history"]] == [
        (None, "candidate", "bootstrap", "first release, loaded from vocab/waste.yaml"),
        ("candidate", "standard", "council-admin", "Adopted by the council on 2026-03-01."),
    ]
    assert app.client.get("/releases/waste/1.0.0/history").json() == body  # public
    [entry] = app.client.get("/audit?action=release.status&limit=1", headers=app.admin).json()["entries"]
    assert (entry["actor"], entry["action"], entry["target"], entry["detail"]) == (
        "council-admin",
        "release.status",
        "waste@1.0.0",
        {"from": "candidate", "to": "standard", "reason": "Adopted by the council on 2026-03-01."},
    )


def test_a_transition_outside_the_graph_is_a_409_problem(app: Governed) -> None:
    response = app.client.post(
        "/releases/core/1.0.0/status", json={"status": "retired", "reason": "too soon"}, headers=app.admin
    )
    problem = assert_problem(
        response, 409, "Conflict", "core 1.0.0 is candidate: it can become standard, not retired"
    )
    assert "draft → candidate → standard → deprecated → retired" in str(problem["hint"])
    assert app.client.get("/releases/core/1.0.0/history").json()["status"] == "candidate"


@pytest.mark.parametrize(
    ("path", "detail"),
    [
        ("/releases/lighting/9.0.0/status", "lighting has no version 9.0.0"),
        ("/releases/nowhere/1.0.0/status", "no standard named 'nowhere'"),
    ],
)
def test_a_status_change_of_an_unknown_release_is_a_404_problem(
    app: Governed, path: str, detail: str
) -> None:
    response = app.client.post(path, json={"status": "standard", "reason": "why"}, headers=app.admin)
    assert_problem(response, 404, "Not found", detail)


@pytest.mark.parametrize(
    ("body", "title", "detail"),
    [
        ({"status": "standard"}, "Invalid request", "The request's parameters are not valid."),
        ({"reason": "adopted"}, "Invalid request", "The request's parameters are not valid."),
        ({"status": "standard", "reason": "  "}, "Input cannot be read", "a status change needs a reason"),
        ({"status": "adopted", "reason": "why"}, "Input cannot be read", "'adopted' is not a status"),
    ],
)
def test_a_status_change_without_a_reason_or_status_is_a_422_problem(
    app: Governed, body: dict[str, str], title: str, detail: str
) -> None:
    response = app.client.post("/releases/mobility/1.0.0/status", json=body, headers=app.admin)
    problem = assert_problem(response, 422, title, detail)
    if title == "Invalid request":
        missing = "body.reason" if "reason" not in body else "body.status"
        assert [e["where"] for e in problem["errors"]] == [missing]  # type: ignore[attr-defined]
    assert app.client.get("/releases/mobility/1.0.0/history").json()["status"] == "candidate"


def test_the_history_of_an_unknown_release_is_a_404_problem(app: Governed) -> None:
    assert_problem(
        app.client.get("/releases/lighting/9.9.9/history"), 404, "Not found", "lighting has no version 9.9.9"
    )
    assert_problem(
        app.client.get("/def/lighting/9.9.9/history", headers={"Accept": "text/turtle"}),
        404,
        "Not found",
        "lighting has no version 9.9.9",
    )


def _history(app: Governed, path: str, media: str) -> rdflib.Graph:
    response = app.client.get(path, headers={"Accept": media})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith(media)
    assert response.headers["vary"] == "Accept"
    assert response.headers["cache-control"] == "no-cache"
    return rdflib.Graph().parse(data=response.content, format=RDF_TYPES[media])


@pytest.mark.parametrize("media", RDF_TYPES)
def test_the_status_history_is_published_as_rdf(app: Governed, media: str) -> None:
    release = rdflib.URIRef(f"{BASE}def/core/1.0.0")
    graph = _history(app, "/def/core/1.0.0/history", media)
    assert set(graph.objects(release, ADMS.status)) == {GOV.candidate}  # no ADMS concept means "candidate"
    assert set(graph.objects(release, GOV.status)) == {GOV.candidate}
    [publication] = graph.objects(release, GOV.statusChange)
    assert set(graph.objects(publication, RDF.type)) == {PROV.Activity, GOV.StatusChange}
    assert set(graph.objects(publication, GOV.toStatus)) == {GOV.candidate}
    assert set(graph.objects(publication, GOV.fromStatus)) == set()
    assert {str(o) for o in graph.objects(publication, RDFS.comment)} == {
        "first release, loaded from vocab/core.yaml"
    }
    [agent] = graph.objects(publication, PROV.wasAssociatedWith)
    assert (agent, RDF.type, PROV.Agent) in graph
    assert {str(o) for o in graph.objects(agent, FOAF.name)} == {"bootstrap"}
    [started] = graph.objects(publication, PROV.startedAtTime)
    assert isinstance(started, rdflib.Literal) and started.datatype == XSD.dateTime
    assert set(graph.objects(publication, PROV.endedAtTime)) == {started}
    assert set(graph.objects(publication, DCTERMS.date)) == {started}


def test_each_transition_is_a_prov_activity_and_the_status_maps_to_adms(app: Governed) -> None:
    changed = app.client.post(
        "/releases/lighting/1.0.0/status",
        json={"status": "standard", "reason": "Adopted."},
        headers=app.admin,
    )
    assert changed.status_code == 200, changed.text
    graph = _history(app, "/def/lighting/1.0.0/history", "text/turtle")
    release = rdflib.URIRef(f"{BASE}def/lighting/1.0.0")
    assert set(graph.objects(release, ADMS.status)) == {ADMS_STATUS.Completed}
    assert set(graph.objects(release, GOV.status)) == {GOV.standard}
    changes = sorted(graph.objects(release, GOV.statusChange))
    assert [str(c).rsplit("#", 1)[1] for c in changes] == ["change-1", "change-2"]
    adoption = changes[1]
    assert (adoption, RDF.type, PROV.Activity) in graph
    assert set(graph.objects(adoption, GOV.fromStatus)) == {GOV.candidate}
    assert set(graph.objects(adoption, GOV.toStatus)) == {GOV.standard}
    assert {str(o) for o in graph.objects(adoption, RDFS.comment)} == {"Adopted."}
    [agent] = graph.objects(adoption, PROV.wasAssociatedWith)
    assert {str(o) for o in graph.objects(agent, FOAF.name)} == {"council-admin"}
    [first] = graph.objects(changes[0], PROV.startedAtTime)
    [second] = graph.objects(adoption, PROV.startedAtTime)
    assert first.toPython() <= second.toPython()  # type: ignore[union-attr]


def test_the_rdf_history_revalidates_with_its_etag_and_changes_with_the_status(app: Governed) -> None:
    first = app.client.get("/def/water/1.0.0/history", headers={"Accept": "text/turtle"})
    etag = first.headers["etag"]
    again = app.client.get(
        "/def/water/1.0.0/history", headers={"Accept": "text/turtle", "If-None-Match": etag}
    )
    assert again.status_code == 304
    assert (
        app.client.get("/def/water/1.0.0/history?format=nt")
        .headers["content-type"]
        .startswith("application/n-triples")
    )
    browser = app.client.get("/def/water/1.0.0/history", headers={"Accept": "text/html,*/*;q=0.8"})
    assert browser.headers["content-type"].startswith("text/turtle")  # no HTML page: Turtle
    app.client.post(
        "/releases/water/1.0.0/status", json={"status": "standard", "reason": "Adopted."}, headers=app.admin
    )
    later = app.client.get(
        "/def/water/1.0.0/history", headers={"Accept": "text/turtle", "If-None-Match": etag}
    )
    assert later.status_code == 200 and later.headers["etag"] != etag


def test_definitions_paths_that_look_alike_are_left_to_the_definitions_router(app: Governed) -> None:
    code = app.client.get("/def/lighting/LampTechnology/led", headers={"Accept": "text/turtle"})
    assert code.status_code == 200
    concept = rdflib.URIRef(f"{BASE}def/lighting/LampTechnology/led")
    assert (concept, SKOS.notation, rdflib.Literal("led")) in rdflib.Graph().parse(
        data=code.text, format="turtle"
    )
    assert app.client.get("/def/lighting/1.0.0/shapes.ttl").status_code == 200


def test_the_governance_vocabulary_describes_every_status(app: Governed) -> None:
    response = app.client.get("/governance", headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    graph = rdflib.Graph().parse(data=response.content, format="turtle")
    concepts = set(graph.subjects(SKOS.inScheme, GOV.ReleaseStatus))
    assert concepts == {GOV.draft, GOV.candidate, GOV.standard, GOV.deprecated, GOV.retired}
    for concept in concepts:
        labels = {o.language for o in graph.objects(concept, SKOS.prefLabel)}  # type: ignore[attr-defined]
        assert labels == {"fr", "en"}
    assert (GOV.standard, SKOS.exactMatch, ADMS_STATUS.Completed) in graph
    assert (GOV.retired, SKOS.exactMatch, ADMS_STATUS.Withdrawn) in graph
    assert (GOV.candidate, SKOS.broadMatch, ADMS_STATUS.UnderDevelopment) in graph
    assert (GOV.StatusChange, RDFS.subClassOf, PROV.Activity) in graph


def test_an_admin_creates_lists_and_revokes_tokens(app: Governed) -> None:
    created = app.client.post("/tokens", json={"name": "bob", "role": "editor"}, headers=app.admin)
    assert created.status_code == 201, created.text
    assert created.headers["cache-control"] == "no-store"
    token = created.json()
    assert set(token) == {"id", "name", "role", "created_at", "revoked_at", "token"}
    assert (token["name"], token["role"], token["revoked_at"]) == ("bob", "editor", None)
    secret = token["token"]
    assert secret.startswith("socle_")

    # the new token works, with its role
    forbidden = app.client.get("/tokens", headers=bearer(secret))
    assert_problem(forbidden, 403, "Forbidden", "this action needs an admin token; 'bob' is an editor")

    listed = app.client.get("/tokens", headers=app.admin)
    assert listed.status_code == 200
    assert secret not in listed.text and "hash" not in listed.text
    mine = [t for t in listed.json()["tokens"] if t["id"] == token["id"]]
    assert mine == [{k: v for k, v in token.items() if k != "token"}]

    revoked = app.client.delete(f"/tokens/{token['id']}", headers=app.admin)
    assert revoked.status_code == 200
    assert revoked.json()["revoked_at"] is not None
    assert_problem(
        app.client.get("/tokens", headers=bearer(secret)),
        401,
        "Authentication required",
        "the bearer token is unknown or revoked",
    )
    actions = [
        (e["actor"], e["action"], e["target"])
        for e in app.client.get("/audit?limit=2", headers=app.admin).json()["entries"]
    ]
    assert actions == [
        ("council-admin", "token.revoke", f"token:{token['id']}"),
        ("council-admin", "token.create", f"token:{token['id']}"),
    ]


@pytest.mark.parametrize(
    ("body", "status", "detail"),
    [
        ({"name": "bob", "role": "owner"}, 422, "'owner' is not a role"),
        ({"name": "", "role": "editor"}, 422, "a token needs a name of 1 to 128 characters"),
        ({"role": "editor"}, 422, "The request's parameters are not valid."),
    ],
)
def test_a_token_needs_a_name_and_a_known_role(
    app: Governed, body: dict[str, str], status: int, detail: str
) -> None:
    response = app.client.post("/tokens", json=body, headers=app.admin)
    assert response.status_code == status
    assert response.headers["content-type"] == PROBLEM
    assert response.json()["detail"] == detail


def test_revoking_an_unknown_token_is_a_404_problem(app: Governed) -> None:
    assert_problem(app.client.delete("/tokens/9999", headers=app.admin), 404, "Not found", "no token 9999")


def test_the_audit_log_lists_every_write_latest_first(app: Governed) -> None:
    entries = app.client.get("/audit", headers=app.admin).json()["entries"]
    assert [e["id"] for e in entries] == sorted((e["id"] for e in entries), reverse=True)
    assert [e["at"] for e in entries] == sorted((e["at"] for e in entries), reverse=True)
    published = app.client.get("/audit?action=release.publish", headers=app.admin).json()["entries"]
    assert sorted(e["target"] for e in published) == [
        "core@1.0.0",
        "lighting@1.0.0",
        "mobility@1.0.0",
        "waste@1.0.0",
        "water@1.0.0",
    ]
    assert {e["actor"] for e in published} == {"bootstrap"}
    created = app.client.get("/audit?action=token.create", headers=app.admin).json()["entries"]
    assert {e["action"] for e in created} == {"token.create"}
    assert {"council-admin", "alice", "former-admin"} <= {e["detail"]["name"] for e in created}
    assert len(app.client.get("/audit?limit=1", headers=app.admin).json()["entries"]) == 1
    assert app.client.get("/audit?limit=0", headers=app.admin).status_code == 422
    assert app.client.get("/audit?action=DROP TABLE", headers=app.admin).status_code == 422
