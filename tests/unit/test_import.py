"""An export that travels: self-contained, and `coalition-tui import` merges it into any corpus
(issue 16, Build 5)."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

from conftest import DATA
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coalition_tui.actions.export import export_document, write_export
from coalition_tui.actions.importer import import_file
from coalition_tui.cli import main
from coalition_tui.store.corpus import Corpus
from coalition_tui.store.loader import load_corpus
from coalition_tui.store.model import Commitment


def _values(records: list[Commitment]) -> set[tuple[object, ...]]:
    return {r.values() for r in records}


def _export(tmp: Path, records: list[Commitment], corpus: Corpus, with_articles: bool = True) -> Path:
    """An export of ``records`` in its own folder, the articles beside it when asked."""
    folder = tmp / "outbox"
    folder.mkdir(exist_ok=True)
    path = folder / "selection.toml"
    write_export(path, export_document(corpus, records), overwrite=True)
    if with_articles:
        shutil.copytree(DATA / "articles", folder / "articles", dirs_exist_ok=True)
    return path


def test_an_export_holds_what_its_records_need(tmp_path: Path, corpus: Corpus):
    chosen = [r for r in corpus.records if r.person][:5]
    document = tomllib.loads((_export(tmp_path, chosen, corpus)).read_text(encoding="utf-8"))
    assert document["meta"]["format"] == 2
    assert {r.summit for r in chosen} <= set(document["summits"])
    assert {r.source for r in chosen} <= set(document["sources"])
    assert all(len(s["sha256"]) == 64 and s["summit"] for s in document["sources"].values())
    assert {r.person for r in chosen} | {r.country for r in chosen} <= set(document["entities"])
    hosts = {h for s in document["summits"].values() for h in s["hosts"]}
    assert hosts <= set(document["entities"])


def test_cli_import_into_an_empty_corpus_then_again_changes_nothing(tmp_path: Path, corpus: Corpus, capsys):
    path = _export(tmp_path, corpus.records, corpus)
    empty = tmp_path / "mine"
    empty.mkdir()
    assert main(["import", str(path), "--data", str(empty)]) == 0
    assert f"{len(corpus.records)} record(s) added" in capsys.readouterr().out
    mine = load_corpus(empty)
    assert not mine.problems
    assert _values(mine.records) == _values(corpus.records)
    files = sorted(p.name for p in (empty / "commitments").iterdir())
    assert main(["import", str(path), "--data", str(empty)]) == 0
    assert f"0 record(s) added, {len(corpus.records)} already in the corpus" in capsys.readouterr().out
    assert sorted(p.name for p in (empty / "commitments").iterdir()) == files


def test_a_missing_article_is_reported_and_its_records_left_out(tmp_path: Path, corpus: Corpus, capsys):
    path = _export(tmp_path, corpus.records, corpus, with_articles=False)
    (path.parent / "articles").mkdir()
    kept = next(iter(corpus.sources.values()))
    shutil.copy(corpus.root / kept.file, path.parent / "articles")
    empty = tmp_path / "mine"
    empty.mkdir()
    assert main(["import", str(path), "--data", str(empty)]) == 1
    out = capsys.readouterr().out
    assert out.count("article text not found") == len(corpus.sources) - 1
    mine = load_corpus(empty)
    assert not mine.problems and set(mine.sources) == {kept.id}
    assert _values(mine.records) == _values(corpus.by_source[kept.id])


def test_an_id_the_corpus_uses_for_another_claim_gets_a_new_id(data_copy: Path, tmp_path: Path, corpus: Corpus, capsys):
    original = corpus.records[0]
    other = next(s for s in ("declined", "committed") if s != original.stance.value)
    changed = Commitment(**{**{k: getattr(original, k) for k in original.__dataclass_fields__}, "stance": other})
    path = _export(tmp_path, [changed, corpus.records[1]], corpus)
    assert main(["import", str(path), "--data", str(data_copy), "--json"]) == 0
    out = capsys.readouterr().out
    assert f'"{original.id}":"{original.id}-imported"' in out.replace(" ", "")
    mine = load_corpus(data_copy)
    assert not mine.problems
    assert len(mine.records) == len(corpus.records) + 1  # records[1] was there already
    new = next(r for r in mine.records if r.id == f"{original.id}-imported")
    assert new.stance.value == other and new.quote == original.quote


def test_a_person_the_corpus_lacks_comes_with_the_export(tmp_path: Path, data_copy: Path, capsys):
    people = data_copy / "gazetteer" / "people.toml"
    people.write_text(
        people.read_text(encoding="utf-8")
        + '\n[ana-example]\nname = "Ana Example"\ncountry = "PRT"\nroles = [{ title = "Defence Minister", of = "PRT" }]\n',
        encoding="utf-8",
    )
    source = "004_546e8795ffd0dea9"
    text = (data_copy / "articles" / f"{source}.txt").read_text(encoding="utf-8")
    quote = text.split(".")[0]
    (data_copy / "commitments" / "zz_ana.toml").write_text(
        f'[[commitment]]\nid = "ana-1"\ncountry = "PRT"\nsummit = "2026-01-06-paris"\nsource = "{source}"\n'
        f'kind = "participation"\nstance = "committed"\nquote = "{quote}"\nperson = "ana-example"\n',
        encoding="utf-8",
    )
    theirs = load_corpus(data_copy)
    assert not theirs.problems
    path = _export(tmp_path, [r for r in theirs.records if r.id == "ana-1"], theirs)
    empty = tmp_path / "mine"
    empty.mkdir()
    assert main(["import", str(path), "--data", str(empty)]) == 0
    assert "entity ana-example added to the gazetteer" in capsys.readouterr().out
    mine = load_corpus(empty)
    assert not mine.problems
    assert mine.gazetteer.people["ana-example"].name == "Ana Example"
    assert "keir-starmer" in mine.gazetteer.people  # the bundled people are still there
    assert [r.person for r in mine.records] == ["ana-example"]


def test_a_file_that_is_not_an_export_is_one_line_and_exit_2(tmp_path: Path, capsys):
    bad = tmp_path / "notes.toml"
    bad.write_text("title = 'my notes'\n", encoding="utf-8")
    empty = tmp_path / "mine"
    empty.mkdir()
    assert main(["import", str(bad), "--data", str(empty)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "notes.toml" in err and "not a coalition-tui export" in err
    assert not any(empty.iterdir())


def test_import_never_writes_the_bundled_corpus(tmp_path: Path, corpus: Corpus, capsys, monkeypatch):
    from coalition_tui.store import paths

    path = _export(tmp_path, corpus.records[:2], corpus)
    monkeypatch.setattr(paths, "_READ_ONLY", {DATA.resolve()})
    assert main(["import", str(path), "--data", str(DATA)]) == 1
    assert "read-only" in capsys.readouterr().err


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_round_trip_export_then_import_into_an_empty_corpus_gives_the_same_records(
    tmp_path_factory, corpus: Corpus, data
):
    chosen = data.draw(st.lists(st.sampled_from(corpus.records), min_size=1, max_size=40, unique_by=lambda r: r.id))
    tmp = tmp_path_factory.mktemp("trip")
    path = _export(tmp, chosen, corpus)
    empty = tmp / "mine"
    empty.mkdir()
    report = import_file(empty, path)
    assert not report.missing_text and not report.renamed
    mine = load_corpus(empty)
    assert not mine.problems
    assert _values(mine.records) == _values(chosen)
    assert set(mine.sources) == {r.source for r in chosen}
