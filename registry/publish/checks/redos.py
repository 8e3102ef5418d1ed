"""Static analysis of a Python regular expression for catastrophic (exponential) backtracking.

A backtracking matcher such as Python's ``re`` takes exponential time on a failing input exactly when
the pattern is *exponentially ambiguous*: some text can be matched in two different ways from a
state back to the same state, so ``n`` repetitions of it can be matched in ``2^n`` ways, all tried
before giving up. ``(a+)+``, ``(a*)*``, ``(\\w+\\s?)+`` (nested repeats), ``(a|a)*``, ``(\\d|\\d\\d)+``
(overlapping alternatives) and ``(\\w+\\d+)+`` (adjacent repeats over overlapping characters inside a
repeat) are such patterns; ``^[a-z]+(-[a-z]+)*$`` and ``\\w+\\w+`` are not.

The pattern is read with Python's own parser (``re._parser``, so that the tree is the one ``re``
compiles, common prefixes of alternatives factored out), turned into a position automaton (Glushkov)
whose transitions count the distinct ways the pattern's operators create them, and the automaton is
squared: a strongly connected component of the square that holds a pair ``(q, q)`` and also a pair
of different states, or a transition taken in two ways, is a pumpable ambiguous loop (the EDA
criterion of Weber and Seidl). Character classes are compared on a sample alphabet that holds every
character the pattern names, every range bound, ASCII, Latin-1 and representatives of other Unicode
categories.

Repeats with a large upper bound (``{0,99}``) count as unbounded: ``(a|a){0,99}`` is not infinite but
still ``2^99``. Look-arounds are analysed for loops of their own; anchors, atomic groups and
possessive repeats are treated as plain patterns (never more lenient than ``re``).
"""

from __future__ import annotations

import re
import unicodedata
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parser  # type: ignore[attr-defined]
from typing import Any

EXACT_UNROLL = 100
"""``x{m}`` is expanded into ``m`` copies up to this count (an exact count adds no ambiguity)."""
RANGE_UNROLL = 16
"""``x{m,n}`` is expanded up to this upper bound; above it, it is analysed as ``x{m,}``."""
MAX_POSITIONS = 1500
MAX_PAIRS = 250_000

_SAMPLES = "ſKİıЖж中٣०\u00a0\u2003\u2028\u200b\U0001f600"
_CATEGORY_REGEX = {
    sre.CATEGORY_DIGIT: r"\d",
    sre.CATEGORY_NOT_DIGIT: r"\D",
    sre.CATEGORY_SPACE: r"\s",
    sre.CATEGORY_NOT_SPACE: r"\S",
    sre.CATEGORY_WORD: r"\w",
    sre.CATEGORY_NOT_WORD: r"\W",
}


class TooComplexError(Exception):
    """The pattern is too large to be proven safe within the analysis' budget."""


@dataclass(frozen=True)
class Ambiguity:
    """A text that a loop of the pattern matches in two ways: repeated, it matches in ``2^n`` ways."""

    pumped: str
    """The repeated text (one iteration of the ambiguous loop)."""


def find_ambiguity(source: str, flags: int = 0) -> Ambiguity | None:
    """The exponentially ambiguous loop of the Python regex ``source``, or ``None`` when it has none.

    Raises ``re.error`` when ``source`` is not a regex, :class:`TooComplexError` when it is too large
    to analyse."""
    tree = sre_parser.parse(source, flags)
    alphabet = _Alphabet(tree, int(tree.state.flags))
    automaton = _Automaton(alphabet)
    fragment = automaton.build(list(tree), int(tree.state.flags))
    automaton.connect_start(fragment)
    return _Square(automaton).find()


# --- characters ------------------------------------------------------------------------------------


def _walk(items: Iterable[tuple[Any, Any]]) -> Iterator[tuple[Any, Any]]:
    """Every (op, argument) of a parse tree, nested ones included."""
    for op, av in items:
        yield op, av
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            yield from _walk(av[2])
        elif op == sre.SUBPATTERN:
            yield from _walk(av[3])
        elif op == sre.BRANCH:
            for branch in av[1]:
                yield from _walk(branch)
        elif op in (sre.ASSERT, sre.ASSERT_NOT):
            yield from _walk(av[1])
        elif op == sre.ATOMIC_GROUP:
            yield from _walk(av)
        elif op == sre.GROUPREF_EXISTS:
            yield from _walk(av[1])
            if av[2] is not None:
                yield from _walk(av[2])
        elif op == sre.IN:
            yield from _walk(av)


