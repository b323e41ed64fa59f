"""The command line takes what a user types (issue 23, item 6): ids by a unique prefix, every filter
in any name form, one shape for an actor in every ``--json``; ``eval`` scores extraction against
hand-made records only; a folder it cannot write is one line, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import DATA, ingest_one

from coalition_tui.cli import main
from coalition_tui.store.loader import load_corpus


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main([*args, "--data", str(DATA)] if "--data" not in args else list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_review_takes_a_unique_prefix_of_an_id_and_names_the_ids_of_an_ambiguous_one(data_copy, capsys):
    code, out, err = run(capsys, "review", "reject", "004-ita-troops", "--data", str(data_copy))
    assert code == 0 and "004-ita-troops-declined: rejected" in out, err
    code, _out, err = run(capsys, "review", "restore", "004-", "--data", str(data_copy))
    assert code == 1 and "starts" in err and "give more of the id" in err and err.count("\n") == 1


def test_a_meeting_named_by_its_place_and_date_is_that_meeting(capsys):
    corpus = load_corpus(DATA)
    assert corpus.find_summit("Virtual 2025-11-25") == "2025-11-25-virtual"  # was "matches two meetings"
    assert corpus.find_summit("Paris 2026") == "2026-01-06-paris"
    code, _out, err = run(capsys, "records", "--summit", "Virtual 2025-11-25", "--json")
    assert code == 0, err
    code, _out, err = run(capsys, "across", "france", "--summits", "Virtual 2025-03-15,Paris 2025-03-27")
    assert code == 0, err


def test_kinds_and_stances_take_everyday_words(capsys):
    code, out, _ = run(capsys, "records", "--kind", "troops", "--country", "Melono", "--json")
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and rows and all(r["kind"] == "troops_in_ukraine" and r["country_code"] == "ITA" for r in rows)
    code, out, _ = run(capsys, "records", "--stance", "refused", "--json")
    assert code == 0 and {json.loads(line)["stance"] for line in out.splitlines()} == {"declined"}
    code, out, _ = run(capsys, "summary", "--kind", "air support", "--json")
    assert code == 0 and all(json.loads(line)["kind"] == "air_support" for line in out.splitlines())
    code, _, err = run(capsys, "records", "--kind", "teleportation")
    assert code == 2 and err.count("\n") == 1 and "troops_in_ukraine" in err


def test_every_json_output_names_an_actor_the_same_way(capsys):
    shapes = []
    _, out, _ = run(capsys, "summary", "--json")
    shapes += [json.loads(line) for line in out.splitlines()]
    _, out, _ = run(capsys, "records", "--country", "france", "--json")
    shapes += [json.loads(line) for line in out.splitlines()]
    _, out, _ = run(capsys, "across", "germany", "--json")
    shapes += [json.loads(line) for line in out.splitlines()]
    _, out, _ = run(capsys, "diff", "000", "001", "--claims", "--json")
    shapes += json.loads(out)["claims"]
    assert len(shapes) > 10
    corpus = load_corpus(DATA)
    for shape in shapes:  # the name in "country", the entity's id (an ISO code for a country) in "country_code"
        assert corpus.gazetteer.entity(shape["country_code"]) is not None, shape
        assert shape["country"] == corpus.label(shape["country_code"]), shape


def test_eval_does_not_count_an_accepted_candidate_as_a_right_answer(data_copy, tmp_path, capsys):
    article = tmp_path / "extra.txt"
    article.write_text("Paris, 6 January 2026.\n\nSpain said it would send troops to Ukraine.\n", encoding="utf-8")
    _code, before, _ = run(capsys, "eval", "--json", "--data", str(data_copy))
    _source, records = ingest_one(data_copy, article, "2026-01-06-paris")
    assert records
    assert main(["review", "accept", records[0].id, "--data", str(data_copy)]) == 0
    capsys.readouterr()
    assert any(r.id == records[0].id and not r.unreviewed for r in load_corpus(data_copy).records)
    _code, after, _ = run(capsys, "eval", "--json", "--data", str(data_copy))
    assert json.loads(after)["overall"] == json.loads(before)["overall"]


def test_a_folder_of_articles_that_cannot_be_written_is_one_line_not_a_traceback(tmp_path: Path, capsys, monkeypatch):
    from coalition_tui.store import locking

    folder = tmp_path / "mounted"
    folder.mkdir()
    (folder / "a.txt").write_text("Paris, 6 January 2026.\n\nSpain would send troops.\n", encoding="utf-8")

    def read_only_mount(root: Path, wait: float) -> int:
        raise PermissionError(30, "Read-only file system", str(root))

    monkeypatch.setattr(locking, "_acquire", read_only_mount)
    code, _out, err = run(capsys, "summary", "--data", str(folder))
    assert code == 1 and err.count("\n") == 1 and "Read-only file system" in err and "Traceback" not in err
