"""The pySHACL reference adapter."""

from __future__ import annotations

import rdflib

from registry.validate.pyshacl_engine import PyshaclEngine

SHAPES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
<urn:s> a sh:NodeShape ; sh:targetNode <urn:a> ; sh:property [ sh:path <urn:p> ; sh:maxCount 1 ] .
"""


def test_validation_leaves_literal_normalisation_off() -> None:
    engine = PyshaclEngine()
    data = rdflib.Graph().parse(data='<urn:a> <urn:p> "1", "2" .', format="turtle")
    results = engine.validate(data, engine.compile(rdflib.Graph().parse(data=SHAPES, format="turtle")))
    assert [r.constraint_component.rsplit("#", 1)[1] for r in results] == ["MaxCountConstraintComponent"]
    assert rdflib.NORMALIZE_LITERALS is False
    kept = rdflib.Graph().parse(
        data='<urn:a> <urn:p> "01"^^<http://www.w3.org/2001/XMLSchema#integer> .', format="turtle"
    )
    assert str(next(iter(kept.objects()))) == "01"
