"""The catalogue, version and term pages in a real browser, with an accessibility check (axe-core)."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

AXE = Axe()


def _violations(page: Page) -> list[str]:
    results = AXE.run(page)
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes)" for v in results.response["violations"]]


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("/", "Standards de données"),
        ("/def/lighting/Streetlight", "point lumineux"),
        ("/def/lighting/LampTechnology", "technologie de source lumineuse"),
        ("/def/mobility/1.0.0", "Téléchargements"),
        ("/def/mobility", "Versions"),
        ("/search?q=lampe%20defectueuse", "lampe défectueuse"),
        ("/catalog", "lighting"),
        ("/validate", "Valider un jeu de données"),
    ],
)
def test_page_renders_and_has_no_accessibility_violation(
    page: Page, server_url: str, path: str, heading: str
) -> None:
    response = page.goto(server_url + path)
    assert response is not None and response.status == 200
    assert heading in page.inner_text("main")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert _violations(page) == []


def test_catalogue_links_lead_to_each_standard(page: Page, server_url: str) -> None:
    page.goto(server_url + "/")
    page.get_by_role("link", name="lighting", exact=True).click()
    page.wait_for_load_state()
    assert page.url.endswith("/def/lighting")
    assert "éclairage public" in page.inner_text("main h1")
    page.locator("main table").get_by_role("link", name="1.0.0", exact=True).click()
    page.wait_for_load_state()
    assert page.url.endswith("/def/lighting/1.0.0")
    assert "Streetlight" in page.inner_text("main")
