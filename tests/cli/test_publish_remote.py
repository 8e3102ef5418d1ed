"""``socle publish --server``: the release made through a real registry's API, printed and exited as
the local command does."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from registry.catalog.db import open_database
from registry.catalog.tokens import create_token
from registry.config import PROJECT_ROOT, Settings
from tests.conftest import running_registry, seeded_data_dir
from tests.publish.releasing_helpers import removes_mercury_vapour, variant

SOCLE = PROJECT_ROOT / ".venv" / "bin" / "socle"


@dataclass(frozen=True)
class Remote:
    url: str
    editor: str
    admin: str


@pytest.fixture(scope="module")
def remote(tmp_path_factory: pytest.TempPathFactory, bundles: dict[str, Path]) -> Iterator[Remote]:
    data_dir = seeded_data_dir(tmp_path_factory.mktemp("remote-data"), bundles)
    with running_registry(data_dir, SOCLE_VALIDATION_WORKERS="1") as url:
        db = open_database(Settings(data_dir=data_dir))
        _, editor = create_token(db, name="editor@example.org", role="editor", actor="test")
        _, admin = create_token(db, name="council@example.org", role="admin", actor="test")
        db.dispose()
        yield Remote(url, editor, admin)


def _publish(*args: str | Path, token: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "SOCLE_TOKEN"}
    if token is not None:
        env["SOCLE_TOKEN"] = token
    return subprocess.run(
        [str(SOCLE), "publish", *map(str, args), "--lang", "en"],
        capture_output=True,
        text=True,
        env=env,
        cwd=PROJECT_ROOT,
        timeout=300,
    )


def test_a_removed_value_is_refused_as_minor_and_published_as_major(remote: Remote, tmp_path: Path) -> None:
    minor = variant(tmp_path / "minor", "1.1.0", removes_mercury_vapour)
    refused = _publish(minor, "--server", remote.url, token=remote.editor)
    assert refused.returncode == 1, refused.stderr
    assert "lighting:LampTechnology lost the value 'mercury_vapour'" in refused.stdout
    assert "Declare version 2.0.0 or higher" in refused.stdout
    assert httpx.get(f"{remote.url}/releases/lighting/1.1.0").status_code == 404

    major = variant(tmp_path / "major", "2.0.0", removes_mercury_vapour)
    dry = _publish(major, "--server", remote.url, "--dry-run", token=remote.editor)
    assert dry.returncode == 0, dry.stderr
    assert "Dry run: lighting 2.0.0 would be published (candidate)." in dry.stdout
    assert httpx.get(f"{remote.url}/releases/lighting/2.0.0").status_code == 404

    published = _publish(major, "--server", remote.url, "--token", remote.editor)
    assert published.returncode == 0, published.stderr
    assert "Published: lighting 2.0.0 (candidate), /def/lighting/2.0.0" in published.stdout
    assert "Major changes, breaking (1):" in published.stdout
    record = httpx.get(f"{remote.url}/releases/lighting/2.0.0").json()
    assert record["created_by"] == "editor@example.org"
    assert {"extra-lighting.ttl", "examples.zip"} <= {a["name"] for a in record["artifacts"]}

    again = _publish(major, "--server", remote.url, token=remote.editor)
    assert again.returncode == 1
    assert again.stderr.startswith("socle publish: lighting 2.0.0 is already published")


def test_a_missing_or_refused_token_and_an_unreachable_server_exit_2(remote: Remote, tmp_path: Path) -> None:
    module = variant(tmp_path / "v", "3.0.0")
    missing = _publish(module, "--server", remote.url)
    assert missing.returncode == 2 and "needs an editor token" in missing.stderr
    wrong = _publish(module, "--server", remote.url, token="socle_not-a-token")
    assert wrong.returncode == 2 and "answered 401" in wrong.stderr
    assert len(wrong.stderr.strip().splitlines()) == 1, "one line, never a traceback"
    closed = _publish(module, "--server", "http://127.0.0.1:9", token=remote.editor)
    assert closed.returncode == 2 and "cannot reach http://127.0.0.1:9/releases" in closed.stderr
