"""Tables as French producers write them (DESIGN.md decision 11): separators, encodings, numbers,
booleans, headers, classes, node IRIs, IRVE's denormalised rows and combined column, Lambert-93,
spreadsheets, and where every value came from."""

from __future__ import annotations

import datetime as dt
import io

import pytest
import rdflib

from registry.build.schema import DomainSchema
from registry.config import PROJECT_ROOT
from registry.ingest.tabular import REPEATED_VALUES_COMPONENT
from registry.validate.pyshacl_engine import PyshaclEngine
from tests.ingest.helpers import read

CORE = "https://w3id.org/socle/def/core/"
LIGHTING = "https://w3id.org/socle/def/lighting/"
MOBILITY = "https://w3id.org/socle/def/mobility/"
WASTE = "https://w3id.org/socle/def/waste/"
XSD = "http://www.w3.org/2001/XMLSchema#"
IRVE_STATIC = PROJECT_ROOT / "examples/mobility/irve/exemple-valide-statique.csv"


def _values(graph: rdflib.Graph, node: str, predicate: str) -> list[str]:
    return sorted(str(o) for o in graph.objects(rdflib.URIRef(node), rdflib.URIRef(predicate)))


def _value(graph: rdflib.Graph, node: str, predicate: str) -> rdflib.term.Node | None:
    return graph.value(rdflib.URIRef(node), rdflib.URIRef(predicate))


def test_french_numbers_in_numeric_slots_only(schemas: dict[str, DomainSchema]) -> None:
    text = (
        "\ufeffidentifiant;latitude;longitude;puissance_nominale;flux_lumineux;nom\n"
        "VLB-EP-000001;45,77102;4,87951;1 234,50;5\u00a0200;1 234,50\n"
        "VLB-EP-000002;45,1;4,2;70,5;12\u202f500;rue\n"
    )
    graph = read(text, schemas["lighting"], name="export.csv", class_name="Streetlight").graph
    node = "urn:socle:data:VLB-EP-000001"
    assert _value(graph, node, CORE + "latitude") == rdflib.Literal(
        "45.77102", datatype=rdflib.URIRef(XSD + "double")
    )
    assert _values(graph, node, LIGHTING + "nominal_power") == ["1234.50"]
    assert _values(graph, node, LIGHTING + "luminous_flux") == ["5200"]
    assert _values(graph, "urn:socle:data:VLB-EP-000002", LIGHTING + "luminous_flux") == ["12500"]
    assert _values(graph, node, CORE + "name") == ["1 234,50"], "a text slot keeps the text as written"


def test_a_value_that_is_not_a_number_is_kept_as_written(schemas: dict[str, DomainSchema]) -> None:
    text = "identifier;nominal_power;color_temperature\nA;environ 40;3,5\n"
    graph = read(text, schemas["lighting"], name="d.csv", class_name="Streetlight").graph
    assert _values(graph, "urn:socle:data:A", LIGHTING + "nominal_power") == ["environ 40"]
    assert _values(graph, "urn:socle:data:A", LIGHTING + "color_temperature") == ["3,5"], "not an integer"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("identifier,latitude,longitude\nA,45.5,4.5\n", "45.5"),
        ("identifier;latitude;longitude\nA;45,5;4,5\n", "45.5"),
        ("identifier\tlatitude\tlongitude\nA\t45,5\t4,5\n", "45.5"),
        ('"identifier";"latitude";"longitude"\r\n"A";"45,5";"4,5"\r\n', "45.5"),
    ],
    ids=["comma", "semicolon", "tab", "quoted-crlf"],
)
def test_separators_are_detected(text: str, expected: str, schemas: dict[str, DomainSchema]) -> None:
    graph = read(text, schemas["lighting"], name="d.csv", class_name="Streetlight").graph
    assert _values(graph, "urn:socle:data:A", CORE + "latitude") == [expected]


