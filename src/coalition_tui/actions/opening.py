"""Opening a corpus as the app and the CLI do: a folder of bare articles is ingested first, then the
cache gives an unchanged corpus at once (``store.cache``)."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from coalition_tui.store.cache import Prepared, open_cached
from coalition_tui.store.corpus import Corpus
from coalition_tui.store.loader import Progress, _noop, load_base, needs_prepare, record_files
from coalition_tui.store.locking import data_lock
from coalition_tui.store.tomlio import write_bytes_new

if TYPE_CHECKING:
    from coalition_tui.actions.ingest import IngestResult


@contextlib.contextmanager
def _no_collections() -> Iterator[None]:
    """No garbage collection while a corpus is built: it allocates millions of objects and creates no
    cycles worth collecting, and each full collection rescans them all (a frozen screen on a big
    corpus). Then what was built is frozen (a corpus lives as long as whoever opened it; frozen, no
    later collection rescans it: the first one after a big open took 0.25 s) and the previous setting
    is restored."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was:
            gc.enable()


def open_corpus(data_dir: Path, progress: Progress = _noop, use_cache: bool = True) -> Corpus:
    """Load ``data_dir``: a folder of bare articles is ingested first (:func:`prepare`),
    and an unchanged corpus comes from the cache."""
    with _no_collections():
        root = data_dir.resolve()
        prepared = None
        if needs_prepare(root):  # extraction is imported only when there is something to extract
            made = prepare(root, progress)
            if made is not None:
                result, corpus = made
                prepared = Prepared(corpus, result.problems, result.digests)
        return open_cached(root, progress, use_cache, prepared)


def prepare(data_dir: Path, progress: Progress = _noop) -> tuple[IngestResult, Corpus] | None:
    """Make a folder holding only ``.txt`` articles a corpus: register them in place and extract their
    candidates (gazetteer and meetings come from the bundled corpus unless the folder has its own).
    Returns what was done and the corpus, already complete: nothing written needs reading back."""
    if not needs_prepare(data_dir):
        return None
    from coalition_tui.actions.ingest import article_files, ingest_many  # extraction: only when needed

    with data_lock(data_dir):  # a second process opening the folder meanwhile waits, then loads it
        if not needs_prepare(data_dir):
            return None
        for leftover in record_files(data_dir):  # an earlier first open was killed before registering them
            leftover.unlink(missing_ok=True)
        corpus = load_base(data_dir, progress)
        files, problems = article_files(data_dir)
        result = ingest_many(corpus, files, progress=progress, in_place=True, adopt=True, guess=True)
        result.problems[:0] = problems
        if not result.added:
            write_bytes_new(data_dir / "sources.toml", b"# No article could be registered; see the problems.\n")
    return result, corpus
