"""Building the whole project: every module's bundle, the committed shapes, the derived examples."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from registry.build.bundle import build_bundle, committed_shapes_text, examples_for
from registry.build.examples import iter_cases, write_derived
from registry.build.schema import DomainSchema, load_domains
from registry.config import Settings


def committed_shapes_path(shapes_dir: Path, domain: str) -> Path:
    """``shapes/<domain>/generated.ttl``: the generated SHACL, committed and drift-checked."""
    return shapes_dir / domain / "generated.ttl"


def write_committed_shapes(schema: DomainSchema, shapes_dir: Path) -> Path:
    path = committed_shapes_path(shapes_dir, schema.name)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(committed_shapes_text(schema), encoding="utf-8")
    return path


def build_all(
    settings: Settings,
    *,
    domains: list[str] | None = None,
    out_dir: Path | None = None,
    examples: bool = False,
    force: bool = False,
    report: Callable[[str], None] = lambda _: None,
) -> dict[str, Path]:
    """Build the bundles (and committed shapes; with ``examples``, the derived example files)."""
    schemas = load_domains(settings.vocab_dir)
    chosen = domains or list(schemas)
    built: dict[str, Path] = {}
    for name in chosen:
        schema = schemas.get(name) or DomainSchema.load(settings.vocab_dir, name)
        write_committed_shapes(schema, settings.shapes_dir)
        built[name] = build_bundle(
            schema,
            settings.shapes_dir,
            out_dir or settings.build_dir,
            force=force,
            examples_dir=examples_for(settings.examples_dir, name),
        )
        report(f"{name} {schema.version}: {built[name]}")
        if examples and settings.examples_dir.is_dir() and (settings.examples_dir / name).is_dir():
            for case in iter_cases(settings.examples_dir, name):
                write_derived(case, schema)
            report(f"{name}: examples derived")
    return built
