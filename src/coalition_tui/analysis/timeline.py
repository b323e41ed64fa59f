"""A country's timeline: its stance on each kind of contribution at each meeting, in date order, as a
compact strip of glyphs (``troops_in_ukraine  ○ ● ● –``): where it moved and where it was silent."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from coalition_tui.analysis.looks import NOTHING, STANCE_LOOK
from coalition_tui.store.corpus import Corpus
from coalition_tui.store.model import Commitment, Kind, Stance, Summit
from coalition_tui.store.vocab import Level


@dataclass(frozen=True)
class Strip:
    """One kind: the strongest stance at each meeting (None: no record of that kind there)."""

    kind: Kind
    stances: tuple[Stance | None, ...]

    def glyphs(self) -> str:
        return " ".join(STANCE_LOOK[s.value][0] if s else NOTHING for s in self.stances)


@dataclass(frozen=True)
class Timeline:
    country: str
    summits: tuple[Summit, ...]
    strips: tuple[Strip, ...]


def timeline(
    corpus: Corpus, country: str, records: Iterable[Commitment] | None = None, all_levels: bool = False
) -> Timeline:
    """``country``'s strips over the leaders' meetings (all meetings with ``all_levels``) that its
    records (``records``, else the corpus's) mention, in date order; a kind per strip, in the order of
    the kinds."""
    mine = [r for r in (corpus.by_country.get(country, []) if records is None else records) if r.country == country]
    wanted = {r.summit for r in mine}
    summits = tuple(s for s in corpus.summits_by_date() if s.id in wanted and (all_levels or s.level is Level.LEADERS))
    where = {s.id: i for i, s in enumerate(summits)}
    best: dict[Kind, list[Stance | None]] = {}
    for r in mine:
        if r.summit not in where:
            continue
        row = best.setdefault(r.kind, [None] * len(summits))
        at = where[r.summit]
        if row[at] is None or r.stance.strength > row[at].strength:  # type: ignore[union-attr]
            row[at] = r.stance
    strips = tuple(Strip(kind, tuple(best[kind])) for kind in Kind if kind in best)
    return Timeline(country, summits, strips)
