"""What a visitor sees of releases, through the HTTP routes: the standard's page, version pages with
their status history and changelog, the changelog page (HTML and JSON), the Atom feeds, and a status
change showing at once on the catalogue page and in the DCAT catalogue."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
import rdflib
from fastapi.testclient import TestClient

from registry.api.app import create_app
from registry.catalog.releases import ReleaseCatalog
from registry.config import Settings
from registry.publish.changelog import read_changelog
from registry.publish.feed import ATOM
from tests.api.conftest import app_settings
from tests.publish.history import ADMIN, ADOPTED, DEPRECATED, EDITOR, change_status, shared_history

BASE = "https://w3id.org/socle/"
A = f"{{{ATOM}}}"
DCAT = rdflib.Namespace("http://www.w3.org/ns/dcat#")
ADMS = rdflib.Namespace("http://www.w3.org/ns/adms#")


class Tables(HTMLParser):
    """Every table's body rows as lists of cell texts (whitespace collapsed), by the table's name (its
    ``aria-labelledby`` or its caption's text), and the text of every element marked ``lang="en"``."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tables: list[tuple[str, list[list[str]]]] = []
        self.english: list[str] = []
        self._text: list[str] | None = None
        self._row: list[str] | None = None
        self._in_body = False
        self._english: list[tuple[str, list[str]]] = []
        self.feed(html)

    def named(self, prefix: str) -> list[list[str]]:
        [rows] = [rows for name, rows in self.tables if name.startswith(prefix)]
        return rows

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "table":
            self.tables.append((attributes.get("aria-labelledby") or "", []))
        elif tag == "tbody":
            self._in_body = True
        elif tag == "tr" and self._in_body:
            self._row = []
        elif tag in ("td", "th", "caption") and self.tables:
            self._text = []
        if attributes.get("lang") == "en":
            self._english.append((tag, []))

    def handle_endtag(self, tag: str) -> None:
        text = " ".join("".join(self._text or []).split())
        if tag == "caption" and not self.tables[-1][0]:
            self.tables[-1] = (text, self.tables[-1][1])
        elif tag == "tbody":
            self._in_body = False
        elif tag == "tr" and self._row is not None:
            self.tables[-1][1].append(self._row)
            self._row = None
        elif tag in ("td", "th") and self._row is not None:
            self._row.append(text)
        if tag in ("td", "th", "caption"):
            self._text = None
        if self._english and self._english[-1][0] == tag:
            _, parts = self._english.pop()
            self.english.append(" ".join("".join(parts).split()))

    def handle_data(self, data: str) -> None:
        if self._text is not None:
            self._text.append(data)
        for _, parts in self._english:
            parts.append(data)


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory, bundles: dict[str, Path]) -> ReleaseCatalog:
    return shared_history(tmp_path_factory, bundles)


@pytest.fixture(scope="module")
def site(history: ReleaseCatalog) -> Iterator[TestClient]:
    """The registry over the catalogue where lighting has three versions (read-only)."""
    with TestClient(create_app(Settings(data_dir=history.data_dir, validation_workers=1))) as client:
        yield client


def _day(history: ReleaseCatalog, version: str) -> str:
    release = history.find("lighting", version)
    assert release is not None and release.created_at is not None
    return release.created_at.strftime("%Y-%m-%d %H:%M UTC")


# --- the standard's page ------------------------------------------------------------------------


