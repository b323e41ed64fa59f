"""Opening a corpus fast the second time: the loaded corpus is kept, keyed by the content of its files.

The key is a sha256 over every input file (gazetteer, summits, sources, records and every registered
article), by content, so an edit anywhere (a review decision, a new article) means a fresh load, and an
unchanged corpus is unpickled instead of parsed and validated. The cache lives in
``$COALITION_TUI_CACHE`` (default ``~/.cache/coalition-tui``), one file per data folder, written
atomically; an unreadable or stale cache file is ignored and replaced.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tomllib
from pathlib import Path

from coalition_tui.bulk import Progress, _noop, prepare
from coalition_tui.corpus import Corpus
from coalition_tui.loader import load_corpus
from coalition_tui.paths import own_or_bundled
from coalition_tui.problems import Problem, Severity
from coalition_tui.tomlio import write_bytes_atomic

CACHE_ENV = "COALITION_TUI_CACHE"
FORMAT = 1  # bump when Corpus or the models change shape


def cache_dir() -> Path:
    env = os.environ.get(CACHE_ENV)
    if env:
        return Path(env)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "coalition-tui"


def _files(root: Path) -> list[Path]:
    files = [own_or_bundled(root, "summits.toml"), root / "sources.toml"]
    gazetteer = own_or_bundled(root, "gazetteer")
    files += sorted(gazetteer.glob("*.toml")) if gazetteer.is_dir() else []
    commitments = root / "commitments"
    files += sorted(commitments.glob("*.toml")) if commitments.is_dir() else []
    try:
        sources = tomllib.loads((root / "sources.toml").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        sources = {}
    for table in sources.values():
        if isinstance(table, dict) and isinstance(table.get("file"), str):
            files.append(root / table["file"])
    return files


def content_key(root: Path) -> str:
    """sha256 over the names and contents of every file the corpus is built from."""
    digest = hashlib.sha256(f"format {FORMAT}\n".encode())
    for path in _files(root):
        digest.update(str(path).encode("utf-8", "surrogateescape") + b"\0")
        try:
            digest.update(hashlib.sha256(path.read_bytes()).digest())
        except OSError as exc:
            digest.update(f"unreadable {exc.errno}".encode())
    return digest.hexdigest()


def _cache_file(root: Path) -> Path:
    return cache_dir() / (hashlib.sha256(str(root).encode("utf-8", "surrogateescape")).hexdigest()[:20] + ".pickle")


def open_corpus(data_dir: Path, progress: Progress = _noop, use_cache: bool = True) -> Corpus:
    """Load ``data_dir`` as the app and the CLI do: a folder of bare articles is ingested first (see
    :func:`coalition_tui.bulk.prepare`), and an unchanged corpus comes from the cache."""
    root = data_dir.resolve()
    prepared = prepare(root, progress)
    fresh = prepared.written if prepared is not None else None
    if not use_cache:
        corpus = load_corpus(root, progress, fresh)
        _note(corpus, prepared)
        return corpus
    progress("checking the cache", 0, 1)
    key = content_key(root)
    cached = _read(root, key)
    if cached is not None:
        return cached
    corpus = load_corpus(root, progress, fresh)
    _note(corpus, prepared)
    _write(root, key, corpus)
    return corpus


def _note(corpus: Corpus, prepared: object) -> None:
    if prepared is None:
        return
    for line in prepared.problems:  # type: ignore[attr-defined]
        file, _, message = line.partition(": ")
        corpus.problems.append(Problem(file, message or line, severity=Severity.WARNING))


def _read(root: Path, key: str) -> Corpus | None:
    try:
        with _cache_file(root).open("rb") as handle:
            stored_key, corpus = pickle.load(handle)
    except Exception:
        return None
    return corpus if stored_key == key and isinstance(corpus, Corpus) else None


def _write(root: Path, key: str, corpus: Corpus) -> None:
    derived, corpus.derived = corpus.derived, {}
    try:
        write_bytes_atomic(_cache_file(root), pickle.dumps((key, corpus), protocol=pickle.HIGHEST_PROTOCOL))
    except OSError:
        pass  # no cache this time (read-only home, full disk): the corpus itself is fine
    finally:
        corpus.derived = derived
