"""Review: accept / reject / restore / edit, each saved to data/ at once, in the core, the CLI and the app."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import tomllib
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from conftest import ARTICLES, DATA, disk_full, loaded, pilot_test
from textual.pilot import Pilot
from textual.widgets import Input, Static

from coalition_tui.actions import review
from coalition_tui.cli import main
from coalition_tui.store.loader import load_corpus
from coalition_tui.store.model import Origin, Stance
from coalition_tui.tui import make_app
from coalition_tui.tui.app import CoalitionApp
from coalition_tui.tui.review import EditScreen, ReviewScreen


def table_of(data: Path, record_id: str) -> dict:
    for path in (data / "commitments").glob("*.toml"):
        for table in tomllib.loads(path.read_text(encoding="utf-8")).get("commitment", []):
            if table["id"] == record_id:
                return table
    raise AssertionError(record_id)


def test_the_queue_holds_the_extracted_candidates_only(review_data):
    corpus = load_corpus(review_data)
    queue = review.queue(corpus)
    assert len(queue) == 11 and all(r.source == "nordic" and r.unreviewed for r in queue)


def test_the_queue_is_in_source_then_text_order(review_data):
    from coalition_tui.actions.ingest import ingest_file

    corpus = load_corpus(review_data)
    for name in ("southern", "baltic_typos", "london"):  # ids sort differently from the order they came in
        ingest_file(corpus, DATA.parent / "tests" / "articles" / f"{name}.txt", summit="2025-03-27-paris")
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
    assert main(["review", "reject", "nordic-x002-dnk-funding", "--data", str(review_data)]) == 0
    out = capsys.readouterr().out
    assert "accepted" in out and "9 record(s) left to review" in out
    assert main(["review", "--rejected", "--data", str(review_data)]) == 0
    assert "nordic-x002-dnk-funding" in capsys.readouterr().out
    assert main(["review", "accept", "no-such-id", "--data", str(review_data)]) == 1
    assert "no-such-id" in capsys.readouterr().err
    assert table_of(review_data, "nordic-x001-dnk-troops_in_ukraine")["origin"] == "curated"


@contextlib.asynccontextmanager
async def on_review(data: Path) -> AsyncIterator[tuple[CoalitionApp, Pilot, ReviewScreen]]:
    """The app on ``data``, loaded, showing the Review screen."""
    app = make_app(data, blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("7")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        yield app, pilot, app.screen


@pilot_test
@pytest.mark.parametrize("first", [200, 1])  # the window added at once, or a row per frame
async def test_a_long_queue_is_shown_a_window_at_a_time(review_data, monkeypatch, first):
    """The table holds WINDOW rows of the queue (a DataTable of 26,000 rows took 2 s to fill); a
    decided record's place is taken by the next one, ] and [ move by a window."""
    from textual.widgets import DataTable

    from coalition_tui.tui.widgets import Table

    monkeypatch.setattr(ReviewScreen, "WINDOW", 4)
    monkeypatch.setattr(Table, "FIRST", first)
    monkeypatch.setattr(Table, "BATCH", 1)
    async with on_review(review_data) as (_app, pilot, screen):
        table = screen.query_one("#review-queue", DataTable)
        status = lambda: str(screen.query_one("#review-status", Static).render())  # noqa: E731
        queue = [r.id for r in screen.rows]
        assert len(queue) == 11 and table.row_count == 4 and "showing 1–4 (] next, [ previous)" in status()
        await pilot.press("a")  # the fifth record joins the end of the table
        await pilot.pause()
        assert table.row_count == 4 and screen.current().id == queue[1] and "10 left" in status()
        assert [str(key.value) for key in table.rows] == queue[1:5]
        await pilot.press("right_square_bracket", "right_square_bracket")
        await pilot.pause()
        assert "showing 9–10" in status() and screen.current().id == queue[9]
        await pilot.press("down", "a", "a")  # the last window empties: the one before is shown
        await pilot.pause()
        assert len(screen.rows) == 8 and "showing 5–8" in status() and screen.current().id == queue[8]
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert "showing 1–4" in status() and screen.current().id == queue[1]


@pilot_test
async def test_review_screen_accept_reject_restore_and_edit(review_data):
    async with on_review(review_data) as (app, pilot, screen):
        assert isinstance(screen, ReviewScreen) and len(screen.rows) == 11
        first = screen.current()
        assert "Mette Fredriksen said Denmark was ready" in str(screen.query_one("#review-detail", Static).render())
        await pilot.press("a")
        await pilot.pause()
        assert len(screen.rows) == 10 and table_of(review_data, first.id)["origin"] == "curated"
        second = screen.current()
        await pilot.press("r")
        await pilot.pause()
        assert table_of(review_data, second.id)["rejected"] is True and len(screen.rows) == 9
        await pilot.press("x")  # the rejected list
        await pilot.pause()
        assert [r.id for r in screen.rows] == [second.id]
        await pilot.press("r")  # restore
        await pilot.pause()
        assert "rejected" not in table_of(review_data, second.id) and not screen.rows
        await pilot.press("x")
        await pilot.pause()
        assert len(screen.rows) == 10
        target = screen.current()
        await pilot.press("E")
        await pilot.pause()
        assert isinstance(app.screen, EditScreen)
        country = app.screen.query_one("#edit-country", Input)
        country.value = "Atlantis"
        await pilot.pause()
        assert "no country" in str(app.screen.query_one("#edit-country-match", Static).render())
        await pilot.press("ctrl+s")  # refused: the dialog stays
        await pilot.pause()
        assert isinstance(app.screen, EditScreen)
        country.value = "Swedn"  # a typo resolves
        await pilot.pause()
        assert "Sweden" in str(app.screen.query_one("#edit-country-match", Static).render())
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        saved = table_of(review_data, target.id)
        assert saved["country"] == "SWE" and saved["origin"] == "curated"
    assert len(review.queue(load_corpus(review_data))) == 9


