"""Preparing and publishing a release (DESIGN.md decisions 8 and 9).

``prepare_release`` plans the release against the catalogue (409 at once when the version exists),
builds it in a scratch directory, runs every check and compares it with the previous release;
``publish_release`` records a prepared release whole in one transaction, or raises the 422 that
lists every failed check and every offending change. A dry run is ``prepare_release`` alone.

A new release enters with the status its module declares (``annotations.status``, ``draft`` when
absent), which must be ``draft`` or ``candidate``: adopting, deprecating and retiring a version are
an administrator's transitions, never a side effect of publishing.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from registry.catalog.releases import Release, ReleaseCatalog
from registry.config import Settings
from registry.publish.changelog import CHANGELOG
from registry.publish.releasing.build import PreparedRelease, build_release
from registry.publish.releasing.plan import ReleasePlan, plan_release
from registry.publish.releasing.sources import ReleaseSources

SCRATCH = "publishing"
"""Folder of the data directory where releases are built before they are recorded."""


def scratch_directory(settings: Settings, domain: str, version: str) -> Path:
    """A new, empty directory to build ``domain@version`` in (on the data directory's file system)."""
    root = settings.data_dir / SCRATCH
    root.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f"{domain}-{version}-", dir=root))


def plan(sources: ReleaseSources, catalog: ReleaseCatalog, settings: Settings) -> ReleasePlan:
    """The release of ``sources`` resolved against ``catalog`` with the settings' namespaces."""
    return plan_release(
        sources,
        catalog,
        base_uri=settings.base_uri,
        allowed_namespaces=tuple(settings.allowed_namespaces),
    )


def prepare_release(sources: ReleaseSources, catalog: ReleaseCatalog, settings: Settings) -> PreparedRelease:
    """Build, check and compare the release of ``sources`` (nothing recorded). Raises
    :class:`ConflictError` when the version is published, :class:`ReleaseRefusedError` when an
    imported module is not published as given, :class:`InputError` when the sources are unusable.
    The caller discards the result's scratch directory (``with prepare_release(...) as prepared``)."""
    planned = plan(sources, catalog, settings)
    workdir = scratch_directory(settings, planned.domain, planned.version)
    try:
        return build_release(planned, workdir)
    except BaseException:
        discard_scratch(workdir)
        raise


def discard_scratch(workdir: Path) -> None:
    """Remove a scratch directory made by :func:`scratch_directory`."""
    shutil.rmtree(workdir, ignore_errors=True)


def prune_scratch(settings: Settings, *, older_than_s: float, now: float | None = None) -> list[Path]:
    """Remove scratch directories left by builds that never finished (a process killed mid-build), and
    return them. Only directories older than ``older_than_s`` go: another process sharing the data
    directory may be building in a younger one."""
    root = settings.data_dir / SCRATCH
    if not root.is_dir():
        return []
    limit = (time.time() if now is None else now) - older_than_s
    removed = []
    for path in sorted(root.iterdir()):
        try:
            stale = path.is_dir() and path.stat().st_mtime < limit
        except OSError:
            continue
        if stale:
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed


def publish_release(
    prepared: PreparedRelease, catalog: ReleaseCatalog, actor: str, *, reason: str | None = None
) -> Release:
    """Record ``prepared`` with its changelog, in one transaction; :class:`ReleaseRefusedError` (422)
    when it failed a check or its declared version is too small, :class:`ConflictError` (409) when the
    version was published meanwhile."""
    refusal = prepared.refusal()
    if refusal is not None:
        raise refusal
    verdict = prepared.verdict
    detail: dict[str, Any] = {"previous": prepared.previous, "imports": prepared.imports}
    if verdict is not None:
        detail.update(required=verdict.required.value, declared=verdict.declared.value)
    return catalog.record(
        prepared.bundle,
        status=prepared.status,
        actor=actor,
        reason=reason or f"published {prepared.domain} {prepared.version}",
        extra={CHANGELOG: prepared.changelog},
        audit_detail=detail,
    )
