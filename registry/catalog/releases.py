"""Published releases: the catalogue's rows, their files, and the one resolver from ``domain[@version]``.

A release is recorded in one database transaction (DESIGN.md decision 9): its ``releases`` row (the
unique ``(domain, version)`` pair decides concurrent releases: one wins, the others get
:class:`ConflictError`), its first status change, one ``artifacts`` row per file, its audit entry;
inside that transaction each file is copied into the content-addressed store and the release's
directory is written. If anything fails, the transaction is rolled back and the directory removed:
a release is published whole or not at all.

On disk, under the data directory::

    artifacts/<aa>/<sha256>          every file once, read-only (ArtifactStore)
    releases/<domain>/<version>/     the release as a directory: hard links to its artifacts and a
                                     manifest.json (what readers, workers and LinkML open)
    bundles/<domain>/<version>/      build cache of ``vocab/`` (keyed on the sources' digest)

Statuses live in the database only: a release's files never change, its status does.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from registry.catalog.artifacts import ArtifactStore
from registry.catalog.audit import record_audit
from registry.catalog.db import Database
from registry.catalog.models import ArtifactRow, ReleaseRow, ReleaseStatus, StatusChangeRow, utcnow
from registry.errors import ConflictError, InputError, NotFoundError, SocleError

log = logging.getLogger("socle")

STATUS_ORDER = tuple(s.value for s in ReleaseStatus)
_REF = re.compile(r"^(?P<domain>[a-z][a-z0-9_-]*)(?:@(?P<version>[0-9]+\.[0-9]+\.[0-9]+))?$")


def version_key(version: str) -> tuple[int, ...]:
    """``"1.10.0"`` → ``(1, 10, 0)``: versions sort as numbers."""
    return tuple(int(part) for part in version.split("."))


@dataclass(frozen=True)
class Release:
    """One published version of one module: where its files are, and its current status."""

    domain: str
    version: str
    status: str
    directory: Path
    created_at: datetime | None = field(default=None, compare=False)
    created_by: str | None = field(default=None, compare=False)

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

    @property
    def imports(self) -> dict[str, str]:
        """The exact version of each registry module this release imports (``{"core": "1.0.0"}``)."""
        return dict(self.manifest.get("imports", {}))


@dataclass(frozen=True)
class StatusChange:
    """One recorded transition of a release's status (``from_status`` is ``None`` at publication)."""

    from_status: str | None
    to_status: str
    actor: str
    reason: str
    changed_at: datetime


def parse_reference(reference: str) -> tuple[str, str | None]:
    """``lighting`` → ``("lighting", None)``; ``lighting@1.0.0`` → ``("lighting", "1.0.0")``."""
    match = _REF.match(reference.strip())
    if not match:
        raise NotFoundError(
            f"{reference!r} is not a standard reference",
            hint="Write a domain name, optionally with a version: lighting or lighting@1.0.0.",
        )
    return match["domain"], match["version"]


def choose_current(releases: list[Release]) -> Release | None:
    """The latest ``standard`` release, else the latest ``candidate`` (``releases`` in version order)."""
    for status in (ReleaseStatus.STANDARD, ReleaseStatus.CANDIDATE):
        chosen = [r for r in releases if r.status == status]
        if chosen:
            return chosen[-1]
    return None


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:  # another file system, or links not allowed: a copy is as good
        shutil.copyfile(source, target)


