"""A module's release bundle: every published artifact, written once under ``<out>/<domain>/<version>/``.

The bundle directory is written to a temporary sibling and renamed into place, so a reader never
sees half a bundle; ``manifest.json`` lists each artifact with its SHA-256 and media type, and the
digest of the sources it was built from (a bundle whose sources have not changed is not rebuilt).
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rdflib import Graph

from registry.build.context import context_document
from registry.build.csv_template import csv_template, template_classes
from registry.build.documentation import documentation_markdown
from registry.build.linkml_generators import json_schema, pydantic_module
from registry.build.schema import DomainSchema
from registry.build.shacl import bind_shapes, canonical_turtle, generated_shapes, shapes_graph
from registry.build.vocabulary import vocabulary_graph

BUILD_FORMAT = 1
"""Bumped when the build's output changes for unchanged sources (forces a rebuild)."""

MEDIA_TYPES = {
    ".ttl": "text/turtle",
    ".nt": "application/n-triples",
    ".rdf": "application/rdf+xml",
    ".jsonld": "application/ld+json",
    ".json": "application/schema+json",
    ".py": "text/x-python",
    ".csv": "text/csv",
    ".md": "text/markdown",
    ".yaml": "application/yaml",
}


@dataclass(frozen=True)
class Artifact:
    """One file of a bundle."""

    name: str
    sha256: str
    media_type: str
    size: int


def sorted_graph(graph: Graph) -> Graph:
    """A copy whose triples are stored in sorted order, so every serialiser writes the same text."""
    out = Graph()
    for prefix, namespace in graph.namespaces():
        out.bind(prefix, namespace, override=True, replace=True)
    for triple in sorted(graph):
        out.add(triple)
    return out


def vocabulary_texts(graph: Graph) -> dict[str, str]:
    """The vocabulary in the four RDF syntaxes the registry publishes."""
    ordered = sorted_graph(graph)
    nt_lines = sorted(line for line in ordered.serialize(format="nt").splitlines() if line)
    return {
        "vocabulary.ttl": ordered.serialize(format="turtle"),
        "vocabulary.jsonld": ordered.serialize(format="json-ld", auto_compact=True, indent=2),
        "vocabulary.rdf": ordered.serialize(format="pretty-xml"),
        "vocabulary.nt": "\n".join(nt_lines) + "\n",
    }


def committed_shapes_text(schema: DomainSchema) -> str:
    """What ``shapes/<domain>/generated.ttl`` must contain (the drift test compares with it)."""
    return canonical_turtle(bind_shapes(generated_shapes(schema), schema))


def bundle_texts(schema: DomainSchema, shapes_dir: Path) -> dict[str, str]:
    """Every artifact of a bundle, by file name."""
    shapes = shapes_graph(schema, shapes_dir)
    texts: dict[str, str] = {
        **vocabulary_texts(vocabulary_graph(schema)),
        "shapes.ttl": canonical_turtle(shapes),
        "context.jsonld": json.dumps(context_document(schema), indent=2, ensure_ascii=False) + "\n",
        "schema.json": json_schema(schema),
        "models.py": pydantic_module(schema),
        "documentation.md": documentation_markdown(schema),
    }
    for cls in template_classes(schema):
        texts[f"template-{cls.name}.csv"] = "\ufeff" + csv_template(schema, cls)
    for module in [*schema.imports, schema.name]:
        # The LinkML sources travel with the release: an old version is read with its own model.
        texts[f"{module}.yaml"] = (schema.path.parent / f"{module}.yaml").read_text(encoding="utf-8")
    return texts


def _build_code_digest() -> str:
    """Digest of the build's own code: a bundle built by older code is rebuilt."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def source_digest(schema: DomainSchema, shapes_dir: Path) -> str:
    """Digest of everything a bundle is built from (modules, hand-written shapes, build code)."""
    digest = hashlib.sha256(f"{BUILD_FORMAT}:{schema.source_digest}:{_build_code_digest()}".encode())
    for module in [*schema.imports, schema.name]:
        extra = shapes_dir / module / "extra.ttl"
        if extra.is_file():
            digest.update(extra.read_bytes())
    return digest.hexdigest()


def bundle_dir(out_dir: Path, schema: DomainSchema) -> Path:
    return out_dir / schema.name / schema.version


def read_manifest(directory: Path) -> dict[str, Any] | None:
    """A bundle's manifest, or ``None`` when the bundle is absent or unreadable."""
    try:
        manifest = json.loads((directory / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return manifest if isinstance(manifest, dict) else None


def build_bundle(
    schema: DomainSchema,
    shapes_dir: Path,
    out_dir: Path,
    *,
    force: bool = False,
    on_artifact: Callable[[str], None] | None = None,
) -> Path:
    """Write the bundle of ``schema`` (skipped when its sources have not changed)."""
    target = bundle_dir(out_dir, schema)
    digest = source_digest(schema, shapes_dir)
    existing = read_manifest(target)
    if not force and existing is not None and existing.get("source_digest") == digest:
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{schema.version}-", dir=target.parent))
    staging.chmod(0o755)
    try:
        artifacts = []
        for name, text in sorted(bundle_texts(schema, shapes_dir).items()):
            data = text.encode("utf-8")
            (staging / name).write_bytes(data)
            suffix = Path(name).suffix
            artifacts.append(
                Artifact(
                    name=name,
                    sha256=hashlib.sha256(data).hexdigest(),
                    media_type=MEDIA_TYPES.get(suffix, "application/octet-stream"),
                    size=len(data),
                )
            )
            if on_artifact:
                on_artifact(name)
        manifest = {
            "domain": schema.name,
            "version": schema.version,
            "status": schema.status,
            "imports": {m: schema.imported_version(m) for m in schema.imports},
            "source_digest": digest,
            "artifacts": [a.__dict__ for a in artifacts],
        }
        (staging / "manifest.json").write_text(
            json.dumps(manifest, indent=2) + "\n", encoding="utf-8"
        )
        if target.exists():
            shutil.rmtree(target)
        staging.rename(target)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return target
