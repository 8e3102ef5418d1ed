"""The DCAT catalogue: every release a dataset, every artifact a distribution, DCAT-AP 3 conformant."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
import rdflib
from rdflib import namespace as ns

from registry.build.namespaces import CORE
from registry.catalog.releases import ReleaseCatalog
from registry.config import PROJECT_ROOT
from registry.publish.dcat import ADMS, ADMS_STATUS, SPDX, catalog_graph, media_type_iri, serialised_catalog
from registry.validate.engines import get_engine
from registry.validate.report import Severity
from tests.publish.history import ADMIN, ADOPTED, change_status, shared_history
from tests.publish.releasing_helpers import BACKENDS, fresh_catalog

BASE = "https://w3id.org/socle/"
SHAPES = PROJECT_ROOT / "shapes" / "external" / "dcat-ap-3-mandatory.ttl"


@pytest.fixture(scope="module")
def graph(catalog: ReleaseCatalog) -> rdflib.Graph:
    return catalog_graph(catalog, BASE)


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory, bundles: dict[str, Path]) -> ReleaseCatalog:
    """lighting in three versions, one deprecated (tests/publish/history.py)."""
    return shared_history(tmp_path_factory, bundles)


@pytest.fixture(scope="module")
def shapes() -> rdflib.Graph:
    return rdflib.Graph().parse(data=SHAPES.read_bytes(), format="turtle")


@pytest.mark.parametrize("engine", ["socle", "pyshacl"])
def test_the_catalogue_conforms_to_the_mandatory_dcat_ap_3_shapes(
    engine: str, graph: rdflib.Graph, shapes: rdflib.Graph
) -> None:
    chosen = get_engine(engine)
    results = chosen.validate(graph, chosen.compile(shapes))
    assert [r for r in results if r.severity is Severity.VIOLATION] == []


@pytest.mark.parametrize("engine", ["socle", "pyshacl"])
def test_a_catalogue_with_several_versions_and_statuses_conforms(
    engine: str, history: ReleaseCatalog, shapes: rdflib.Graph
) -> None:
    chosen = get_engine(engine)
    results = chosen.validate(catalog_graph(history, BASE), chosen.compile(shapes))
    assert [r for r in results if r.severity is Severity.VIOLATION] == []


def _instant(when: datetime) -> rdflib.Literal:
    text = when.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    return rdflib.Literal(text, datatype=ns.XSD.dateTime)


def test_each_version_is_issued_at_its_release_and_modified_at_its_last_status_change(
    history: ReleaseCatalog,
) -> None:
    graph = catalog_graph(history, BASE)
    statuses = {}
    for release in history.releases():
        dataset = rdflib.URIRef(f"{BASE}def/{release.domain}/{release.version}")
        changes = history.status_history(release.domain, release.version)
        assert release.created_at is not None
        assert list(graph.objects(dataset, ns.DCTERMS.issued)) == [_instant(release.created_at)]
        assert list(graph.objects(dataset, ns.DCTERMS.modified)) == [_instant(changes[-1].changed_at)]
        statuses[release.ref] = (graph.value(dataset, ADMS.status), str(graph.value(dataset, CORE.status)))
    assert statuses["lighting@1.0.0"] == (ADMS_STATUS.Deprecated, "deprecated")
    assert statuses["lighting@1.1.0"] == (ADMS_STATUS.UnderDevelopment, "candidate")
    assert statuses["lighting@2.0.0"] == (ADMS_STATUS.Completed, "standard")


@pytest.mark.parametrize("backend", BACKENDS)
def test_the_cache_follows_status_changes(backend: str, tmp_path: Path, bundles: dict[str, Path]) -> None:
    catalog, _ = fresh_catalog(backend, tmp_path / "data", bundles)
    before = serialised_catalog(catalog, BASE, "nt")
    change_status(catalog, "water", "1.0.0", "standard", actor=ADMIN, reason=ADOPTED)
    after = serialised_catalog(catalog, BASE, "nt")
    assert after != before
    dataset = rdflib.URIRef(f"{BASE}def/water/1.0.0")
    graph = rdflib.Graph().parse(data=after, format="nt")
    assert graph.value(dataset, ADMS.status) == ADMS_STATUS.Completed
    last = catalog.status_history("water", "1.0.0")[-1].changed_at
    assert graph.value(dataset, ns.DCTERMS.modified) == _instant(last)


@pytest.mark.parametrize("engine", ["socle", "pyshacl"])
def test_the_shapes_catch_what_dcat_ap_3_makes_mandatory(
    engine: str, graph: rdflib.Graph, shapes: rdflib.Graph
) -> None:
    broken = rdflib.Graph()
    for triple in graph:
        broken.add(triple)
    publisher = rdflib.URIRef(f"{BASE}catalog#publisher")
    broken.remove((publisher, ns.FOAF.name, None))
    dataset = rdflib.URIRef(f"{BASE}def/lighting/1.0.0")
    broken.remove((dataset, ns.DCTERMS.title, None))
    distribution = rdflib.URIRef(f"{dataset}#shapes.ttl")
    broken.remove((distribution, ns.DCAT.accessURL, None))
    catalog_iri = rdflib.URIRef(f"{BASE}catalog")
    broken.add((catalog_iri, ns.DCTERMS.publisher, rdflib.URIRef(f"{BASE}someone-else")))
    chosen = get_engine(engine)
    results = chosen.validate(broken, chosen.compile(shapes))
    focus = {(r.focus_node, r.constraint_component.rsplit("#", 1)[-1]) for r in results}
    assert (f"<{publisher}>", "MinCountConstraintComponent") in focus
    assert (f"<{dataset}>", "MinCountConstraintComponent") in focus
    assert (f"<{distribution}>", "MinCountConstraintComponent") in focus
    assert (f"<{catalog_iri}>", "MaxCountConstraintComponent") in focus
    assert (f"<{catalog_iri}>", "ClassConstraintComponent") in focus


def test_every_release_is_a_dataset_with_one_distribution_per_artifact(
    catalog: ReleaseCatalog, graph: rdflib.Graph
) -> None:
    catalog_iri = rdflib.URIRef(f"{BASE}catalog")
    for release in catalog.releases():
        dataset = rdflib.URIRef(f"{BASE}def/{release.domain}/{release.version}")
        assert (catalog_iri, ns.DCAT.dataset, dataset) in graph
        assert (dataset, ns.RDF.type, ns.DCAT.Dataset) in graph
        titles = {o.language for o in graph.objects(dataset, ns.DCTERMS.title)}  # type: ignore[attr-defined]
        assert titles == {"fr", "en"}
        assert {o.language for o in graph.objects(dataset, ns.DCTERMS.description)} == {"fr", "en"}  # type: ignore[attr-defined]
        assert str(graph.value(dataset, ns.DCTERMS.identifier)) == release.ref
        assert (
            str(graph.value(dataset, rdflib.URIRef("http://www.w3.org/ns/dcat#version"))) == release.version
        )
        assert graph.value(dataset, rdflib.URIRef("http://www.w3.org/ns/adms#status")) is not None
        publisher = graph.value(dataset, ns.DCTERMS.publisher)
        assert (publisher, ns.RDF.type, ns.FOAF.Agent) in graph and graph.value(publisher, ns.FOAF.name)
        assert graph.value(dataset, ns.DCTERMS.license) is not None
        distributions = set(graph.objects(dataset, ns.DCAT.distribution))
        assert len(distributions) == len(release.artifacts)
        for name, artifact in release.artifacts.items():
            distribution = rdflib.URIRef(f"{dataset}#{name}")
            assert distribution in distributions
            assert (distribution, ns.DCAT.accessURL, rdflib.URIRef(f"{dataset}/{name}")) in graph
            downloads = set(graph.objects(distribution, ns.DCAT.downloadURL))
            assert rdflib.URIRef(f"{BASE}artifacts/{artifact['sha256']}") in downloads
            assert graph.value(distribution, ns.DCAT.byteSize).toPython() == artifact["size"]  # type: ignore[union-attr]
            assert str(graph.value(distribution, ns.DCAT.mediaType)).startswith(
                "http://www.iana.org/assignments/media-types/"
            )
            checksum = graph.value(distribution, SPDX.checksum)
            assert str(graph.value(checksum, SPDX.checksumValue)) == artifact["sha256"]
            assert graph.value(checksum, SPDX.algorithm) == SPDX.checksumAlgorithm_sha256


def test_titles_come_from_the_vocabulary_header(graph: rdflib.Graph) -> None:
    dataset = rdflib.URIRef(f"{BASE}def/lighting/1.0.0")
    titles = {o.language: str(o) for o in graph.objects(dataset, ns.DCTERMS.title)}  # type: ignore[attr-defined]
    assert titles["fr"].startswith("Socle — éclairage public")
    assert titles["en"].startswith("Socle — public lighting")


def test_media_types_are_iana_iris() -> None:
    assert str(media_type_iri("text/turtle")) == "http://www.iana.org/assignments/media-types/text/turtle"
    assert str(media_type_iri("text/x-python")).endswith("/text/plain")


def test_serialisations_are_cached_per_catalogue_state_and_stable(catalog: ReleaseCatalog) -> None:
    first = serialised_catalog(catalog, BASE, "nt")
    assert serialised_catalog(catalog, BASE, "nt") is first
    other = serialised_catalog(catalog, "https://example.org/registry/", "nt")
    assert b"https://example.org/registry/catalog" in other and other != first
    assert b"_:" not in first
