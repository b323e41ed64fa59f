"""What one clause of a sentence says: where a sentence splits into clauses, the kinds of contribution
and the stance its words carry, and the few tests that keep a clause from committing anyone (a force
only paid for, Ukraine's own troops, a name that is not the subject)."""

from __future__ import annotations

import re

from coalition_tui.extraction import context_cues, cues
from coalition_tui.extraction.lemma_cues import lemma_stances
from coalition_tui.extraction.sentences import Sentence
from coalition_tui.store.model import Kind, Stance

_ARTICLES = frozenset({"the", "a", "an", "his", "her", "its", "their", "our"})

_LIST_AND = re.compile(r",\s+and\s+")
_PART_STOP = re.compile(r";|\s[-–—]\s")
_VERB = re.compile(
    r"\b(?:will|would|could|can|has|have|had|is|are|was|were|said|says|pledged|agreed|announced|offered|plans?|"
    r"promised|committed|declined|refused|ruled|sent|sends|provides?|provided)\b",
    re.IGNORECASE,
)


def _part_end(text: str, start: int) -> int:
    """Where the part of ``text`` from ``start`` ends: at a semicolon, a dash or the sentence's end."""
    stop = _PART_STOP.search(text, start)
    return stop.start() if stop else len(text)


def clause_spans(sentence: Sentence) -> list[tuple[int, int]]:
    """Clause spans (cleaned offsets) split at "; ", ", while", " but ", ", and He..."."""
    spans = []
    last = 0
    lead = context_cues.LEADING_SUBORDINATE.match(sentence.text)
    if lead and sentence.text.count('"', 0, lead.end()) % 2 == 0:
        spans.append((sentence.start, sentence.start + lead.end()))
        last = lead.end()
    for match in context_cues.CLAUSE_BREAK.finditer(
        sentence.text, last
    ):  # inside a quotation too: its clauses are positions
        if _LIST_AND.fullmatch(match.group()) and (
            not _VERB.search(sentence.text, last, match.start())
            or not _VERB.search(sentence.text, match.end(), _part_end(sentence.text, match.end()))
        ):
            # "Poland, Romania, Canada, and Australia were represented", "Starmer was joined by A, B, and
            # C.": the end of a list, not a clause (no verb before it, or none after it)
            continue
        spans.append((sentence.start + last, sentence.start + match.start()))
        last = match.end()
    spans.append((sentence.start + last, sentence.end))
    return [(a, b) for a, b in spans if b > a]


_MONEY_WORD = re.compile(r"\b(?:fund\w*|cash|financ\w+|loans?|grants?|budget\w*)\b", re.IGNORECASE)


def kinds_in(clause: str, stance: Stance | None, among: tuple[str, ...] | None = None) -> list[Kind]:
    """Kinds named in the clause, outside its condition ("... only with the US acting as a backstop")."""
    if stance is Stance.CONDITIONAL:
        condition = _CONDITIONAL.search(clause)
        if condition:
            # the condition is not a kind offered: up to the comma that closes it ("would contribute,
            # subject to parliamentary approval, two frigates"), or to the end
            closing = clause.find(",", condition.end())
            cut = closing if 0 <= closing - condition.end() <= 60 else len(clause)
            clause = clause[: condition.start()] + " " * (cut - condition.start()) + clause[cut:]
    low = clause.lower()
    possible = cues.KIND_LITERALS.possible(low, among)
    kinds = []
    for kind, cue in cues.KIND_CUES.items():
        if kind not in possible or not cue.search(clause, low, among):
            continue
        location = cues.LOCATION_USE.get(kind)
        if location is None or any(
            not location.search(clause[max(0, m.start() - 60) : m.start()]) for m in cue.finditer(clause, low, among)
        ):
            kinds.append(kind)
    for kind in list(kinds):
        for weaker in cues.KIND_SUPERSEDES.get(kind, ()):
            if weaker in kinds:
                kinds.remove(weaker)
    if Kind.TROOPS_IN_UKRAINE in kinds and _only_ukraines_own_or_trained(clause, low, among):
        kinds.remove(Kind.TROOPS_IN_UKRAINE)
    if Kind.FUNDING in kinds and Kind.MILITARY_AID in kinds and not _MONEY_WORD.search(clause):
        kinds.remove(Kind.FUNDING)  # "€2bn in weapons": an amount for weapons is military aid (ANNOTATION.md)
    if Kind.FUNDING in kinds and Kind.MILITARY_AID in kinds and _only_paid_for(clause, low, among):
        kinds.remove(Kind.FUNDING)  # "fund new artillery production": money for weapons is military aid (ANNOTATION.md)
    if Kind.MILITARY_AID in kinds and _deployed_assistance(clause, low, among):
        # ANNOTATION.md: military assistance deployed on Ukrainian soil is troops ("deploy military assistance")
        kinds[kinds.index(Kind.MILITARY_AID)] = Kind.TROOPS_IN_UKRAINE
        kinds = list(dict.fromkeys(kinds))
    return kinds


