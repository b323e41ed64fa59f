"""Diffs: two articles sentence by sentence, their claims, and a country across meetings.

Sentences are compared after cleaning and after every resolved name is replaced by its entity, so
"Zelenskiy" and "Zelensky" are the same word while "would" and "would not" differ. Alignment first
pairs identical sentences wherever they stand (a moved sentence is not "removed + added"), then pairs
the most similar of the rest (rapidfuzz), and word-level changes inside a pair come from difflib.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Literal

from rapidfuzz import fuzz, process

from coalition_tui.analysis.browse import analysis
from coalition_tui.extraction.extract import Analysis, Extractor, group_by_sentence
from coalition_tui.store.corpus import Corpus
from coalition_tui.store.model import Commitment, Kind, Stance, Summit

PairKind = Literal["same", "trivial", "changed", "reworded", "only_a", "only_b"]
MIN_SIMILARITY = 60.0  # below this two sentences' characters differ too much to show as word edits
MIN_REWORDED = 0.3  # weighted overlap of content words from which two sentences say the same in other words
MIN_SHARED_WORDS = 4  # ... and at least this many content words (names count) in common
_STOP = frozenset(
    "a an the and or but of to in on at for with by from as is are was were be been being has have had will would "
    "shall should can could may might must it its this that these those there their they them he she his her we our "
    "you your i not no also said says say after before while than then so if into over under about more most other "
    "which who whom what when where how all any some such only own same very just".split()
)
_WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class Sentence:
    """One sentence of an article: its original text and offsets, and its comparison key."""

    index: int
    text: str
    start: int
    end: int
    key: str
    tokens: tuple[tuple[int, int, str], ...]  # (start, end) in ``text`` and comparison key, per word or name


@dataclass(frozen=True)
class WordOp:
    """A run of words: equal, or replaced/deleted/inserted between A and B. ``a`` and ``b`` are each
    side's text exactly as written, with the spaces before it: a side's ops joined give its sentence."""

    op: Literal["equal", "replace", "delete", "insert"]
    a: str
    b: str


@dataclass(frozen=True)
class Pair:
    kind: PairKind
    a: Sentence | None
    b: Sentence | None
    similarity: float = 100.0
    words: tuple[WordOp, ...] = ()


@dataclass
class ArticleDiff:
    pairs: list[Pair]
    entities_only_a: list[str] = field(default_factory=list)
    entities_only_b: list[str] = field(default_factory=list)

    def count(self, kind: PairKind) -> int:
        return sum(p.kind == kind for p in self.pairs)

    @property
    def differences(self) -> list[int]:
        """Indexes of the pairs a user steps through with n / p."""
        return [i for i, p in enumerate(self.pairs) if p.kind in {"changed", "reworded", "only_a", "only_b"}]

    def summary(self) -> dict[str, int]:
        return {k: self.count(k) for k in ("same", "changed", "reworded", "only_a", "only_b", "trivial")}


_PUNCT = re.compile(r"[^\w%$€£-]+")


def _tokens(original: str, text: str, s_start: int, s_end: int, at, spans) -> list[list]:  # noqa: ANN001
    """The sentence's words in original offsets, each with its key: a name (all its words) is one
    token keyed by its entity; a word of punctuation only belongs to the word before it."""
    tokens: list[list] = []  # [start, end, key, span index or -1]
    pending: int | None = None  # where punctuation before the first word starts
    span_i = 0
    for word in _WORD.finditer(text, s_start, s_end):
        a, b = word.start(), word.end()
        while span_i < len(spans) and spans[span_i][1] <= a:  # words and spans both run left to right
            span_i += 1
        inside = span_i < len(spans) and spans[span_i][0] < b
        oa, ob = at(a), at(b)
        if inside:
            if tokens and tokens[-1][3] == span_i:
                tokens[-1][1] = ob  # the next word of the same name
                continue
            key = f"<{spans[span_i][2]}>"
        else:
            key = _PUNCT.sub("", word.group()).casefold()
            if not key:
                if tokens:
                    tokens[-1][1] = ob
                elif pending is None:
                    pending = oa
                continue
        tokens.append([oa if pending is None else pending, ob, key, span_i if inside else -1])
        pending = None
    if pending is not None:  # punctuation only
        tokens.append([pending, at(s_end), original[pending : at(s_end)].strip(), -1])
    return tokens


def _sentences(analysis: Analysis) -> list[Sentence]:
    cleaned = analysis.cleaned
    original, text = cleaned.original, cleaned.text
    at = cleaned.original_offset
    out = []
    grouped = group_by_sentence(analysis.mentions, analysis.sentences)  # mentions sentence by sentence, in one pass
    previous_line = -1
    for index, s in enumerate(analysis.sentences):
        spans = [(m.start, m.end, m.entity) for m in grouped[index]]
        first = s.start
        if s.bullet and s.line != previous_line:  # the list marker ("30.", "-") is drawn with its item
            line_start = text.rfind("\n", 0, s.start) + 1
            first = line_start + len(text[line_start : s.start]) - len(text[line_start : s.start].lstrip())
        previous_line = s.line
        start, end = at(first), at(s.end)
        tokens = tuple((a - start, b - start, key) for a, b, key, _ in _tokens(original, text, first, s.end, at, spans))
        out.append(Sentence(index, original[start:end], start, end, " ".join(k for _, _, k in tokens), tokens))
    return out


def _words(a: Sentence, b: Sentence) -> tuple[WordOp, ...]:
    """Word-level changes; each side's texts are its own words as written, nothing left out."""
    a_keys, b_keys = [k for _, _, k in a.tokens], [k for _, _, k in b.tokens]
    ops = []
    pos_a = pos_b = 0
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a_keys, b_keys, autojunk=False).get_opcodes():
        end_a = a.tokens[i2 - 1][1] if i2 > i1 else pos_a
        end_b = b.tokens[j2 - 1][1] if j2 > j1 else pos_b
        ops.append([tag, a.text[pos_a:end_a], b.text[pos_b:end_b]])
        pos_a, pos_b = end_a, end_b
    for side, text, pos in ((1, a.text, pos_a), (2, b.text, pos_b)):
        if pos < len(text):  # what follows the last word (spaces): to the last op that has words on that side
            last = next((op for op in reversed(ops) if op[side]), ops[-1] if ops else None)
            if last is not None:
                last[side] += text[pos:]
    return tuple(WordOp(tag, a_text, b_text) for tag, a_text, b_text in ops)  # type: ignore[arg-type]


