"""Reading a JSON text safely: UTF-8, depth bounded before parsing, syntax errors with line and column."""

from __future__ import annotations

import json
from typing import Any

from registry.errors import InputError
from registry.ingest.limits import decode_utf8, require_shallow_json, where


def _no_constants(token: str) -> Any:
    raise ValueError(f"{token} is not a JSON number")


def load_json(data: bytes, name: str | None, what: str) -> Any:
    """The parsed document of a JSON, JSON-LD or GeoJSON file."""
    text = decode_utf8(data, name, what)
    require_shallow_json(data, name)
    try:
        return json.loads(text, parse_constant=_no_constants)
    except json.JSONDecodeError as error:
        raise InputError(
            f"{where(name)}{what} syntax error at line {error.lineno}, column {error.colno}: {error.msg}.",
            hint="Check the commas, quotes and brackets just before that place.",
            line=error.lineno,
            column=error.colno,
        ) from None
    except ValueError as error:  # NaN, Infinity
        raise InputError(
            f"{where(name)}{what}: {error}.", hint="Write a number, or leave the field out."
        ) from None
    except RecursionError:
        raise InputError(f"{where(name)}{what} is nested too deeply to be read.") from None
