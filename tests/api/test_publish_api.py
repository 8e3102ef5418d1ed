"""``POST /releases`` and the release records, over an app of this module's own (it publishes).

Each test publishes its own version (1.1.0 refused, 2.0.0, 1.2.0), so that they hold in any order."""

from __future__ import annotations

import io
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import rdflib
from fastapi.testclient import TestClient

from registry.api.app import create_app
from registry.catalog.tokens import create_token
from registry.validate.pool import Task, WorkerPool
from tests.api.conftest import app_settings
from tests.publish.releasing_helpers import adds_optional_slot, removes_mercury_vapour, store_files, variant

PROBLEM = "application/problem+json"
MERCURY = "lighting:LampTechnology/mercury_vapour"


class CountingPool:
    """The app's worker pool, counting the release builds it is given."""

    def __init__(self, pool: WorkerPool) -> None:
        self.pool = pool
        self.builds = 0
        self.lock = threading.Lock()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.pool, name)

    async def run(self, task: Task, *, timeout: float | None = None) -> Any:
        if task.label.startswith("publish "):
            with self.lock:
                self.builds += 1
        return await self.pool.run(task, timeout=timeout)


@pytest.fixture(scope="module")
def app_client(tmp_path_factory: pytest.TempPathFactory, bundles: dict[str, Path]) -> Iterator[TestClient]:
    settings = app_settings(tmp_path_factory.mktemp("publish-data"), bundles, validation_workers=1)
    with TestClient(create_app(settings)) as client:
        client.app.state.pool = CountingPool(client.app.state.pool)  # type: ignore[attr-defined]
        yield client


@pytest.fixture(scope="module")
def editor(app_client: TestClient) -> dict[str, str]:
    _, secret = create_token(app_client.app.state.db, name="editor@example.org", role="editor", actor="test")  # type: ignore[attr-defined]
    return {"Authorization": f"Bearer {secret}"}


