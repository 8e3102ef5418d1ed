"""Built release bundles on disk, and the one resolver from ``domain[@version]`` to a release.

A fresh data directory is bootstrapped from ``vocab/``: each module is built at its declared version
and recorded with the status it declares (DESIGN.md decision 2).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from registry.errors import NotFoundError

STATUS_ORDER = ("draft", "candidate", "standard", "deprecated", "retired")
_REF = re.compile(r"^(?P<domain>[a-z][a-z0-9_-]*)(?:@(?P<version>[0-9]+\.[0-9]+\.[0-9]+))?$")


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


@dataclass(frozen=True)
class Release:
    """One built version of one module."""

    domain: str
    version: str
    status: str
    directory: Path

    @cached_property
    def manifest(self) -> dict[str, Any]:
        data: dict[str, Any] = json.loads((self.directory / "manifest.json").read_text("utf-8"))
        return data

    @property
    def artifacts(self) -> dict[str, dict[str, Any]]:
        return {a["name"]: a for a in self.manifest["artifacts"]}

    def artifact_path(self, name: str) -> Path:
        if name not in self.artifacts:
            raise NotFoundError(
                f"{self.domain} {self.version} has no artifact named {name!r}",
                hint="Known artifacts: " + ", ".join(sorted(self.artifacts)),
            )
        return self.directory / name

    @property
    def ref(self) -> str:
        return f"{self.domain}@{self.version}"

    @property
    def schema_path(self) -> Path:
        """The release's own LinkML module (its imports beside it)."""
        return self.artifact_path(f"{self.domain}.yaml")


class BundleCatalog:
    """The releases found under a bundles directory (``<dir>/<domain>/<version>/manifest.json``)."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def releases(self, domain: str | None = None) -> list[Release]:
        found: list[Release] = []
        if not self.directory.is_dir():
            return found
        for manifest in sorted(self.directory.glob("*/*/manifest.json")):
            data = json.loads(manifest.read_text("utf-8"))
            if domain is None or data["domain"] == domain:
                found.append(
                    Release(
                        domain=data["domain"],
                        version=data["version"],
                        status=data.get("status", "draft"),
                        directory=manifest.parent,
                    )
                )
        return sorted(found, key=lambda r: (r.domain, _version_key(r.version)))

    def domains(self) -> list[str]:
        return sorted({r.domain for r in self.releases()})

    def resolve(self, reference: str) -> Release:
        """``lighting`` → the latest ``standard`` release, else the latest ``candidate``;
        ``lighting@1.0.0`` → exactly that version."""
        match = _REF.match(reference.strip())
        if not match:
            raise NotFoundError(
                f"{reference!r} is not a standard reference",
                hint="Write a domain name, optionally with a version: lighting or lighting@1.0.0.",
            )
        domain, version = match["domain"], match["version"]
        releases = self.releases(domain)
        if not releases:
            raise NotFoundError(
                f"no standard named {domain!r}",
                hint="Known standards: " + (", ".join(self.domains()) or "none"),
            )
        if version:
            for release in releases:
                if release.version == version:
                    return release
            raise NotFoundError(
                f"{domain} has no version {version}",
                hint="Known versions: " + ", ".join(r.version for r in releases),
            )
        for status in ("standard", "candidate"):
            chosen = [r for r in releases if r.status == status]
            if chosen:
                return chosen[-1]
        raise NotFoundError(
            f"{domain} has no adopted or candidate release",
            hint="Ask for an exact version: " + ", ".join(r.ref for r in releases),
        )


def bootstrap(
    vocab_dir: Path,
    shapes_dir: Path,
    bundles_dir: Path,
    report: Callable[[str], None] = lambda _: None,
) -> BundleCatalog:
    """Build each module of ``vocab/`` at its declared version (unchanged bundles are kept)."""
    from registry.build.bundle import build_bundle
    from registry.build.schema import load_domains

    for name, schema in load_domains(vocab_dir).items():
        build_bundle(schema, shapes_dir, bundles_dir)
        report(f"{name} {schema.version} ({schema.status})")
    return BundleCatalog(bundles_dir)
