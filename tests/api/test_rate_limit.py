"""Rate limits: costly requests per client address, a 429 problem with Retry-After beyond them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from registry.api.app import create_app
from registry.api.ratelimit import is_limited, parse_limit
from registry.errors import ConfigurationError
from tests.api.conftest import app_settings
from tests.conftest import running_registry, seeded_data_dir

BODY = b'[{"identifier": "SL-1", "type": "Streetlight"}]'


@pytest.fixture(scope="module")
def limited(tmp_path_factory: pytest.TempPathFactory, bundles: dict[str, Path]) -> Iterator[TestClient]:
    settings = app_settings(
        tmp_path_factory.mktemp("limited"), bundles, validation_workers=1, rate_limit="3/minute"
    )
    with TestClient(create_app(settings)) as client:
        yield client


def test_beyond_the_limit_a_client_gets_a_429_problem_with_retry_after(limited: TestClient) -> None:
    url = "/validate?domain=lighting&format=json"
    answers = [limited.post(url, content=BODY) for _ in range(3)]
    assert [a.status_code for a in answers] == [200, 200, 200]

    refused = limited.post(url, content=BODY)
    assert refused.status_code == 429
    assert refused.headers["content-type"] == "application/problem+json"
    assert 1 <= int(refused.headers["retry-after"]) <= 60
    assert refused.headers["x-content-type-options"] == "nosniff"
    problem = refused.json()
    assert problem["status"] == 429 and problem["title"] == "Too many requests"
    assert "3 per 1 minute" in problem["detail"]

    # reading published vocabularies is never limited, and the server stays up
    assert limited.get("/def/lighting", headers={"Accept": "text/turtle"}).status_code == 200
    assert limited.get("/health").status_code == 200
    assert limited.get("/search?q=lampe").status_code == 429


@pytest.mark.parametrize(
    ("method", "path", "expected"),
    [
        ("POST", "/validate", True),
        ("POST", "/releases", True),
        ("GET", "/sparql", True),
        ("GET", "/search", True),
        ("GET", "/def/lighting", False),
        ("GET", "/artifacts/0", False),
        ("GET", "/jobs/abc", False),
    ],
)
def test_which_requests_count(method: str, path: str, expected: bool) -> None:
    assert is_limited(method, path) is expected


def test_limits_are_read_in_the_usual_notation_and_empty_means_off() -> None:
    assert str(parse_limit("120/minute")) == "120 per 1 minute"
    assert parse_limit("") is None
    assert parse_limit("  ") is None
    with pytest.raises(ConfigurationError, match="not a rate limit"):
        parse_limit("many")


def _validate(url: str, forwarded_for: str) -> int:
    return httpx.post(
        f"{url}/validate?domain=lighting&format=json",
        content=BODY,
        headers={"X-Forwarded-For": forwarded_for},
        timeout=60,
    ).status_code


@pytest.mark.parametrize(("trusted", "counted_apart"), [("127.0.0.1", True), ("", False)])
def test_forwarded_addresses_count_only_behind_a_trusted_proxy(
    tmp_path: Path, bundles: dict[str, Path], trusted: str, counted_apart: bool
) -> None:
    data_dir = seeded_data_dir(tmp_path / "data", bundles)
    env = {"SOCLE_RATE_LIMIT": "2/minute", "SOCLE_TRUSTED_PROXIES": trusted, "SOCLE_VALIDATION_WORKERS": "1"}
    with running_registry(data_dir, **env) as url:
        assert [_validate(url, "203.0.113.1") for _ in range(3)] == [200, 200, 429]
        assert _validate(url, "203.0.113.2") == (200 if counted_apart else 429)
