"""The in-memory corpus: entities, meetings, articles and records, indexed for look-ups."""

from __future__ import annotations

import bisect
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz, process

from coalition_tui.store.derived import Derived
from coalition_tui.store.gazetteer import Gazetteer
from coalition_tui.store.model import Commitment, Kind, Source, Stance, Summit
from coalition_tui.store.normalize import fold
from coalition_tui.store.problems import NotFound, Problem, Severity
from coalition_tui.store.resolve import Resolver
from coalition_tui.store.sharing import Sharing


def _position(records: list[Commitment], record: Commitment) -> int:
    """Where ``record`` itself (not an equal one) is in ``records`` (a scan)."""
    return [x is record for x in records].index(True)


def _find(records: list[Commitment], record_id: str) -> int | None:
    """Where the record with ``record_id`` is in ``records``."""
    try:
        return [x.id == record_id for x in records].index(True)
    except ValueError:
        return None


@dataclass
class Corpus:
    """Everything loaded from a data folder. Build it with :func:`coalition_tui.store.loader.load_corpus`."""

    root: Path
    gazetteer: Gazetteer
    resolver: Resolver
    summits: dict[str, Summit] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)
    records: list[Commitment] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    by_country: dict[str, list[Commitment]] = field(default_factory=lambda: defaultdict(list))
    by_summit: dict[str, list[Commitment]] = field(default_factory=lambda: defaultdict(list))
    by_source: dict[str, list[Commitment]] = field(default_factory=lambda: defaultdict(list))
    by_person: dict[str, list[Commitment]] = field(default_factory=lambda: defaultdict(list))
    rejected: list[Commitment] = field(default_factory=list)  # rejected in review: kept, not shown by default
    homes: dict[str, tuple[Path, int]] = field(default_factory=dict)  # record id -> (file, index of its table)
    article_paths: list[Path] = field(default_factory=list)  # every article sources.toml names, read or not
    derived: Derived = field(default_factory=Derived, repr=False, compare=False)  # results that depend on it
    # sha256 of the bytes each file was parsed from, as they were read: what the cache is keyed by
    digests: dict[Path, bytes] = field(default_factory=dict, repr=False, compare=False)

    _INDEXES = ("by_country", "by_summit", "by_source", "by_person")

    def __getstate__(self) -> dict[str, object]:
        """For the cache: records as plain tuples (pickled in C, several times faster than objects);
        the indexes and derived views are rebuilt, not stored."""
        state = {k: v for k, v in self.__dict__.items() if k not in self._INDEXES}
        state["records"] = [r.values() for r in self.records]
        state["rejected"] = [r.values() for r in self.rejected]
        state["derived"] = Derived()
        return state

    def __setstate__(self, state: dict[str, object]) -> None:
        rows, rejected = state.pop("records"), state.pop("rejected")
        self.__dict__.update(state)
        share = Sharing()
        self.records, self.rejected = [], [share.record(row) for row in rejected]  # type: ignore[attr-defined]
        for name in self._INDEXES:
            setattr(self, name, defaultdict(list))
        for row in rows:  # type: ignore[attr-defined]
            self.add(share.record(row))

    def shell(self) -> Corpus:
        """This corpus without its records (the cache stores those in chunks, after it)."""
        shell = object.__new__(Corpus)
        shell.__dict__.update(self.__dict__)
        shell.records = []
        return shell

    def add(self, record: Commitment) -> None:
        """Add one validated record and index it."""
        self.records.append(record)
        self.by_country[record.country].append(record)
        self.by_summit[record.summit].append(record)
        self.by_source[record.source].append(record)
        if record.person:
            self.by_person[record.person].append(record)

    def _indexes_of(self, record: Commitment) -> list[tuple[dict[str, list[Commitment]], str | None]]:
        return [
            (self.by_country, record.country),
            (self.by_summit, record.summit),
            (self.by_source, record.source),
            (self.by_person, record.person),
        ]

    def discard(self, record_id: str) -> Commitment | None:
        """Take a record (active or rejected) out of the corpus and its indexes; return it."""
        record = self.record(record_id)
        if record is None:
            return None
        if record.rejected:  # the rejected list: short, and in no index
            del self.rejected[_position(self.rejected, record)]
            return record
        del self.records[self._locate(self.records, record)]
        for index, key in self._indexes_of(record):
            if key in index:
                del index[key][self._locate(index[key], record)]
        return record

    def _at(self, records: list[Commitment], home: tuple[Path, int]) -> range:
        """Where the records at ``home`` (a file and a table in it) are in ``records``, found by
        bisection: every list of records is in (file, table) order, as loading builds it."""
        far = (Path("\uffff"), 0)  # records with no known home sort last, as they were appended
        key = lambda r: self.homes.get(r.id, far)  # noqa: E731
        start = bisect.bisect_left(records, home, key=key)
        end = start
        while end < len(records) and key(records[end]) == home:
            end += 1
        return range(start, end)

    def _locate(self, records: list[Commitment], record: Commitment) -> int:
        """Where ``record`` itself (not an equal one) is in ``records``: by bisection on its home,
        else by a scan."""
        home = self.homes.get(record.id)
        for i in self._at(records, home) if home else ():
            if records[i] is record:
                return i
        return _position(records, record)

    def replace(self, record_id: str, new: Commitment) -> None:
        """Put ``new`` where the record ``record_id`` was, in every list, in the order a fresh load
        gives (file by file, table by table): in place when it stays in a list, else inserted where
        its file and table put it."""
        same_source = self.by_source.get(new.source, [])  # a short list: look there first
        old = next((r for r in same_source if r.id == record_id), None) or self.record(record_id)
        if old is None or old.rejected or new.rejected:
            self.discard(record_id)
            if new.rejected:
                self._insert(self.rejected, new)
                return
            self._insert(self.records, new)
            for index, key in self._indexes_of(new):
                if key is not None:
                    self._insert(index[key], new)
            return
        self.records[self._locate(self.records, old)] = new
        for (index, old_key), (_same, new_key) in zip(self._indexes_of(old), self._indexes_of(new), strict=True):
            if old_key == new_key and old_key is not None:
                index[old_key][self._locate(index[old_key], old)] = new
                continue
            if old_key is not None:
                del index[old_key][self._locate(index[old_key], old)]
            if new_key is not None:
                self._insert(index[new_key], new)

    def _insert(self, records: list[Commitment], record: Commitment) -> None:
        """Insert ``record`` where loading puts it: lists are in (file, table) order."""
        if record.id not in self.homes:
            records.append(record)
            return
        far = (Path("\uffff"), 0)  # records with no known home sort last, as they were appended
        bisect.insort(records, record, key=lambda r: self.homes.get(r.id, far))

    def put(self, record: Commitment) -> None:
        """Add a record where it belongs: the active records, or the rejected list."""
        if record.rejected:
            self.rejected.append(record)
        else:
            self.add(record)

    def record(self, record_id: str) -> Commitment | None:
        """The record (active or rejected) with this id: at its home, else in the short rejected list,
        else by a scan."""
        home = self.homes.get(record_id)
        for i in self._at(self.records, home) if home else ():
            if self.records[i].id == record_id:
                return self.records[i]
        for group in (self.rejected, self.records):
            found = _find(group, record_id)
            if found is not None:
                return group[found]
        return None

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    def summits_by_date(self) -> list[Summit]:
        return sorted(self.summits.values(), key=lambda s: (s.date, s.id))

    def label(self, entity_id: str | None) -> str:
        """Display label of an entity id (the id itself when unknown)."""
        if entity_id is None:
            return ""
        entity = self.gazetteer.entity(entity_id)
        return entity.label if entity else entity_id

    # ------------------------------------------------------------------ filters
    def find_actor(self, text: str) -> str:
        """A country or organization id for any surface form (a person stands for their country)."""
        res = self.resolver.resolve(text, codes=True)
        if res.entity is None:
            hint = f" (could be: {', '.join(res.ambiguous)})" if res.ambiguous else ""
            raise NotFound(f"no country matches {text!r}{hint}")
        if res.kind == "person":
            return self.gazetteer.people[res.entity].country
        return res.entity

    def find_person(self, text: str) -> str:
        res = self.resolver.resolve(text, kinds=frozenset({"person"}))
        if res.entity is None:
            raise NotFound(f"no person matches {text!r}")
        return res.entity

    def find_summit(self, text: str) -> str:
        """A summit id for an id, a date, a place or venue, a month and year ("Paris 2026")."""
        on_that_day = [s.id for s in self.summits.values() if s.date.isoformat() == text.strip()]
        if len(on_that_day) == 1:  # "2025-03-02": its words alone would also match 2025-03-15 and 2025-03-27
            return on_that_day[0]
        haystack = {
            s.id: f"{s.id} {s.date.isoformat()} {s.date:%d %B %Y} {s.date:%b} {s.place} {s.venue} {s.format}"
            for s in self.summits.values()
        }
        return _match_one("summit", text, haystack)

    def find_record(self, text: str) -> str:
        """A record id (active or rejected) for its id or a prefix of it that only one id starts with."""
        wanted = text.strip()
        if wanted in self.homes or self.record(wanted) is not None:
            return wanted
        ids = self.homes.keys() or {r.id for r in (*self.records, *self.rejected)}
        hits = sorted(rid for rid in ids if wanted and rid.startswith(wanted))
        if len(hits) == 1:
            return hits[0]
        if hits:
            shown = ", ".join(hits[:5]) + (f" and {len(hits) - 5} more" if len(hits) > 5 else "")
            raise NotFound(f"{text!r} starts {len(hits)} record ids ({shown}); give more of the id")
        raise NotFound(f"no record id is or starts with {text!r}; 'coalition-tui review' lists them")

    def find_source(self, text: str) -> str:
        """A source id for an id or its prefix ("000"), a file name, or words of its headline/outlet."""
        haystack = {
            s.id: f"{s.id} {Path(s.file).name} {s.headline} {s.outlet} {s.summit or ''}" for s in self.sources.values()
        }
        prefixed = [sid for sid in self.sources if sid.startswith(text.strip())] if text.strip() else []
        if len(prefixed) == 1:
            return prefixed[0]
        return _match_one("source", text, haystack)

    def filter(
        self,
        country: str | None = None,
        summit: str | None = None,
        source: str | None = None,
        kind: Kind | None = None,
        stance: Stance | None = None,
        person: str | None = None,
    ) -> list[Commitment]:
        """Records matching every given (already resolved) id, in corpus order."""
        pools = [
            self.by_country.get(country, []) if country else None,
            self.by_summit.get(summit, []) if summit else None,
            self.by_source.get(source, []) if source else None,
            self.by_person.get(person, []) if person else None,
        ]
        chosen = [pool for pool in pools if pool is not None]
        base = min(chosen, key=len) if chosen else self.records
        wanted = [{id(r) for r in pool} for pool in chosen]
        return [
            r
            for r in base
            if all(id(r) in ids for ids in wanted)
            and (kind is None or r.kind == kind)
            and (stance is None or r.stance == stance)
        ]


def _match_one(what: str, text: str, haystack: dict[str, str]) -> str:
    """The single key whose text holds every word of ``text``; else the clear fuzzy best; else raise."""
    if text in haystack:
        return text
    words = fold(text).split()
    folded = {key: fold(value) for key, value in haystack.items()}
    hits = [key for key, value in folded.items() if words and all(w in value.split() for w in words)]
    if not hits:  # whole words first ("2025 11 25" is not in "2025 12 11"), then parts of words
        hits = [key for key, value in folded.items() if words and all(w in value for w in words)]
    if len(hits) == 1:
        return hits[0]
    if len(hits) > 1:
        raise NotFound(f"{text!r} matches several {what}s: {', '.join(sorted(hits))}; be more specific")
    scored = process.extract(fold(text), folded, scorer=fuzz.WRatio, limit=2, score_cutoff=80)
    if scored and (len(scored) == 1 or scored[0][1] - scored[1][1] >= 5):
        return str(scored[0][2])
    raise NotFound(f"no {what} matches {text!r}")
