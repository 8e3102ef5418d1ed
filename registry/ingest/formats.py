"""Which format a file is in: ``format=``, else its content type, else its extension, else its bytes.

JSON is refined by its content whichever way it was named: an object with ``@context`` is JSON-LD,
a ``FeatureCollection`` is GeoJSON, anything else is JSON records. A type we do not read is a 415.
"""

from __future__ import annotations

import re

from registry.errors import UnsupportedFormatError
from registry.ingest.model import IngestOptions, InputFile, InputFormat

READABLE = "Turtle, N-Triples, JSON-LD, RDF/XML, JSON records, GeoJSON, CSV, .xlsx or .ods"

CONTENT_TYPES: dict[str, InputFormat] = {
    "text/turtle": InputFormat.TURTLE,
    "application/x-turtle": InputFormat.TURTLE,
    "application/n-triples": InputFormat.NTRIPLES,
    "application/ld+json": InputFormat.JSONLD,
    "application/rdf+xml": InputFormat.RDFXML,
    "application/xml": InputFormat.RDFXML,
    "text/xml": InputFormat.RDFXML,
    "application/json": InputFormat.JSON,
    "text/json": InputFormat.JSON,
    "application/geo+json": InputFormat.GEOJSON,
    "application/vnd.geo+json": InputFormat.GEOJSON,
    "text/csv": InputFormat.CSV,
    "application/csv": InputFormat.CSV,
    "text/comma-separated-values": InputFormat.CSV,
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": InputFormat.XLSX,
    "application/vnd.oasis.opendocument.spreadsheet": InputFormat.ODS,
}
GENERIC_TYPES = {
    "",
    "application/octet-stream",
    "text/plain",
    "binary/octet-stream",
    # Browsers on Windows send this for any .csv file: the extension decides.
    "application/vnd.ms-excel",
}
EXTENSIONS: dict[str, InputFormat] = {
    ".ttl": InputFormat.TURTLE,
    ".turtle": InputFormat.TURTLE,
    ".nt": InputFormat.NTRIPLES,
    ".jsonld": InputFormat.JSONLD,
    ".json-ld": InputFormat.JSONLD,
    ".rdf": InputFormat.RDFXML,
    ".owl": InputFormat.RDFXML,
    ".xml": InputFormat.RDFXML,
    ".json": InputFormat.JSON,
    ".geojson": InputFormat.GEOJSON,
    ".csv": InputFormat.CSV,
    ".xlsx": InputFormat.XLSX,
    ".ods": InputFormat.ODS,
}
FORMAT_NAMES: dict[str, InputFormat] = {
    **{f.value: f for f in InputFormat},
    "ttl": InputFormat.TURTLE,
    "nt": InputFormat.NTRIPLES,
    "json-ld": InputFormat.JSONLD,
    "xml": InputFormat.RDFXML,
    "rdf": InputFormat.RDFXML,
}
_HINTS = {
    ".xls": "Save the workbook as .xlsx or .ods (the old binary .xls format is not read).",
    ".xlsm": "Save the workbook as .xlsx (without macros) or .ods.",
    ".tsv": "Send it as .csv: tabs are not read as separators, use ';' or ','.",
}
_TURTLE_START = re.compile(rb"^\s*(@prefix|@base|prefix\s|base\s|<[^>\s]*>\s)", re.IGNORECASE)


def parse_format_name(name: str) -> InputFormat:
    """``format=`` of the API and CLI (``turtle``, ``ttl``, ``csv``, ``xlsx``…)."""
    found = FORMAT_NAMES.get(name.strip().lower())
    if found is None:
        raise UnsupportedFormatError(
            f"format={name!r} is not one we read.",
            hint="Use one of: " + ", ".join(sorted(f.value for f in InputFormat)) + ".",
        )
    return found


def detect_format(file: InputFile, options: IngestOptions) -> InputFormat:
    """The format of ``file`` (see the module's docstring for the order of the clues)."""
    if options.format is not None:
        found = options.format
    else:
        found = _from_content_type(file) or _from_extension(file) or sniff(file)
    if found is InputFormat.JSON:
        return refine_json(file.data)
    return found


def _from_content_type(file: InputFile) -> InputFormat | None:
    media = (file.content_type or "").split(";", 1)[0].strip().lower()
    if media in GENERIC_TYPES or media.startswith("multipart/"):
        return None
    if media in CONTENT_TYPES:
        return CONTENT_TYPES[media]
    if media.endswith("+json"):
        return InputFormat.JSON
    raise UnsupportedFormatError(
        f"{_label(file)}the content type {media!r} is not one we read.",
        hint=f"Send {READABLE}.",
    )


def _from_extension(file: InputFile) -> InputFormat | None:
    name = (file.name or "").lower()
    dot = name.rfind(".")
    if dot <= 0 or "/" in name[dot:]:
        return None
    suffix = name[dot:]
    if suffix in EXTENSIONS:
        return EXTENSIONS[suffix]
    raise UnsupportedFormatError(
        f"{_label(file)}files ending in {suffix!r} are not read.",
        hint=_HINTS.get(suffix, f"Send {READABLE}, or say which it is with format=."),
    )


def sniff(file: InputFile) -> InputFormat:
    """The format told by the bytes themselves (a file without a name or type)."""
    data = file.data
    if data.startswith(b"PK\x03\x04"):
        if b"mimetypeapplication/vnd.oasis.opendocument.spreadsheet" in data[:256]:
            return InputFormat.ODS
        if b"xl/" in data[:65536] or b"[Content_Types].xml" in data[:65536]:
            return InputFormat.XLSX
        raise UnsupportedFormatError(
            f"{_label(file)}a ZIP archive that is not a spreadsheet.", hint=f"Send {READABLE}."
        )
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith((b"{", b"[")):
        return InputFormat.JSON
    if head.startswith(b"<"):
        if b"rdf:RDF" in head or b"22-rdf-syntax-ns#" in head:
            return InputFormat.RDFXML
        if not _TURTLE_START.match(head):
            raise UnsupportedFormatError(
                f"{_label(file)}an XML or HTML document that is not RDF/XML.", hint=f"Send {READABLE}."
            )
    if _TURTLE_START.match(head):
        return InputFormat.TURTLE
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnsupportedFormatError(
            f"{_label(file)}binary content in an unknown format.",
            hint=f"Send {READABLE}, or say which it is with format=.",
        )
    return InputFormat.CSV


def refine_json(data: bytes) -> InputFormat:
    """JSON-LD if the top-level object has ``@context``, GeoJSON if it is a ``FeatureCollection``
    (read from the first bytes, without parsing), else JSON records."""
    head = data[:65536].lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head.startswith(b"{"):
        return InputFormat.JSON
    if re.search(rb'"@context"\s*:', head):
        return InputFormat.JSONLD
    if re.search(rb'"type"\s*:\s*"FeatureCollection"', head):
        return InputFormat.GEOJSON
    return InputFormat.JSON


def _label(file: InputFile) -> str:
    return f"{file.name}: " if file.name else ""