def test_one_column_with_decimal_commas(schemas: dict[str, DomainSchema]) -> None:
    """csv.Sniffer fails on this file; the header decides."""
    text = "puissance_nominale\n40,5\n70,25\n"
    graph = read(text, schemas["lighting"], name="d.csv", class_name="Streetlight").graph
    powers = sorted(str(o) for o in graph.objects(None, rdflib.URIRef(LIGHTING + "nominal_power")))
    assert powers == ["40.5", "70.25"]


def test_windows_1252_is_read_and_said(schemas: dict[str, DomainSchema]) -> None:
    data = "identifiant;nom;latitude;longitude\nVLB-EP-000001;Cœur de ville – 5 €;45,7;4,8\n".encode("cp1252")
    ingested = read(data, schemas["lighting"], name="d.csv", class_name="Streetlight")
    assert _values(ingested.graph, "urn:socle:data:VLB-EP-000001", CORE + "name") == ["Cœur de ville – 5 €"]
    (notice,) = ingested.notices
    assert notice.code == "encoding" and "Windows-1252" in notice.message_en and "UTF-8" in notice.message_fr


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("oui", "true"),
        ("Non", "false"),
        ("VRAI", "true"),
        ("faux", "false"),
        ("1", "true"),
        ("0", "false"),
        ("true", "true"),
        ("False", "false"),
        ("peut-être", "peut-être"),
    ],
)
def test_booleans(cell: str, expected: str, schemas: dict[str, DomainSchema]) -> None:
    text = f"identifier;has_astronomical_clock\nAC-1;{cell}\n"
    graph = read(text, schemas["lighting"], name="d.csv", class_name="ControlCabinet").graph
    term = _value(graph, "urn:socle:data:AC-1", LIGHTING + "has_astronomical_clock")
    assert term == rdflib.Literal(expected, datatype=rdflib.URIRef(XSD + "boolean"), normalize=False)


def test_unknown_columns_give_one_notice_and_empty_cells_are_absent(
    schemas: dict[str, DomainSchema], shapes_graphs: dict[str, rdflib.Graph]
) -> None:
    text = (
        "Identifiant;Latitude;Longitude;Commentaire interne;Agent;type_lampe\n"
        "VLB-EP-000001;45,7;4,8;à revoir;;\n"
    )
    ingested = read(text, schemas["lighting"], name="d.csv", class_name="Streetlight")
    notices = [n for n in ingested.notices if n.code == "unknown-columns"]
    assert len(notices) == 1
    assert "Commentaire interne, Agent" in notices[0].message_en
    assert "Commentaire interne, Agent" in notices[0].message_fr
    assert not list(ingested.graph.objects(None, rdflib.URIRef(LIGHTING + "lamp_technology")))
    engine = PyshaclEngine()
    results = engine.validate(ingested.graph, engine.compile(shapes_graphs["lighting"]))
    assert all(r.severity.value != "Violation" for r in results), results


def test_headers_are_case_and_accent_insensitive_aliases(schemas: dict[str, DomainSchema]) -> None:
    text = "IDENTIFIANT;Puissance Nominale;Température couleur\nVLB-EP-000001;40;3000\n"
    ingested = read(text, schemas["lighting"], name="d.csv", class_name="Streetlight")
    node = "<urn:socle:data:VLB-EP-000001>"
    assert ingested.source_map.columns[(node, LIGHTING + "nominal_power")] == "Puissance Nominale"
    assert ingested.source_map.columns[(node, LIGHTING + "color_temperature")] == "Température couleur"


