"""``socle shacl`` as a real process: report, exit codes, bad input, pySHACL never imported."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from registry.validate.pyshacl_engine import results_from_report_graph
from registry.validate.socle_engine.rdf_io import parse_graph
from registry.validate.socle_engine.w3c import Case, cases

ROOT = Path(__file__).resolve().parents[3]
SUITE = (ROOT / ".." / "shared" / "shacl-tests").resolve()
CORE_CASES = list(cases(SUITE / "core")) if SUITE.exists() else []
# Each case is a whole process (~0.3 s); by default every 7th case runs, SOCLE_W3C_CLI=all runs 98.
SAMPLE = CORE_CASES if os.environ.get("SOCLE_W3C_CLI") == "all" else CORE_CASES[::7]

SHAPES = """@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:S a sh:NodeShape ; sh:targetClass ex:Light ;
  sh:property [ sh:path ex:code ; sh:pattern "^[0-9]{5}$" ; sh:datatype xsd:string ;
                sh:minCount 1 ] .
"""
GOOD = '<http://example.org/a> a <http://example.org/Light> ; <http://example.org/code> "75001" .'
BAD = '<http://example.org/a> a <http://example.org/Light> ; <http://example.org/code> "75001\\n" .'


def socle_shacl(
    *args: str | Path, block_pyshacl: Path | None = None, columns: bool = False
) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    if block_pyshacl is not None:
        env["PYTHONPATH"] = str(block_pyshacl)
    if columns:
        env["SOCLE_SHACL_COLUMNS_FROM"] = "0"  # the vectorised path, whatever the size
    command = [sys.executable, "-m", "registry.cli.main", "shacl", *map(str, args)]
    return subprocess.run(command, capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    out = {}
    for name, text in (("shapes.ttl", SHAPES), ("good.ttl", GOOD), ("bad.ttl", BAD)):
        out[name] = tmp_path / name
        out[name].write_text(text)
    return out


@pytest.fixture
def no_pyshacl(tmp_path: Path) -> Path:
    folder = tmp_path / "block"
    folder.mkdir()
    (folder / "sitecustomize.py").write_text("import sys\nsys.modules['pyshacl'] = None\n")
    return folder


def _results(report: str, format: str = "turtle") -> list[object]:
    graph = parse_graph(report.encode(), format=format)
    return list(results_from_report_graph(graph))


def test_conforming_data_exits_0(files: dict[str, Path]) -> None:
    done = socle_shacl(files["good.ttl"], "--shapes", files["shapes.ttl"])
    assert done.returncode == 0, done.stderr
    assert "sh:conforms true" in done.stdout
    assert _results(done.stdout) == []


def test_a_trailing_newline_does_not_match_dollar(files: dict[str, Path]) -> None:
    done = socle_shacl(files["bad.ttl"], "--shapes", files["shapes.ttl"], "--format", "json")
    assert done.returncode == 1, done.stderr
    assert isinstance(json.loads(done.stdout), list)
    [result] = _results(done.stdout, "json-ld")
    assert result.constraint_component.endswith("PatternConstraintComponent")  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("missing.ttl", "cannot read"),
        ("broken.ttl", "syntax error"),
        ("data.csv", "unknown RDF file extension"),
    ],
)
def test_bad_input_exits_2_with_one_line(
    files: dict[str, Path], tmp_path: Path, data: str, message: str
) -> None:
    (tmp_path / "broken.ttl").write_text("<a> <b")
    (tmp_path / "data.csv").write_text("a;b\n")
    done = socle_shacl(tmp_path / data, "--shapes", files["shapes.ttl"])
    assert done.returncode == 2
    assert message in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert "Traceback" not in done.stderr


def test_bad_shapes_exit_2(files: dict[str, Path], tmp_path: Path) -> None:
    shapes = tmp_path / "regex.ttl"
    shapes.write_text(SHAPES.replace("^[0-9]{5}$", "([a-"))
    done = socle_shacl(files["good.ttl"], "--shapes", shapes)
    assert done.returncode == 2
    assert "invalid sh:pattern" in done.stderr


def test_runs_with_pyshacl_unimportable(files: dict[str, Path], no_pyshacl: Path) -> None:
    done = socle_shacl(files["bad.ttl"], "--shapes", files["shapes.ttl"], block_pyshacl=no_pyshacl)
    assert done.returncode == 1, done.stderr
    assert len(_results(done.stdout)) == 1
    blocked = socle_shacl(
        files["bad.ttl"],
        "--shapes",
        files["shapes.ttl"],
        "--engine",
        "pyshacl",
        block_pyshacl=no_pyshacl,
    )
    assert blocked.returncode == 2  # proof that the block works: the reference cannot load
    assert "pySHACL is not installed" in blocked.stderr


def test_whole_suite_is_sampled() -> None:
    assert len(CORE_CASES) >= 98
    assert len(SAMPLE) >= 14


@pytest.mark.parametrize("case", [pytest.param(c, id=c.name) for c in SAMPLE])
def test_w3c_core_through_the_command(case: Case, no_pyshacl: Path) -> None:
    done = socle_shacl(case.data, "--shapes", case.shapes, block_pyshacl=no_pyshacl)
    if case.expect_failure:
        assert done.returncode == 2
        return
    assert done.returncode == (0 if case.conforms else 1), done.stderr
    graph = parse_graph(done.stdout.encode(), format="turtle")
    ours = Counter(
        (_loose(r.focus_node), r.result_path, r.constraint_component)
        for r in results_from_report_graph(graph)
    )
    expected = Counter((_loose(f), p, c) for f, p, c in case.results)
    assert ours == expected


def _loose(focus: str) -> str:
    """Blank nodes from another process cannot be matched by label: compared as any blank node."""
    return "_:" if focus.startswith("_:") else focus


@pytest.mark.parametrize("case", [pytest.param(c, id=c.name) for c in CORE_CASES[3::11]])
def test_w3c_core_through_the_command_vectorised(case: Case, no_pyshacl: Path) -> None:
    done = socle_shacl(case.data, "--shapes", case.shapes, block_pyshacl=no_pyshacl, columns=True)
    if case.expect_failure:
        assert done.returncode == 2
        return
    assert done.returncode == (0 if case.conforms else 1), done.stderr
    graph = parse_graph(done.stdout.encode(), format="turtle")
    ours = Counter(
        (_loose(r.focus_node), r.result_path, r.constraint_component)
        for r in results_from_report_graph(graph)
    )
    assert ours == Counter((_loose(f), p, c) for f, p, c in case.results)


def test_small_inputs_do_not_import_polars(files: dict[str, Path], tmp_path: Path) -> None:
    block = tmp_path / "block-polars"
    block.mkdir()
    (block / "sitecustomize.py").write_text("import sys\nsys.modules['polars'] = None\n")
    done = socle_shacl(files["bad.ttl"], "--shapes", files["shapes.ttl"], block_pyshacl=block)
    assert done.returncode == 1, done.stderr
    assert len(_results(done.stdout)) == 1
    forced = socle_shacl(files["bad.ttl"], "--shapes", files["shapes.ttl"], block_pyshacl=block, columns=True)
    assert forced.returncode != 0 and "polars" in forced.stderr  # the block works
