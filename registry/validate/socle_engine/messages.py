"""``sh:message`` templates: ``{?var}``/``{$var}`` filled from a SPARQL solution (SHACL 5.3.2)."""

from __future__ import annotations

import re

from rdflib import Literal, URIRef
from rdflib.term import Node

_PLACEHOLDER = re.compile(r"\{[?$]([A-Za-z_][A-Za-z0-9_]*)\}")


def fill_template(template: Literal, bindings: dict[str, Node]) -> Literal:
    """The message with each bound placeholder replaced by the value's lexical form or IRI."""

    def replace(match: re.Match[str]) -> str:
        value = bindings.get(match.group(1))
        if value is None:
            return match.group(0)
        return str(value) if isinstance(value, Literal | URIRef) else value.n3()

    text = _PLACEHOLDER.sub(replace, str(template))
    return Literal(text, lang=template.language, normalize=False)
