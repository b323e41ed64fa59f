"""Opening a corpus fast the second time: what was loaded is kept, keyed by the content of its files.

The cache holds each records file's validated records, keyed by the file's sha256 and a digest of
what validating it read (the sources it names: their entries and article texts); and the corpus
without its records (gazetteer, meetings, articles), keyed by sources.toml and every article (and
the names of the ``.txt`` files beside them). At the next open only what changed is read again: a
review decision rewrites one records file, so one file is parsed; a new article changes
sources.toml, which is parsed again, but only the new article is read (an entry and file unchanged
since the cache was written take their text from it) and only its own records file is parsed; a
changed article re-validates the files that name it. A change to the gazetteer or meetings validates
everything again. The result is always the corpus a fresh load would give (tests compare them).
Records are pickled as calls of :func:`trusted_commitment`, so unpickling builds them in C.
The cache lives in ``$COALITION_TUI_CACHE`` (default ``~/.cache/coalition-tui``), one file per data
folder, written atomically; an unreadable or stale cache file is ignored and replaced.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import pickle
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, NamedTuple

from coalition_tui.store.cache_file import CACHE_ENV as CACHE_ENV  # the environment variable, for users of this module
from coalition_tui.store.cache_file import SafeUnpickler, cache_dir, private_dir
from coalition_tui.store.corpus import Corpus
from coalition_tui.store.gazetteer import FILES as GAZETTEER_FILES
from coalition_tui.store.gazetteer import gazetteer_file
from coalition_tui.store.loader import (
    FileRecords,
    Previous,
    Progress,
    _noop,
    load_articles,
    load_corpus,
    load_records,
    record_files,
)
from coalition_tui.store.locking import remove_stale_temps
from coalition_tui.store.model import Commitment, Source, trusted_commitment
from coalition_tui.store.paths import bundled_data_dir, own_or_bundled
from coalition_tui.store.problems import Problem, Severity
from coalition_tui.store.signatures import Signatures
from coalition_tui.store.tomlio import MAX_TOML_BYTES, read_regular, write_atomic

FORMAT = 10  # bump when what the cache holds changes meaning (a change of the models' shape is in SCHEMA)


def _schema() -> str:
    """The shape of everything the cache pickles (each model's fields and their types, the corpus's
    fields), hashed into every key: a model changed without a FORMAT bump still invalidates the cache."""
    from coalition_tui.store.model import Country, Mention, Organization, Person, Role, Summit

    parts = []
    for cls in (Commitment, Source, Summit, Country, Person, Organization, Role, Mention, Corpus):
        fields = getattr(cls, "model_fields", None) or getattr(cls, "__dataclass_fields__", {})
        shown = (f"{name}:{getattr(f, 'annotation', None) or getattr(f, 'type', '')}" for name, f in fields.items())
        parts.append(cls.__name__ + "(" + ",".join(shown) + ")")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


SCHEMA = _schema()
MAX_CACHE_BYTES = 4 * 1024 * 1024 * 1024  # a cache file larger than this is not read (it is rebuilt)
CHUNK = 2000  # records per pickle in the cache file (each pickle holds the GIL while it runs)


MAGIC = b"coaltui\x01"  # the cache file: MAGIC, the pickles, then the sha256 of everything before it
_DIGEST = 32


def _gazetteer_files(root: Path) -> list[Path]:
    fallback = bundled_data_dir() / "gazetteer"
    return [gazetteer_file(root / "gazetteer", name, fallback) for name in GAZETTEER_FILES]


def digests(
    files: list[Path], known: dict[Path, bytes] | None = None, signed: Signatures | None = None
) -> dict[Path, bytes]:
    """sha256 of each file's content. ``known``: the digests this open has already (from the workers
    that wrote the files, or computed earlier); what is computed here is added to it. ``signed``: the
    digests of files unchanged since they were last hashed (not read again)."""
    out = {}
    for path in files:
        if known is not None and path in known:
            out[path] = known[path]
            continue
        try:
            if signed is not None:
                out[path] = signed.digest(path)
            else:
                out[path] = hashlib.sha256(read_regular(path, MAX_TOML_BYTES)).digest()
        except OSError as exc:
            out[path] = f"unreadable {exc.errno}".encode()
        if known is not None:
            known[path] = out[path]
    return out


def content_key(files: list[Path], known: dict[Path, bytes] | None = None, signed: Signatures | None = None) -> str:
    """sha256 over the names and contents of ``files``."""
    digest = hashlib.sha256(f"format {FORMAT} {SCHEMA}\n".encode())
    for path, value in digests(files, known, signed).items():
        digest.update(str(path).encode("utf-8", "surrogateescape") + b"\0" + value)
    return digest.hexdigest()


def articles_key(articles: list[Path], known: dict[Path, bytes] | None = None, signed: Signatures | None = None) -> str:
    """The articles' content, and the names of the ``.txt`` files beside them: an article dropped
    next to registered ones means a fresh load, which warns that it is not registered."""
    listing = hashlib.sha256()
    for folder in sorted({path.parent for path in articles}):
        try:
            names = sorted(p.name for p in folder.glob("*.txt"))
        except OSError:
            names = []
        listing.update("\0".join([str(folder), *names]).encode("utf-8", "surrogateescape") + b"\1")
    return content_key(articles, known, signed) + listing.hexdigest()


def _cache_file(root: Path) -> Path | None:
    folder = private_dir()
    if folder is None:
        return None
    return folder / (hashlib.sha256(str(root).encode("utf-8", "surrogateescape")).hexdigest()[:20] + ".cache")


@dataclass
class Prepared:
    """A folder of bare articles just ingested (by ``actions.opening.prepare``): its corpus, what could not
    be ingested and the digests of the files written."""

    corpus: Corpus
    problems: list[str]
    digests: dict[Path, bytes]


def open_cached(
    root: Path, progress: Progress = _noop, use_cache: bool = True, prepared: Prepared | None = None
) -> Corpus:
    """Load ``root`` from the cache when nothing changed (else afresh, and cache it); ``prepared``: the
    corpus a first open of a folder of bare articles just built, cached as it is."""
    # what a writer killed mid-write left (temp files are never half a data file, but they pile up)
    remove_stale_temps([root, root / "commitments", root / "articles", cache_dir()])
    if prepared is not None:
        corpus = prepared.corpus
        _note(corpus, prepared.problems)
        if use_cache:
            progress("saving the cache", 0, 1)
            files = record_files(root)
            written = dict(prepared.digests)
            state = _state(root, files, written)
            _write(root, state, corpus, list(corpus.problems), _files_of(corpus, files), written)
            progress("signing the files", 0, 1)
            _sign(root, files, corpus.article_paths)
        return corpus
    if not use_cache:
        return load_corpus(root, progress)
    progress("checking the cache", 0, 1)
    files = record_files(root)
    digests: dict[Path, bytes] = {}  # each file is read and hashed once in this open
    signed = Signatures.load(root)  # files unchanged since they were hashed are not read again
    state = _state(root, files, digests, signed)
    cached = _read(root, state, digests, signed)
    shell, fresh, entries = cached if cached is not None else (None, False, {})
    if fresh:
        assert shell is not None
        corpus = shell
    else:  # sources.toml or an article changed: the unchanged articles are taken from the cache's corpus
        corpus = load_articles(root, progress, Previous(shell, signed, digests) if shell is not None else None)
    signed.save()
    if not root.is_dir():
        return corpus
    known = _still_valid(corpus, shell, entries, fresh)
    shell_problems = list(corpus.problems)
    read = load_records(corpus, progress, known)
    if len(known) < len(read) or not fresh:  # something was read afresh: keep it for next time
        parsed = _parsed_state(root, state, corpus, read, digests, fresh_shell=not fresh)
        if parsed is not None:
            progress("saving the cache", 0, 1)
            _write(root, parsed, corpus, shell_problems, read, {**digests, **corpus.digests})
    return corpus


def _sign(root: Path, files: list[Path], articles: list[Path]) -> None:
    """Hash every file an open checks and keep its signature, so that the next open need not read
    them (:mod:`signatures`): the first open of a folder of new articles wrote most of them."""
    signed = Signatures.load(root)
    _state(root, files, {}, signed)
    articles_key(articles, {}, signed)
    signed.save()


def _still_valid(
    corpus: Corpus, previous: Corpus | None, entries: dict[Path, tuple[bytes, FileRecords]], fresh: bool
) -> dict[Path, FileRecords]:
    """The cached records files whose validation read nothing that changed: all of them when the
    articles did not change (``fresh``: ``corpus`` is the cache's); else those naming no source whose
    entry or text differs from the cache's corpus (``previous``); with no cache, none."""
    if fresh:
        return {path: found for path, (_deps, found) in entries.items()}
    if previous is not None:
        changed = {
            sid
            for sid in corpus.sources.keys() | previous.sources.keys()
            if corpus.sources.get(sid) != previous.sources.get(sid) or corpus.texts.get(sid) != previous.texts.get(sid)
        }
        return {path: found for path, (_deps, found) in entries.items() if not found.sources & changed}
    texts: dict[str, bytes] = {}
    return {path: found for path, (deps, found) in entries.items() if deps == _deps(corpus, found.sources, texts)}


def _parsed_state(
    root: Path,
    state: _State,
    corpus: Corpus,
    read: dict[Path, FileRecords],
    digests: dict[Path, bytes],
    fresh_shell: bool,
) -> _State | None:
    """The cache's key from what was parsed, not from what the files held before: each records file
    read afresh by the digest of the bytes it was parsed from, sources.toml likewise. None when the
    gazetteer or meetings changed during the open (their digests are taken again now)."""
    records = dict(state.records)
    for path, found in read.items():
        if found.digest:
            records[path] = found.digest
    sources = state.sources
    if fresh_shell:
        sources = corpus.digests.get(root / "sources.toml", sources)
    if _state(root, [], {}).schema != state.schema:
        return None
    return _State(state.schema, sources, records)


class _State(NamedTuple):
    """What the cache is checked against."""

    schema: str  # gazetteer and meetings: when they change, every record is validated again
    sources: bytes  # sources.toml
    records: dict[Path, bytes]  # each records file


def _state(
    root: Path, files: list[Path], known: dict[Path, bytes] | None = None, signed: Signatures | None = None
) -> _State:
    schema = content_key([own_or_bundled(root, "summits.toml"), *_gazetteer_files(root)], known, signed)
    sources = digests([root / "sources.toml"], known, signed)[root / "sources.toml"]
    return _State(schema, sources, digests(files, known, signed))


def _deps(corpus: Corpus, sources: frozenset[str], texts: dict[str, bytes]) -> bytes:
    """A digest of what validating a records file read: the sources it names (entry and article text)."""
    digest = hashlib.sha256()
    for sid in sorted(sources):
        source = corpus.sources.get(sid)
        if source is None:
            digest.update(f"{sid}\0absent\1".encode("utf-8", "surrogateescape"))
            continue
        if sid not in texts:
            texts[sid] = _text_digest(corpus.texts.get(sid, ""))
        digest.update(_source_part(source, texts[sid]))
    return digest.digest()


def _text_digest(text: str) -> bytes:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()


def _source_part(source: Source, text_digest: bytes) -> bytes:
    return f"{source.id}\0{source.model_dump_json()}\0".encode("utf-8", "surrogateescape") + text_digest


def _reduce_record(record: Commitment) -> tuple[Callable[..., Commitment], tuple[object, ...]]:
    return trusted_commitment, record.values()


def _dump(value: object, handle: BinaryIO) -> None:
    """Pickle ``value``, each record as its values and the function that builds it: unpickling calls
    it from C, with no per-record work in Python, and equal values within one pickle stay one object."""
    pickler = pickle.Pickler(handle, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = {Commitment: _reduce_record}
    pickler.dump(value)


def _files_of(corpus: Corpus, files: list[Path]) -> dict[Path, FileRecords]:
    """What each records file holds, from a corpus just built from them (no duplicates, no problems;
    bulk ingest names each file after its source)."""
    out = {path: FileRecords(sources=frozenset({path.stem})) for path in files}
    if not out:
        return out
    for record in (*corpus.records, *corpus.rejected):
        path, index = corpus.homes[record.id]
        if path in out:
            out[path].rows.append((index, None, record))
    for found in out.values():
        found.rows.sort(key=lambda row: row[0])
    return out


def _note(corpus: Corpus, problems: list[str]) -> None:
    """What preparing a folder of bare articles could not ingest, as warnings in the Problems view."""
    for line in problems:
        file, _, message = line.partition(": ")
        corpus.problems.append(Problem(file, message or line, severity=Severity.WARNING))


def _read(
    root: Path, state: _State, known: dict[Path, bytes], signed: Signatures | None = None
) -> tuple[Corpus, bool, dict[Path, tuple[bytes, FileRecords]]] | None:
    """From the cache: the corpus without its records, whether sources.toml and the articles are
    unchanged since (if not, it tells which articles need no reading again), and for each unchanged
    records file, the digest of what its validation read and its records. None when the gazetteer or
    meetings changed (or there is no usable cache)."""
    where = _cache_file(root)
    if where is None:
        return None
    try:
        blob = read_regular(where, MAX_CACHE_BYTES)
        if not blob.startswith(MAGIC) or hashlib.sha256(memoryview(blob)[:-_DIGEST]).digest() != blob[-_DIGEST:]:
            return None  # truncated, flipped bits, another format: rebuilt
        handle = io.BytesIO(blob)  # shares the bytes (a slice would copy them); the pickles end before the digest
        handle.seek(len(MAGIC))
        del blob

        def load() -> Any:
            return SafeUnpickler(handle).load()  # one unpickler per pickle: each has its own memo

        schema, sources, stored_articles, stored = load()
        if schema != state.schema:
            return None
        shell = load()  # first: its article list says which files the articles' key covers
        if not isinstance(shell, Corpus):
            return None
        fresh = sources == state.sources and articles_key(shell.article_paths, known, signed) == stored_articles
        entries: dict[Path, tuple[bytes, FileRecords]] = {}
        files = {str(path): path for path in state.records}
        while (chunk := load()) is not None:
            for name, deps, found, rows in chunk:
                path = files.get(name)
                if path is not None and state.records[path] == stored.get(name):
                    found.rows = rows
                    entries[path] = (deps, found)
    except Exception:  # a missing, truncated or outdated cache is rebuilt
        return None
    return shell, fresh, entries


def _write(
    root: Path,
    state: _State,
    corpus: Corpus,
    shell_problems: list[Problem],
    files: dict[Path, FileRecords],
    known: dict[Path, bytes],
) -> None:
    """A small header (keys, records files' digests), the corpus without its records, then each
    records file's validated records in chunks; one file, written atomically."""
    articles = corpus.article_paths  # those that failed to load too: creating one invalidates the cache
    stored = {str(path): digest for path, digest in state.records.items()}
    header = (state.schema, state.sources, articles_key(articles, known), stored)
    shell = corpus.shell()
    shell.rejected, shell.homes, shell.problems = [], {}, shell_problems
    texts: dict[str, bytes] = {}

    def fill(handle: BinaryIO) -> None:
        pickle.dump(header, handle, protocol=pickle.HIGHEST_PROTOCOL)
        pickle.dump(shell, handle, protocol=pickle.HIGHEST_PROTOCOL)
        chunk: list[object] = []
        size = 0
        for path, found in files.items():  # in chunks: never all rows in memory at once
            bare = FileRecords(found.problems, [], found.sources)
            chunk.append((str(path), _deps(corpus, found.sources, texts), bare, found.rows))
            size += len(found.rows) + 1
            if size >= CHUNK:
                _dump(chunk, handle)
                chunk, size = [], 0
        _dump(chunk, handle)
        pickle.dump(None, handle)

    def sealed(handle: BinaryIO) -> None:
        hashing = _Hashing(handle)
        hashing.write(MAGIC)
        fill(hashing)  # type: ignore[arg-type]
        handle.write(hashing.digest.digest())

    where = _cache_file(root)
    if where is None:
        return
    with contextlib.suppress(OSError):  # no cache this time (read-only home, full disk): the corpus is fine
        write_atomic(where, sealed)


class _Hashing:
    """A binary file that hashes what is written through it."""

    def __init__(self, handle: BinaryIO) -> None:
        self.handle = handle
        self.digest = hashlib.sha256()

    def write(self, data: bytes) -> int:
        self.digest.update(data)
        return self.handle.write(data)
