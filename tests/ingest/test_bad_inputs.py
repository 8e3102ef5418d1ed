"""Each bad input gets its own error type, HTTP status and a message that says what to fix and where,
never a parser's raw exception; nothing crashes."""

from __future__ import annotations

import contextlib
import json

import pytest

from registry.build.schema import DomainSchema
from registry.errors import InputError, InputTooLargeError, UnsafeInputError, UnsupportedFormatError
from registry.ingest.limits import MAX_DEPTH, MAX_VALUE_CHARS
from tests.ingest.helpers import read

OWN_CONTEXT = "https://w3id.org/socle/def/lighting/1.0.0/context.jsonld"
RECORD = {"type": "Streetlight", "identifier": "VLB-EP-000001", "latitude": 45.77, "longitude": 4.88}

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/">
  <rdf:Description rdf:about="http://example.org/a"><ex:p>&lol2;</ex:p></rdf:Description>
</rdf:RDF>"""
EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/hostname">]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/">
  <rdf:Description rdf:about="http://example.org/a"><ex:p>&x;</ex:p></rdf:Description>
</rdf:RDF>"""


def _jsonld(context: object, **extra: object) -> str:
    return json.dumps({"@context": context, "@id": "urn:socle:data:X", **extra})


# (id, data, file name, options, error type, status, words the message must contain)
CASES: list[tuple[str, bytes | str, str | None, dict[str, object], type[Exception], int, list[str]]] = [
    ("empty file", b"", "lights.csv", {}, InputError, 422, ["empty"]),
    ("only white space", b"  \r\n\xef\xbb\xbf\n", "lights.json", {}, InputError, 422, ["empty"]),
    ("old Excel", b"\xd0\xcf\x11\xe0", "lights.xls", {}, UnsupportedFormatError, 415, [".xls", ".xlsx"]),
    ("a PDF", b"%PDF-1.7", "report.pdf", {}, UnsupportedFormatError, 415, [".pdf"]),
    ("binary, no name", b"\x00\x01\x02\x03binary", None, {}, UnsupportedFormatError, 415, ["binary"]),
    ("unknown format=", b"a;b\n1;2\n", None, {"format": "parquet"}, UnsupportedFormatError, 415, ["parquet"]),
    (
        "Turtle syntax",
        "@prefix ex: <http://example.org/> .\n\nex:a ex:b zzz .\n",
        "data.ttl",
        {},
        InputError,
        422,
        ["Turtle syntax error", "line 3", "column"],
    ),
    (
        "Turtle unterminated string",
        '@prefix ex: <http://example.org/> .\nex:a ex:b "never closed .\n',
        "data.ttl",
        {},
        InputError,
        422,
        ["Turtle syntax error", "line 2"],
    ),
    (
        "N-Triples syntax",
        "<http://a> <http://b> .\n",
        "data.nt",
        {},
        InputError,
        422,
        ["N-Triples", "line 1"],
    ),
    ("JSON syntax", '[{"identifier": "A",}]', "data.json", {}, InputError, 422, ["line 1, column", "JSON"]),
    ("JSON NaN", '[{"type": "Streetlight", "nominal_power": NaN}]', "d.json", {}, InputError, 422, ["NaN"]),
    ("JSON scalar", "42", "data.json", {}, InputError, 422, ["not records"]),
    ("JSON-LD syntax", '{"@context": {}, "@id": ', "data.jsonld", {}, InputError, 422, ["line 1", "JSON-LD"]),
    (
        "JSON-LD remote context",
        _jsonld("http://127.0.0.1:9/context.jsonld"),
        "data.jsonld",
        {},
        UnsafeInputError,
        422,
        ["@context", "never loads"],
    ),
    (
        "JSON-LD file: context",
        _jsonld("file:///etc/hostname"),
        "data.jsonld",
        {},
        UnsafeInputError,
        422,
        ["file:///etc/hostname"],
    ),
    (
        "JSON-LD relative context",
        _jsonld("context.jsonld"),
        "data.jsonld",
        {},
        UnsafeInputError,
        422,
        ["@context"],
    ),
    (
        "JSON-LD @import",
        _jsonld({"@version": 1.1, "@import": "http://127.0.0.1:9/c.jsonld"}),
        "data.jsonld",
        {},
        UnsafeInputError,
        422,
        ["@import"],
    ),
    (
        "JSON-LD scoped remote context",
        _jsonld({"p": {"@id": "http://e/p", "@context": "http://127.0.0.1:9/s"}}),
        "data.jsonld",
        {},
        UnsafeInputError,
        422,
        ["@context"],
    ),
    (
        "JSON-LD context of another version",
        _jsonld("https://w3id.org/socle/def/lighting/0.9.0/context.jsonld"),
        "data.jsonld",
        {},
        UnsafeInputError,
        422,
        ["0.9.0"],
    ),
    ("RDF/XML entities", BILLION_LAUGHS, "data.rdf", {}, UnsafeInputError, 422, ["DOCTYPE"]),
    ("RDF/XML external entity", EXTERNAL_ENTITY, "data.rdf", {}, UnsafeInputError, 422, ["ENTITY"]),
    ("deep JSON", "[" * 5000 + "]" * 5000, "data.json", {}, UnsafeInputError, 422, ["nested 5000"]),
    (
        "deep JSON-LD",
        '{"@context": {}, "http://e/p": ' * 5000 + "1" + "}" * 5000,
        "data.jsonld",
        {},
        UnsafeInputError,
        422,
        [f"at most {MAX_DEPTH}"],
    ),
    (
        "deep GeoJSON",
        '{"type": "FeatureCollection", "features": ' + "[" * 3000 + "]" * 3000 + "}",
        "data.geojson",
        {},
        UnsafeInputError,
        422,
        ["nested"],
    ),
    (
        "JSON not UTF-8",
        b'[{"type": "Streetlight", "name": "r\xe9verb\xe8re"}]',
        "data.json",
        {},
        InputError,
        422,
        ["byte 0xE9 at offset 35", "UTF-8"],
    ),
    (
        "CSV neither UTF-8 nor Windows-1252",
        b"identifier;name\nA;\x81\x8d\n",
        "data.csv",
        {"class_name": "Streetlight"},
        InputError,
        422,
        ["0x81", "neither UTF-8 nor Windows-1252"],
    ),
    ("CSV with NUL", b"identifier\x00;name\nA;b\n", "data.csv", {}, InputError, 422, ["0x00", "NUL"]),
    (
        "CSV ragged row",
        "identifier;latitude;longitude\nA;45,1;4,8\nB;45,2\n",
        "data.csv",
        {"class_name": "Streetlight"},
        InputError,
        422,
        ["row 3 has 2 cells", "3 columns"],
    ),
    (
        "CSV duplicate headers",
        "identifier;latitude;Identifier\nA;45,1;B\n",
        "data.csv",
        {"class_name": "Streetlight"},
        InputError,
        422,
        ["columns 1 ('identifier') and 3 ('Identifier')"],
    ),
    (
        "CSV unterminated quote",
        'identifier;name\nA;"never closed\nB;ok\nC;ok\n',
        "data.csv",
        {"class_name": "Streetlight"},
        InputError,
        422,
        ["line", "row 2", "never closed"],
    ),
    (
        "CSV field over the limit",
        "identifier;name\nA;" + "x" * (MAX_VALUE_CHARS + 10) + "\n",
        "data.csv",
        {"class_name": "Streetlight"},
        InputTooLargeError,
        413,
        [f"{MAX_VALUE_CHARS:,}"],
    ),
    (
        "Turtle literal over the limit",
        '<http://e/a> <http://e/p> "' + "x" * (MAX_VALUE_CHARS + 10) + '" .\n',
        "data.ttl",
        {},
        InputTooLargeError,
        413,
        ["literal", f"{MAX_VALUE_CHARS:,}"],
    ),
    (
        "JSON value over the limit",
        json.dumps([{**RECORD, "name": "x" * (MAX_VALUE_CHARS + 10)}]),
        "data.json",
        {},
        InputTooLargeError,
        413,
        ["/0/name"],
    ),
    (
        "header only",
        "identifier;latitude\n",
        "data.csv",
        {"class_name": "Streetlight"},
        InputError,
        422,
        ["no data row"],
    ),
    ("broken .xlsx", b"PK\x03\x04garbage", "data.xlsx", {}, InputError, 422, [".xlsx"]),
    ("spreadsheet named .csv", b"PK\x03\x04garbage", "data.csv", {}, InputError, 422, ["spreadsheet"]),
    (
        "unknown class=",
        "identifier\nA\n",
        "data.csv",
        {"class_name": "Lamppost"},
        InputError,
        422,
        ["Lamppost", "Streetlight"],
    ),
    (
        "class cannot be inferred",
        "identifier;latitude;longitude\nA;45;4\n",
        "data.csv",
        {},
        InputError,
        422,
        ["class="],
    ),
    (
        "JSON record of an unknown type",
        json.dumps([{**RECORD, "type": "Lamppost"}]),
        "data.json",
        {},
        InputError,
        422,
        ["/0", "Lamppost"],
    ),
    (
        "GeoJSON line",
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [{"type": "Feature", "geometry": {"type": "LineString", "coordinates": []}}],
            }
        ),
        "data.geojson",
        {},
        InputError,
        422,
        ["/features/0", "LineString", "Point"],
    ),
]


