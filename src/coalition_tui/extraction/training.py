"""Learning the confidence model from hand-labelled articles, and measuring it honestly.

``collect`` runs the rules (uncalibrated) on every article of a gold folder and labels each candidate
right or wrong (its (article, actor, kind, stance) is in the gold, or not). ``leave_one_out`` trains on
all slices but one (the first letter of the file names: A, B, C, D in ``shared/corpus-dev``) and
scores the one left out, for each in turn: that is what an analyst's own articles would see.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from coalition_tui.extraction.confidence import Model, bands, train
from coalition_tui.extraction.evaluate import Score
from coalition_tui.extraction.extract import Extractor
from coalition_tui.extraction.gold import Key, day_of, read_gold
from coalition_tui.store.gazetteer import Gazetteer
from coalition_tui.store.loader import read_article
from coalition_tui.store.resolve import Resolver


@dataclass(frozen=True)
class Example:
    key: Key  # file, actor, kind, stance
    features: tuple[str, ...]
    right: bool
    rules: float = 0.0  # the confidence the rules alone gave it

    @property
    def slice(self) -> str:
        return self.key[0][:1]


@dataclass
class Labelled:
    examples: list[Example]
    gold: set[Key]


def collect(folder: Path, gazetteer: Gazetteer, resolver: Resolver) -> Labelled:
    """Every candidate the rules propose for ``folder/articles/*.txt``, labelled against the gold
    (one example per distinct key: the first candidate of an article with that key)."""
    gold, tables, _problems = read_gold(folder)
    extractor = Extractor(gazetteer, resolver, calibrate=False)
    examples: list[Example] = []
    for path in sorted((folder / "articles").glob("*.txt")):
        text, _raw, problem = read_article(path, path.name)
        if problem is not None or text is None:
            continue
        table = tables.get(path.name, {})
        on: dt.date | None = day_of(table.get("meeting")) or day_of(table.get("published"))
        seen: set[Key] = set()
        for candidate in extractor.candidates(text, on):
            key = (path.name, candidate.country, candidate.kind.value, candidate.stance.value)
            if key not in seen:
                seen.add(key)
                examples.append(Example(key, candidate.features, key in gold, candidate.confidence))
    return Labelled(examples, gold)


@dataclass
class SliceReport:
    name: str
    uncalibrated: Score
    calibrated: Score
    threshold: float
    bands: dict[float, tuple[int, int]] = field(default_factory=dict)  # lower edge -> (right, proposed)

    def high_share(self) -> float:
        """The share of proposed candidates at 0.9 or more."""
        proposed = sum(total for _right, total in self.bands.values())
        return self.bands.get(0.9, (0, 0))[1] / proposed if proposed else 0.0


def auc(pairs: Sequence[tuple[float, bool]]) -> float:
    """The chance that a right item scores above a wrong one (ties count half)."""
    right = sorted(p for p, is_right in pairs if is_right)
    wrong = sorted(p for p, is_right in pairs if not is_right)
    if not right or not wrong:
        return 0.5
    above = 0.0
    for p in right:
        below = bisect.bisect_left(wrong, p)
        above += below + (bisect.bisect_right(wrong, p) - below) / 2
    return above / (len(right) * len(wrong))


def fit(examples: Sequence[Example], threshold: float, trained_on: str) -> Model:
    """A model trained on ``examples`` that drops candidates under ``threshold``."""
    model = train([e.features for e in examples], [e.right for e in examples])
    return Model(model.bias, model.weights, threshold, trained_on)


THRESHOLDS = tuple(round(0.05 * i, 2) for i in range(13))  # 0.0 .. 0.6
MIN_GAIN = 0.01  # mean held-out F1 a threshold must add over keeping every candidate, or none is set


@dataclass
class HeldOut:
    """Each slice's candidates with the probability a model trained on the other slices gives them."""

    scored: dict[str, list[tuple[float, Example]]]
    gold: dict[str, int]  # gold records per slice

    def score(self, name: str, threshold: float) -> Score:
        kept = [e for p, e in self.scored[name] if p >= threshold]
        right = sum(e.right for e in kept)
        return Score(right, len(kept) - right, self.gold[name] - right)

    def separation(self, name: str) -> tuple[float, float]:
        """How well the rules' confidence and the model's tell right from wrong on a slice left out:
        the chance that a right candidate scores above a wrong one (AUC; 0.5 is a coin)."""
        scored = self.scored[name]
        return auc([(e.rules, e.right) for _p, e in scored]), auc([(p, e.right) for p, e in scored])

    def mean_f1(self, threshold: float) -> float:
        return sum(self.score(name, threshold).f1 for name in self.scored) / max(len(self.scored), 1)

    def best_threshold(self) -> float:
        """The one threshold with the best mean strict F1 over the slices left out (ties: the lowest);
        0 (keep every candidate) unless it gains at least ``MIN_GAIN``: a candidate dropped is a
        record the analyst never sees, so dropping must pay for itself on articles not trained on."""
        best = max(THRESHOLDS, key=lambda t: (self.mean_f1(t), -t))
        return best if self.mean_f1(best) >= self.mean_f1(0.0) + MIN_GAIN else 0.0

    def report(self, threshold: float) -> list[SliceReport]:
        out = []
        for name, scored in sorted(self.scored.items()):
            kept = bands((p, example.right) for p, example in scored if p >= threshold)
            out.append(SliceReport(name, self.score(name, 0.0), self.score(name, threshold), threshold, kept))
        return out


def leave_one_out(data: Labelled) -> HeldOut:
    """For each slice: train on the others, and give this one's candidates their probabilities."""
    by_slice: dict[str, list[Example]] = defaultdict(list)
    for example in data.examples:
        by_slice[example.slice].append(example)
    gold_of: dict[str, int] = defaultdict(int)
    for key in data.gold:
        gold_of[key[0][:1]] += 1
    scored = {}
    for name in sorted(by_slice):
        rest = [e for other, group in by_slice.items() if other != name for e in group]
        model = fit(rest, 0.0, f"all slices but {name}")
        scored[name] = [(model.probability(e.features), e) for e in by_slice[name]]
    return HeldOut(scored, dict(gold_of))
