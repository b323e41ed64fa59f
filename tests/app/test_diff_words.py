"""The diff never drops a word (issue 17, Build 1): names are compared resolved, but every word is drawn
as written. For any two texts, each side of the rendered diff, markers removed, is that side's sentence,
in the core, in the app's rows and in `coalition-tui diff`."""

from __future__ import annotations

import itertools
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coalition_tui.analysis.diffing import ArticleDiff, Pair, diff_sources, diff_texts
from coalition_tui.cli import changed_line, main
from coalition_tui.extraction.extract import Extractor
from coalition_tui.store.corpus import Corpus
from coalition_tui.tui.diff import _flat, _side

PLAIN = {"del": ("[-", "-]"), "ins": ("{+", "+}")}


def paint(text: str, how: str) -> str:
    left, right = PLAIN[how]
    return f"{left}{text}{right}"


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def side_of_cli(line: str, side: str) -> str:
    """A side of a `diff` line in a pipe: the other side's marked words taken out, the markers removed."""
    drop, keep = (r"\{\+.*?\+\}", r"\[-(.*?)-\]") if side == "a" else (r"\[-.*?-\]", r"\{\+(.*?)\+\}")
    return _one_line(re.sub(keep, r"\1", re.sub(drop, "", line)))


def check(result: ArticleDiff) -> int:
    """Every check of every changed pair; the number of changed pairs."""
    changed = [p for p in result.pairs if p.kind == "changed"]
    for pair in changed:
        assert pair.a is not None and pair.b is not None
        assert "".join(w.a for w in pair.words) == pair.a.text  # the core: nothing left out, nothing added
        assert "".join(w.b for w in pair.words) == pair.b.text
        for side, sentence in (("a", pair.a), ("b", pair.b)):
            shown = _side(pair, side).plain  # the app's row
            assert shown.split("%  ", 1)[1] == _flat(sentence.text)
            assert side_of_cli(changed_line(pair.words, paint), side) == _one_line(sentence.text)
    return len(changed)


def test_the_issues_sentences_keep_every_name(corpus: Corpus):
    a = "Sir Keir Starmer is in Paris with Emmanuel Macron and Volodymyr Zelensky as he fends off challenges."
    b = "Sir Keir Starmer is in Paris with Emmanuel Macron and Volodymyr Zelenskiy, as he fends off critics."
    result = diff_texts(corpus, a, b)
    pair = next(p for p in result.pairs if p.kind == "changed")
    assert _side(pair, "a").plain.endswith(
        "Sir Keir Starmer is in Paris with Emmanuel Macron and Volodymyr Zelensky as he fends off challenges."
    )
    assert "Volodymyr Zelenskiy," in _side(pair, "b").plain
    check(result)
    c = "Leaders of 30 other countries, to hash out the plan, met in Paris."
    d = "Leaders of 30 other countries, to settle the plan, met in Paris on Thursday."
    assert check(diff_texts(corpus, c, d)) == 1


def test_every_pair_of_seed_articles(corpus: Corpus):
    changed = 0
    for a, b in itertools.permutations(sorted(corpus.sources), 2):
        changed += check(diff_sources(corpus, a, b))
    assert changed > 0  # the property was exercised on real sentences


def test_the_cli_prints_each_sides_words(corpus: Corpus, capsys):
    for a, b in itertools.combinations(sorted(corpus.sources), 2):
        assert main(["diff", a, b, "--color", "never"]) == 0
        lines = [line.split(") ", 1)[1] for line in capsys.readouterr().out.splitlines() if line.startswith("~ (")]
        pairs: list[Pair] = [p for p in diff_sources(corpus, a, b).pairs if p.kind == "changed"]
        assert len(lines) == len(pairs)
        for line, pair in zip(lines, pairs, strict=True):
            assert pair.a is not None and pair.b is not None
            assert side_of_cli(line, "a") == _one_line(pair.a.text)
            assert side_of_cli(line, "b") == _one_line(pair.b.text)


