"""SPARQL query text: refusing the forms SHACL-SPARQL forbids; pre-binding by ``VALUES`` injection.

SHACL 5.3.1 pre-binds ``$this`` (and ``$currentShape``, ``$shapesGraph``) in *every* group of the
query, subqueries included. pyoxigraph's ``substitutions=`` binds once, outside the query, which
gets UNION branches, inner groups and subqueries wrong (W3C pre-binding-002, -003, -007). We inject
``VALUES (…) { (…) }`` at the start of every group graph pattern instead.
"""

from __future__ import annotations

import re

from registry.validate.socle_engine.errors import ShapesError

_TOKEN = re.compile(
    r"""
    (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
               |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<comment>\#[^\n\r]*)
  | (?P<var>[?$][A-Za-z0-9_\u00B7\u00C0-\uFFFF]+)
  | (?P<word>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<open>\{)
  | (?P<close>\})
  | (?P<other>\s+|.)
    """,
    re.VERBOSE | re.DOTALL,
)

PRE_BOUND = ("this", "currentShape", "shapesGraph", "value", "PATH")


def tokens(query: str) -> list[tuple[str, str]]:
    """The query as (kind, text) tokens; strings, IRIs and comments are single tokens."""
    return [(match.lastgroup or "other", match.group()) for match in _TOKEN.finditer(query)]


def check_query(query: str, *, where: str, parameters: tuple[str, ...] = ()) -> None:
    """Refuse what SHACL-SPARQL (5.3.1, "pre-bound variables") and Socle forbid in a query."""
    toks = [(k, t) for k, t in tokens(query) if k not in ("comment",) and not t.isspace()]
    words = [t.upper() for k, t in toks if k == "word"]
    for keyword, why in (
        ("MINUS", "MINUS is not allowed with pre-bound variables"),
        ("VALUES", "VALUES is not allowed with pre-bound variables"),
        ("SERVICE", "SERVICE (federated query) is not allowed"),
        ("FROM", "FROM is not allowed: a constraint queries the data graph only"),
    ):
        if keyword in words:
            raise ShapesError(f"{where}: {why}")
    for index, (kind, text) in enumerate(toks):
        if kind == "word" and text.upper() == "AS" and index + 1 < len(toks):
            following_kind, following = toks[index + 1]
            if following_kind == "var" and following[1:] in (*PRE_BOUND, *parameters):
                raise ShapesError(f"{where}: a pre-bound variable cannot be assigned ({text} {following})")
    _check_subqueries(toks, where)


def _check_subqueries(toks: list[tuple[str, str]], where: str) -> None:
    """Every subquery must project ``$this`` ("subqueries must return all pre-bound variables")."""
    selects = [i for i, (k, t) in enumerate(toks) if k == "word" and t.upper() == "SELECT"]
    for start in selects[1:]:
        projected: list[str] = []
        for kind, text in toks[start + 1 :]:
            if kind == "word" and text.upper() in ("WHERE", "FROM"):
                break
            if kind == "open":
                break
            projected.append(text)
        variables = {t[1:] for t in projected if t[:1] in "?$"}
        if "*" in projected or "this" not in variables:
            raise ShapesError(f"{where}: a subquery must project $this")


def inject_values(query: str, bindings: dict[str, str]) -> str:
    """Add ``VALUES (?a ?b) { (x y) }`` for ``bindings`` (variable → SPARQL term) in every group."""
    if not bindings:
        return query
    names = " ".join(f"?{name}" for name in bindings)
    row = " ".join(bindings.values())
    clause = f" VALUES ({names}) {{ ({row}) }} "
    toks = tokens(query)
    out: list[str] = []
    for index, (kind, text) in enumerate(toks):
        out.append(text)
        if kind == "open" and not _next_is_select(toks, index + 1):
            out.append(clause)
    return "".join(out)


def _next_is_select(toks: list[tuple[str, str]], start: int) -> bool:
    for kind, text in toks[start:]:
        if kind in ("comment",) or text.isspace():
            continue
        return kind == "word" and text.upper() == "SELECT"
    return False


def substitute_path(query: str, path: str) -> str:
    """Replace ``$PATH`` (``?PATH``) by the SPARQL path of the property shape (SHACL 5.3.1)."""
    return "".join(path if kind == "var" and text[1:] == "PATH" else text for kind, text in tokens(query))


def uses_variable(query: str, name: str) -> bool:
    """Whether ``$name``/``?name`` occurs in the query (outside strings, IRIs and comments)."""
    return any(kind == "var" and text[1:] == name for kind, text in tokens(query))
