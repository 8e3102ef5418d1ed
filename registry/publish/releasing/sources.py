"""What a release is made of, as the editor gives it: the module's YAML, the modules it imports when
they sit beside it on disk, its hand-written shapes and its examples (DESIGN.md decision 8).

Nothing here touches the catalogue; :mod:`registry.publish.releasing.plan` resolves the sources
against it. The module's header (name, version, status, imports) is read without LinkML, so that a
version already published is refused before anything is built.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from registry.catalog.models import ReleaseStatus
from registry.errors import InputError, UnsafeInputError

_NAME = re.compile(r"^[a-z][a-z0-9_-]{0,63}$")
_SEMVER = re.compile(r"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$")
LINKML_IMPORTS = frozenset({"linkml:types"})
"""Imports LinkML resolves from its own package: the only non-registry imports a module may have
(anything else would make the build read a file or fetch a URL)."""


@dataclass(frozen=True)
class ModuleHeader:
    """The few fields of a LinkML module a release is planned from."""

    name: str
    version: str
    status: str
    imports: tuple[str, ...]
    """The registry modules it imports (``core``), ``linkml:types`` left out."""


def _refuse(origin: str, detail: str, hint: str) -> InputError:
    return InputError(f"{origin}: {detail}", hint=hint)


def refuse_yaml_aliases(text: str, origin: str) -> None:
    """Refuse YAML that uses aliases (``*name``). LinkML modules and examples never need them, and a
    few lines of nested aliases stand for billions of values once something walks the document (a
    "billion laughs"): the build would run out of memory long before its time limit. The text is
    read as a stream of parser events, so nothing is expanded here; a syntax error is left to the
    caller's own YAML reading."""
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.AliasEvent):
                where = f"line {event.start_mark.line + 1}, " if event.start_mark is not None else ""
                raise UnsafeInputError(
                    f"{origin}: YAML aliases are not accepted ({where}*{event.anchor})",
                    hint="Write the values out in full: a LinkML module or example needs no anchors.",
                )
    except yaml.YAMLError:
        return


