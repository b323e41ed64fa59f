"""Queries behind the app's panes: fuzzy row filters, people per country, names seen, mentions."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz

from coalition_tui.extraction.extract import Analysis, Extractor
from coalition_tui.store.corpus import Corpus
from coalition_tui.store.derived import Touched
from coalition_tui.store.model import Commitment, Kind, Mention, Source, Summit
from coalition_tui.store.normalize import fold
from coalition_tui.store.parallel import pool_map
from coalition_tui.store.voices import can_speak_for

# An article's mentions and names: its text (sources), the names known (gazetteer), its meeting's date
# (offices held on that day).
NAMES_DEPEND_ON = Touched.SOURCES | Touched.GAZETTEER | Touched.MEETINGS


def actor_counts(corpus: Corpus) -> list[tuple[str, int]]:
    """Actors (countries and organizations) with their record counts, most first."""
    counts = Counter(r.country for r in corpus.records)
    return sorted(counts.items(), key=lambda kv: (-kv[1], corpus.label(kv[0])))


def _search_keys(corpus: Corpus, actor: str) -> list[str]:
    """Every folded form that should find an actor's row: its names, aliases, demonyms, capitals, people."""
    entity = corpus.gazetteer.entity(actor)
    keys = [fold(corpus.label(actor))]
    if entity is not None:
        for attr in ("name", "official_name", "short", "aliases", "demonyms", "metonyms"):
            value = getattr(entity, attr, None)
            for text in [value] if isinstance(value, str) else (value or ()):
                keys.append(fold(text))
    for person in corpus.gazetteer.people.values():
        if person.country == actor or any(role.of == actor for role in person.roles):
            keys.append(fold(person.name))
    return [k for k in keys if k]


def filter_actors(corpus: Corpus, query: str, actors: list[str]) -> list[str]:
    """The actors a user means by ``query``: "melono" (a typo of a person), "brit", "kremlin"."""
    wanted = fold(query)
    if not wanted:
        return actors
    resolved = corpus.resolver.resolve(query, codes=True)
    target = None
    if resolved.entity:
        target = resolved.entity if resolved.kind != "person" else corpus.gazetteer.people[resolved.entity].country
    hits = []
    for actor in actors:
        keys = _search_keys(corpus, actor)
        if (
            actor == target
            or any(f" {key}".find(f" {wanted}") >= 0 for key in keys)
            or (len(wanted) >= 4 and max(fuzz.partial_ratio(wanted, key) for key in keys) >= 90)
        ):
            hits.append(actor)
    return hits


def people_of(corpus: Corpus, actor: str, summit: str | None = None) -> list[str]:
    """The people who spoke for the actor in its records (at ``summit`` when given), in order of first
    appearance: its nationals, its office-holders and the meeting's co-chairs, never a person a record
    wrongly gives it (:func:`coalition_tui.store.voices.can_speak_for`)."""
    records = corpus.filter(country=actor, summit=summit) if summit else corpus.by_country.get(actor, [])
    return list(
        dict.fromkeys(r.person for r in records if r.person and can_speak_for(corpus, r.person, actor, r.summit))
    )


def timeline(corpus: Corpus, actor: str) -> list[tuple[Summit, list[Commitment]]]:
    """The actor's records meeting by meeting, in date order."""
    by_summit: dict[str, list[Commitment]] = defaultdict(list)
    for record in corpus.by_country.get(actor, []):
        by_summit[record.summit].append(record)
    return [(s, by_summit[s.id]) for s in corpus.summits_by_date() if s.id in by_summit]


def attendees(corpus: Corpus, summit: str) -> list[str]:
    """Actors recorded as present at a meeting (and the hosts' countries)."""
    present = [
        r.country
        for r in corpus.by_summit.get(summit, [])
        if r.kind is Kind.PARTICIPATION and r.stance.value == "committed"
    ]
    meeting = corpus.summits.get(summit)
    for host in meeting.hosts if meeting else ():
        person = corpus.gazetteer.people.get(host)
        if person:
            present.append(person.country)
    return list(dict.fromkeys(present))


def grouped_commitments(corpus: Corpus, summit: str) -> dict[str, dict[Kind, list[Commitment]]]:
    """A meeting's records (attendance aside) by actor, then kind."""
    out: dict[str, dict[Kind, list[Commitment]]] = defaultdict(lambda: defaultdict(list))
    for record in corpus.by_summit.get(summit, []):
        if record.kind is not Kind.PARTICIPATION:
            out[record.country][record.kind].append(record)
    return {k: dict(v) for k, v in sorted(out.items(), key=lambda kv: corpus.label(kv[0]))}


def sources_of(corpus: Corpus, summit: str) -> list[str]:
    ids = {s.id for s in corpus.sources.values() if s.summit == summit}
    ids |= {r.source for r in corpus.by_summit.get(summit, [])}
    return sorted(ids)


def analysis(corpus: Corpus, source: str) -> Analysis:
    """A source's cleaned text, sentences and mentions, computed once and kept with the corpus."""

    def compute() -> Analysis:
        extractor = Extractor(corpus.gazetteer, corpus.resolver)
        return extractor.analyse(corpus.texts.get(source, ""), _meeting_date(corpus, source))

    return corpus.derived.get(("analysis", source), NAMES_DEPEND_ON, compute)