def align(a: Sequence[Sentence], b: Sequence[Sentence]) -> list[Pair]:
    """Pair sentences of A and B: identical keys anywhere, then the most similar of the rest."""
    partner: dict[int, tuple[int, PairKind, float]] = {}
    free_b: dict[str, list[int]] = {}
    for sb in b:
        free_b.setdefault(sb.key, []).append(sb.index)
    for sa in a:
        if free_b.get(sa.key):
            j = free_b[sa.key].pop(0)
            kind: PairKind = "same" if sa.text == b[j].text else "trivial"
            partner[sa.index] = (j, kind, 100.0)
    used_b = {j for j, _, _ in partner.values()}
    rest_a = [sa for sa in a if sa.index not in partner]
    rest_b = [sb for sb in b if sb.index not in used_b]
    candidates = []
    keys_b = [sb.key for sb in rest_b]
    for sa in rest_a:
        for _key, score, j in process.extract(sa.key, keys_b, scorer=fuzz.ratio, score_cutoff=MIN_SIMILARITY, limit=5):
            candidates.append((score, sa.index, rest_b[j].index))
    for score, i, j in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        if i in partner or j in used_b:
            continue
        partner[i] = (j, "changed", score)
        used_b.add(j)
    _reworded([sa for sa in a if sa.index not in partner], [sb for sb in b if sb.index not in used_b], partner, used_b)
    pairs: list[tuple[float, Pair]] = []
    b_anchor: dict[int, float] = {}
    for sa in a:
        if sa.index in partner:
            j, kind, score = partner[sa.index]
            words = _words(sa, b[j]) if kind == "changed" else ()
            pairs.append((sa.index, Pair(kind, sa, b[j], round(score, 1), words)))
            b_anchor[j] = sa.index
        else:
            pairs.append((sa.index, Pair("only_a", sa, None, 0.0)))
    last: float | None = None
    for sb in b:
        if sb.index in b_anchor:
            last = b_anchor[sb.index]
        elif sb.index not in used_b:
            # after the A sentence its B neighbour is paired with; else at the same relative place
            where = last + 0.5 if last is not None else sb.index * len(a) / max(len(b), 1) - 0.25
            pairs.append((where, Pair("only_b", None, sb, 0.0)))
    return [p for _, p in sorted(pairs, key=lambda item: item[0])]


def content_words(sentence: Sentence) -> frozenset[str]:
    """What a sentence is about, whatever its wording: names (by entity) and words that carry meaning,
    cut to their first five letters ("pledged", "pledges" → "pledg")."""
    out = set()
    for _a, _b, key in sentence.tokens:
        if key.startswith("<"):
            out.add(key)
        elif key not in _STOP and len(key) > 2 and not key.isdigit():
            out.add(key[:5])
    return frozenset(out)


