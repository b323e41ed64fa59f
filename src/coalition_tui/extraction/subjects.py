"""Who a clause names as acting or attending: its subject, the participants a cue introduces, names
listed after a role noun, the owners of forces named, agents after "by", the speaker of a quotation.

Each function takes a :class:`Clause` and returns mentions (cleaned-text offsets); ``extract.py``
turns them into actors and records.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, NamedTuple

from coalition_tui.extraction import context_cues
from coalition_tui.extraction.clauses import word_before
from coalition_tui.extraction.clean import Cleaned
from coalition_tui.extraction.mentions import Found
from coalition_tui.extraction.sentences import Sentence
from coalition_tui.store.model import Kind, Stance

if TYPE_CHECKING:
    from coalition_tui.extraction.extract import Candidate


class Hints(NamedTuple):
    """The cue literals a sentence contains (of kinds and attendance; of stances when it names a
    kind): its clauses look for these only."""

    literals: tuple[str, ...]
    stances: tuple[str, ...]
    carried: tuple[Kind, ...] = ()  # the kinds of the sentence before, for "such a step" (KIND_ANAPHOR)


class Clause(NamedTuple):
    """One clause of a sentence, with what the records found in it need."""

    text: str
    start: int  # cleaned offset of text[0]
    mentions: list[Found]
    on: dt.date | None
    sentence: Sentence
    cleaned: Cleaned
    found: dict[tuple[str, Kind, Stance], Candidate]
    low: str  # text.lower()
    hints: Hints
    cities: tuple[Found, ...] = ()  # capitals named in the clause, venues included ("a headquarters in Paris")


def _coordinated(ctx: Clause, end: int, start: int) -> bool:
    """Only "and", a comma or "as well as" between ``end`` and ``start`` (clause offsets), or an owner
    and a title before a person ("and the Netherlands' Dick Schoof")."""
    gap = ctx.text[end:start]
    return bool(context_cues.COORDINATION.match(gap) or context_cues.OWNER_GAP.match(gap))


def eligible(ctx: Clause, mention: Found) -> bool:
    """A mention that can be a subject: not a possessive (unless a noun of position follows: "Italy's
    refusal to send"), not after a preposition, not a bare adjective."""
    end = mention.end - ctx.start
    apostrophe = _apostrophe_after(ctx, mention)  # "the Netherlands' Dick Schoof"
    if (
        (mention.possessive or apostrophe)
        and not context_cues.STANCE_NOUN.match(ctx.text, end + apostrophe)
        and not (mention.kind == "country" and context_cues.OFFICIAL_AFTER_OWNER.match(ctx.text, end))
    ):
        return False
    offset = mention.start - ctx.start
    if ctx.text[max(0, offset - 6) : offset].lower() == ", not ":
        return False  # "Austria, not Hungary, will send troops"
    if word_before(ctx.text, offset) in context_cues.NON_ACTOR_PREPOSITIONS and not (
        context_cues.OFFICE_OF.search(ctx.text[:offset])  # "The prime ministers of Belgium and ..."
    ):
        return False
    if _supporter(ctx, mention):
        return False  # "the force, supported by the United States, will ...": the force acts
    after = ctx.text[mention.end - ctx.start :]
    return not (
        mention.form == "demonym"
        and not context_cues.FORCE_NOUN.match(after)
        and not context_cues.TITLE_AFTER_DEMONYM.match(after)
        and not context_cues.STANCE_NOUN.match(after)  # "the Dutch offer of two frigates"
    )


def nearest_group(ctx: Clause, anchor: int, only_eligible: bool = True) -> list[Found]:
    """The subject right before ``anchor``: the last mention and those coordinated with it."""
    before = [m for m in ctx.mentions if m.end - ctx.start <= anchor and (not only_eligible or eligible(ctx, m))]
    relative = [r for r in context_cues.RELATIVE.finditer(ctx.text) if r.start() < anchor]
    if relative:
        marker = relative[-1]
        closing = ctx.text.rfind(",", marker.end(), anchor)
        if closing < 0:  # the cue is inside "…, which has provided": the subject is the antecedent
            antecedent = [m for m in ctx.mentions if m.end - ctx.start <= marker.start()]
            return antecedent[-1:] if antecedent else []
        after = [m for m in before if m.start - ctx.start > closing]
        before = after or [m for m in before if m.end - ctx.start <= marker.start()]
    group: list[Found] = []
    for mention in reversed(before):
        if group and not _coordinated(ctx, mention.end - ctx.start, group[0].start - ctx.start):
            break
        group.insert(0, mention)
    return group


def introduced(ctx: Clause, cue_end: int) -> list[Found]:
    """Participants named after a cue: right after it (auxiliaries, role nouns and titles between
    are skipped: "attended by representatives of Albania, ..."), after "with"/"from"/"alongside",
    or listed on."""
    people = []
    listing = False
    last_end = cue_end
    for mention in ctx.mentions:
        a = mention.start - ctx.start
        apostrophe = _apostrophe_after(ctx, mention)  # "the United States'"
        if a < cue_end or (
            (mention.possessive or apostrophe)
            and not context_cues.OFFICE_AFTER_OWNER.match(ctx.text, mention.end - ctx.start + apostrophe)
        ):
            continue
        gap = ctx.text[last_end:a]
        before = word_before(ctx.text, a)
        named = (
            before in context_cues.PARTICIPANT_PREPOSITIONS and len(gap) <= context_cues.PARTICIPANT_REACH
        ) or bool(context_cues.ROLL_CALL_FILLER.match(gap))
        excluded = listing and context_cues.EXCLUDED_BETWEEN.match(gap)  # kept: the caller reads it as absent
        if named or excluded or (listing and _coordinated(ctx, last_end, a)):
            people.append(mention)
            listing, last_end = True, mention.end - ctx.start
        else:
            listing = False
    return people


def role_lists(ctx: Clause, before: int) -> list[Found]:
    """Names listed after a role noun before the cue ("The leaders of Lithuania, Cyprus and Finland
    also joined", "Countries like Poland and Canada were represented") and demonyms before one
    ("the British, Polish and Italian prime ministers")."""
    out: list[Found] = []
    listing = False
    last_end = 0
    for index, mention in enumerate(ctx.mentions):
        a, b = mention.start - ctx.start, mention.end - ctx.start
        if a >= before:
            break
        if listing and _coordinated(ctx, last_end, a):
            out.append(mention)
            last_end = b
            continue
        listing = False
        if context_cues.ROLE_OF.search(ctx.text[max(0, a - 60) : a]):
            out.append(mention)
            listing, last_end = True, b
        elif mention.form == "demonym":
            run = [mention]
            for nxt in ctx.mentions[index + 1 :]:
                if nxt.form != "demonym" or not _coordinated(ctx, run[-1].end - ctx.start, nxt.start - ctx.start):
                    break
                run.append(nxt)
            if context_cues.ROLE_NOUN.match(ctx.text[run[-1].end - ctx.start :]):
                out += [m for m in run if m not in out]
    return out


def agents(ctx: Clause) -> list[Found]:
    """Names right after "by" ("troops would be provided by France"), not a supporter's ("the force,
    supported by the United States": backing is not sending)."""
    return [
        m
        for m in ctx.mentions
        if word_before(ctx.text, m.start - ctx.start) == "by" and not m.possessive and not _supporter(ctx, m)
    ]


def _apostrophe_after(ctx: Clause, mention: Found) -> bool:
    """A bare apostrophe right after the name: a plural possessive ("the Netherlands'")."""
    return ctx.text.startswith(("'", "’"), mention.end - ctx.start)


def _supporter(ctx: Clause, mention: Found) -> bool:
    """The name backs something another does: "supported by the United States"."""
    return bool(_SUPPORTED_BY.search(ctx.text[: mention.start - ctx.start]))


_SUPPORTED_BY = re.compile(r"\b(?:supported|backed|endorsed|welcomed|funded|financed) by\s+(?:the\s+)?$", re.IGNORECASE)


def force_owners(ctx: Clause) -> list[Found]:
    """Countries that own the forces named: "French and British forces", "troops from France and the UK"."""
    owners = []
    listing = False
    last_end = 0
    for mention in ctx.mentions:
        if mention.kind != "country":
            continue
        a, b = mention.start - ctx.start, mention.end - ctx.start
        if context_cues.FORCE_NOUN.match(ctx.text[b:]):
            owners.append(mention)
        elif context_cues.FORCES_FROM.search(ctx.text[max(0, a - 40) : a]) or (
            listing and _coordinated(ctx, last_end, a)
        ):
            owners.append(mention)
            listing, last_end = True, b
            continue
        listing = False
    return owners


def speaker(sentence: Sentence, mentions: list[Found]) -> Found | None:
    """Who a quotation in the sentence is attributed to ('"...," Witkoff said'), or the reported
    speech it ends with ("..., we will keep up the pressure, Macron said.")."""
    for mention in mentions:
        offset = mention.start - sentence.start
        after = sentence.text[mention.end - sentence.start :]
        if '"' in sentence.text[:offset] and _SAID_BEFORE.search(sentence.text[:offset]):
            return mention  # '"…," said Swedish Prime Minister Ulf Kristersson.'
        verb = context_cues.SPEAKER_VERBS.match(after)
        if verb and (
            '"' in sentence.text[:offset]
            or (sentence.text[:offset].rstrip().endswith(",") and _REPORT_END.match(after, verb.end()))
        ):
            return mention
    return None


# The verb before the speaker, right after the quotation: '"…," said the Swedish prime minister, Ulf'
_SAID_BEFORE = re.compile(
    r"[,!?]\s*[\"”]\s*(?:said|says|added|adds|insisted|stressed|wrote|posted|told reporters)\s+"
    r"(?:[\w'’.-]+,?\s+){0,5}$"
)
_REPORT_END = re.compile(r"(?: on \w+| in [A-Z]\w+| (?:last|this) \w+)*\s*[.!]?\s*$")
