"""Evaluation: extraction on the seeds against the curated records.

A match is the same (source, country, kind, stance); duplicates within a source count once.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from coalition_tui.extraction.extract import Extractor, proposed
from coalition_tui.store.corpus import Corpus
from coalition_tui.store.model import Commitment, Kind, Origin

Key = tuple[str, str, Kind, str]


@dataclass
class Score:
    true_positive: int = 0
    false_positive: int = 0
    false_negative: int = 0

    @property
    def precision(self) -> float:
        found = self.true_positive + self.false_positive
        return self.true_positive / found if found else 1.0

    @property
    def recall(self) -> float:
        wanted = self.true_positive + self.false_negative
        return self.true_positive / wanted if wanted else 1.0

    @property
    def predicted(self) -> int:
        return self.true_positive + self.false_positive

    @property
    def expected(self) -> int:
        return self.true_positive + self.false_negative

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 3),
            "recall": round(self.recall, 3),
            "f1": round(self.f1, 3),
            "tp": self.true_positive,
            "fp": self.false_positive,
            "fn": self.false_negative,
        }


@dataclass
class Evaluation:
    overall: Score
    per_kind: dict[Kind, Score]
    misses: list[Commitment] = field(default_factory=list)  # curated, not extracted
    false_alarms: list[Commitment] = field(default_factory=list)  # extracted, not curated


def key(record: Commitment) -> Key:
    return (record.source, record.country, record.kind, record.stance.value)


def compare(curated: list[Commitment], extracted: list[Commitment]) -> Evaluation:
    """Score ``extracted`` against ``curated`` on (source, country, kind, stance)."""
    want = {key(r): r for r in curated}
    got = {key(r): r for r in extracted}
    overall = Score()
    per_kind: dict[Kind, Score] = defaultdict(Score)
    for k in want.keys() | got.keys():
        if k in want and k in got:
            overall.true_positive += 1
            per_kind[k[2]].true_positive += 1
        elif k in got:
            overall.false_positive += 1
            per_kind[k[2]].false_positive += 1
        else:
            overall.false_negative += 1
            per_kind[k[2]].false_negative += 1
    misses = [want[k] for k in sorted(want.keys() - got.keys(), key=str)]
    alarms = [got[k] for k in sorted(got.keys() - want.keys(), key=str)]
    return Evaluation(overall, dict(sorted(per_kind.items())), misses, alarms)


def evaluate_corpus(corpus: Corpus) -> Evaluation:
    """Extract every source that has hand-made records and compare with those records only: a
    candidate an analyst accepted (or edited) is extraction's own answer, not a reference for it."""
    extractor = Extractor(corpus.gazetteer, corpus.resolver)
    extracted: list[Commitment] = []
    curated = [r for r in corpus.records if r.origin is Origin.CURATED and not proposed(r)]
    curated_sources = {r.source for r in curated}
    for source_id, source in corpus.sources.items():
        if source_id not in curated_sources:
            continue
        summit = corpus.summits.get(source.summit or "")
        extracted += extractor.extract(
            corpus.texts[source_id], source_id, source.summit or "", summit.date if summit else source.published
        )
    return compare(curated, extracted)
