"""Two versions of a module side by side: the LinkML elements, the shapes and the context, and the verdict."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import Graph

from registry.build.namespaces import RDF, RDFS, SH, XSD
from registry.build.schema import DomainSchema
from registry.errors import InputError
from registry.publish.compatibility.context import context_changes
from registry.publish.compatibility.elements import element_changes
from registry.publish.compatibility.model import Change, Verdict, make_verdict
from registry.publish.compatibility.shapes import shape_changes

if TYPE_CHECKING:
    from registry.catalog.releases import Release


@dataclass(frozen=True)
class ModuleVersion:
    """What one version of a module publishes: its LinkML module, its shapes, its JSON-LD context."""

    schema: DomainSchema
    shapes: Graph
    context: dict[str, Any]

    @property
    def domain(self) -> str:
        return self.schema.name

    @property
    def version(self) -> str:
        return self.schema.version


def from_release(release: Release) -> ModuleVersion:
    """A built release, read from its bundle (its own LinkML sources, ``shapes.ttl``, ``context.jsonld``)."""
    schema = DomainSchema(release.schema_path)
    shapes = Graph().parse(data=release.artifact_path("shapes.ttl").read_bytes(), format="turtle")
    context = json.loads(release.artifact_path("context.jsonld").read_text("utf-8"))
    return ModuleVersion(schema=schema, shapes=shapes, context=context)


def from_module(path: Path, shapes_dir: Path) -> ModuleVersion:
    """A LinkML module on disk (its imports beside it), built in memory with the hand-written rules
    of ``shapes_dir``, exactly as its bundle would be."""
    from registry.build.context import context_document
    from registry.build.shacl import shapes_graph

    schema = DomainSchema(path)
    return ModuleVersion(
        schema=schema, shapes=shapes_graph(schema, shapes_dir), context=context_document(schema)
    )


def _compactor(*schemas: DomainSchema) -> Any:
    prefixes: list[tuple[str, str]] = [
        (str(SH), "sh:"),
        (str(XSD), "xsd:"),
        (str(RDF), "rdf:"),
        (str(RDFS), "rdfs:"),
    ]
    for schema in schemas:
        for module in [*schema.imports, schema.name]:
            namespace = schema.namespace.replace(f"/{schema.name}/", f"/{module}/")
            prefixes.append((namespace + "shapes/", f"{module}shapes:"))
            prefixes.append((namespace, f"{module}:"))
    prefixes.sort(key=lambda p: -len(p[0]))

    def compact(iri: str) -> str:
        for namespace, prefix in prefixes:
            if iri.startswith(namespace) and len(iri) > len(namespace):
                return prefix + iri[len(namespace) :]
        return iri

    return compact


def _covered(key: str, covers: set[str], prefixes: list[str]) -> bool:
    return f"shape:{key}" in covers or any(key.startswith(p + "/") for p in prefixes)


def changes(old: ModuleVersion, new: ModuleVersion) -> list[Change]:
    """Every change from ``old`` to ``new``; a shape or context difference that a LinkML change
    already explains is not repeated."""
    found = element_changes(old.schema, new.schema)
    covers: set[str] = set().union(*(c.covers for c in found)) if found else set()
    prefixes = [c.removeprefix("shapes-under:") for c in covers if c.startswith("shapes-under:")]
    old_classes = {old.schema.uri(c) for c in old.schema.classes()}
    compact = _compactor(old.schema, new.schema)
    for key, change in shape_changes(old.shapes, new.shapes, old_classes, compact):
        if not _covered(key, covers, prefixes):
            found.append(change)
    for term, change in context_changes(old.context, new.context):
        if f"term:{term}" not in covers:
            found.append(change)
    return found


def compare(old: ModuleVersion, new: ModuleVersion) -> Verdict:
    """The verdict on releasing ``new`` after ``old`` (two versions of one module)."""
    if old.domain != new.domain:
        raise InputError(
            f"cannot compare two different modules: {old.domain} and {new.domain}",
            hint="Compare two versions of the same module.",
        )
    return make_verdict(old.domain, old.version, new.version, changes(old, new))
