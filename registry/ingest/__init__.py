"""Ingestion: a producer's files (RDF, JSON, CSV, spreadsheets, GeoJSON) to one RDF graph, keeping
where every value came from. The entry point is :func:`ingest`."""

from registry.ingest.api import ingest

__all__ = ["ingest"]
