"""Loading: one call builds the corpus from a data folder, reporting every problem it meets.

Layout of a data folder::

    gazetteer/countries.toml  people.toml  organizations.toml
    summits.toml              sources.toml
    commitments/*.toml        (one or more files of [[commitment]] records)

A bad entry is reported (file, line, record, field, what to do) and skipped; the rest loads.
"""

from __future__ import annotations

import errno
import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coalition_tui.store.corpus import Corpus
from coalition_tui.store.gazetteer import load_gazetteer
from coalition_tui.store.model import Commitment, Origin, Source, Summit
from coalition_tui.store.paths import RealPaths, bundled_data_dir, own_or_bundled
from coalition_tui.store.problems import Problem, Severity, display_path
from coalition_tui.store.records import RECORD_TABLE, record_from_table
from coalition_tui.store.resolve import Resolver
from coalition_tui.store.sharing import Sharing
from coalition_tui.store.signatures import Signatures
from coalition_tui.store.tomlio import (
    MAX_TOML_BYTES,
    array_table_lines,
    build,
    read_regular,
    read_tables,
    read_toml,
    table_lines,
)

MAX_ARTICLE_BYTES = 5 * 1024 * 1024
_FILE_DEFAULTS = ("source", "summit", "origin")

Progress = Callable[[str, int, int], None]


def _noop(_stage: str, _done: int, _total: int) -> None:
    return None


def needs_prepare(data_dir: Path) -> bool:
    """A folder of bare articles: ``.txt`` files, no ``sources.toml`` and no records files yet. A folder
    with records files but no ``sources.toml`` lost it: that is a problem to report, never a reason
    to extract again over the records (and the review decisions in them)."""
    return (
        data_dir.is_dir()
        and not (data_dir / "sources.toml").exists()
        and all(is_leftover(path) for path in record_files(data_dir))
        and next(data_dir.rglob("*.txt"), None) is not None
    )


def is_leftover(path: Path) -> bool:
    """A candidates file that a first open of a folder of articles wrote but never registered (it was
    killed before writing ``sources.toml``): written by coalition-tui, no decision in it. Such files
    are made again; any other records file means the folder's ``sources.toml`` was lost."""
    try:
        text = read_regular(path, MAX_TOML_BYTES)
    except OSError:
        return False
    head = text[:200]
    first = head.split(b"\n", 1)[0]
    return (
        first.startswith(b"# Candidates extracted ")
        and b"by coalition-tui" in first
        and b'origin = "curated"' not in text
        and b"rejected" not in text
    )


def _tables(
    path: Path, base: Path, problems: list[Problem], digests: dict[Path, bytes] | None = None
) -> tuple[dict[str, Any], str, str]:
    shown = display_path(path, base)
    tables, text, found = read_tables(path, shown, digests)
    problems += found
    return tables, text, shown


_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def read_article(path: Path, shown: str) -> tuple[str | None, bytes, Problem | None]:
    """Read an article as UTF-8 text; on failure a problem saying why and what to do. Only a regular
    file is read, and never more than :data:`MAX_ARTICLE_BYTES` (see :func:`read_regular`)."""
    try:
        raw = read_regular(path, MAX_ARTICLE_BYTES)
    except IsADirectoryError:
        return None, b"", Problem(shown, "is a folder, not an article file")
    except OSError as exc:
        if exc.errno == errno.EFBIG:
            return None, b"", Problem(shown, f"{exc.strerror}; split the article or trim it")
        return None, b"", Problem(shown, f"cannot read: {exc.strerror or exc}")
    text, problem = decode_article(raw, shown)
    return text, raw, problem


def decode_article(raw: bytes, shown: str) -> tuple[str | None, Problem | None]:
    """An article's bytes as text, or a problem saying why they are not an article (UTF-16, binary,
    not UTF-8)."""
    if raw.startswith(_UTF16_BOMS):
        return None, Problem(shown, "is UTF-16 text; save it as UTF-8")
    if raw.count(b"\x00") > len(raw) // 100:  # a stray NUL from a bad scrape is kept (shown as ␀); many = binary
        return None, Problem(shown, "contains NUL bytes: a binary file, not an article")
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        return None, Problem(shown, f"not UTF-8 ({exc.reason} at byte {exc.start}); save it as UTF-8")