def _reworded(
    rest_a: list[Sentence], rest_b: list[Sentence], partner: dict[int, tuple[int, PairKind, float]], used_b: set[int]
) -> None:
    """Pair what is left by meaning: the sentences whose content words overlap most, best first. Each
    word weighs by how rare it is among the sentences of both articles (idf: "coalition" in every
    sentence says little; "Lancaster" in two says much); a pair needs ``MIN_SHARED_WORDS`` words in
    common and a weighted Dice overlap of ``MIN_REWORDED``: the same fact in other words."""
    words_a = [(sa.index, content_words(sa)) for sa in rest_a]
    words_b = [(sb.index, content_words(sb)) for sb in rest_b]
    df: dict[str, int] = {}
    for _i, words in (*words_a, *words_b):
        for w in words:
            df[w] = df.get(w, 0) + 1
    n = len(words_a) + len(words_b)
    idf = {w: math.log(1 + n / d) for w, d in df.items()}

    def weight(words: frozenset[str]) -> float:
        return sum(idf[w] for w in words)

    weights_b = {j: weight(wb) for j, wb in words_b}
    candidates = []
    for i, wa in words_a:
        if len(wa) < MIN_SHARED_WORDS:
            continue
        weight_a = weight(wa)
        for j, wb in words_b:
            shared = wa & wb
            if len(shared) >= MIN_SHARED_WORDS:
                overlap = 2 * weight(shared) / (weight_a + weights_b[j])
                if overlap >= MIN_REWORDED:
                    candidates.append((overlap, i, j))
    for overlap, i, j in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        if i in partner or j in used_b:
            continue
        partner[i] = (j, "reworded", round(100 * overlap, 1))
        used_b.add(j)


def diff_texts(corpus: Corpus, text_a: str, text_b: str) -> ArticleDiff:
    """Diff two article texts, names compared after resolution."""
    extractor = Extractor(corpus.gazetteer, corpus.resolver)
    return _diff(corpus, extractor.analyse(text_a), extractor.analyse(text_b))


def diff_sources(corpus: Corpus, a: str, b: str) -> ArticleDiff:
    """Diff two sources of the corpus (their analyses are shared with the app's other views)."""
    return _diff(corpus, analysis(corpus, a), analysis(corpus, b))


def _diff(corpus: Corpus, analysis_a: Analysis, analysis_b: Analysis) -> ArticleDiff:
    pairs = align(_sentences(analysis_a), _sentences(analysis_b))
    names_a = {m.entity for m in analysis_a.mentions}
    names_b = {m.entity for m in analysis_b.mentions}
    return ArticleDiff(pairs, sorted(names_a - names_b, key=corpus.label), sorted(names_b - names_a, key=corpus.label))


NO_SHARED_TEXT = (
    "The articles share no sentence, not even reworded: they are told in their own words (t compares what they claim)"
)


def shares_nothing(summary: dict[str, int]) -> bool:
    """No sentence in common, none reworded: "0 shared" would say less than the truth."""
    return not (summary["same"] or summary["changed"] or summary["trivial"] or summary.get("reworded"))


# ---------------------------------------------------------------------------------- claims
ClaimKind = Literal["both", "differs", "conflicting", "only_a", "only_b"]


@dataclass(frozen=True)
class ClaimRow:
    """Records of A and B about one (meeting, country, kind): every record of each side."""

    kind: ClaimKind
    country: str
    what: Kind
    a: tuple[Commitment, ...]
    b: tuple[Commitment, ...]
    summit: str = ""


CLAIM_GROUPS = (
    ("conflicting", "Conflicting (one side positive, the other a refusal)"),
    ("differs", "Differs (same direction, another degree: committed vs willing)"),
    ("only_a", "Only in A"),
    ("only_b", "Only in B"),
    ("both", "In both"),
)
CLAIM_KINDS = tuple(kind for kind, _title in CLAIM_GROUPS)
NEGATIVE = frozenset({Stance.DECLINED, Stance.OPPOSED})  # the others say yes, to some degree


def polarity(stances: set[Stance]) -> frozenset[bool]:
    """Which directions ``stances`` take: True for a yes of some degree, False for a refusal."""
    return frozenset(s not in NEGATIVE for s in stances)


def compare_stances(a: set[Stance], b: set[Stance]) -> Literal["both", "differs", "conflicting"]:
    """The same stances; the same direction in another degree ("differs"); or opposite directions."""
    if a == b:
        return "both"
    return "differs" if polarity(a) == polarity(b) else "conflicting"


