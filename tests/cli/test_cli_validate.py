"""``socle validate`` as a real process: exit codes, the report in every output, bad input in one line."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
import rdflib

from registry.config import PROJECT_ROOT

SOCLE = PROJECT_ROOT / ".venv" / "bin" / "socle"
LIGHTING = PROJECT_ROOT / "examples" / "lighting"
VALID = sorted((LIGHTING / "valid").glob("*.ttl"))
TOO_HIGH = LIGHTING / "invalid" / "Streetlight-power-too-high.ttl"
SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One data directory for the module: the first command builds the bundles, the others reuse them."""
    return tmp_path_factory.mktemp("socle-data")


def socle(data_dir: Path, *args: str | Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, SOCLE_DATA_DIR=str(data_dir))
    command = [str(SOCLE), "validate", *map(str, args)]
    return subprocess.run(command, capture_output=True, text=True, cwd=PROJECT_ROOT, env=env, timeout=300)


def test_valid_examples_exit_0(data_dir: Path) -> None:
    assert VALID
    done = socle(data_dir, *VALID, "--domain", "lighting")
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    # the cold-light example is valid with a warning, and the warning is shown
    assert "valide" in done.stdout.splitlines()[0]
    assert "[Avertissement]" in done.stdout


def test_violation_exits_1_and_names_the_rule(data_dir: Path) -> None:
    done = socle(data_dir, TOO_HIGH, "--domain", "lighting@1.0.0")
    assert done.returncode == 1, done.stderr
    assert done.stdout.startswith("Le jeu de données n'est pas valide au standard lighting 1.0.0")
    assert "puissance nominale : 2500 dépasse le maximum autorisé (2000)." in done.stdout
    english = socle(data_dir, TOO_HIGH, "--domain", "lighting", "--lang", "en")
    assert english.returncode == 1
    assert "nominal power: 2500 is above the allowed maximum (2000)." in english.stdout


def test_json_output_parses(data_dir: Path) -> None:
    done = socle(data_dir, TOO_HIGH, "--domain", "lighting", "--output", "json", "--lang", "en")
    assert done.returncode == 1
    document = json.loads(done.stdout)
    assert document["valid"] is False and document["lang"] == "en"
    assert document["counts"]["Violation"] == 1
    assert document["checked_against"]["domain"] == "lighting"
    [result] = document["results"]
    assert result["constraint_component"]["name"] == "MaxInclusiveConstraintComponent"
    assert result["value_text"] == "2500"
    assert document["groups"][0]["results"] == [0]


def test_rdf_and_html_outputs(data_dir: Path) -> None:
    turtle = socle(data_dir, TOO_HIGH, "--domain", "lighting", "--output", "turtle")
    assert turtle.returncode == 1
    graph = rdflib.Graph().parse(data=turtle.stdout, format="turtle")
    [node] = graph.subjects(rdflib.RDF.type, SH.ValidationResult)
    assert {m.language for m in graph.objects(node, SH.resultMessage)} == {"fr", "en"}
    jsonld = socle(data_dir, TOO_HIGH, "--domain", "lighting", "--output", "jsonld")
    assert jsonld.returncode == 1
    json.loads(jsonld.stdout)
    html = socle(data_dir, TOO_HIGH, "--domain", "lighting", "--output", "html")
    assert html.returncode == 1
    assert '<div class="report" lang="fr">' in html.stdout


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["missing.ttl", "--domain", "lighting"], "missing.ttl: no such file"),
        ([TOO_HIGH, "--domain", "nowhere"], "no standard named 'nowhere'"),
        ([TOO_HIGH, "--domain", "lighting@9.9.9"], "lighting has no version 9.9.9"),
        ([LIGHTING, "--domain", "lighting"], "is a directory"),
    ],
)
def test_bad_input_exits_2_with_one_line(data_dir: Path, args: list[str | Path], expected: str) -> None:
    done = socle(data_dir, *args)
    assert done.returncode == 2
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("socle validate: ") and expected in lines[0]


def test_malformed_input_exits_2(data_dir: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is <not turtle")
    done = socle(data_dir, bad, "--domain", "lighting")
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1
    assert "Traceback" not in done.stderr


def test_no_progress_noise_when_stderr_is_not_a_terminal(data_dir: Path) -> None:
    done = socle(data_dir, TOO_HIGH, "--domain", "lighting")
    assert done.stderr == ""


def test_usage_error_exits_2(data_dir: Path) -> None:
    done = socle(data_dir, TOO_HIGH)  # --domain is required
    assert done.returncode == 2
