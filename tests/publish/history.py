"""A catalogue where lighting has a history: three versions and status changes, recorded directly::

lighting 1.0.0  candidate (bootstrap) → standard → deprecated
lighting 1.1.0  candidate              minor: the value ``induction`` added, a label reworded
lighting 2.0.0  candidate → standard   major: the value ``mercury_vapour`` removed (current)
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from registry.build.bundle import build_bundle
from registry.build.schema import DomainSchema
from registry.catalog.models import ReleaseRow, StatusChangeRow
from registry.catalog.releases import Release, ReleaseCatalog, open_catalog
from registry.config import Settings
from registry.publish.changelog import CHANGELOG, changelog_document
from registry.publish.compatibility import compare, from_module, from_release
from tests.conftest import seeded_data_dir
from tests.publish.compatibility.conftest import SHAPES, replace, without_block, write_variant

EDITOR = "éditrice-éclairage"
ADMIN = "admin-conseil"
ADOPTED = "adoptée par le conseil du 12 mars"
DEPRECATED = "remplacée par 2.0.0 : la vapeur de mercure est interdite"


def with_induction(text: str) -> str:
    """A new code ``induction`` (minor) and the French label of ``mercury_vapour`` reworded (patch)."""
    text = replace(
        text,
        "      other:\n        title: autre\n",
        "      induction:\n        title: induction\n        description: Lampe à induction.\n"
        "        annotations:\n          label_en: induction\n"
        "          definition_en: Induction lamp.\n"
        "      other:\n        title: autre\n",
    )
    return replace(text, "        title: vapeur de mercure\n", "        title: ballon à vapeur de mercure\n")


def without_mercury(text: str) -> str:
    """``mercury_vapour`` removed (major), on top of 1.1.0."""
    return without_block(with_induction(text), "      mercury_vapour:\n", "      induction:\n")


def record_variant(catalog: ReleaseCatalog, module: Path, *, status: str, actor: str, reason: str) -> Release:
    """Build the module at ``module`` and record it with its changelog, as a publication would."""
    schema = DomainSchema(module)
    bundle = build_bundle(schema, SHAPES, module.parent / "bundles")
    previous = catalog.previous(schema.name, schema.version)
    verdict = None
    if previous is not None:
        verdict = compare(from_release(previous), from_module(module, SHAPES))
    document = changelog_document(
        schema.name, schema.version, previous.version if previous else None, verdict
    )
    return catalog.record(bundle, status=status, actor=actor, reason=reason, extra={CHANGELOG: document})


def change_status(
    catalog: ReleaseCatalog, domain: str, version: str, status: str, *, actor: str, reason: str
) -> None:
    """Record a status change (its row, and the release's new status) in one transaction."""
    with catalog.db.write() as session:
        row = session.scalars(
            select(ReleaseRow).where(ReleaseRow.domain == domain, ReleaseRow.version == version)
        ).one()
        session.add(
            StatusChangeRow(
                release_id=row.id, from_status=row.status, to_status=status, actor=actor, reason=reason
            )
        )
        row.status = status


def lighting_history(data_dir: Path, bundles: dict[str, Path]) -> ReleaseCatalog:
    """The bootstrapped catalogue of ``data_dir`` with lighting's history (module docstring)."""
    catalog = open_catalog(Settings(data_dir=seeded_data_dir(data_dir, bundles)))
    sources = data_dir.parent / f"{data_dir.name}-sources"
    minor = write_variant(sources / "1.1.0", with_induction, "1.1.0")
    major = write_variant(sources / "2.0.0", without_mercury, "2.0.0")
    change_status(catalog, "lighting", "1.0.0", "standard", actor=ADMIN, reason=ADOPTED)
    record_variant(catalog, minor, status="candidate", actor=EDITOR, reason="consultation publique")
    record_variant(catalog, major, status="candidate", actor=EDITOR, reason="consultation publique")
    change_status(catalog, "lighting", "2.0.0", "standard", actor=ADMIN, reason=ADOPTED)
    change_status(catalog, "lighting", "1.0.0", "deprecated", actor=ADMIN, reason=DEPRECATED)
    return catalog


_SHARED: dict[Path, ReleaseCatalog] = {}


def shared_history(tmp_path_factory: pytest.TempPathFactory, bundles: dict[str, Path]) -> ReleaseCatalog:
    """``lighting_history`` built once per test process (read-only: tests that change it make their own)."""
    root = tmp_path_factory.getbasetemp()
    if root not in _SHARED:
        _SHARED[root] = lighting_history(tmp_path_factory.mktemp("history"), bundles)
    return _SHARED[root]
