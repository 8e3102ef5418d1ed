"""Release notes: each release's changelog read back, its one-line verdict, its changes by level."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from registry.catalog.releases import Release, ReleaseCatalog
from registry.publish.changelog import ReleaseNote, changelog_json, read_changelog, release_notes
from registry.publish.compatibility import Change, Level, make_verdict
from tests.publish.history import EDITOR, shared_history

BASE = "https://w3id.org/socle/"


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory, bundles: dict[str, Path]) -> ReleaseCatalog:
    return shared_history(tmp_path_factory, bundles)


@pytest.fixture(scope="module")
def notes(history: ReleaseCatalog) -> dict[str, ReleaseNote]:
    return {note.release.version: note for note in release_notes(history.releases("lighting"))}


def _change(element: str, level: Level) -> Change:
    return Change("kind", element, level, f"{element} change", f"{element} changed")


def _note(changes: list[Change], old: str, new: str) -> ReleaseNote:
    verdict = make_verdict("lighting", old, new, changes)
    release = Release(
        "lighting", new, "candidate", Path("/nowhere"), datetime(2026, 3, 1, tzinfo=UTC), EDITOR
    )
    return ReleaseNote(release, old, verdict.to_dict())


def test_notes_are_newest_first_each_with_its_previous_version(history: ReleaseCatalog) -> None:
    notes = release_notes(history.releases("lighting"))
    assert [(n.release.version, n.previous) for n in notes] == [
        ("2.0.0", "1.1.0"),
        ("1.1.0", "1.0.0"),
        ("1.0.0", None),
    ]
    times = [n.release.created_at for n in notes]
    assert all(t is not None for t in times) and times == sorted(times, reverse=True)  # type: ignore[type-var]


def test_a_note_is_the_release_changelog_artifact(notes: dict[str, ReleaseNote]) -> None:
    for note in notes.values():
        document = read_changelog(note.release)
        assert (note.previous, note.verdict) == (document["previous"], document["verdict"])
    assert notes["1.0.0"].first and notes["1.0.0"].verdict is None
    assert not notes["2.0.0"].first


def test_headline_says_the_bump_and_counts_changes_by_level(notes: dict[str, ReleaseNote]) -> None:
    assert notes["2.0.0"].headline("fr") == "majeure : 1 changement incompatible"
    assert notes["2.0.0"].headline("en") == "major: 1 breaking change"
    assert notes["1.1.0"].headline("fr") == "mineure : 1 changement compatible, 1 correction de rédaction"
    assert notes["1.1.0"].headline("en") == "minor: 1 compatible change, 1 wording change"
    assert notes["1.0.0"].headline("fr") == "première version"
    assert notes["1.0.0"].headline("en") == "first release"


def test_headline_counts_in_the_plural_and_says_when_nothing_changed() -> None:
    note = _note(
        [_change("a", Level.MAJOR), _change("b", Level.MAJOR), _change("c", Level.PATCH)], "1.0.0", "2.0.0"
    )
    assert note.headline("fr") == "majeure : 2 changements incompatibles, 1 correction de rédaction"
    assert note.headline("en") == "major: 2 breaking changes, 1 wording change"
    unchanged = _note([], "1.0.0", "1.0.1")
    assert unchanged.headline("fr") == "corrective : aucun changement"
    assert unchanged.headline("en") == "patch: no change"


def test_changes_are_grouped_by_level_major_first() -> None:
    note = _note(
        [_change("p", Level.PATCH), _change("m", Level.MINOR), _change("x", Level.MAJOR)], "1.0.0", "2.0.0"
    )
    groups = note.groups()
    assert [(g.level, [c["element"] for c in g.changes]) for g in groups] == [
        ("major", ["x"]),
        ("minor", ["m"]),
        ("patch", ["p"]),
    ]
    assert (groups[0].heading_fr, groups[0].heading_en) == (
        "Changements majeurs, incompatibles",
        "Major changes, breaking",
    )


def test_recorded_changes_are_grouped_as_their_verdict_classified_them(notes: dict[str, ReleaseNote]) -> None:
    grouped = {
        version: [(g.level, [c["element"] for c in g.changes]) for g in note.groups()]
        for version, note in notes.items()
    }
    assert grouped == {
        "2.0.0": [("major", ["lighting:LampTechnology/mercury_vapour"])],
        "1.1.0": [
            ("minor", ["lighting:LampTechnology/induction"]),
            ("patch", ["lighting:LampTechnology/mercury_vapour"]),
        ],
        "1.0.0": [],
    }


def test_summary_is_the_verdict_sentence_or_says_first_release(notes: dict[str, ReleaseNote]) -> None:
    verdict = notes["2.0.0"].verdict
    assert verdict is not None
    assert notes["2.0.0"].summary("fr") == verdict["summary_fr"]
    assert notes["2.0.0"].summary("en") == verdict["summary_en"]
    assert verdict["summary_en"].startswith("Accepted: the changes call for a major version")
    assert notes["1.0.0"].summary("fr") == "Première version : aucune version antérieure."
    assert notes["1.0.0"].summary("en") == "First release: no earlier version."


def test_changelog_json_lists_every_release_with_its_verdict(history: ReleaseCatalog) -> None:
    notes = release_notes(history.releases("lighting"))
    document = changelog_json("lighting", notes, BASE)
    assert document["domain"] == "lighting"
    releases = document["releases"]
    assert [r["version"] for r in releases] == ["2.0.0", "1.1.0", "1.0.0"]
    assert [r["status"] for r in releases] == ["standard", "candidate", "deprecated"]
    assert [r["released_by"] for r in releases] == [EDITOR, EDITOR, "bootstrap"]
    newest = releases[0]
    release = notes[0].release
    assert newest["iri"] == f"{BASE}def/lighting/2.0.0"
    assert release.created_at is not None
    assert datetime.fromisoformat(newest["released_at"]) == release.created_at
    assert newest["headline_fr"] == "majeure : 1 changement incompatible"
    assert newest["verdict"] == read_changelog(release)["verdict"]
    assert releases[2]["verdict"] is None and releases[2]["previous"] is None