def test_class_is_inferred_when_one_class_fits(schemas: dict[str, DomainSchema]) -> None:
    text = "identifier;latitude;longitude;has_astronomical_clock\nAC-1;45,7;4,8;oui\n"
    graph = read(text, schemas["lighting"], name="d.csv").graph
    assert (
        rdflib.URIRef("urn:socle:data:AC-1"),
        rdflib.RDF.type,
        rdflib.URIRef(LIGHTING + "ControlCabinet"),
    ) in graph
    irve = read(IRVE_STATIC.read_bytes(), schemas["mobility"], name=IRVE_STATIC.name).graph
    assert set(irve.objects(None, rdflib.RDF.type)) == {
        rdflib.URIRef(MOBILITY + "ChargingPoint"),
        rdflib.URIRef(MOBILITY + "ChargingStation"),
    }


def test_rows_are_numbered_as_a_spreadsheet_shows_them(schemas: dict[str, DomainSchema]) -> None:
    text = 'identifier;name\nA;"two\nlines"\n\nB;b\n;no identifier\nNon concerné;none either\n'
    ingested = read(text, schemas["lighting"], name="d.csv", class_name="Streetlight")
    rows = {node: where.row for node, where in ingested.source_map.nodes.items()}
    assert rows == {
        "<urn:socle:data:A>": 2,
        "<urn:socle:data:B>": 4,
        "<urn:socle:data:.row-4>": 5,
        "<urn:socle:data:.row-5>": 6,
    }
    assert all(where.file == "d.csv" for where in ingested.source_map.nodes.values())


def test_duplicate_identifiers_give_row_based_iris_and_point_at_every_row(
    schemas: dict[str, DomainSchema], shapes_graphs: dict[str, rdflib.Graph]
) -> None:
    text = (
        "identifiant;latitude;longitude\n"
        "VLB-EP-000009;45,7;4,8\nVLB-EP-000010;45,7;4,8\nVLB-EP-000009;45,8;4,9\n"
    )
    ingested = read(text, schemas["lighting"], name="d.csv", class_name="Streetlight")
    nodes = set(ingested.source_map.nodes)
    assert nodes == {"<urn:socle:data:.row-1>", "<urn:socle:data:VLB-EP-000010>", "<urn:socle:data:.row-3>"}
    engine = PyshaclEngine()
    results = engine.validate(ingested.graph, engine.compile(shapes_graphs["lighting"]))
    unique = [r for r in results if r.result_path == f"^<{CORE}identifier>"]
    assert [r.focus_node for r in unique] == ['"VLB-EP-000009"']
    rows = [(w.row, w.column_name) for w in ingested.source_map.identifiers['"VLB-EP-000009"']]
    assert rows == [(2, "identifiant"), (4, "identifiant")]


def test_irve_dynamic_instants_get_a_colon_in_their_offset(schemas: dict[str, DomainSchema]) -> None:
    path = PROJECT_ROOT / "examples/mobility/irve/exemple-valide-dynamique.csv"
    graph = read(path.read_bytes(), schemas["mobility"], name=path.name).graph
    instants = {str(o) for o in graph.objects(None, rdflib.URIRef(MOBILITY + "status_timestamp"))}
    assert instants == {"2022-10-18T12:35:49+00:00"}


def _irve_with(rows: list[dict[str, str]]) -> str:
    lines = IRVE_STATIC.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    import csv

    first = next(csv.reader([lines[1]]))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for change in rows:
        row = dict(zip(header, first, strict=True))
        row.update(change)
        writer.writerow([row[h] for h in header])
    return out.getvalue()


def test_repeated_station_values_that_disagree_are_a_result(schemas: dict[str, DomainSchema]) -> None:
    text = _irve_with(
        [
            {"id_pdc_itinerance": "FRA68E680210015"},
            {"id_pdc_itinerance": "FRA68E680210016", "nom_station": "Picpus Nord"},
            {"id_pdc_itinerance": "FRA68E680210017"},
        ]
    )
    ingested = read(text, schemas["mobility"], name="irve.csv")
    station = "urn:socle:data:FRA68P68021001"
    assert _values(ingested.graph, station, CORE + "name") == ["Picpus"]
    (result,) = ingested.results
    assert result.constraint_component == REPEATED_VALUES_COMPONENT
    assert result.constraint_component.startswith(CORE)
    assert (result.focus_node, result.result_path) == (f"<{station}>", f"<{CORE}name>")
    assert result.severity.value == "Violation"
    assert result.value == '"Picpus Nord"'
    french, english = result.message("fr"), result.message("en")
    assert french and "lignes 2, 3" in french and "nom_station" in french
    assert english and "rows 2, 3" in english and "Picpus Nord" in english
    assert result.location is not None and (result.location.row, result.location.column_name) == (
        3,
        "nom_station",
    )
    points = set(ingested.graph.subjects(rdflib.URIRef(MOBILITY + "station"), rdflib.URIRef(station)))
    assert len(points) == 3