def _load_summits(corpus: Corpus, base: Path) -> None:
    tables, text, shown = _tables(own_or_bundled(corpus.root, "summits.toml"), base, corpus.problems)
    line_of = table_lines(text)
    for key, table in tables.items():
        line = line_of(key)
        summit, found = build(Summit, {"id": key, **table}, shown, line, key)
        corpus.problems.extend(found)
        if summit is None:
            continue
        for host in summit.hosts:
            if host not in corpus.gazetteer.people:
                corpus.problems.append(
                    Problem(
                        shown,
                        f"unknown person {host!r} in hosts",
                        line=line,
                        record=key,
                        field="hosts",
                        severity=Severity.WARNING,
                    )
                )
        corpus.summits[key] = summit


def _inside(path: Path, root: Path) -> bool:
    return path == root or path.is_relative_to(root)


@dataclass
class Previous:
    """What an earlier open read (the cache's corpus without its records), and the signatures that tell
    which files have not changed since: an article whose entry and file are unchanged is not read again."""

    corpus: Corpus
    signed: Signatures
    known: dict[Path, bytes] = field(default_factory=dict)  # digests this open has taken already


def _unchanged_text(previous: Previous | None, source: Source, path: Path) -> str | None:
    """The text ``previous`` read for ``source``, if its entry is the same and the file's content is
    still the registered one (known from its signature, without reading it); else None."""
    if previous is None or previous.corpus.sources.get(source.id) != source:
        return None
    text = previous.corpus.texts.get(source.id)
    if text is None:
        return None
    current = previous.known.get(path)
    if current is None:
        try:
            current = previous.signed.digest(path)
        except OSError:
            return None
    return text if current.hex() == source.sha256 else None


def _load_sources(corpus: Corpus, base: Path, previous: Previous | None = None) -> None:
    if not (corpus.root / "sources.toml").exists() and record_files(corpus.root):
        corpus.problems.append(
            Problem(
                display_path(corpus.root / "sources.toml", base),
                "is missing but commitments/ holds records: restore it from a backup or version control "
                "(nothing was extracted again; the records and review decisions are untouched)",
            )
        )
        return
    tables, text, shown = _tables(corpus.root / "sources.toml", base, corpus.problems, corpus.digests)
    folders: set[Path] = set()
    registered: set[Path] = set()
    real = RealPaths()
    line_of = table_lines(text)
    for key, table in tables.items():
        line = line_of(key)
        source, found = build(Source, {"id": key, **table}, shown, line, key)
        corpus.problems.extend(found)
        if source is None:
            continue
        if source.summit and source.summit not in corpus.summits:
            corpus.problems.append(
                Problem(
                    shown,
                    f"unknown summit {source.summit!r}; use an id from summits.toml",
                    line=line,
                    record=key,
                    field="summit",
                )
            )
            continue
        path = real(corpus.root / source.file)
        if Path(source.file).is_absolute() or not _inside(path, corpus.root):
            corpus.problems.append(
                Problem(
                    shown,
                    f"file {source.file!r} is outside the data folder (an absolute path, '..' or a symbolic "
                    "link out of it); keep articles inside the folder",
                    line=line,
                    record=key,
                    field="file",
                )
            )
            continue
        corpus.article_paths.append(path)
        registered.add(path)  # registered even when it cannot be read: one problem, not two
        kept = _unchanged_text(previous, source, path)
        if kept is not None:  # read by the open that made the cache, and not changed since
            corpus.digests[path] = bytes.fromhex(source.sha256)
            corpus.sources[key] = source
            corpus.texts[key] = kept
            folders.add(path.parent)
            continue
        article, raw, problem = read_article(path, display_path(path, base))
        if problem:
            corpus.problems.append(
                Problem(shown, f"article {problem.file} {problem.message}", line=line, record=key, field="file")
            )
            continue
        raw_digest = hashlib.sha256(raw).digest()
        corpus.digests[path] = raw_digest
        digest = raw_digest.hex()
        if digest != source.sha256:
            corpus.problems.append(
                Problem(
                    shown,
                    f"sha256 of {source.file} is {digest}: the article changed since it was registered; "
                    "check its records' quotes, then update sha256",
                    line=line,
                    record=key,
                    field="sha256",
                    severity=Severity.WARNING,
                )
            )
        corpus.sources[key] = source
        corpus.texts[key] = article or ""
        folders.add(path.parent)
    for folder in sorted(folders):
        for stray in sorted(folder.glob("*.txt")):
            if real(stray) not in registered:
                corpus.problems.append(
                    Problem(
                        display_path(stray, base),
                        "article is not registered in sources.toml; run 'coalition-tui ingest' on it",
                        severity=Severity.WARNING,
                    )
                )


