"""What a change to a corpus touched, and the results derived from a corpus, each declaring what it
depends on, so that a change drops exactly the results it makes stale (and nothing is cleared by hand
in several places)."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from enum import Flag, auto
from typing import Any, TypeVar

T = TypeVar("T")


class Touched(Flag):
    """The parts of a corpus a change can touch."""

    RECORDS = auto()  # records added, decided, edited or removed
    SOURCES = auto()  # articles registered or their metadata changed
    GAZETTEER = auto()  # names: entities, aliases, people
    MEETINGS = auto()  # summits.toml
    EVERYTHING = RECORDS | SOURCES | GAZETTEER | MEETINGS


@dataclass(frozen=True)
class Change:
    """What one change did: the parts it touched, the records it changed (ids), and what to call it."""

    touched: Touched
    records: frozenset[str] = frozenset()
    label: str = ""

    @classmethod
    def of_records(cls, ids: Iterable[str], label: str = "") -> Change:
        return cls(Touched.RECORDS, frozenset(ids), label)


class Derived:
    """Results computed from the corpus (an article's analysis, the names seen, the Overview's matrix),
    each stored with the parts of the corpus it depends on."""

    def __init__(self) -> None:
        self._values: dict[Hashable, tuple[Touched, Any]] = {}

    def __contains__(self, key: Hashable) -> bool:
        return key in self._values

    def get(self, key: Hashable, depends: Touched, compute: Callable[[], T]) -> T:
        """The value under ``key``, computed (and kept) if there is none."""
        found = self._values.get(key)
        if found is None:
            found = self._values[key] = (depends, compute())
        return found[1]

    def put(self, key: Hashable, value: object, depends: Touched) -> None:
        self._values[key] = (depends, value)

    def peek(self, key: Hashable) -> Any:
        found = self._values.get(key)
        return None if found is None else found[1]

    def pop(self, key: Hashable) -> Any:
        found = self._values.pop(key, None)
        return None if found is None else found[1]

    def invalidate(self, touched: Touched) -> int:
        """Drop every result that depends on a part ``touched``; how many were dropped."""
        stale = [key for key, (depends, _value) in self._values.items() if depends & touched]
        for key in stale:
            del self._values[key]
        return len(stale)
