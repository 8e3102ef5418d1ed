"""``socle publish`` as a real process: the verdict and the checks printed, exit 0 published (or a
publishable dry run), 1 refused, 2 bad input, never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from registry.catalog.audit import audit_entries
from registry.catalog.releases import open_catalog
from registry.config import PROJECT_ROOT, Settings
from tests.conftest import seeded_data_dir
from tests.publish.releasing_helpers import adds_optional_slot, removes_mercury_vapour, variant

SOCLE = PROJECT_ROOT / ".venv" / "bin" / "socle"


def _socle(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, SOCLE_DATA_DIR=str(data_dir))
    return subprocess.run(
        [str(SOCLE), "publish", *args], capture_output=True, text=True, env=env, cwd=PROJECT_ROOT, timeout=300
    )


def test_a_removed_value_is_refused_as_minor_and_published_as_major(
    tmp_path: Path, bundles: dict[str, Path]
) -> None:
    data_dir = seeded_data_dir(tmp_path / "data", bundles)
    minor = variant(tmp_path / "minor", "1.1.0", removes_mercury_vapour)

    dry = _socle(data_dir, str(minor), "--dry-run", "--lang", "en")
    assert dry.returncode == 1, dry.stderr
    assert "lost the value 'mercury_vapour'" in dry.stdout
    assert "Dry run: lighting 1.1.0 would be refused." in dry.stdout
    assert "Declare version 2.0.0 or higher" in dry.stdout

    refused = _socle(data_dir, str(minor))  # French by default
    assert refused.returncode == 1, refused.stderr
    assert "perd la valeur « mercury_vapour »" in refused.stdout
    assert "Refusé : lighting 1.1.0 n'est pas publié." in refused.stdout

    major = variant(tmp_path / "major", "2.0.0", removes_mercury_vapour)
    done = _socle(data_dir, str(major), "--actor", "alice", "--format", "json")
    assert done.returncode == 0, done.stderr
    outcome = json.loads(done.stdout)
    assert (outcome["domain"], outcome["version"], outcome["status"]) == ("lighting", "2.0.0", "candidate")
    assert outcome["published"] is True and outcome["failures"] == []
    assert outcome["verdict"]["required"] == "major" and outcome["verdict"]["acceptable"] is True
    assert outcome["imports"] == {"core": "1.0.0"}

    again = _socle(data_dir, str(major))
    assert again.returncode == 1
    assert again.stderr.strip() == (
        "socle publish: lighting 2.0.0 is already published. "
        "A published version never changes: declare a higher version in the module."
    )

    catalog = open_catalog(Settings(data_dir=data_dir))
    assert [r.version for r in catalog.releases("lighting")] == ["1.0.0", "2.0.0"]
    entries = audit_entries(catalog.db, action="release.publish")
    assert [(e.actor, e.target) for e in entries if e.actor != "bootstrap"] == [("alice", "lighting@2.0.0")]


def test_a_publishable_dry_run_exits_0_and_records_nothing(tmp_path: Path, bundles: dict[str, Path]) -> None:
    data_dir = seeded_data_dir(tmp_path / "data", bundles)
    module = variant(tmp_path / "v", "1.1.0", adds_optional_slot)
    done = _socle(data_dir, str(module), "--dry-run", "--lang", "en")
    assert done.returncode == 0, done.stderr
    assert "new optional slot" in done.stdout
    assert "Checks: all passed." in done.stdout
    assert "Dry run: lighting 1.1.0 would be published (candidate)." in done.stdout
    assert open_catalog(Settings(data_dir=data_dir)).find("lighting", "1.1.0") is None


def test_an_unpublished_core_beside_the_module_is_refused(tmp_path: Path, bundles: dict[str, Path]) -> None:
    data_dir = seeded_data_dir(tmp_path / "data", bundles)
    module = variant(tmp_path / "v", "1.1.0", adds_optional_slot)
    core = module.parent / "core.yaml"
    core.write_text(core.read_text("utf-8").replace("version: 1.0.0", "version: 1.2.0", 1), "utf-8")
    done = _socle(data_dir, str(module), "--lang", "en")
    assert done.returncode == 1, done.stderr
    assert "imports core 1.2.0 (the core.yaml beside it), which is not published" in done.stdout
    assert "Traceback" not in done.stdout + done.stderr


def test_bad_input_exits_2_with_one_line(tmp_path: Path, bundles: dict[str, Path]) -> None:
    data_dir = seeded_data_dir(tmp_path / "data", bundles)
    broken = tmp_path / "broken.yaml"
    broken.write_text("name: lighting\nversion: [1\n", "utf-8")
    module = variant(tmp_path / "v", "1.1.0", adds_optional_slot)
    cases = [
        ([str(tmp_path / "missing.yaml")], "missing.yaml: no such file"),
        ([str(broken)], "the module is not valid YAML (line 3)"),
        ([str(module), "--examples", str(tmp_path / "nowhere")], "nowhere: no such directory"),
    ]
    for args, needle in cases:
        done = _socle(data_dir, *args)
        assert done.returncode == 2, (args, done.stdout, done.stderr)
        assert done.stdout == ""
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("socle publish: ") and needle in lines[0], done.stderr
