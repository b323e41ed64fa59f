"""Name resolution: any surface form -> one canonical entity, or an honest "no match".

The order of evidence, strongest first:

1. **Exact / alias**: the folded form (no accents, case, dots, possessive) is a name, alias,
   demonym or metonym in the gazetteer. A real name is never "corrected" into another real name,
   which is what keeps Austria from Australia and Donald Tusk from Donald Trump.
2. **Titles and context**: leading titles ("Prime Minister", "Sir", even misspelt "Miniser") and
   country words ("Italian", "Portugal's") are peeled off; they say a person is meant and which
   country they belong to. A context string can add the same evidence.
3. **Fuzzy** (rapidfuzz): only for a form the gazetteer does not know, only within an edit budget
   that grows with the length of the word, token by token, with the first letter fixed, and only
   if one entity is strictly closer than every other. A tie is reported as ambiguous.

A lone given name ("Giorgia") or a lone title ("Prime Miniser") is not a name and resolves to
nothing; short all-caps forms ("US", "UK") match only as written, ISO codes only when asked.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections import defaultdict
from dataclasses import replace

from rapidfuzz import process
from rapidfuzz.distance import OSA

from coalition_tui.store.gazetteer import Gazetteer
from coalition_tui.store.model import EntityKind, Person
from coalition_tui.store.normalize import cased_key, fold, is_cased_form
from coalition_tui.store.resolution import Form, FormType, Method, Resolution, _Parsed
from coalition_tui.store.typos import (
    _ARTICLES,
    _FUZZY_TITLE_WORDS,
    _GLUE_WORDS,
    _HONORIFICS,
    _ROMAN,
    TITLE_WORDS,
    _within_budget,
    written_variants,
)

_TIER: dict[FormType, int] = {"name": 0, "alias": 0, "demonym": 0, "metonym": 0, "code": 0, "family": 1, "given": 2}


class Resolver:
    """Resolves surface forms against a :class:`Gazetteer`. Build once; calls are cached."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gaz = gazetteer
        self._cased: dict[str, list[Form]] = defaultdict(list)
        self._folded: dict[str, list[Form]] = defaultdict(list)
        self._codes: dict[str, Form] = {}
        self._cache: dict[tuple[object, ...], Resolution] = {}
        self._index()
        buckets: dict[str, list[str]] = defaultdict(list)
        for key, forms in self._folded.items():
            if any(f.form != "given" for f in forms):
                buckets[key[0]].append(key)
        self._buckets = {first: sorted(keys) for first, keys in buckets.items()}

    # ------------------------------------------------------------------ index
    def _add(self, text: str, form: Form) -> None:
        if not text.strip():
            return
        if is_cased_form(text):
            target = self._cased[cased_key(text)]
        else:
            key = fold(text)
            if not key:
                return
            target = self._folded[key]
        if not any(f.entity == form.entity and f.form == form.form for f in target):
            target.append(form)

    def _index(self) -> None:
        for c in self.gaz.countries.values():
            for text in (c.name, c.official_name, c.iso_name):
                self._add(text, Form(c.id, "country", "name", True, text))
                for variant in written_variants(text):
                    self._add(variant, Form(c.id, "country", "alias", False, variant))
            for text in c.aliases:
                for variant in (text, *written_variants(text)):
                    self._add(variant, Form(c.id, "country", "alias", False, variant))
            for text in c.demonyms:
                self._add(text, Form(c.id, "country", "demonym", False, text))
            for text in c.metonyms:
                self._add(text, Form(c.id, "country", "metonym", False, text))
            for code in (c.alpha2, c.id):
                self._codes[code] = Form(c.id, "country", "code", False, code)
        for o in self.gaz.organizations.values():
            self._add(o.name, Form(o.id, "org", "name", True, o.name))
            if o.short:
                self._add(o.short, Form(o.id, "org", "name", True, o.short))
            for text in o.aliases:
                self._add(text, Form(o.id, "org", "alias", False, text))
        for p in self.gaz.people.values():
            self._add(p.name, Form(p.id, "person", "name", True, p.name))
            for text in p.aliases:
                self._add(text, Form(p.id, "person", "alias", False, text))
            tokens = p.name.split()
            if len(tokens) > 1 and fold(tokens[-1]) not in _ROMAN:
                self._add(p.family_name, Form(p.id, "person", "family", False, p.family_name))
                self._add(p.given_name, Form(p.id, "person", "given", False, p.given_name))

    def known_forms(self) -> list[Form]:
        """Every indexed form (for audits and property tests)."""
        seen = [f for forms in self._cased.values() for f in forms]
        return seen + [f for forms in self._folded.values() for f in forms]

    def exact(self, text: str) -> set[str]:
        """The entities that ``text`` names as written (a name, alias, demonym, metonym, family name or
        code; folded for case and accents), without any typo correction or context."""
        return {f.entity for f in self._lookup(text, codes=True) if f.form != "given"}

    # ------------------------------------------------------------------ look-ups
    def _lookup(self, text: str, codes: bool) -> list[Form]:
        found = list(self._cased.get(cased_key(text), ()))
        found += self._folded.get(fold(text), ())
        stripped = text.strip()
        if codes and stripped.isupper() and stripped in self._codes:
            found.append(self._codes[stripped])
        return found

    def _is_title_word(self, token: str) -> str | None:
        """The title word ``token`` stands for (typos of long ones included), or None."""
        key = fold(token)
        if key in TITLE_WORDS:
            return key
        if len(key) >= 6:
            for word in _FUZZY_TITLE_WORDS:
                if key[0] == word[0] and OSA.distance(key, word) <= 1:
                    return word
        return None

    def _parse(self, text: str, codes: bool) -> _Parsed:
        """Peel leading articles, country/org words and titles off ``text``; the rest is the name."""
        tokens = text.split()
        parsed = _Parsed()
        i = 0
        while i < len(tokens) and fold(tokens[i]) in _ARTICLES:
            i += 1
        while i < len(tokens):
            width = self._context_span(tokens, i, codes, parsed)
            if width:
                i += width
                continue
            title = self._is_title_word(tokens[i])
            if title is None or (title in _GLUE_WORDS and not parsed.titles):
                break
            parsed.titles.append(title)
            i += 1
        parsed.rest = tokens[i:]
        parsed.titles = [t for t in parsed.titles if t not in _GLUE_WORDS]
        return parsed

    def _context_span(self, tokens: list[str], i: int, codes: bool, parsed: _Parsed) -> int:
        """Width of a country/org phrase at ``i`` that a title follows ("Italian Prime..."), else 0."""
        for width in (3, 2, 1):
            if i + width >= len(tokens) or self._is_title_word(tokens[i + width]) is None:
                continue
            hits = [f for f in self._lookup(" ".join(tokens[i : i + width]), codes) if f.kind != "person"]
            if hits:
                parsed.contexts.extend(hits)
                return width
        return 0

    def _context_forms(self, context: str, codes: bool) -> _Parsed:
        """Country/org words and titles anywhere in a context string."""
        parsed = _Parsed()
        tokens = context.split()
        i = 0
        while i < len(tokens):
            for width in (3, 2, 1):
                if i + width > len(tokens):
                    continue
                hits = [f for f in self._lookup(" ".join(tokens[i : i + width]), codes) if f.kind != "person"]
                if hits:
                    parsed.contexts.extend(hits)
                    i += width
                    break
            else:
                title = self._is_title_word(tokens[i])
                if title and title not in _GLUE_WORDS:
                    parsed.titles.append(title)
                i += 1
        return parsed

    # ------------------------------------------------------------------ decisions
    def _agrees(self, form: Form, context_ids: set[str], on: dt.date | None) -> bool:
        """True if a candidate fits the context (same country, or a role of the context org)."""
        if form.entity in context_ids:
            return True
        person = self.gaz.people.get(form.entity)
        if person is None:
            return False
        if person.country in context_ids:
            return True
        return any(r.of in context_ids and (on is None or r.held_on(on)) for r in person.roles)

    def _decide(
        self,
        name: str,
        forms: list[Form],
        parsed: _Parsed,
        score: float,
        method: Method,
        on: dt.date | None,
    ) -> Resolution:
        """Pick one entity among ``forms`` (all equally good), using context if several."""
        context_ids = {f.entity for f in parsed.contexts}
        ctx_country = next((f.entity for f in parsed.contexts if f.kind == "country"), None)
        best_tier = min(_TIER[f.form] for f in forms)
        forms = [f for f in forms if _TIER[f.form] == best_tier]
        entities = list(dict.fromkeys(f.entity for f in forms))
        chosen_method = method
        if len(entities) > 1 and context_ids:
            fitting = [e for e in entities if any(self._agrees(f, context_ids, on) for f in forms if f.entity == e)]
            if len(fitting) == 1:
                entities, chosen_method = fitting, "context"
        if len(entities) > 1:
            return Resolution(
                name,
                ambiguous=tuple(entities),
                reason="ambiguous: several entities fit equally well",
                context_country=ctx_country,
            )
        form = next(f for f in forms if f.entity == entities[0])
        if chosen_method == "exact" and not self._is_exact(name, parsed, form):
            chosen_method = "alias"
        return Resolution(
            name,
            entity=form.entity,
            kind=form.kind,
            score=score,
            method=chosen_method,
            form=form.form,
            context_country=ctx_country,
        )

    @staticmethod
    def _is_exact(name: str, parsed: _Parsed, form: Form) -> bool:
        """Exact: a canonical name written as the gazetteer writes it (up to case and spacing)."""
        rest = " ".join(parsed.rest) if parsed.rest else name
        return form.canonical and _plain(rest) == _plain(form.text)

    def _fuzzy(
        self, query: str, persons_only: bool, short_typos: bool = True
    ) -> tuple[list[tuple[Form, int, float]], tuple[str, float] | None]:
        """Candidates within the edit budget as (form, distance, score), and the nearest look-alike.

        The score is the normalised OSA similarity (0-100), the measure the budget is counted in,
        so a transposition ("Austrai") scores closer to Austria than to Australia.
        """
        keys = self._buckets.get(query[:1], [])
        hits = process.extract(query, keys, scorer=OSA.normalized_similarity, score_cutoff=0.5, limit=25)
        within: list[tuple[Form, int, float]] = []
        nearest: dict[str, float] = {}
        for key, similarity, _ in hits:
            score = round(similarity * 100, 1)
            for form in self._folded[key]:
                if form.form == "given" or (persons_only and form.kind != "person"):
                    continue
                nearest[form.entity] = max(nearest.get(form.entity, 0.0), score)
                distance = _within_budget(query, key)
                if distance and len(key) <= 4 and not (short_typos and form.form in ("name", "alias")):
                    continue  # a lone short word is too easily another word ("That" is not "Thai")
                if distance is not None:
                    within.append((form, distance, score))
        others = sorted(nearest.items(), key=lambda kv: -kv[1])
        return within, (others[0] if others else None)

    # ------------------------------------------------------------------ public
    def resolve(
        self,
        name: str,
        context: str = "",
        on: dt.date | None = None,
        codes: bool = False,
        kinds: frozenset[EntityKind] | None = None,
        short_typos: bool = True,
    ) -> Resolution:
        """Resolve one surface form.

        ``context`` is nearby text ("Italian Prime Minister"); ``on`` a date for offices held;
        ``codes`` lets ISO alpha-2/alpha-3 codes match (for structured fields, not running text);
        ``kinds`` restricts the entity kinds that may match; ``short_typos=False`` never corrects a
        lone word of four letters (in running text "Iron" is a word, not a typo of Iran).
        """
        key = (name, context, on, codes, kinds, short_typos)
        cached = self._cache.get(key)
        if cached is None:
            cached = self._resolve(name, context, on, codes, kinds, short_typos)
            if len(self._cache) < 200_000:
                self._cache[key] = cached
        return cached

    def _resolve(
        self,
        name: str,
        context: str,
        on: dt.date | None,
        codes: bool,
        kinds: frozenset[EntityKind] | None,
        short_typos: bool,
    ) -> Resolution:
        def allowed(forms: list[Form]) -> list[Form]:
            return [f for f in forms if kinds is None or f.kind in kinds]

        if not fold(name) and not cased_key(name):
            return Resolution(name, reason="empty")
        parsed = self._parse(name, codes)
        if context:
            extra = self._context_forms(context, codes)
            parsed.contexts += extra.contexts
            parsed.titles += extra.titles
        whole = [f for f in allowed(self._lookup(name, codes)) if f.form != "given"]
        if whole:
            return self._decide(name, whole, _Parsed(contexts=parsed.contexts, rest=[name]), 100.0, "exact", on)

        rest = " ".join(parsed.rest)
        persons_only = bool(parsed.titles) and not (kinds is not None and "person" not in kinds)
        if not rest:
            return self._title_only(name, parsed, on, kinds)

        forms = allowed(self._lookup(rest, codes))
        if persons_only and any(f.kind == "person" for f in forms):
            forms = [f for f in forms if f.kind == "person"]
        if forms and any(f.form != "given" for f in forms):
            return self._decide(name, [f for f in forms if f.form != "given"], parsed, 100.0, "exact", on)
        given = [f for f in forms if f.form == "given"]
        if given:
            if _HONORIFICS & set(parsed.titles):
                return self._decide(name, given, parsed, 100.0, "context", on)
            return Resolution(
                name,
                ambiguous=tuple(dict.fromkeys(f.entity for f in given)) if len(given) > 1 else (),
                reason="given name only: not enough to name a person",
            )

        query = fold(rest)
        if len(query) < 4:
            return Resolution(name, reason="too short to match by similarity")
        within, nearest = self._fuzzy(query, persons_only, short_typos)
        within = [w for w in within if kinds is None or w[0].kind in kinds]
        if not within and fold(name) != query:
            # what was peeled off was part of a name ("Bosnia and Herzegvoina", "Democartic
            # People's Republic of Korea")
            within, nearest = self._fuzzy(fold(name), False, short_typos)
            within = [w for w in within if kinds is None or w[0].kind in kinds]
            parsed = _Parsed(contexts=parsed.contexts, rest=[name])
        if not within:
            return Resolution(
                name,
                reason="no entity is close enough",
                runner_up=nearest[0] if nearest else None,
                runner_up_score=nearest[1] if nearest else 0.0,
            )
        best_distance = min(d for _, d, _ in within)
        best = [w for w in within if w[1] == best_distance]
        best_ratio = max(r for _, _, r in best)
        result = self._decide(name, [f for f, _, _ in best], parsed, best_ratio, "fuzzy", on)
        others = sorted(((f.entity, r) for f, _, r in within if f.entity != result.entity), key=lambda kv: -kv[1])
        runner = others[0] if others else (nearest if nearest and nearest[0] != result.entity else None)
        if runner:
            result = replace(result, runner_up=runner[0], runner_up_score=runner[1])
        return result

    def _title_only(
        self, name: str, parsed: _Parsed, on: dt.date | None, kinds: frozenset[EntityKind] | None
    ) -> Resolution:
        """'Prime Minister' alone is a title; with a country (and a date) it may name the holder."""
        title = " ".join(t for t in parsed.titles if t not in _HONORIFICS | {"mr", "mrs", "ms", "dr"})
        if not parsed.contexts or not title or (kinds is not None and "person" not in kinds):
            return Resolution(name, reason="title only, not a name")
        holders: list[Person] = []
        ever: list[Person] = []
        for ctx in parsed.contexts:
            holders += [p for p in self.gaz.holders(title, ctx.entity, on) if p not in holders]
            ever += [p for p in self.gaz.holders(title, ctx.entity) if p not in ever]
        ctx_country = next((f.entity for f in parsed.contexts if f.kind == "country"), None)
        if len(holders) == 1 and (on is not None or len(ever) == 1):
            return Resolution(
                name,
                entity=holders[0].id,
                kind="person",
                score=100.0,
                method="context",
                form="name",
                context_country=ctx_country,
            )
        if len(ever) > 1:
            return Resolution(
                name,
                ambiguous=tuple(p.id for p in (holders if len(holders) > 1 else ever)),
                reason="the title names several office holders; give a date",
                context_country=ctx_country,
            )
        return Resolution(name, reason="title only, not a name", context_country=ctx_country)


def _plain(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split()).casefold()
