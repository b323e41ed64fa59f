"""Extraction: propose commitment records from an article, each with the exact words that say so.

The procedure, per sentence and clause (the phrasing it knows lives in ``cues.py``):

1. find mentions (``mentions.py``) and turn them into actors: a country or organization, a person
   standing for their country (or for the organization whose office they hold on the day);
2. attendance: a participation cue ("joined", "attended", "hosted", "alongside") makes every
   participant named in the clause a ``participation`` record; a bulleted list under a header such as
   "The world leaders include" does too;
3. contributions: the kinds whose cues appear, the strongest stance cue (opposed > declined >
   conditional > considering > willing > committed), and the actors: owners of the forces named
   ("French and British forces"), else the subjects before the stance cue, else agents after "by"
   or "from", else the subject of the previous clause. Names after a preposition ("deploy troops to
   Ukraine", "pressure on Russia"), possessives and venues are not actors; a clause that makes
   demands of others ("called on", "must") commits nobody.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import NamedTuple

from coalition_tui.extraction import cues
from coalition_tui.extraction.clauses import (
    _TITLED_NAME,
    _clauses,
    _kinds,
    _not_the_subject,
    _stance,
    _word_before,
)
from coalition_tui.extraction.clean import Cleaned, clean
from coalition_tui.extraction.mentions import Found, MentionFinder
from coalition_tui.extraction.sentences import Sentence, split_sentences
from coalition_tui.store.gazetteer import Gazetteer
from coalition_tui.store.model import Commitment, Kind, Origin, Stance
from coalition_tui.store.resolve import Resolver


@dataclass(frozen=True, slots=True)
class Candidate:
    """One proposed record, in original-text offsets."""

    country: str
    kind: Kind
    stance: Stance
    start: int
    end: int
    quote: str
    person: str | None
    as_written: tuple[str, ...]
    confidence: float


@dataclass(frozen=True)
class Analysis:
    cleaned: Cleaned
    sentences: list[Sentence]
    mentions: list[Found]


class _Hints(NamedTuple):
    """The cue literals a sentence contains (of kinds and attendance; of stances when it names a
    kind): its clauses look for these only."""

    literals: tuple[str, ...]
    stances: tuple[str, ...]


class _Clause(NamedTuple):
    text: str
    start: int  # cleaned offset of text[0]
    mentions: list[Found]
    on: dt.date | None
    sentence: Sentence
    cleaned: Cleaned
    found: dict[tuple[str, Kind, Stance], Candidate]
    low: str  # text.lower()
    hints: _Hints


class _Actor(NamedTuple):
    entity: str
    mention: Found
    person: str | None


class Extractor:
    """Builds candidates from article text with a gazetteer and its resolver."""

    def __init__(self, gazetteer: Gazetteer, resolver: Resolver) -> None:
        self.gaz = gazetteer
        self.finder = MentionFinder(resolver)

    # ------------------------------------------------------------------ analysis
    def analyse(self, text: str, on: dt.date | None = None) -> Analysis:
        """Clean, split and find mentions (cleaned-text offsets)."""
        cleaned = clean(text)
        sentences = split_sentences(cleaned)
        mentions = [m for s in sentences for m in self.finder.find(s.text, s.start, on)]
        return Analysis(cleaned, sentences, mentions)

    def unknown_people(self, analysis: Analysis) -> list[tuple[int, int, str]]:
        """People the gazetteer does not know, named with a title after their country ("Turkish
        Foreign Minister Hakan Fidan", "Latvia's Defence Minister Andris Spruds"): (start, end,
        country id) in cleaned offsets, for the Names view."""
        text = analysis.cleaned.text
        people = [(m.start, m.end) for m in analysis.mentions if m.kind == "person"]
        out = []
        for mention in analysis.mentions:
            if mention.kind != "country" or mention.venue:
                continue
            match = _TITLED_NAME.match(text, mention.end)
            if not match:
                continue
            a, b = match.span(1)
            if not any(s < b and a < e for s, e in people):
                out.append((a, b, mention.entity))
        return out

    def actor(self, mention: Found, on: dt.date | None) -> _Actor:
        """The country or organization a mention acts for."""
        person = self.gaz.people.get(mention.entity)
        if person is None:
            return _Actor(mention.entity, mention, None)
        for role in person.roles:
            if role.of in self.gaz.organizations and (on is None or role.held_on(on)):
                return _Actor(role.of, mention, person.id)
        return _Actor(person.country, mention, person.id)

    # ------------------------------------------------------------------ candidates
    def candidates(self, text: str, on: dt.date | None = None) -> list[Candidate]:
        """Every candidate record the article supports, in text order."""
        cleaned = clean(text)
        out: list[Candidate] = []
        header = ""
        sentences = split_sentences(cleaned)
        everywhere = cleaned.text.lower()
        look_for = cues.SENTENCE_LITERALS
        if len(everywhere) == len(cleaned.text):  # offsets agree (lower-casing changed no length)
            literals = cues.literals_by_span(everywhere, [(s.start, s.end) for s in sentences], look_for)
        else:
            literals = [tuple(lit for lit in look_for if lit in s.text.lower()) for s in sentences]
        kind_owners = cues.KIND_LITERALS.owners
        for sentence, present in zip(sentences, literals, strict=True):
            if not sentence.bullet:
                header = sentence.text
            listed = sentence.bullet and cues.LIST_HEADER_CUES.search(header)
            kinds = tuple(lit for lit in present if lit in kind_owners)
            if not (
                kinds
                or cues.KIND_LITERALS.always
                or listed
                or cues.PARTICIPATION_CUES.allows(present)
                or cues.ABSENCE_CUES.allows(present)
            ):
                continue  # no cue of any kind or of attendance: nothing to find, so no names to look up
            low = sentence.text.lower()
            stances = cues.STANCE_LITERALS.present(low) if kinds or cues.KIND_LITERALS.always else ()
            hints = _Hints(present, stances)
            mentions = self.finder.find(sentence.text, sentence.start, on, low)
            dateline = cues.DATELINE.match(sentence.text) if sentence.start == sentences[0].start else None
            if dateline:  # "PARIS, 4 September 2025 —": the place where it was written, never an actor
                mentions = [m for m in mentions if m.start >= sentence.start + dateline.end()]
            found: dict[tuple[str, Kind, Stance], Candidate] = {}
            if listed:
                self._bullet(sentence, mentions, on, cleaned, found)
            else:
                self._sentence(sentence, mentions, on, cleaned, found, hints)
            out.extend(self._with_person(found.values(), mentions, on))
        return out

    def _with_person(self, found: Iterable[Candidate], mentions: list[Found], on: dt.date | None) -> list[Candidate]:
        """A record whose actor a person of the sentence speaks for gets that person ("German
        Chancellor Friedrich Merz said Germany would..." is Germany's, voiced by Merz)."""
        people: dict[str, str] = {}
        for mention in mentions:
            actor = self.actor(mention, on)
            if actor.person and actor.entity not in people:
                people[actor.entity] = actor.person
        return [
            c
            if c.person or c.country not in people or (c.kind is Kind.PARTICIPATION and len(people) > 1)
            else replace(c, person=people[c.country])
            for c in found
        ]

    def _bullet(
        self,
        sentence: Sentence,
        mentions: list[Found],
        on: dt.date | None,
        cleaned: Cleaned,
        found: dict[tuple[str, Kind, Stance], Candidate],
    ) -> None:
        actors = [self.actor(m, on) for m in mentions if not m.venue]
        people = [a for a in actors if a.person] or actors
        for actor in people[:1]:
            self._add(found, actor, Kind.PARTICIPATION, Stance.COMMITTED, sentence, cleaned, 0.9, [actor])

    def _sentence(
        self,
        sentence: Sentence,
        mentions: list[Found],
        on: dt.date | None,
        cleaned: Cleaned,
        found: dict[tuple[str, Kind, Stance], Candidate],
        hints: _Hints,
    ) -> None:
        if not mentions:
            return  # nobody to commit, or nothing committed
        previous: list[_Actor] = []
        speaker = self._speaker(sentence, mentions, on)
        for start, end in _clauses(sentence):
            clause = sentence.text[start - sentence.start : end - sentence.start]
            here = [m for m in mentions if start <= m.start and m.end <= end and not m.venue]
            ctx = _Clause(clause, start, here, on, sentence, cleaned, found, clause.lower(), hints)
            self._participation(ctx)
            previous = self._contributions(ctx, previous, speaker)

    def _speaker(self, sentence: Sentence, mentions: list[Found], on: dt.date | None) -> list[_Actor]:
        """Who a quotation in the sentence is attributed to ('"...," Witkoff said')."""
        for mention in mentions:
            offset = mention.start - sentence.start
            if '"' in sentence.text[:offset] and cues.SPEAKER_VERBS.match(
                sentence.text[mention.end - sentence.start :]
            ):
                return [self.actor(mention, on)]
        return []

    def _eligible(self, ctx: _Clause, mention: Found) -> bool:
        """A mention that can be a subject: not a possessive, not after a preposition, not a bare adjective."""
        if mention.possessive:
            return False
        offset = mention.start - ctx.start
        if _word_before(ctx.text, offset) in cues.NON_ACTOR_PREPOSITIONS:
            return False
        after = ctx.text[mention.end - ctx.start :]
        return not (
            mention.form == "demonym" and not cues.FORCE_NOUN.match(after) and not cues.TITLE_AFTER_DEMONYM.match(after)
        )

    def _nearest_group(self, ctx: _Clause, anchor: int, eligible: bool = True) -> list[Found]:
        """The subject right before ``anchor``: the last mention and those coordinated with it."""
        before = [m for m in ctx.mentions if m.end - ctx.start <= anchor and (not eligible or self._eligible(ctx, m))]
        relative = [r for r in cues.RELATIVE.finditer(ctx.text) if r.start() < anchor]
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
            if group and not cues.COORDINATION.match(ctx.text[mention.end - ctx.start : group[0].start - ctx.start]):
                break
            group.insert(0, mention)
        return group

    def _participation(self, ctx: _Clause) -> None:
        present = ctx.hints.literals
        absent = cues.ABSENCE_CUES.search(ctx.text, ctx.low, present)
        found_cues = [absent] if absent else cues.PARTICIPATION_CUES.finditer(ctx.text, ctx.low, present)
        if not found_cues:
            return
        stance = Stance.DECLINED if absent else Stance.COMMITTED
        side = cues.SIDE_MEETING.search(ctx.text, found_cues[0].end())
        if side and not absent:
            return  # "met ... diplomats before the summit", "hosted Zelensky ahead of the get-together"
        people = self._nearest_group(ctx, found_cues[0].start())
        people += [m for m in self._role_lists(ctx, found_cues[0].start()) if m not in people]
        for cue in found_cues:
            people += [m for m in self._introduced(ctx, cue.end()) if m not in people]
        for mention in people:
            if mention.entity == cues.GROUP_ENTITY:
                continue
            actor = self.actor(mention, ctx.on)
            self._add(ctx.found, actor, Kind.PARTICIPATION, stance, ctx.sentence, ctx.cleaned, 0.75, [actor], ctx)

    def _introduced(self, ctx: _Clause, cue_end: int) -> list[Found]:
        """Participants named after a cue: right after it (auxiliaries, role nouns and titles between
        are skipped: "attended by representatives of Albania, ..."), after "with"/"from"/"alongside",
        or listed on."""
        people = []
        listing = False
        last_end = cue_end
        for mention in ctx.mentions:
            a = mention.start - ctx.start
            if a < cue_end or mention.possessive:
                continue
            gap = ctx.text[last_end:a]
            before = _word_before(ctx.text, a)
            introduced = (before in cues.PARTICIPANT_PREPOSITIONS and len(gap) <= cues.PARTICIPANT_REACH) or bool(
                cues.ROLL_CALL_FILLER.match(gap)
            )
            if introduced or (listing and cues.COORDINATION.match(gap)):
                people.append(mention)
                listing, last_end = True, mention.end - ctx.start
            else:
                listing = False
        return people

    def _role_lists(self, ctx: _Clause, before: int) -> list[Found]:
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
            if listing and cues.COORDINATION.match(ctx.text[last_end:a]):
                out.append(mention)
                last_end = b
                continue
            listing = False
            if cues.ROLE_OF.search(ctx.text[max(0, a - 60) : a]):
                out.append(mention)
                listing, last_end = True, b
            elif mention.form == "demonym":
                run = [mention]
                for nxt in ctx.mentions[index + 1 :]:
                    if nxt.form != "demonym" or not cues.COORDINATION.match(
                        ctx.text[run[-1].end - ctx.start : nxt.start - ctx.start]
                    ):
                        break
                    run.append(nxt)
                if cues.ROLE_NOUN.match(ctx.text[run[-1].end - ctx.start :]):
                    out += [m for m in run if m not in out]
        return out

    def _contributions(self, ctx: _Clause, previous: list[_Actor], speaker: list[_Actor]) -> list[_Actor]:
        if not cues.KIND_LITERALS.possible(ctx.low, ctx.hints.literals):
            # no contribution named: only the subject matters, for the next clause
            return [self.actor(m, ctx.on) for m in self._nearest_group(ctx, len(ctx.text))] or previous
        stance, anchor = _stance(ctx.text, ctx.low, ctx.hints.stances)
        group = self._nearest_group(ctx, anchor if stance else len(ctx.text))
        blocked = bool(group) and _not_the_subject(
            ctx.text, group[0].start - ctx.start, group[-1].end - ctx.start, anchor
        )
        if blocked:
            group = []
        subjects = [self.actor(m, ctx.on) for m in group]
        kinds = _kinds(ctx.text, stance, ctx.hints.literals)
        if not kinds or stance is None:
            return subjects or previous
        between = ctx.text[(group[0].start - ctx.start) if group else 0 : anchor]
        if cues.DEMAND_CUES.search(between):
            return subjects or previous
        if stance is Stance.COMMITTED and cues.DISCUSSION.search(ctx.text[max(0, anchor - 40) : anchor]):
            return subjects or previous  # "the discussion around sending troops": a topic, not a position
        owners = self._force_owners(ctx)
        for kind in kinds:
            actors, confidence = subjects, 0.8
            if owners and kind in (Kind.TROOPS_IN_UKRAINE, Kind.FORCES_OUTSIDE_UKRAINE):
                actors, confidence = owners, 0.85
            if not actors and not blocked:
                actors, confidence = self._agents(ctx), 0.6
            if not actors and not blocked:
                actors, confidence = previous or speaker, 0.55
            strong = 0.1 if stance is not Stance.COMMITTED else 0.0
            single = 0.05 if len({a.entity for a in actors}) == 1 else 0.0
            for actor in actors:
                self._add(
                    ctx.found,
                    actor,
                    kind,
                    stance,
                    ctx.sentence,
                    ctx.cleaned,
                    min(0.95, confidence + strong + single),
                    [a for a in actors if a.entity == actor.entity],
                    ctx,
                )
        return subjects or previous

    def _agents(self, ctx: _Clause) -> list[_Actor]:
        return [
            self.actor(m, ctx.on)
            for m in ctx.mentions
            if _word_before(ctx.text, m.start - ctx.start) == "by" and not m.possessive
        ]

    def _force_owners(self, ctx: _Clause) -> list[_Actor]:
        """Countries that own the forces named: "French and British forces", "troops from France and the UK"."""
        owners = []
        listing = False
        last_end = 0
        for mention in ctx.mentions:
            if mention.kind != "country":
                continue
            a, b = mention.start - ctx.start, mention.end - ctx.start
            if cues.FORCE_NOUN.match(ctx.text[b:]):
                owners.append(self.actor(mention, ctx.on))
            elif cues.FORCES_FROM.search(ctx.text[max(0, a - 40) : a]) or (
                listing and cues.COORDINATION.match(ctx.text[last_end:a])
            ):
                owners.append(self.actor(mention, ctx.on))
                listing, last_end = True, b
                continue
            listing = False
        return owners

    def _add(
        self,
        found: dict,
        actor: _Actor,
        kind: Kind,
        stance: Stance,
        sentence: Sentence,
        cleaned: Cleaned,
        confidence: float,
        same: list[_Actor],
        clause: _Clause | None = None,
    ) -> None:
        key = (actor.entity, kind, stance)
        if key in found:
            return
        start, end = cleaned.original_span(*_quote_span(sentence, clause, same))
        written = (cleaned.original[slice(*cleaned.original_span(a.mention.start, a.mention.end))] for a in same)
        person = next((a.person for a in same if a.person), None)
        found[key] = Candidate(
            actor.entity,
            kind,
            stance,
            start,
            end,
            cleaned.original[start:end],
            person,
            tuple(dict.fromkeys(written)),
            round(confidence, 2),
        )

    # ------------------------------------------------------------------ records
    def extract(self, text: str, source: str, summit: str, on: dt.date | None = None) -> list[Commitment]:
        """Candidates as ``Commitment`` records with origin ``extracted`` and unique ids."""
        records = []
        for n, c in enumerate(self.candidates(text, on), 1):
            records.append(
                Commitment.trusted(  # well-formed by construction: the quote is the text at start:end
                    f"{source}-x{n:03d}-{c.country.lower()}-{c.kind.value}",
                    c.country,
                    summit,
                    source,
                    c.kind,
                    c.stance,
                    c.quote,
                    c.start,
                    c.end,
                    c.person,
                    c.as_written,
                    Origin.EXTRACTED,
                    c.confidence,
                )
            )
        return records


def _quote_span(sentence: Sentence, clause: _Clause | None, same: list[_Actor]) -> tuple[int, int]:
    """The clause that supports a record, from its actor's name when that comes earlier in the
    sentence ("Italy will not send troops but will fund drones": the second record is "Italy ... drones"),
    not the whole sentence; a sentence of one clause is quoted whole. Cleaned-text offsets."""
    if clause is None:
        return sentence.start, sentence.end
    start, end = clause.start, clause.start + len(clause.text)
    named = [a.mention.start for a in same if sentence.start <= a.mention.start < start]
    if named:
        start = min(named)
    text = sentence.text
    while start < end and (text[start - sentence.start] in " ,;:—–-" or text[start - sentence.start].isspace()):
        start += 1
    while end > start and text[end - 1 - sentence.start] in " ,;:—–-":
        end -= 1
    if end - start < 12:  # a fragment too short to read alone
        return sentence.start, sentence.end
    return start, end


def group_by_sentence(mentions: list[Found], sentences: list[Sentence]) -> list[list[Found]]:
    out: list[list[Found]] = [[] for _ in sentences]
    i = 0
    for m in mentions:
        while i < len(sentences) and sentences[i].end < m.end:
            i += 1
        if i < len(sentences):
            out[i].append(m)
    return out
