"""Every example, in every derived format, ingests to the graph of its Turtle twin; the hand-made files
ingest and give exactly their sidecar's results under pySHACL, located in the producer's terms."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import rdflib
import yaml

from registry.build.examples import iter_cases, resolve_expected
from registry.build.schema import DomainSchema
from registry.config import PROJECT_ROOT
from registry.ingest.model import Ingested
from registry.ingest.values import boolean_text
from registry.validate.pyshacl_engine import PyshaclEngine
from tests.ingest.helpers import by_value, read, same_graph

EXAMPLES = PROJECT_ROOT / "examples"
CASES = list(iter_cases(EXAMPLES))
DERIVED = [
    (case, suffix)
    for case in CASES
    for suffix in (".json", ".jsonld", ".csv", ".geojson")
    if case.derived_path(suffix).exists()
]
SIDECARS = sorted(EXAMPLES.glob("*/**/*.expected.yaml"))
BOOLEAN = rdflib.URIRef("http://www.w3.org/2001/XMLSchema#boolean")


def _as_tables_read_booleans(graph: rdflib.Graph) -> rdflib.Graph:
    """Tables read French booleans (oui/non, vrai/faux, 1/0): a JSON "oui" is not a boolean, a cell is."""
    out = rdflib.Graph()
    for s, p, o in graph:
        if isinstance(o, rdflib.Literal) and o.datatype == BOOLEAN:
            o = rdflib.Literal(boolean_text(str(o)), datatype=BOOLEAN, normalize=False)
        out.add((s, p, o))
    return out


def _id(item: tuple[object, str]) -> str:
    case, suffix = item
    return f"{case.domain}/{case.source.parent.name}/{case.stem}{suffix}"  # type: ignore[attr-defined]


def test_derived_files_are_found() -> None:
    suffixes = Counter(suffix for _, suffix in DERIVED)
    assert all(suffixes[s] > 0 for s in (".json", ".jsonld", ".csv", ".geojson")), suffixes
    assert {case.domain for case, _ in DERIVED} >= {"lighting", "mobility", "waste", "water"}


@pytest.mark.parametrize("item", DERIVED, ids=[_id(i) for i in DERIVED])
def test_derived_format_gives_the_turtle_twins_graph(
    item: tuple[object, str], schemas: dict[str, DomainSchema]
) -> None:
    case, suffix = item
    schema = schemas[case.domain]  # type: ignore[attr-defined]
    path: Path = case.derived_path(suffix)  # type: ignore[attr-defined]
    options = {"class_name": case.main_class} if suffix == ".csv" else {}  # type: ignore[attr-defined]
    got = read(path.read_bytes(), schema, name=path.name, **options).graph
    twin = case.derived_path(".ttl")  # type: ignore[attr-defined]
    expected = read(twin.read_bytes(), schema, name=twin.name).graph
    if suffix == ".csv":
        expected = _as_tables_read_booleans(expected)
    assert same_graph(got, expected), sorted(set(by_value(got)) ^ set(by_value(expected)))


def test_turtle_twin_read_by_ingest_is_rdflibs_graph(schemas: dict[str, DomainSchema]) -> None:
    for case in CASES[:5]:
        twin = case.derived_path(".ttl")
        ours = read(twin.read_bytes(), schemas[case.domain], name=twin.name).graph
        theirs = rdflib.Graph().parse(data=twin.read_bytes(), format="turtle")
        assert same_graph(ours, theirs)


# --- hand-made files ------------------------------------------------------------------------------


def _data_file(sidecar: Path) -> Path:
    stem = sidecar.name.removesuffix(".expected.yaml")
    (found,) = [p for p in sidecar.parent.glob(f"{stem}.*") if p.suffix != ".yaml"]
    return found


def _ingest_sidecar(sidecar: Path, schemas: dict[str, DomainSchema]) -> tuple[dict[str, object], Ingested]:
    meta = yaml.safe_load(sidecar.read_text(encoding="utf-8"))
    domain = sidecar.relative_to(EXAMPLES).parts[0]
    data = _data_file(sidecar)
    ingested = read(data.read_bytes(), schemas[domain], name=data.name, class_name=meta.get("class"))
    return meta, ingested


def test_hand_made_files_are_found() -> None:
    names = {p.name for p in SIDECARS}
    assert "export-villeurbanne-eclairage.expected.yaml" in names
    assert {n for n in names if n.startswith("exemple-")}, "the official IRVE files are missing"
    assert any(n.startswith("ParkingSite") for n in names)


@pytest.mark.parametrize("sidecar", SIDECARS, ids=lambda p: str(p.relative_to(EXAMPLES)))
def test_hand_made_file_gives_its_sidecars_results(
    sidecar: Path, schemas: dict[str, DomainSchema], shapes_graphs: dict[str, rdflib.Graph]
) -> None:
    domain = sidecar.relative_to(EXAMPLES).parts[0]
    meta, ingested = _ingest_sidecar(sidecar, schemas)
    engine = PyshaclEngine()
    found = engine.validate(ingested.graph, engine.compile(shapes_graphs[domain])) + ingested.results
    got = Counter((r.focus_node, r.result_path, r.constraint_component, r.severity.value) for r in found)
    expected = Counter(
        (e.focus_node, e.result_path, e.constraint_component, e.severity)
        for e in (resolve_expected(schemas[domain], item, "urn:socle:data:") for item in meta["expected"])  # type: ignore[attr-defined]
    )
    assert got == expected
    assert not [n for n in ingested.notices if n.code == "unknown-columns"], ingested.notices


def test_broken_irve_identifier_is_located_at_its_column_and_row(
    schemas: dict[str, DomainSchema], shapes_graphs: dict[str, rdflib.Graph]
) -> None:
    sidecar = EXAMPLES / "mobility/irve/exemple-statique-id-pdc-invalide.expected.yaml"
    _, ingested = _ingest_sidecar(sidecar, schemas)
    engine = PyshaclEngine()
    (result,) = engine.validate(ingested.graph, engine.compile(shapes_graphs["mobility"]))
    where = ingested.source_map.locate(result)
    assert where is not None
    assert (where.file, where.row, where.column_name) == (
        "exemple-statique-id-pdc-invalide.csv",
        2,
        "id_pdc_itinerance",
    )
    lines = _data_file(sidecar).read_text(encoding="utf-8").splitlines()
    assert "FRA68-E-680210015" in lines[where.row - 1]


def test_irve_static_file_gives_one_station_per_identifier(schemas: dict[str, DomainSchema]) -> None:
    path = EXAMPLES / "mobility/irve/exemple-valide-statique.csv"
    graph = read(path.read_bytes(), schemas["mobility"], name=path.name).graph
    station = rdflib.URIRef("https://w3id.org/socle/def/mobility/ChargingStation")
    stations = set(graph.subjects(rdflib.RDF.type, station))
    assert {str(s) for s in stations} == {
        "urn:socle:data:FRA68P68021001",
        "urn:socle:data:ESZUNP395912133460086982",
    }
    core = "https://w3id.org/socle/def/core/"
    s = rdflib.URIRef("urn:socle:data:FRA68P68021001")
    assert str(graph.value(s, rdflib.URIRef(core + "longitude"))) == "7.48710500"
    assert str(graph.value(s, rdflib.URIRef(core + "latitude"))) == "48.345345"
