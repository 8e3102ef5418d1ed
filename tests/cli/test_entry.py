"""The ``socle`` entry point: ``socle shacl`` runs without loading Typer or pydantic; the other verbs
go through the Typer app."""

from __future__ import annotations

import subprocess
import sys

from registry.config import PROJECT_ROOT

SHAPES = PROJECT_ROOT / "bench" / "streetlights-shapes.ttl"
PROBE = """
import sys
sys.argv = ["socle", "shacl", sys.argv[1], "--shapes", sys.argv[2]]
from registry.cli.entry import main
try:
    main()
except SystemExit as done:
    heavy = sorted(m for m in ("typer", "pydantic", "pyshacl", "polars") if m in sys.modules)
    print("loaded:", ",".join(heavy) or "-", "exit:", done.code, file=sys.stderr)
"""


def test_socle_shacl_starts_without_typer_pydantic_or_pyshacl(tmp_path: object) -> None:
    data = PROJECT_ROOT / "examples/lighting/valid/Streetlight-park-inventory.ttl"
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(data), str(SHAPES)], capture_output=True, text=True, timeout=120
    )
    assert "loaded: - exit:" in done.stderr, done.stderr


def test_socle_shacl_help_and_usage_errors() -> None:
    socle = PROJECT_ROOT / ".venv" / "bin" / "socle"
    shown = subprocess.run([str(socle), "shacl", "--help"], capture_output=True, text=True, timeout=60)
    assert shown.returncode == 0 and "--shapes" in shown.stdout
    usage = subprocess.run([str(socle), "shacl"], capture_output=True, text=True, timeout=60)
    assert usage.returncode == 2 and "required" in usage.stderr
    typer_verbs = subprocess.run([str(socle), "--help"], capture_output=True, text=True, timeout=60)
    assert typer_verbs.returncode == 0 and "validate" in typer_verbs.stdout and "shacl" in typer_verbs.stdout
