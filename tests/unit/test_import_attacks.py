"""Import is a trust boundary (issue 23, item 3): an export from someone else is validated whole
before anything is written; every attack leaves the corpus byte-identical, says what is wrong in
one line and exits 2."""

from __future__ import annotations

import hashlib
import shutil
import tomllib
from pathlib import Path

import pytest
import tomli_w
from conftest import DATA

from coalition_tui.actions import importer
from coalition_tui.actions.export import export_document, write_export
from coalition_tui.cli import main
from coalition_tui.store.corpus import Corpus
from coalition_tui.store.loader import load_corpus


def _snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() if p.is_file() else b"<dir>" for p in sorted(root.rglob("*"))}


def _export(tmp: Path, corpus: Corpus, count: int = 6) -> tuple[Path, dict]:
    """A good export of a few records, the articles beside it; and its parsed document to tamper with."""
    folder = tmp / "outbox"
    folder.mkdir(exist_ok=True)
    path = folder / "selection.toml"
    write_export(path, export_document(corpus, corpus.records[:count]), overwrite=True)
    shutil.copytree(DATA / "articles", folder / "articles", dirs_exist_ok=True)
    return path, tomllib.loads(path.read_text(encoding="utf-8"))


def _write(path: Path, document: dict) -> Path:
    path.write_text(tomli_w.dumps(document), encoding="utf-8")
    return path


@pytest.fixture
def empty(tmp_path: Path) -> Path:
    folder = tmp_path / "mine"
    folder.mkdir()
    return folder


def _refused(capsys, export: Path, root: Path, *words: str) -> None:
    before = _snapshot(root)
    assert main(["import", str(export), "--data", str(root)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    assert "nothing was imported" in err or "export" in err
    for word in words:
        assert word in err, err
    assert _snapshot(root) == before


def test_a_source_id_with_path_parts_is_refused(tmp_path, corpus, data_copy, capsys):
    path, doc = _export(tmp_path, corpus)
    first = next(iter(doc["sources"]))
    doc["sources"]["../../x"] = doc["sources"].pop(first)
    for record in doc["commitment"]:
        if record["source"] == first:
            record["source"] = "../../x"
    _refused(capsys, _write(path, doc), data_copy, "'../../x' is not allowed")
    assert not (tmp_path / "x.txt").exists() and not (data_copy.parent / "x.txt").exists()


def test_an_absolute_file_is_never_read(tmp_path, corpus, empty, capsys):
    path, doc = _export(tmp_path, corpus)
    secret = tmp_path / "secret.txt"
    secret.write_text("the analyst's private notes\n", encoding="utf-8")
    source = next(iter(doc["sources"].values()))
    source["file"] = str(secret)
    source["sha256"] = hashlib.sha256(secret.read_bytes()).hexdigest()
    _refused(capsys, _write(path, doc), empty, "is not a name inside a corpus")
    assert not any(empty.rglob("*.txt"))


def test_a_record_id_with_a_slash_is_refused(tmp_path, corpus, empty, capsys):
    path, doc = _export(tmp_path, corpus)
    doc["commitment"][2]["id"] = "a/b"
    _refused(capsys, _write(path, doc), empty, "[[commitment]] 3", "'a/b'")


@pytest.mark.parametrize("alias", ["Macron", "Zelensky", "France"])
def test_an_entity_cannot_take_a_name_the_corpus_resolves_elsewhere(tmp_path, corpus, data_copy, capsys, alias):
    path, doc = _export(tmp_path, corpus)
    doc["entities"]["not-a-real-person"] = {"kind": "person", "name": "Ivan Example", "country": "RUS",
                                            "aliases": [alias]}  # fmt: skip
    _refused(capsys, _write(path, doc), data_copy, f"the name {alias!r} already means")
    after = load_corpus(data_copy)
    assert after.resolver.resolve(alias).entity == corpus.resolver.resolve(alias).entity


def test_an_export_that_would_make_a_file_too_large_for_the_loader_is_refused(
    tmp_path, corpus, empty, capsys, monkeypatch
):
    path, _doc = _export(tmp_path, corpus, count=40)
    monkeypatch.setattr(importer, "MAX_TOML_BYTES", 4000)  # the loader's limit, scaled down for the test
    _refused(capsys, path, empty, "over what a corpus may hold")


@pytest.mark.parametrize(
    ("where", "value", "words"),
    [
        ("start", "twelve", ["field 'start'"]),
        ("stance", 3, ["field 'stance'"]),
        ("kind", "teleportation", ["field 'kind'"]),
        ("country", ["FRA"], ["field 'country'"]),
    ],
)
def test_a_record_of_wrong_types_writes_nothing(tmp_path, corpus, data_copy, capsys, where, value, words):
    path, doc = _export(tmp_path, corpus)
    doc["commitment"][-1][where] = value
    _refused(capsys, _write(path, doc), data_copy, "[[commitment]]", *words)


def test_an_entity_or_meeting_of_wrong_types_writes_nothing(tmp_path, corpus, empty, capsys):
    path, doc = _export(tmp_path, corpus)
    person = next(k for k, v in doc["entities"].items() if v["kind"] == "person")
    doc["entities"][person]["aliases"] = 5
    _refused(capsys, _write(path, doc), empty, f"entity {person}")
    path, doc = _export(tmp_path, corpus)
    meeting = next(iter(doc["summits"]))
    doc["summits"][meeting]["date"] = "soon"
    _refused(capsys, _write(path, doc), empty, f"meeting {meeting}")


def test_deep_nesting_is_refused_not_a_crash(tmp_path, corpus, empty, capsys):
    path, _doc = _export(tmp_path, corpus)
    deep = "[" * 400 + "]" * 400
    text = path.read_text(encoding="utf-8") + f'\n[entities.deep]\nkind = "org"\nname = "Deep"\nx = {deep}\n'
    path.write_text(text, encoding="utf-8")
    _refused(capsys, path, empty, "nested")


def test_a_corrected_export_then_imports_whole(tmp_path, corpus, empty, capsys):
    path, doc = _export(tmp_path, corpus)
    good = doc["commitment"][-1]["start"]
    doc["commitment"][-1]["start"] = "twelve"
    _refused(capsys, _write(path, doc), empty)
    doc["commitment"][-1]["start"] = good
    assert main(["import", str(_write(path, doc)), "--data", str(empty)]) == 0
    assert "6 record(s) added" in capsys.readouterr().out
    assert not load_corpus(empty).problems


def test_a_write_that_fails_half_way_puts_every_file_back(tmp_path, corpus, empty, capsys, monkeypatch):
    path, _doc = _export(tmp_path, corpus)
    before = _snapshot(empty)
    real = importer.write_bytes_new

    def fail_on_records(target: Path, payload: bytes, durable: bool = True) -> None:
        if target.parent.name == "commitments":
            raise OSError(28, "No space left on device")
        real(target, payload, durable)

    monkeypatch.setattr(importer, "write_bytes_new", fail_on_records)
    assert main(["import", str(path), "--data", str(empty)]) == 1
    assert "No space left" in capsys.readouterr().err
    assert _snapshot(empty) == before
