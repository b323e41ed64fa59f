"""Export: the file loads back as a commitments file with nothing lost; nothing is overwritten unasked."""

from __future__ import annotations

import dataclasses
import tomllib
from pathlib import Path

from conftest import DATA, load_back
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coalition_tui.actions.export import default_export_path, export_document, write_export
from coalition_tui.cli import main
from coalition_tui.store.corpus import Corpus
from coalition_tui.store.model import Origin


def test_cli_export_round_trips(tmp_path: Path, corpus: Corpus, capsys):
    out = tmp_path / "italy.toml"
    assert main(["export", "--data", str(DATA), "--country", "Italy", "-o", str(out)]) == 0
    assert capsys.readouterr().out == f"wrote 4 record(s) to {out}\n"
    document = tomllib.loads(out.read_text(encoding="utf-8"))
    assert document["meta"]["filters"] == {"country": "Italy"} and document["meta"]["records"] == 4
    assert document["entities"]["ITA"]["alpha2"] == "IT" and "giorgia-meloni" in document["entities"]
    assert document["sources"]["004_546e8795ffd0dea9"]["sha256"] == corpus.sources["004_546e8795ffd0dea9"].sha256
    assert load_back(tmp_path, out) == corpus.filter(country="ITA")


def test_existing_file_needs_force(tmp_path: Path, capsys):
    out = tmp_path / "x.toml"
    out.write_text("precious", encoding="utf-8")
    assert main(["export", "--data", str(DATA), "-o", str(out)]) == 1
    assert "exists; pass --force" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "precious"
    assert main(["export", "--data", str(DATA), "-o", str(out), "--force"]) == 0
    assert "precious" not in out.read_text(encoding="utf-8")


def test_missing_folder_is_a_one_line_error(tmp_path: Path, capsys):
    target = tmp_path / "no" / "such" / "x.toml"
    assert main(["export", "--data", str(DATA), "-o", str(target)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "does not exist" in err
    assert not (tmp_path / "no").exists()


def test_default_path_is_timestamped_in_the_working_directory():
    import datetime as dt

    path = default_export_path(dt.datetime(2026, 1, 6, 9, 5, 1))
    assert path == Path.cwd() / "coalition-export-20260106-090501.toml"


_SAFE_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_valid_record_set_round_trips(tmp_path: Path, corpus: Corpus, data):
    chosen = data.draw(st.lists(st.sampled_from(corpus.records), min_size=1, max_size=12, unique_by=lambda r: r.id))
    changed = [
        dataclasses.replace(
            r,
            note=data.draw(_SAFE_TEXT),
            origin=data.draw(st.sampled_from(list(Origin))),
            confidence=data.draw(st.floats(0, 1, allow_nan=False)),
            as_written=tuple(data.draw(st.lists(_SAFE_TEXT, max_size=3))),
        )
        for r in chosen
    ]
    out = tmp_path / "export.toml"
    write_export(out, export_document(corpus, changed, {"kind": "anything"}), overwrite=True)
    assert load_back(tmp_path, out) == changed
