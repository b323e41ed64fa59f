"""Atomic TOML writing: no None reaches tomli-w, and a failed write leaves the old file intact."""

import tomllib
from pathlib import Path

import pytest

from coalition_tui import tomlio


def test_none_values_are_dropped(tmp_path: Path):
    target = tmp_path / "out.toml"
    tomlio.write_toml_atomic(target, {"a": 1, "b": None, "t": {"c": None, "d": "x"}, "l": [1, None]})
    assert tomllib.loads(target.read_text(encoding="utf-8")) == {"a": 1, "t": {"d": "x"}, "l": [1]}


def test_failed_write_keeps_the_old_file_and_leaves_no_temp(tmp_path: Path, monkeypatch):
    target = tmp_path / "out.toml"
    target.write_text('old = "yes"\n', encoding="utf-8")

    def disk_full(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(tomlio.os, "replace", disk_full)
    with pytest.raises(OSError):
        tomlio.write_toml_atomic(target, {"new": "data"})
    assert target.read_text(encoding="utf-8") == 'old = "yes"\n'
    assert [p.name for p in tmp_path.iterdir()] == ["out.toml"]
