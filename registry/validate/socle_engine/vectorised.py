"""The vectorised evaluator: whole columns per constraint (joins, group-by counts, column checks).

Targets, predicate and inverse paths, and the common components run over polars columns; checks
that need exact XSD semantics (lexical spaces, comparisons, XPath regexes) run once per *distinct*
value with the same functions as the node-by-node path, after a vectorised pre-filter that only
ever *accepts* values it can prove conforming. Everything else (other paths, shape-based and
logical components, closed shapes, SPARQL) falls back to the node-by-node path for the focus
nodes concerned, over the same data. Results are identical to :class:`Validator`'s.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import polars as pl
from rdflib import Literal
from rdflib.term import Node

from registry.validate.socle_engine import model as m
from registry.validate.socle_engine.columns import ColumnData, split_literal, term_to_canonical, to_term
from registry.validate.socle_engine.components import CHECKS
from registry.validate.socle_engine.paths import InversePath, PredicatePath, evaluate
from registry.validate.socle_engine.results import RawResult
from registry.validate.socle_engine.xsd import XSD, comparable, compare, is_well_formed

if TYPE_CHECKING:
    from registry.validate.socle_engine.compiler import CompiledGraph
    from registry.validate.socle_engine.evaluator import Validator

RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
SUBCLASS = "<http://www.w3.org/2000/01/rdf-schema#subClassOf>"
LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
_NUMERIC_TYPES = {
    XSD + t
    for t in (
        "decimal", "integer", "double", "float", "long", "int", "short", "byte", "nonNegativeInteger",
        "positiveInteger", "nonPositiveInteger", "negativeInteger", "unsignedLong", "unsignedInt",
        "unsignedShort", "unsignedByte",
    )
}  # fmt: skip
_PLAIN_NUMBER = r"^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)$"
# Datatypes whose lexical space a Rust regex decides exactly (no range or day-of-month check).
_REGEX_DATATYPES = {
    XSD + "decimal": _PLAIN_NUMBER,
    XSD + "integer": r"^[+-]?[0-9]+$",
    XSD + "double": r"^(?:[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|[+-]?INF|NaN)$",
    XSD + "float": r"^(?:[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|[+-]?INF|NaN)$",
    XSD + "boolean": r"^(?:true|false|1|0)$",
    XSD + "string": r"^.*$",
}
_LANGUAGE_TAG = r'"@([a-z0-9-]+)$'  # canonical terms: tags in lower case, a plain literal ends with "
_BAD_XML_CHARS = "[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]"

Frame = pl.DataFrame  # columns f (focus) and v (value), N-Triples terms as categoricals
TERM = pl.Categorical


class ColumnValidator:
    """One validation of columnar data against compiled shapes."""

    def __init__(self, data: ColumnData, shapes: CompiledGraph) -> None:
        self.data = data
        self.shapes = shapes
        self.triples = data.triples
        self._by_predicate: dict[str, pl.DataFrame] = {}
        self._subclasses: dict[str, list[str]] = {}
        self._instances: dict[str, pl.Series] = {}
        self._terms: dict[str, tuple[str, str | None, str] | None] = {}
        self._nodes: Validator | None = None
        self._in_progress: set[Node] = set()
        self._counts: tuple[Frame, pl.DataFrame] | None = None

    # --- data access -------------------------------------------------------------------------

    def predicate(self, iri: str) -> pl.DataFrame:
        """Subject and object columns of one predicate."""
        if not self._by_predicate:
            self._by_predicate = {
                str(key[0]): frame.select("s", "o")
                for key, frame in self.triples.partition_by("p", as_dict=True).items()
            }
            self._by_predicate[""] = self.triples.clear().select("s", "o")
        return self._by_predicate.get(iri, self._by_predicate[""])

    @property
    def nodes(self) -> Validator:
        """The node-by-node validator over the same data (built on first use)."""
        if self._nodes is None:
            from registry.validate.socle_engine.evaluator import Validator

            self._nodes = Validator(self.data.index(), self.shapes)
        return self._nodes

    def subclasses(self, cls: str) -> list[str]:
        if cls not in self._subclasses:
            edges = self.predicate(SUBCLASS)
            seen, frontier = {cls}, [cls]
            while frontier and edges.height:
                reached = edges.filter(pl.col("o").is_in(frontier))["s"].to_list()
                frontier = [c for c in reached if c not in seen]
                seen.update(frontier)
            self._subclasses[cls] = sorted(seen)
        return self._subclasses[cls]

    def instances(self, cls: str) -> pl.Series:
        if cls not in self._instances:
            types = self.predicate(RDF_TYPE)
            self._instances[cls] = types.filter(pl.col("o").is_in(self.subclasses(cls)))["s"].unique()
        return self._instances[cls]

    # --- the walk ----------------------------------------------------------------------------

    def run(self) -> Iterator[RawResult]:
        for shape in self.shapes.targeted:
            focus = self.focus_nodes(shape.targets)
            if len(focus):
                yield from self.check(shape, focus)

    def focus_nodes(self, targets: m.Targets) -> pl.Series:
        parts = [pl.Series("f", [term_to_canonical(n) for n in targets.nodes], dtype=pl.String).cast(TERM)]
        for cls in targets.classes:
            parts.append(self.instances(term_to_canonical(cls)).rename("f"))
        for predicate in targets.subjects_of:
            parts.append(self.predicate(term_to_canonical(predicate))["s"].rename("f"))
        for predicate in targets.objects_of:
            parts.append(self.predicate(term_to_canonical(predicate))["o"].rename("f"))
        return pl.concat(parts).unique()

    def values(self, shape: m.Shape, focus: pl.Series) -> Frame | None:
        """(focus, value) pairs of a property shape; ``None`` when the path is not simple."""
        frame = pl.DataFrame({"f": focus})
        path = shape.path
        if isinstance(path, PredicatePath):
            pairs = self.predicate(term_to_canonical(path.iri)).rename({"s": "f", "o": "v"})
        elif isinstance(path, InversePath) and isinstance(path.path, PredicatePath):
            pairs = self.predicate(term_to_canonical(path.path.iri)).rename({"o": "f", "s": "v"})
        else:
            return None
        return pairs.select("f", "v").join(frame, on="f", how="semi").unique()

    def check(self, shape: m.Shape, focus: pl.Series) -> Iterator[RawResult]:
        if shape.deactivated:
            return
        focus = focus.cast(TERM)
        if shape.path is None:
            pairs: Frame | None = pl.DataFrame({"f": focus, "v": focus})
        else:
            pairs = self.values(shape, focus)
        if pairs is None:
            yield from self.fallback(shape, shape.constraints, focus)
            return
        slow: list[m.Constraint] = []
        for constraint in shape.constraints:
            vector = VECTOR.get(type(constraint))
            if vector is None:
                slow.append(constraint)
                continue
            found = vector(self, shape, constraint, focus, pairs)
            if found is None:
                slow.append(constraint)
            else:
                yield from found
        if slow:
            yield from self.fallback(shape, tuple(slow), focus)

    def fallback(
        self, shape: m.Shape, constraints: tuple[m.Constraint, ...], focus: pl.Series
    ) -> Iterator[RawResult]:
        """The node-by-node path for these constraints and focus nodes."""
        nodes = self.nodes
        for text in focus.to_list():
            node = to_term(text)
            values = [node] if shape.path is None else evaluate(nodes.data, shape.path, node)
            for constraint in constraints:
                yield from CHECKS[type(constraint)](nodes, shape, constraint, node, values)

    def conforming(self, shape_node: Node, values: pl.Series) -> pl.Series | None:
        """The values that conform to a shape, in bulk; ``None`` when results cannot be traced
        back to the value they come from (property shapes nested in property shapes) or when the
        shape is already being checked (a recursive shape: the node-by-node path decides)."""
        shape = self.shapes.shapes.get(shape_node)
        if shape is None:
            return values  # not a shape: every node conforms, as node by node
        if shape_node in self._in_progress or not self._traceable(shape):
            return None
        self._in_progress.add(shape_node)
        try:
            failing = {term_to_canonical(r.focus) for r in self.check(shape, values)}
        finally:
            self._in_progress.discard(shape_node)
        return values.filter(~values.is_in(_series(failing)))

    def _traceable(self, shape: m.Shape) -> bool:
        for constraint in shape.constraints:
            if isinstance(constraint, m.PropertyConstraint):
                child = self.shapes.shapes.get(constraint.shape)
                if child is None:
                    continue
                if shape.path is not None or not self._traceable(child):
                    return False
        return True

    # --- helpers -----------------------------------------------------------------------------

    def counts(self, pairs: Frame) -> pl.DataFrame:
        """Values per focus node (focus nodes without values absent), shared by min and max."""
        if self._counts is None or self._counts[0] is not pairs:
            self._counts = (pairs, pairs.group_by("f").len())
        return self._counts[1]

    def literal(self, text: str) -> tuple[str, str | None, str] | None:
        """(lexical, language, datatype) of a literal term, ``None`` for IRIs and blank nodes."""
        if text in self._terms:
            return self._terms[text]
        parts = split_literal(text) if text.startswith('"') else None
        self._terms[text] = parts
        return parts


def _result(shape: m.Shape, constraint: m.Constraint, focus: str, value: str | None = None) -> RawResult:
    return RawResult(
        focus=to_term(focus),
        component=constraint.component,
        shape=shape.node,
        severity=shape.severity,
        path=shape.path,
        value=to_term(value) if value is not None else None,
        messages=shape.messages,
    )


def _failing_values(
    cv: ColumnValidator,
    shape: m.Shape,
    constraint: m.Constraint,
    pairs: Frame,
    bad: set[str] | pl.Series,
) -> list[RawResult]:
    rows = pairs.filter(pl.col("v").is_in(_series(bad))) if len(bad) else pairs.clear()
    return [_result(shape, constraint, f, v) for f, v in rows.iter_rows()]


def _distinct(pairs: Frame) -> pl.Series:
    """The distinct values (categorical)."""
    return pairs["v"].unique()


def _series(values: Iterable[str] | pl.Series) -> pl.Series:
    """Values as one list argument for ``is_in`` (the column's own categories)."""
    series = values if isinstance(values, pl.Series) else pl.Series(list(values), dtype=pl.String)
    return series.cast(TERM).implode()


VectorCheck = Callable[[ColumnValidator, m.Shape, Any, pl.Series, Frame], "list[RawResult] | None"]


def v_count(
    cv: ColumnValidator, shape: m.Shape, c: m.CountConstraint, focus: pl.Series, pairs: Frame
) -> list[RawResult] | None:
    if shape.path is None:
        return None
    counts = cv.counts(pairs)
    if c.is_min:
        enough = counts.filter(pl.col("len") >= c.bound)["f"]
        failing = focus.filter(~focus.is_in(_series(enough))) if c.bound > 0 else focus.clear()
    else:
        failing = counts.filter(pl.col("len") > c.bound)["f"]
    return [_result(shape, c, f) for f in failing.to_list()]


def v_node_kind(
    cv: ColumnValidator, shape: m.Shape, c: m.NodeKindConstraint, focus: pl.Series, pairs: Frame
) -> list[RawResult] | None:
    kinds = {
        "IRI": ("<",), "BlankNode": ("_",), "Literal": ('"',), "BlankNodeOrIRI": ("<", "_"),
        "BlankNodeOrLiteral": ("_", '"'), "IRIOrLiteral": ("<", '"'),
    }.get(str(c.kind).rsplit("#", 1)[-1], ())  # fmt: skip
    first = pl.col("v").cast(pl.String).str.slice(0, 1)
    return [_result(shape, c, f, v) for f, v in pairs.filter(~first.is_in(list(kinds))).iter_rows()]


def v_datatype(
    cv: ColumnValidator, shape: m.Shape, c: m.DatatypeConstraint, focus: pl.Series, pairs: Frame
) -> list[RawResult] | None:
    datatype = str(c.datatype)
    values = _distinct(pairs).cast(pl.String)
    if datatype == XSD + "string":
        suffix_ok = pl.col("v").str.starts_with('"') & pl.col("v").str.ends_with('"')
    elif datatype == LANG_STRING:
        suffix_ok = pl.col("v").str.contains(r'^".*"@[A-Za-z0-9-]+$')
    else:
        suffix_ok = pl.col("v").str.starts_with('"') & pl.col("v").str.ends_with(f'"^^<{datatype}>')
    frame = pl.DataFrame({"v": values}).with_columns(suffix_ok.alias("typed"))
    bad = set(frame.filter(~pl.col("typed"))["v"].to_list())
    typed = frame.filter(pl.col("typed"))["v"]
    if datatype == LANG_STRING:
        return _failing_values(cv, shape, c, pairs, bad)
    pattern = _REGEX_DATATYPES.get(datatype)
    if pattern is not None and datatype != XSD + "string":
        lexical = typed.str.slice(1).str.replace(r'"\^\^<[^>]*>$', "")
        clean = ~lexical.str.contains("\\\\") & ~lexical.str.contains(_BAD_XML_CHARS)
        ok = clean & lexical.str.contains(pattern)
        typed = typed.filter(~ok)
    elif datatype == XSD + "string":
        typed = typed.filter(typed.str.contains("\\\\") | typed.str.contains(_BAD_XML_CHARS))
    for text in typed.to_list():
        parts = cv.literal(text)
        if parts is None or not is_well_formed(parts[0], datatype):
            bad.add(text)
    return _failing_values(cv, shape, c, pairs, bad)


def v_class(
    cv: ColumnValidator, shape: m.Shape, c: m.ClassConstraint, focus: pl.Series, pairs: Frame
) -> list[RawResult] | None:
    instances = cv.instances(term_to_canonical(c.cls))
    failing = pairs.filter(~pl.col("v").is_in(_series(instances)))
    return [_result(shape, c, f, v) for f, v in failing.iter_rows()]


def v_in(
    cv: ColumnValidator, shape: m.Shape, c: m.InConstraint, focus: pl.Series, pairs: Frame
) -> list[RawResult] | None:
    allowed = [term_to_canonical(v) for v in c.values]
    failing = pairs.filter(~pl.col("v").is_in(_series(allowed)))
    return [_result(shape, c, f, v) for f, v in failing.iter_rows()]


def v_has_value(
    cv: ColumnValidator, shape: m.Shape, c: m.HasValueConstraint, focus: pl.Series, pairs: Frame
) -> list[RawResult] | None:
    having = pairs.filter(pl.col("v") == term_to_canonical(c.value))["f"]
    return [_result(shape, c, f) for f in focus.filter(~focus.is_in(_series(having))).to_list()]


def _lexical_frame(values: pl.Series) -> pl.DataFrame:
    """Distinct value terms with their lexical form (``None`` for blank nodes and for terms with
    escapes, which are decoded one by one)."""
    literal = pl.col("v").str.extract(r'^"([^"\\]*)"(?:@[A-Za-z0-9-]+|\^\^<[^>]*>)?$', 1)
    iri = pl.col("v").str.extract(r"^<([^\\>]*)>$", 1)
    return pl.DataFrame({"v": values.cast(pl.String)}).with_columns(
        pl.when(pl.col("v").str.starts_with('"')).then(literal).otherwise(iri).alias("lex")
    )


def _lexical_pairs(values: pl.Series) -> Iterator[tuple[str, str | None]]:
    """(term, lexical form) for each distinct term; ``None`` for blank nodes."""
    for text, lexical in _lexical_frame(values).iter_rows():
        if lexical is None and not text.startswith("_:"):
            lexical = str(to_term(text))
        yield text, lexical


_SAFE_ESCAPES = set(".-+()/[]{}?*|^$\\nrt")


def rust_regex(pattern: str, flags: str) -> str | None:
    """The Rust-regex form of a translated XPath pattern when both engines match exactly the same
    strings (ASCII only, no flags, no class escapes such as ``\\s`` whose members differ)."""
    if flags or "(?" in pattern or not all(" " <= ch <= "~" for ch in pattern):
        return None
    out, i = [], 0
    while i < len(pattern):
        if pattern[i] == "\\":
            escaped = pattern[i + 1 : i + 2]
            if escaped == "Z":
                out.append("\\z")
            elif escaped in _SAFE_ESCAPES:
                out.append("\\" + escaped)
            else:
                return None
            i += 2
            continue
        out.append(pattern[i])
        i += 1
    return "".join(out)


def v_pattern(
    cv: ColumnValidator, shape: m.Shape, c: m.PatternConstraint, focus: pl.Series, pairs: Frame
) -> list[RawResult] | None:
    values = _distinct(pairs)
    translated = rust_regex(c.regex.pattern, c.flags)
    if translated is not None:
        # terms with escapes and blank nodes have no lexical column: they take the exact path
        frame = _lexical_frame(values)
        accepted = frame.filter(pl.col("lex").str.contains(translated).fill_null(False))["v"]
        values = values.filter(~values.is_in(_series(accepted)))
    search = c.regex.search
    bad = {text for text, lexical in _lexical_pairs(values) if lexical is None or search(lexical) is None}
    return _failing_values(cv, shape, c, pairs, bad)


def v_length(
    cv: ColumnValidator, shape: m.Shape, c: m.LengthConstraint, focus: pl.Series, pairs: Frame
) -> list[RawResult] | None:
    bad: set[str] = set()
    for text, lexical in _lexical_pairs(_distinct(pairs)):
        if lexical is None or ((len(lexical) < c.bound) if c.is_min else (len(lexical) > c.bound)):
            bad.add(text)
    return _failing_values(cv, shape, c, pairs, bad)


def v_range(
    cv: ColumnValidator, shape: m.Shape, c: m.RangeConstraint, focus: pl.Series, pairs: Frame
) -> list[RawResult] | None:
    bound = comparable(c.bound)
    values = _distinct(pairs).cast(pl.String)
    if bound is not None and bound.family == "numeric" and isinstance(bound.value, Decimal):
        # fast accept: plain decimal lexical forms of a numeric datatype clearly inside the bound
        limit = float(bound.value)
        margin = 1e-9 * (abs(limit) + 1)
        parts = pl.col("v").str.split_exact('"^^<', 1)
        frame = pl.DataFrame({"v": values}).with_columns(
            parts.struct.field("field_0").str.slice(1).alias("lex"),
            parts.struct.field("field_1").str.strip_suffix(">").alias("dt"),
        )
        plain = pl.col("lex").str.contains(_PLAIN_NUMBER) & pl.col("dt").is_in(list(_REGEX_DATATYPES))
        plain = plain & pl.col("dt").is_in(list(_NUMERIC_TYPES)) & (pl.col("lex").str.len_bytes() < 16)
        number = pl.col("lex").cast(pl.Float64, strict=False)
        inside = {
            frozenset({1}): number > limit + margin,
            frozenset({0, 1}): number > limit + margin,
            frozenset({-1}): number < limit - margin,
            frozenset({-1, 0}): number < limit - margin,
        }[c.accepted]
        frame = frame.with_columns((plain & inside).fill_null(False).alias("ok"))
        values = frame.filter(~pl.col("ok"))["v"]
    bad: set[str] = set()
    for text in values.to_list():
        left = comparable(to_term(text))
        order = compare(left, bound) if left is not None and bound is not None else None
        if order not in c.accepted:
            bad.add(text)
    return _failing_values(cv, shape, c, pairs, bad)


def v_language_in(
    cv: ColumnValidator, shape: m.Shape, c: m.LanguageInConstraint, focus: pl.Series, pairs: Frame
) -> list[RawResult] | None:
    tag = pl.col("v").str.extract(_LANGUAGE_TAG, 1)
    matched = pl.lit(False)
    for language_range in (r.lower() for r in c.languages):
        if language_range == "*":
            matched = matched | (tag != "")
        else:
            matched = matched | (tag == language_range) | tag.str.starts_with(language_range + "-")
    frame = pl.DataFrame({"v": _distinct(pairs).cast(pl.String)}).with_columns(
        matched.fill_null(False).alias("ok")
    )
    return _failing_values(cv, shape, c, pairs, frame.filter(~pl.col("ok"))["v"])


def v_unique_lang(
    cv: ColumnValidator, shape: m.Shape, c: m.UniqueLangConstraint, focus: pl.Series, pairs: Frame
) -> list[RawResult] | None:
    tagged = pairs.with_columns(
        pl.col("v").cast(pl.String).str.extract(_LANGUAGE_TAG, 1).alias("tag")
    ).filter(pl.col("tag").is_not_null())
    repeated = tagged.group_by("f", "tag").len().filter(pl.col("len") > 1)
    return [_result(shape, c, f) for f in repeated["f"].to_list()]


def v_pair(
    cv: ColumnValidator, shape: m.Shape, c: m.PairConstraint, focus: pl.Series, pairs: Frame
) -> list[RawResult] | None:
    others = cv.predicate(term_to_canonical(c.predicate)).rename({"s": "f", "o": "v"})
    others = others.join(pl.DataFrame({"f": focus}), on="f", how="semi").unique()
    if c.kind in ("lessThan", "lessThanOrEquals"):
        return _ordered_pairs(shape, c, pairs, others)
    if c.kind == "disjoint":
        shared = pairs.join(others, on=["f", "v"], how="semi")
        return [_result(shape, c, f, v) for f, v in shared.iter_rows()]
    mine_only = pairs.join(others, on=["f", "v"], how="anti")
    theirs_only = others.join(pairs, on=["f", "v"], how="anti")
    return [_result(shape, c, f, v) for f, v in pl.concat([mine_only, theirs_only]).iter_rows()]


def _ordered_pairs(shape: m.Shape, c: m.PairConstraint, pairs: Frame, others: Frame) -> list[RawResult]:
    """sh:lessThan(OrEquals): a result for each value and other value not in order (or not comparable)."""
    accepted = {-1} if c.kind == "lessThan" else {-1, 0}
    joined = pairs.join(others.rename({"v": "w"}), on="f", how="inner")
    bad: list[tuple[str, str]] = []
    for value, other in joined.select("v", "w").unique().iter_rows():
        left, right = comparable(to_term(value)), comparable(to_term(other))
        order = compare(left, right) if left is not None and right is not None else None
        if order not in accepted:
            bad.append((value, other))
    if not bad:
        return []
    failing = pl.DataFrame(bad, schema={"v": pl.String, "w": pl.String}, orient="row").cast(TERM)
    rows = joined.join(failing, on=["v", "w"], how="semi")
    return [_result(shape, c, f, v) for f, v, _w in rows.iter_rows()]


def v_property(
    cv: ColumnValidator, shape: m.Shape, c: m.PropertyConstraint, focus: pl.Series, pairs: Frame
) -> Iterator[RawResult]:
    child = cv.shapes.shapes.get(c.shape)
    if child is None:
        return iter(())
    if shape.path is None:
        return cv.check(child, focus) if len(focus) else iter(())
    return _repeated(cv.check(child, pairs["v"].unique()), pairs)


def _repeated(results: Iterator[RawResult], pairs: Frame) -> Iterator[RawResult]:
    """A value reached from several focus nodes is validated once per focus node (as node by node)."""
    counts = dict(pairs.group_by("v").len().iter_rows())
    for result in results:
        for _ in range(counts.get(term_to_canonical(result.focus), 1)):
            yield result


def v_node(
    cv: ColumnValidator, shape: m.Shape, c: m.NodeConstraint, focus: pl.Series, pairs: Frame
) -> list[RawResult] | None:
    values = _distinct(pairs)
    good = cv.conforming(c.shape, values)
    if good is None:
        return None
    return _failing_values(cv, shape, c, pairs, values.filter(~values.is_in(_series(good))))


def v_not(
    cv: ColumnValidator, shape: m.Shape, c: m.NotConstraint, focus: pl.Series, pairs: Frame
) -> list[RawResult] | None:
    good = cv.conforming(c.shape, _distinct(pairs))
    return None if good is None else _failing_values(cv, shape, c, pairs, good)


def v_list_logic(
    cv: ColumnValidator, shape: m.Shape, c: m.ListLogicConstraint, focus: pl.Series, pairs: Frame
) -> list[RawResult] | None:
    values = _distinct(pairs)
    frame = pl.DataFrame({"v": values})
    passed = pl.lit(0, dtype=pl.Int64)
    for member in c.shapes:
        good = cv.conforming(member, values)
        if good is None:
            return None
        passed = passed + pl.col("v").is_in(_series(good)).cast(pl.Int64)
    wanted = {"and": passed == len(c.shapes), "or": passed >= 1, "xone": passed == 1}[c.kind]
    return _failing_values(cv, shape, c, pairs, frame.filter(~wanted)["v"])


VECTOR: dict[type[m.Constraint], Callable[..., Any]] = {
    m.NodeConstraint: v_node,
    m.NotConstraint: v_not,
    m.ListLogicConstraint: v_list_logic,
    m.CountConstraint: v_count,
    m.NodeKindConstraint: v_node_kind,
    m.DatatypeConstraint: v_datatype,
    m.ClassConstraint: v_class,
    m.InConstraint: v_in,
    m.HasValueConstraint: v_has_value,
    m.PatternConstraint: v_pattern,
    m.LengthConstraint: v_length,
    m.RangeConstraint: v_range,
    m.LanguageInConstraint: v_language_in,
    m.UniqueLangConstraint: v_unique_lang,
    m.PairConstraint: v_pair,
    m.PropertyConstraint: v_property,
}

__all__ = ["ColumnValidator", "Literal", "Node"]
