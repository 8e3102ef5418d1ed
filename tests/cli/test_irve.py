"""A file published under the French IRVE schema (v2.3, the official examples), unchanged, validates
against mobility with exit 0; with a broken ``id_pdc_itinerance`` it exits 1, and the report names that
column and the row as the file shows it."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
from pathlib import Path

import pytest

from registry.config import PROJECT_ROOT

SOCLE = PROJECT_ROOT / ".venv" / "bin" / "socle"
IRVE = PROJECT_ROOT / "examples" / "mobility" / "irve"


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("irve-data")


def socle(data_dir: Path, *args: str | Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, SOCLE_DATA_DIR=str(data_dir))
    command = [str(SOCLE), "validate", *map(str, args)]
    return subprocess.run(command, capture_output=True, text=True, cwd=PROJECT_ROOT, env=env, timeout=300)


@pytest.mark.parametrize(
    ("name", "cls"),
    [
        ("exemple-valide-statique.csv", "ChargingPoint"),
        ("exemple-valide-dynamique.csv", "ChargingPointStatus"),
    ],
)
def test_official_irve_files_validate_unchanged(data_dir: Path, name: str, cls: str) -> None:
    done = socle(data_dir, IRVE / name, "--domain", "mobility", "--class", cls)
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_broken_point_identifier_exits_1_naming_the_column_and_row(data_dir: Path) -> None:
    broken = IRVE / "exemple-statique-id-pdc-invalide.csv"
    done = socle(data_dir, broken, "--domain", "mobility", "--class", "ChargingPoint", "--output", "json")
    assert done.returncode == 1, done.stderr
    report = json.loads(done.stdout)
    violations = [r for r in report["results"] if r["severity"] == "Violation"]
    assert len(violations) == 1
    location = violations[0]["location"]
    assert location["column_name"] == "id_pdc_itinerance"
    rows = list(csv.reader(io.StringIO(broken.read_text(encoding="utf-8-sig")), delimiter=","))
    header = rows[0]
    column = header.index("id_pdc_itinerance")
    broken_row = next(i for i, row in enumerate(rows, start=1) if i > 1 and "-" in row[column])
    assert location["row"] == broken_row
    text = socle(data_dir, broken, "--domain", "mobility", "--class", "ChargingPoint")
    assert "id_pdc_itinerance" in text.stdout
