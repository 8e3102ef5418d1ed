"""Differences between two JSON-LD contexts: terms removed, re-mapped or added."""

from __future__ import annotations

import json
from typing import Any

from registry.publish.compatibility.model import Change, Level


def _terms(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    context = document.get("@context", document)
    if isinstance(context, list):
        merged: dict[str, Any] = {}
        for part in context:
            if isinstance(part, dict):
                merged.update(part)
        context = merged
    terms: dict[str, dict[str, Any]] = {}
    if not isinstance(context, dict):
        return terms
    for name, definition in context.items():
        if name.startswith("@"):
            continue
        terms[name] = {"@id": definition} if isinstance(definition, str) else dict(definition or {})
    return terms


def _show(definition: dict[str, Any] | None) -> str | None:
    return None if definition is None else json.dumps(definition, sort_keys=True, ensure_ascii=False)


def context_changes(old: dict[str, Any], new: dict[str, Any]) -> list[tuple[str, Change]]:
    """Each difference, with the term it is about."""
    before, after = _terms(old), _terms(new)
    out: list[tuple[str, Change]] = []
    for term in sorted(before.keys() - after.keys()):
        element = f"context.jsonld#{term}"
        out.append(
            (
                term,
                Change(
                    kind="context-term-removed",
                    element=element,
                    level=Level.MAJOR,
                    message_fr=(
                        f"Le contexte JSON-LD perd le terme {term!r} : les données JSON qui l'emploient "
                        "perdent ces valeurs."
                    ),
                    message_en=(
                        f"The JSON-LD context lost the term {term!r}: JSON data using it loses those values."
                    ),
                    before=_show(before[term]),
                ),
            )
        )
    for term in sorted(after.keys() - before.keys()):
        out.append(
            (
                term,
                Change(
                    kind="context-term-added",
                    element=f"context.jsonld#{term}",
                    level=Level.MINOR,
                    message_fr=(
                        f"Le contexte JSON-LD gagne le terme {term!r} : les données existantes restent "
                        "valides."
                    ),
                    message_en=f"The JSON-LD context gained the term {term!r}: existing data stays valid.",
                    after=_show(after[term]),
                ),
            )
        )
    for term in sorted(before.keys() & after.keys()):
        a, b = before[term], after[term]
        if a == b:
            continue
        element = f"context.jsonld#{term}"
        if a.get("@id") != b.get("@id") or a.get("@type") != b.get("@type"):
            out.append(
                (
                    term,
                    Change(
                        kind="context-term-remapped",
                        element=element,
                        level=Level.MAJOR,
                        message_fr=(
                            f"Le contexte JSON-LD associe le terme {term!r} autrement ({_show(a)} → "
                            f"{_show(b)}) : les mêmes données JSON donnent d'autres triplets."
                        ),
                        message_en=(
                            f"The JSON-LD context maps the term {term!r} differently ({_show(a)} → "
                            f"{_show(b)}): the same JSON data gives other triples."
                        ),
                        before=_show(a),
                        after=_show(b),
                    ),
                )
            )
        else:
            out.append(
                (
                    term,
                    Change(
                        kind="context-term-container",
                        element=element,
                        level=Level.PATCH,
                        message_fr=(
                            f"Le contexte JSON-LD change la présentation du terme {term!r} ({_show(a)} → "
                            f"{_show(b)}), sans effet sur les triplets."
                        ),
                        message_en=(
                            f"The JSON-LD context changed how the term {term!r} is laid out ({_show(a)} → "
                            f"{_show(b)}), with no effect on the triples."
                        ),
                        before=_show(a),
                        after=_show(b),
                    ),
                )
            )
    return out