def mentions(corpus: Corpus, source: str) -> list[Mention]:
    """Entity mentions in a source, in original-text offsets."""
    found = analysis(corpus, source)
    text = corpus.texts.get(source, "")
    out = []
    for m in found.mentions:
        start, end = found.cleaned.original_span(m.start, m.end)
        out.append(
            Mention(
                source=source,
                start=start,
                end=end,
                text=text[start:end],
                entity=m.entity,
                kind=m.kind,
                score=m.score,
                method=m.method,
                form=m.form,
                venue=m.venue,
            )
        )
    return out


@dataclass(frozen=True)
class NameRow:
    """One surface form seen in the corpus and what the resolver made of it."""

    written: str
    entity: str
    label: str
    kind: str
    score: float
    method: str
    count: int
    sources: tuple[str, ...]


def names_seen(corpus: Corpus, progress: Callable[[int, int], None] | None = None) -> list[NameRow]:
    """Every surface form mentioned in the sources or written in records, with its resolution.

    The articles are analysed in worker processes when there are many; each article's names are kept with the corpus (a few tuples, not its analysis), so the
    view is rebuilt at once after a review decision. ``progress(done, total)`` is called as
    sources are done."""
    global _FINDER
    seen: dict[tuple[str, str], list[str]] = defaultdict(list)
    info: dict[tuple[str, str], tuple[float, str, str]] = {}
    sources = list(corpus.sources)
    todo = [source for source in sources if ("names", source) not in corpus.derived]
    jobs = [(corpus.texts.get(source, ""), _meeting_date(corpus, source)) for source in todo]
    _FINDER = Extractor(corpus.gazetteer, corpus.resolver)  # this process's (and forked workers')
    chunksize = max(1, min(50, len(jobs) // 40))
    found = pool_map(_names_in, jobs, _names_init, (str(corpus.root),), chunksize=chunksize)
    one: dict[tuple[str, str, float, str, str], tuple[str, str, float, str, str]] = {}  # names recur: one each
    for done, (source, names) in enumerate(zip(todo, found, strict=True), 1):
        corpus.derived.put(("names", source), tuple(one.setdefault(name, name) for name in names), NAMES_DEPEND_ON)
        if progress and (done % 250 == 0 or done == len(todo)):
            progress(done, len(todo))
    for source in sources:
        for written, entity, score, method, kind in corpus.derived.peek(("names", source)):
            key = (written, entity)
            seen[key].append(source)
            info[key] = (score, method, kind)
    for record in corpus.records:
        for written in record.as_written:
            res = corpus.resolver.resolve(written)
            if res.entity:
                key = (written, res.entity)
                seen[key].append(record.source)
                info.setdefault(key, (res.score, res.method or "", res.kind or ""))
    rows = [
        NameRow(
            text,
            entity,
            corpus.label(entity),
            info[(text, entity)][2],
            info[(text, entity)][0],
            info[(text, entity)][1],
            len(srcs),
            tuple(sorted(set(srcs))),
        )
        for (text, entity), srcs in seen.items()
    ]
    return sorted(rows, key=lambda r: (r.score, r.written))


def _meeting_date(corpus: Corpus, source: str) -> dt.date | None:
    meeting = corpus.summits.get(corpus.sources[source].summit or "") if source in corpus.sources else None
    return meeting.date if meeting else None


_FINDER: Extractor | None = None  # what names_seen's workers analyse with


def _names_init(root: str) -> None:
    """Set up a spawned worker of :func:`names_seen` with the corpus's gazetteer."""
    global _FINDER
    from coalition_tui.store.gazetteer import load_gazetteer
    from coalition_tui.store.paths import bundled_data_dir
    from coalition_tui.store.resolve import Resolver

    gazetteer, _ = load_gazetteer(Path(root) / "gazetteer", fallback=bundled_data_dir() / "gazetteer")
    _FINDER = Extractor(gazetteer, Resolver(gazetteer))


def _names_in(job: tuple[str, dt.date | None]) -> tuple[tuple[str, str, float, str, str], ...]:
    """The names an article mentions: as written, entity, score, method, kind (as :func:`mentions`)."""
    text, on = job
    assert _FINDER is not None
    found = _FINDER.analyse(text, on)
    names: list[tuple[str, str, float, str, str]] = []
    for m in found.mentions:
        start, end = found.cleaned.original_span(m.start, m.end)
        names.append((text[start:end], m.entity, m.score, m.method, m.kind))
    for a, b, country in _FINDER.unknown_people(found):  # listed first (score 0): the gazetteer lacks them
        start, end = found.cleaned.original_span(a, b)
        names.append((text[start:end], country, 0.0, "title", UNKNOWN_PERSON))
    return tuple(names)


UNKNOWN_PERSON = "unknown person"  # a name the gazetteer lacks, with the country its title gives ("" if none)


def same_meeting(corpus: Corpus, source_id: str) -> list[Source]:
    """The other articles of the meeting ``source_id`` reports (its sources.toml meeting, or the
    meeting most of its records are about), by date and headline: the ones worth diffing it with."""
    source = corpus.sources.get(source_id)
    if source is None:
        return []
    meetings = {source.summit} if source.summit else {r.summit for r in corpus.by_source.get(source_id, [])}
    found = [
        s
        for s in corpus.sources.values()
        if s.id != source_id
        and (
            s.summit in meetings or (not s.summit and any(r.summit in meetings for r in corpus.by_source.get(s.id, [])))
        )
    ]
    return sorted(found, key=lambda s: (s.published.isoformat() if s.published else "", s.headline))
