"""Import: merge an export file into a corpus.

The export names its records' meetings, sources (by sha256) and entities; what the corpus lacks is
added, what it has is used as it is:

* a meeting or entity the corpus has under the same id is the corpus's (a different one is reported);
* a source is the corpus's article with the same sha256, whatever its id; otherwise its text is looked
  for beside the export file (at its ``file`` path, by its name, or in ``--articles``) and copied in;
  a source whose text is not found is reported and its records are left out (import again once the
  article is there: nothing is done twice);
* a record whose claim the corpus has (actor, meeting, article, kind, stance, quote and offsets,
  person) changes nothing; a record whose id the corpus uses for another claim gets a new id, reported.

The new records go to one new file ``commitments/import-NAME.toml``. Every write is atomic and made
under the data folder's lock; the files already there are appended to, never rewritten otherwise.
"""

from __future__ import annotations

import dataclasses
import hashlib
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coalition_tui.store.corpus import Corpus
from coalition_tui.store.gazetteer import COUNTRIES_FILE, ORGANIZATIONS_FILE, PEOPLE_FILE
from coalition_tui.store.loader import MAX_ARTICLE_BYTES, RECORD_TABLE, load_corpus, record_from_table
from coalition_tui.store.locking import check_writable, data_lock
from coalition_tui.store.model import Commitment
from coalition_tui.store.paths import bundled_data_dir
from coalition_tui.store.serialize import record_table
from coalition_tui.store.toml_append import append_tables
from coalition_tui.store.tomlio import MAX_TOML_BYTES, dumps, read_regular, write_bytes_new


class ImportFailed(Exception):
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
    skipped: list[str] = field(default_factory=list)  # records that do not validate, with why

    def lines(self) -> list[str]:
        out = [f"{len(self.added)} record(s) added, {self.unchanged} already in the corpus"]
        if self.file:
            out[0] += f" (written to {self.file})"
        out += [f"record {old} is now {new}: the corpus has another record with that id" for old, new in self.renamed]
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
        out += [f"record skipped: {s}" for s in self.skipped]
        return out


