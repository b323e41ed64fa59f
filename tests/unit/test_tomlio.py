"""Atomic TOML writing: no None reaches tomli-w, and a failed write leaves the old file intact."""

import tomllib
from pathlib import Path

import pytest
from conftest import DATA
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coalition_tui.store import tomlio


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


def test_a_written_file_keeps_its_mode_and_a_new_one_gets_the_usual_mode(tmp_path: Path):
    """The temp file behind an atomic write is created 0600; what lands must not be (an export to share,
    a data folder a colleague reads)."""
    import os
    import stat

    def mode(path: Path) -> int:
        return stat.S_IMODE(path.stat().st_mode)

    new = tmp_path / "export.toml"
    tomlio.write_toml_atomic(new, {"a": 1})
    assert mode(new) == 0o666 & ~tomlio.umask()
    old_mask = os.umask(0o022)
    os.umask(old_mask)
    assert tomlio.umask() == old_mask  # read without being changed

    shared = tmp_path / "sources.toml"
    shared.write_text("a = 1\n", encoding="utf-8")
    shared.chmod(0o664)
    tomlio.write_toml_atomic(shared, {"a": 2})
    assert mode(shared) == 0o664 and tomllib.loads(shared.read_text(encoding="utf-8")) == {"a": 2}


def test_a_file_system_without_modes_still_gets_the_file(tmp_path: Path, monkeypatch):
    def no_modes(*_args, **_kwargs):
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(tomlio.os, "fchmod", no_modes)
    target = tmp_path / "export.toml"
    tomlio.write_toml_atomic(target, {"a": 1})
    assert tomllib.loads(target.read_text(encoding="utf-8")) == {"a": 1}


# --------------------------------------------------------------------------- the fast writer
_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)


def test_the_writer_escapes_quotes_backslashes_and_control_characters():
    nasty = 'say "hi" \\ \x00 \x1b[31m \x7f \n \t é'
    text = tomlio.dumps({"quote": nasty, "commitment": [{"as_written": [nasty], "start": 3}]})
    assert "\x1b" not in text and "\x00" not in text
    assert tomllib.loads(text) == {"quote": nasty, "commitment": [{"as_written": [nasty], "start": 3}]}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_a_bulk_candidates_file_holds_exactly_the_records_tables(corpus, data):
    """Bulk ingest writes candidates field by field; it must mean the generic writer's tables."""
    import dataclasses

    from coalition_tui.store.serialize import candidates_document, record_table

    chosen = data.draw(st.lists(st.sampled_from(corpus.records), min_size=1, max_size=8))
    records = [
        dataclasses.replace(
            r,
            note=data.draw(_TEXT),
            rejected=data.draw(st.booleans()),
            person=data.draw(st.sampled_from([None, r.person, "x\\y"])),
            as_written=tuple(data.draw(st.lists(_TEXT, max_size=3))),
        )
        for r in chosen
    ]
    expected = [{k: v for k, v in record_table(r).items() if k not in ("source", "summit", "end")} for r in records]
    text = candidates_document('a "source"', "2025-03-27-paris", records)
    assert tomllib.loads(text) == {"source": 'a "source"', "summit": "2025-03-27-paris", "commitment": expected}


def test_header_lines_found_in_one_pass_are_the_lines_found_one_by_one():
    data = DATA
    for path in [data / "sources.toml", data / "summits.toml", *sorted((data / "gazetteer").glob("*.toml"))]:
        text = path.read_text(encoding="utf-8")
        line_of = tomlio.table_lines(text)
        for key in tomllib.loads(text):
            assert line_of(key) == tomlio.table_line(text, key), (path.name, key)
    text = '# c\n["quoted key"]\na = 1\n\n[[array]]\n[bare]\n'
    assert tomlio.table_lines(text)("quoted key") == 2 and tomlio.table_lines(text)("bare") == 6
