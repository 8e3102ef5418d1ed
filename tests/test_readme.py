"""The README's first two commands, as a newcomer runs them: the first starts a real registry."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import time
from pathlib import Path

import httpx
import pytest

from registry.config import PROJECT_ROOT

README = PROJECT_ROOT / "README.md"


def _commands() -> list[str]:
    return re.findall(r"```sh\n(.+?)\n```", README.read_text(encoding="utf-8"), flags=re.S)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_readme_starts_with_the_serve_and_test_commands() -> None:
    commands = _commands()
    assert commands[0] == "bash scripts/serve"
    assert "bash scripts/test" in commands
    ci = (PROJECT_ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "bash scripts/test" in ci


@pytest.mark.slow
def test_first_readme_command_serves_every_standard(tmp_path: Path) -> None:
    port = _free_port()
    env = {**os.environ, "SOCLE_DATA_DIR": str(tmp_path / "data"), "SOCLE_PORT": str(port)}
    process = subprocess.Popen(
        ["bash", "-c", _commands()[0]],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 300
        health = None
        while time.monotonic() < deadline and process.poll() is None:
            try:
                health = httpx.get(f"{base}/health", timeout=2)
                break
            except httpx.HTTPError:
                time.sleep(0.5)
        assert health is not None and health.status_code == 200, "the registry did not come up"
        assert set(health.json()["standards"]) >= {"core", "lighting", "waste", "water", "mobility"}
        term = httpx.get(f"{base}/def/lighting/Streetlight", headers={"Accept": "text/turtle"}, timeout=10)
        assert term.status_code == 200 and "point lumineux" in term.text
        shapes = httpx.get(f"{base}/def/lighting/1.0.0/shapes.ttl", timeout=10)
        assert shapes.status_code == 200 and "sh:NodeShape" in shapes.text
        assert (tmp_path / "data" / "bundles" / "lighting" / "1.0.0" / "manifest.json").is_file()
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
