"""A standard's page, version pages and the changelog page in a real browser, over a registry where
lighting has three versions (tests/publish/history.py): headings, working links, the deprecation
notice, English marked as such, and no accessibility violation (axe-core)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from registry.catalog.releases import ReleaseCatalog
from registry.publish.changelog import read_changelog
from tests.conftest import running_registry
from tests.publish.history import shared_history

AXE = Axe()


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory, bundles: dict[str, Path]) -> ReleaseCatalog:
    return shared_history(tmp_path_factory, bundles)


@pytest.fixture(scope="module")
def history_url(history: ReleaseCatalog) -> Iterator[str]:
    """``socle serve`` over the history's data directory (read-only), like ``server_url``."""
    with running_registry(history.data_dir, SOCLE_VALIDATION_WORKERS="1") as url:
        yield url


def _violations(page: Page) -> list[str]:
    results = AXE.run(page)
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes)" for v in results.response["violations"]]


def _headings(page: Page, selector: str = "main h1, main h2, main h3") -> list[str]:
    return [" ".join(text.split()) for text in page.locator(selector).all_inner_texts()]


def _english(page: Page) -> list[str]:
    return [" ".join(text.split()) for text in page.locator("main [lang=en]").all_inner_texts()]


def _feeds(page: Page, base: str) -> list[str]:
    links = page.locator('head link[rel=alternate][type="application/atom+xml"]')
    hrefs = [links.nth(i).get_attribute("href") or "" for i in range(links.count())]
    for href in hrefs:
        response = page.request.get(base + href)
        assert response.status == 200 and response.headers["content-type"].startswith("application/atom+xml")
    return hrefs


@pytest.mark.parametrize(
    "path", ["/def/lighting", "/def/lighting/1.0.0", "/def/lighting/2.0.0", "/def/lighting/changelog"]
)
def test_release_pages_have_no_accessibility_violation(page: Page, history_url: str, path: str) -> None:
    response = page.goto(history_url + path)
    assert response is not None and response.status == 200
    assert page.locator("html").get_attribute("lang") == "fr"
    assert _violations(page) == []


def test_the_standard_page(page: Page, history_url: str, history: ReleaseCatalog) -> None:
    page.goto(history_url + "/def/lighting")
    assert _headings(page) == [
        "Socle — éclairage public / Socle — public lighting",
        "Versions / Versions",
        "Suivre les versions / Follow the releases",
    ]
    rows = page.locator("main table tbody tr")
    cells = [
        [" ".join(t.split()) for t in rows.nth(i).locator("th, td").all_inner_texts()]
        for i in range(rows.count())
    ]
    expected = []
    for version, status, headline in [
        ("2.0.0", "adoptée / standard", "majeure : 1 changement incompatible / major: 1 breaking change"),
        (
            "1.1.0",
            "candidate / candidate",
            "mineure : 1 changement compatible, 1 correction de rédaction / "
            "minor: 1 compatible change, 1 wording change",
        ),
        ("1.0.0", "obsolète / deprecated", "première version / first release"),
    ]:
        release = history.find("lighting", version)
        assert release is not None and release.created_at is not None
        when = release.created_at.strftime("%Y-%m-%d %H:%M UTC")
        expected.append([version, status, when, release.created_by, f"{version} — {headline}"])
    assert cells == expected
    assert "/ major: 1 breaking change" in _english(page)
    assert _feeds(page, history_url) == ["/feed.atom", "/def/lighting/feed.atom"]
    feed = page.get_by_role("link", name="Flux Atom / Atom feed")
    assert feed.get_attribute("href") == "/def/lighting/feed.atom"

    page.get_by_role("link", name="1.0.0", exact=True).click()
    page.wait_for_load_state()
    assert page.url == history_url + "/def/lighting/1.0.0"


def test_a_deprecated_version_points_to_the_current_one(page: Page, history_url: str) -> None:
    page.goto(history_url + "/def/lighting/1.0.0")
    notice = page.get_by_role("note")
    assert "Cette version est obsolète" in notice.inner_text()
    english = notice.locator("[lang=en]")
    assert english.inner_text().startswith("This version is deprecated")
    assert _headings(page, "main h1, main > section h2") == [
        "Socle — éclairage public 1.0.0 / Socle — public lighting 1.0.0",
        "Changements / Changes",
        "Historique du statut / Status history",
        "Téléchargements / Downloads",
    ]
    history_rows = page.locator("section[aria-labelledby=historique] tbody tr")
    assert history_rows.count() == 3
    assert "adoptée / standard → obsolète / deprecated" in " ".join(history_rows.nth(2).inner_text().split())

    notice.get_by_role("link", name="lighting 2.0.0").first.click()
    page.wait_for_load_state()
    assert page.url == history_url + "/def/lighting/2.0.0"
    assert page.get_by_role("note").count() == 0


def test_a_version_page_shows_its_changelog_in_french_and_english(
    page: Page, history_url: str, history: ReleaseCatalog
) -> None:
    page.goto(history_url + "/def/lighting/1.1.0")
    assert _headings(page, "main h1, main > section h2, main > section h3") == [
        "Socle — éclairage public 1.1.0 / Socle — public lighting 1.1.0",
        "Changements depuis 1.0.0 / Changes since 1.0.0",
        "Changements mineurs, compatibles / Minor changes, compatible (1)",
        "Changements correctifs, rédaction seulement / Patch changes, wording only (1)",
        "Historique du statut / Status history",
        "Téléchargements / Downloads",
    ]
    release = history.find("lighting", "1.1.0")
    assert release is not None
    verdict = read_changelog(release)["verdict"]
    english = _english(page)
    assert verdict["summary_en"] in english
    for change in verdict["changes"]:
        assert change["message_en"] in english
        assert change["message_fr"] not in english
        assert page.get_by_role("cell", name=change["message_fr"], exact=True).count() == 1
    page.get_by_role("link", name="Journal des versions / Changelog").click()
    page.wait_for_load_state()
    assert page.url == history_url + "/def/lighting/changelog"


def test_the_changelog_page(page: Page, history_url: str) -> None:
    page.goto(history_url + "/def/lighting/changelog")
    assert _headings(page) == [
        "Journal des versions : Socle — éclairage public / Changelog: Socle — public lighting",
        "2.0.0 — majeure : 1 changement incompatible / major: 1 breaking change",
        "Changements majeurs, incompatibles / Major changes, breaking (1)",
        "1.1.0 — mineure : 1 changement compatible, 1 correction de rédaction / "
        "minor: 1 compatible change, 1 wording change",
        "Changements mineurs, compatibles / Minor changes, compatible (1)",
        "Changements correctifs, rédaction seulement / Patch changes, wording only (1)",
        "1.0.0 — première version / first release",
    ]
    assert "First release: no earlier version." in _english(page)
    assert _feeds(page, history_url) == ["/feed.atom", "/def/lighting/feed.atom"]
    page.get_by_role("heading", name="2.0.0").get_by_role("link", name="2.0.0").click()
    page.wait_for_load_state()
    assert page.url == history_url + "/def/lighting/2.0.0"