def module_header(data: bytes, origin: str) -> ModuleHeader:
    """Read the header of a module's YAML; :class:`InputError` when it is not a usable module."""
    try:
        refuse_yaml_aliases(data.decode("utf-8"), origin)
        document: Any = yaml.safe_load(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise _refuse(origin, "the module is not UTF-8 text", "Save the LinkML module as UTF-8.") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark is not None else ""
        raise _refuse(origin, f"the module is not valid YAML{where}", "Fix the YAML syntax.") from None
    if not isinstance(document, dict):
        raise _refuse(origin, "the module is not a LinkML schema", "A module is a YAML mapping with a name.")
    name, version = document.get("name"), document.get("version")
    if not isinstance(name, str) or not _NAME.match(name):
        raise _refuse(
            origin,
            f"the module's name {name!r} is not a standard's name",
            "Name it in lower case letters, digits, '-' or '_' (lighting).",
        )
    if not isinstance(version, str) or not _SEMVER.match(version):
        raise _refuse(
            origin,
            f"the module's version {version!r} is not a semantic version",
            "Declare version: MAJOR.MINOR.PATCH (2.0.0) at the top of the module.",
        )
    annotations = document.get("annotations") or {}
    status = annotations.get("status", ReleaseStatus.DRAFT.value) if isinstance(annotations, dict) else None
    if isinstance(status, dict):  # LinkML's long form: {tag: status, value: candidate}
        status = status.get("value")
    if status not in {s.value for s in ReleaseStatus}:
        raise _refuse(
            origin,
            f"the module's status {status!r} is not a status",
            "Statuses: " + ", ".join(s.value for s in ReleaseStatus) + ".",
        )
    imports = document.get("imports") or []
    if not isinstance(imports, list) or not all(isinstance(i, str) for i in imports):
        raise _refuse(
            origin, "the module's imports are not a list of names", "Write imports: [linkml:types, core]."
        )
    registry_imports = []
    for imported in imports:
        if imported in LINKML_IMPORTS:
            continue
        if not _NAME.match(imported) or imported == name:
            raise _refuse(
                origin,
                f"the module imports {imported!r}, which is neither linkml:types nor a published standard",
                "A released module imports only linkml:types and the registry's modules, by name (core).",
            )
        registry_imports.append(imported)
    return ModuleHeader(name=name, version=version, status=str(status), imports=tuple(registry_imports))


@dataclass(frozen=True)
class ReleaseSources:
    """The sources of one release, as given (from disk or uploaded).

    ``imports`` holds the imported modules' YAML found beside the module on disk: each must be
    published with exactly that content. ``import_versions`` asks for exact versions of imported
    modules instead (the API's ``core`` parameter). ``shapes`` is the module's hand-written shapes
    and ``examples`` its examples (a directory or the bytes of a zip archive); ``None`` means "the
    previous release's". ``imported_shapes`` holds hand-written shapes found on disk for imported
    modules, which must match their release's.
    """

    module: bytes
    origin: str
    """How messages name the module: ``vocab/lighting.yaml``, ``the uploaded module``."""
    shapes: bytes | None = None
    examples: Path | bytes | None = None
    imports: Mapping[str, bytes] = field(default_factory=dict)
    imported_shapes: Mapping[str, bytes] = field(default_factory=dict)
    import_versions: Mapping[str, str] = field(default_factory=dict)

    @property
    def header(self) -> ModuleHeader:
        return module_header(self.module, self.origin)


def sources_from_disk(
    path: Path, *, shapes_dir: Path | None = None, examples_dir: Path | None = None
) -> ReleaseSources:
    """The sources of the module at ``path``: the modules it imports beside it, its hand-written
    shapes at ``shapes_dir/<domain>/extra.ttl`` (absent: the previous release's), its examples in
    ``examples_dir`` (``valid/`` and ``invalid/``)."""
    if not path.is_file():
        raise InputError(
            f"{path}: no such file", hint="Give the path of a LinkML module (vocab/lighting.yaml)."
        )
    origin = str(path)
    module = path.read_bytes()
    header = module_header(module, origin)
    imports: dict[str, bytes] = {}
    for imported in header.imports:
        beside = path.parent / f"{imported}.yaml"
        if not beside.is_file():
            raise InputError(
                f"{origin} imports {imported}, but there is no {imported}.yaml beside it",
                hint=f"Put the exact {imported}.yaml the module was written against in {path.parent}.",
            )
        imports[imported] = beside.read_bytes()
    shapes = None
    imported_shapes: dict[str, bytes] = {}
    if shapes_dir is not None:
        own = shapes_dir / header.name / "extra.ttl"
        shapes = own.read_bytes() if own.is_file() else None
        for imported in header.imports:
            extra = shapes_dir / imported / "extra.ttl"
            if extra.is_file():
                imported_shapes[imported] = extra.read_bytes()
    if examples_dir is not None and not examples_dir.is_dir():
        raise InputError(
            f"{examples_dir}: no such directory",
            hint="Give the directory holding the examples' valid/ and invalid/ folders.",
        )
    return ReleaseSources(
        module=module,
        origin=origin,
        shapes=shapes,
        examples=examples_dir,
        imports=imports,
        imported_shapes=imported_shapes,
    )


def sources_from_upload(
    module: bytes,
    *,
    shapes: bytes | None = None,
    examples: bytes | None = None,
    core: str | None = None,
    origin: str = "the uploaded module",
) -> ReleaseSources:
    """The sources of an upload: the module, optional shapes and examples (a zip archive), and the
    version of core to import (``None``: the previous release's, else the current core)."""
    versions = {}
    if core is not None:
        if not _SEMVER.match(core):
            raise InputError(f"core version {core!r} is not a semantic version", hint="Write core=1.0.0.")
        versions["core"] = core
    return ReleaseSources(
        module=module, origin=origin, shapes=shapes, examples=examples, import_versions=versions
    )