@pytest.mark.parametrize(
    ("data", "name", "options", "error", "status", "words"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_bad_input_gets_a_clear_error(
    data: bytes | str,
    name: str | None,
    options: dict[str, object],
    error: type[Exception],
    status: int,
    words: list[str],
    schemas: dict[str, DomainSchema],
) -> None:
    if isinstance(options.get("format"), str):
        from registry.ingest.formats import parse_format_name

        with pytest.raises(error) as caught:
            parse_format_name(str(options["format"]))
    else:
        with pytest.raises(error) as caught:
            read(data, schemas["lighting"], name=name, **options)
    raised = caught.value
    assert type(raised) is error
    assert isinstance(raised, InputError)
    assert raised.status == status
    said = f"{raised.detail} {raised.hint or ''}"
    for word in words:
        assert word in said, said
    assert len(raised.detail) < 400, "a message must not echo the input at length"
    assert raised.hint is None or len(raised.hint) < 300


def test_syntax_errors_carry_line_and_column(schemas: dict[str, DomainSchema]) -> None:
    with pytest.raises(InputError) as caught:
        read('[\n  {"identifier": "A"\n  "latitude": 45}\n]', schemas["lighting"], name="d.json")
    assert (caught.value.line, caught.value.column) == (3, 3)
    with pytest.raises(InputError) as caught:
        read("@prefix ex: <http://e/> .\nex:a ex:b zzz .", schemas["lighting"], name="d.ttl")
    assert caught.value.line == 2 and caught.value.column is not None


def test_a_long_bad_token_is_not_echoed(schemas: dict[str, DomainSchema]) -> None:
    with pytest.raises(InputError) as caught:
        read("<http://e/a> <http://e/b> " + "z" * 100_000 + " .", schemas["lighting"], name="d.ttl")
    assert len(caught.value.detail) < 300


def test_deep_turtle_is_read_or_refused_without_crashing(schemas: dict[str, DomainSchema]) -> None:
    data = "<http://e/a> <http://e/p> " + "[ <http://e/p> " * 100_000 + "1" + " ]" * 100_000 + " ."
    with contextlib.suppress(InputError):
        read(data, schemas["lighting"], name="deep.ttl")


def test_a_recursion_error_anywhere_is_an_input_error(
    schemas: dict[str, DomainSchema], monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(*args: object, **kwargs: object) -> None:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr("registry.ingest.api.read_rdf", explode)
    with pytest.raises(InputError) as caught:
        read("<http://e/a> <http://e/p> 1 .", schemas["lighting"], name="d.ttl")
    assert caught.value.status == 422 and "nested too deeply" in caught.value.detail


def test_owl_imports_are_ignored_with_a_notice(schemas: dict[str, DomainSchema]) -> None:
    data = "<urn:x> <http://www.w3.org/2002/07/owl#imports> <http://127.0.0.1:9/ontology.ttl> ."
    ingested = read(data, schemas["lighting"], name="d.ttl")
    assert [n.code for n in ingested.notices] == ["owl-imports-ignored"]
    assert "http://127.0.0.1:9/ontology.ttl" in ingested.notices[0].message_en
    assert "jamais suivi" in ingested.notices[0].message_fr


def test_the_registrys_own_context_url_is_read_locally(schemas: dict[str, DomainSchema]) -> None:
    document = {"@context": OWN_CONTEXT, "@graph": [{"id": "urn:socle:data:VLB-EP-000001", **RECORD}]}
    graph = read(json.dumps(document), schemas["lighting"], name="d.jsonld").graph
    assert len(graph) == 4
    core_context = "https://w3id.org/socle/def/core/1.0.0/context.jsonld"
    document["@context"] = [core_context, OWN_CONTEXT]
    assert len(read(json.dumps(document), schemas["lighting"], name="d.jsonld").graph) == 4


def test_lexical_forms_are_kept_exactly(schemas: dict[str, DomainSchema]) -> None:
    data = (
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
        '<urn:a> <urn:p> "1_000"^^xsd:integer, "2022-10-18 12:35:49"^^xsd:dateTime, "045.10"^^xsd:double .'
    )
    graph = read(data, schemas["lighting"], name="d.ttl").graph
    assert sorted(str(o) for o in graph.objects()) == ["045.10", "1_000", "2022-10-18 12:35:49"]
