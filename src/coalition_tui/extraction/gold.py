"""Scoring extraction on a folder of hand-labelled articles: ``articles/*.txt`` and ``gold*.toml``.

The layout of the development corpus (``shared/corpus-dev``), so an analyst who labels their own
articles (``[[record]]`` tables of ``file``, ``country``, ``kind``, ``stance``, as ``ANNOTATION.md``
describes) can measure extraction on them. Optional ``articles*.toml`` (``[[article]]`` tables with
``file``, ``published`` and ``meeting``) give each article's date, which decides who held an office.
Scores, on the set of (file, actor, kind, stance): strict; by kind and polarity (committed, willing,
conditional, considering count as positive); and strict for participation and for the other kinds.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from coalition_tui.extraction.evaluate import Score
from coalition_tui.extraction.extract import Extractor
from coalition_tui.store.gazetteer import Gazetteer
from coalition_tui.store.loader import read_article
from coalition_tui.store.model import Summit
from coalition_tui.store.problems import Problem
from coalition_tui.store.resolve import Resolver
from coalition_tui.store.tomlio import read_toml

POSITIVE = frozenset({"committed", "willing", "conditional", "considering"})
Key = tuple[str, str, str, str]  # file, actor, kind, stance
_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})")


@dataclass
class GoldScore:
    articles: int
    scores: dict[str, Score]
    missed: list[Key] = field(default_factory=list)
    false_alarms: list[tuple[Key, str]] = field(default_factory=list)  # with the quote extraction gave
    problems: list[Problem] = field(default_factory=list)
    gold: set[Key] = field(default_factory=set)
    meetings_right: int = 0  # articles whose meeting is guessed as their articles*.toml names it
    meetings_labelled: int = 0
    meetings_wrong: list[tuple[str, str, str | None]] = field(default_factory=list)  # (file, meeting, guess)
    confidences: dict[Key, float] = field(default_factory=dict)  # each key predicted: its highest confidence

    def bands(self, gold: set[Key]) -> list[tuple[float, int, int]]:
        """(lower edge, right, proposed) per confidence band, highest first."""
        from coalition_tui.extraction.confidence import bands

        counted = bands((confidence, key in gold) for key, confidence in self.confidences.items())
        return [(edge, right, total) for edge, (right, total) in counted.items()]


def _prf(predicted: set[Key], gold: set[Key]) -> Score:
    return Score(len(predicted & gold), len(predicted - gold), len(gold - predicted))


def _polarity(keys: set[Key]) -> set[Key]:
    return {(f, a, k, "positive" if s in POSITIVE else "negative") for f, a, k, s in keys}


def _part(keys: set[Key], participation: bool) -> set[Key]:
    return {key for key in keys if (key[2] == "participation") == participation}


def scores(predicted: set[Key], gold: set[Key]) -> dict[str, Score]:
    """The four figures of ``ANNOTATION.md`` (and of ``corpus-dev/score.py``)."""
    return {
        "strict": _prf(predicted, gold),
        "kind_polarity": _prf(_polarity(predicted), _polarity(gold)),
        "participation": _prf(_part(predicted, True), _part(gold, True)),
        "other_kinds": _prf(_part(predicted, False), _part(gold, False)),
    }


def read_gold(folder: Path, only: str = "") -> tuple[set[Key], dict[str, dict[str, object]], list[Problem]]:
    """The gold records of ``folder`` (files starting with ``only``), each article's ``[[article]]``
    table, and problems."""
    gold: set[Key] = set()
    problems: list[Problem] = []
    articles = read_articles(folder, problems)
    for path in sorted(folder.glob("gold*.toml")):
        data, _text, found = read_toml(path, path.name)
        problems += found
        tables = (data or {}).get("record", [])
        for n, table in enumerate(tables if isinstance(tables, list) else [], 1):
            fields = [
                table.get(name) if isinstance(table, dict) else None for name in ("file", "country", "kind", "stance")
            ]
            if not all(isinstance(value, str) and value for value in fields):
                problems.append(Problem(path.name, "needs file, country, kind and stance (strings)", record=f"#{n}"))
                continue
            file, country, kind, stance = (str(value) for value in fields)
            if file.startswith(only):
                gold.add((file, country, kind, stance))
    return gold, articles, problems


def read_articles(folder: Path, problems: list[Problem]) -> dict[str, dict[str, object]]:
    """The ``[[article]]`` tables of ``folder/articles*.toml`` by file name."""
    out: dict[str, dict[str, object]] = {}
    for path in sorted(folder.glob("articles*.toml")):
        data, _text, found = read_toml(path, path.name)
        problems += found
        tables = (data or {}).get("article", [])
        for table in tables if isinstance(tables, list) else []:
            if isinstance(table, dict) and isinstance(table.get("file"), str):
                out[table["file"]] = table
    return out


def day_of(value: object) -> dt.date | None:
    match = _DATE.match(value) if isinstance(value, str) else None
    return dt.date.fromisoformat(match.group(1)) if match else None


def score_gold(
    folder: Path, gazetteer: Gazetteer, resolver: Resolver, summits: list[Summit], only: str = ""
) -> GoldScore:
    """Extract every ``folder/articles/*.txt`` (starting with ``only``) and score it against the gold;
    guess the meeting of each article whose ``articles*.toml`` names one, from its text and its
    publication day (as ``ingest --date`` gives it)."""
    from coalition_tui.extraction.meetings import guess_summit

    gold, tables, problems = read_gold(folder, only)
    extractor = Extractor(gazetteer, resolver)
    predicted: set[Key] = set()
    quotes: dict[Key, str] = {}
    result = GoldScore(0, {}, problems=problems)
    articles = sorted(p for p in (folder / "articles").glob("*.txt") if p.name.startswith(only))
    for path in articles:
        text, _raw, problem = read_article(path, f"articles/{path.name}")
        if problem is not None or text is None:
            problems.append(problem or Problem(path.name, "cannot read"))
            continue
        table = tables.get(path.name, {})
        on = day_of(table.get("meeting")) or day_of(table.get("published"))  # who held an office that day
        for candidate in extractor.candidates(text, on):
            key = (path.name, candidate.country, candidate.kind.value, candidate.stance.value)
            predicted.add(key)
            quotes.setdefault(key, candidate.quote)
            result.confidences[key] = max(candidate.confidence, result.confidences.get(key, 0.0))
        meeting = table.get("meeting")
        if isinstance(meeting, str) and meeting:
            result.meetings_labelled += 1
            guess = guess_summit(summits, text, day_of(table.get("published")))
            if guess == meeting:
                result.meetings_right += 1
            else:
                result.meetings_wrong.append((path.name, meeting, guess))
    result.articles = len(articles)
    result.gold = gold
    result.scores = scores(predicted, gold)
    result.missed = sorted(gold - predicted)
    result.false_alarms = [(key, quotes[key]) for key in sorted(predicted - gold)]
    return result