_DEPLOYED = re.compile(r"\bdeploy(?:s|ed|ing|ment of)?\b[\s\"'“”]*(?:[\w-]+[\s\"'“”]+){0,3}$", re.IGNORECASE)


def _deployed_assistance(clause: str, low: str, among: tuple[str, ...] | None) -> bool:
    """Every weapon or aid word of the clause is what is deployed ("deploy direct military assistance")."""
    matches = cues.KIND_CUES[Kind.MILITARY_AID].finditer(clause, low, among)
    return bool(matches) and all(_DEPLOYED.search(clause[max(0, m.start() - 50) : m.start()]) for m in matches)


# After the stance word, a request of others: the kinds named after it are asked for, not offered
# ("members unwilling to commit troops were asked to provide intelligence or ships").
_ASKED = re.compile(r"\b(?:(?:were|was|been|are|is|be) (?:\w+ )?asked|called on|urged|requested) to\b", re.IGNORECASE)
# A meeting's topic: "will meet to discuss how to strengthen military support" (no position).
_TOPIC = re.compile(r"\b(?:discuss\w*|talks?|debat\w*)\b[^.;]{0,60}\b(?:how|whether|ways) (?:to|of)\b", re.IGNORECASE)


# A negation between the subject and what it would give: "will under no circumstances send troops", "has
# made clear it will not be sending", "said no to sending soldiers", "no Latvian soldiers would be
# deployed". Not a double negation ("has not ruled out") nor an idiom ("not only", "no doubt").
_NEGATION = re.compile(
    r"(?<!, )\b(?:not|never|no|cannot|n't)\b(?!\s+(?:yet\s+)?(?:ruled?|ruling|excluded?|excluding|only|just|least|hesitate|"
    r"doubt|later|matter|decided|made (?:a|up)|sooner|less|fewer|more)\b)(?<!whether or not)",
    re.IGNORECASE,
)
# "would rather send jets than troops": what comes after "than" (or "instead of") is not offered
_RATHER_THAN = re.compile(r"\brather\b[^.;]*?\bthan\b|\binstead of\b", re.IGNORECASE)


def negated_before(text: str, start: int, end: int) -> bool:
    """A negation between ``start`` (after the subject) and ``end`` (the kind's word)."""
    return end > start and _NEGATION.search(text, start, end) is not None


def kinds_offered(clause: str, kinds: list[Kind], anchor: int, among: tuple[str, ...] | None = None) -> list[Kind]:
    """The kinds the clause's subject takes a stance on: not those asked of them after the stance
    word, nor those it would rather not give ("rather ... than troops"), nor those only named as what
    a meeting will discuss."""
    cut = len(clause)
    asked = _ASKED.search(clause, anchor)
    if asked:
        cut = asked.start()
    rather = _RATHER_THAN.search(clause)
    if rather:
        cut = min(cut, rather.end())
    topic = _TOPIC.search(clause)
    low = clause.lower()
    out = []
    for kind in kinds:
        spots = [m.start() for m in cues.KIND_CUES[kind].finditer(clause, low, among)]
        if spots and all(at >= cut or (topic and at >= topic.end() and anchor < topic.start()) for at in spots):
            continue
        out.append(kind)
    return out


_PAID_FOR = re.compile(
    r"\b(?:fund|funds|funded|funding|finance|finances|financed|financing|pay for|pays for|paid for)\s+(?:\S+\s+){0,3}$"
)


def _only_paid_for(clause: str, low: str, among: tuple[str, ...] | None) -> bool:
    """Every weapon word of the clause is what money pays for ("fund drones for Ukraine")."""
    matches = cues.KIND_CUES[Kind.MILITARY_AID].finditer(clause, low, among)
    return bool(matches) and all(_PAID_FOR.search(low[max(0, m.start() - 50) : m.start()]) for m in matches)


