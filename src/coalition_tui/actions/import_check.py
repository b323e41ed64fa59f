"""Checking an export before an import writes anything: its shape and ids (:func:`read_export`), then
every entity, meeting, source and record against the corpus as it is on disk (:func:`plan_import`),
which gives the :class:`Plan` of what to write. Nothing here writes."""

from __future__ import annotations

import dataclasses
import hashlib
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coalition_tui.store import journal
from coalition_tui.store.corpus import Corpus
from coalition_tui.store.errors import CoalitionError
from coalition_tui.store.gazetteer import (
    COUNTRIES_FILE,
    ORGANIZATIONS_FILE,
    PEOPLE_FILE,
    Gazetteer,
    country_from_table,
)
from coalition_tui.store.journal import Entry
from coalition_tui.store.loader import MAX_ARTICLE_BYTES, RECORD_TABLE, decode_article, record_from_table
from coalition_tui.store.model import Commitment, Country, Organization, Person, Source, Summit
from coalition_tui.store.problems import Problem
from coalition_tui.store.resolve import Resolver
from coalition_tui.store.tomlio import (
    UnreadableFile,
    build,
    load_toml_file,
    read_regular,
)

SAFE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:+-]{0,199}")  # no '/', '\\', space or leading dot
MAX_SCANNED = 20_000  # files hashed at most while looking for articles by sha256
_SHA256 = re.compile(r"[0-9a-f]{64}")
_KINDS = {"country": COUNTRIES_FILE, "org": ORGANIZATIONS_FILE, "person": PEOPLE_FILE}


class ImportFailed(CoalitionError):
    """A one-line reason nothing was imported."""


@dataclass
class ImportReport:
    """What an import did; ``lines()`` says it for a person."""

    file: Path | None = None  # the records file written, if any record was new
    added: list[str] = field(default_factory=list)
    unchanged: int = 0
    renamed: list[tuple[str, str]] = field(default_factory=list)  # (id in the export, id given)
    sources_added: list[str] = field(default_factory=list)
    sources_reused: list[tuple[str, str]] = field(default_factory=list)  # (id in the export, corpus's id)
    missing_text: list[tuple[str, str, str]] = field(default_factory=list)  # (source, file, sha256)
    meetings_added: list[str] = field(default_factory=list)
    entities_added: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # meetings/entities/sources the corpus has differently
    decisions: int = 0  # entries of the export's decision log added to the corpus's

    def lines(self) -> list[str]:
        out = [f"{len(self.added)} record(s) added, {self.unchanged} already in the corpus"]
        if self.file:
            out[0] += f" (written to {self.file})"
        out += [f"record {old} is now {new}: the corpus has another record with that id" for old, new in self.renamed]
        if self.decisions:
            out.append(f"{self.decisions} decision(s) of who reviewed them added to the log (coalition-tui log)")
        out += [f"source {s} added" for s in self.sources_added]
        out += [f"source {old} is the corpus's {new} (same article)" for old, new in self.sources_reused if old != new]
        out += [
            f"source {s}: article text not found (was {f}, sha256 {h[:12]}…); put the article beside the export "
            "file or pass --articles DIR, then import again; its records were left out"
            for s, f, h in self.missing_text
        ]
        out += [f"meeting {m} added" for m in self.meetings_added]
        out += [f"entity {e} added to the gazetteer" for e in self.entities_added]
        out += [f"{k}: the corpus has it differently; kept the corpus's" for k in self.kept]
        return out


def read_export(path: Path) -> dict[str, Any]:
    """The export file's tables, their shapes and ids checked. Raises :class:`ImportFailed` naming the
    file and what is wrong."""
    try:
        data = load_toml_file(path)
    except UnreadableFile as exc:
        raise ImportFailed(f"{exc}; is it an export file?") from None
    for key, kind in (("summits", dict), ("sources", dict), ("entities", dict), (RECORD_TABLE, list)):
        if not isinstance(data.get(key, kind()), kind):
            raise ImportFailed(f"{path}: '{key}' has the wrong shape; this is not a coalition-tui export")
    if RECORD_TABLE not in data:
        raise ImportFailed(f"{path}: no [[{RECORD_TABLE}]] records; this is not a coalition-tui export")
    for key in ("summits", "sources", "entities"):
        for item_id, table in data.get(key, {}).items():
            _check_id(path, f"{key}.{item_id}", item_id)
            if not isinstance(table, dict):
                raise ImportFailed(f"{path}: [{key}.{item_id}] must be a table of fields; nothing was imported")
    for i, table in enumerate(data[RECORD_TABLE]):
        if not isinstance(table, dict):
            raise ImportFailed(f"{path}: [[{RECORD_TABLE}]] {i + 1} must be a table of fields; nothing was imported")
        _check_id(path, f"[[{RECORD_TABLE}]] {i + 1}", table.get("id"))
    return data


