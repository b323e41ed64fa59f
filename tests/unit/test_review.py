"""Review: accept / reject / restore / edit, each saved to data/ at once, in the core, the CLI and the app."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import DATA, disk_full, ingest_one, table_of

from coalition_tui.actions import review
from coalition_tui.cli import main
from coalition_tui.store.loader import load_corpus
from coalition_tui.store.model import Origin, Stance


def test_the_queue_holds_the_extracted_candidates_only(review_data):
    corpus = load_corpus(review_data)
    queue = review.queue(corpus)
    assert len(queue) == 11 and all(r.source == "nordic" and r.unreviewed for r in queue)


def test_the_queue_is_in_source_then_text_order(review_data):
    for name in ("southern", "baltic_typos", "london"):  # ids sort differently from the order they came in
        ingest_one(review_data, DATA.parent / "tests" / "articles" / f"{name}.txt", "2025-03-27-paris")
    corpus = load_corpus(review_data)
    for records in corpus.by_source.values():  # whatever order the records were indexed in
        records.reverse()
    corpus.by_source = dict(reversed(corpus.by_source.items()))
    queue = review.queue(corpus)
    assert len({r.source for r in queue}) == 4
    assert queue == sorted(queue, key=lambda r: (r.source, r.start, r.id))
    assert {r.id for r in queue} == {r.id for r in corpus.records if r.unreviewed}


def test_the_queue_narrows_to_what_every_word_of_a_filter_finds(review_data):
    corpus = load_corpus(review_data)
    queue = review.queue(corpus)

    def found(query: str) -> set[tuple[str, str, str]]:
        return {(r.country, r.kind.value, r.stance.value) for r in review.matching(corpus, queue, query)}

    assert found("denmark troops") == {("DNK", "troops_in_ukraine", "willing")}
    assert found("dnk") == found("DENMARK") == found("denmark")  # a code; any case
    assert found("finland") == {("FIN", "troops_in_ukraine", "declined"), ("FIN", "training", "committed")}
    assert found("declined") == {("FIN", "troops_in_ukraine", "declined")}
    assert found("considering sweden") == {("SWE", "air_support", "considering"), ("SWE", "naval", "considering")}
    assert len(found("nordic")) == len(queue) and review.matching(corpus, queue, "  ") == queue
    assert found("participation estonia") == {("EST", "participation", "committed")}
    assert not found("atlantis") and not found("denmark naval")
    by_person = review.matching(corpus, corpus.records, "MELONI")  # a person named in curated records
    assert by_person and {(r.person, r.country) for r in by_person} == {("giorgia-meloni", "ITA")}


def test_a_decision_finds_its_record_by_bisection_not_by_scanning_every_list(review_data, monkeypatch):
    """Scanning the 266,000 records of 10,000 articles and each index took ~25 ms per decision; every
    list is in (file, table) order, so the record is found where its file and table put it."""
    from coalition_tui.store import corpus as corpus_module

    def scan(*_args):
        raise AssertionError("scanned a whole list")

    corpus = load_corpus(review_data)

    def short_only(real):  # the rejected list is short: scanning it is fine
        return lambda records, wanted: scan() if len(records) > 5 else real(records, wanted)

    monkeypatch.setattr(corpus_module, "_position", short_only(corpus_module._position))
    monkeypatch.setattr(corpus_module, "_find", short_only(corpus_module._find))
    first, second, third = (r.id for r in review.queue(corpus)[:3])
    review.accept(corpus, first)
    review.reject(corpus, second)
    review.edit(corpus, third, review.Change(country="Sweden"))
    review.restore(corpus, second)
    fresh = load_corpus(review_data)
    assert [r.values() for r in corpus.records] == [r.values() for r in fresh.records]
    for name in ("by_country", "by_summit", "by_source", "by_person"):
        mine, theirs = getattr(corpus, name), getattr(fresh, name)
        assert {k: [r.id for r in v] for k, v in mine.items() if v} == {
            k: [r.id for r in v] for k, v in theirs.items() if v
        }


def test_accept_reject_restore_and_edit_are_saved_and_survive_a_reload(review_data):
    corpus = load_corpus(review_data)
    first, second, third = (r.id for r in review.queue(corpus)[:3])
    review.accept(corpus, first)
    review.reject(corpus, second)
    review.edit(corpus, third, review.Change(stance=Stance.DECLINED, person="Ulf Kristersson"))
    again = load_corpus(review_data)
    assert not again.problems
    assert again.record(first).origin is Origin.CURATED
    assert [r.id for r in again.rejected] == [second] and second not in {r.id for r in again.records}
    assert second not in {r.id for r in again.by_country["DNK"]}  # hidden from the views
    edited = again.record(third)
    assert edited.stance is Stance.DECLINED and edited.person == "ulf-kristersson" and edited.origin is Origin.CURATED
    assert len(review.queue(again)) == 8
    review.restore(again, second)
    assert second in {r.id for r in load_corpus(review_data).by_country["DNK"]}


def test_a_decision_rewrites_only_its_own_table_and_keeps_the_comments(data_copy):
    corpus = load_corpus(data_copy)
    path = data_copy / "commitments" / "000_52fd44cbc1a803ce.toml"
    before = path.read_text(encoding="utf-8")
    review.edit(corpus, "000-fra-participation", review.Change(stance=Stance.WILLING))
    after = path.read_text(encoding="utf-8")
    assert after.startswith("# Curated records for seed 000")
    blocks_before, blocks_after = before.split("[[commitment]]"), after.split("[[commitment]]")
    assert len(blocks_before) == len(blocks_after)
    changed = [i for i, (a, b) in enumerate(zip(blocks_before, blocks_after, strict=True)) if a != b]
    assert changed == [2]  # the header and every other table byte for byte as written
    assert 'stance = "willing"' in blocks_after[2]
    assert load_corpus(data_copy).record("000-fra-participation").stance is Stance.WILLING


def test_an_invalid_edit_is_refused_and_nothing_is_written(review_data):
    corpus = load_corpus(review_data)
    rid = review.queue(corpus)[0].id
    path = corpus.homes[rid][0]
    before = path.read_bytes()
    with pytest.raises(review.ReviewError, match="unknown country"):
        review.edit(corpus, rid, review.Change(country="Atlantis"))
    assert path.read_bytes() == before and corpus.record(rid).unreviewed


def test_a_failed_save_keeps_the_old_file_and_the_record(review_data, monkeypatch):
    """A full disk while saving (os.replace never happens): the old file is intact, the corpus unchanged."""
    corpus = load_corpus(review_data)
    rid = review.queue(corpus)[0].id
    path = corpus.homes[rid][0]
    before = path.read_bytes()

    monkeypatch.setattr("coalition_tui.store.tomlio.os.fsync", disk_full)
    with pytest.raises(review.ReviewError, match="No space left on device"):
        review.accept(corpus, rid)
    assert path.read_bytes() == before and corpus.record(rid).unreviewed
    assert not list(path.parent.glob(".*.tmp"))  # the temp file is cleaned up


KILLER = """
import sys, time
sys.path.insert(0, {src!r})
from coalition_tui.actions import review
from coalition_tui.store.loader import load_corpus
corpus = load_corpus(__import__("pathlib").Path({data!r}))
print("ready", flush=True)
for record in review.queue(corpus):
    review.accept(corpus, record.id)
    print(record.id, flush=True)
    time.sleep(0.05)