@dataclass
class FileRecords:
    """One records file read and validated against the corpus; ids not yet checked across files."""

    problems: list[Problem] = field(default_factory=list)
    rows: list[tuple[int, int | None, Commitment]] = field(default_factory=list)  # (table index, line, record)
    sources: frozenset[str] = frozenset()  # every source id the file names: what its validation read
    digest: bytes = b""  # sha256 of the bytes parsed


def record_files(root: Path) -> list[Path]:
    """The records files of a data folder, in the order they are read."""
    folder = root / "commitments"
    return sorted(folder.glob("*.toml"), key=lambda p: p.name) if folder.is_dir() else []  # names: one folder


def read_records_file(corpus: Corpus, path: Path) -> FileRecords:
    """Parse one ``commitments/*.toml`` file and validate each table against ``corpus``."""
    out = FileRecords()
    shown = display_path(path, corpus.root.parent)
    digests: dict[Path, bytes] = {}
    data, text, out.problems = read_toml(path, shown, digests)
    out.digest = digests.get(path, b"")
    if data is None:
        return out
    defaults = {k: data[k] for k in _FILE_DEFAULTS if k in data}
    for key, value in list(defaults.items()):
        if not isinstance(value, str):
            out.problems.append(Problem(shown, f"'{key}' must be a string, not {type(value).__name__}", field=key))
            return out
    defaults.setdefault("origin", Origin.CURATED.value)
    tables = data.get(RECORD_TABLE, [])
    if not isinstance(tables, list):
        out.problems.append(Problem(shown, f"'{RECORD_TABLE}' must be an array of tables [[{RECORD_TABLE}]]"))
        return out
    named = [defaults.get("source"), *(t.get("source") for t in tables if isinstance(t, dict))]
    out.sources = frozenset(n for n in named if isinstance(n, str))
    lines = array_table_lines(text, RECORD_TABLE)
    for i, table in enumerate(tables):
        line = lines[i] if i < len(lines) else None
        record, found = record_from_table(corpus, table, defaults, shown, line)
        out.problems.extend(found)
        if record is not None:
            out.rows.append((i, line, record))  # load_records shares equal values across files
    return out


def assemble_records(corpus: Corpus, files: Iterable[tuple[Path, FileRecords]]) -> None:
    """Add every file's records to ``corpus`` in file order: a duplicate id is a problem, the first
    definition wins; rejected records go to ``corpus.rejected``. (One loop over every record of a
    big corpus: the indexes are appended to here directly, as ``Corpus.add`` would.)"""
    homes, problems, rejected = corpus.homes, corpus.problems, corpus.rejected
    records, by_country, by_summit = corpus.records, corpus.by_country, corpus.by_summit
    by_source, by_person = corpus.by_source, corpus.by_person
    read = dict(files)
    for path, found in read.items():
        problems.extend(found.problems)
        for index, line, record in found.rows:
            rid = record.id
            if rid in homes:
                problems.append(_duplicate(corpus, read, rid, path, line))
                continue
            homes[rid] = (path, index)
            if record.rejected:
                rejected.append(record)
                continue
            records.append(record)
            by_country[record.country].append(record)
            by_summit[record.summit].append(record)
            by_source[record.source].append(record)
            if record.person:
                by_person[record.person].append(record)


