"""A release's changelog: what changed since the previous version and the compatibility verdict.

Written once, when the release is published, as its ``changelog.json`` artifact::

    {"domain": "lighting", "version": "2.0.0", "previous": "1.0.0", "verdict": {…Verdict.to_dict()…}}

``previous`` and ``verdict`` are ``null`` for a standard's first release.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from registry.catalog.releases import Release, version_key
from registry.publish.compatibility import Level, Verdict

CHANGELOG = "changelog.json"


def changelog_document(domain: str, version: str, previous: str | None, verdict: Verdict | None) -> bytes:
    """The bytes of a release's ``changelog.json`` (stable key order, UTF-8)."""
    document = {
        "domain": domain,
        "version": version,
        "previous": previous,
        "verdict": verdict.to_dict() if verdict is not None else None,
    }
    return (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def read_changelog(release: Release) -> dict[str, Any]:
    """The release's changelog (a first release without the artifact reads as having no previous)."""
    if CHANGELOG not in release.artifacts:
        return {"domain": release.domain, "version": release.version, "previous": None, "verdict": None}
    data: dict[str, Any] = json.loads(release.artifact_path(CHANGELOG).read_text("utf-8"))
    return data


# --- what the pages and the feeds show of a release -----------------------------------------------

LEVELS = ("major", "minor", "patch")
LEVEL_HEADINGS = {
    "major": ("Changements majeurs, incompatibles", "Major changes, breaking"),
    "minor": ("Changements mineurs, compatibles", "Minor changes, compatible"),
    "patch": ("Changements correctifs, rédaction seulement", "Patch changes, wording only"),
}
"""Each level's heading, in French and in English."""
_COUNTED = {
    # level: (French singular, French plural, English singular, English plural)
    "major": ("changement incompatible", "changements incompatibles", "breaking change", "breaking changes"),
    "minor": ("changement compatible", "changements compatibles", "compatible change", "compatible changes"),
    "patch": ("correction de rédaction", "corrections de rédaction", "wording change", "wording changes"),
}
_FIRST = {"fr": "première version", "en": "first release"}
_FIRST_SUMMARY = {
    "fr": "Première version : aucune version antérieure.",
    "en": "First release: no earlier version.",
}


@dataclass(frozen=True)
class ChangeGroup:
    """The changes of one level, with its heading in both languages."""

    level: str
    heading_fr: str
    heading_en: str
    changes: tuple[dict[str, Any], ...]


@dataclass(frozen=True)
class ReleaseNote:
    """One release as its changelog tells it: the previous version and the compatibility verdict
    (``Verdict.to_dict()``), both ``None`` for a standard's first release."""

    release: Release
    previous: str | None
    verdict: dict[str, Any] | None

    @classmethod
    def of(cls, release: Release) -> ReleaseNote:
        document = _changelog(release)
        return cls(release=release, previous=document.get("previous"), verdict=document.get("verdict"))

    @property
    def first(self) -> bool:
        return self.verdict is None

    @property
    def changes(self) -> list[dict[str, Any]]:
        return list(self.verdict["changes"]) if self.verdict else []

    def summary(self, lang: str) -> str:
        """The verdict's sentence (``Accepté : …``), or what a first release is."""
        lang = "fr" if lang == "fr" else "en"
        if self.verdict is None:
            return _FIRST_SUMMARY[lang]
        return str(self.verdict[f"summary_{lang}"])

    def headline(self, lang: str) -> str:
        """The verdict in one line: ``majeure : 1 changement incompatible`` / ``major: 1 breaking change``."""
        lang = "fr" if lang == "fr" else "en"
        if self.verdict is None:
            return _FIRST[lang]
        declared = Level(self.verdict["declared"]).name_in(lang)
        counts = Counter(str(c["level"]) for c in self.changes)
        parts = []
        for level in LEVELS:
            if counts[level]:
                fr_one, fr_many, en_one, en_many = _COUNTED[level]
                one, many = (fr_one, fr_many) if lang == "fr" else (en_one, en_many)
                parts.append(f"{counts[level]} {one if counts[level] == 1 else many}")
        said = ", ".join(parts) or ("aucun changement" if lang == "fr" else "no change")
        return f"{declared} : {said}" if lang == "fr" else f"{declared}: {said}"

    def groups(self) -> list[ChangeGroup]:
        """The changes grouped by level, major first (levels without a change left out)."""
        found = []
        for level in LEVELS:
            changes = tuple(c for c in self.changes if c["level"] == level)
            if changes:
                heading_fr, heading_en = LEVEL_HEADINGS[level]
                found.append(ChangeGroup(level, heading_fr, heading_en, changes))
        return found

    def to_dict(self, base_uri: str) -> dict[str, Any]:
        """The release in a changelog's JSON."""
        release = self.release
        return {
            "version": release.version,
            "iri": f"{base_uri}def/{release.domain}/{release.version}",
            "status": release.status,
            "released_at": _instant(release.created_at),
            "released_by": release.created_by,
            "previous": self.previous,
            "headline_fr": self.headline("fr"),
            "headline_en": self.headline("en"),
            "summary_fr": self.summary("fr"),
            "summary_en": self.summary("en"),
            "verdict": self.verdict,
        }


def _instant(when: datetime | None) -> str | None:
    return when.astimezone(UTC).isoformat() if when is not None else None


@lru_cache(maxsize=256)
def _changelog_at(path: Path, sha256: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return data


def _changelog(release: Release) -> dict[str, Any]:
    """``read_changelog``, parsed once per artifact digest (a published file never changes)."""
    artifact = release.artifacts.get(CHANGELOG)
    if artifact is None:
        return read_changelog(release)
    return _changelog_at(release.artifact_path(CHANGELOG), str(artifact["sha256"]))


def release_notes(releases: list[Release]) -> list[ReleaseNote]:
    """The notes of ``releases``, newest release first (by release time, then version)."""
    ordered = sorted(releases, key=_release_order, reverse=True)
    return [ReleaseNote.of(release) for release in ordered]


def _release_order(release: Release) -> tuple[datetime, tuple[int, ...], str]:
    when = release.created_at or datetime.min.replace(tzinfo=UTC)
    return when, version_key(release.version), release.domain


def changelog_json(domain: str, notes: list[ReleaseNote], base_uri: str) -> dict[str, Any]:
    """A standard's changelog as JSON: every release, newest first, with its changes."""
    return {"domain": domain, "releases": [note.to_dict(base_uri) for note in notes]}
