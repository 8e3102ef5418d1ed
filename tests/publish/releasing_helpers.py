"""Catalogues to publish into (SQLite, and PostgreSQL when ``SOCLE_TEST_DATABASE_URL`` is set) and
variants of the lighting module to publish."""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import text

from registry.catalog.db import make_engine
from registry.catalog.models import Base
from registry.catalog.releases import ReleaseCatalog, open_catalog
from registry.config import Settings
from tests.catalog.test_db import worker_schema_url
from tests.conftest import seeded_data_dir
from tests.publish.compatibility.conftest import write_variant

BACKENDS = ["sqlite"] + (["postgresql"] if os.environ.get("SOCLE_TEST_DATABASE_URL") else [])


def removes_mercury_vapour(text: str) -> str:
    """The lighting module without the value ``mercury_vapour`` of ``LampTechnology`` (no example
    uses it)."""
    start, end = "      mercury_vapour:\n", "      other:\n"
    i = text.index(start)
    return text[:i] + text[text.index(end, i + len(start)) :]


def adds_optional_slot(text: str) -> str:
    """The lighting module with a new optional slot ``mounting_note`` on ``Streetlight``."""
    head, tail = text.split("\nslots:\n", 1)
    slot = (
        "  mounting_note:\n"
        "    slot_uri: lighting:mounting_note\n"
        "    range: string\n"
        "    title: note de pose\n"
        "    description: Remarque libre sur la pose du point lumineux.\n"
        "    annotations:\n"
        "      label_en: mounting note\n"
        "      definition_en: Free remark on how the light point is mounted.\n"
    )
    head = head.replace("    slots:\n", "    slots:\n      - mounting_note\n", 1)
    return head + "\nslots:\n" + slot + tail


def variant(directory: Path, version: str, edit: object = None) -> Path:
    """A copy of ``vocab/lighting.yaml`` at ``version`` (``core.yaml`` beside it), edited by ``edit``."""
    return write_variant(directory, edit if callable(edit) else (lambda t: t), version)


def backend_settings(backend: str, data_dir: Path, bundles: dict[str, Path]) -> Settings:
    """Settings over a fresh seeded ``data_dir`` and an empty catalogue database of ``backend``."""
    seeded_data_dir(data_dir, bundles)
    if backend == "sqlite":
        return Settings(data_dir=data_dir)
    url = worker_schema_url(os.environ["SOCLE_TEST_DATABASE_URL"], "test_release")
    engine = make_engine(url)
    with engine.begin() as connection:
        Base.metadata.drop_all(connection)
        connection.execute(text("DROP TABLE IF EXISTS alembic_version"))
    engine.dispose()
    return Settings(data_dir=data_dir, database_url=url)


def fresh_catalog(backend: str, data_dir: Path, bundles: dict[str, Path]) -> tuple[ReleaseCatalog, Settings]:
    settings = backend_settings(backend, data_dir, bundles)
    return open_catalog(settings), settings


def store_files(data_dir: Path) -> set[str]:
    """The SHA-256 of every file in the artifact store."""
    return {p.name for p in (data_dir / "artifacts").rglob("*") if p.is_file()}
