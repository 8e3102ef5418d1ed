"""One app over a fresh data directory per test session (its bundles copied from the session's
build, so start-up only starts the worker pool)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from registry.api.app import create_app
from registry.config import Settings
from tests.conftest import seeded_data_dir


def app_settings(data_dir: Path, bundles: dict[str, Path], **overrides: object) -> Settings:
    """Settings over ``data_dir`` whose bundles are already built."""
    seeded_data_dir(data_dir, bundles)
    return Settings(data_dir=data_dir, **overrides)  # type: ignore[arg-type]


@pytest.fixture(scope="session")
def client(tmp_path_factory: pytest.TempPathFactory, bundles: dict[str, Path]) -> Iterator[TestClient]:
    settings = app_settings(tmp_path_factory.mktemp("data"), bundles, validation_workers=2)
    with TestClient(create_app(settings)) as test_client:
        yield test_client