@pilot_test
async def test_adding_a_folder_from_the_app_ingests_in_a_worker_and_shows_the_new_sources(data_copy, tmp_path):
    from coalition_tui.tui.add import AddArticlesScreen

    folder = tmp_path / "incoming"
    folder.mkdir()
    articles = ARTICLES
    (folder / "london.txt").write_bytes((articles / "london.txt").read_bytes())
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "loop.txt").symlink_to(folder / "loop.txt")  # a symlink loop: reported, the rest goes on
    app = make_app(data_copy, blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("4")
        await pilot.pause()
        await pilot.press("plus")
        await pilot.pause()
        assert isinstance(app.screen, AddArticlesScreen)
        app.screen.query_one("#add-path", Input).value = str(folder)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        status = str(app.screen.query_one("#add-status", Static).render())
        assert "1 article(s) added" in status and "empty.txt" in status and "loop.txt" in status
        await pilot.press("escape")
        await pilot.pause()
        await pilot.pause()
        assert "london" in app.corpus.sources and len(app.corpus.sources) == 6
        assert "6 sources" in app.title
        assert type(app.screen).__name__ == "SourcesScreen"
        await pilot.press("7")
        await pilot.pause()
        assert app.screen.rows and {r.source for r in app.screen.rows} == {"london"}


@pilot_test
async def test_the_overview_flags_cells_that_rest_only_on_unreviewed_records(review_data):
    from coalition_tui.tui.widgets import Table

    app = make_app(review_data, blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        table = app.screen.query_one("#matrix", Table)
        denmark = [str(cell) for cell in table.get_row("DNK")]
        britain = [str(cell) for cell in table.get_row("GBR")]
        assert any("⚑" in cell for cell in denmark)  # only the nordic article's candidates speak for Denmark
        assert not any("⚑" in cell for cell in britain)  # curated records back every British cell
        assert "⚑ unreviewed" in str(app.screen.query_one("#legend", Static).render())


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


@pilot_test
async def test_the_review_queue_filtered_then_decided_then_cleared(review_data):
    async with on_review(review_data) as (_app, pilot, screen):
        status = lambda: str(screen.query_one("#review-status", Static).render())  # noqa: E731
        filtered: list[str] = []
        apply = screen.apply_filter
        screen.apply_filter = lambda text: (filtered.append(text), apply(text))
        await pilot.press("slash", *"finland", "enter")
        await pilot.pause(0.3)  # the filter waits for typing to stop: once, not per key
        assert filtered == ["finland"]
        assert [r.country for r in screen.rows] == ["FIN", "FIN"] and "2 match “finland”" in status()
        first = screen.current()
        await pilot.press("a")  # accepted: out of the filtered list and of the queue
        await pilot.pause()
        assert [r.country for r in screen.rows] == ["FIN"] and screen.current() is not first
        assert "10 left to review" in status() and "1 match “finland”" in status()
        await pilot.press("escape")  # the whole queue again, without the accepted one
        await pilot.pause()
        assert len(screen.rows) == 10 and first.id not in {r.id for r in screen.rows} and "match" not in status()


@pilot_test
async def test_every_listed_record_accepted_or_rejected_at_once_after_a_confirmation(review_data):
    from coalition_tui.tui.dialogs import ConfirmScreen

    async with on_review(review_data) as (app, pilot, screen):
        await pilot.press("slash", *"finland", "enter")
        await pilot.pause(0.3)
        finland = [r.id for r in screen.rows]
        await pilot.press("A")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen) and "Accept all 2 record(s) listed matching “finland”" in (
            app.screen.question
        )
        await pilot.press("y")
        for _ in range(20):
            await pilot.pause(0.05)
            if screen._bulk is None:
                break
        assert all(table_of(review_data, rid)["origin"] == "curated" for rid in finland)
        assert not screen.rows and len(screen.everything) == 9
        assert any(n.message == "Accept: 2 of 2 record(s)" for n in app._notifications)

        await pilot.press("escape", "slash", *"sweden", "enter")
        await pilot.pause(0.3)
        sweden = [r.id for r in screen.rows]
        await pilot.press("R", "n")  # asked, and declined: nothing changes
        await pilot.pause()
        assert [r.id for r in screen.rows] == sweden and "rejected" not in table_of(review_data, sweden[0])
        await pilot.press("R", "y")
        for _ in range(20):
            await pilot.pause(0.05)
            if screen._bulk is None:
                break
        assert all(table_of(review_data, rid)["rejected"] is True for rid in sweden)
        assert len(load_corpus(review_data).rejected) == 2


@pilot_test
async def test_escape_stops_a_decision_on_all_listed_records_part_way(review_data, monkeypatch):
    from coalition_tui.tui import review as review_screen

    monkeypatch.setattr(review_screen._Bulk, "BATCH", 1)
    accept = review.accept
    calls: list[str] = []

    async with on_review(review_data) as (app, pilot, screen):

        def accept_then_escape(corpus, record_id):
            calls.append(record_id)
            if len(calls) == 3:
                screen.action_clear_filter()  # what Esc does (between two batches, in the app)
            return accept(corpus, record_id)

        monkeypatch.setattr(review, "accept", accept_then_escape)
        await pilot.press("A", "y")
        for _ in range(40):
            await pilot.pause(0.05)
            if screen._bulk is None:
                break
        accepted = [r for r in load_corpus(review_data).records if r.source == "nordic" and not r.unreviewed]
        assert len(accepted) == 3 and len(screen.everything) == 8
        assert any(n.message == "Accept: 3 of 11 record(s) (stopped)" for n in app._notifications)