class ReleaseCatalog:
    """The releases of the catalogue database, their files under ``data_dir``."""

    def __init__(self, db: Database, data_dir: Path) -> None:
        self.db = db
        self.data_dir = data_dir
        self.store = ArtifactStore(data_dir / "artifacts")
        self.releases_root = data_dir / "releases"

    # --- reading --------------------------------------------------------------------------

    def _release(self, row: ReleaseRow) -> Release:
        return Release(
            domain=row.domain,
            version=row.version,
            status=row.status,
            directory=self.releases_root / row.domain / row.version,
            created_at=row.created_at,
            created_by=row.created_by,
        )

    def releases(self, domain: str | None = None) -> list[Release]:
        """Every release (of ``domain``), by domain then version."""
        query = select(ReleaseRow)
        if domain is not None:
            query = query.where(ReleaseRow.domain == domain)
        with self.db.read() as session:
            rows = session.scalars(query).all()
        found = [self._release(row) for row in rows]
        return sorted(found, key=lambda r: (r.domain, version_key(r.version)))

    def domains(self) -> list[str]:
        with self.db.read() as session:
            return sorted(set(session.scalars(select(ReleaseRow.domain)).all()))

    def find(self, domain: str, version: str) -> Release | None:
        """The release ``domain@version``, or ``None``."""
        with self.db.read() as session:
            row = session.scalars(
                select(ReleaseRow).where(ReleaseRow.domain == domain, ReleaseRow.version == version)
            ).one_or_none()
        return self._release(row) if row is not None else None

    def status_history(self, domain: str, version: str) -> list[StatusChange]:
        """Every status the release has had, oldest first (its publication first)."""
        query = (
            select(StatusChangeRow)
            .join(ReleaseRow, StatusChangeRow.release_id == ReleaseRow.id)
            .where(ReleaseRow.domain == domain, ReleaseRow.version == version)
            .order_by(StatusChangeRow.id)
        )
        with self.db.read() as session:
            rows = session.scalars(query).all()
        return [StatusChange(r.from_status, r.to_status, r.actor, r.reason, r.changed_at) for r in rows]

    def previous(self, domain: str, version: str) -> Release | None:
        """The highest release of ``domain`` below ``version`` (what a new release is compared with)."""
        below = [r for r in self.releases(domain) if version_key(r.version) < version_key(version)]
        return below[-1] if below else None

    def resolve(self, reference: str) -> Release:
        """``lighting`` → the latest ``standard`` release, else the latest ``candidate``;
        ``lighting@1.0.0`` → exactly that version (whatever its status)."""
        domain, version = parse_reference(reference)
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
        current = choose_current(releases)
        if current is None:
            raise NotFoundError(
                f"{domain} has no adopted or candidate release",
                hint="Ask for an exact version: " + ", ".join(r.ref for r in releases),
            )
        return current

    # --- writing --------------------------------------------------------------------------

    def record(
        self,
        bundle: Path,
        *,
        status: str,
        actor: str,
        reason: str,
        extra: dict[str, bytes] | None = None,
        audit_detail: dict[str, Any] | None = None,
    ) -> Release:
        """Publish the built bundle in ``bundle`` (its ``manifest.json`` and files), plus the ``extra``
        files (name → bytes, such as the changelog), with its first ``status``.

        Raises :class:`ConflictError` when the version is already published (by anyone, even
        concurrently: the database decides).
        """
        from registry.build.bundle import MEDIA_TYPES

        manifest = json.loads((bundle / "manifest.json").read_text("utf-8"))
        domain, version = manifest["domain"], manifest["version"]
        if status not in STATUS_ORDER:  # refused before anything is written
            raise InputError(
                f"{status!r} is not a release status",
                hint="A module declares one of: " + ", ".join(STATUS_ORDER) + " (annotations.status).",
            )
        with tempfile.TemporaryDirectory(prefix="socle-extra-") as scratch:
            files: dict[str, Path] = {a["name"]: bundle / a["name"] for a in manifest["artifacts"]}
            for name, data in (extra or {}).items():
                path = Path(scratch) / name
                path.write_bytes(data)
                files[name] = path
            target = self.releases_root / domain / version
            try:
                with self.db.write() as session:
                    self._refuse_existing(session, domain, version)
                    row = ReleaseRow(
                        domain=domain,
                        version=version,
                        status=status,
                        core_version=manifest.get("imports", {}).get("core"),
                        source_digest=manifest.get("source_digest", ""),
                        created_by=actor,
                    )
                    session.add(row)
                    session.flush()  # the unique (domain, version) pair is checked here
                    session.add(
                        StatusChangeRow(
                            release_id=row.id, from_status=None, to_status=status, actor=actor, reason=reason
                        )
                    )
                    artifacts = []
                    for name, path in sorted(files.items()):
                        sha256 = self.store.put(path)
                        size = path.stat().st_size
                        media_type = MEDIA_TYPES.get(Path(name).suffix, "application/octet-stream")
                        if name.endswith(".json") and name != "schema.json":
                            media_type = "application/json"
                        artifacts.append(
                            {"name": name, "sha256": sha256, "media_type": media_type, "size": size}
                        )
                        session.add(
                            ArtifactRow(
                                release_id=row.id, name=name, sha256=sha256, media_type=media_type, size=size
                            )
                        )
                    self._write_directory(target, manifest, artifacts)
                    record_audit(
                        session,
                        actor=actor,
                        action="release.publish",
                        target=f"{domain}@{version}",
                        detail={"status": status, "reason": reason, **(audit_detail or {})},
                    )
                    created = row.created_at or utcnow()
            except IntegrityError:
                self._discard(target, domain, version)
                raise ConflictError(
                    f"{domain} {version} is already published",
                    hint="A published version never changes: release a higher version.",
                ) from None
            except ConflictError:
                raise
            except BaseException:
                self._discard(target, domain, version)
                raise
        return Release(domain, version, status, target, created_at=created, created_by=actor)

    def _refuse_existing(self, session: Session, domain: str, version: str) -> None:
        existing = session.scalars(
            select(ReleaseRow.id).where(ReleaseRow.domain == domain, ReleaseRow.version == version)
        ).first()
        if existing is not None:
            raise ConflictError(
                f"{domain} {version} is already published",
                hint="A published version never changes: release a higher version.",
            )

    def _write_directory(
        self, target: Path, manifest: dict[str, Any], artifacts: list[dict[str, Any]]
    ) -> None:
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
        try:
            for artifact in artifacts:
                _link_or_copy(self.store.path(artifact["sha256"]), staging / artifact["name"])
            published = {
                "domain": manifest["domain"],
                "version": manifest["version"],
                "imports": manifest.get("imports", {}),
                "source_digest": manifest.get("source_digest", ""),
                "artifacts": artifacts,
            }
            (staging / "manifest.json").write_text(json.dumps(published, indent=2) + "\n", encoding="utf-8")
            staging.chmod(0o755)
            if target.exists():  # left by a process that died before its transaction committed
                shutil.rmtree(target)
            staging.rename(target)
        finally:
            if staging.exists():
                shutil.rmtree(staging, ignore_errors=True)

    def restore_directories(self) -> list[Release]:
        """Write again the directory of every release that has lost it (a data directory restored
        from a backup of the database and the artifact store), from the database's rows and the
        stored files; returns the releases restored. A file missing from the store is an error that
        names it: the backup is incomplete."""
        with self.db.read() as session:
            rows = session.scalars(select(ReleaseRow)).all()
            files: dict[int, list[dict[str, Any]]] = {
                row.id: [
                    {"name": a.name, "sha256": a.sha256, "media_type": a.media_type, "size": a.size}
                    for a in session.scalars(
                        select(ArtifactRow).where(ArtifactRow.release_id == row.id).order_by(ArtifactRow.name)
                    ).all()
                ]
                for row in rows
            }
        restored = []
        for row in rows:
            release = self._release(row)
            if (release.directory / "manifest.json").is_file():
                continue
            for artifact in files[row.id]:
                if not self.store.has(artifact["sha256"]):
                    raise SocleError(
                        f"{release.ref}: {artifact['name']} ({artifact['sha256']}) is not in the "
                        "artifact store",
                        hint="Restore the artifacts directory from the same backup as the database.",
                    )
            manifest = {
                "domain": row.domain,
                "version": row.version,
                "imports": {"core": row.core_version} if row.core_version else {},
                "source_digest": row.source_digest,
            }
            self._write_directory(release.directory, manifest, files[row.id])
            restored.append(release)
        return restored

    def _discard(self, target: Path, domain: str, version: str) -> None:
        """Remove a directory written by a transaction that did not commit (unless the version is
        published by someone else, whose directory it then is)."""
        if self.find(domain, version) is None and target.exists():
            shutil.rmtree(target, ignore_errors=True)


