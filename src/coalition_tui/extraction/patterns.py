"""Cue machinery: a set of alternative patterns searched only when one of their literal words occurs.

A pattern is a regular expression matched case-insensitively on cleaned text (straight quotes). One
that does not start with a word of 3 letters or more is written ``(pattern, words)``, naming the words
one of which every match contains: a text without any of them is not searched (tests check that a cue
finds just what its patterns together find). The phrasing itself is data in ``cues.py`` and
``context_cues.py``.
"""

from __future__ import annotations

import re
from bisect import bisect_right

_META = set("\\()[]?*+{}|.^$")


def _literal(pattern: str) -> str | None:
    """The lower-case text every match of ``pattern`` must contain, if it starts with one (>= 3 chars)."""
    body = re.sub(r"^\(\?<!?[^)]*\)", "", pattern.removeprefix(r"\b")).removeprefix(r"\b")
    out: list[str] = []
    for i, ch in enumerate(body):
        if ch in _META:
            if ch in "?*{" and out:
                out.pop()  # "troops?": the s is optional
            break
        out.append(ch)
        if i + 1 == len(body):
            break
    literal = "".join(out).lower()
    return literal if len(literal) >= 3 else None


def _literals(pattern: str | tuple[str, tuple[str, ...]]) -> tuple[str, ...] | None:
    if not isinstance(pattern, str):
        return tuple(lit.lower() for lit in pattern[1])
    literal = _literal(pattern)
    return (literal,) if literal else None


class Cue:
    """A set of alternative patterns. Each pattern's literals (one of which every match contains) are
    looked for first (substring tests), and only the patterns with a literal present are run, as one
    alternation: same matches as the whole alternation, a fraction of the work.

    A pattern is a string (its literal is the text it starts with, if that is 3 characters or more) or
    ``(pattern, literals)`` naming the words one of which every match contains, when it starts otherwise.
    """

    _MAX_VARIANTS = 256

    def __init__(self, *patterns: str | tuple[str, tuple[str, ...]]) -> None:
        self.patterns = tuple(p if isinstance(p, str) else p[0] for p in patterns)
        self.pattern = "|".join(f"(?:{p})" for p in self.patterns)
        self.rx = re.compile(self.pattern, re.IGNORECASE)
        self._always = 0  # patterns without a known literal: always run
        self._bits: dict[str, int] = {}  # literal -> the patterns (bit per pattern) it lets run
        for n, pattern in enumerate(patterns):
            literals = _literals(pattern)
            if literals is None:
                self._always |= 1 << n
            for literal in literals or ():
                self._bits[literal] = self._bits.get(literal, 0) | 1 << n
        self.literals: tuple[str, ...] | None = None if self._always else tuple(self._bits)
        self._variants: dict[int, re.Pattern[str] | None] = {}

    def allows(self, present: tuple[str, ...]) -> bool:
        """Whether a text containing just the literals ``present`` (of any cue) can match."""
        return bool(self._always) or any(lit in self._bits for lit in present)

    def narrowed(
        self, text: str, low: str | None = None, among: tuple[str, ...] | None = None
    ) -> re.Pattern[str] | None:
        """The alternation of just the patterns that can match ``text`` (None: none can).

        ``among``: the literals known to occur in a text that contains this one (its sentence).
        """
        low = text.lower() if low is None else low
        bits = self._bits
        key = self._always
        for literal in bits if among is None else among:
            if literal in low:
                key |= bits.get(literal, 0)
        try:
            return self._variants[key]
        except KeyError:
            chosen = [p for n, p in enumerate(self.patterns) if key >> n & 1]
            rx = re.compile("|".join(f"(?:{p})" for p in chosen), re.IGNORECASE) if chosen else None
            if len(self._variants) < self._MAX_VARIANTS:
                self._variants[key] = rx
            return rx

    def search(self, text: str, low: str | None = None, among: tuple[str, ...] | None = None) -> re.Match[str] | None:
        """Like ``re.search``; ``low`` is ``text.lower()`` when the caller has it."""
        rx = self.narrowed(text, low, among)
        return rx.search(text) if rx else None

    def finditer(self, text: str, low: str | None = None, among: tuple[str, ...] | None = None) -> list[re.Match[str]]:
        rx = self.narrowed(text, low, among)
        return list(rx.finditer(text)) if rx else []


class LiteralIndex:
    """Which of several named cues can match a text, from the literal each of their patterns starts with.

    ``in`` on a handful of literals is several times faster than one regular expression of them all;
    a caller that has already found the literals of a sentence passes them as ``among`` for its clauses.
    """

    def __init__(self, named: list[tuple[object, Cue]]) -> None:
        self.owners: dict[str, list[object]] = {}
        self.always = frozenset(name for name, cue in named if cue.literals is None)
        for name, cue in named:
            for literal in cue.literals or ():
                self.owners.setdefault(literal, []).append(name)
        self.literals = tuple(self.owners)

    def present(self, low: str, among: tuple[str, ...] | None = None) -> tuple[str, ...]:
        """The literals that occur in ``low`` (lower-cased text), tested among ``among`` if given."""
        if among is None:
            return tuple(lit for lit in self.literals if lit in low)
        owners = self.owners
        return tuple(lit for lit in among if lit in owners and lit in low)

    def possible(self, low: str, among: tuple[str, ...] | None = None) -> set[object]:
        """Names whose literal occurs in ``low``, plus those that have none."""
        found = set(self.always)
        for literal in self.present(low, among):
            found.update(self.owners[literal])
        return found


def literals_by_span(low: str, spans: list[tuple[int, int]], literals: tuple[str, ...]) -> list[tuple[str, ...]]:
    """For each of ``spans`` (in order, not overlapping) of lower-cased text ``low``, which of ``literals``
    occur inside it: one search of the text per literal instead of one per span."""
    starts = [start for start, _ in spans]
    found: list[list[str]] = [[] for _ in spans]
    for literal in literals:
        at = low.find(literal)
        while at >= 0:
            i = bisect_right(starts, at) - 1
            if i >= 0 and at + len(literal) <= spans[i][1] and not (found[i] and found[i][-1] is literal):
                found[i].append(literal)
            at = low.find(literal, at + 1)
    return [tuple(here) for here in found]
