"""Shared fixtures: the bundled corpus, and a writable copy of it to break."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from coalition_tui.corpus import Corpus
from coalition_tui.loader import load_corpus
from coalition_tui.resolve import Resolver

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"
SEEDS = REPO / "seeds"


@pytest.fixture(scope="session")
def corpus() -> Corpus:
    return load_corpus(DATA)


@pytest.fixture(scope="session")
def resolver(corpus: Corpus) -> Resolver:
    return corpus.resolver


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of data/ and seeds/ side by side, as in the repository."""
    shutil.copytree(DATA, tmp_path / "data")
    shutil.copytree(SEEDS, tmp_path / "seeds")
    return tmp_path / "data"
