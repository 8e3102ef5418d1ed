"""The validation page in a real browser: upload a file, read the report, no accessibility violation."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from registry.config import PROJECT_ROOT

AXE = Axe()
EXAMPLES = PROJECT_ROOT / "examples"


def _violations(page: Page) -> list[str]:
    results = AXE.run(page)
    return [f"{v['id']}: {v['help']}" for v in results.response["violations"]]


def _submit(page: Page, server_url: str, path: str, domain: str, lang: str = "fr", cls: str = "") -> None:
    page.goto(server_url + "/validate")
    assert _violations(page) == []
    page.locator("#file").set_input_files(str(EXAMPLES / path))
    page.locator("#domain").select_option(domain)
    if cls:
        page.locator("#class").fill(cls)
    page.locator("#lang").select_option(lang)
    page.get_by_role("button", name="Valider").click()
    page.wait_for_load_state()


def test_a_valid_file_is_said_valid(page: Page, server_url: str) -> None:
    _submit(page, server_url, "lighting/valid/Streetlight-park-inventory.ttl", "lighting")
    verdict = page.locator("#verdict").inner_text()
    assert "est conforme" in verdict and "n'est pas" not in verdict
    assert _violations(page) == []


def test_an_invalid_table_shows_the_users_column_and_row(page: Page, server_url: str) -> None:
    _submit(
        page,
        server_url,
        "mobility/irve/exemple-statique-id-pdc-invalide.csv",
        "mobility",
        cls="ChargingPoint",
    )
    main = page.inner_text("main")
    assert "n'est pas valide" in page.locator("#verdict").inner_text()
    assert "id_pdc_itinerance" in main
    assert _violations(page) == []


@pytest.mark.parametrize(("lang", "word"), [("en", "not valid"), ("fr", "n'est pas valide")])
def test_report_language_is_chosen_on_the_form(page: Page, server_url: str, lang: str, word: str) -> None:
    _submit(
        page,
        server_url,
        "lighting/invalid/Streetlight-power-too-high.csv",
        "lighting",
        lang=lang,
        cls="Streetlight",
    )
    assert word in page.locator("#verdict").inner_text()
    assert "2000" in page.inner_text("main")
