"""The entry point of ingestion: files in, one RDF graph of the chosen standard out.

Every file is read from bytes we hold (never a path or URL handed to a parser); its format is
``format=``, else its content type, else its extension, else its bytes (:mod:`.formats`). RDF formats
are parsed keeping lexical forms (:mod:`.rdf`); JSON records, GeoJSON (:mod:`.json_records`), CSV and
spreadsheets (:mod:`.tables`, :mod:`.tabular`) are lifted through the module's own context, keeping
where each record and value came from (:class:`~registry.ingest.model.SourceMap`). Whatever goes wrong
in a file is an :class:`~registry.errors.InputError` with a message that says what to fix, never a
parser's raw exception.
"""

from __future__ import annotations

import hashlib

import rdflib

from registry.build.schema import DomainSchema
from registry.errors import InputError
from registry.ingest.formats import detect_format
from registry.ingest.json_records import read_geojson, read_json_records
from registry.ingest.limits import require_content, where
from registry.ingest.model import Ingested, IngestOptions, InputFile, InputFormat, SourceMap
from registry.ingest.rdf import read_rdf
from registry.ingest.tables import read_csv, read_spreadsheet
from registry.ingest.tabular import Lifted, lift_table

RDF_FORMATS = {InputFormat.TURTLE, InputFormat.NTRIPLES, InputFormat.JSONLD, InputFormat.RDFXML}


def ingest(files: list[InputFile], schema: DomainSchema, options: IngestOptions) -> Ingested:
    """Read every file into one graph of ``schema``."""
    if not files:
        raise InputError("No file was sent.", hint="Send the dataset as the request body or a 'file' field.")
    # Lexical forms are kept (``registry/__init__.py``); pySHACL's validate() turns rdflib's literal
    # normalisation back on when it returns, so the setting is asserted again before reading.
    rdflib.NORMALIZE_LITERALS = False
    ingested = Ingested(graph=rdflib.Graph(), formats=[])
    digest = hashlib.sha256()
    for file in files:
        digest.update(file.data)
        try:
            fmt, lifted = _read(file, schema, options)
        except RecursionError:
            raise InputError(
                f"{where(file.name)}the input is nested too deeply to be read.",
                hint="Flatten the nested structures (lists, blank nodes, objects).",
            ) from None
        ingested.formats.append(fmt)
        ingested.graph += lifted.graph
        _merge(ingested.source_map, lifted.source_map)
        ingested.notices.extend(n for n in lifted.notices if n not in ingested.notices)
        ingested.results.extend(lifted.results)
    ingested.input_digest = digest.hexdigest()
    return ingested


def _read(file: InputFile, schema: DomainSchema, options: IngestOptions) -> tuple[InputFormat, Lifted]:
    require_content(file.data, file.name)
    fmt = detect_format(file, options)
    name = file.name
    if fmt in RDF_FORMATS:
        graph, notices = read_rdf(file.data, fmt, schema, name)
        return fmt, Lifted(graph, SourceMap(), notices, [])
    common = {"class_name": options.class_name, "base": options.base, "name": name}
    if fmt is InputFormat.JSON:
        return fmt, read_json_records(file.data, schema, **common)  # type: ignore[arg-type]
    if fmt is InputFormat.GEOJSON:
        return fmt, read_geojson(file.data, schema, **common)  # type: ignore[arg-type]
    if fmt is InputFormat.CSV:
        table = read_csv(file.data, name, options.delimiter)
    else:
        table = read_spreadsheet(file.data, fmt, name, options.sheet)
    lifted = lift_table(
        table, schema, class_name=options.class_name, base=options.base, crs=options.crs, name=name
    )
    lifted.notices[:0] = table.notices
    return fmt, lifted


def _merge(into: SourceMap, other: SourceMap) -> None:
    into.nodes.update(other.nodes)
    into.columns.update(other.columns)
    into.pointers.update(other.pointers)
    for key, locations in other.identifiers.items():
        into.identifiers.setdefault(key, []).extend(locations)
