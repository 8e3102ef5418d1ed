"""XPath/XSD regular expressions (``sh:pattern``, ``sh:flags``) translated to Python's ``re``.

Differences handled: without the ``m`` flag ``$`` matches only at the very end (Python's ``$`` also
matches before a final newline, so ``^[0-9]{5}$`` would accept ``"75001\\n"``); ``.`` excludes
``\\r`` as well as ``\\n``; the ``x`` flag removes whitespace outside character classes; ``q``
quotes the whole pattern. Matching is a search (SPARQL ``REGEX`` / ``fn:matches``), not a full
match.
"""

from __future__ import annotations

import re
from functools import lru_cache

from registry.validate.socle_engine.errors import ShapesError


@lru_cache(maxsize=1024)
def compile_xpath(pattern: str, flags: str = "") -> re.Pattern[str]:
    """Compile an XPath regex with XPath flags (``s``, ``m``, ``i``, ``x``, ``q``)."""
    unknown = set(flags) - set("smixq")
    if unknown:
        raise ShapesError(f"unknown sh:flags {''.join(sorted(unknown))!r} for pattern {pattern!r}")
    py_flags = 0
    if "i" in flags:
        py_flags |= re.IGNORECASE
    if "m" in flags:
        py_flags |= re.MULTILINE
    if "s" in flags:
        py_flags |= re.DOTALL
    source = re.escape(pattern) if "q" in flags else _translate(pattern, flags)
    try:
        return re.compile(source, py_flags)
    except re.error as error:
        raise ShapesError(f"invalid sh:pattern {pattern!r}: {error}") from None


def _translate(pattern: str, flags: str) -> str:
    out: list[str] = []
    in_class = False
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\" and i + 1 < len(pattern):
            out.append(pattern[i : i + 2])
            i += 2
            continue
        if in_class:
            if char == "[":
                out.append("\\[")  # XSD class subtraction is not supported: a literal bracket
            else:
                in_class = char != "]"
                out.append(char)
        elif char == "[":
            in_class = True
            out.append(char)
            if pattern[i + 1 : i + 2] == "^":
                out.append("^")
                i += 1
        elif "x" in flags and char in " \t\r\n":
            pass
        elif char == "$":
            out.append("$" if "m" in flags else r"\Z")
        elif char == "." and "s" not in flags:
            out.append(r"[^\n\r]")
        else:
            out.append(char)
        i += 1
    return "".join(out)


def matches(value: str, pattern: str, flags: str = "") -> bool:
    """Whether ``value`` contains a match of the XPath regex ``pattern``."""
    return compile_xpath(pattern, flags).search(value) is not None
