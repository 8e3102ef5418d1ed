"""Shared fixtures: the project's settings, its modules, and their bundles built once per session."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
import rdflib

from registry.build.bundle import build_bundle, examples_for
from registry.build.schema import DomainSchema, load_domains
from registry.catalog.releases import ReleaseCatalog, open_catalog
from registry.config import PROJECT_ROOT, Settings

# The suite sends far more requests from one address than a client may: rate limits are off for every
# app and server the tests start (os.environ is inherited by subprocesses), except where a test sets
# one itself (tests/api/test_rate_limit.py).
os.environ["SOCLE_RATE_LIMIT"] = ""

VOCAB_DIR = PROJECT_ROOT / "vocab"
DOMAINS = sorted(p.stem for p in VOCAB_DIR.glob("*.yaml"))


@pytest.fixture(scope="session")
def schemas() -> dict[str, DomainSchema]:
    return load_domains(VOCAB_DIR)


@pytest.fixture(scope="session")
def bundles(tmp_path_factory: pytest.TempPathFactory, schemas: dict[str, DomainSchema]) -> dict[str, Path]:
    """Every module's bundle (with its examples, as bootstrap builds it), built once per test session
    into a temporary folder."""
    out = tmp_path_factory.mktemp("bundles")
    examples = PROJECT_ROOT / "examples"
    return {
        name: build_bundle(schema, PROJECT_ROOT / "shapes", out, examples_dir=examples_for(examples, name))
        for name, schema in schemas.items()
    }


def seeded_data_dir(data_dir: Path, bundles: dict[str, Path]) -> Path:
    """``data_dir`` with the session's bundles in its build cache, so bootstrapping it records the
    releases without building them again."""
    for name, path in bundles.items():
        shutil.copytree(path, data_dir / "bundles" / name / path.name, dirs_exist_ok=True)
    return data_dir


@pytest.fixture(scope="session")
def catalog(tmp_path_factory: pytest.TempPathFactory, bundles: dict[str, Path]) -> ReleaseCatalog:
    """The five modules published in a fresh SQLite catalogue, once per session (read-only: tests
    that publish or change statuses make their own)."""
    data_dir = seeded_data_dir(tmp_path_factory.mktemp("catalog"), bundles)
    return open_catalog(Settings(data_dir=data_dir))


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


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def running_registry(data_dir: Path, **env: str) -> Iterator[str]:
    """``socle serve`` (uvicorn) on a free loopback port over ``data_dir``, with extra ``SOCLE_*``
    variables; yields its URL once ``/health`` answers, and stops it afterwards."""
    port = _free_port()
    variables = {**os.environ, **env, "SOCLE_DATA_DIR": str(data_dir), "SOCLE_PORT": str(port)}
    process = subprocess.Popen(
        [sys.executable, "-m", "registry.cli.main", "serve"],
        cwd=PROJECT_ROOT,
        env=variables,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError("the registry exited during start-up")
            try:
                if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.3)
        else:
            raise RuntimeError("the registry did not start")
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(scope="session")
def server_url(tmp_path_factory: pytest.TempPathFactory, bundles: dict[str, Path]) -> Iterator[str]:
    """The registry served over a fresh data directory whose bundles are already built (read-only
    use); stopped at the end of the session."""
    with running_registry(seeded_data_dir(tmp_path_factory.mktemp("server-data"), bundles)) as url:
        yield url
