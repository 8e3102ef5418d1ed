"""Checking a producer's dataset against a release: ingest, validate, locate, explain.

This is the one function the worker pool, the CLI and the tests call; it never imports a web or CLI
framework and never fetches anything.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache
from typing import Any

import rdflib

from registry.build.schema import DomainSchema
from registry.catalog.releases import Release
from registry.ingest import ingest
from registry.ingest.model import IngestOptions, InputFile
from registry.validate.engine import CompiledShapes, ShaclEngine
from registry.validate.engines import DEFAULT_ENGINE, get_engine
from registry.validate.messages import Explainer
from registry.validate.pool import report_progress
from registry.validate.report import CheckedAgainst, ValidationReport


@lru_cache(maxsize=32)
def release_schema(release: Release) -> DomainSchema:
    """The release's own LinkML module (loaded once per process)."""
    return DomainSchema(release.schema_path)


@lru_cache(maxsize=32)
def release_shapes(release: Release) -> rdflib.Graph:
    """The release's shapes graph (parsed once per process)."""
    data = release.artifact_path("shapes.ttl").read_bytes()
    return rdflib.Graph().parse(data=data, format="turtle")


@lru_cache(maxsize=32)
def release_explainer(release: Release) -> Explainer:
    """Writes the release's messages; the shapes' names and each rule's parameters are looked up
    once per process, not once per request."""
    return Explainer(release_shapes(release))


@lru_cache(maxsize=32)
def _engine_and_shapes(release: Release, engine_name: str) -> tuple[ShaclEngine[Any], CompiledShapes]:
    engine = get_engine(engine_name)
    return engine, engine.compile(release_shapes(release))


def check_dataset(
    files: Sequence[InputFile],
    release: Release,
    *,
    options: IngestOptions | None = None,
    engine_name: str = DEFAULT_ENGINE,
) -> ValidationReport:
    """Read ``files`` as a dataset of ``release`` and check it against the release's shapes."""
    options = options or IngestOptions()
    ingested = ingest(list(files), release_schema(release), options)
    report_progress(0.4)
    engine, shapes = _engine_and_shapes(release, engine_name)
    found = engine.validate(ingested.graph, shapes) + list(ingested.results)
    report_progress(0.9)
    located = [replace(r, location=ingested.source_map.locate(r)) for r in found]
    explainer = release_explainer(release)
    explained = [explainer.explain(r) for r in located]
    return ValidationReport(
        results=tuple(explained),
        checked_against=CheckedAgainst(
            domain=release.domain,
            version=release.version,
            # The published shapes.ttl's SHA-256: the same file gives the same digest everywhere.
            shapes_digest=release.artifacts["shapes.ttl"]["sha256"],
            engine=engine.name,
            engine_version=engine.version,
            input_digest=ingested.input_digest,
        ),
        notices=tuple(ingested.notices),
    )