class _Alphabet:
    """Sample characters on which character sets are compared, and sets as bit masks over them."""

    def __init__(self, tree: Any, flags: int) -> None:
        codes = set(range(0x100)) | {ord(c) for c in _SAMPLES}
        for op, av in _walk(list(tree)):
            if op in (sre.LITERAL, sre.NOT_LITERAL):
                codes.add(av)
            elif op in (sre.RANGE, sre.RANGE_UNI_IGNORE):
                codes.update(av)
        self.chars = [chr(c) for c in sorted(codes)]
        self.flags = flags
        self.full = (1 << len(self.chars)) - 1
        self._category_cache: dict[tuple[Any, int], int] = {}

    def mask(self, test: Any) -> int:
        out = 0
        for index, char in enumerate(self.chars):
            if test(char):
                out |= 1 << index
        return out

    def literal(self, code: int, flags: int) -> int:
        wanted = chr(code)
        if flags & re.IGNORECASE:
            return self.mask(lambda c: c.lower() == wanted.lower() or c.upper() == wanted.upper())
        return self.mask(lambda c: c == wanted)

    def category(self, name: Any, flags: int) -> int:
        key = (name, flags & re.ASCII)
        if key not in self._category_cache:
            compiled = re.compile(_CATEGORY_REGEX.get(name, r"[\s\S]"), flags & re.ASCII)
            self._category_cache[key] = self.mask(lambda c: compiled.fullmatch(c) is not None)
        return self._category_cache[key]

    def any(self, flags: int) -> int:
        if flags & re.DOTALL:
            return self.full
        return self.mask(lambda c: c != "\n")

    def char_set(self, items: list[tuple[Any, Any]], flags: int) -> int:
        negate = False
        out = 0
        for op, av in items:
            if op == sre.NEGATE:
                negate = True
            elif op == sre.LITERAL:
                out |= self.literal(av, flags)
            elif op in (sre.RANGE, sre.RANGE_UNI_IGNORE):
                low, high = av
                if flags & re.IGNORECASE:
                    out |= self.mask(
                        lambda c, lo=low, hi=high: any(lo <= ord(v) <= hi for v in {c, c.lower(), c.upper()})
                    )
                else:
                    out |= self.mask(lambda c, lo=low, hi=high: lo <= ord(c) <= hi)
            elif op == sre.CATEGORY:
                out |= self.category(av, flags)
            else:  # an item the parser does not put in sets today: assume anything
                out = self.full
        return self.full & ~out if negate else out

    def example(self, mask: int) -> str:
        """A readable character of ``mask`` (ASCII letters and digits first)."""
        chosen = [c for i, c in enumerate(self.chars) if mask >> i & 1]
        for wanted in (str.islower, str.isdigit, str.isupper):
            for char in chosen:
                if char.isascii() and wanted(char):
                    return char
        for char in chosen:
            if char.isprintable() and not unicodedata.category(char).startswith("Z"):
                return char
        return chosen[0] if chosen else "?"


# --- the position automaton, with multiplicities -------------------------------------------------


def _cap(count: int) -> int:
    return min(count, 2)


@dataclass
class _Fragment:
    """A sub-pattern: the ways it can start at each position, end at each position, or match ``""``."""

    first: dict[int, int] = field(default_factory=dict)
    last: dict[int, int] = field(default_factory=dict)
    empty: int = 1


def _scaled(ways: dict[int, int], factor: int) -> dict[int, int]:
    return {p: _cap(w * factor) for p, w in ways.items()} if factor else {}


def _merged(a: dict[int, int], b: dict[int, int]) -> dict[int, int]:
    out = dict(a)
    for position, ways in b.items():
        out[position] = _cap(out.get(position, 0) + ways)
    return out


