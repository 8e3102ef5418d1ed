"""Format detection (format=, content type, extension, bytes) and JSON records / GeoJSON with their
JSON pointers."""

from __future__ import annotations

import json

import pytest

from registry.build.schema import DomainSchema
from registry.errors import UnsupportedFormatError
from registry.ingest.formats import detect_format
from registry.ingest.model import IngestOptions, InputFile, InputFormat
from registry.validate.report import ValidationResult
from tests.ingest.helpers import read

LIGHTING = "https://w3id.org/socle/def/lighting/"
CORE = "https://w3id.org/socle/def/core/"
TTL = b"@prefix ex: <http://example.org/> .\nex:a ex:b 1 ."
RECORDS = b'[{"type": "Streetlight", "identifier": "A"}]'


@pytest.mark.parametrize(
    ("data", "name", "content_type", "option", "expected"),
    [
        (TTL, "data.csv", "text/turtle", InputFormat.NTRIPLES, InputFormat.NTRIPLES),
        (TTL, "data.csv", "text/turtle", None, InputFormat.TURTLE),
        (TTL, "data.ttl", "application/octet-stream", None, InputFormat.TURTLE),
        (b"a;b\n1;2", "data.csv", "application/vnd.ms-excel", None, InputFormat.CSV),
        (RECORDS, "data.json", None, None, InputFormat.JSON),
        (b'{"@context": {}, "@id": "urn:x"}', "data.json", None, None, InputFormat.JSONLD),
        (
            b'{"type": "FeatureCollection", "features": []}',
            None,
            "application/json",
            None,
            InputFormat.GEOJSON,
        ),
        (TTL, None, None, None, InputFormat.TURTLE),
        (b"<http://a> <http://b> <http://c> .", None, None, None, InputFormat.TURTLE),
        (
            b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>',
            None,
            None,
            None,
            InputFormat.RDFXML,
        ),
        (RECORDS, None, None, None, InputFormat.JSON),
        (b"\xef\xbb\xbfidentifiant;nom\nA;b", None, "text/plain", None, InputFormat.CSV),
        (b"PK\x03\x04....xl/workbook.xml", None, None, None, InputFormat.XLSX),
        (
            b"PK\x03\x04" + b"\x00" * 26 + b"mimetypeapplication/vnd.oasis.opendocument.spreadsheet",
            None,
            None,
            None,
            InputFormat.ODS,
        ),
    ],
)
def test_format_detection_order(
    data: bytes, name: str | None, content_type: str | None, option: InputFormat | None, expected: InputFormat
) -> None:
    file = InputFile(data, name=name, content_type=content_type)
    assert detect_format(file, IngestOptions(format=option)) is expected


@pytest.mark.parametrize(
    ("name", "content_type", "data"),
    [("a.ttl", "image/png", TTL), ("a.docx", None, TTL), (None, None, b"<html><body>hi</body></html>")],
)
def test_a_type_we_do_not_read_is_a_415(name: str | None, content_type: str | None, data: bytes) -> None:
    with pytest.raises(UnsupportedFormatError) as caught:
        detect_format(InputFile(data, name=name, content_type=content_type), IngestOptions())
    assert caught.value.status == 415


def test_json_records_keep_their_pointers_and_keys(schemas: dict[str, DomainSchema]) -> None:
    records = [
        {"type": "Streetlight", "identifier": f"VLB-EP-00000{i}", "latitude": 45.7, "longitude": 4.8}
        for i in range(4)
    ]
    records[3]["puissance_nominale"] = 40
    records[3]["remarque"] = "x"
    ingested = read(json.dumps(records), schemas["lighting"], name="lights.json")
    node = "<urn:socle:data:VLB-EP-000003>"
    assert ingested.source_map.nodes[node].pointer == "/3"
    assert ingested.source_map.columns[(node, LIGHTING + "nominal_power")] == "puissance_nominale"
    (notice,) = ingested.notices
    assert notice.code == "unknown-keys" and "remarque" in notice.message_en
    result = ValidationResult(
        focus_node=node,
        constraint_component="http://www.w3.org/ns/shacl#MaxInclusiveConstraintComponent",
        source_shape="_:s",
        result_path=f"<{LIGHTING}nominal_power>",
    )
    where = ingested.source_map.locate(result)
    assert where is not None
    assert (where.file, where.pointer, where.column_name) == (
        "lights.json",
        "/3/puissance_nominale",
        "puissance_nominale",
    )
    located = ingested.source_map.identifiers['"VLB-EP-000003"'][0]
    assert located.pointer == "/3/identifier"


@pytest.mark.parametrize(
    ("document", "pointer"),
    [
        ({"records": [{"type": "Streetlight", "identifier": "A"}]}, "/records/0"),
        ({"@graph": [{"type": "Streetlight", "identifier": "A"}]}, "/@graph/0"),
        ({"type": "Streetlight", "identifier": "A"}, ""),
        ([{"identifier": "A", "has_astronomical_clock": True}], "/0"),
    ],
    ids=["records", "graph", "single", "untyped-inferred"],
)
def test_json_record_shapes(document: object, pointer: str, schemas: dict[str, DomainSchema]) -> None:
    ingested = read(json.dumps(document), schemas["lighting"], name="d.json")
    assert ingested.source_map.nodes["<urn:socle:data:A>"].pointer == pointer
    assert len(ingested.graph) >= 2


def test_json_class_option_types_untyped_records(schemas: dict[str, DomainSchema]) -> None:
    ingested = read('[{"identifier": "A"}]', schemas["lighting"], name="d.json", class_name="Streetlight")
    assert any(str(o) == LIGHTING + "Streetlight" for o in ingested.graph.objects())


def test_geojson_pointers(schemas: dict[str, DomainSchema]) -> None:
    document = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [4.8357, 45.764]},
                "properties": {"type": "Streetlight", "identifier": "A", "nominal_power": 40},
            }
        ],
    }
    ingested = read(json.dumps(document), schemas["lighting"], name="d.geojson")
    node = "<urn:socle:data:A>"
    assert ingested.source_map.nodes[node].pointer == "/features/0"
    assert ingested.source_map.columns[(node, CORE + "latitude")] == "latitude"
    assert ingested.source_map.pointers[(node, CORE + "latitude")] == "/features/0/geometry/coordinates/1"
    latitudes = [str(o) for s, p, o in ingested.graph if str(p) == CORE + "latitude"]
    assert latitudes == ["45.764"]


def test_several_files_make_one_graph(schemas: dict[str, DomainSchema]) -> None:
    from registry.ingest import ingest

    files = [
        InputFile(b"identifier;latitude;longitude\nA;45,1;4,1\n", name="a.csv"),
        InputFile(b'[{"type": "ControlCabinet", "identifier": "B"}]', name="b.json"),
    ]
    ingested = ingest(files, schemas["lighting"], IngestOptions(class_name="Streetlight"))
    assert ingested.formats == [InputFormat.CSV, InputFormat.JSON]
    assert {"<urn:socle:data:A>", "<urn:socle:data:B>"} <= set(ingested.source_map.nodes)
    assert len(ingested.input_digest) == 64
