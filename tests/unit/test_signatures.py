"""The digests of unchanged files are not read again (store/signatures.py), and a file changed within
its modification time's tick is never taken for unchanged."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from coalition_tui.store import signatures
from coalition_tui.store.cache import CACHE_ENV
from coalition_tui.store.signatures import Signatures


@pytest.fixture
def own_cache(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    return tmp_path / "cache"


def _age(path: Path, seconds: float) -> None:
    info = path.stat()
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns - int(seconds * 1e9)))


def _signed(folder: Path, age: float) -> tuple[Path, bytes]:
    """A file ``age`` seconds old, hashed once and its signature saved; its path and digest."""
    path = folder / "a.toml"
    path.write_text("x = 1\n", encoding="utf-8")
    if age:
        _age(path, age)
    first = Signatures.load(folder)
    digest = first.digest(path)
    first.save()
    return path, digest


def test_an_old_unchanged_file_is_not_read_again(tmp_path: Path, own_cache: Path, monkeypatch):
    path, digest = _signed(tmp_path, 60)
    reads: list[Path] = []
    real = signatures.read_regular
    monkeypatch.setattr(signatures, "read_regular", lambda p, limit: reads.append(p) or real(p, limit))
    again = Signatures.load(tmp_path)
    assert again.digest(path) == digest and reads == [own_cache / again.where.name]  # only the table itself


def test_a_file_changed_within_its_clock_tick_is_hashed_again(tmp_path: Path, own_cache: Path):
    path, old = _signed(tmp_path, 0)  # signed while fresh: not trusted
    before = path.stat()
    path.write_text("x = 2\n", encoding="utf-8")  # same size, and the same mtime as if in one tick
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size
    assert Signatures.load(tmp_path).digest(path) != old


def test_a_changed_file_is_hashed_again(tmp_path: Path, own_cache: Path):
    path, old = _signed(tmp_path, 60)
    path.write_text("x = 22\n", encoding="utf-8")
    assert Signatures.load(tmp_path).digest(path) != old


def test_a_broken_table_means_every_file_is_hashed(tmp_path: Path, own_cache: Path):
    _signed(tmp_path, 0)
    table = Signatures.load(tmp_path)
    assert table.where is not None and table.table
    table.where.write_bytes(b"\x80\x05not a pickle")
    assert Signatures.load(tmp_path).table == {}
