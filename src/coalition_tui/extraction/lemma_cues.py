"""Stance words by family: cues written as lemmas, so every inflection matches ("oppose" finds
"opposes", "opposed", "opposing"; "be in talk" finds "were in talks"), with room for a few words
(adverbs, determiners, quotation marks) between the words of a cue ("ruled out any deployment",
"ruled firmly out"). Lemmas come from simplemma (a maintained lemmatizer; README, "Dependencies").

These complement the surface patterns of ``cues.py``: a clause whose stance no pattern names is
looked at here (``clauses.stance_in``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from coalition_tui.store.model import Stance

WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?")
NEGATORS = frozenset({"not", "n't", "never", "no", "cannot", "nor"})
GAP = 2  # words allowed between the words of a cue


@functools.lru_cache(maxsize=1 << 16)
def lemma(word: str) -> str:
    import simplemma  # imported on first use: the app's first frame needs none of it

    low = word.lower().replace("’", "'")
    if low.endswith("n't"):
        return "n't"
    return str(simplemma.lemmatize(low, lang="en"))


def tokens(text: str) -> list[tuple[str, int]]:
    """The lemma of each word of ``text``, with where the word starts."""
    return [(lemma(m.group()), m.start()) for m in WORD.finditer(text)]


class LemmaCue:
    """Phrases of lemmas ("rule out", "refuse"); the first match in a clause, not negated when
    ``positive`` (a negator in the three words before it: "did not pledge")."""

    def __init__(self, *phrases: str, positive: bool = False, not_after: str = "") -> None:
        self.phrases = [tuple(phrase.split()) for phrase in phrases]
        self.firsts = {phrase[0] for phrase in self.phrases}
        self.positive = positive
        self.not_after = not_after.split()  # "of the": not "the coalition of the willing to defend"

    def search(self, words: Sequence[tuple[str, int]]) -> int | None:
        lemmas = [w for w, _ in words]
        for i, first in enumerate(lemmas):
            if first not in self.firsts:
                continue
            for phrase in self.phrases:
                if phrase[0] == first and self._rest(lemmas, i, phrase) and not self._negated(lemmas, i):
                    if self.not_after and lemmas[max(0, i - len(self.not_after)) : i] == self.not_after:
                        continue
                    return words[i][1]
        return None

    @staticmethod
    def _rest(lemmas: list[str], i: int, phrase: tuple[str, ...]) -> bool:
        at = i
        for word in phrase[1:]:
            window = lemmas[at + 1 : at + 2 + GAP]
            if word not in window:
                return False
            at = at + 1 + window.index(word)
        return True

    def _negated(self, lemmas: list[str], i: int) -> bool:
        return self.positive and bool(NEGATORS & set(lemmas[max(0, i - 3) : i]))


# In the order a clause's stance is decided (the strongest signal first), as in cues.STANCE_CUES.
LEMMA_STANCES: list[tuple[Stance, LemmaCue]] = [
    (Stance.OPPOSED, LemmaCue("oppose", "opposition to", "object to")),
    (
        Stance.DECLINED,
        LemmaCue(
            "refuse",
            "refusal",
            "decline to",
            "unwilling to",
            "no plan to",
            "not plan to",
            "not intend to",
            "no intention of",
            "not prepared to",
            "not ready to",
            "not willing to",
            # measures one will not back (ANNOTATION.md: declined, not opposed)
            "not support",
            "n't support",
            "not back",
            "n't back",
        ),
    ),
    (
        # a refusal by any verb form, not negated ("has not ruled out" is considering, below):
        # "ruled out such a step", "rejected this possibility", "is against sending troops"
        Stance.DECLINED,
        LemmaCue(
            "rule out",
            "reject",
            "dismiss",
            "be against",
            "balk at",
            "shy away from",
            "shie away from",  # simplemma's lemma of "shied", "shies"
            "stay out of",
            "not in a position to",
            "out of the question",
            "no appetite for",
            "not on the table",
            "off the table",
            "not be part of",
            "not take part in",
            "turn down",
            "opt against",
            "decide against",
            "refrain from",
            "stop short of",
            "not a option",  # lemmas of "not an option"
            "not envisage",
            "not go to",  # "is not going to send"
            "say no to",
            positive=True,
        ),
    ),
    (
        Stance.CONSIDERING,
        LemmaCue(
            "consider",
            "weigh",
            "explore",
            "mull",
            "be in talk",
            "hold talk",
            "not rule out",
            "n't rule out",
            "undecided",
            "assess whether",
            "study whether",
            "look at whether",
            # work towards something not yet decided (ANNOTATION.md, "Aims and work")
            "work on option",
            "work on plan",
            "study option",
            "task planner",
            "continue talk",
            # plans still being made: "strengthen plans to deliver guarantees", "a working group to prepare"
            "strengthen plan",
            "finalise plan",
            "finalize plan",
            "draw up plan",
            "develop plan",
            "work group to prepare",  # lemmas: "working group to prepare"
            "accelerate work on",
            # other verbs of weighing: "contemplating sending jets", "eyeing a contribution of frigates"
            "contemplate",
            "ponder",
            "debate whether",
            "eye",
            "examine whether",
            "evaluate whether",
            "under review",
            "will decide",
            "yet to decide",
            "open mind about",
        ),
    ),
    (
        Stance.WILLING,
        LemmaCue(
            "ready to",
            "willing to",
            "prepared to",
            "open to",
            "readiness",
            "willingness",
            "keen to",
            "eager to",
            "volunteer to",
            "offer of",
            "aim to",  # ANNOTATION.md, "Aims and work": an aim is willing
            "hope to",  # the noun: "the Dutch offer of two frigates" (ANNOTATION.md: "offered" is willing)
            positive=True,
            not_after="of the",
        ),
    ),
    (
        Stance.COMMITTED,
        LemmaCue(
            "pledge",
            "commit to",
            "promise",
            "vow",
            "earmark",
            "allocate",
            "donate",
            # the contribution stated as fact, in any tense (ANNOTATION.md): "dispatched 100 soldiers",
            # "adopted new sanctions" ("sent" and "delivered" are in cues.py: not "are sent", not
            # "delivering security")
            "dispatch",
            "adopt",
            "impose",
            "approve",
            "grant",
            "transfer",
            positive=True,
        ),
    ),
]


# "Austria, not Hungary, is ready to": the negation belongs to the name set against the subject
_NOT_ASIDE = re.compile(r",\s+not\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*,")


def lemma_stances(text: str) -> dict[Stance, int]:
    """Each stance a lemma cue names in ``text``, with where its first cue starts."""
    words = tokens(_NOT_ASIDE.sub(lambda m: " " * len(m.group()), text))
    found: dict[Stance, int] = {}
    for stance, cue in LEMMA_STANCES:
        at = cue.search(words)
        if at is not None:
            found[stance] = min(at, found.get(stance, at))
    return found
