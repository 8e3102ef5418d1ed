"""The entry point of ingestion (provisional: Turtle and JSON records only)."""

from __future__ import annotations

import hashlib
import json

import rdflib

from registry.build.schema import DomainSchema
from registry.errors import UnsupportedFormatError
from registry.ingest.model import Ingested, IngestOptions, InputFile, InputFormat
from registry.ingest.records import RecordLifter


def ingest(files: list[InputFile], schema: DomainSchema, options: IngestOptions) -> Ingested:
    """Read every file into one graph of ``schema``."""
    graph = rdflib.Graph()
    formats: list[InputFormat] = []
    digest = hashlib.sha256()
    for file in files:
        digest.update(file.data)
        fmt = options.format or (
            InputFormat.JSON if (file.name or "").endswith(".json") else InputFormat.TURTLE
        )
        if fmt is InputFormat.TURTLE:
            graph.parse(data=file.data, format="turtle")
        elif fmt is InputFormat.JSON:
            graph += RecordLifter(schema, base=options.base).to_graph(json.loads(file.data))
        else:
            raise UnsupportedFormatError(f"{fmt} is not read yet")
        formats.append(fmt)
    return Ingested(graph=graph, formats=formats, input_digest=digest.hexdigest())
