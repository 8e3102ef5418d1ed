"""Asynchronous validation: 202 + Location, status and progress, the report, and a restart that
loses nothing."""

from __future__ import annotations

import time
from pathlib import Path

from fastapi.testclient import TestClient

from registry.api.app import create_app
from registry.config import PROJECT_ROOT
from tests.api.conftest import app_settings

INVALID = PROJECT_ROOT / "examples/lighting/invalid/Streetlight-power-too-high.ttl"


def _wait(client: TestClient, location: str, timeout: float = 60) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status = client.get(location).json()
        if status["status"] in ("succeeded", "failed", "expired"):
            return status
        time.sleep(0.2)
    raise AssertionError(f"the job did not finish: {status}")


def test_async_job_gives_the_same_report_as_a_direct_validation(client: TestClient) -> None:
    body = INVALID.read_bytes()
    accepted = client.post("/validate?domain=lighting&format=turtle&mode=async", content=body)
    assert accepted.status_code == 202
    location = accepted.headers["location"]
    assert location.startswith("/jobs/") and len(location.removeprefix("/jobs/")) >= 40
    status = _wait(client, location)
    assert status["status"] == "succeeded" and status["progress"] == 1.0
    report = client.get(status["links"]["report"]).json()
    direct = client.post("/validate?domain=lighting&format=turtle", content=body).json()
    assert report["results"] == direct["results"]
    assert report["valid"] is False
    turtle = client.get(status["links"]["report"], headers={"Accept": "text/turtle"})
    assert turtle.headers["content-type"].startswith("text/turtle")


def test_big_inputs_become_jobs(client: TestClient) -> None:
    settings = client.app.state.settings  # type: ignore[attr-defined]
    client.app.state.settings = settings.model_copy(update={"sync_max_bytes": 100})  # type: ignore[attr-defined]
    try:
        accepted = client.post("/validate?domain=lighting&format=turtle", content=INVALID.read_bytes())
    finally:
        client.app.state.settings = settings  # type: ignore[attr-defined]
    assert accepted.status_code == 202
    assert _wait(client, accepted.headers["location"])["status"] == "succeeded"


def test_a_failing_job_says_why(client: TestClient) -> None:
    accepted = client.post("/validate?domain=lighting&format=turtle&mode=async", content=b"<urn:a> <urn:b> .")
    status = _wait(client, accepted.headers["location"])
    assert status["status"] == "failed"
    assert status["problem"]["status"] == 422 and "line" in status["problem"]["detail"].lower()
    report = client.get(f"{accepted.headers['location']}/report")
    assert report.status_code == 409 and report.headers["content-type"] == "application/problem+json"


def test_unknown_jobs_are_404_problems(client: TestClient) -> None:
    for path in ("/jobs/not-a-job", "/jobs/" + "A" * 43, "/jobs/" + "A" * 43 + "/report"):
        response = client.get(path)
        assert response.status_code == 404
        assert response.headers["content-type"] == "application/problem+json"


def test_a_restart_keeps_finished_results(tmp_path: Path, bundles: dict[str, Path]) -> None:
    settings = app_settings(tmp_path / "data", bundles, validation_workers=1)
    with TestClient(create_app(settings)) as first:
        accepted = first.post(
            "/validate?domain=lighting&format=turtle&mode=async", content=INVALID.read_bytes()
        )
        location = accepted.headers["location"]
        assert _wait(first, location)["status"] == "succeeded"
        before = first.get(f"{location}/report").json()
    with TestClient(create_app(settings)) as second:
        assert second.get(location).json()["status"] == "succeeded"
        assert second.get(f"{location}/report").json() == before


def test_a_browser_is_sent_to_the_jobs_page_and_then_sees_the_report(client: TestClient) -> None:
    settings = client.app.state.settings  # type: ignore[attr-defined]
    client.app.state.settings = settings.model_copy(update={"sync_max_bytes": 100})  # type: ignore[attr-defined]
    try:
        sent = client.post(
            "/validate?domain=lighting",
            files={"file": ("lights.ttl", INVALID.read_bytes(), "text/turtle")},
            data={"output": "html"},
            headers={"Accept": "text/html"},
            follow_redirects=False,
        )
    finally:
        client.app.state.settings = settings  # type: ignore[attr-defined]
    assert sent.status_code == 303
    location = sent.headers["location"]
    _wait(client, location)
    page = client.get(location, headers={"Accept": "text/html"})
    assert page.status_code == 200 and 'id="verdict"' in page.text
