"""Issue 10's "done when", end to end against a real ``socle serve`` over a data directory of its own.

A removed enum value declared as a minor release is refused naming that value; declared as a major
release it is accepted; both versions stay resolvable, downloadable and validatable, and the removed
value's IRI still resolves, deprecated, to its last version. Fifty concurrent releases of one version
give one 201 and 49 409s and one artifact set on disk; writes need a token (401) of the right role
(403); every release is in the audit log once; a Pydantic module downloaded for the old version still
imports and its output validates against that version.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
import rdflib

from registry.catalog.db import open_database
from registry.catalog.tokens import create_token
from registry.config import Settings
from tests.conftest import running_registry, seeded_data_dir
from tests.publish.releasing_helpers import adds_optional_slot, removes_mercury_vapour, store_files, variant

PROBLEM = "application/problem+json"
MERCURY_IRI = "/def/lighting/LampTechnology/mercury_vapour"
TURTLE = {"Accept": "text/turtle"}
HTML = {"Accept": "text/html"}


@dataclass(frozen=True)
class Registry:
    url: str
    data_dir: Path
    editor: dict[str, str]
    admin: dict[str, str]


@pytest.fixture(scope="module")
def registry(tmp_path_factory: pytest.TempPathFactory, bundles: dict[str, Path]) -> Iterator[Registry]:
    """``socle serve`` on a loopback port over a fresh data directory, with an editor and an admin token
    created in its SQLite catalogue."""
    data_dir = seeded_data_dir(tmp_path_factory.mktemp("done-when-data"), bundles)
    with running_registry(data_dir) as url:
        db = open_database(Settings(data_dir=data_dir))
        _, editor = create_token(db, name="editor@example.org", role="editor", actor="test")
        _, admin = create_token(db, name="council@example.org", role="admin", actor="test")
        db.dispose()
        yield Registry(
            url,
            data_dir,
            editor={"Authorization": f"Bearer {editor}"},
            admin={"Authorization": f"Bearer {admin}"},
        )


def _publish(registry: Registry, module: bytes, headers: dict[str, str] | None = None) -> httpx.Response:
    return httpx.post(
        f"{registry.url}/releases",
        files={"module": ("lighting.yaml", module, "application/yaml")},
        headers=registry.editor if headers is None else headers,
        timeout=300,
    )


def _problem(response: httpx.Response, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == PROBLEM
    body: dict[str, Any] = response.json()
    return body


def _streetlight(lamp_technology: str) -> list[dict[str, Any]]:
    return [
        {
            "type": "Streetlight",
            "identifier": "DW-SL-1",
            "latitude": 45.761,
            "longitude": 4.831,
            "lamp_technology": lamp_technology,
            "nominal_power": 125,
        }
    ]


def _validate(registry: Registry, version: str, records: list[dict[str, Any]]) -> dict[str, Any]:
    response = httpx.post(
        f"{registry.url}/validate",
        params={"domain": "lighting", "version": version, "format": "json"},
        content=json.dumps(records).encode(),
        headers={"Content-Type": "application/json", "Accept": "application/json"},
        timeout=120,
    )
    assert response.status_code == 200, response.text
    report: dict[str, Any] = response.json()
    return report


def test_the_registry_is_done(registry: Registry, tmp_path: Path) -> None:
    url = registry.url

    # writes without a token are 401, an editor token on an admin action 403: both problem+json
    breaking = variant(tmp_path / "minor", "1.1.0", removes_mercury_vapour).read_bytes()
    _problem(_publish(registry, breaking, headers={}), 401)
    status_change = httpx.post(
        f"{url}/releases/lighting/1.0.0/status",
        json={"status": "standard", "reason": "adopted"},
        headers=registry.editor,
    )
    _problem(status_change, 403)

    # a removed enum value declared as a minor release: refused, naming the value
    refused = _problem(_publish(registry, breaking), 422)
    offending = [f for f in refused["failures"] if f["check"] == "compatibility"]
    assert [f["element"] for f in offending] == ["lighting:LampTechnology/mercury_vapour"]
    assert "mercury_vapour" in offending[0]["message_en"] and "mercury_vapour" in offending[0]["message_fr"]
    assert refused["verdict"]["required"] == "major"

    # declared as a major release: accepted
    accepted = _publish(registry, variant(tmp_path / "major", "2.0.0", removes_mercury_vapour).read_bytes())
    assert accepted.status_code == 201, accepted.text
    assert accepted.headers["location"] == "/def/lighting/2.0.0"

    # both versions resolve (Turtle and HTML) and their artifacts download with strong ETags
    for version in ("1.0.0", "2.0.0"):
        turtle = httpx.get(f"{url}/def/lighting/{version}", headers=TURTLE)
        assert turtle.status_code == 200 and turtle.headers["content-type"].startswith("text/turtle")
        graph = rdflib.Graph().parse(data=turtle.content, format="turtle")
        assert (None, rdflib.OWL.versionInfo, rdflib.Literal(version)) in graph
        page = httpx.get(f"{url}/def/lighting/{version}", headers=HTML)
        assert page.status_code == 200 and version in page.text
        record = httpx.get(f"{url}/releases/lighting/{version}").json()
        for artifact in record["artifacts"]:
            download = httpx.get(f"{url}{artifact['url']}")
            assert download.status_code == 200, artifact["name"]
            etag = download.headers["etag"]
            assert etag.startswith('"') and not etag.startswith("W/")
            assert httpx.get(f"{url}{artifact['url']}", headers={"If-None-Match": etag}).status_code == 304
            by_digest = httpx.get(f"{url}/artifacts/{artifact['sha256']}")
            assert by_digest.content == download.content
            assert "immutable" in by_digest.headers["cache-control"]

    # both stay validatable: the removed value is valid in 1.0.0 and a Violation in 2.0.0
    old = _validate(registry, "1.0.0", _streetlight("mercury_vapour"))
    assert old["valid"] is True
    new = _validate(registry, "2.0.0", _streetlight("mercury_vapour"))
    assert new["valid"] is False
    violations = [r for r in new["results"] if r["severity"] == "Violation"]
    assert violations and all("mercury_vapour" in json.dumps(r) for r in violations)

    # the removed value's IRI still resolves, deprecated, to the last version that had it
    term = httpx.get(f"{url}{MERCURY_IRI}", headers=TURTLE)
    assert term.status_code == 200 and term.headers["deprecation"]
    assert term.headers["link"] == '</def/lighting/1.0.0>; rel="describedby"'
    concept = rdflib.URIRef(f"https://w3id.org/socle{MERCURY_IRI}")
    described = rdflib.Graph().parse(data=term.content, format="turtle")
    assert (concept, rdflib.RDF.type, rdflib.SKOS.Concept) in described
    assert (concept, rdflib.OWL.deprecated, rdflib.Literal(True)) in described
    assert (
        concept,
        rdflib.RDFS.isDefinedBy,
        rdflib.URIRef("https://w3id.org/socle/def/lighting/1.0.0"),
    ) in described
    term_page = httpx.get(f"{url}{MERCURY_IRI}", headers=HTML)
    assert term_page.status_code == 200 and term_page.headers["deprecation"]
    assert "/def/lighting/1.0.0" in term_page.text

    # fifty concurrent releases of one version: one 201, 49 problem+json 409s, one artifact set
    files_before = store_files(registry.data_dir)
    minor = variant(tmp_path / "next", "2.1.0", lambda t: adds_optional_slot(removes_mercury_vapour(t)))
    module = minor.read_bytes()
    with ThreadPoolExecutor(max_workers=50) as executor:
        responses = list(executor.map(lambda _: _publish(registry, module), range(50)))
    statuses = sorted(r.status_code for r in responses)
    assert statuses == [201] + [409] * 49, [r.text for r in responses if r.status_code not in (201, 409)]
    assert {r.headers["content-type"] for r in responses if r.status_code == 409} == {PROBLEM}
    lighting_dirs = sorted(p.name for p in (registry.data_dir / "releases" / "lighting").iterdir())
    assert lighting_dirs == ["1.0.0", "2.0.0", "2.1.0"]
    published = httpx.get(f"{url}/releases/lighting/2.1.0").json()
    added = store_files(registry.data_dir) - files_before
    assert added == {a["sha256"] for a in published["artifacts"]} - files_before

    # every release is in the audit log, once
    audit = httpx.get(
        f"{url}/audit", params={"limit": 500, "action": "release.publish"}, headers=registry.admin
    )
    assert audit.status_code == 200, audit.text
    publishes = sorted(e["target"] for e in audit.json()["entries"])
    releases = sorted(f"{r['domain']}@{r['version']}" for r in httpx.get(f"{url}/releases").json())
    assert publishes == releases
    assert {"lighting@2.0.0", "lighting@2.1.0"} <= set(publishes)

    # a Pydantic module downloaded for 1.0.0 still imports, and its output validates against 1.0.0
    models_file = tmp_path / "lighting_v1_models.py"
    models_file.write_bytes(httpx.get(f"{url}/def/lighting/1.0.0/models.py").content)
    spec = importlib.util.spec_from_file_location("lighting_v1_models", models_file)
    assert spec is not None and spec.loader is not None
    models = importlib.util.module_from_spec(spec)
    sys.modules["lighting_v1_models"] = models
    try:
        spec.loader.exec_module(models)
        light = models.Streetlight(
            identifier="DW-SL-2", latitude=45.76, longitude=4.83, lamp_technology="mercury_vapour"
        )
        dumped = [light.model_dump(mode="json", exclude_none=True)]
    finally:
        del sys.modules["lighting_v1_models"]
    assert dumped[0]["lamp_technology"] == "mercury_vapour"
    assert _validate(registry, "1.0.0", dumped)["valid"] is True
