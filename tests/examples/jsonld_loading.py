"""Parsing JSON-LD examples offline: the registry's context URL resolves to the built file."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import rdflib

CONTEXT_URL = re.compile(
    r"^https://w3id\.org/socle/def/(?P<domain>[a-z]+)/(?P<version>[0-9.]+)/context\.jsonld$"
)


def local_context(url: str, bundles: dict[str, Path]) -> dict[str, Any]:
    match = CONTEXT_URL.match(url)
    assert match, f"unexpected remote context {url}"
    path = bundles[match["domain"]] / "context.jsonld"
    assert path.parent.name == match["version"]
    context: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))["@context"]
    return context


def parse_jsonld_locally(data: bytes, bundles: dict[str, Path]) -> rdflib.Graph:
    """rdflib parse with the published context inlined (rdflib would fetch the URL otherwise)."""
    document = json.loads(data)
    document["@context"] = local_context(document["@context"], bundles)
    return rdflib.Graph().parse(data=json.dumps(document), format="json-ld")
