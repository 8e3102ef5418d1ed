"""A module's release bundle: every published artifact, written once under ``<out>/<domain>/<version>/``.

The bundle directory is written to a temporary sibling and renamed into place, so a reader never
sees half a bundle; ``manifest.json`` lists each artifact with its SHA-256 and media type, and the
digest of the sources it was built from (a bundle whose sources have not changed is not rebuilt).

A bundle carries its own sources, so that a later release (or this one, rebuilt) has everything:
the LinkML module and the modules it imports (``<module>.yaml``), each one's hand-written shapes
(``extra-<module>.ttl``, when it has some), and the examples (``examples.zip``, when an examples
directory is given: entries sorted, fixed timestamps and permissions, so the same files give the
same bytes).
"""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import tempfile
import zipfile
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
    ".zip": "application/zip",
}

EXAMPLES_ARCHIVE = "examples.zip"
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can hold: no build date leaks in


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


def extra_shapes_name(module: str) -> str:
    """The artifact holding a module's hand-written shapes (``extra-lighting.ttl``)."""
    return f"extra-{module}.ttl"


def examples_for(examples_root: Path, domain: str) -> Path | None:
    """``examples_root/<domain>`` when that directory exists (what a bundle's examples come from)."""
    directory = examples_root / domain
    return directory if directory.is_dir() else None


def example_files(examples_dir: Path) -> list[tuple[str, Path]]:
    """The regular files under ``examples_dir`` (links and hidden files left out), by relative path."""
    found = []
    for path in examples_dir.rglob("*"):
        relative = path.relative_to(examples_dir)
        if any(part.startswith(".") for part in relative.parts) or path.is_symlink() or not path.is_file():
            continue
        found.append((relative.as_posix(), path))
    return sorted(found)


def examples_archive(examples_dir: Path) -> bytes:
    """The examples as a deterministic zip archive (the same files always give the same bytes)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, path in example_files(examples_dir):
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, so that the permissions below are read as such
            info.external_attr = 0o100644 << 16
            archive.writestr(info, path.read_bytes(), compresslevel=9)
    return buffer.getvalue()


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
        extra = shapes_dir / module / "extra.ttl"
        if extra.is_file():
            texts[extra_shapes_name(module)] = extra.read_text(encoding="utf-8")
    return texts


def bundle_files(
    schema: DomainSchema, shapes_dir: Path, examples_dir: Path | None = None
) -> dict[str, bytes]:
    """Every file of a bundle (but its manifest), by name."""
    files = {name: text.encode("utf-8") for name, text in bundle_texts(schema, shapes_dir).items()}
    if examples_dir is not None:
        files[EXAMPLES_ARCHIVE] = examples_archive(examples_dir)
    return files


def _build_code_digest() -> str:
    """Digest of the build's own code: a bundle built by older code is rebuilt."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def source_digest(schema: DomainSchema, shapes_dir: Path, examples_dir: Path | None = None) -> str:
    """Digest of everything a bundle is built from (modules, hand-written shapes, examples, build code)."""
    digest = hashlib.sha256(f"{BUILD_FORMAT}:{schema.source_digest}:{_build_code_digest()}".encode())
    for module in [*schema.imports, schema.name]:
        extra = shapes_dir / module / "extra.ttl"
        if extra.is_file():
            digest.update(f"\0extra:{module}\0".encode())
            digest.update(extra.read_bytes())
    if examples_dir is not None:
        for name, path in example_files(examples_dir):
            digest.update(f"\0example:{name}\0".encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
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
    examples_dir: Path | None = None,
) -> Path:
    """Write the bundle of ``schema`` (skipped when its sources have not changed); with
    ``examples_dir``, its examples travel with it as ``examples.zip``."""
    target = bundle_dir(out_dir, schema)
    digest = source_digest(schema, shapes_dir, examples_dir)
    existing = read_manifest(target)
    if not force and existing is not None and existing.get("source_digest") == digest:
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{schema.version}-", dir=target.parent))
    staging.chmod(0o755)
    try:
        artifacts = []
        for name, data in sorted(bundle_files(schema, shapes_dir, examples_dir).items()):
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
        (staging / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
        if target.exists():
            shutil.rmtree(target)
        staging.rename(target)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return target
