"""The checks a release must pass before it is published (DESIGN.md decision 8, issue 10 item 2).

``check_release`` runs them all over a built bundle and returns every failure (an empty list means
the release may be published): the model's own lint, the namespace allow-list, its examples, every
``sh:pattern`` (refused when it can backtrack catastrophically), and SPARQL-based constraints
(refused when they use ``SERVICE``, ``FROM`` or ``GRAPH``). One module per check: ``lint``,
``namespaces``, ``patterns`` (with the static analysis in ``redos``), ``sparql``, ``examples``.
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
    examples (``valid/`` and ``invalid/``; ``None`` or absent: none to check), ``allowed_namespaces``
    the namespaces its terms may use beside the registry's own ``{base_uri}def/``."""
    from registry.publish.checks.examples import check_examples
    from registry.publish.checks.lint import check_lint
    from registry.publish.checks.namespaces import check_namespaces
    from registry.publish.checks.patterns import check_patterns
    from registry.publish.checks.sparql import check_sparql

    return [
        *check_lint(schema),
        *check_namespaces(bundle, schema, base_uri=base_uri, allowed_namespaces=allowed_namespaces),
        *check_patterns(bundle, schema),
        *check_sparql(bundle),
        *check_examples(bundle, schema, examples_dir),
    ]