def test_a_station_outside_roaming_gets_a_row_based_node(schemas: dict[str, DomainSchema]) -> None:
    text = _irve_with(
        [
            {"id_pdc_itinerance": "Non concerné", "id_station_itinerance": "Non concerné"},
            {"id_pdc_itinerance": "Non concerné", "id_station_itinerance": "Non concerné"},
        ]
    )
    graph = read(text, schemas["mobility"], name="irve.csv").graph
    for n in (1, 2):
        point, station = f"urn:socle:data:.row-{n}", f"urn:socle:data:.row-{n}.station"
        assert _value(graph, point, MOBILITY + "station") == rdflib.URIRef(station)
        assert _values(graph, station, CORE + "identifier") == ["Non concerné"]
        assert _values(graph, point, CORE + "identifier") == ["Non concerné"]


def test_combined_coordinates_are_split_and_located(schemas: dict[str, DomainSchema]) -> None:
    text = _irve_with([{"coordonneesXY": "[4,8357 ; 45,7640]"}])
    ingested = read(text, schemas["mobility"], name="irve.csv")
    station = "urn:socle:data:FRA68P68021001"
    assert _values(ingested.graph, station, CORE + "longitude") == ["4.8357"]
    assert _values(ingested.graph, station, CORE + "latitude") == ["45.7640"]
    assert ingested.source_map.columns[(f"<{station}>", CORE + "latitude")] == "coordonneesXY"


def test_lambert93_is_converted_when_the_file_says_so(schemas: dict[str, DomainSchema]) -> None:
    text = "identifier;x_l93;y_l93\nVLB-EP-000001;842654;6519925\n"
    ingested = read(text, schemas["lighting"], name="d.csv", class_name="Streetlight")
    node = "urn:socle:data:VLB-EP-000001"
    latitude = float(str(_value(ingested.graph, node, CORE + "latitude")))
    longitude = float(str(_value(ingested.graph, node, CORE + "longitude")))
    assert abs(latitude - 45.764008) < 1e-5 and abs(longitude - 4.835537) < 1e-5
    assert ingested.source_map.columns[(f"<{node}>", CORE + "latitude")] == "y_l93"
    assert any(n.code == "lambert93-converted" for n in ingested.notices)
    plain = "identifier;X;Y\nVLB-EP-000001;842 654,0;6 519 925,0\n"
    converted = read(
        plain, schemas["lighting"], name="d.csv", class_name="Streetlight", crs="EPSG:2154"
    ).graph
    assert abs(float(str(_value(converted, node, CORE + "latitude"))) - latitude) < 1e-9
    unsaid = read(plain, schemas["lighting"], name="d.csv", class_name="Streetlight")
    assert _value(unsaid.graph, node, CORE + "latitude") is None
    assert any(n.code == "unknown-columns" and "X, Y" in n.message_en for n in unsaid.notices)


# --- spreadsheets ---------------------------------------------------------------------------------

ROWS: list[list[object]] = [
    ["identifiant", "latitude", "longitude", "puissance_nominale", "date_pose", "Commentaire"],
    ["VLB-EP-000001", 45.77102, 4.87951, 40, dt.date(2021, 3, 15), "ok"],
    [None, None, None, None, None, None],
    ["VLB-EP-000002", 45.5, 4.5, 70.5, dt.date(2015, 6, 20), None],
]


