"""Opening a corpus as the app and the CLI do: a folder of bare articles is ingested first, then the
cache gives an unchanged corpus at once (``store.cache``)."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator
from pathlib import Path

from coalition_tui.store.cache import Prepared, open_cached
from coalition_tui.store.corpus import Corpus
from coalition_tui.store.loader import Progress, _noop, needs_prepare


@contextlib.contextmanager
def _no_collections() -> Iterator[None]:
    """No garbage collection while a corpus is built: it allocates millions of objects and creates no
    cycles worth collecting, and each full collection rescans them all (a frozen screen on a big
    corpus). The previous setting is restored after."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def open_corpus(data_dir: Path, progress: Progress = _noop, use_cache: bool = True) -> Corpus:
    """Load ``data_dir``: a folder of bare articles is ingested first (:func:`actions.bulk.prepare`),
    and an unchanged corpus comes from the cache."""
    with _no_collections():
        root = data_dir.resolve()
        prepared = None
        if needs_prepare(root):  # extraction is imported only when there is something to extract
            from coalition_tui.actions.bulk import prepare

            made = prepare(root, progress)
            if made is not None:
                result, corpus = made
                prepared = Prepared(corpus, result.problems, result.digests, result.entries)
        return open_cached(root, progress, use_cache, prepared)
