"""Resolving a release's sources against the catalogue: is the version free, which exact release of
each imported module it is built with, which release it is compared with, and which hand-written
shapes and examples it carries (the previous release's when none are given).

Which version of core a release imports:

- from disk, the version of the ``core.yaml`` beside the module, which must be published with
  exactly that content (and, when the shapes folder has core's hand-written shapes, with exactly
  those): a release never imports an unpublished core;
- from the API, the ``core`` parameter; by default the version the domain's previous release
  imports, else the current core (latest adopted, else latest candidate).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from registry.build.bundle import EXAMPLES_ARCHIVE, extra_shapes_name
from registry.catalog.releases import Release, ReleaseCatalog
from registry.errors import ConflictError, NotFoundError, ReleaseRefusedError
from registry.publish.releasing.sources import ModuleHeader, ReleaseSources, module_header


@dataclass(frozen=True)
class ReleasePlan:
    """Everything a release is built from, resolved: picklable, so that a worker process can build it."""

    header: ModuleHeader
    module: bytes
    origin: str
    imports: dict[str, Release]
    """The exact release of each imported module."""
    previous: Release | None
    shapes: bytes | None
    examples: Path | bytes | None
    """A directory of examples, a zip archive's path (the previous release's) or bytes, or none."""
    base_uri: str
    allowed_namespaces: tuple[str, ...]

    @property
    def domain(self) -> str:
        return self.header.name

    @property
    def version(self) -> str:
        return self.header.version


def imports_failure(element: str, message_fr: str, message_en: str) -> dict[str, Any]:
    return {"check": "imports", "element": element, "message_fr": message_fr, "message_en": message_en}


def refuse_existing(catalog: ReleaseCatalog, header: ModuleHeader) -> None:
    """:class:`ConflictError` when ``domain@version`` is already published (checked before any build)."""
    if catalog.find(header.name, header.version) is not None:
        raise ConflictError(
            f"{header.name} {header.version} is already published",
            hint="A published version never changes: declare a higher version in the module.",
        )


def _artifact_bytes(release: Release, name: str) -> bytes | None:
    return release.artifact_path(name).read_bytes() if name in release.artifacts else None


def _from_disk(
    module: str, text: bytes, sources: ReleaseSources, catalog: ReleaseCatalog, failures: list[dict[str, Any]]
) -> Release | None:
    version = module_header(text, f"the {module}.yaml beside {sources.origin}").version
    release = catalog.find(module, version)
    element = f"{module}@{version}"
    if release is None:
        failures.append(
            imports_failure(
                element,
                f"{sources.origin} importe {module} {version} (le {module}.yaml à côté), qui n'est pas "
                f"publié : publiez d'abord {module} {version}.",
                f"{sources.origin} imports {module} {version} (the {module}.yaml beside it), which is not "
                f"published: publish {module} {version} first.",
            )
        )
        return None
    if _artifact_bytes(release, f"{module}.yaml") != text:
        failures.append(
            imports_failure(
                element,
                f"Le {module}.yaml à côté de {sources.origin} se dit en version {version} mais diffère du "
                f"{module} {version} publié : publiez le changement comme une nouvelle version de {module}, "
                f"ou reprenez le fichier publié (/def/{module}/{version}/{module}.yaml).",
                f"The {module}.yaml beside {sources.origin} says version {version} but differs from the "
                f"published {module} {version}: publish the change as a new version of {module}, or take "
                f"the published file (/def/{module}/{version}/{module}.yaml).",
            )
        )
    local_shapes = sources.imported_shapes.get(module)
    if local_shapes is not None and local_shapes != _artifact_bytes(release, extra_shapes_name(module)):
        failures.append(
            imports_failure(
                element,
                f"Les règles écrites à la main de {module} (extra.ttl) diffèrent de celles de {module} "
                f"{version} publié : publiez-les avec une nouvelle version de {module}.",
                f"The hand-written shapes of {module} (extra.ttl) differ from those of the published "
                f"{module} {version}: publish them with a new version of {module}.",
            )
        )
    return release


def _by_version(
    module: str, version: str, catalog: ReleaseCatalog, failures: list[dict[str, Any]]
) -> Release | None:
    release = catalog.find(module, version)
    if release is None:
        known = ", ".join(r.version for r in catalog.releases(module)) or "aucune / none"
        failures.append(
            imports_failure(
                f"{module}@{version}",
                f"{module} {version} n'est pas publié (versions publiées : {known}).",
                f"{module} {version} is not published (published versions: {known}).",
            )
        )
    return release


def _current(module: str, catalog: ReleaseCatalog, failures: list[dict[str, Any]]) -> Release | None:
    try:
        return catalog.resolve(module)
    except NotFoundError:
        failures.append(
            imports_failure(
                module,
                f"Aucune version adoptée ou candidate de {module} n'est publiée : "
                "précisez laquelle importer.",
                f"No adopted or candidate version of {module} is published: say which one to import.",
            )
        )
        return None


def plan_release(
    sources: ReleaseSources, catalog: ReleaseCatalog, *, base_uri: str, allowed_namespaces: tuple[str, ...]
) -> ReleasePlan:
    """Resolve ``sources``: :class:`ConflictError` when the version exists, :class:`ReleaseRefusedError`
    when an imported module's version is not published (or not as given)."""
    header = sources.header
    refuse_existing(catalog, header)
    previous = catalog.previous(header.name, header.version)
    failures: list[dict[str, Any]] = []
    imports: dict[str, Release] = {}
    for module in header.imports:
        if module in sources.imports:
            found = _from_disk(module, sources.imports[module], sources, catalog, failures)
        elif module in sources.import_versions:
            found = _by_version(module, sources.import_versions[module], catalog, failures)
        elif previous is not None and module in previous.imports:
            found = _by_version(module, previous.imports[module], catalog, failures)
        else:
            found = _current(module, catalog, failures)
        if found is not None:
            imports[module] = found
    if failures:
        raise ReleaseRefusedError(
            f"{header.name} {header.version} cannot be built: "
            "the modules it imports are not published as given",
            failures=failures,
            hint="A release imports exact, published versions of the registry's modules.",
        )
    shapes = sources.shapes
    if shapes is None and previous is not None:
        shapes = _artifact_bytes(previous, extra_shapes_name(header.name))
    examples = sources.examples
    if examples is None and previous is not None and EXAMPLES_ARCHIVE in previous.artifacts:
        examples = previous.artifact_path(EXAMPLES_ARCHIVE)
    return ReleasePlan(
        header=header,
        module=sources.module,
        origin=sources.origin,
        imports=imports,
        previous=previous,
        shapes=shapes,
        examples=examples,
        base_uri=base_uri,
        allowed_namespaces=allowed_namespaces,
    )