def test_domain_page_lists_every_version_newest_first(site: TestClient, history: ReleaseCatalog) -> None:
    response = site.get("/def/lighting", headers={"Accept": "text/html"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    html = response.text
    assert '<h1>Socle — éclairage public <span lang="en">/ Socle — public lighting</span></h1>' in html
    assert re.search(r'current version</span> :\s*<a href="/def/lighting/2.0.0">2.0.0</a>', html)
    assert Tables(html).named("Toutes les versions") == [
        [
            "2.0.0",
            "adoptée / standard",
            _day(history, "2.0.0"),
            EDITOR,
            "2.0.0 — majeure : 1 changement incompatible / major: 1 breaking change",
        ],
        [
            "1.1.0",
            "candidate / candidate",
            _day(history, "1.1.0"),
            EDITOR,
            "1.1.0 — mineure : 1 changement compatible, 1 correction de rédaction / "
            "minor: 1 compatible change, 1 wording change",
        ],
        [
            "1.0.0",
            "obsolète / deprecated",
            _day(history, "1.0.0"),
            "bootstrap",
            "1.0.0 — première version / first release",
        ],
    ]
    for version in ("2.0.0", "1.1.0", "1.0.0"):
        assert f'<a href="/def/lighting/{version}">{version}</a>' in html
    assert '<a href="/def/lighting/feed.atom" type="application/atom+xml">' in html
    assert '<a href="/def/lighting/changelog">' in html
    assert '<link rel="alternate" type="application/atom+xml" href="/def/lighting/feed.atom"' in html
    assert '<link rel="alternate" type="application/atom+xml" href="/feed.atom"' in html


def test_domain_page_still_negotiates_the_current_vocabulary(site: TestClient) -> None:
    response = site.get("/def/lighting", headers={"Accept": "text/turtle"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/turtle")
    graph = rdflib.Graph().parse(data=response.content, format="turtle")
    assert str(graph.value(rdflib.URIRef(f"{BASE}def/lighting"), rdflib.OWL.versionInfo)) == "2.0.0"
    assert response.headers["content-location"] == "/def/lighting/2.0.0/vocabulary.ttl"


def test_pages_have_strong_etags_and_revalidate(site: TestClient) -> None:
    for path in ("/def/lighting", "/def/lighting/1.0.0", "/def/lighting/changelog", "/"):
        response = site.get(path)
        etag = response.headers["etag"]
        assert etag.startswith('"') and not etag.startswith("W/"), path
        assert response.headers["cache-control"] == "no-cache"
        assert site.get(path, headers={"If-None-Match": etag}).status_code == 304, path


# --- version pages ------------------------------------------------------------------------------


def test_a_deprecated_version_says_so_and_points_to_the_current_one(site: TestClient) -> None:
    response = site.get("/def/lighting/1.0.0")
    assert response.status_code == 200
    assert response.headers["deprecation"].startswith("@")
    assert response.headers["link"] == '</def/lighting/2.0.0>; rel="successor-version"'
    html = response.text
    notice = html[html.index('<p class="warning notice" role="note">') :]
    notice = notice[: notice.index("</p>")]
    assert "Cette version est obsolète" in notice and "This version is deprecated" in notice
    assert notice.count('<a href="/def/lighting/2.0.0">lighting 2.0.0</a>') == 2
    assert "Première version" in html and "Changements depuis" not in html


def test_the_status_history_says_who_when_and_why(site: TestClient, history: ReleaseCatalog) -> None:
    history_rows = Tables(site.get("/def/lighting/1.0.0").text).named("Chaque changement de statut")
    changes = history.status_history("lighting", "1.0.0")
    assert history_rows == [
        [c.changed_at.strftime("%Y-%m-%d %H:%M UTC"), status, c.actor, c.reason]
        for c, status in zip(
            changes,
            [
                "candidate / candidate",
                "candidate / candidate → adoptée / standard",
                "adoptée / standard → obsolète / deprecated",
            ],
            strict=True,
        )
    ]
    assert [c.actor for c in changes] == ["bootstrap", ADMIN, ADMIN]
    assert [c.reason for c in changes][1:] == [ADOPTED, DEPRECATED]


def test_a_version_page_shows_its_changes_by_level_in_both_languages(
    site: TestClient, history: ReleaseCatalog
) -> None:
    response = site.get("/def/lighting/1.1.0")
    assert "deprecation" not in response.headers
    html = response.text
    assert 'class="warning notice"' not in html
    assert 'Changements depuis 1.0.0 <span lang="en">/ Changes since 1.0.0</span>' in html
    release = history.find("lighting", "1.1.0")
    assert release is not None
    verdict = read_changelog(release)["verdict"]
    parsed = Tables(html)
    change_rows = parsed.named("changes-1.1.0-minor") + parsed.named("changes-1.1.0-patch")
    assert change_rows == [[c["element"], c["message_fr"], c["message_en"]] for c in verdict["changes"]]
    assert verdict["summary_en"] in parsed.english
    for change in verdict["changes"]:
        assert change["message_en"] in parsed.english
        assert change["message_fr"] not in parsed.english
    levels = re.findall(r'<h3 id="changes-1\.1\.0-(\w+)">', html)
    assert levels == ["minor", "patch"]


def test_the_current_version_has_no_notice(site: TestClient) -> None:
    html = site.get("/def/lighting/2.0.0").text
    assert 'class="warning notice"' not in html
    assert "majeure : 1 changement incompatible" in html
    assert re.findall(r'<h3 id="changes-2\.0\.0-(\w+)">', html) == ["major"]


# --- the changelog page, in HTML and JSON ---------------------------------------------------------


def test_changelog_page_lists_every_release_newest_first(site: TestClient) -> None:
    response = site.get("/def/lighting/changelog")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    html = response.text
    assert re.findall(r'<h2 id="v([0-9.]+)">', html) == ["2.0.0", "1.1.0", "1.0.0"]
    assert re.findall(r'<h3 id="changes-([0-9.]+-\w+)">', html) == [
        "2.0.0-major",
        "1.1.0-minor",
        "1.1.0-patch",
    ]
    assert '<link rel="alternate" type="application/atom+xml" href="/def/lighting/feed.atom"' in html


@pytest.mark.parametrize(
    ("headers", "query"),
    [({"Accept": "application/json"}, ""), ({"Accept": "text/html"}, "?format=json")],
)
def test_changelog_in_json(
    site: TestClient, history: ReleaseCatalog, headers: dict[str, str], query: str
) -> None:
    response = site.get(f"/def/lighting/changelog{query}", headers=headers)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json; charset=utf-8"
    assert response.headers["vary"] == "Accept"
    document = response.json()
    assert document["domain"] == "lighting"
    assert [r["version"] for r in document["releases"]] == ["2.0.0", "1.1.0", "1.0.0"]
    for entry in document["releases"]:
        release = history.find("lighting", entry["version"])
        assert release is not None
        assert entry["verdict"] == read_changelog(release)["verdict"]
        assert entry["status"] == release.status


def test_browsers_get_the_changelog_page(site: TestClient) -> None:
    response = site.get(
        "/def/lighting/changelog", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}
    )
    assert response.headers["content-type"].startswith("text/html")


@pytest.mark.parametrize("path", ["/def/nothing/changelog", "/def/nothing/feed.atom", "/def/nothing"])
def test_an_unknown_standard_is_a_404_problem(site: TestClient, path: str) -> None:
    response = site.get(path)
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert "no standard named 'nothing'" in response.json()["detail"]


# --- Atom feeds ---------------------------------------------------------------------------------


def test_the_standard_feed_is_atom_with_strong_etags(site: TestClient) -> None:
    response = site.get("/def/lighting/feed.atom")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/atom+xml; charset=utf-8"
    etag = response.headers["etag"]
    assert etag.startswith('"') and not etag.startswith("W/")
    assert site.get("/def/lighting/feed.atom", headers={"If-None-Match": etag}).status_code == 304
    feed = ET.fromstring(response.content)
    assert feed.findtext(f"{A}id") == f"{BASE}def/lighting/feed.atom"
    entries = feed.findall(f"{A}entry")
    assert [e.findtext(f"{A}id") for e in entries] == [
        f"{BASE}def/lighting/{v}" for v in ("2.0.0", "1.1.0", "1.0.0")
    ]
    pages = [e.find(f"{A}link").get("href") for e in entries]  # type: ignore[union-attr]
    assert pages == [f"http://testserver/def/lighting/{v}" for v in ("2.0.0", "1.1.0", "1.0.0")]
    for page in pages:
        assert site.get(page).status_code == 200


def test_the_feed_of_every_standard(site: TestClient, history: ReleaseCatalog) -> None:
    response = site.get("/feed.atom")
    assert response.headers["content-type"] == "application/atom+xml; charset=utf-8"
    feed = ET.fromstring(response.content)
    ids = [e.findtext(f"{A}id") for e in feed.findall(f"{A}entry")]
    assert sorted(ids) == sorted(f"{BASE}def/{r.domain}/{r.version}" for r in history.releases())  # type: ignore[type-var]
    assert ids[0] == f"{BASE}def/lighting/2.0.0"


# --- a status change shows at once -------------------------------------------------------------


def test_a_status_change_shows_on_the_catalogue_page_and_in_dcat(
    tmp_path: Path, bundles: dict[str, Path]
) -> None:
    settings = app_settings(tmp_path / "data", bundles, validation_workers=1)
    with TestClient(create_app(settings)) as client:
        catalog: ReleaseCatalog = client.app.state.catalog  # type: ignore[attr-defined]
        page = client.get("/")
        dcat = client.get("/catalog?format=ttl")
        dataset = rdflib.URIRef(f"{BASE}def/waste/1.0.0")
        before = rdflib.Graph().parse(data=dcat.content, format="turtle")
        assert before.value(dataset, ADMS.status) == rdflib.URIRef(
            "http://purl.org/adms/status/UnderDevelopment"
        )

        change_status(catalog, "waste", "1.0.0", "standard", actor=ADMIN, reason=ADOPTED)

        again = client.get("/", headers={"If-None-Match": page.headers["etag"]})
        assert again.status_code == 200 and again.headers["etag"] != page.headers["etag"]
        [waste] = [row for row in Tables(again.text).named("Standards publiés") if row[0] == "waste"]
        assert waste[-1] == "adoptée / standard"
        updated = client.get("/catalog?format=ttl", headers={"If-None-Match": dcat.headers["etag"]})
        assert updated.status_code == 200
        after = rdflib.Graph().parse(data=updated.content, format="turtle")
        assert after.value(dataset, ADMS.status) == rdflib.URIRef("http://purl.org/adms/status/Completed")
        last = catalog.status_history("waste", "1.0.0")[-1].changed_at
        modified = after.value(dataset, rdflib.namespace.DCTERMS.modified)
        assert isinstance(modified, rdflib.Literal)
        assert modified.toPython() == last.replace(microsecond=0)
        version_page = client.get("/def/waste/1.0.0").text
        history_rows = Tables(version_page).named("Chaque changement de statut")
        assert [row[1:3] for row in history_rows] == [
            ["candidate / candidate", "bootstrap"],
            ["candidate / candidate → adoptée / standard", ADMIN],
        ]


def test_a_retired_version_without_successor_says_so(tmp_path: Path, bundles: dict[str, Path]) -> None:
    settings = app_settings(tmp_path / "data", bundles, validation_workers=1)
    with TestClient(create_app(settings)) as client:
        catalog: ReleaseCatalog = client.app.state.catalog  # type: ignore[attr-defined]
        for status in ("standard", "deprecated", "retired"):
            change_status(catalog, "water", "1.0.0", status, actor=ADMIN, reason=f"vers {status}")
        html = client.get("/def/water/1.0.0").text
        notice = html[html.index('<p class="warning notice" role="note">') :]
        notice = notice[: notice.index("</p>")]
        assert "Cette version est retirée" in notice and "This version is retired" in notice
        assert "<a " not in notice  # no version in force to point to
        domain = client.get("/def/water").text
        assert "aucune version adoptée ni candidate" in domain
        assert Tables(domain).named("Toutes les versions")[0][:2] == ["1.0.0", "retirée / retired"]
        assert client.get("/def/water", headers={"Accept": "text/turtle"}).status_code == 404
        [water] = [
            row for row in Tables(client.get("/").text).named("Standards publiés") if row[0] == "water"
        ]
        assert water[-2:] == ["1.0.0", "retirée / retired"]