def _check_id(path: Path, where: str, value: object) -> None:
    if not isinstance(value, str) or not SAFE_ID.fullmatch(value) or ".." in value:
        raise ImportFailed(
            f"{path}: {where}: id {value!r} is not allowed (letters, digits, '-', '_', '.', ':' and '+' only, "
            "no '..'); nothing was imported"
        )


def _claim(record: Commitment) -> tuple[object, ...]:
    return (record.country, record.summit, record.source, record.kind, record.stance, record.quote, record.start,
            record.end, record.person)  # fmt: skip


def free_name(taken: set[str], wanted: str) -> str:
    if wanted not in taken:
        return wanted
    n = 2
    while f"{wanted}-{n}" in taken:
        n += 1
    return f"{wanted}-{n}"


class _Texts:
    """Articles found by sha256, never by path: the files (``*.txt``) in each folder given and in its
    ``articles/``, each read through the checked reader; a file named like the export's ``file`` is
    tried first."""

    def __init__(self, places: Iterable[Path]) -> None:
        self.folders = [sub for place in places for sub in (place, place / "articles")]
        self.index: dict[str, Path] | None = None

    @staticmethod
    def _read(path: Path) -> bytes | None:
        try:
            return read_regular(path, MAX_ARTICLE_BYTES)
        except OSError:
            return None

    def find(self, sha: str, hint: str) -> bytes | None:
        name = Path(hint).name
        if name and SAFE_ID.fullmatch(name.removesuffix(".txt")):
            for folder in self.folders:
                raw = self._read(folder / name)
                if raw is not None and hashlib.sha256(raw).hexdigest() == sha:
                    return raw
        if self.index is None:
            self.index = {}
            scanned = 0
            for folder in self.folders:
                try:
                    entries = sorted((e for e in os.scandir(folder) if e.name.endswith(".txt")), key=lambda e: e.name)
                except OSError:
                    continue
                for entry in entries[: max(0, MAX_SCANNED - scanned)]:
                    scanned += 1
                    raw = self._read(Path(entry.path))
                    if raw is not None:
                        self.index.setdefault(hashlib.sha256(raw).hexdigest(), Path(entry.path))
        found = self.index.get(sha)
        raw = self._read(found) if found else None
        return raw if raw is not None and hashlib.sha256(raw).hexdigest() == sha else None


@dataclass
class Plan:
    """Everything an import will write, validated."""

    entities: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)  # gazetteer file -> id -> table
    meetings: dict[str, dict[str, Any]] = field(default_factory=dict)
    sources: dict[str, dict[str, Any]] = field(default_factory=dict)
    articles: dict[str, bytes] = field(default_factory=dict)  # path relative to the data folder -> bytes
    records: list[Commitment] = field(default_factory=list)
    decisions: list[Entry] = field(default_factory=list)  # the journal entries of the records added


def _fail(path: Path, where: str, problems: list[Problem]) -> ImportFailed:
    first = problems[0] if problems else None
    what = (f"field {first.field!r}: " if first and first.field else "") + (first.message if first else "invalid")
    return ImportFailed(f"{path}: {where}: {what}; nothing was imported")


def _forms(entity: Country | Person | Organization) -> list[str]:
    if isinstance(entity, Country):
        return [entity.name, entity.official_name, entity.iso_name, entity.alpha2, *entity.aliases,
                *entity.demonyms, *entity.metonyms]  # fmt: skip
    if isinstance(entity, Organization):
        return [entity.name, *([entity.short] if entity.short else []), *entity.aliases]
    return [entity.name, *entity.aliases]


