"""How far two reviewers agree: two copies of one corpus, each reviewed by one person.

Two measures, because they answer two questions:

- **Decisions** on the candidates extraction proposed (the same ids in both copies): accepted, rejected
  or not yet decided, compared with Cohen's κ over the candidates both decided (κ corrects the raw
  agreement for the agreement chance alone would give). A candidate accepted by both but edited to
  another kind or stance by one is listed among the differences.
- **Claims** each reviewer ends up holding (every record kept, accepted, edited or made by hand, as
  (source, actor, kind, stance)): F1 of B's claims against A's, overall, by kind and by stance, as the
  project's two labellers were compared (strict F1 0.87).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from coalition_tui.extraction.extract import proposed
from coalition_tui.store.corpus import Corpus
from coalition_tui.store.model import Commitment

Claim = tuple[str, str, str, str]  # source, actor, kind, stance


def decision(record: Commitment | None) -> str:
    """ "accepted", "rejected", "unsure", "undecided" (still a candidate) or "absent" (not in this copy)."""
    if record is None:
        return "absent"
    if record.rejected:
        return "rejected"
    if record.unsure:
        return "unsure"
    return "undecided" if record.unreviewed else "accepted"


def kappa(pairs: Iterable[tuple[str, str]]) -> float | None:
    """Cohen's κ of two raters' labels, one pair per item; None when it is undefined (no item, or
    both raters always gave the one same label)."""
    pairs = list(pairs)
    if not pairs:
        return None
    n = len(pairs)
    observed = sum(a == b for a, b in pairs) / n
    first, second = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    expected = sum(first[label] * second[label] for label in first.keys() | second.keys()) / (n * n)
    if expected == 1.0:
        return None
    return (observed - expected) / (1 - expected)


@dataclass(frozen=True)
class Score:
    both: int
    only_a: int
    only_b: int

    @property
    def f1(self) -> float | None:
        total = 2 * self.both + self.only_a + self.only_b
        return 2 * self.both / total if total else None


def score(a: set[Claim], b: set[Claim]) -> Score:
    return Score(len(a & b), len(a - b), len(b - a))


@dataclass
class Agreement:
    claims: Score
    by_kind: dict[str, Score]
    by_stance: dict[str, Score]
    kappa: float | None  # on the candidates both decided
    decided_by_both: int
    raw: float | None  # the share of those both decided the same way
    differences: list[tuple[str, str, str]] = field(default_factory=list)  # (record id, A's, B's) decision


def claims(corpus: Corpus) -> set[Claim]:
    """What a reviewer holds: every record kept (not rejected, not an undecided candidate)."""
    return {(r.source, r.country, r.kind.value, r.stance.value) for r in corpus.records if not r.candidate}


def _label(record: Commitment | None) -> str:
    """A decision, with an accepted record's stance and kind (an edit is a decision too)."""
    said = decision(record)
    return f"{said}: {record.kind.value} {record.stance.value}" if record and said == "accepted" else said


def agree(a: Corpus, b: Corpus) -> Agreement:
    """How far the reviewers of ``a`` and ``b`` agree (see the module)."""
    ca, cb = claims(a), claims(b)
    kinds = sorted({c[2] for c in ca | cb})
    stances = sorted({c[3] for c in ca | cb})
    candidates = sorted({r.id for corpus in (a, b) for r in (*corpus.records, *corpus.rejected) if proposed(r)})
    pairs = []
    differences = []
    for rid in candidates:
        ra, rb = a.record(rid), b.record(rid)
        da, db = decision(ra), decision(rb)
        if da in ("accepted", "rejected") and db in ("accepted", "rejected"):
            pairs.append((da, db))
        if _label(ra) != _label(rb):
            differences.append((rid, _label(ra), _label(rb)))
    same = sum(x == y for x, y in pairs)
    return Agreement(
        claims=score(ca, cb),
        by_kind={k: score({c for c in ca if c[2] == k}, {c for c in cb if c[2] == k}) for k in kinds},
        by_stance={s: score({c for c in ca if c[3] == s}, {c for c in cb if c[3] == s}) for s in stances},
        kappa=kappa(pairs),
        decided_by_both=len(pairs),
        raw=same / len(pairs) if pairs else None,
        differences=differences,
    )