def _duplicate(corpus: Corpus, read: dict[Path, FileRecords], rid: str, path: Path, line: int | None) -> Problem:
    """The problem of a record id defined a second time, naming where it was first defined."""
    base = corpus.root.parent
    first, index = corpus.homes[rid]
    first_line = next((ln for i, ln, r in read[first].rows if i == index and r.id == rid), None)
    where = display_path(first, base) + (f":{first_line}" if first_line else "")
    return Problem(
        display_path(path, base),
        f"duplicate id, first defined in {where}; give each record a unique id",
        line=line,
        record=rid,
        field="id",
    )


def load_records(
    corpus: Corpus, progress: Progress = _noop, known: dict[Path, FileRecords] | None = None
) -> dict[Path, FileRecords]:
    """Read every records file (or take it from ``known``: files unchanged since they were read into
    the same corpus) and add the records to ``corpus``. Many files are parsed in worker processes
    (TOML parsing is most of a cold load). Returns what each file held."""
    from coalition_tui.store.parallel import pool_map

    global _READER
    files = record_files(corpus.root)
    todo = [path for path in files if not (known and path in known)]
    _READER = corpus  # a forked worker (or this process) reads with it; a spawned one loads its own
    share = Sharing()
    fresh: dict[Path, FileRecords] = {}
    rows = pool_map(_read_rows, todo, _reader_init, (str(corpus.root),), chunksize=50)
    for n, (path, (problems, values, sources, digest)) in enumerate(zip(todo, rows, strict=True), 1):
        if n % 50 == 0 or n == len(todo):
            progress("records", n, len(todo))
        fresh[path] = FileRecords(problems, [(i, line, share.record(v)) for i, line, v in values], sources, digest)
        corpus.digests[path] = digest
    _READER = None
    read = {path: known[path] if known and path in known else fresh[path] for path in files}
    assemble_records(corpus, read.items())
    return read


_READER: Corpus | None = None
Rows = tuple[list[Problem], list[tuple[int, int | None, tuple[object, ...]]], frozenset[str], bytes]


def _reader_init(root: str) -> None:
    global _READER
    _READER = load_articles(Path(root))


def _read_rows(path: Path) -> Rows:
    """One records file read, its records as rows (cheap to send between processes)."""
    assert _READER is not None
    found = read_records_file(_READER, path)
    return found.problems, [(i, line, r.values()) for i, line, r in found.rows], found.sources, found.digest


def load_articles(data_dir: Path, progress: Progress = _noop, previous: Previous | None = None) -> Corpus:
    """The gazetteer, meetings and registered articles of ``data_dir``: everything but the records.
    ``previous``: what an earlier open read; unchanged articles are taken from it, not read again."""
    corpus = load_base(data_dir, progress)
    if not corpus.root.is_dir():
        corpus.problems.append(Problem(str(data_dir), "data folder not found; pass --data DIR"))
        return corpus
    progress("sources", 0, 1)
    _load_sources(corpus, corpus.root.parent, previous)
    return corpus


def load_base(data_dir: Path, progress: Progress = _noop) -> Corpus:
    """The gazetteer and the meetings of ``data_dir`` (or the bundled ones): a corpus with no articles yet."""
    root = data_dir.resolve()
    progress("gazetteer", 0, 1)
    gazetteer, problems = load_gazetteer(root / "gazetteer", root.parent, fallback=bundled_data_dir() / "gazetteer")
    corpus = Corpus(root=root, gazetteer=gazetteer, resolver=Resolver(gazetteer), problems=problems)
    if root.is_dir():
        progress("summits", 0, 1)
        _load_summits(corpus, root.parent)
    return corpus


def load_corpus(data_dir: Path, progress: Progress = _noop) -> Corpus:
    """Build the corpus from ``data_dir``. Never raises for bad data: see ``corpus.problems``."""
    corpus = load_articles(data_dir, progress)
    if corpus.root.is_dir():
        load_records(corpus, progress)
    return corpus
