"""Extraction: propose commitment records from an article, each with the exact words that say so.

The procedure, per sentence and clause (the phrasing it knows lives in ``cues.py`` and ``context_cues.py``):

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
import functools
import itertools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Any, NamedTuple

from coalition_tui.extraction import context_cues, cues, patterns, subjects
from coalition_tui.extraction.clauses import (
    OTHERS_CONDITION,
    TITLE_ALONE,
    TITLED_NAME,
    clause_spans,
    kinds_in,
    kinds_offered,
    negated_before,
    not_the_subject,
    stance_in,
    word_before,
)
from coalition_tui.extraction.clean import Cleaned, clean
from coalition_tui.extraction.confidence import Model, shipped_model
from coalition_tui.extraction.features import article_features, clause_features, cue_word
from coalition_tui.extraction.mentions import Found, MentionFinder
from coalition_tui.extraction.sentences import Sentence, split_sentences
from coalition_tui.extraction.subjects import Clause, Hints
from coalition_tui.store.gazetteer import Gazetteer
from coalition_tui.store.model import Commitment, Kind, Origin, Stance, trusted_commitment
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
    features: tuple[str, ...] = ()  # what the confidence model weighs (features.py)


@dataclass(frozen=True)
class Analysis:
    cleaned: Cleaned
    sentences: list[Sentence]
    mentions: list[Found]


class _Actor(NamedTuple):
    entity: str
    mention: Found
    person: str | None


Antecedent = Callable[[str], "_Actor | None"]  # whom a pronoun ("") or an office ("prime minister") stands for


def _nobody(role: str) -> _Actor | None:
    return None


# a negation before the cue, not of an expectation or an invitation ("was not expected to participate")
_NEGATED_BEFORE = re.compile(
    r"\b(?:not|never|no longer|n't)\b(?!\s+(?:\w+\s+)?(?:expected|invited|scheduled|due|set|asked|only)\b)"
    r"(?:\s+[\w'’]+){0,6}\s+(?:to\s+)?$",
    re.IGNORECASE,
)
_PRESS = re.compile(context_cues.PRESS_AFTER_MEETING, re.IGNORECASE)
# "headquarters (initially) in Paris (and then London)", "a Paris headquarters"
_HQ_CITY_AFTER = re.compile(r"[^.;]{0,60}?\b(?:in|at|to) (?:[\w-]+ ){0,2}$")
_HQ_PLANNED = re.compile(r"\bplans? (?:\w+ )?for (?:an? |the )?(?:\w+ )?$", re.IGNORECASE)  # "plans for a future cell"
_HQ_CITY_BEFORE = re.compile(r"(?:['’]s)? (?:\w+ )?")
IT = "it"  # the antecedent wanted is a thing: a country, an organization or the coalition
ANTECEDENT_REACH = 3  # sentences a pronoun looks back for the person it stands for
DATELINE_REACH = 1000  # characters: a dateline opens one of the article's first paragraphs


class Extractor:
    """Builds candidates from article text with a gazetteer and its resolver."""

    def __init__(
        self, gazetteer: Gazetteer, resolver: Resolver, model: Model | None = None, calibrate: bool = True
    ) -> None:
        """``model``: the confidence model (default: the one shipped); ``calibrate=False`` keeps the
        rules' own confidences and every candidate (for training a model)."""
        self.gaz = gazetteer
        self.finder = MentionFinder(resolver)
        self.model = (model or shipped_model()) if calibrate else None

    # ------------------------------------------------------------------ analysis
    def analyse(self, text: str, on: dt.date | None = None) -> Analysis:
        """Clean, split and find mentions (cleaned-text offsets)."""
        cleaned = clean(text)
        sentences = split_sentences(cleaned)
        mentions = [m for s in sentences for m in self.finder.find(s.text, s.start, on)]
        return Analysis(cleaned, sentences, mentions)

    def unknown_people(self, analysis: Analysis) -> list[tuple[int, int, str]]:
        """People the gazetteer does not know, named with a title after their country ("Turkish
        Foreign Minister Hakan Fidan", "Latvia's Defence Minister Andris Spruds"), or with a title
        alone ("Defence Minister Hanno Pevkurr said": country "", for the reader to give): (start,
        end, country id) in cleaned offsets, for the Names view."""
        text = analysis.cleaned.text
        people = [(m.start, m.end) for m in analysis.mentions if m.kind == "person"]
        named = [(m.start, m.end) for m in analysis.mentions]
        out = []
        for mention in analysis.mentions:
            if mention.kind != "country" or mention.venue:
                continue
            match = TITLED_NAME.match(text, mention.end)
            if not match:
                continue
            a, b = match.span(1)
            if not any(s < b and a < e for s, e in people):
                out.append((a, b, mention.entity))
        for match in TITLE_ALONE.finditer(text):
            a, b = match.span(1)
            if not any(s < b and a < e for s, e in named) and not any(s < b and a < e for s, e, _ in out):
                out.append((a, b, ""))
        return sorted(out)

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
        look_for = context_cues.SENTENCE_LITERALS
        if len(everywhere) == len(cleaned.text):  # offsets agree (lower-casing changed no length)
            literals = patterns.literals_by_span(everywhere, [(s.start, s.end) for s in sentences], look_for)
        else:
            literals = [tuple(lit for lit in look_for if lit in s.text.lower()) for s in sentences]
        kind_owners = cues.KIND_LITERALS.owners
        seen: dict[int, list[Found]] = {}  # mentions by sentence, for pronouns to look back on
        last: tuple[int, list[Candidate]] = (-1, [])  # the records of the last sentence that gave some
        for i, (sentence, present) in enumerate(zip(sentences, literals, strict=True)):
            if last[0] == i - 1 and last[1] and context_cues.THESE_ARE.match(sentence.text):
                # "Several countries will not send troops. These include Poland and Italy.": theirs, named
                named = self._named_after(sentences, i, last[1], cleaned, on, seen)
                if named:
                    unnamed = {id(c) for c in last[1] if c.country == context_cues.GROUP_ENTITY}
                    out = [c for c in out if id(c) not in unnamed]
                    out.extend(named)
            if last[0] == i - 1 and last[1] and context_cues.PROCEDURE_AFTER.match(sentence.text):
                # "Sweden has not ruled out sending ships. Parliament would have to approve any deployment."
                tied = {id(c): self._condition_after(c, sentence, cleaned) for c in last[1]}
                out = [tied.get(id(c), c) for c in out]
                last = (i, list(tied.values()))
                continue
            if not sentence.bullet:
                header = sentence.text
            listed = sentence.bullet and context_cues.LIST_HEADER_CUES.search(header)
            kinds = tuple(lit for lit in present if lit in kind_owners)
            carried: tuple[Kind, ...] = ()
            if i and context_cues.KIND_ANAPHOR.search(sentence.text) and not kinds_in(sentence.text, None, present):
                # "Poland ruled out such a step": the step is what the sentence before named
                carried = tuple(kinds_in(sentences[i - 1].text, None, literals[i - 1]))
            if not (
                kinds
                or carried
                or cues.KIND_LITERALS.always
                or listed
                or context_cues.PARTICIPATION_CUES.allows(present)
                or context_cues.ABSENCE_CUES.allows(present)
            ):
                continue  # no cue of any kind or of attendance: nothing to find, so no names to look up
            low = sentence.text.lower()
            named_kind = kinds or carried or cues.KIND_LITERALS.always
            stances = cues.STANCE_LITERALS.present(low) if named_kind else ()
            hints = Hints(present, stances, carried)
            mentions = self.finder.find(sentence.text, sentence.start, on, low)
            opens = (
                sentence.start == sentences[0].start
                or (  # the article's first paragraphs (after a headline)
                    sentence.start < DATELINE_REACH
                    and cleaned.text[max(0, sentence.start - 1) : sentence.start] == "\n"
                )
            )
            dateline = context_cues.DATELINE.match(sentence.text) if opens else None
            if dateline:  # "PARIS, 4 September 2025 —": the place where it was written, never an actor
                mentions = [m for m in mentions if m.start >= sentence.start + dateline.end()]
            seen[i] = mentions
            found: dict[tuple[str, Kind, Stance], Candidate] = {}
            if listed:
                self._bullet(sentence, mentions, on, cleaned, found)
            else:
                before = functools.partial(self._antecedent, sentences, i, seen, on)
                self._sentence(sentence, mentions, on, cleaned, found, hints, before)
            added = self._with_person(found.values(), mentions, on)
            if carried:
                added = [self._kind_before(c, carried, sentences[i - 1], cleaned) for c in added]
            out.extend(added)
            if added:
                last = (i, added)
        return self._calibrated(out)

    @staticmethod
    def _tied_to_another(
        found: dict[tuple[str, Kind, Stance], Candidate],
        keys: set[tuple[str, Kind, Stance]],
        cleaned: Cleaned,
        end: int,
    ) -> None:
        """The positive records of a clause whose next clause names another's act as its condition:
        conditional, quoted to the end of the sentence (``end``, cleaned offset)."""
        stop = cleaned.original_span(end, end)[0]
        for key in keys:
            actor, kind, stance = key
            if kind is Kind.PARTICIPATION or stance not in (Stance.COMMITTED, Stance.WILLING):
                continue
            record = found.pop(key)
            conditional = _requoted(record, cleaned, "others_act", end=stop, stance=Stance.CONDITIONAL)
            found.setdefault((actor, kind, Stance.CONDITIONAL), conditional)

    @staticmethod
    def _condition_after(candidate: Candidate, sentence: Sentence, cleaned: Cleaned) -> Candidate:
        """A positive record of the sentence before, tied by this one to a domestic procedure: conditional
        (ANNOTATION.md: the ladder puts conditional before considering), quoted through this sentence."""
        if candidate.kind is Kind.PARTICIPATION or candidate.stance in (Stance.DECLINED, Stance.OPPOSED):
            return candidate
        end = cleaned.original_span(sentence.start, sentence.end)[1]
        return _requoted(candidate, cleaned, "condition_after", end=end, stance=Stance.CONDITIONAL)

    @staticmethod
    def _kind_before(candidate: Candidate, carried: tuple[Kind, ...], before: Sentence, cleaned: Cleaned) -> Candidate:
        """A record whose kind the sentence before named ("... troops. Poland ruled out such a step."):
        quoted from that sentence on, so the analyst reads what the step is."""
        if candidate.kind not in carried:
            return candidate
        return _requoted(candidate, cleaned, "kind_before", start=cleaned.original_span(before.start, before.end)[0])

    def _named_after(
        self,
        sentences: list[Sentence],
        i: int,
        before: list[Candidate],
        cleaned: Cleaned,
        on: dt.date | None,
        seen: dict[int, list[Found]],
    ) -> list[Candidate]:
        """The countries a sentence like "These include Poland and Italy" (sentence ``i``) names, each with
        the records the sentence before gave unnamed members; quoted from that record to the end of this
        sentence."""
        mentions = self._mentions_of(sentences, i, seen, on)
        named = [m for m in mentions if m.kind == "country" and not m.venue and not m.possessive]
        out = []
        end = cleaned.original_span(sentences[i].start, sentences[i].end)[1]
        for record in before:
            if record.country != context_cues.GROUP_ENTITY or record.kind is Kind.PARTICIPATION:
                continue
            for mention in named:
                actor = self.actor(mention, on)
                if not _may_hold(actor.entity, record.kind, record.stance):
                    continue
                written = cleaned.original[slice(*cleaned.original_span(mention.start, mention.end))]
                out.append(
                    _requoted(
                        record,
                        cleaned,
                        "named_after",
                        end=end,
                        country=actor.entity,
                        person=actor.person,
                        as_written=(written,),
                    )
                )
        return out

    def _antecedent(
        self, sentences: list[Sentence], i: int, seen: dict[int, list[Found]], on: dt.date | None, role: str = ""
    ) -> _Actor | None:
        """Whom "he" or "she" (``role`` empty) or "the prime minister" (``role``) in sentence ``i``
        stands for. A pronoun: the first person named (the subject, most often) in the nearest of the
        few sentences before that names one; a sentence between whose subject is an office alone ("the
        PM told reporters") passes on whom that office stands for. An office: of the people named
        before who held it on the day, the one named most often (the article's own "PM", not the
        "Canadian PM" named once)."""
        if role and role != IT:
            counts: dict[str, int] = {}
            first: dict[str, Found] = {}
            for j in range(i):
                for mention in self._mentions_of(sentences, j, seen, on):
                    if mention.kind == "person" and not mention.venue and self._holds(mention.entity, role, on):
                        counts[mention.entity] = counts.get(mention.entity, 0) + 1
                        first.setdefault(mention.entity, mention)
            if not counts:
                return None
            best = max(counts, key=lambda entity: (counts[entity], -first[entity].start))
            return self.actor(first[best], on)
        if role == IT:  # the first country, organization or coalition of the sentence before
            if i > 0:
                things = [
                    m
                    for m in self._mentions_of(sentences, i - 1, seen, on)
                    if m.kind != "person" and not m.venue and not m.possessive
                ]
                return self.actor(things[0], on) if things else None
            return None
        for j in range(i - 1, max(-1, i - 1 - ANTECEDENT_REACH), -1):
            people = [m for m in self._mentions_of(sentences, j, seen, on) if m.kind == "person" and not m.venue]
            if people:
                return self.actor(people[0], on)
            office = context_cues.ROLE_SUBJECT.search(sentences[j].text)
            if office:
                return self._antecedent(sentences, j, seen, on, office.group("role"))
        return None

    def _mentions_of(
        self, sentences: list[Sentence], j: int, seen: dict[int, list[Found]], on: dt.date | None
    ) -> list[Found]:
        """The mentions of sentence ``j``, found once (sentences without a cue are looked at only here)."""
        if j not in seen:
            seen[j] = self.finder.find(sentences[j].text, sentences[j].start, on)
        return seen[j]

    def _holds(self, person_id: str, role: str, on: dt.date | None) -> bool:
        """Whether the person held an office called ``role`` on the day ("" holds for anyone)."""
        if not role:
            return True
        person = self.gaz.people.get(person_id)
        wanted = context_cues.OFFICE_TITLES.get(role.lower(), role.lower())
        return person is not None and any(
            wanted in r.title.lower() and (on is None or r.held_on(on)) for r in person.roles
        )

    def _calibrated(self, found: list[Candidate]) -> list[Candidate]:
        """Each candidate with the article's features added and, with a model, its probability as
        confidence; those under the model's threshold are dropped."""
        extra = article_features([(c.country, c.kind.value, c.stance.value) for c in found])
        out = [replace(c, features=c.features + more) for c, more in zip(found, extra, strict=True)]
        if self.model is None:
            return out
        scored = [replace(c, confidence=round(self.model.probability(c.features), 2)) for c in out]
        return _one_positive_stance([c for c in scored if c.confidence >= self.model.threshold])

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
            self._add(found, actor, Kind.PARTICIPATION, Stance.COMMITTED, sentence, cleaned, 0.9, [actor], how="list")

    def _sentence(
        self,
        sentence: Sentence,
        mentions: list[Found],
        on: dt.date | None,
        cleaned: Cleaned,
        found: dict[tuple[str, Kind, Stance], Candidate],
        hints: Hints,
        antecedent: Antecedent = _nobody,
    ) -> None:
        pronoun = any(
            rx.search(sentence.text)
            for rx in (
                context_cues.PRONOUN_SUBJECT,
                context_cues.PRONOUN_SPEAKER,
                context_cues.ROLE_SUBJECT,
                context_cues.IT_SUBJECT,
                context_cues.HIS_COUNTRY,
            )
        )
        if not mentions and not pronoun:
            return  # nobody to commit, or nothing committed
        previous: list[_Actor] = []
        said_by = subjects.speaker(sentence, mentions)
        speaker = [self.actor(said_by, on)] if said_by else []
        pronoun_speaker = None if speaker else context_cues.PRONOUN_SPEAKER.search(sentence.text)
        if pronoun_speaker:
            bound = antecedent(pronoun_speaker.group("role") or "")  # "'We will handle logistics,' he said"
            speaker = [bound] if bound else []
        spans = list(clause_spans(sentence))
        for n, (start, end) in enumerate(spans):
            clause = sentence.text[start - sentence.start : end - sentence.start]
            inside = [m for m in mentions if start <= m.start and m.end <= end]
            here = [m for m in inside if not m.venue]
            cities = tuple(m for m in inside if m.form == "metonym")  # venues too: "a headquarters in Paris"
            ctx = Clause(clause, start, here, on, sentence, cleaned, found, clause.lower(), hints, cities)
            self._participation(ctx, speaker, antecedent)
            before = set(found)
            previous = self._contributions(ctx, previous, speaker, antecedent)
            following = (
                sentence.text[end - sentence.start : spans[n + 1][1] - sentence.start] if n + 1 < len(spans) else ""
            )
            if context_cues.OTHERS_MUST.match(following):
                # "we are ready, but Washington must provide air cover" (ANNOTATION.md: conditional)
                self._tied_to_another(found, set(found) - before, cleaned, sentence.start + len(sentence.text))

    def _participation(self, ctx: Clause, speaker: list[_Actor], antecedent: Antecedent = _nobody) -> None:
        present = ctx.hints.literals
        absent = context_cues.ABSENCE_CUES.search(ctx.text, ctx.low, present)
        found_cues = [absent] if absent else context_cues.PARTICIPATION_CUES.finditer(ctx.text, ctx.low, present)
        if not found_cues:
            return
        stance = Stance.DECLINED if absent else Stance.COMMITTED
        if not absent and _NEGATED_BEFORE.search(ctx.text[: found_cues[0].start()]):
            stance = Stance.DECLINED  # "it would not make sense for us to take part": a refusal, not attendance
        side = context_cues.SIDE_MEETING.search(ctx.text, found_cues[0].end())
        if side and not absent:
            return  # "met ... diplomats before the summit", "hosted Zelensky ahead of the get-together"
        if not absent and context_cues.other_meeting(ctx.text, found_cues[0].start(), found_cues[0].end()):
            return  # "a meeting took place at the White House between ...": another meeting, not the coalition's
        # a noun cue names who took part after it ("welcomed the participation of Canada"), not its subject
        noun_cue = found_cues[0].group().lower().startswith(("inclusion", "participation"))
        people = [] if noun_cue else subjects.nearest_group(ctx, found_cues[0].start())
        people += [m for m in subjects.role_lists(ctx, found_cues[0].start()) if m not in people]
        bound: list[_Actor] = []
        if not people and not absent and _PRESS.match(ctx.text, found_cues[0].start()):
            # "Speaking at a press conference after the summit, Chancellor Friedrich Merz said": the speaker
            people = [m for m in ctx.mentions if m.kind == "person"][:1]
        if not people and not noun_cue:  # "He hosted talks in London", "'I joined a meeting of the coalition,' he said"
            bound = self._pronoun_actor(ctx.text[: found_cues[0].start()], speaker, antecedent)
        for earlier, later in itertools.pairwise(found_cues):  # "A were present. B were here" in one quotation
            people += [
                m
                for m in subjects.nearest_group(ctx, later.start())
                if m.start - ctx.start >= earlier.end() and m not in people
            ]
        # "X did not join A and B at the meeting": A and B were there; only "absent were A, B" names the absent after
        verbal_absence = absent is not None and not absent.group().lower().startswith(("absent", "not "))
        for found_cue in [] if verbal_absence else found_cues:
            people += [m for m in subjects.introduced(ctx, found_cue.end()) if m not in people]
        there: list[Found] = []
        if verbal_absence and absent and context_cues.JOINED_AT.match(ctx.text, absent.end()):
            there = subjects.introduced(ctx, absent.end())  # "did not join Merz and Macron at a meeting"
        how = "absence" if absent else "attendance"
        cue = cue_word(ctx.low, found_cues[0].start())
        others = [(self.actor(m, ctx.on), Stance.COMMITTED, 0.7, "attendance") for m in there]
        others += [(actor, stance, 0.6, "pronoun") for actor in bound]
        for actor, said, confidence, found_by in others:
            self._add(
                ctx.found,
                actor,
                Kind.PARTICIPATION,
                said,
                ctx.sentence,
                ctx.cleaned,
                confidence,
                [actor],
                ctx,
                found_by,
                cue,
            )
        led_by_cue = any(c.group().lower().endswith(" by") for c in found_cues)  # "the meeting, led by"
        for mention in people:
            if mention.entity == context_cues.GROUP_ENTITY:
                continue
            if not led_by_cue and context_cues.LED_BY_BEFORE.search(ctx.text[: mention.start - ctx.start]):
                continue  # "The coalition, led by France and the UK, brings together ...": leading is not attending
            actor = self.actor(mention, ctx.on)
            excluded = context_cues.EXCLUDED_BEFORE.search(ctx.text[: mention.start - ctx.start])
            said = Stance.DECLINED if excluded else stance  # "all members but not the United States"
            self._add(
                ctx.found, actor, Kind.PARTICIPATION, said, ctx.sentence, ctx.cleaned, 0.75, [actor], ctx, how, cue
            )

    def _headquarters_by_city(self, ctx: Clause, stance: Stance, cue: str) -> None:
        """ANNOTATION.md, "Headquarters by city": "a Paris headquarters", "the coordination cell in
        Kyiv" is a headquarters record of the city's country, in the clause's stance."""
        rx = cues.KIND_CUES[Kind.HEADQUARTERS]
        spots = [m.span() for m in rx.finditer(ctx.text, ctx.low)]
        for city in ctx.cities:
            a, b = city.start - ctx.start, city.end - ctx.start
            spot = next(
                (
                    s
                    for s, e in sorted(spots, key=lambda spot: min(abs(spot[0] - b), abs(a - spot[1])))
                    if _HQ_CITY_AFTER.match(ctx.text[e:a]) or _HQ_CITY_BEFORE.fullmatch(ctx.text[b:s])
                ),
                None,
            )
            if spot is None:
                continue
            # the stance of the words governing the headquarters, not of the whole clause
            lead = ctx.text[max(0, spot - 30) : spot]
            said = Stance.CONSIDERING if _HQ_PLANNED.search(lead) else stance_in(lead)[0] or stance
            actor = self.actor(city, ctx.on)
            self._add(
                ctx.found, actor, Kind.HEADQUARTERS, said, ctx.sentence, ctx.cleaned, 0.6, [actor], ctx, "city", cue
            )

    def _legislators(self, ctx: Clause, acting: list[_Actor], anchor: int) -> bool:
        """Whether the clause's subject is a legislator: titled so before the stance word, or a
        person who sat in a legislature on the day."""
        before = ctx.sentence.text[: ctx.start - ctx.sentence.start + anchor]
        if context_cues.LEGISLATOR.search(before):
            return True
        people = [self.gaz.people.get(a.person) for a in acting if a.person]
        return bool(people) and all(
            p is not None
            and any(
                context_cues.LEGISLATOR.fullmatch(r.title) and (ctx.on is None or r.held_on(ctx.on)) for r in p.roles
            )
            for p in people
        )

    @staticmethod
    def _pronoun_actor(before: str, speaker: list[_Actor], antecedent: Antecedent) -> list[_Actor]:
        """Who a subject with no name before the cue stands for: "I"/"we" in a quotation, its speaker;
        "he"/"she", the last person named before; "the prime minister", the last one named who was."""
        if '"' in before and (context_cues.FIRST_PERSON.search(before) or context_cues.OUR_COUNTRY.search(before)):
            return speaker[:1]
        if context_cues.HIS_COUNTRY.search(before):
            bound = antecedent("")  # "He said his country would send troops"
            return [bound] if bound else []
        office = context_cues.ROLE_SUBJECT.search(before)
        if office or context_cues.PRONOUN_SUBJECT.search(before):
            bound = antecedent(office.group("role") if office else "")
            return [bound] if bound else []
        if context_cues.IT_SUBJECT.match(before.lstrip(' "')):
            bound = antecedent(IT)
            return [bound] if bound else []
        return []

    def _contributions(
        self,
        ctx: Clause,
        previous: list[_Actor],
        speaker: list[_Actor],
        antecedent: Antecedent = _nobody,
    ) -> list[_Actor]:
        anaphor = bool(ctx.hints.carried) and context_cues.KIND_ANAPHOR.search(ctx.text) is not None
        if not anaphor and not cues.KIND_LITERALS.possible(ctx.low, ctx.hints.literals):
            # no contribution named: only the subject matters, for the next clause
            return [self.actor(m, ctx.on) for m in subjects.nearest_group(ctx, len(ctx.text))] or previous
        stance, anchor = stance_in(ctx.text, ctx.low, ctx.hints.stances)
        aside = _relative_aside(ctx.text, anchor) if stance is not None else None
        if aside is not None:
            # "Germany, which has ruled out sending troops, will fund drones": the relative clause's
            # stance is its own; the main clause is read without it (blanked: offsets stay)
            a, b = aside
            inner = ctx._replace(
                text=ctx.text[:b], low=ctx.low[:b], mentions=[m for m in ctx.mentions if m.end - ctx.start <= b]
            )
            self._contributions(inner, previous, speaker, antecedent)
            blanked = ctx.text[:a] + " " * (b - a) + ctx.text[b:]
            outer = ctx._replace(
                text=blanked,
                low=blanked.lower(),
                mentions=[m for m in ctx.mentions if not a <= m.start - ctx.start < b],
            )
            return self._contributions(outer, previous, speaker, antecedent)
        conditions = [m.span() for m in OTHERS_CONDITION.finditer(ctx.text)]
        if conditions:  # "Until Russia accepts the ceasefire, we will ...": Russia is not the subject
            inside = [m for m in ctx.mentions if any(a <= m.start - ctx.start < b for a, b in conditions)]
            ctx = ctx._replace(mentions=[m for m in ctx.mentions if m not in inside])
        group = subjects.nearest_group(ctx, anchor if stance else len(ctx.text))
        blocked = bool(group) and not_the_subject(
            ctx.text, group[0].start - ctx.start, group[-1].end - ctx.start, anchor
        )
        if blocked:
            group = []
        acting = [self.actor(m, ctx.on) for m in group]
        opening = word_before(ctx.text, group[0].start - ctx.start) if group else ""  # "Neither A nor B", "no A"
        if opening == "neither" and stance is not None:
            stance = Stance.DECLINED  # "Neither Hungary nor Slovakia will send troops"
        kinds = kinds_in(ctx.text, stance, ctx.hints.literals)
        if not kinds and anaphor:
            kinds = list(ctx.hints.carried)
        if kinds and stance is not None:
            kinds = kinds_offered(ctx.text, kinds, anchor, ctx.hints.literals)
        if not kinds or stance is None:
            return acting or previous
        if self._legislators(ctx, acting, anchor):
            # ANNOTATION.md: a parliamentarian's view is a record only as opposed, rejecting their own
            # country's contribution ("Opposition Leader X dismissed the idea of sending peacekeepers")
            if stance is not Stance.DECLINED and stance is not Stance.OPPOSED:
                return acting or previous
            stance = Stance.OPPOSED
        between = ctx.text[(group[0].start - ctx.start) if group else 0 : anchor]
        if cues.DEMAND_CUES.search(between):
            return acting or previous
        if stance is Stance.COMMITTED and cues.DISCUSSION.search(ctx.text[max(0, anchor - 40) : anchor]):
            return acting or previous  # "the discussion around sending troops": a topic, not a position
        owners = [self.actor(m, ctx.on) for m in subjects.force_owners(ctx)]
        cue = cue_word(ctx.low, anchor)
        if Kind.HEADQUARTERS in kinds:
            self._headquarters_by_city(ctx, stance, cue)
        subject_end = group[-1].end - ctx.start if group else -1
        for kind in kinds:
            said = stance
            if subject_end >= 0 and stance in (Stance.COMMITTED, Stance.WILLING, Stance.CONSIDERING):
                spots = cues.KIND_CUES[kind].finditer(ctx.text, ctx.low, ctx.hints.literals)
                if spots and (negated_before(ctx.text, subject_end, spots[0].start()) or opening == "no"):
                    said = Stance.DECLINED  # "will under no circumstances send troops", "no Latvian soldiers would"
            if conditions and kind is Kind.SANCTIONS and stance in (Stance.COMMITTED, Stance.WILLING):
                said = Stance.CONDITIONAL  # ANNOTATION.md: "new sanctions if Moscow refuses the ceasefire"
            actors, confidence, how = acting, 0.8, "subject"
            if owners and kind in (Kind.TROOPS_IN_UKRAINE, Kind.FORCES_OUTSIDE_UKRAINE):
                actors, confidence, how = owners, 0.85, "owners"
            if not actors and not blocked:
                actors, confidence, how = [self.actor(m, ctx.on) for m in subjects.agents(ctx)], 0.6, "agent"
            if not actors and not blocked and not previous:
                actors, confidence, how = self._pronoun_actor(ctx.text[:anchor], speaker, antecedent), 0.55, "pronoun"
            if not actors and not blocked:
                actors, confidence, how = previous or speaker, 0.55, "previous" if previous else "speaker"
            strong = 0.1 if stance is not Stance.COMMITTED else 0.0
            single = 0.05 if len({a.entity for a in actors}) == 1 else 0.0
            for actor in actors:
                self._add(
                    ctx.found,
                    actor,
                    kind,
                    said,
                    ctx.sentence,
                    ctx.cleaned,
                    min(0.95, confidence + strong + single),
                    [a for a in actors if a.entity == actor.entity],
                    ctx,
                    how,
                    cue,
                    len({a.entity for a in actors}),
                )
        return acting or previous

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
        clause: Clause | None = None,
        how: str = "",
        cue: str = "",
        actors: int = 1,
    ) -> None:
        if actor.entity in context_cues.ADVERSARIES and stance is Stance.DECLINED and kind is not Kind.PARTICIPATION:
            stance = Stance.OPPOSED  # Russia refusing a force is refusing others' contribution (ANNOTATION.md)
        key = (actor.entity, kind, stance)
        if key in found or not _may_hold(actor.entity, kind, stance):
            return
        if actor.entity == context_cues.GROUP_ENTITY:
            actor_kind = "group"
        elif actor.entity in self.gaz.organizations:
            actor_kind = "organization"
        else:
            actor_kind = "country"
        features = clause_features(
            how,
            kind.value,
            stance.value,
            clause.text if clause is not None else sentence.text,
            cue,
            actors,
            actor_kind,
            actor.person is not None,
            actor.mention.method,
            actor.mention.score,
            sentence.start / max(len(cleaned.text), 1),
        )
        start, end = cleaned.original_span(*_quote_span(sentence, clause, same))
        written = (  # not the name a pronoun stands for, written in an earlier sentence
            cleaned.original[slice(*cleaned.original_span(a.mention.start, a.mention.end))]
            for a in same
            if a.mention.start >= sentence.start
        )
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
            features,
        )

    # ------------------------------------------------------------------ records
    @staticmethod
    def record_id(source: str, n: int, country: str, kind: Kind) -> str:
        """The id of the ``n``-th candidate of ``source``: :func:`proposed` knows it again."""
        return f"{source}-x{n:03d}-{country.lower()}-{kind.value}"

    def extract(self, text: str, source: str, summit: str, on: dt.date | None = None) -> list[Commitment]:
        """Candidates as ``Commitment`` records with origin ``extracted`` and unique ids."""
        records = []
        for n, c in enumerate(self.candidates(text, on), 1):
            records.append(
                trusted_commitment(  # well-formed by construction: the quote is the text at start:end
                    self.record_id(source, n, c.country, c.kind),
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


_NEGATIVE = (Stance.DECLINED, Stance.OPPOSED)


def _requoted(
    candidate: Candidate, cleaned: Cleaned, how: str, start: int | None = None, end: int | None = None, **changes: Any
) -> Candidate:
    """``candidate`` found again by a rule that reaches into a neighbouring sentence or clause: quoted from
    ``start`` to ``end`` (original offsets; its own where not given), marked ``how=`` for the model."""
    start = candidate.start if start is None else start
    end = candidate.end if end is None else end
    return replace(
        candidate,
        start=start,
        end=end,
        quote=cleaned.original[start:end],
        features=(*candidate.features, f"how={how}"),
        **changes,
    )


def _one_positive_stance(found: list[Candidate]) -> list[Candidate]:
    """One record per actor and kind in an article (ANNOTATION.md), the most confident: one positive
    stance, and a refusal beside it ("no combat troops, but medics on the ground") once; the same
    stance said again in a later sentence is not a second record."""
    best: dict[tuple[str, Kind, bool], Candidate] = {}
    for c in found:
        key = (c.country, c.kind, c.stance in _NEGATIVE)
        if key not in best or c.confidence > best[key].confidence:
            best[key] = c
    return [c for c in found if best[(c.country, c.kind, c.stance in _NEGATIVE)] is c]


def _relative_aside(text: str, anchor: int) -> tuple[int, int] | None:
    """The span of a relative clause set off by commas (", which has ruled out sending troops,") when
    it names a stance of its own and the main clause goes on with another after it."""
    for marker in context_cues.RELATIVE.finditer(text):
        closing = text.find(",", marker.end())
        if closing < 0 or (marker.start() > anchor and stance_in(text[: marker.start()])[0] is not None):
            continue
        if stance_in(text[marker.end() : closing])[0] is not None and stance_in(text[closing:])[0] is not None:
            return marker.start(), closing
    return None


def _may_hold(entity: str, kind: Kind, stance: Stance) -> bool:
    """Whether ``entity`` can hold a record of this kind and stance at all: Russia only opposes,
    Ukraine does not contribute to its own security guarantees ("Ukrainian troops", "Kyiv's air defence")."""
    if entity in context_cues.ADVERSARIES:
        return stance is Stance.OPPOSED
    return entity != context_cues.RECIPIENT or kind.value in context_cues.RECIPIENT_KINDS


def _quote_span(sentence: Sentence, clause: Clause | None, same: list[_Actor]) -> tuple[int, int]:
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


_PROPOSED_ID = re.compile(r"-x\d{3,}-[a-z0-9]+-[a-z_]+(?:-imported(?:-\d+)?)?$")


def proposed(record: Commitment) -> bool:
    """Whether extraction proposed ``record`` (accepted or edited by an analyst since, or not): its id
    is one :meth:`Extractor.record_id` gave. Such a record is no hand-made answer to score against."""
    return bool(_PROPOSED_ID.search(record.id))
