"""Shared fixtures: the project's settings, its modules, and their bundles built once per session."""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib

from registry.build.bundle import build_bundle
from registry.build.schema import DomainSchema, load_domains
from registry.config import PROJECT_ROOT, Settings

VOCAB_DIR = PROJECT_ROOT / "vocab"
DOMAINS = sorted(p.stem for p in VOCAB_DIR.glob("*.yaml"))


@pytest.fixture(scope="session")
def schemas() -> dict[str, DomainSchema]:
    return load_domains(VOCAB_DIR)


@pytest.fixture(scope="session")
def bundles(tmp_path_factory: pytest.TempPathFactory, schemas: dict[str, DomainSchema]) -> dict[str, Path]:
    """Every module's bundle, built once per test session into a temporary folder."""
    out = tmp_path_factory.mktemp("bundles")
    return {name: build_bundle(schema, PROJECT_ROOT / "shapes", out) for name, schema in schemas.items()}


@pytest.fixture(scope="session")
def shapes_graphs(bundles: dict[str, Path]) -> dict[str, rdflib.Graph]:
    return {
        name: rdflib.Graph().parse(data=(path / "shapes.ttl").read_bytes(), format="turtle")
        for name, path in bundles.items()
    }


@pytest.fixture()
def settings(tmp_path: Path) -> Settings:
    """Settings with a fresh data directory."""
    return Settings(data_dir=tmp_path / "data", build_dir=tmp_path / "build")
