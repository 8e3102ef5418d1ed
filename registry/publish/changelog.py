"""A release's changelog: what changed since the previous version and the compatibility verdict.

Written once, when the release is published, as its ``changelog.json`` artifact::

    {"domain": "lighting", "version": "2.0.0", "previous": "1.0.0", "verdict": {…Verdict.to_dict()…}}

``previous`` and ``verdict`` are ``null`` for a standard's first release.
"""

from __future__ import annotations

import json
from typing import Any

from registry.catalog.releases import Release
from registry.publish.compatibility import Verdict

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
