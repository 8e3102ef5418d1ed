"""The data graph as columns: one polars frame of (subject, predicate, object) N-Triples terms.

Terms are kept in pyoxigraph's canonical N-Triples syntax (``<iri>``, ``_:label``, ``"lexical"``,
``"lexical"@lang``, ``"lexical"^^<datatype>``; ``xsd:string`` literals plain, language tags lower
case, escapes as pyoxigraph writes them), so that equal RDF terms are equal strings.

An N-Triples file whose every line is already in that canonical form is read straight into columns
(polars, no Python object per triple); any other file, and any other format, is parsed by pyoxigraph
and written back as canonical N-Triples first. Lexical forms are never normalised.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from registry.errors import InputError
from registry.validate.socle_engine.index import GraphIndex

if TYPE_CHECKING:
    import polars as pl

XSD = "http://www.w3.org/2001/XMLSchema#"
_STRING_SUFFIX = f'"^^<{XSD}string>'
_IRI = r'<[A-Za-z][A-Za-z0-9+.\-]*:[^<>"{}|^`\\\x00-\x20]*>'
_BNODE = r"_:[A-Za-z0-9]+"
_LITERAL = r'"(?:[^"\\\x00-\x1f\x7f]|\\[tnr"\\])*"(?:@[a-z]+(?:-[a-z0-9]+)*|\^\^' + _IRI + ")?"
CANONICAL_LINE = rf"^(?:{_IRI}|{_BNODE}) {_IRI} (?:{_IRI}|{_BNODE}|{_LITERAL}) \.$"
_ESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))")
_SIMPLE_ESCAPES = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


class ColumnData:
    """Triples as three string columns ``s``, ``p``, ``o`` (a triple may repeat: the evaluator
    counts distinct pairs)."""

    def __init__(self, triples: pl.DataFrame) -> None:
        import polars as pl

        # subjects and objects as categoricals: joins, counts and look-ups work on integer codes
        self.triples = triples.with_columns(pl.col("s", "o").cast(pl.Categorical))
        self._index: GraphIndex | None = None

    def __len__(self) -> int:
        return self.triples.height

    # --- building ----------------------------------------------------------------------------

    @classmethod
    def from_files(cls, paths: Sequence[Path]) -> ColumnData:
        """Parse every file (format from its extension) and merge them into one graph."""
        import polars as pl

        from registry.validate.socle_engine.rdf_io import format_for

        frames = []
        for number, path in enumerate(paths):
            format = format_for(path)
            # a canonical N-Triples file goes from disk to columns: no copy of its bytes in Python
            frame = _canonical_file(path) if format == "ntriples" else None
            if frame is None:
                try:
                    data = path.read_bytes()
                except OSError as error:
                    raise InputError(f"{path}: cannot read ({error.strerror})") from None
                frame = _frame(data, format, path.resolve().as_uri())
                del data
            if len(paths) > 1:  # blank node labels are local to their file
                frame = frame.with_columns(pl.col(c).str.replace(r"^_:", f"_:f{number}x") for c in ("s", "o"))
            frames.append(frame)
        return cls(pl.concat(frames) if frames else _empty())

    @classmethod
    def from_bytes(cls, data: bytes, *, format: str, base_iri: str | None = None) -> ColumnData:
        return cls(_frame(data, format, base_iri))

    @classmethod
    def from_triples(cls, triples: Iterable[tuple[Node, Node, Node]]) -> ColumnData:
        """From rdflib terms (an rdflib graph or a :class:`GraphIndex`)."""
        import polars as pl

        rows = [(term_to_canonical(s), term_to_canonical(p), term_to_canonical(o)) for s, p, o in triples]
        if not rows:
            return cls(_empty())
        return cls(pl.DataFrame(rows, schema=["s", "p", "o"], orient="row"))

    def index(self) -> GraphIndex:
        """The same triples as a :class:`GraphIndex` of rdflib terms (for the node-by-node path)."""
        if self._index is None:
            self._index = GraphIndex(
                (to_term(s), to_term(p), to_term(o)) for s, p, o in self.triples.iter_rows()
            )
        return self._index


def _empty() -> pl.DataFrame:
    import polars as pl

    return pl.DataFrame(schema={"s": pl.String, "p": pl.String, "o": pl.String})


def _frame(data: bytes, format: str, base_iri: str | None) -> pl.DataFrame:

    from registry.validate.socle_engine.rdf_io import FORMATS, _refuse_unsafe

    if format == "ntriples":
        lines = _lines(data)
        if lines is not None and lines.str.contains(CANONICAL_LINE).all():
            return _split(lines)
    rdf_format = FORMATS.get(format)
    if rdf_format is None:
        from registry.errors import UnsupportedFormatError

        raise UnsupportedFormatError(f"unsupported RDF format {format!r}")
    _refuse_unsafe(data, format)
    try:
        quads = ox.parse(data, format=rdf_format, base_iri=base_iri, lenient=False)
        canonical = ox.serialize(_triples_only(quads), format=ox.RdfFormat.N_TRIPLES)
    except SyntaxError as error:
        raise InputError(f"{format} syntax error: {error.msg}", line=getattr(error, "lineno", None)) from None
    except (ValueError, OSError) as error:
        raise InputError(f"{format} cannot be read: {error}") from None
    lines = _lines(canonical or b"")
    return _split(lines) if lines is not None else _empty()


def _canonical_file(path: Path) -> pl.DataFrame | None:
    """The file's triples when every line is canonical N-Triples, else ``None``."""
    lines = _lines(path)
    if lines is None or not lines.str.contains(CANONICAL_LINE).all():
        return None
    return _split(lines)


