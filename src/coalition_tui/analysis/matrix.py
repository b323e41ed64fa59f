"""The country x summit matrix: the strongest stance each actor took at each meeting."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from coalition_tui.store.corpus import Corpus
from coalition_tui.store.model import Commitment, Kind, Stance, Summit
from coalition_tui.store.vocab import Level

PRESENT = "present"
NEGATIVE = frozenset({Stance.DECLINED, Stance.OPPOSED})


@dataclass
class StanceMatrix:
    """Rows are actor ids (most substantive records first); columns are summits by date."""

    summits: list[Summit]
    rows: list[str]
    kind: Kind | None = None  # the one kind of contribution the cells count, or None for all
    cells: dict[tuple[str, str], list[Commitment]] = field(default_factory=dict)
    _strongest: dict[tuple[str, str], Stance | None] = field(default_factory=dict, repr=False)
    _unreviewed: dict[tuple[str, str], bool] = field(default_factory=dict, repr=False)

    def records(self, row: str, summit: str) -> list[Commitment]:
        return self.cells.get((row, summit), [])

    def _counts(self, record: Commitment) -> bool:
        """Whether a record's stance counts in its cell: attendance does not, unless it is the kind shown."""
        return self.kind is not None or record.kind is not Kind.PARTICIPATION

    def stances(self, row: str, summit: str) -> set[Stance]:
        """The stances taken on contributions (attendance does not count; with a kind, that kind's)."""
        return {r.stance for r in self.records(row, summit) if self._counts(r)}

    def strongest(self, row: str, summit: str) -> Stance | None:
        """The most committal stance on a contribution (attendance does not count)."""
        if (row, summit) not in self._strongest:
            stances = self.stances(row, summit)
            self._strongest[(row, summit)] = max(stances, key=lambda s: s.strength) if stances else None
        return self._strongest[(row, summit)]

    def refusal(self, row: str, summit: str) -> Stance | None:
        """A refusal (declined, opposed) in a cell whose strongest stance is positive: "will not send
        troops but will provide logistics" is shown as both, never as committed alone."""
        strongest = self.strongest(row, summit)
        if strongest is None or strongest in NEGATIVE:
            return None
        negative = self.stances(row, summit) & NEGATIVE
        return max(negative, key=lambda s: s.strength) if negative else None

    def unreviewed(self, row: str, summit: str) -> bool:
        """True when the cell's stance rests only on extracted records nobody has reviewed yet."""
        if (row, summit) not in self._unreviewed:
            self._unreviewed[(row, summit)] = self._only_unreviewed(row, summit)
        return self._unreviewed[(row, summit)]

    def _only_unreviewed(self, row: str, summit: str) -> bool:
        stance = self.strongest(row, summit)
        behind = [r for r in self.records(row, summit) if stance is None or (r.stance is stance and self._counts(r))]
        return bool(behind) and all(r.unreviewed for r in behind)

    def compute(self) -> None:
        """Work out every cell now (the app does it off the screen's thread)."""
        for row in self.rows:
            for summit in self.summits:
                self.unreviewed(row, summit.id)

    def cell(self, row: str, summit: str) -> str | None:
        """The strongest stance's name, 'present' for attendance only, None for nothing."""
        stance = self.strongest(row, summit)
        if stance is not None:
            return stance.value
        return PRESENT if self.records(row, summit) else None


def stance_matrix(
    corpus: Corpus, all_levels: bool = False, kind: Kind | None = None, records: Iterable[Commitment] | None = None
) -> StanceMatrix:
    """Build the matrix from every record in ``corpus`` (or ``records``): columns are the leaders'
    meetings, or with ``all_levels`` the defence ministers' and military chiefs' meetings too; with
    ``kind``, only the records of that kind of contribution (a row per actor that has one)."""
    cells: dict[tuple[str, str], list[Commitment]] = defaultdict(list)
    substantive: dict[str, int] = defaultdict(int)
    total: dict[str, int] = defaultdict(int)
    chosen = corpus.records if records is None else records
    for record in chosen if kind is None else (r for r in chosen if r.kind is kind):
        cells[(record.country, record.summit)].append(record)
        total[record.country] += 1
        substantive[record.country] += record.kind is not Kind.PARTICIPATION
    rows = sorted(total, key=lambda c: (-substantive[c], -total[c], corpus.label(c)))
    leaders = [s for s in corpus.summits_by_date() if all_levels or s.level is Level.LEADERS]
    # the leaders' meetings the corpus reports on: a column per meeting nobody wrote about is noise
    reported = [s for s in leaders if any(key[1] == s.id for key in cells)] or leaders
    return StanceMatrix(summits=reported, rows=rows, kind=kind, cells=dict(cells))
