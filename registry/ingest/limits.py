"""Bounds every input is held to before and while a parser reads it (``SECURITY.md``).

Checks that need no parser run on the bytes first: emptiness, nesting depth of JSON texts (a byte
scan, so that no recursive parser ever sees a deeply nested document), and the text encoding.
Messages say where the problem is (byte offset, line) without echoing the file's content.
"""

from __future__ import annotations

import re
from itertools import accumulate

from registry.errors import InputError, InputTooLargeError, UnsafeInputError

MAX_DEPTH = 100
"""Deepest nesting of ``[``/``{`` accepted in JSON, JSON-LD and GeoJSON (records need a handful)."""

MAX_VALUE_CHARS = 131_072
"""Longest value accepted anywhere (a CSV cell, a JSON string, an RDF literal): the limit of Python's
``csv`` module, applied to every format alike."""

_JSON_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")


def where(name: str | None) -> str:
    """``"export.csv: "`` or ``""``: the prefix of a message about one file."""
    return f"{name}: " if name else ""


def require_content(data: bytes, name: str | None) -> None:
    """Refuse an empty file (nothing, or only white space and a byte-order mark)."""
    if not data.strip(b" \t\r\n\xef\xbb\xbf"):
        raise InputError(
            f"{where(name)}the file is empty.",
            hint="Send the dataset itself: the upload had no content.",
        )


def json_depth(data: bytes) -> int:
    """Deepest bracket nesting of a JSON text, brackets inside strings ignored (no parser involved)."""
    brackets = _JSON_STRING.sub(b'""', data).translate(None, _NOT_BRACKETS)
    steps = (1 if byte in (0x5B, 0x7B) else -1 for byte in brackets)
    return max(accumulate(steps), default=0)


def require_shallow_json(data: bytes, name: str | None) -> None:
    """Refuse a JSON text nested deeper than :data:`MAX_DEPTH` before any parser reads it."""
    depth = json_depth(data)
    if depth > MAX_DEPTH:
        raise UnsafeInputError(
            f"{where(name)}the JSON is nested {depth} levels deep; at most {MAX_DEPTH} are accepted.",
            hint="Records are flat objects (with an address at most): flatten the document.",
        )


def decode_utf8(data: bytes, name: str | None, what: str) -> str:
    """``data`` as UTF-8 (a byte-order mark dropped), or an error naming the first bad byte."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(
            f"{where(name)}{bad_byte(data, error.start)} is not valid UTF-8; {what} must be UTF-8.",
            hint="Save the file again with the UTF-8 encoding.",
            line=line_of(data, error.start),
        ) from None


def bad_byte(data: bytes, offset: int) -> str:
    """``byte 0xE9 at offset 12 (line 2)``."""
    return f"byte 0x{data[offset]:02X} at offset {offset} (line {line_of(data, offset)})"


def line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def require_short(value: str, name: str | None, place: str) -> None:
    """Refuse one value over :data:`MAX_VALUE_CHARS` characters, saying where it is."""
    if len(value) > MAX_VALUE_CHARS:
        raise InputTooLargeError(
            f"{where(name)}{place} holds a value of {len(value):,} characters; "
            f"at most {MAX_VALUE_CHARS:,} are accepted.",
            hint="A value this long is not a field of a record: check the file's quotes and separators.",
        )


def shorten(text: str, limit: int = 120) -> str:
    """A parser's message cut to ``limit`` characters on one line (it may quote the input)."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
