"""Choosing an engine by name: Socle's own by default, pySHACL as the reference."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from registry.validate.engine import ShaclEngine


class EngineName(StrEnum):
    SOCLE = "socle"
    PYSHACL = "pyshacl"


DEFAULT_ENGINE = EngineName.SOCLE


def get_engine(name: str | EngineName = DEFAULT_ENGINE) -> ShaclEngine[Any]:
    """A fresh engine; pySHACL is imported only when it is asked for."""
    chosen = EngineName(name)
    if chosen is EngineName.PYSHACL:
        from registry.validate.pyshacl_engine import PyshaclEngine

        return PyshaclEngine()
    from registry.validate.socle_engine.engine import SocleEngine

    return SocleEngine()