TITLED_NAME = re.compile(
    r"(?:['’]s)?\s+(?:(?:Foreign|Defen[cs]e|Prime|Deputy|Interim|Vice|Finance|Armed Forces|Acting)\s+)*"
    r"(?:Minister|President|Chancellor|Premier|Secretary|Envoy|Ambassador|Chief of Staff|Commander|Spokes(?:wo)?man|"
    r"Spokesperson)(?: of [A-Z]\w+)?\s+((?:[A-Z][\w'’-]+\s+){0,2}[A-Z][\w'’-]+)"
)
# the same title and name with no country before it ("Defence Minister Hanno Pevkurr said"): a person
# the gazetteer lacks whose country the reader must supply
TITLE_ALONE = re.compile(r"(?<![\w'’])" + TITLED_NAME.pattern.removeprefix(r"(?:['’]s)?\s+"))
_UKRAINES_OWN = re.compile(r"(?:ukrainian|ukraine's|kyiv's)\s+(?:\w+\s+){0,2}$")
_TRAINED = re.compile(r"\btrain(?:s|ed|ing)?\b[\s\"']*(?:\w+[\s\"']+){0,3}$")


def _only_ukraines_own_or_trained(clause: str, low: str, among: tuple[str, ...] | None) -> bool:
    """Every troop word of the clause names Ukraine's own units ("four mechanised Ukrainian infantry
    brigades") or the people trained ("continue to train soldiers"): no one else's troops are offered."""
    cue = cues.KIND_CUES[Kind.TROOPS_IN_UKRAINE]
    matches = cue.finditer(clause, low, among)
    return bool(matches) and all(
        _UKRAINES_OWN.search(low[max(0, m.start() - 40) : m.start()])
        or _TRAINED.search(low[max(0, m.start() - 40) : m.start()])
        for m in matches
    )


# What the other side must do, as a condition: "if it refused the ceasefire", "unless Moscow agrees": its
# refusal is Russia's, never the stance of who sets the condition (masked before the cues are read).
OTHERS_CONDITION = re.compile(
    r"\b(?:if|unless|until|should)\s+(?:he|she|it|they|russia|moscow|putin|the kremlin|vladimir putin)\b[^,.;:]{0,80}",
    re.IGNORECASE,
)


def _masked(clause: str) -> str:
    """The clause with the other side's conditions blanked (same length: offsets hold)."""
    return OTHERS_CONDITION.sub(lambda m: " " * len(m.group()), clause)


def stance_in(clause: str, low: str | None = None, among: tuple[str, ...] | None = None) -> tuple[Stance | None, int]:
    """The strongest-signal stance in a clause, and where its cue starts (the anchor)."""
    if OTHERS_CONDITION.search(clause):
        clause = _masked(clause)
        low = clause.lower()
        among = None
    low = clause.lower() if low is None else low
    possible = cues.STANCE_LITERALS.possible(low, among)
    by_family = lemma_stances(clause)  # the word families: "opposing", "were in talks"
    for stance, cue in cues.STANCE_CUES:
        match = cue.search(clause, low, among) if stance in possible else None
        if match or stance in by_family:
            return stance, min(match.start() if match else len(clause), by_family.get(stance, len(clause)))
    return None, len(clause)


_CONDITIONAL = dict(cues.STANCE_CUES)[Stance.CONDITIONAL]


def not_the_subject(text: str, group_start: int, group_end: int, anchor: int) -> bool:
    """True when the stance cue belongs to another subject ("... what a force would look like") or the
    group sits in a question ("Asked whether the United States would ...")."""
    if word_before(text, group_start) in context_cues.QUESTION_WORDS:
        return True
    between = text[group_end:anchor]
    if context_cues.RELATIVE.match(between):  # "Japan, which is barred ..., said it would": the clause describes Japan
        return False
    return anchor > group_end and bool(context_cues.SUBORDINATOR.search(between))


def word_before(text: str, offset: int) -> str:
    """The word before ``offset``, skipping articles and possessive pronouns ("to the UK" -> "to")."""
    end = offset
    while True:
        while end > 0 and not (text[end - 1].isalnum() or text[end - 1] == "_"):
            end -= 1
        start = end
        while start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_"):
            start -= 1
        if start == end:
            return ""
        word = text[start:end].lower()
        if word not in _ARTICLES:
            return word
        end = start
