"""``socle diff`` as a real process: a release against a release or a LinkML file, exit codes, JSON."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from registry.build.bundle import build_bundle
from registry.build.schema import DomainSchema
from registry.catalog.releases import open_catalog
from registry.config import PROJECT_ROOT, Settings

from .conftest import SHAPES, without_block, write_variant

SOCLE = PROJECT_ROOT / ".venv" / "bin" / "socle"


def _no_mercury(text: str) -> str:
    return without_block(text, "      mercury_vapour:\n", "      other:\n")


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A data directory holding lighting 1.1.0 and 2.0.0 (a value removed), and their YAML files."""
    root = tmp_path_factory.mktemp("diff")
    data_dir = root / "data"
    files = {"data": data_dir}
    catalog = open_catalog(Settings(data_dir=data_dir))
    for version in ("1.1.0", "2.0.0"):
        path = write_variant(root / version, _no_mercury, version)
        bundle = build_bundle(DomainSchema(path), SHAPES, root / "bundles")
        # recorded as they are, without the release's checks: diff must work on any two releases
        catalog.record(bundle, status="draft", actor="test", reason="a variant to compare")
        files[version] = path
    catalog.db.dispose()
    return files


def socle(data_dir: Path, *args: str | Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, SOCLE_DATA_DIR=str(data_dir))
    command = [str(SOCLE), "diff", *map(str, args)]
    return subprocess.run(command, capture_output=True, text=True, cwd=PROJECT_ROOT, env=env, timeout=300)


def test_too_small_bump_exits_1_and_names_the_value(setup: dict[str, Path]) -> None:
    by_ref = socle(setup["data"], "lighting@1.0.0", "lighting@1.1.0", "--lang", "en")
    assert by_ref.returncode == 1, by_ref.stderr
    assert "lighting:LampTechnology lost the value 'mercury_vapour'" in by_ref.stdout
    assert by_ref.stdout.startswith("lighting 1.0.0 → 1.1.0\n")
    assert by_ref.stdout.rstrip().splitlines()[-1].startswith("Verdict: Refused")
    by_file = socle(setup["data"], "lighting@1.0.0", setup["1.1.0"], "--lang", "en")
    assert by_file.returncode == 1
    assert by_file.stdout == by_ref.stdout


def test_major_bump_exits_0(setup: dict[str, Path]) -> None:
    done = socle(setup["data"], "lighting@1.0.0", "lighting@2.0.0")
    assert done.returncode == 0, done.stderr
    assert "« mercury_vapour »" in done.stdout
    assert "Verdict : Accepté" in done.stdout


def test_json_output(setup: dict[str, Path]) -> None:
    done = socle(setup["data"], "lighting@1.0.0", "lighting@1.1.0", "--format", "json", "--lang", "en")
    assert done.returncode == 1
    document = json.loads(done.stdout)
    assert document["acceptable"] is False
    assert (document["required"], document["declared"]) == ("major", "minor")
    [change] = document["changes"]
    assert change["kind"] == "enum-value-removed"
    assert change["element"] == "lighting:LampTechnology/mercury_vapour"
    assert change["level"] == "major" and "mercury_vapour" in change["message"]
    assert document["offending"] == document["changes"]


def test_same_module_exits_0(setup: dict[str, Path]) -> None:
    done = socle(setup["data"], "lighting@1.0.0", "vocab/lighting.yaml", "--lang", "en")
    assert done.returncode == 0, done.stderr
    assert "No change." in done.stdout


@pytest.mark.parametrize(
    ("old", "new", "words"),
    [
        ("lighting@9.9.9", "lighting@1.0.0", "no version 9.9.9"),
        ("lighting@1.0.0", "missing/lighting.yaml", "no such file"),
        ("lighting@1.0.0", "vocab/waste.yaml", "different modules"),
        ("nothing@1.0.0", "lighting@1.0.0", "no standard named"),
    ],
)
def test_bad_input_exits_2_in_one_line(setup: dict[str, Path], old: str, new: str, words: str) -> None:
    done = socle(setup["data"], old, new)
    assert done.returncode == 2
    assert done.stdout == ""
    assert "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert words in done.stderr
