"""The generated SHACL committed under shapes/ must be what the LinkML modules build today."""

from __future__ import annotations

import pytest
import rdflib
from rdflib.compare import graph_diff, to_isomorphic

from registry.build.bundle import committed_shapes_text
from registry.build.project import committed_shapes_path
from registry.build.schema import DomainSchema
from registry.config import PROJECT_ROOT
from tests.conftest import DOMAINS


@pytest.mark.parametrize("domain", DOMAINS)
def test_committed_shapes_match_the_linkml_module(
    domain: str, schemas: dict[str, DomainSchema]
) -> None:
    path = committed_shapes_path(PROJECT_ROOT / "shapes", domain)
    assert path.is_file(), f"{path} is missing: run `socle build {domain}` and commit it"
    committed = rdflib.Graph().parse(data=path.read_bytes(), format="turtle")
    fresh = rdflib.Graph().parse(data=committed_shapes_text(schemas[domain]), format="turtle")
    if to_isomorphic(committed) != to_isomorphic(fresh):
        _, only_committed, only_fresh = graph_diff(to_isomorphic(committed), to_isomorphic(fresh))
        pytest.fail(
            f"{path} drifted from vocab/{domain}.yaml: run `socle build {domain}`.\n"
            f"only in the committed file: {len(only_committed)} triples; only in a fresh build: "
            f"{len(only_fresh)} triples"
        )


def test_every_module_has_committed_shapes() -> None:
    assert DOMAINS, "no LinkML module found in vocab/"
    assert {"core", "lighting"} <= set(DOMAINS)