"""


def test_kill_9_between_decisions_loses_nothing_already_saved(review_data):
    src = str(Path(review.__file__).resolve().parents[2])  # src/, where coalition_tui is
    proc = subprocess.Popen(
        [sys.executable, "-c", KILLER.format(src=src, data=str(review_data))], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "ready"
    done = [proc.stdout.readline().strip() for _ in range(4)]
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    corpus = load_corpus(review_data)
    assert not corpus.problems  # every file whole
    for rid in done:  # every decision reported before the kill is on disk
        assert corpus.record(rid).origin is Origin.CURATED
    assert len(review.queue(corpus)) in {11 - len(done), 11 - len(done) - 1}  # at most the one in flight


def test_cli_review_lists_accepts_and_rejects(review_data, capsys):
    assert main(["review", "--data", str(review_data)]) == 0
    out = capsys.readouterr().out
    assert "11 record(s) left to review" in out and "nordic-x001-dnk-troops_in_ukraine" in out
    assert main(["review", "accept", "nordic-x001-dnk-troops_in_ukraine", "--data", str(review_data)]) == 0
    assert main(["review", "reject", "nordic-x002-dnk-military_aid", "--data", str(review_data)]) == 0
    out = capsys.readouterr().out
    assert "accepted" in out and "9 record(s) left to review" in out
    assert main(["review", "--rejected", "--data", str(review_data)]) == 0
    assert "nordic-x002-dnk-military_aid" in capsys.readouterr().out
    assert main(["review", "accept", "no-such-id", "--data", str(review_data)]) == 1
    assert "no-such-id" in capsys.readouterr().err
    assert table_of(review_data, "nordic-x001-dnk-troops_in_ukraine")["origin"] == "curated"


def test_after_decisions_the_corpus_in_memory_is_the_one_a_fresh_load_gives(review_data):
    corpus = load_corpus(review_data)
    first, second, third = (r.id for r in review.queue(corpus)[:3])
    review.accept(corpus, first)
    review.edit(corpus, second, review.Change(country="SWE", stance=Stance.OPPOSED))
    fresh = load_corpus(review_data)

    def rows(records):
        return [r.values() for r in records]

    assert rows(corpus.records) == rows(fresh.records)  # same records in the same places
    for index in ("by_country", "by_summit", "by_source", "by_person"):
        mine, theirs = getattr(corpus, index), getattr(fresh, index)
        assert {k: rows(v) for k, v in mine.items() if v} == {k: rows(v) for k, v in theirs.items() if v}
    review.reject(corpus, third)
    assert [r.id for r in corpus.rejected] == [third] and third not in {r.id for r in corpus.records}
    review.restore(corpus, third)
    fresh = load_corpus(review_data)
    assert rows(corpus.records) == rows(fresh.records) and not corpus.rejected