@pytest.fixture(scope="module")
def modules(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    root = tmp_path_factory.mktemp("modules")
    return {
        "1.1.0-breaking": variant(root / "a", "1.1.0", removes_mercury_vapour).read_bytes(),
        "2.0.0": variant(root / "b", "2.0.0", removes_mercury_vapour).read_bytes(),
        "1.2.0": variant(root / "c", "1.2.0", adds_optional_slot).read_bytes(),
        "1.0.0": variant(root / "d", "1.0.0").read_bytes(),
    }


def _post(client: TestClient, headers: dict[str, str], module: bytes, **params: str) -> Any:
    files: dict[str, Any] = {"module": ("lighting.yaml", module, "application/yaml")}
    return client.post("/releases", params=params, files=files, headers=headers)


def _problem(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == PROBLEM
    body: dict[str, Any] = response.json()
    assert body["status"] == status
    return body


def test_publishing_needs_a_token(app_client: TestClient, modules: dict[str, bytes]) -> None:
    missing = _post(app_client, {}, modules["1.2.0"])
    assert _problem(missing, 401)["title"] == "Authentication required"
    assert missing.headers["www-authenticate"].startswith("Bearer")
    _problem(_post(app_client, {"Authorization": "Bearer socle_nonsense"}, modules["1.2.0"]), 401)


def test_a_breaking_change_declared_minor_is_a_422_naming_the_value(
    app_client: TestClient, editor: dict[str, str], modules: dict[str, bytes]
) -> None:
    body = _problem(_post(app_client, editor, modules["1.1.0-breaking"]), 422)
    assert body["title"] == "Release refused"
    assert [(f["check"], f["element"]) for f in body["failures"]] == [("compatibility", MERCURY)]
    assert "mercury_vapour" in body["failures"][0]["message_en"]
    assert body["verdict"]["required"] == "major" and body["verdict"]["acceptable"] is False
    assert "2.0.0" in body["hint"]
    _problem(app_client.get("/releases/lighting/1.1.0"), 404)


def test_a_dry_run_answers_the_verdict_and_records_nothing(
    app_client: TestClient, editor: dict[str, str], modules: dict[str, bytes]
) -> None:
    response = _post(app_client, editor, modules["1.1.0-breaking"], dry_run="true")
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["dry_run"] is True and body["acceptable"] is False
    assert [f["element"] for f in body["failures"]] == [MERCURY]
    assert body["changelog"]["previous"] == "1.0.0"
    assert "1.1.0" not in [
        r["version"] for r in app_client.get("/releases", params={"domain": "lighting"}).json()
    ]


def test_an_existing_version_is_a_409(
    app_client: TestClient, editor: dict[str, str], modules: dict[str, bytes]
) -> None:
    body = _problem(_post(app_client, editor, modules["1.0.0"]), 409)
    assert body["detail"] == "lighting 1.0.0 is already published"


@pytest.mark.parametrize(
    ("request_kwargs", "status", "needle"),
    [
        ({"content": b"name: lighting", "headers": {"Content-Type": "application/yaml"}}, 415, "multipart"),
        ({"files": {"shapes": ("extra.ttl", b"", "text/turtle")}}, 422, "no LinkML module"),
        (
            {"files": {"module": ("m.yaml", b"x"), "other": ("o", b"y")}},
            422,
            "fields a release does not take",
        ),
        ({"files": {"module": ("m.yaml", b"\xff\xfe")}}, 422, "not UTF-8"),
        (
            {"params": {"core": "latest"}, "files": {"module": ("m.yaml", b"x")}},
            422,
            "parameters are not valid",
        ),
    ],
)
def test_unusable_requests_are_problems(
    app_client: TestClient, editor: dict[str, str], request_kwargs: dict[str, Any], status: int, needle: str
) -> None:
    kwargs = {**request_kwargs, "headers": {**editor, **request_kwargs.get("headers", {})}}
    body = _problem(app_client.post("/releases", **kwargs), status)
    assert needle in body["detail"]


# nine levels of nine aliases: 9**10 values once walked, in 400 bytes
BILLION_LAUGHS = "\n".join(
    ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    + [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
).encode()


def test_a_module_with_yaml_aliases_is_refused_before_anything_is_built(
    app_client: TestClient, editor: dict[str, str], modules: dict[str, bytes]
) -> None:
    module = modules["1.2.0"] + b"\n" + BILLION_LAUGHS
    files = {"module": ("lighting.yaml", module, "application/yaml")}
    body = _problem(app_client.post("/releases", files=files, headers=editor), 422)
    assert body["title"] == "Unsafe input refused"
    assert "YAML aliases are not accepted" in body["detail"] and "*a0" in body["detail"]
    assert app_client.get("/health").status_code == 200


def _zip(name: str, data: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("archive", "needle"),
    [
        (_zip("../../escape.yaml", b"x"), "outside its folder"),
        (_zip("/etc/escape.yaml", b"x"), "absolute"),
        (b"not a zip at all", "not a readable zip archive"),
        (
            _zip("valid/Streetlight-laughs.yaml", BILLION_LAUGHS),
            "YAML aliases are not accepted (line 2, *a0)",
        ),
    ],
)
def test_hostile_examples_archives_are_422_problems(
    app_client: TestClient, editor: dict[str, str], modules: dict[str, bytes], archive: bytes, needle: str
) -> None:
    files = {
        "module": ("lighting.yaml", modules["1.2.0"], "application/yaml"),
        "examples": ("examples.zip", archive, "application/zip"),
    }
    body = _problem(
        app_client.post("/releases", files=files, headers=editor, params={"dry_run": "true"}), 422
    )
    assert needle in body["detail"]
    assert app_client.get("/health").status_code == 200


def test_a_major_release_is_published_and_every_face_sees_it(
    app_client: TestClient, editor: dict[str, str], modules: dict[str, bytes]
) -> None:
    before = app_client.get("/search", params={"q": "vapeur de mercure"}).json()
    assert [r["domain"] for r in before["results"] if r["iri"].endswith("/mercury_vapour")] == ["lighting"]
    app_client.get("/catalog", headers={"Accept": "text/turtle"})  # cached before the release

    response = _post(app_client, editor, modules["2.0.0"])
    assert response.status_code == 201, response.text
    assert response.headers["location"] == "/def/lighting/2.0.0"
    body = response.json()
    assert (body["domain"], body["version"], body["status"]) == ("lighting", "2.0.0", "candidate")
    assert body["changelog"]["previous"] == "1.0.0"
    assert [c["element"] for c in body["changelog"]["verdict"]["changes"]] == [MERCURY]
    names = {a["name"]: a for a in body["artifacts"]}
    assert {"lighting.yaml", "core.yaml", "extra-lighting.ttl", "examples.zip", "changelog.json"} <= set(
        names
    )
    assert names["shapes.ttl"]["url"] == "/def/lighting/2.0.0/shapes.ttl"
    assert (
        app_client.get(names["models.py"]["download"]).content
        == app_client.get(names["models.py"]["url"]).content
    )

    record = app_client.get("/releases/lighting/2.0.0").json()
    assert record["created_by"] == "editor@example.org" and record["artifacts"] == body["artifacts"]
    listed = app_client.get("/releases").json()
    assert {"domain": "lighting", "version": "2.0.0", "status": "candidate"}.items() <= next(
        r for r in listed if r["version"] == "2.0.0"
    ).items()
    assert (
        app_client.get("/def/lighting", headers={"Accept": "text/turtle"}).content
        == app_client.get("/def/lighting/2.0.0", headers={"Accept": "text/turtle"}).content
    )

    # the caches keyed on the catalogue's state see the new release
    after = app_client.get("/search", params={"q": "vapeur de mercure"}).json()
    assert [r for r in after["results"] if r["iri"].endswith("/mercury_vapour")] == []
    assert {r["version"] for r in app_client.get("/search", params={"q": "led"}).json()["results"]} >= {
        "2.0.0"
    }
    dcat = rdflib.Graph().parse(
        data=app_client.get("/catalog", headers={"Accept": "text/turtle"}).content, format="turtle"
    )
    assert (rdflib.URIRef("https://w3id.org/socle/def/lighting/2.0.0"), None, None) in dcat
    ask = "ASK { GRAPH <https://w3id.org/socle/def/lighting/2.0.0> { ?s ?p ?o } }"
    sparql = app_client.get(
        "/sparql", params={"query": ask}, headers={"Accept": "application/sparql-results+json"}
    )
    assert sparql.status_code == 200 and sparql.json()["boolean"] is True


def test_concurrent_publishes_of_one_version_build_once(
    app_client: TestClient, editor: dict[str, str], modules: dict[str, bytes]
) -> None:
    pool: CountingPool = app_client.app.state.pool  # type: ignore[attr-defined]
    data_dir = app_client.app.state.settings.data_dir  # type: ignore[attr-defined]
    files_before = store_files(data_dir)
    builds_before = pool.builds
    statuses: list[int] = []
    types: set[str] = set()
    start = threading.Barrier(8)

    def publish() -> None:
        start.wait()
        response = _post(app_client, editor, modules["1.2.0"])
        statuses.append(response.status_code)
        if response.status_code == 409:
            types.add(response.headers["content-type"])

    threads = [threading.Thread(target=publish) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert sorted(statuses) == [201] + [409] * 7
    assert types == {PROBLEM}
    assert pool.builds - builds_before == 1
    record = app_client.get("/releases/lighting/1.2.0").json()
    added = store_files(data_dir) - files_before
    assert added == {a["sha256"] for a in record["artifacts"]} - files_before
    assert [p.name for p in (data_dir / "releases" / "lighting").iterdir() if "1.2.0" in p.name] == ["1.2.0"]