NAMES = [
    "Sir Keir Starmer", "Keir Starmer", "Emmanuel Macron", "Macron", "Volodymyr Zelensky", "Zelenskiy",
    "Giorgia Melono", "Giorgia Meloni", "Ursula von der Leyen", "Mark Rutte", "the United States", "the U.S.",
    "Britain", "the UK", "France", "Italy's", "Germany", "Friedrich Merz", "NATO", "other countries",
    "European leaders", "Kyiv", "the Kremlin",
]  # fmt: skip
WORDS = [
    "said", "would", "not", "send", "troops", "to", "Ukraine", "and", "will", "provide", "logistics", "in",
    "Paris", "on", "Thursday", "the", "coalition", "of", "willing", "30", "leaders", "met", "—", "“", "”", ",",
    "air", "support", "could", "help", "monitor", "a", "ceasefire", "if", "only", "US", "backstop", "(PA)",
]  # fmt: skip
SPACE = st.sampled_from([" ", " ", " ", "  ", "\n", " \t"])


@st.composite
def sentence(draw) -> str:
    parts = draw(st.lists(st.one_of(st.sampled_from(NAMES), st.sampled_from(WORDS)), min_size=2, max_size=14))
    out = parts[0]
    for part in parts[1:]:
        out += draw(SPACE) + part
    return out + draw(st.sampled_from([".", ".", "?", "!", "”."]))


@st.composite
def article(draw) -> str:
    return " ".join(draw(st.lists(sentence(), min_size=1, max_size=5)))


@st.composite
def two_articles(draw) -> tuple[str, str]:
    a = draw(article())
    sentences = re.split(r"(?<=[.?!])\s+", a)
    # B shares sentences with A, some reworded a word or two at a time: the pairs the diff calls changed
    b = []
    for s in sentences:
        if draw(st.booleans()):
            words = s.split(" ")
            i = draw(st.integers(0, max(0, len(words) - 2)))  # the last word keeps the full stop
            words[i] = draw(st.one_of(st.sampled_from(NAMES), st.sampled_from(WORDS)))
            s = " ".join(words)
        b.append(s)
    return a, " ".join(b + draw(st.lists(sentence(), max_size=2)))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=two_articles())
def test_property_each_side_of_any_diff_is_its_sentences(corpus: Corpus, texts: tuple[str, str]):
    a, b = texts
    result = diff_texts(corpus, a, b)
    check(result)
    shown_a = [p.a.text for p in result.pairs if p.a is not None]
    shown_b = [p.b.text for p in result.pairs if p.b is not None]
    assert len(shown_a) == len(set(p.a.index for p in result.pairs if p.a)) and len(shown_b) == len(
        {p.b.index for p in result.pairs if p.b}
    )  # every sentence once
    extractor = Extractor(corpus.gazetteer, corpus.resolver)
    for text, side in ((a, "a"), (b, "b")):
        spans = sorted((s.start, s.end) for p in result.pairs if (s := getattr(p, side)) is not None)
        assert all(e1 <= s2 for (_, e1), (s2, _) in itertools.pairwise(spans))  # no sentence twice
        covered = [False] * len(text)
        for start, end in spans:
            assert text[start:end] == next(
                getattr(p, side).text for p in result.pairs if getattr(p, side) and getattr(p, side).start == start
            )
            covered[start:end] = [True] * (end - start)
        cleaned = extractor.analyse(text).cleaned
        for f in cleaned.furniture:  # page furniture (an agency credit, trailing headlines) is not the article
            start, end = cleaned.original_span(f.start, f.end)
            covered[start:end] = [True] * (end - start)
        dropped = [i for i, ch in enumerate(text) if not ch.isspace() and not covered[i]]
        assert not dropped, [text[i] for i in dropped]  # every character of every word is in a sentence