def _entities(path: Path, corpus: Corpus, entities: dict[str, Any], plan: Plan, report: ImportReport) -> Gazetteer:
    """The gazetteer with the export's new entities; each checked, none taking a name the corpus
    resolves to another entity."""
    old = corpus.gazetteer
    gaz = Gazetteer(dict(old.countries), dict(old.people), dict(old.organizations))
    order = {"country": 0, "org": 1, "person": 2}
    for entity_id, table in sorted(entities.items(), key=lambda kv: order.get(str(kv[1].get("kind")), 3)):
        where = f"entity {entity_id}"
        kind = table.get("kind")
        if kind not in _KINDS:
            raise ImportFailed(
                f"{path}: {where}: kind must be country, org or person, not {kind!r}; nothing was imported"
            )
        fields = {k: v for k, v in table.items() if k not in {"kind", "alpha3"}}
        built: Country | Person | Organization | None
        if kind == "country":
            built, problems = country_from_table(entity_id, fields, str(path), None)
        elif kind == "org":
            built, problems = build(Organization, {"id": entity_id, **fields}, str(path), None, entity_id)
        else:
            built, problems = build(Person, {"id": entity_id, **fields}, str(path), None, entity_id)
        if built is None:
            raise _fail(path, where, problems)
        have = old.entity(entity_id)  # checked all the same: the export is validated whole
        if have is not None:
            if table.get("name") not in (None, have.label, getattr(have, "name", None)):
                report.kept.append(where)
            continue
        if isinstance(built, Person):
            stray = [x for x in (built.country, *(r.of for r in built.roles)) if gaz.entity(x) is None]
            if stray:
                raise ImportFailed(f"{path}: {where}: names unknown country or organization {stray[0]!r}; "
                                   "nothing was imported")  # fmt: skip
        for form in _forms(built):
            others = sorted(corpus.resolver.exact(form) - {entity_id})
            if others:
                raise ImportFailed(
                    f"{path}: {where}: the name {form!r} already means {others[0]} in this corpus; remove it "
                    "from the export (or map it with 'coalition-tui gazetteer alias'); nothing was imported"
                )
        gaz.put(built)
        plan.entities.setdefault(_KINDS[kind], {})[entity_id] = fields
        report.entities_added.append(entity_id)
    return gaz


def _meetings(
    path: Path, corpus: Corpus, gaz: Gazetteer, summits: dict[str, Any], plan: Plan, report: ImportReport
) -> dict[str, Summit]:
    known = dict(corpus.summits)
    for summit_id, table in summits.items():
        summit, problems = build(Summit, {"id": summit_id, **table}, str(path), None, summit_id)
        if summit is None:  # checked even when the corpus has it: the export is validated whole
            raise _fail(path, f"meeting {summit_id}", problems)
        have = corpus.summits.get(summit_id)
        if have is not None:
            if summit.date != have.date:
                report.kept.append(f"meeting {summit_id}")
            continue
        stray = [host for host in summit.hosts if host not in gaz.people]
        if stray:
            raise ImportFailed(f"{path}: meeting {summit_id}: unknown host {stray[0]!r}; nothing was imported")
        known[summit_id] = summit
        plan.meetings[summit_id] = table
        report.meetings_added.append(summit_id)
    return known


def _sources(
    path: Path,
    root: Path,
    corpus: Corpus,
    summits: dict[str, Summit],
    sources: dict[str, Any],
    texts: _Texts,
    plan: Plan,
    report: ImportReport,
) -> tuple[dict[str, str], dict[str, Source], dict[str, str]]:
    """The corpus's id for each export source id, and the sources and texts the records will see."""
    by_sha = {s.sha256: s.id for s in corpus.sources.values()}
    ids: dict[str, str] = {}
    known, known_texts = dict(corpus.sources), dict(corpus.texts)
    taken = set(corpus.sources)
    names = {p.name for p in (root / "articles").glob("*")} if (root / "articles").is_dir() else set()
    for source_id, table in sources.items():
        sha = table.get("sha256")
        if not isinstance(sha, str) or not _SHA256.fullmatch(sha):
            raise ImportFailed(f"{path}: source {source_id}: sha256 must be 64 hex digits; nothing was imported")
        if sha in by_sha:
            ids[source_id] = by_sha[sha]
            report.sources_reused.append((source_id, by_sha[sha]))
            continue
        hint = table.get("file")
        if not isinstance(hint, str) or Path(hint).is_absolute() or ".." in Path(hint).parts or "\\" in hint:
            raise ImportFailed(
                f"{path}: source {source_id}: file {hint!r} is not a name inside a corpus (an export names its "
                "articles by sha256 and a relative file name); nothing was imported"
            )
        raw = texts.find(sha, hint)
        if raw is None:
            report.missing_text.append((source_id, str(hint), sha))
            continue
        text, problem = decode_article(raw, f"the article of source {source_id}")
        if text is None:
            raise _fail(path, f"source {source_id}", [problem] if problem else [])
        new_id = free_name(taken, source_id)
        file = f"{new_id}.txt" if f"{new_id}.txt" not in names else free_name(names, f"{new_id}-{sha[:8]}.txt")
        # the page or PDF it came from is not in an export: only the text is imported
        entry = {k: v for k, v in table.items() if k not in ("original", "original_sha256")}
        entry["file"] = f"articles/{file}"
        source, problems = build(Source, {"id": new_id, **entry}, str(path), None, new_id)
        if source is None:
            raise _fail(path, f"source {source_id}", problems)
        if source.summit and source.summit not in summits:
            raise ImportFailed(f"{path}: source {source_id}: unknown meeting {source.summit!r}; nothing was imported")
        taken.add(new_id)
        names.add(file)
        plan.sources[new_id] = entry
        plan.articles[f"articles/{file}"] = raw
        known[new_id], known_texts[new_id] = source, text
        by_sha[sha] = ids[source_id] = new_id
        if new_id != source_id:
            report.kept.append(f"source id {source_id} (another article has it; this one is {new_id})")
    report.sources_added += list(plan.sources)
    return ids, known, known_texts


