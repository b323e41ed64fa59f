"""One story under several mastheads: a wire story republished by several outlets shares most of its
sentences with the others. Articles whose long sentences are mostly the same (after case, spaces and
punctuation) are flagged as the same story; the same text twice is refused at ingest already."""

from __future__ import annotations

import re
from collections import defaultdict
from itertools import combinations

from coalition_tui.store.corpus import Corpus
from coalition_tui.store.derived import Touched

MIN_WORDS = 8  # shorter sentences ("Read more.", a dateline) are shared by chance
SHARED = 0.5  # of the shorter article's long sentences
MIN_SHARED = 3
COMMON = 20  # a sentence in more articles than this is furniture (a standard disclaimer), not a story
_SENTENCE = re.compile(r"(?<=[.!?…])[\"'”’)\]]*\s+|\n+")
_NOISE = re.compile(r"[^\w\s]+")


def sentence_keys(text: str) -> frozenset[int]:
    """A hash per long sentence, compared without case, punctuation or spacing."""
    keys = set()
    for sentence in _SENTENCE.split(text):
        words = _NOISE.sub(" ", sentence.lower()).split()
        if len(words) >= MIN_WORDS:
            keys.add(hash(" ".join(words)))
    return frozenset(keys)


def same_stories(texts: dict[str, str]) -> dict[str, list[tuple[str, float]]]:
    """For each source, the others telling the same story, with the share of sentences they have in
    common (of the shorter one's), most alike first."""
    keys = {source: sentence_keys(text) for source, text in texts.items()}
    holders: dict[int, list[str]] = defaultdict(list)
    for source, found in keys.items():
        for key in found:
            holders[key].append(source)
    pairs: dict[tuple[str, str], int] = defaultdict(int)
    for sources in holders.values():
        if 1 < len(sources) <= COMMON:
            for a, b in combinations(sorted(sources), 2):
                pairs[(a, b)] += 1
    out: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for (a, b), shared in pairs.items():
        smaller = min(len(keys[a]), len(keys[b]))
        if shared >= MIN_SHARED and shared >= SHARED * smaller:
            share = shared / smaller
            out[a].append((b, share))
            out[b].append((a, share))
    return {source: sorted(found, key=lambda f: (-f[1], f[0])) for source, found in out.items()}


def stories(corpus: Corpus) -> dict[str, list[tuple[str, float]]]:
    """:func:`same_stories` of the corpus's articles, kept until the sources change."""
    return corpus.derived.get(("same_story",), Touched.SOURCES, lambda: same_stories(corpus.texts))


def known(corpus: Corpus) -> dict[str, list[tuple[str, float]]] | None:
    """The result if it has been computed (a screen asks a worker otherwise)."""
    found: dict[str, list[tuple[str, float]]] | None = corpus.derived.peek(("same_story",))
    return found
