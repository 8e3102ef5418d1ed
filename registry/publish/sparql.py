"""The read-only SPARQL endpoint: every published vocabulary and shapes graph, queried with pyoxigraph.

The dataset: each release's vocabulary in the named graph ``{base}def/{domain}/{version}`` and its
shapes in ``{base}def/{domain}/{version}/shapes``; the default graph is their union.

Queries come from strangers, so:

- :func:`check_query` (in the API process, linear time) reads the query's tokens the way the SPARQL
  grammar does (IRIs, strings, comments and prefixed names are not keywords) and refuses updates
  (``INSERT``, ``DELETE``, ``LOAD``, ``CLEAR``…) and ``SERVICE``: pyoxigraph would send a ``SERVICE``
  request over HTTP, and nothing a request says may make the registry fetch anything (``SECURITY.md``).
  ``FROM`` and ``FROM NAMED`` only choose among the graphs already in the store.
- :func:`run_query` runs in a worker process of a :class:`~registry.validate.pool.WorkerPool`, which kills
  it at its time limit; the store is loaded once per worker and per catalogue state (warm). The
  serialised result is capped in size.
"""

from __future__ import annotations

import asyncio
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import IO, Any, Literal, cast

from registry.catalog.releases import ReleaseCatalog
from registry.errors import InputError, SocleError, ValidationTimeoutError
from registry.validate.pool import PoolBusyError, PoolClosedError, Task, WorkerPool

QueryForm = Literal["SELECT", "ASK", "CONSTRUCT", "DESCRIBE"]

MAX_QUERY_CHARS = 64 * 1024
MAX_RESULT_BYTES = 32 * 1024 * 1024

RESULT_TYPES = {
    "application/sparql-results+json": "JSON",
    "application/sparql-results+xml": "XML",
    "text/csv": "CSV",
    "text/tab-separated-values": "TSV",
}
GRAPH_TYPES = {
    "text/turtle": "TURTLE",
    "application/n-triples": "N_TRIPLES",
    "application/rdf+xml": "RDF_XML",
    "application/ld+json": "JSON_LD",
}
ALIASES = {
    "application/json": "application/sparql-results+json",
    "application/xml": "application/sparql-results+xml",
    "text/xml": "application/sparql-results+xml",
    "application/x-turtle": "text/turtle",
    "text/plain": "application/n-triples",
}

UPDATE_KEYWORDS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH", "USING"}
)
FORMS: tuple[QueryForm, ...] = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")


class QueryRefusedError(InputError):
    """A query the endpoint will not run: an update, ``SERVICE``, a syntax error (HTTP 400)."""

    status = 400
    title = "Query refused"


class QueryTooLargeError(InputError):
    """The query text, or its result, is over the endpoint's limit."""

    status = 413
    title = "Query or result too large"


class QueryTimeoutError(SocleError):
    """The query went over the endpoint's time limit and was stopped (HTTP 503)."""

    status = 503
    title = "Query took too long"


# --- reading the query --------------------------------------------------------------------------