class _Automaton:
    """Glushkov positions (one per character matched), each with its character mask; transitions
    ``(from, to) -> ways`` where ``ways`` (capped at 2) counts the distinct ways the pattern's
    operators create that transition. State 0 is the start."""

    def __init__(self, alphabet: _Alphabet) -> None:
        self.alphabet = alphabet
        self.masks: list[int] = [0]
        self.edges: dict[tuple[int, int], int] = {}
        self.groups: dict[int, int] = {}

    def position(self, mask: int) -> _Fragment:
        if len(self.masks) >= MAX_POSITIONS:
            raise TooComplexError(f"more than {MAX_POSITIONS} character positions")
        self.masks.append(mask)
        index = len(self.masks) - 1
        return _Fragment(first={index: 1}, last={index: 1}, empty=0)

    def link(self, last: dict[int, int], first: dict[int, int]) -> None:
        for source, out_ways in last.items():
            for target, in_ways in first.items():
                key = (source, target)
                self.edges[key] = _cap(self.edges.get(key, 0) + out_ways * in_ways)

    def connect_start(self, fragment: _Fragment) -> None:
        self.link({0: 1}, fragment.first)

    # -- building

    def build(self, items: list[tuple[Any, Any]], flags: int) -> _Fragment:
        out = _Fragment()
        for op, av in items:
            out = self.concat(out, self.item(op, av, flags))
        return out

    def concat(self, a: _Fragment, b: _Fragment) -> _Fragment:
        self.link(a.last, b.first)
        return _Fragment(
            first=_merged(a.first, _scaled(b.first, a.empty)),
            last=_merged(b.last, _scaled(a.last, b.empty)),
            empty=_cap(a.empty * b.empty),
        )

    def union(self, fragments: list[_Fragment]) -> _Fragment:
        out = _Fragment(empty=0)
        for fragment in fragments:
            out = _Fragment(
                first=_merged(out.first, fragment.first),
                last=_merged(out.last, fragment.last),
                empty=_cap(out.empty + fragment.empty),
            )
        return out

    def item(self, op: Any, av: Any, flags: int) -> _Fragment:
        alphabet = self.alphabet
        if op == sre.LITERAL:
            return self.position(alphabet.literal(av, flags))
        if op == sre.NOT_LITERAL:
            return self.position(alphabet.full & ~alphabet.literal(av, flags))
        if op == sre.ANY:
            return self.position(alphabet.any(flags))
        if op == sre.IN:
            return self.position(alphabet.char_set(av, flags))
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            low, high, body = av
            return self.repeat(list(body), int(low), None if high == sre.MAXREPEAT else int(high), flags)
        if op == sre.SUBPATTERN:
            group, add_flags, del_flags, body = av
            fragment = self.build(list(body), (flags | add_flags) & ~del_flags)
            if group is not None:
                self.groups[group] = self._mask_of(fragment)
            return fragment
        if op == sre.BRANCH:
            return self.union([self.build(list(branch), flags) for branch in av[1]])
        if op == sre.GROUPREF_EXISTS:
            _, yes, no = av
            return self.union([self.build(list(yes), flags), self.build(list(no or []), flags)])
        if op == sre.ATOMIC_GROUP:
            return self.build(list(av), flags)
        if op in (sre.ASSERT, sre.ASSERT_NOT):
            self.build(list(av[1]), flags)  # its own loops count; it consumes nothing here
            return _Fragment()
        if op == sre.GROUPREF:
            # A back-reference repeats what its group matched: any run of the group's characters.
            return self.repeat_mask(self.groups.get(av, alphabet.full))
        return _Fragment()  # anchors (^, $, \b…) consume nothing

    def _mask_of(self, fragment: _Fragment) -> int:
        """Characters a fragment can match (its first and last positions are enough for a back-reference's
        approximation)."""
        out = 0
        for position in (*fragment.first, *fragment.last):
            out |= self.masks[position]
        return out

    def repeat_mask(self, mask: int) -> _Fragment:
        fragment = self.position(mask)
        return self.star(fragment)

    def star(self, body: _Fragment) -> _Fragment:
        """``body*``: an iteration that matches nothing ends the loop (as in ``re``)."""
        self.link(body.last, body.first)
        return _Fragment(first=dict(body.first), last=dict(body.last), empty=_cap(1 + body.empty))

    def optional(self, body: _Fragment) -> _Fragment:
        return _Fragment(first=dict(body.first), last=dict(body.last), empty=_cap(1 + body.empty))

    def repeat(self, body: list[tuple[Any, Any]], low: int, high: int | None, flags: int) -> _Fragment:
        if high is not None and high == low and low <= EXACT_UNROLL:
            out = _Fragment()
            for _ in range(low):
                out = self.concat(out, self.build(body, flags))
            return out
        if high is not None and high > RANGE_UNROLL:
            high = None
        low = min(low, RANGE_UNROLL)
        out = _Fragment()
        for _ in range(max(low - 1, 0) if high is None else low):
            out = self.concat(out, self.build(body, flags))
        if high is None:
            loop = self.star(self.build(body, flags))
            if low >= 1:  # x{m,} = x{m-1} x+ : the last copy is mandatory
                loop = _Fragment(first=loop.first, last=loop.last, empty=_cap(loop.empty - 1))
            return self.concat(out, loop)
        # x{0,k} as x(x(x)?)?)? : a counted repeat takes the copies in order, never x?x?
        tail: _Fragment | None = None
        for _ in range(high - low):
            copy = self.build(body, flags)
            tail = self.optional(copy if tail is None else self.concat(copy, tail))
        return out if tail is None else self.concat(out, tail)


# --- the squared automaton --------------------------------------------------------------------------