def _xlsx(sheets: dict[str, list[list[object]]]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _ods(sheets: dict[str, list[list[object]]]) -> bytes:
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    document = OpenDocumentSpreadsheet()
    for title, rows in sheets.items():
        table = Table(name=title)
        for row in rows:
            table_row = TableRow()
            for value in row:
                if value is None:
                    cell = TableCell()
                elif isinstance(value, dt.date):
                    cell = TableCell(valuetype="date", datevalue=value.isoformat())
                    cell.addElement(P(text=value.isoformat()))
                elif isinstance(value, int | float):
                    cell = TableCell(valuetype="float", value=value)
                    cell.addElement(P(text=str(value)))
                else:
                    cell = TableCell(valuetype="string")
                    cell.addElement(P(text=str(value)))
                table_row.addElement(cell)
            table.addElement(table_row)
        document.spreadsheet.addElement(table)
    out = io.BytesIO()
    document.write(out)
    return out.getvalue()


@pytest.mark.parametrize("kind", ["xlsx", "ods"])
def test_spreadsheets_first_or_named_sheet(kind: str, schemas: dict[str, DomainSchema]) -> None:
    make = _xlsx if kind == "xlsx" else _ods
    other = [["identifiant", "latitude", "longitude"], ["VLB-EP-000099", 1, 2]]
    data = make({"Points lumineux": ROWS, "Autre": other})
    ingested = read(data, schemas["lighting"], name=f"inventaire.{kind}", class_name="Streetlight")
    graph = ingested.graph
    node = "urn:socle:data:VLB-EP-000001"
    assert _values(graph, node, CORE + "latitude") == ["45.77102"]
    assert _values(graph, node, LIGHTING + "nominal_power") == ["40"]
    assert _values(graph, "urn:socle:data:VLB-EP-000002", LIGHTING + "nominal_power") == ["70.5"]
    assert _values(graph, node, LIGHTING + "installation_date") == ["2021-03-15"]
    assert ingested.source_map.nodes["<urn:socle:data:VLB-EP-000002>"].row == 4
    assert [n.code for n in ingested.notices] == ["unknown-columns"]
    named = read(
        data, schemas["lighting"], name=f"inventaire.{kind}", class_name="Streetlight", sheet="Autre"
    )
    assert {str(s) for s in named.graph.subjects()} == {"urn:socle:data:VLB-EP-000099"}


def test_a_missing_sheet_is_named(schemas: dict[str, DomainSchema]) -> None:
    from registry.errors import InputError

    with pytest.raises(InputError) as caught:
        read(
            _xlsx({"Feuil1": ROWS}),
            schemas["lighting"],
            name="a.xlsx",
            class_name="Streetlight",
            sheet="Points",
        )
    assert "'Points'" in caught.value.detail and "'Feuil1'" in (caught.value.hint or "")


def test_a_multivalued_cell_gives_one_value_per_part(schemas: dict[str, DomainSchema]) -> None:
    text = (
        "identifiant;date_tournee;conteneurs;vehicule\n"
        "RT-1;2025-03-11;ML-VER-1 | ML-VER-2|;AB-123-CD\n"
        "RT-2;2025-03-12;ML-VER-3;AB-123-CD\n"
    )
    result = read(text, schemas["waste"], name="tournees.csv", class_name="CollectionRound")
    served = WASTE + "containers_served"
    assert _values(result.graph, "urn:socle:data:RT-1", served) == [
        "urn:socle:data:ML-VER-1",
        "urn:socle:data:ML-VER-2",
    ]
    assert _values(result.graph, "urn:socle:data:RT-2", served) == ["urn:socle:data:ML-VER-3"]
    assert _values(result.graph, "urn:socle:data:RT-1", WASTE + "vehicle") == ["AB-123-CD"], "one value"