# The SPARQL 1.1 terminals that can hide a keyword: comments, IRIREF, the four string forms, variables
# and prefixed names (whose local part may hold escapes such as ``\#``). Every alternative consumes at
# least one character per step (linear time).
_TOKEN = re.compile(
    r"""
      (?P<comment>\#[^\n\r]*)
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<long1>'''(?:(?:'|'')?(?:[^'\\]|\\.))*''')
    | (?P<long2>\"\"\"(?:(?:"|"")?(?:[^"\\]|\\.))*\"\"\")
    | (?P<str1>'(?:[^'\\\n\r]|\\.)*')
    | (?P<str2>"(?:[^"\\\n\r]|\\.)*")
    | (?P<var>[?$][\w\u00b7\u0300-\u036f\u203f-\u2040]*)
    | (?P<pname>(?:[^\W\d][\w\-.\u00b7]*)?:(?:[\w\-.:%\u00b7]|\\.)*)
    | (?P<word>[^\W\d]\w*)
    | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_SERVICE = re.compile("service", re.IGNORECASE)
_OPAQUE = frozenset({"comment", "iri", "long1", "long2", "str1", "str2", "var"})


def _read(text: str) -> tuple[list[str], str]:
    """The bare words of ``text`` (upper-cased), and ``text`` with its comments, IRIs, strings and
    variables blanked out (what remains: keywords, prefixed names, numbers and punctuation)."""
    words: list[str] = []
    code: list[str] = []
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        if kind in _OPAQUE:
            code.append(" ")
            continue
        code.append(match.group())
        if kind == "word":
            words.append(match.group().upper())
    return words, "".join(code)


def _unescaped(text: str) -> str:
    def replace(match: re.Match[str]) -> str:
        try:
            return chr(int(match.group(1) or match.group(2), 16))
        except (ValueError, OverflowError):
            return match.group(0)

    return _ESCAPE.sub(replace, text)


def check_query(query: str) -> QueryForm:
    """The query's form (``SELECT``…), or ``QueryRefusedError`` for what the endpoint does not run."""
    if len(query) > MAX_QUERY_CHARS:
        raise QueryTooLargeError(f"The query is longer than {MAX_QUERY_CHARS} characters.")
    if not query.strip():
        raise QueryRefusedError(
            "The query is empty.", hint="Send a SPARQL query as ?query=, a form field or the body."
        )
    # Read the query as written, and as if \u escapes were decoded first (SPARQL 1.1 section 19.2).
    readings = [_read(query)]
    if "\\" in query:
        readings.append(_read(_unescaped(query)))
    for words, code in readings:
        # pyoxigraph needs no space around a keyword (``1SERVICE<…>`` calls a service): any "service"
        # outside IRIs, strings, comments and variables is refused, in a prefixed name too.
        if _SERVICE.search(code):
            raise QueryRefusedError(
                "SERVICE is not allowed: this endpoint never queries other endpoints.",
                hint="Query the registry's own graphs. A prefixed name containing 'service' is refused "
                "too: write that IRI in full (<…>).",
            )
        updates = sorted(UPDATE_KEYWORDS.intersection(words))
        if updates:
            raise QueryRefusedError(
                f"This endpoint is read-only: {', '.join(updates)} is an update operation.",
                hint="Use SELECT, ASK, CONSTRUCT or DESCRIBE.",
            )
    for word in readings[0][0]:
        if word in FORMS:
            return word
    raise QueryRefusedError(
        "This is not a SPARQL query: no SELECT, ASK, CONSTRUCT or DESCRIBE.",
        hint="Example: SELECT ?class WHERE { ?class a owl:Class }",
    )


# --- the dataset --------------------------------------------------------------------------------


@dataclass(frozen=True)
class GraphSource:
    """One file of the dataset: its named graph, path, syntax and digest."""

    graph: str
    path: str
    syntax: Literal["nt", "ttl"]
    sha256: str


def dataset_sources(catalog: ReleaseCatalog, base_uri: str) -> tuple[GraphSource, ...]:
    """Every release's vocabulary and shapes, with their graph names."""
    sources = []
    for release in catalog.releases():
        name = f"{base_uri}def/{release.domain}/{release.version}"
        artifacts = release.artifacts
        for artifact, graph, syntax in (
            ("vocabulary.nt", name, "nt"),
            ("shapes.ttl", f"{name}/shapes", "ttl"),
        ):
            if artifact in artifacts:
                sources.append(
                    GraphSource(
                        graph=graph,
                        path=str(release.artifact_path(artifact)),
                        syntax=syntax,  # type: ignore[arg-type]
                        sha256=str(artifacts[artifact]["sha256"]),
                    )
                )
    return tuple(sources)


# --- in a worker --------------------------------------------------------------------------------

_store: tuple[tuple[GraphSource, ...], Any] | None = None


def load_store(sources: Sequence[GraphSource]) -> Any:
    """The store of ``sources``, kept for the next query while the sources stay the same."""
    global _store
    import pyoxigraph

    key = tuple(sources)
    if _store is not None and _store[0] == key:
        return _store[1]
    store = pyoxigraph.Store()
    for source in key:
        with open(source.path, "rb") as handle:
            data = handle.read()
        fmt = pyoxigraph.RdfFormat.N_TRIPLES if source.syntax == "nt" else pyoxigraph.RdfFormat.TURTLE
        store.bulk_load(data, format=fmt, to_graph=pyoxigraph.NamedNode(source.graph))
    _store = (key, store)
    return store


class _CappedBuffer:
    """A write-only buffer that refuses to grow over ``limit`` bytes."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.parts: list[bytes] = []
        self.size = 0

    def write(self, data: bytes) -> int:
        self.size += len(data)
        if self.size > self.limit:
            raise QueryTooLargeError(
                f"The result is larger than {self.limit // (1024 * 1024)} MiB.",
                hint="Narrow the query or add a LIMIT.",
            )
        self.parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        return None


def run_query(
    sources: Sequence[GraphSource],
    query: str,
    media_type: str,
    *,
    default_graphs: Sequence[str] = (),
    named_graphs: Sequence[str] = (),
    max_bytes: int = MAX_RESULT_BYTES,
) -> bytes:
    """Evaluate ``query`` over the dataset and serialise its result as ``media_type`` (in a worker)."""
    import pyoxigraph

    store = load_store(sources)
    options: dict[str, Any] = {}
    if default_graphs:
        options["default_graph"] = [pyoxigraph.NamedNode(g) for g in default_graphs]
    elif "FROM" not in _read(query)[0]:  # the union would override the query's own FROM clauses
        options["use_default_graph_as_union"] = True
    if named_graphs:
        options["named_graphs"] = [pyoxigraph.NamedNode(g) for g in named_graphs]
    try:
        result = store.query(query, **options)
    except SyntaxError as exc:
        raise QueryRefusedError(f"The query cannot be parsed: {exc}") from None
    capped = _CappedBuffer(max_bytes)
    buffer = cast(IO[bytes], capped)
    try:
        if isinstance(result, pyoxigraph.QueryTriples):
            fmt = getattr(pyoxigraph.RdfFormat, GRAPH_TYPES.get(media_type, "TURTLE"))
            result.serialize(buffer, format=fmt)
        else:
            if media_type not in RESULT_TYPES:
                media_type = "application/sparql-results+json"
            result.serialize(buffer, format=getattr(pyoxigraph.QueryResultsFormat, RESULT_TYPES[media_type]))
    except QueryTooLargeError:
        raise
    except OSError as exc:  # an evaluation error (a graph pyoxigraph cannot read, a SERVICE…)
        raise QueryRefusedError(f"The query failed: {exc}") from None
    return b"".join(capped.parts)


# --- in the API process -------------------------------------------------------------------------


class SparqlBusyError(SocleError):
    """Every SPARQL worker is busy and the waiting line is full (HTTP 503)."""

    status = 503
    title = "SPARQL endpoint busy"


class SparqlEndpoint:
    """The endpoint's own small pool of warm worker processes, started on the first query.

    A pool apart from validation's, so that public queries never hold a validation worker; a query
    over ``timeout`` seconds has its worker killed (and replaced) and gets ``QueryTimeoutError``.
    """

    def __init__(self, *, timeout: float = 10.0, workers: int = 1, max_queue: int = 8) -> None:
        self.timeout = timeout
        self.workers = workers
        self.max_queue = max_queue
        self._pool: WorkerPool | None = None
        self._lock = threading.Lock()
        self._closed = False

    def pool(self, sources: Sequence[GraphSource]) -> WorkerPool:
        """The running pool (started now, its workers loading ``sources``, if it was not)."""
        with self._lock:
            if self._closed:
                raise PoolClosedError("The SPARQL endpoint is shutting down")
            if self._pool is None:
                pool = WorkerPool(
                    self.workers,
                    max_queue=self.max_queue,
                    default_timeout=self.timeout,
                    preload=("registry.publish.sparql",),
                    warm=Task(load_store, (tuple(sources),), label="sparql warm"),
                )
                pool.start()
                self._pool = pool
            return self._pool

    async def run(
        self,
        sources: Sequence[GraphSource],
        query: str,
        media_type: str,
        *,
        default_graphs: Sequence[str] = (),
        named_graphs: Sequence[str] = (),
    ) -> bytes:
        """Run a checked query in a worker, under the time limit."""
        pool = await asyncio.to_thread(self.pool, sources)
        task = Task(
            run_query,
            (tuple(sources), query, media_type),
            {"default_graphs": tuple(default_graphs), "named_graphs": tuple(named_graphs)},
            label="sparql",
        )
        try:
            result: bytes = await pool.run(task, timeout=self.timeout)
        except ValidationTimeoutError:
            raise QueryTimeoutError(
                f"The query took longer than {self.timeout:g} s and was stopped.",
                hint="Narrow the query: bind more variables, use GRAPH, add a LIMIT.",
            ) from None
        except PoolBusyError:
            raise SparqlBusyError(
                "Every SPARQL worker is busy and the queue is full.", hint="Try again in a few seconds."
            ) from None
        return result

    def close(self) -> None:
        with self._lock:
            self._closed = True
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.close(wait=False)
