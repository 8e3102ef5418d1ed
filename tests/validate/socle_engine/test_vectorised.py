"""The vectorised path gives exactly the node-by-node path's results (W3C suite, generated data)."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest

from registry.build.schema import DomainSchema
from registry.validate.report import ValidationResult
from registry.validate.socle_engine import SocleEngine, parse_graph
from registry.validate.socle_engine.columns import ColumnData
from registry.validate.socle_engine.w3c import Case, cases, check

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from differential_data import Generator, catalogue_ntriples, dataset_ntriples  # noqa: E402

SUITE = HERE.parents[2].parent / "shared" / "shacl-tests"
CASES = [*cases(SUITE / "core"), *cases(SUITE / "sparql")] if SUITE.exists() else []


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_w3c_through_columns(case: Case) -> None:
    assert check(case, columns=True) is None


def _same(data: bytes, shapes_text: bytes) -> list[ValidationResult]:
    engine = SocleEngine()
    shapes = engine.compile(parse_graph(shapes_text, format="turtle"))
    graph = parse_graph(data, format="ntriples")
    nodes = engine.validate_nodes(graph, shapes)
    from_graph = engine.validate_columns(ColumnData.from_triples(graph), shapes)
    from_bytes = engine.validate_columns(ColumnData.from_bytes(data, format="ntriples"), shapes)
    assert Counter(from_graph) == Counter(nodes)
    # parsed straight from bytes, blank nodes get their own labels: compare the rest
    assert Counter(r for r in from_bytes if "_:" not in repr(r)) == Counter(
        r for r in nodes if "_:" not in repr(r)
    )
    return nodes


@pytest.mark.parametrize("domain", ["lighting", "water", "waste", "mobility"])
def test_generated_domain_data(
    domain: str, schemas: dict[str, DomainSchema], bundles: dict[str, Path]
) -> None:
    shapes = (bundles[domain] / "shapes.ttl").read_bytes()
    for seed in range(2):
        records = Generator(schemas[domain], domain, seed).records(10)
        assert _same(dataset_ntriples(schemas[domain], records), shapes)


@pytest.mark.parametrize("seed", range(6))
def test_generated_catalogue(seed: int) -> None:
    shapes = (HERE.parent / "data" / "dcat-lite-shapes.ttl").read_bytes()
    assert _same(catalogue_ntriples(seed), shapes)


def test_benchmark_shapes_and_data(tmp_path: Path) -> None:
    bench = HERE.parents[2] / "bench"
    sys.path.insert(0, str(bench))
    from streetlights import generate

    generate(300, tmp_path / "lights.nt", error_rate=0.2)
    assert _same((tmp_path / "lights.nt").read_bytes(), (bench / "streetlights-shapes.ttl").read_bytes())


@pytest.mark.parametrize(
    "pattern",
    [
        "^EP-[0-9]{7}$",
        "^[0-9]{5}$",
        "^[A-Za-z0-9][A-Za-z0-9._:/-]{0,99}$",
        "(Z|[+-][0-9]{2}:[0-9]{2})$",
        "a.b",
    ],
)
def test_rust_regex_accepts_what_python_accepts(pattern: str) -> None:
    import polars as pl

    from registry.validate.socle_engine.regex import compile_xpath
    from registry.validate.socle_engine.vectorised import rust_regex

    python = compile_xpath(pattern, "")
    rust = rust_regex(python.pattern, "")
    assert rust is not None
    samples = [
        *("EP-0000001", "EP-0000001\n", "75001", "75001\n", "7500", "é75001", "a\nb", "a\rb", "aéb"),
        *("2024-01-01T00:00:00Z", "2024-01-01T00:00:00+01:00\n", "x" * 101, "A.b", "", "a b"),
    ]
    ours = pl.Series(samples).str.contains(rust).to_list()
    assert ours == [python.search(s) is not None for s in samples]


def test_large_graphs_take_the_vectorised_path(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from registry.validate.socle_engine import engine as engine_module

    bench = HERE.parents[2] / "bench"
    sys.path.insert(0, str(bench))
    from streetlights import generate

    generate(200, tmp_path / "lights.nt", error_rate=0.3)
    socle = SocleEngine()
    shapes = socle.compile(parse_graph((bench / "streetlights-shapes.ttl").read_bytes(), format="turtle"))
    graph = parse_graph((tmp_path / "lights.nt").read_bytes(), format="ntriples")
    used: list[str] = []
    original = SocleEngine.validate_columns

    def spy(self: SocleEngine, data: ColumnData, compiled: object) -> list[ValidationResult]:
        used.append("columns")
        return original(self, data, compiled)  # type: ignore[arg-type]

    monkeypatch.setattr(engine_module, "COLUMNS_FROM_TRIPLES", 1)
    monkeypatch.setattr(SocleEngine, "validate_columns", spy)
    assert Counter(socle.validate(graph, shapes)) == Counter(socle.validate_nodes(graph, shapes))
    assert used == ["columns"]


def test_shapes_are_compiled_once_per_digest() -> None:
    text = (HERE.parents[2] / "bench" / "streetlights-shapes.ttl").read_bytes()
    graph = parse_graph(text, format="turtle")
    first = SocleEngine().compile(graph)
    assert SocleEngine().compile(graph) is first  # another engine, the same process: cached
    other = parse_graph(text + b"\n<urn:x> <urn:y> <urn:z> .\n", format="turtle")
    assert SocleEngine().compile(other).digest != first.digest