def read_export(path: Path) -> dict[str, Any]:
    """The export file's tables. Raises :class:`ImportFailed` naming the file and what is wrong."""
    try:
        data = tomllib.loads(read_regular(path, MAX_TOML_BYTES).decode("utf-8"))
    except OSError as exc:
        raise ImportFailed(f"{path}: cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise ImportFailed(f"{path}: not UTF-8; is it an export file?") from None
    except (tomllib.TOMLDecodeError, RecursionError) as exc:
        raise ImportFailed(f"{path}: malformed TOML ({exc}); is it an export file?") from None
    for key, kind in (("summits", dict), ("sources", dict), ("entities", dict), (RECORD_TABLE, list)):
        if not isinstance(data.get(key, kind()), kind):
            raise ImportFailed(f"{path}: '{key}' has the wrong shape; this is not a coalition-tui export")
    if RECORD_TABLE not in data:
        raise ImportFailed(f"{path}: no [[{RECORD_TABLE}]] records; this is not a coalition-tui export")
    return data


def _claim(record: Commitment) -> tuple[object, ...]:
    return (record.country, record.summit, record.source, record.kind, record.stance, record.quote, record.start,
            record.end, record.person)  # fmt: skip


def _article(path: Path) -> bytes | None:
    try:
        return read_regular(path, MAX_ARTICLE_BYTES) if path.is_file() else None
    except OSError:
        return None


def _find_text(file: str, sha: str, places: Iterable[Path]) -> bytes | None:
    """The article whose sha256 is ``sha``, looked for at ``file``, by its name, or in ``articles/``."""
    name = Path(file).name
    for folder in places:
        for candidate in (folder / file, folder / name, folder / "articles" / name):
            raw = _article(candidate)
            if raw is not None and hashlib.sha256(raw).hexdigest() == sha:
                return raw
    return None


def _free(taken: set[str], wanted: str) -> str:
    if wanted not in taken:
        return wanted
    n = 2
    while f"{wanted}-{n}" in taken:
        n += 1
    return f"{wanted}-{n}"


def _gazetteer_entries(
    corpus: Corpus, entities: dict[str, Any], report: ImportReport
) -> dict[str, dict[str, dict[str, Any]]]:
    """The entities to add, by gazetteer file."""
    by_file: dict[str, dict[str, dict[str, Any]]] = {}
    for entity_id, table in entities.items():
        if not isinstance(table, dict):
            continue
        kind = table.get("kind")
        have = corpus.gazetteer.entity(entity_id)
        if have is not None:
            if table.get("name") not in (None, have.label, getattr(have, "name", None)):
                report.kept.append(f"entity {entity_id}")
            continue
        fields = {k: v for k, v in table.items() if k not in {"kind", "alpha3"}}
        target = {"country": COUNTRIES_FILE, "person": PEOPLE_FILE, "org": ORGANIZATIONS_FILE}.get(str(kind))
        if target is None:
            continue
        by_file.setdefault(target, {})[entity_id] = fields
    return by_file


def import_file(root: Path, path: Path, articles: Iterable[Path] = (), corpus: Corpus | None = None) -> ImportReport:
    """Merge the export at ``path`` into the corpus at ``root``. Raises :class:`ImportFailed`,
    ``ReadOnlyCorpus`` for the bundled corpus, ``OSError`` for a write that failed."""
    data = read_export(path)
    check_writable(root)
    report = ImportReport()
    places = [path.parent, *articles]
    bundled = bundled_data_dir()
    with data_lock(root):
        corpus = corpus if corpus is not None else load_corpus(root)
        # people, countries and organizations first: meetings name their hosts, records their actors
        for name, tables in _gazetteer_entries(corpus, data.get("entities", {}), report).items():
            append_tables(root, root / "gazetteer" / name, tables, seed=bundled / "gazetteer" / name)
            report.entities_added += list(tables)
        meetings: dict[str, dict[str, Any]] = {}
        for summit_id, table in data.get("summits", {}).items():
            have = corpus.summits.get(summit_id)
            if have is None and isinstance(table, dict):
                meetings[summit_id] = table
            elif have is not None and isinstance(table, dict) and str(table.get("date")) != have.date.isoformat():
                report.kept.append(f"meeting {summit_id}")
        if meetings:
            append_tables(root, root / "summits.toml", meetings, seed=bundled / "summits.toml")
            report.meetings_added += list(meetings)
        source_ids = _sources(root, corpus, data.get("sources", {}), places, report)
        if report.entities_added or report.meetings_added or report.sources_added:
            corpus = load_corpus(root)  # with what was just added: records are validated against it
        _records(root, corpus, path, data[RECORD_TABLE], source_ids, report)
    return report


def _sources(
    root: Path, corpus: Corpus, sources: dict[str, Any], places: list[Path], report: ImportReport
) -> dict[str, str]:
    """Register the export's sources the corpus lacks; the corpus's id for each export source id."""
    by_sha = {s.sha256: s.id for s in corpus.sources.values()}
    ids: dict[str, str] = {}
    entries: dict[str, dict[str, Any]] = {}
    taken = set(corpus.sources)
    for source_id, table in sources.items():
        if not isinstance(table, dict) or not isinstance(table.get("sha256"), str):
            continue
        sha = table["sha256"]
        if sha in by_sha:
            ids[source_id] = by_sha[sha]
            report.sources_reused.append((source_id, by_sha[sha]))
            continue
        file = str(table.get("file", f"{source_id}.txt"))
        raw = _find_text(file, sha, places)
        if raw is None:
            report.missing_text.append((source_id, file, sha))
            continue
        new_id = _free(taken, source_id)
        taken.add(new_id)
        target = root / "articles" / f"{new_id}.txt"
        target.parent.mkdir(parents=True, exist_ok=True)
        if _article(target) != raw:
            if target.exists():
                target = root / "articles" / f"{new_id}-{sha[:8]}.txt"
            write_bytes_new(target, raw)
        entries[new_id] = {**table, "file": target.relative_to(root).as_posix()}
        by_sha[sha] = ids[source_id] = new_id
        if new_id != source_id:
            report.kept.append(f"source id {source_id} (another article has it; this one is {new_id})")
    if entries:
        append_tables(root, root / "sources.toml", entries, strict=False)
        report.sources_added += list(entries)
    return ids


def _records(
    root: Path,
    corpus: Corpus,
    path: Path,
    tables: list[Any],
    source_ids: dict[str, str],
    report: ImportReport,
) -> None:
    claims = {_claim(r) for r in (*corpus.records, *corpus.rejected)}
    taken = set(corpus.homes)  # every record loaded from a file, rejected ones included
    missing = {s for s, _, _ in report.missing_text}
    new: list[Commitment] = []
    shown = str(path)
    for i, table in enumerate(tables):
        if not isinstance(table, dict):
            report.skipped.append(f"entry {i + 1} is not a table")
            continue
        if table.get("source") in missing:
            continue
        table = {**table, "source": source_ids.get(str(table.get("source")), table.get("source"))}
        record, problems = record_from_table(corpus, table, {}, shown, None)
        if record is None:
            report.skipped.append(str(problems[0]) if problems else f"entry {i + 1}")
            continue
        if _claim(record) in claims:
            report.unchanged += 1
            continue
        if record.id in taken:
            fresh = _free(taken, f"{record.id}-imported")
            report.renamed.append((record.id, fresh))
            record = dataclasses.replace(record, id=fresh)
        taken.add(record.id)
        claims.add(_claim(record))
        new.append(record)
    if not new:
        return
    folder = root / "commitments"
    folder.mkdir(parents=True, exist_ok=True)
    stem = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in path.stem)[:60] or "export"
    names = {p.name for p in folder.glob("*.toml")}
    name = _free({n.removesuffix(".toml") for n in names}, f"import-{stem}")
    header = f"# Imported by coalition-tui import ({len(new)} records).\n"
    payload = header + "\n" + dumps({RECORD_TABLE: [record_table(r) for r in new]})
    write_bytes_new(folder / f"{name}.toml", payload.encode("utf-8"))
    report.file = folder / f"{name}.toml"
    report.added = [r.id for r in new]
