"""Ingestion: a producer's files (RDF, JSON, CSV, spreadsheets, GeoJSON) to one RDF graph, keeping
where every value came from. The entry point is :func:`ingest`.

Conventions (DESIGN.md decisions 4, 10 and 11):

- **Formats**: ``format=``, else the content type, else the extension, else the bytes
  (:mod:`.formats`); JSON is JSON-LD when its top-level object has ``@context``, GeoJSON when it is a
  ``FeatureCollection``, JSON records otherwise (:mod:`.json_records` lists the record shapes read).
- **Rows** are counted as a spreadsheet shows them: the header is row 1, the first data row row 2;
  blank rows count but give no record; a quoted line break does not start a new row. Syntax errors
  of a CSV name the text *line* as well.
- **Row-based IRIs**: ``{base}.row-{n}``, ``n`` = 1 for the first record (the first data row, on
  spreadsheet row 2; the first object of a JSON list, pointer ``/0``), given to records without a
  usable identifier (empty, ``Non concerné``) or sharing it; ``{base}.row-{n}.{slot}`` for the
  referenced record a denormalised row describes without a usable identifier.
- **Source map**: nodes → file and row (tables) or JSON pointer (JSON, GeoJSON); (node, predicate) →
  the header or key as the producer wrote it; identifier literal → every row or pointer carrying it.
  RDF input has no source map (lines of Turtle nodes are not tracked).
- **Limits** (:mod:`.limits`): JSON nesting depth, value length; RDF/XML DTDs, remote contexts and
  ``@import`` refused; nothing is ever fetched (:mod:`.rdf`).
"""

from registry.ingest.api import ingest

__all__ = ["ingest"]