def diff_claims(corpus: Corpus, a: str, b: str) -> list[ClaimRow]:
    """Claims only in A, only in B, in both, differing (same country and kind, another stance of the
    same direction: committed vs willing) and conflicting (a yes against a refusal),
    compared meeting by meeting: a record is only ever set against records of its own meeting.
    Rows are in meeting date order, then by group (as ``CLAIM_GROUPS``), country and kind."""

    def grouped(source: str) -> dict[tuple[str, str, Kind], list[Commitment]]:
        out: dict[tuple[str, str, Kind], list[Commitment]] = {}
        for r in sorted(corpus.by_source.get(source, []), key=lambda r: (r.start, r.id)):
            out.setdefault((r.summit, r.country, r.kind), []).append(r)
        return out

    ga, gb = grouped(a), grouped(b)
    order = {kind: i for i, (kind, _title) in enumerate(CLAIM_GROUPS)}
    rows = []
    for key in ga.keys() | gb.keys():
        ra, rb = tuple(ga.get(key, ())), tuple(gb.get(key, ()))
        kind: ClaimKind
        if ra and rb:
            kind = compare_stances({r.stance for r in ra}, {r.stance for r in rb})
        else:
            kind = "only_a" if ra else "only_b"
        rows.append(ClaimRow(kind, key[1], key[2], ra, rb, key[0]))

    def date(summit_id: str) -> str:
        summit = corpus.summits.get(summit_id)
        return summit.date.isoformat() if summit else summit_id

    return sorted(rows, key=lambda r: (date(r.summit), r.summit, order[r.kind], corpus.label(r.country), r.what.value))


def claims_by_meeting(rows: list[ClaimRow]) -> list[tuple[str, list[tuple[str, str, list[ClaimRow]]]]]:
    """``diff_claims`` rows as the views show them: per meeting, per group (kind, title, rows)."""
    out: list[tuple[str, list[tuple[str, str, list[ClaimRow]]]]] = []
    for summit, in_meeting in itertools.groupby(rows, key=lambda r: r.summit):
        listed = list(in_meeting)
        groups = [(kind, title, [r for r in listed if r.kind == kind]) for kind, title in CLAIM_GROUPS]
        out.append((summit, [g for g in groups if g[2]]))
    return out


# ---------------------------------------------------------------------------------- across meetings
@dataclass(frozen=True)
class Change:
    kind: Literal["new", "dropped", "changed", "differs", "not_reported", "same"]
    what: Kind
    before: tuple[Commitment, ...]
    after: tuple[Commitment, ...]


@dataclass(frozen=True)
class Step:
    """What changed for a country from one meeting to the next."""

    before: Summit
    after: Summit
    changes: tuple[Change, ...]
    present_before: bool
    present_after: bool


def across_meetings(corpus: Corpus, country: str, summits: Sequence[str] | None = None) -> list[Step]:
    """The country's commitments compared meeting to meeting (all its meetings, in date order, by default)."""
    records = [r for r in corpus.by_country.get(country, [])]
    order = [
        s
        for s in corpus.summits_by_date()
        if (summits is None and any(r.summit == s.id for r in records)) or (summits is not None and s.id in summits)
    ]
    steps = []
    for before, after in itertools.pairwise(order):

        def by_kind(summit: Summit) -> dict[Kind, list[Commitment]]:
            out: dict[Kind, list[Commitment]] = {}
            for r in records:
                if r.summit == summit.id and r.kind is not Kind.PARTICIPATION:
                    out.setdefault(r.kind, []).append(r)
            return out

        kb, ka = by_kind(before), by_kind(after)
        changes = []
        for kind in sorted(kb.keys() | ka.keys(), key=lambda k: k.value):
            rb, ra = tuple(kb.get(kind, ())), tuple(ka.get(kind, ()))
            if rb and ra:
                how = compare_stances({r.stance for r in rb}, {r.stance for r in ra})
                if how == "both":
                    changes.append(Change("same", kind, rb, ra))
                elif how == "differs":
                    changes.append(Change("differs", kind, rb, ra))
                else:  # a yes that became a refusal is a reversal; a refusal that became a yes, a change
                    dropped = polarity({r.stance for r in ra}) == frozenset({False})
                    changes.append(Change("dropped" if dropped else "changed", kind, rb, ra))
            else:  # no record at the later meeting: the articles did not report it, nobody said it ended
                changes.append(Change("not_reported" if rb else "new", kind, rb, ra))

        def present(summit: Summit) -> bool:
            return any(r.summit == summit.id for r in records)

        steps.append(Step(before, after, tuple(changes), present(before), present(after)))
    return steps


__all__ = [
    "ArticleDiff",
    "ClaimRow",
    "Pair",
    "Step",
    "across_meetings",
    "align",
    "claims_by_meeting",
    "diff_claims",
    "diff_sources",
    "diff_texts",
]