def bootstrap(
    settings: Any,
    db: Database,
    report: Callable[[str], None] = lambda _: None,
) -> ReleaseCatalog:
    """Record each module of ``vocab/`` at its declared version and status, unless that version is
    already published (DESIGN.md decision 2). Bundles are built into ``<data_dir>/bundles`` (a cache
    keyed on their sources' digest). A module whose sources changed without a new version is not
    republished: a warning says so."""
    from registry.build.bundle import build_bundle, examples_for, source_digest
    from registry.build.schema import load_domains
    from registry.publish.changelog import CHANGELOG, changelog_document

    catalog = ReleaseCatalog(db, settings.data_dir)
    for release in catalog.restore_directories():
        log.warning(
            "%s: its directory was missing and has been written again from the catalogue", release.ref
        )
    for name, schema in load_domains(settings.vocab_dir).items():
        examples = examples_for(settings.examples_dir, name)
        existing = catalog.find(name, schema.version)
        if existing is not None:
            if existing.manifest.get("source_digest") != source_digest(schema, settings.shapes_dir, examples):
                log.warning(
                    "%s %s is already published and vocab/%s.yaml has changed since: "
                    "publish the changes as a new version (socle publish)",
                    name,
                    schema.version,
                    name,
                )
            continue
        bundle = build_bundle(
            schema, settings.shapes_dir, settings.data_dir / "bundles", examples_dir=examples
        )
        previous = catalog.previous(name, schema.version)
        verdict = None
        if previous is not None:
            from registry.publish.compatibility import compare, from_module, from_release

            verdict = compare(from_release(previous), from_module(schema.path, settings.shapes_dir))
        changelog = changelog_document(name, schema.version, previous.version if previous else None, verdict)
        try:
            catalog.record(
                bundle,
                status=schema.status,
                actor="bootstrap",
                reason=f"first release, loaded from vocab/{name}.yaml",
                extra={CHANGELOG: changelog},
            )
        except ConflictError:  # another process bootstrapped the same data directory
            continue
        report(f"{name} {schema.version} ({schema.status})")
    return catalog


def open_catalog(settings: Any, report: Callable[[str], None] = lambda _: None) -> ReleaseCatalog:
    """The catalogue of ``settings`` (database migrated, ``vocab/`` bootstrapped): what every command
    that reads releases starts with."""
    from registry.catalog.db import open_database

    settings.data_dir.mkdir(parents=True, exist_ok=True)
    return bootstrap(settings, open_database(settings), report=report)
