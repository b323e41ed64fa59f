"""Who decided what and when: each decision stamped on its record and journalled; ``log`` lists them;
undo survives a restart; "unsure" is a decision of its own; the log travels with an export."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coalition_tui.actions import review
from coalition_tui.cli import main
from coalition_tui.store import journal
from coalition_tui.store.errors import CoalitionError
from coalition_tui.store.loader import load_corpus
from coalition_tui.store.paths import CONFIG_ENV
from coalition_tui.workspace import Workspace


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def reviewer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """The settings file names the reviewer."""
    config = tmp_path / "settings.toml"
    config.write_text('reviewer = "Ana Lopes"\n', encoding="utf-8")
    monkeypatch.setenv(CONFIG_ENV, str(config))
    return "Ana Lopes"


def test_a_decision_says_who_made_it_and_when_in_the_record_and_the_log(review_data: Path, reviewer: str, capsys):
    first, second = (r.id for r in review.queue(load_corpus(review_data))[:2])
    assert run(capsys, "review", "--data", str(review_data), "accept", first)[0] == 0
    assert run(capsys, "review", "--data", str(review_data), "reject", second)[0] == 0

    again = load_corpus(review_data)
    accepted = again.record(first)
    assert accepted.decided_by == reviewer and accepted.decided_at.startswith("20")
    assert any(r.id == second and r.decided_by == reviewer for r in again.rejected)
    table = next(t for t in tomllib.loads(again.homes[first][0].read_text("utf-8"))["commitment"] if t["id"] == first)
    assert table["decided_by"] == reviewer  # in the TOML, beside the record

    code, out, _ = run(capsys, "log", "--data", str(review_data))
    lines = out.splitlines()
    assert code == 0 and lines[-1] == "2 decision(s)"
    assert f"{reviewer}  accepted  {first}" in lines[0] and f"{reviewer}  rejected  {second}" in lines[1]
    assert run(capsys, "log", "--data", str(review_data), "--reviewer", "someone else")[1].strip() == (
        "0 decision(s) by someone else"
    )
    assert run(capsys, "log", "--data", str(review_data), "--since", "2999-01-01")[1].endswith(
        "0 decision(s) since 2999-01-01\n"
    )
    rows = [json.loads(line) for line in run(capsys, "log", "--data", str(review_data), "--json")[1].splitlines()]
    assert [(r["record"], r["action"], r["by"], r["now"]) for r in rows] == [
        (first, "accept", reviewer, "accepted"),
        (second, "reject", reviewer, "rejected"),
    ]


def test_without_a_settings_file_the_login_name_decides(review_data: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv(CONFIG_ENV, str(review_data / "no-such-settings.toml"))
    monkeypatch.setattr("getpass.getuser", lambda: "login-name")
    corpus = load_corpus(review_data)
    record = review.accept(corpus, review.queue(corpus)[0].id)
    assert record.decided_by == "login-name"


def test_unsure_is_a_queue_of_its_own_and_back_to_the_queue_with_restore(review_data: Path, reviewer: str, capsys):
    corpus = load_corpus(review_data)
    queued = review.queue(corpus)
    code, out, _ = run(capsys, "review", "--data", str(review_data), "unsure", queued[0].id, queued[1].id)
    assert code == 0 and "marked unsure by Ana Lopes" in out
    again = load_corpus(review_data)
    assert [r.id for r in review.unsure_queue(again)] == [queued[0].id, queued[1].id]
    assert {r.id for r in review.queue(again)} == {r.id for r in queued[2:]}
    listed = run(capsys, "review", "--data", str(review_data), "--unsure")[1]
    assert listed.splitlines()[-1].startswith("2 record(s) marked unsure")
    run(capsys, "review", "--data", str(review_data), "restore", "--unsure", "--all-listed", "--yes")
    assert review.unsure_queue(load_corpus(review_data)) == []
    assert len(review.queue(load_corpus(review_data))) == len(queued)


def test_a_curated_record_cannot_be_marked_unsure(review_data: Path, reviewer: str):
    corpus = load_corpus(review_data)
    record = review.accept(corpus, review.queue(corpus)[0].id)
    with pytest.raises(review.ReviewError, match="only an extracted candidate"):
        review.unsure(corpus, record.id)


def test_undo_survives_a_restart(review_data: Path, reviewer: str):
    corpus = load_corpus(review_data)
    first, second, third = review.queue(corpus)[:3]
    session = Workspace(review_data, corpus)
    session.decide("accept", first.id)
    session.decide_many("reject", [second, third])
    session.edit(first.id, review.Change(stance=review.Stance.WILLING))

    restarted = Workspace(review_data, load_corpus(review_data))  # a new process: nothing in memory
    assert restarted.undo_log == []
    restarted.read_undo()
    assert [u.label.split(" (")[0] for u in restarted.undo_log] == [
        f"accept of {first.id}",
        "reject of 2 records",
        f"edit of {first.id}",
    ]
    restarted.undo()  # the edit
    assert restarted.corpus.record(first.id).stance is first.stance
    assert not restarted.corpus.record(first.id).unreviewed  # still accepted
    restarted.undo()  # the bulk rejection, whole
    assert {second.id, third.id} <= {r.id for r in review.queue(restarted.corpus)}
    restarted.undo()  # the acceptance
    back = load_corpus(review_data).record(first.id)
    assert back == first  # exactly as extraction proposed it, with nobody's name on it
    assert [e.action for e in journal.read_journal(review_data).entries][-4:] == ["undo"] * 4

    third_session = Workspace(review_data, load_corpus(review_data))
    third_session.read_undo()
    assert third_session.undo_log == []  # what was undone is not offered again


def test_undo_is_refused_when_the_record_was_decided_again_since(review_data: Path, reviewer: str):
    corpus = load_corpus(review_data)
    first = review.queue(corpus)[0]
    Workspace(review_data, corpus).decide("accept", first.id)
    other = load_corpus(review_data)
    review.edit(other, first.id, review.Change(stance=review.Stance.DECLINED), journal.Mark.now("Ben"))

    restarted = Workspace(review_data, load_corpus(review_data))
    restarted.read_undo()
    assert len(restarted.undo_log) == 2
    restarted.undo_log.pop()  # leave Ben's edit in place and try the older acceptance
    with pytest.raises(CoalitionError, match="decided again since"):
        restarted.undo()
    assert load_corpus(review_data).record(first.id).stance is review.Stance.DECLINED


def test_export_leaves_unsure_records_out_unless_asked_and_carries_the_log(
    review_data: Path, reviewer: str, tmp_path: Path, capsys
):
    corpus = load_corpus(review_data)
    first, second, third = review.queue(corpus)[:3]
    source = first.source
    review.accept(corpus, first.id)
    review.unsure(corpus, second.id)
    review.reject(corpus, third.id)
    plain, full = tmp_path / "plain.toml", tmp_path / "full.toml"
    code, out, _ = run(capsys, "export", "--data", str(review_data), "--source", source, "-o", str(plain))
    assert code == 0 and "1 marked unsure left out" in out
    exported = tomllib.loads(plain.read_text("utf-8"))
    assert second.id not in {t["id"] for t in exported["commitment"]}
    run(capsys, "export", "--data", str(review_data), "--source", source, "-o", str(full), "--include-unsure")
    document = tomllib.loads(full.read_text("utf-8"))
    assert second.id in {t["id"] for t in document["commitment"]}
    assert {(d["record"], d["action"], d["by"]) for d in document["decision"]} == {
        (first.id, "accept", reviewer),
        (second.id, "unsure", reviewer),
    }  # the rejected record is not exported, nor its decision

    from coalition_tui.actions.init_corpus import init_corpus

    other = tmp_path / "other"
    init_corpus(other)
    code, out, err = run(capsys, "import", "--data", str(other), str(full), "--articles", str(review_data / "articles"))
    assert code == 0, err
    assert "2 decision(s) of who reviewed them added to the log" in out
    log = run(capsys, "log", "--data", str(other), "--json")[1]
    rows = [json.loads(line) for line in log.splitlines()]
    assert {(r["record"], r["action"], r["by"], r["at"], r["imported"]) for r in rows} == {
        (d["record"], d["action"], d["by"], d["at"], "full.toml") for d in document["decision"]
    }
    moved = load_corpus(other)
    assert moved.record(first.id).decided_by == reviewer and moved.record(second.id).unsure
    restarted = Workspace(other, moved)
    restarted.read_undo()
    assert restarted.undo_log == []  # another copy's decisions are listed, never undone here


def test_an_export_with_a_hostile_decision_is_refused_whole(review_data: Path, reviewer: str, tmp_path: Path, capsys):
    corpus = load_corpus(review_data)
    first = review.queue(corpus)[0]
    review.accept(corpus, first.id)
    path = tmp_path / "x.toml"
    run(capsys, "export", "--data", str(review_data), "--source", first.source, "-o", str(path))
    text = path.read_text("utf-8").replace('action = "accept"', 'action = "rm -rf"')
    path.write_text(text, "utf-8")
    from coalition_tui.actions.init_corpus import init_corpus

    other = tmp_path / "other"
    init_corpus(other)
    code, _out, err = run(
        capsys, "import", "--data", str(other), str(path), "--articles", str(review_data / "articles")
    )
    assert code != 0 and "[[decision]] 1 is not a decision" in err and "nothing was imported" in err
    assert not (other / "decisions").exists() and first.source not in load_corpus(other).sources


_values = st.one_of(st.text(max_size=5), st.integers(-3, 3), st.booleans())


@given(
    st.dictionaries(st.sampled_from(["kind", "stance", "note", "origin", "unsure"]), _values),
    st.dictionaries(st.sampled_from(["kind", "stance", "note", "origin", "unsure"]), _values),
)
def test_what_a_change_altered_puts_the_table_back(before: dict, after: dict):
    old, added = journal.changed_fields(before, after)
    restored = {**after, **old}
    for key in added:
        restored.pop(key)
    assert restored == before
