"""Versions of the lighting module built from edited copies of ``vocab/lighting.yaml`` (``core.yaml``
beside it), compared with the module as it stands."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from registry.config import PROJECT_ROOT
from registry.publish.compatibility import ModuleVersion, from_module

VOCAB = PROJECT_ROOT / "vocab"
SHAPES = PROJECT_ROOT / "shapes"

Edit = Callable[[str], str]
MakeVariant = Callable[..., ModuleVersion]


def replace(text: str, old: str, new: str, count: int = 1) -> str:
    """``text`` with ``old`` replaced (which must be there)."""
    assert old in text, f"{old!r} not found in the module"
    return text.replace(old, new, count)


def without_block(text: str, start: str, end: str) -> str:
    """``text`` without the lines from ``start`` (included) to ``end`` (excluded)."""
    i = text.index(start)
    j = text.index(end, i + len(start))
    return text[:i] + text[j:]


def write_variant(directory: Path, edit: Edit, version: str) -> Path:
    """An edited copy of the lighting module at ``version``, with core beside it."""
    directory.mkdir(parents=True, exist_ok=True)
    shutil.copy(VOCAB / "core.yaml", directory / "core.yaml")
    text = (VOCAB / "lighting.yaml").read_text("utf-8")
    text = re.sub(r"(?m)^version: .*$", f"version: {version}", text, count=1)
    path = directory / "lighting.yaml"
    path.write_text(edit(text), "utf-8")
    return path


@pytest.fixture(scope="session")
def base() -> ModuleVersion:
    """The lighting module as it stands (1.0.0)."""
    return from_module(VOCAB / "lighting.yaml", SHAPES)


@pytest.fixture()
def variant(tmp_path: Path) -> MakeVariant:
    """Build an edited copy of the lighting module: ``variant(edit, version="1.1.0")``."""
    made = iter(range(1000))

    def make(edit: Edit, version: str = "1.1.0", shapes: Path = SHAPES) -> ModuleVersion:
        path = write_variant(tmp_path / f"v{next(made)}", edit, version)
        return from_module(path, shapes)

    return make
