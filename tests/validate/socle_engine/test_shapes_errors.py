"""Ill-formed shapes graphs are refused with a ShapesError, never half-validated."""

from __future__ import annotations

import pytest

from registry.validate.socle_engine import ShapesError, SocleEngine, parse_graph

PREFIXES = """@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
"""


@pytest.mark.parametrize(
    "shapes",
    [
        "ex:S sh:targetNode ex:a ; sh:path ex:p, ex:q ; sh:minCount 1 .",
        'ex:S sh:targetNode ex:a ; sh:pattern "([a-" .',
        'ex:S sh:targetNode ex:a ; sh:pattern "a" ; sh:flags "g" .',
        "ex:S sh:targetNode ex:a ; sh:path [ sh:alternativePath ( ex:p ) ] .",
        'ex:S sh:targetNode ex:a ; sh:sparql [ sh:select "SELECT $this WHERE { MINUS { $this ex:p 1 } }" ] .',
        'ex:S sh:targetNode ex:a ; sh:sparql [ sh:select "SELECT $this WHERE { SERVICE <http://x> { } }" ] .',
        'ex:S sh:targetNode ex:a ; sh:sparql [ sh:select "SELECT $this FROM <http://x> WHERE { }" ] .',
    ],
)
def test_refused(shapes: str) -> None:
    engine = SocleEngine()
    with pytest.raises(ShapesError):
        engine.compile(parse_graph((PREFIXES + shapes).encode(), format="turtle"))


def test_the_same_blank_node_path_twice_is_one_path() -> None:
    text = PREFIXES + (
        "ex:S sh:targetNode ex:a ; sh:path [ sh:inversePath ex:p ], [ sh:inversePath ex:p ] ; sh:minCount 1 ."
    )
    engine = SocleEngine()
    shapes = engine.compile(parse_graph(text.encode(), format="turtle"))
    [result] = engine.validate(parse_graph(b"", format="turtle"), shapes)
    assert result.result_path == "^<http://example.org/p>"
