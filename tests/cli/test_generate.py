"""The vendor kit: ``socle generate pydantic lighting@1.0.0`` writes models whose instances, dumped as
plain JSON or as JSON-LD with the published context, validate against that version."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from registry.catalog.releases import ReleaseCatalog
from registry.config import PROJECT_ROOT
from registry.ingest.model import IngestOptions, InputFile, InputFormat
from registry.ingest.records import record_iri
from registry.validate.dataset import check_dataset

SOCLE = PROJECT_ROOT / ".venv" / "bin" / "socle"


def _socle(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, SOCLE_DATA_DIR=str(data_dir))
    return subprocess.run(
        [str(SOCLE), *args], capture_output=True, text=True, env=env, cwd=PROJECT_ROOT, timeout=300
    )


@pytest.fixture(scope="module")
def models(tmp_path_factory: pytest.TempPathFactory) -> ModuleType:
    data_dir = tmp_path_factory.mktemp("kit-data")
    target = tmp_path_factory.mktemp("kit") / "lighting_models.py"
    done = _socle(data_dir, "generate", "pydantic", "lighting@1.0.0", "-o", str(target))
    assert done.returncode == 0, done.stderr
    spec = importlib.util.spec_from_file_location("lighting_models", target)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["lighting_models"] = module
    spec.loader.exec_module(module)
    return module


def _records(models: ModuleType) -> list[dict[str, object]]:
    cabinet = models.ControlCabinet(
        identifier="VND-AC-1", latitude=45.76, longitude=4.83, working_mode="automatic"
    )
    light = models.Streetlight(
        identifier="VND-SL-1",
        latitude=45.761,
        longitude=4.831,
        lamp_technology="led",
        nominal_power=35.5,
        color_temperature=2700,
        control_cabinet="VND-AC-1",
    )
    return [m.model_dump(mode="json", exclude_none=True) for m in (cabinet, light)]


def _check(body: bytes, fmt: InputFormat, catalog: ReleaseCatalog) -> None:
    report = check_dataset(
        [InputFile(body)], catalog.resolve("lighting@1.0.0"), options=IngestOptions(format=fmt)
    )
    assert report.conforms, [r.message("en") for r in report.results]


def test_plain_json_dump_validates(models: ModuleType, catalog: ReleaseCatalog) -> None:
    records = _records(models)
    assert {r["type"] for r in records} == {"ControlCabinet", "Streetlight"}
    _check(json.dumps(records).encode(), InputFormat.JSON, catalog)


def test_json_ld_with_the_published_context_validates(models: ModuleType, catalog: ReleaseCatalog) -> None:
    graph = [{"id": record_iri("urn:socle:data:", str(r["identifier"])), **r} for r in _records(models)]
    graph[1]["control_cabinet"] = graph[0]["id"]
    document = {"@context": "https://w3id.org/socle/def/lighting/1.0.0/context.jsonld", "@graph": graph}
    _check(json.dumps(document).encode(), InputFormat.JSONLD, catalog)


def test_unknown_version_is_exit_2(tmp_path: Path) -> None:
    done = _socle(tmp_path, "generate", "pydantic", "lighting@9.9.9")
    assert done.returncode == 2 and "9.9.9" in done.stderr and "Traceback" not in done.stderr
