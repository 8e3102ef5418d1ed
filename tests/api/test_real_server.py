"""A sample of examples through the real HTTP server (uvicorn, loopback), as a producer's tool sends them."""

from __future__ import annotations

import httpx
import pytest

from registry.config import PROJECT_ROOT

EXAMPLES = PROJECT_ROOT / "examples"


@pytest.mark.parametrize(
    ("path", "query", "valid", "violations"),
    [
        ("lighting/valid/Streetlight-villeurbanne-gratte-ciel.jsonld", "domain=lighting", True, 0),
        ("lighting/invalid/Streetlight-power-too-high.csv", "domain=lighting&class=Streetlight", False, 1),
        ("waste/invalid/WasteContainer-duplicate-identifier.json", "domain=waste", False, 1),
        ("water/valid/Hydrant-pillar-hydrant.geojson", "domain=water", True, 0),
        ("lighting/valid/export-villeurbanne-eclairage.csv", "domain=lighting&class=Streetlight", True, 0),
    ],
)
def test_examples_over_http(server_url: str, path: str, query: str, valid: bool, violations: int) -> None:
    file = EXAMPLES / path
    response = httpx.post(
        f"{server_url}/validate?{query}", files={"file": (file.name, file.read_bytes())}, timeout=60
    )
    assert response.status_code == 200, response.text
    report = response.json()
    assert report["valid"] is valid
    assert report["counts"]["Violation"] == violations
