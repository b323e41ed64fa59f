"""Work done while a corpus loads, shared by the app and Add articles: the first view's matrix, and
keeping a loaded corpus out of garbage collection."""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING

from coalition_tui.store.derived import Touched

if TYPE_CHECKING:
    from coalition_tui.store.corpus import Corpus

OVERVIEW_MATRIX = "overview matrix"


def prepare_views(corpus: Corpus) -> Corpus:
    """Work for the first view done in the loading worker, not on the screen's thread (the stance
    matrix of a big corpus froze the screen right after loading; docs/benchmarks.md)."""
    from coalition_tui.analysis.matrix import stance_matrix

    matrix = stance_matrix(corpus)
    matrix.compute()
    corpus.derived.put(OVERVIEW_MATRIX, matrix, Touched.RECORDS | Touched.MEETINGS | Touched.GAZETTEER)
    return corpus


def keep_out_of_collections() -> None:
    """A loaded corpus lives as long as the app: frozen, a full garbage collection never rescans it
    (pauses mid-keypress on a big corpus, a long one right after loading).
    Collection is off while a corpus loads (the loading worker turns it off) and back on here."""
    gc.freeze()
    gc.enable()
