"""Ingestion: a producer's file (RDF, JSON, CSV, GeoJSON…) to an RDF graph, keeping source locations."""