class _Square:
    """Pairs of states reached by the same text; finds a pumpable ambiguous loop."""

    def __init__(self, automaton: _Automaton) -> None:
        self.masks = automaton.masks
        self.alphabet = automaton.alphabet
        self.out: dict[int, list[tuple[int, int]]] = {}
        for (source, target), ways in automaton.edges.items():
            if automaton.masks[target]:
                self.out.setdefault(source, []).append((target, ways))

    def successors(self, pair: tuple[int, int]) -> Iterator[tuple[tuple[int, int], int, bool]]:
        """``(next pair, shared characters, whether the two moves differ)``."""
        p, q = pair
        for r, ways_r in self.out.get(p, ()):
            for s, _ in self.out.get(q, ()):
                shared = self.masks[r] & self.masks[s]
                if shared:
                    differ = p != q or r != s or ways_r > 1
                    yield (r, s), shared, differ

    def find(self) -> Ambiguity | None:
        starts = [(p, p) for p in range(1, len(self.masks)) if p in self.out]
        nodes = self._reachable(starts)
        component = self._components(nodes)
        for start in starts:
            witness = self._witness(start, component)
            if witness is not None:
                return witness
        return None

    def _reachable(self, starts: list[tuple[int, int]]) -> list[tuple[int, int]]:
        seen = set(starts)
        queue = deque(starts)
        while queue:
            pair = queue.popleft()
            for following, _, _ in self.successors(pair):
                if following not in seen:
                    if len(seen) >= MAX_PAIRS:
                        raise TooComplexError(f"more than {MAX_PAIRS} pairs of states")
                    seen.add(following)
                    queue.append(following)
        return list(seen)

    def _components(self, nodes: list[tuple[int, int]]) -> dict[tuple[int, int], int]:
        """Tarjan's strongly connected components, iteratively: node -> component number."""
        index: dict[tuple[int, int], int] = {}
        low: dict[tuple[int, int], int] = {}
        on_stack: set[tuple[int, int]] = set()
        stack: list[tuple[int, int]] = []
        component: dict[tuple[int, int], int] = {}
        counter = 0
        for root in nodes:
            if root in index:
                continue
            work: list[tuple[tuple[int, int], Iterator[tuple[tuple[int, int], int, bool]]]] = []
            index[root] = low[root] = counter
            counter += 1
            stack.append(root)
            on_stack.add(root)
            work.append((root, self.successors(root)))
            while work:
                node, children = work[-1]
                advanced = False
                for child, _, _ in children:
                    if child not in index:
                        index[child] = low[child] = counter
                        counter += 1
                        stack.append(child)
                        on_stack.add(child)
                        work.append((child, self.successors(child)))
                        advanced = True
                        break
                    if child in on_stack:
                        low[node] = min(low[node], index[child])
                if advanced:
                    continue
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component[member] = index[node]
                        if member == node:
                            break
        return component

    def _witness(self, start: tuple[int, int], component: dict[tuple[int, int], int]) -> Ambiguity | None:
        """A loop from ``(q, q)`` back to itself through a pair of different states or a move taken
        two ways, within ``start``'s component; its text."""
        label = component.get(start)
        if label is None:
            return None
        inside = {n for n, c in component.items() if c == label}
        # Breadth-first from start over the component; remember how each pair was reached.
        parent: dict[tuple[int, int], tuple[tuple[int, int], int] | None] = {start: None}
        queue = deque([start])
        target: tuple[tuple[int, int], tuple[int, int], int] | None = None
        while queue and target is None:
            pair = queue.popleft()
            for following, shared, differ in self.successors(pair):
                if following not in inside:
                    continue
                if differ:
                    target = (pair, following, shared)
                    break
                if following not in parent:
                    parent[following] = (pair, shared)
                    queue.append(following)
        if target is None:
            return None
        before, after, shared = target
        text = self._path_text(parent, before) + self.alphabet.example(shared)
        text += self._text_back(after, start, inside)
        return Ambiguity(pumped=text)

    def _path_text(
        self, parent: dict[tuple[int, int], tuple[tuple[int, int], int] | None], node: tuple[int, int]
    ) -> str:
        chars: list[str] = []
        step = parent[node]
        while step is not None:
            previous, shared = step
            chars.append(self.alphabet.example(shared))
            step = parent[previous]
        return "".join(reversed(chars))

    def _text_back(
        self, source: tuple[int, int], start: tuple[int, int], inside: set[tuple[int, int]]
    ) -> str:
        if source == start:
            return ""
        parent: dict[tuple[int, int], tuple[tuple[int, int], int] | None] = {source: None}
        queue = deque([source])
        while queue:
            pair = queue.popleft()
            for following, shared, _ in self.successors(pair):
                if following in inside and following not in parent:
                    parent[following] = (pair, shared)
                    if following == start:
                        return self._path_text(parent, start)
                    queue.append(following)
        return ""
