"""What the confidence model sees of a candidate: named yes/no features.

Each candidate carries the features of how it was found (``how``: the subject before the stance
word, the owners of the forces named, an agent after "by", the previous clause's subject, a
participation cue, a bulleted list), of its clause (negation, hedges, reported speech, a quotation,
how many actors and kinds share it) and of its article (another stance for the same actor and kind,
how often the actor is proposed, where the sentence stands). ``confidence.py`` weighs them; the
weights are learned from hand-labelled articles (``bench/train_confidence.py``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

NEGATION = re.compile(r"\b(?:not|no|never|neither|nor|without|refus\w*|reject\w*|rul\w* out)\b|n[’']t\b", re.I)
HEDGE = re.compile(r"\b(?:if|unless|provided|could|might|may|possibly|whether|once|only)\b", re.I)
SPEECH = re.compile(r"\b(?:said|says|told|according to|announced|stated|added|insisted|stressed)\b", re.I)
QUOTATION = re.compile(r"[\"“”]")
FUTURE = re.compile(r"\b(?:will|would|shall|plans?|ready|prepared|willing)\b", re.I)
WORD = re.compile(r"[a-z’']+")


def _bucket(n: int, top: int) -> str:
    return str(n) if n < top else f"{top}+"


def cue_word(low: str, anchor: int) -> str:
    """The first word of the cue at ``anchor`` (a lower-cased clause): the cue's family, roughly."""
    match = WORD.search(low, anchor)
    return match.group().replace("’", "'") if match and match.start() - anchor < 3 else ""


def clause_features(
    how: str,
    kind: str,
    stance: str,
    clause: str,
    cue: str,
    actors: int,
    actor_kind: str,
    by_person: bool,
    method: str,
    score: float,
    place: float,
) -> tuple[str, ...]:
    """The features of one candidate known where it is found (``place``: where its sentence starts,
    as a fraction of the article)."""
    out = [
        f"how={how}",
        f"kind={kind}",
        f"stance={stance}",
        f"how:stance={how}:{stance}",
        f"kind:stance={kind}:{stance}",
        f"actors={_bucket(actors, 3)}",
        f"actor={actor_kind}",
        f"method={method}",
        f"place={min(int(place * 4), 3)}",
    ]
    if cue:
        out.append(f"cue={cue}")
    if by_person:
        out.append("by_person")
    if score < 100:
        out.append("fuzzy_name")
    if NEGATION.search(clause):
        out.append("negation")
        out.append(f"negation:stance={stance}")
    if HEDGE.search(clause):
        out.append("hedge")
    if SPEECH.search(clause):
        out.append("speech")
    if QUOTATION.search(clause):
        out.append("quotation")
    if FUTURE.search(clause):
        out.append("future")
    if len(clause) > 250:
        out.append("long_clause")
    return tuple(out)


def article_features(found: Sequence[tuple[str, str, str]]) -> list[tuple[str, ...]]:
    """Features each candidate gets from the others of its article (``found``: actor, kind, stance)."""
    per_actor = Counter(actor for actor, _kind, _stance in found)
    stances = Counter((actor, kind) for actor, kind, _stance in found)
    kinds = Counter(kind for _actor, kind, _stance in found)
    out = []
    for actor, kind, _stance in found:
        extra = [f"actor_records={_bucket(per_actor[actor], 4)}"]
        if stances[(actor, kind)] > 1:
            extra.append("other_stance")
        if kinds[kind] == 1:
            extra.append("lone_kind")
        out.append(tuple(extra))
    return out