def _triples_only(quads: Iterable[ox.Quad]) -> Iterable[ox.Triple]:
    for quad in quads:
        if isinstance(quad.subject, ox.Triple) or isinstance(quad.object, ox.Triple):
            raise InputError("RDF-star triples are not read")
        yield ox.Triple(quad.subject, quad.predicate, quad.object)


def _lines(data: bytes | Path) -> pl.Series | None:
    import polars as pl

    if isinstance(data, bytes) and not data.strip():
        return None
    try:
        frame = pl.read_csv(
            io.BytesIO(data) if isinstance(data, bytes) else data,
            has_header=False,
            separator="\x1f",
            quote_char=None,
            new_columns=["line"],
            schema={"line": pl.String},
        )
    except Exception:  # empty, not UTF-8, unreadable…: pyoxigraph (or read_bytes) says what is wrong
        return None
    return frame["line"] if frame.height else None


def _split(lines: pl.Series) -> pl.DataFrame:
    import polars as pl

    parts = lines.str.splitn(" ", 3)
    rest = parts.struct.field("field_2")
    o = rest.str.head(-2)  # canonical lines end with " ."
    if o.str.ends_with(_STRING_SUFFIX).any():
        o = pl.select(
            pl.when(o.str.ends_with(_STRING_SUFFIX)).then(o.str.strip_suffix(_STRING_SUFFIX[1:])).otherwise(o)
        ).to_series()
    return pl.DataFrame({"s": parts.struct.field("field_0"), "p": parts.struct.field("field_1"), "o": o})


# --- terms ---------------------------------------------------------------------------------------


def term_to_canonical(term: Node) -> str:
    """An rdflib term in pyoxigraph's canonical N-Triples syntax."""
    from registry.validate.socle_engine.sparql import to_ox

    return str(to_ox(term))


@lru_cache(maxsize=200_000)
def to_term(text: str) -> Node:
    """A canonical N-Triples term as an rdflib term (lexical form untouched)."""
    if text.startswith("<"):
        return URIRef(unescape(text[1:-1]))
    if text.startswith("_:"):
        return BNode(text[2:])
    lexical, lang, datatype = split_literal(text)
    if lang:
        return Literal(lexical, lang=lang, normalize=False)
    if datatype == XSD + "string":
        return Literal(lexical, normalize=False)
    return Literal(lexical, datatype=URIRef(datatype), normalize=False)


_LITERAL_PARTS = re.compile(r'"(.*)"(?:@([A-Za-z0-9-]+)|\^\^<([^>]*)>)?', re.DOTALL)


def split_literal(text: str) -> tuple[str, str | None, str]:
    """(lexical form, language, datatype IRI) of a canonical literal."""
    match = _LITERAL_PARTS.fullmatch(text)
    if match is None:
        raise ValueError(f"not an N-Triples literal: {text}")
    lexical, lang, datatype = match.groups()
    if lang:
        datatype = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
    return unescape(lexical), lang, datatype or XSD + "string"


def unescape(text: str) -> str:
    if "\\" not in text:
        return text
    return _ESCAPE.sub(_unescape_one, text)


def _unescape_one(match: re.Match[str]) -> str:
    short, long, char = match.groups()
    if short or long:
        return chr(int(short or long, 16))
    return _SIMPLE_ESCAPES.get(char, char)
