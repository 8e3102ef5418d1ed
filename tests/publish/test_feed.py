"""Atom feeds of releases (RFC 4287): parsed back, with exactly the expected feed and entries."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from pathlib import Path

import pytest

from registry.catalog.releases import Release, ReleaseCatalog
from registry.publish.changelog import ReleaseNote, release_notes
from registry.publish.compatibility import Change, Level, make_verdict
from registry.publish.feed import ATOM, PUBLISHER, FeedInfo, atom_feed, instant
from tests.publish.history import EDITOR, shared_history

BASE = "https://w3id.org/socle/"
SITE = "https://registre.example/"
A = f"{{{ATOM}}}"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")
TITLES = {"lighting": "Socle — éclairage public"}


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory, bundles: dict[str, Path]) -> ReleaseCatalog:
    return shared_history(tmp_path_factory, bundles)


def _info(name: str = "def/lighting/feed.atom") -> FeedInfo:
    return FeedInfo(
        id=f"{BASE}{name}",
        title="Socle — éclairage public — versions publiées",
        self_url=f"{SITE}{name}",
        page_url=f"{SITE}def/lighting/changelog",
        site_url=SITE,
    )


def _parse(data: bytes) -> ET.Element:
    root = ET.fromstring(data)
    assert root.tag == f"{A}feed"
    return root


def _one(element: ET.Element, name: str) -> ET.Element:
    found = element.findall(f"{A}{name}")
    assert len(found) == 1, f"{name}: {len(found)} elements"
    return found[0]


def test_the_feed_has_what_rfc_4287_requires(history: ReleaseCatalog) -> None:
    notes = release_notes(history.releases("lighting"))
    feed = _parse(atom_feed(_info(), notes, TITLES, BASE))
    assert _one(feed, "id").text == f"{BASE}def/lighting/feed.atom"
    assert _one(feed, "title").text == "Socle — éclairage public — versions publiées"
    newest = notes[0].release.created_at
    assert _one(feed, "updated").text == instant(newest)
    assert RFC3339.match(_one(feed, "updated").text or "")
    assert _one(_one(feed, "author"), "name").text == PUBLISHER
    links = {(link.get("rel"), link.get("type"), link.get("href")) for link in feed.findall(f"{A}link")}
    assert links == {
        ("self", "application/atom+xml", f"{SITE}def/lighting/feed.atom"),
        ("alternate", "text/html", f"{SITE}def/lighting/changelog"),
    }
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "fr"


def test_one_entry_per_release_newest_first(history: ReleaseCatalog) -> None:
    notes = release_notes(history.releases("lighting"))
    feed = _parse(atom_feed(_info(), notes, TITLES, BASE))
    entries = feed.findall(f"{A}entry")
    assert [_one(e, "id").text for e in entries] == [
        f"{BASE}def/lighting/2.0.0",
        f"{BASE}def/lighting/1.1.0",
        f"{BASE}def/lighting/1.0.0",
    ]
    for entry, note in zip(entries, notes, strict=True):
        release = note.release
        assert release.created_at is not None
        assert _one(entry, "updated").text == instant(release.created_at)
        assert _one(entry, "published").text == instant(release.created_at)
        assert datetime.fromisoformat(_one(entry, "updated").text or "") == release.created_at.replace(
            microsecond=0
        )
        [link] = entry.findall(f"{A}link")
        assert (link.get("rel"), link.get("type"), link.get("href")) == (
            "alternate",
            "text/html",
            f"{SITE}def/lighting/{release.version}",
        )
        assert _one(entry, "summary").text == f"{note.summary('fr')} / {note.summary('en')}"
    authors = [_one(_one(e, "author"), "name").text for e in entries]
    assert authors == [EDITOR, EDITOR, "bootstrap"]
    titles = [_one(e, "title").text for e in entries]
    assert titles == [
        "Socle — éclairage public 2.0.0 — majeure : 1 changement incompatible",
        "Socle — éclairage public 1.1.0 — mineure : 1 changement compatible, 1 correction de rédaction",
        "Socle — éclairage public 1.0.0 — première version",
    ]


def test_content_is_the_changes_as_escaped_html(history: ReleaseCatalog) -> None:
    notes = release_notes(history.releases("lighting"))
    feed = _parse(atom_feed(_info(), notes, TITLES, BASE))
    entry = feed.findall(f"{A}entry")[1]  # 1.1.0: one minor and one patch change
    content = _one(entry, "content")
    assert content.get("type") == "html"
    assert len(content) == 0  # markup travels as text, not as Atom elements
    fragment = ET.fromstring(content.text or "")
    headings = ["".join(h.itertext()) for h in fragment.iter("h3")]
    assert headings == [
        "Changements mineurs, compatibles / Minor changes, compatible",
        "Changements correctifs, rédaction seulement / Patch changes, wording only",
    ]
    items = list(fragment.iter("li"))
    verdict = notes[1].verdict
    assert verdict is not None
    assert [item.text for item in items] == [f"{c['message_fr']} " for c in verdict["changes"]]
    english = [span.text for item in items for span in item.iter("span")]
    assert english == [f"/ {c['message_en']}" for c in verdict["changes"]]
    assert all(span.get("lang") == "en" for item in items for span in item.iter("span"))


def test_markup_in_a_message_stays_text() -> None:
    change = Change("kind", "lighting:x", Level.MAJOR, "<b>gras</b> & <script>x</script>", "<i>it</i>")
    verdict = make_verdict("lighting", "1.0.0", "2.0.0", [change])
    release = Release(
        "lighting", "2.0.0", "standard", Path("/nowhere"), datetime(2026, 3, 1, tzinfo=UTC), "<admin>"
    )
    data = atom_feed(_info(), [ReleaseNote(release, "1.0.0", verdict.to_dict())], TITLES, BASE)
    entry = _one(_parse(data), "entry")
    assert _one(_one(entry, "author"), "name").text == "<admin>"
    fragment = ET.fromstring(_one(entry, "content").text or "")
    [item] = fragment.iter("li")
    assert item.text == "<b>gras</b> & <script>x</script> "
    assert [child.tag for child in item] == ["span"]


def test_the_same_releases_give_the_same_bytes(history: ReleaseCatalog) -> None:
    first = atom_feed(_info(), release_notes(history.releases()), TITLES, BASE)
    again = atom_feed(_info(), release_notes(history.releases()), TITLES, BASE)
    assert first == again
    entries = _parse(first).findall(f"{A}entry")
    assert len(entries) == len(history.releases())
    updated = [_one(e, "updated").text or "" for e in entries]
    assert updated == sorted(updated, reverse=True)


def test_an_empty_feed_is_still_valid() -> None:
    feed = _parse(atom_feed(_info("feed.atom"), [], TITLES, BASE))
    assert feed.findall(f"{A}entry") == []
    assert _one(feed, "updated").text == "1970-01-01T00:00:00Z"
    assert _one(_one(feed, "author"), "name").text == PUBLISHER
