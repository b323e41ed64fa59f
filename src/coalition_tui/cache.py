"""Opening a corpus fast the second time: the loaded corpus is kept, keyed by the content of its files.

The key is a sha256 over every input file by content: first the TOML files (gazetteer, summits,
sources, records); when those match, sources.toml is unchanged, so the articles the cached corpus
was built from are the ones to hash next (no TOML is parsed to find them). So an edit anywhere (a review decision, a new article) means a fresh load, and an
unchanged corpus is unpickled instead of parsed and validated. The cache lives in
``$COALITION_TUI_CACHE`` (default ``~/.cache/coalition-tui``), one file per data folder, written
atomically; an unreadable or stale cache file is ignored and replaced.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import pickle
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from coalition_tui.bulk import BulkResult, Progress, _noop, prepare
from coalition_tui.corpus import Corpus, Sharing
from coalition_tui.loader import load_corpus
from coalition_tui.paths import own_or_bundled
from coalition_tui.problems import Problem, Severity
from coalition_tui.tomlio import write_atomic

CACHE_ENV = "COALITION_TUI_CACHE"
FORMAT = 4  # bump when Corpus or the models change shape
CHUNK = 2000  # records per pickle in the cache file (each pickle holds the GIL while it runs)


def cache_dir() -> Path:
    env = os.environ.get(CACHE_ENV)
    if env:
        return Path(env)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "coalition-tui"


def _data_files(root: Path) -> list[Path]:
    """The TOML files the corpus is built from (articles are listed by sources.toml)."""
    files = [own_or_bundled(root, "summits.toml"), root / "sources.toml"]
    gazetteer = own_or_bundled(root, "gazetteer")
    files += sorted(gazetteer.glob("*.toml")) if gazetteer.is_dir() else []
    commitments = root / "commitments"
    files += sorted(commitments.glob("*.toml")) if commitments.is_dir() else []
    return files


def content_key(files: list[Path], known: dict[Path, bytes] | None = None) -> str:
    """sha256 over the names and contents of ``files``; ``known`` holds digests just computed elsewhere."""
    digest = hashlib.sha256(f"format {FORMAT}\n".encode())
    for path in files:
        digest.update(str(path).encode("utf-8", "surrogateescape") + b"\0")
        if known and path in known:
            digest.update(known[path])
            continue
        try:
            digest.update(hashlib.sha256(path.read_bytes()).digest())
        except OSError as exc:
            digest.update(f"unreadable {exc.errno}".encode())
    return digest.hexdigest()


def articles_key(articles: list[Path], known: dict[Path, bytes] | None = None) -> str:
    """The articles' content, and the names of the ``.txt`` files beside them: an article dropped
    next to registered ones means a fresh load, which warns that it is not registered."""
    listing = hashlib.sha256()
    for folder in sorted({path.parent for path in articles}):
        try:
            names = sorted(p.name for p in folder.glob("*.txt"))
        except OSError:
            names = []
        listing.update("\0".join([str(folder), *names]).encode("utf-8", "surrogateescape") + b"\1")
    return content_key(articles, known) + listing.hexdigest()


def _cache_file(root: Path) -> Path:
    return cache_dir() / (hashlib.sha256(str(root).encode("utf-8", "surrogateescape")).hexdigest()[:20] + ".pickle")


@contextlib.contextmanager
def _no_collections() -> Iterator[None]:
    """No garbage collection while a corpus is built: it allocates millions of objects and creates no
    cycles worth collecting, and each full collection rescans them all (300 ms pauses at 10,000
    articles, felt by the app's screen as a frozen UI). The previous setting is restored after."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def open_corpus(data_dir: Path, progress: Progress = _noop, use_cache: bool = True) -> Corpus:
    """Load ``data_dir`` as the app and the CLI do: a folder of bare articles is ingested first (see
    :func:`coalition_tui.bulk.prepare`), and an unchanged corpus comes from the cache."""
    with _no_collections():
        return _open(data_dir, progress, use_cache)


def _open(data_dir: Path, progress: Progress, use_cache: bool) -> Corpus:
    root = data_dir.resolve()
    prepared = prepare(root, progress)
    if prepared is not None:
        result, corpus = prepared
        _note(corpus, result)
        if use_cache:
            _write(root, content_key(_data_files(root), result.digests), corpus, result.digests)
        return corpus
    if not use_cache:
        return load_corpus(root, progress)
    progress("checking the cache", 0, 1)
    key = content_key(_data_files(root))
    cached = _read(root, key)
    if cached is not None:
        return cached
    corpus = load_corpus(root, progress)
    _write(root, key, corpus)
    return corpus


def _note(corpus: Corpus, prepared: BulkResult) -> None:
    """What preparing a folder of bare articles could not ingest, as warnings in the Problems view."""
    for line in prepared.problems:
        file, _, message = line.partition(": ")
        corpus.problems.append(Problem(file, message or line, severity=Severity.WARNING))


def _read(root: Path, key: str) -> Corpus | None:
    """The cached corpus if its TOML key and then its articles' key still match."""
    try:
        with _cache_file(root).open("rb") as handle:
            stored_key, articles, stored_articles = pickle.load(handle)
            if stored_key != key or articles_key(articles) != stored_articles:
                return None
            corpus = pickle.load(handle)
            if not isinstance(corpus, Corpus):
                return None
            share = Sharing()
            while (rows := pickle.load(handle)) is not None:
                for row in rows:
                    corpus.add(share.record(row))
    except Exception:  # a missing, truncated or outdated cache is rebuilt
        return None
    return corpus


def _write(root: Path, key: str, corpus: Corpus, known: dict[Path, bytes] | None = None) -> None:
    """A small header (keys and article list), then the corpus, streamed into one file written atomically."""
    articles = corpus.article_paths  # those that failed to load too: creating one invalidates the cache
    header = (key, articles, articles_key(articles, known))

    def fill(handle: BinaryIO) -> None:
        pickle.dump(header, handle, protocol=pickle.HIGHEST_PROTOCOL)
        pickle.dump(corpus.shell(), handle, protocol=pickle.HIGHEST_PROTOCOL)
        for start in range(0, len(corpus.records), CHUNK):  # in chunks: never all rows in memory at once
            rows = [r.values() for r in corpus.records[start : start + CHUNK]]
            pickle.dump(rows, handle, protocol=pickle.HIGHEST_PROTOCOL)
        pickle.dump(None, handle)

    with contextlib.suppress(OSError):  # no cache this time (read-only home, full disk): the corpus is fine
        write_atomic(_cache_file(root), fill)
