"""LinkML's own generators where their output is right for us: JSON Schema and Pydantic v2."""

from __future__ import annotations

import io
import logging
from contextlib import redirect_stderr

from registry.build.schema import DomainSchema


def json_schema(schema: DomainSchema) -> str:
    """JSON Schema (2019-09) of every class, from ``gen-json-schema``."""
    from linkml.generators.jsonschemagen import JsonSchemaGenerator

    logging.getLogger("linkml").setLevel(logging.ERROR)
    with redirect_stderr(io.StringIO()):
        text = JsonSchemaGenerator(str(schema.path), mergeimports=True).serialize()
    return str(text).rstrip() + "\n"


def pydantic_module(schema: DomainSchema) -> str:
    """A Pydantic v2 module from ``gen-pydantic``, headed with where it comes from."""
    from linkml.generators.pydanticgen import PydanticGenerator

    logging.getLogger("linkml").setLevel(logging.ERROR)
    with redirect_stderr(io.StringIO()):
        text = PydanticGenerator(str(schema.path), mergeimports=True).serialize()
    header = (
        f"# Pydantic v2 models of the Socle standard '{schema.name}' version {schema.version}.\n"
        f"# Generated from its LinkML module ({schema.ontology_iri}); do not edit.\n"
    )
    return header + str(text).rstrip() + "\n"