def _records(
    path: Path, corpus: Corpus, work: Corpus, tables: list[dict[str, Any]], source_ids: dict[str, str],
    plan: Plan, report: ImportReport,
) -> None:  # fmt: skip
    claims = {_claim(r) for r in (*corpus.records, *corpus.rejected)}
    taken = set(corpus.homes)  # every record loaded from a file, rejected ones included
    missing = {s for s, _, _ in report.missing_text}
    for i, table in enumerate(tables):
        if table.get("source") in missing:
            continue
        table = {**table, "source": source_ids.get(str(table.get("source")), table.get("source"))}
        record, problems = record_from_table(work, table, {}, str(path), None)
        if record is None or problems:
            raise _fail(path, f"[[{RECORD_TABLE}]] {i + 1} ({table.get('id')})", problems)
        if _claim(record) in claims:
            report.unchanged += 1
            continue
        if record.id in taken:
            fresh = free_name(taken, f"{record.id}-imported")
            report.renamed.append((record.id, fresh))
            record = dataclasses.replace(record, id=fresh)
        taken.add(record.id)
        claims.add(_claim(record))
        plan.records.append(record)


def plan_import(
    root: Path, corpus: Corpus, path: Path, data: dict[str, Any], places: list[Path]
) -> tuple[Plan, ImportReport]:
    """Validate the whole export against ``corpus``; what to write and what to say. Writes nothing."""
    plan, report = Plan(), ImportReport()
    gaz = _entities(path, corpus, data.get("entities", {}), plan, report)
    summits = _meetings(path, corpus, gaz, data.get("summits", {}), plan, report)
    ids, sources, texts = _sources(path, root, corpus, summits, data.get("sources", {}), _Texts(places), plan, report)
    work = Corpus(root=root, gazetteer=gaz, resolver=Resolver(gaz) if plan.entities else corpus.resolver,
                  summits=summits, sources=sources, texts=texts)  # fmt: skip
    _records(path, corpus, work, data[RECORD_TABLE], ids, plan, report)
    _decisions(path, data.get(journal.TABLE, []), plan, report)
    return plan, report


def _decisions(path: Path, tables: object, plan: Plan, report: ImportReport) -> None:
    """The export's decision log, for the records the import adds (under their new ids), marked as
    imported: listed by ``log``, never undone here. One table that is not a decision refuses it all."""
    if not isinstance(tables, list):
        raise ImportFailed(f"{path}: [[{journal.TABLE}]] must be a list of tables; nothing was imported")
    renamed = dict(report.renamed)
    added = {r.id for r in plan.records}
    for i, table in enumerate(tables):
        entry = journal.entry_from_table(table)
        if entry is None:
            raise ImportFailed(
                f"{path}: [[{journal.TABLE}]] {i + 1} is not a decision (record, action, by, at as "
                "2026-12-07T13:05:00Z, batch; before and absent naming record fields); nothing was imported"
            )
        rid = renamed.get(entry.record, entry.record)
        if rid in added:
            plan.decisions.append(dataclasses.replace(entry, record=rid, imported=path.name[:200]))
    report.decisions = len(plan.decisions)
