"""Review in the app: the queue a window at a time, decisions saved at once, filters, decisions on every
listed record, and Add articles feeding the queue. Every check reads what the screen shows (the list,
the detail pane, the status line, the notices) or the files on disk."""

from __future__ import annotations

import contextlib
import re
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from conftest import ARTICLES, loaded, pilot_test, shown, table_of
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Select, Static

from coalition_tui.actions import review
from coalition_tui.analysis.citation import short
from coalition_tui.store.corpus import Corpus
from coalition_tui.store.loader import load_corpus
from coalition_tui.store.model import Commitment
from coalition_tui.tui import make_app
from coalition_tui.tui.app import CoalitionApp
from coalition_tui.tui.review import EditScreen, ReviewScreen


def listed(app: CoalitionApp) -> list[tuple[str, str, str]]:
    """Review's list as shown: country, kind and source of each row."""
    table = app.screen.query_one("#review-queue", DataTable)
    rows = [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]
    return [(row[0], row[1], row[4]) for row in rows]


def rows_for(corpus: Corpus, records: list[Commitment]) -> list[tuple[str, str, str]]:
    """How ``listed`` shows ``records``: the source by its outlet, else the start of its headline."""
    return [(corpus.label(r.country), r.kind.value, short(corpus.sources[r.source])) for r in records]


def status(app: CoalitionApp) -> str:
    return str(app.screen.query_one("#review-status", Static).render())


def detail(app: CoalitionApp) -> str:
    return str(app.screen.query_one("#review-detail", Static).render())


def shown_record(app: CoalitionApp, data: Path) -> str | None:
    """The id of the record the detail pane shows ("SUMMIT · id ID"), checked against the corpus on disk."""
    where = re.search(r" · id (\S+)", detail(app))
    if where is None:
        return None
    corpus = load_corpus(data)
    assert where.group(1) in {r.id for r in [*corpus.records, *corpus.rejected]}
    return where.group(1)


async def until_shown(pilot: Pilot, notice: str, tries: int = 40) -> None:
    """Wait until ``notice`` is on screen (a decision on many records runs in batches)."""
    for _ in range(tries):
        await pilot.pause(0.05)
        if notice in shown(pilot.app):
            return
    raise AssertionError(f"never shown: {notice}")


@contextlib.asynccontextmanager
async def on_review(data: Path) -> AsyncIterator[tuple[CoalitionApp, Pilot]]:
    """The app on ``data``, loaded, showing the Review screen (and its notices)."""
    app = make_app(data, blink=False)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await loaded(pilot)
        await pilot.press("7")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        yield app, pilot


@pilot_test
@pytest.mark.parametrize("first", [200, 1])  # the window added at once, or a row per frame
async def test_a_long_queue_is_shown_a_window_at_a_time(review_data, monkeypatch, first):
    """The table holds WINDOW rows of the queue (a DataTable of 26,000 rows took 2 s to fill); a
    decided record's place is taken by the next one, ] and [ move by a window."""
    from coalition_tui.tui.widgets import Table

    monkeypatch.setattr(ReviewScreen, "WINDOW", 4)
    monkeypatch.setattr(Table, "FIRST", first)
    monkeypatch.setattr(Table, "BATCH", 1)
    corpus = load_corpus(review_data)
    queue = review.queue(corpus)
    ids = [r.id for r in queue]
    async with on_review(review_data) as (app, pilot):
        await pilot.pause()
        assert len(queue) == 11 and listed(app) == rows_for(corpus, queue[:4])
        assert "showing 1–4 (] next, [ previous)" in status(app)
        await pilot.press("a")  # the fifth record joins the end of the table
        await pilot.pause()
        assert listed(app) == rows_for(corpus, queue[1:5]) and "10 left" in status(app)
        assert shown_record(app, review_data) == ids[1]
        await pilot.press("right_square_bracket", "right_square_bracket")
        await pilot.pause()
        assert "showing 9–10" in status(app) and shown_record(app, review_data) == ids[9]
        await pilot.press("down", "a", "a")  # the last window empties: the one before is shown
        await pilot.pause()
        assert "8 left" in status(app) and "showing 5–8" in status(app)
        assert shown_record(app, review_data) == ids[8]
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert "showing 1–4" in status(app) and shown_record(app, review_data) == ids[1]


@pilot_test
async def test_review_screen_accept_reject_restore_and_edit(review_data):
    async with on_review(review_data) as (app, pilot):
        screen = app.screen
        assert len(listed(app)) == 11 and "11 left to review" in status(app)
        first = shown_record(app, review_data)
        assert "Mette Fredriksen said Denmark was ready" in detail(app)
        await pilot.press("a")
        await pilot.pause()
        assert len(listed(app)) == 10 and table_of(review_data, first)["origin"] == "curated"
        second = shown_record(app, review_data)
        assert second != first
        await pilot.press("r")
        await pilot.pause()
        assert table_of(review_data, second)["rejected"] is True and len(listed(app)) == 9
        await pilot.press("x", "x")  # the unsure list, then the rejected one
        await pilot.pause()
        assert len(listed(app)) == 1 and shown_record(app, review_data) == second
        await pilot.press("r")  # restore
        await pilot.pause()
        assert "rejected" not in table_of(review_data, second) and not listed(app)
        assert "Nothing rejected." in detail(app)
        await pilot.press("x")
        await pilot.pause()
        assert len(listed(app)) == 10
        target = shown_record(app, review_data)
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
        saved = table_of(review_data, target)
        assert saved["country"] == "SWE" and saved["origin"] == "curated"
    assert len(review.queue(load_corpus(review_data))) == 9


@pilot_test
async def test_adding_a_folder_from_the_app_ingests_in_a_worker_and_shows_the_new_sources(data_copy, tmp_path):
    from coalition_tui.tui.add import AddArticlesScreen

    folder = tmp_path / "incoming"
    folder.mkdir()
    (folder / "london.txt").write_bytes((ARTICLES / "london.txt").read_bytes())
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
        said = str(app.screen.query_one("#add-status", Static).render())  # undated: the guess, not filed
        assert "0 article(s) added" in said and "london.txt: undated; it seems to report 2025-03-02-london" in said
        app.screen.query_one("#add-summit", Select).value = "2025-03-02-london"  # the user confirms it
        app.screen.query_one("#add-path", Input).focus()
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        added = str(app.screen.query_one("#add-status", Static).render())
        assert "1 article(s) added" in added and "empty.txt" in added and "loop.txt" in added
        await pilot.press("escape")
        await pilot.pause()
        await pilot.pause()
        assert "6 sources" in app.title
        assert type(app.screen).__name__ == "SourcesScreen"
        await pilot.press("7")
        await pilot.pause()
        assert listed(app) and {source for _country, _kind, source in listed(app)} == {"European leaders gathered a…"}
    assert "london" in load_corpus(data_copy).sources


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


@pilot_test
async def test_the_review_queue_filtered_then_decided_then_cleared(review_data):
    async with on_review(review_data) as (app, pilot):
        screen = app.screen
        filtered: list[str] = []
        apply = screen.apply_filter
        screen.apply_filter = lambda text: (filtered.append(text), apply(text))
        await pilot.press("slash", *"finland", "enter")
        await pilot.pause(0.3)  # the filter waits for typing to stop: once, not per key
        assert filtered == ["finland"]
        assert [country for country, _kind, _source in listed(app)] == ["Finland", "Finland"]
        assert "2 match “finland”" in status(app)
        first = shown_record(app, review_data)
        await pilot.press("a")  # accepted: out of the filtered list and of the queue
        await pilot.pause()
        assert [country for country, _kind, _source in listed(app)] == ["Finland"]
        assert shown_record(app, review_data) != first
        assert "10 left to review" in status(app) and "1 match “finland”" in status(app)
        await pilot.press("escape")  # the whole queue again, without the accepted one
        await pilot.pause()
        assert len(listed(app)) == 10 and "match" not in status(app)
        assert table_of(review_data, first)["origin"] == "curated"


@pilot_test
async def test_every_listed_record_accepted_or_rejected_at_once_after_a_confirmation(review_data):
    from coalition_tui.tui.dialogs import ConfirmScreen

    queue = review.queue(load_corpus(review_data))
    finland = [r.id for r in queue if r.country == "FIN"]
    sweden = [r.id for r in queue if r.country == "SWE"]
    assert len(finland) == 2 and len(sweden) == 2
    async with on_review(review_data) as (app, pilot):
        await pilot.press("slash", *"finland", "enter")
        await pilot.pause(0.3)
        await pilot.press("A")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "Accept all 2 record(s) listed matching “finland”" in shown(app)
        await pilot.press("y")
        await until_shown(pilot, "Accept: 2 of 2 record(s)")
        assert all(table_of(review_data, rid)["origin"] == "curated" for rid in finland)
        assert not listed(app) and "9 left to review" in status(app)

        await pilot.press("escape", "slash", *"sweden", "enter")
        await pilot.pause(0.3)
        await pilot.press("R", "n")  # asked, and declined: nothing changes
        await pilot.pause()
        assert len(listed(app)) == 2 and "rejected" not in table_of(review_data, sweden[0])
        await pilot.press("R", "y")
        await until_shown(pilot, "Reject: 2 of 2 record(s)")
        assert all(table_of(review_data, rid)["rejected"] is True for rid in sweden)
        assert len(load_corpus(review_data).rejected) == 2


@pilot_test
async def test_escape_stops_a_decision_on_all_listed_records_part_way(review_data, monkeypatch):
    accept = review.accept
    calls: list[str] = []

    async with on_review(review_data) as (app, pilot):
        screen = app.screen

        def accept_then_escape(corpus, record_id, *rest):
            calls.append(record_id)
            if len(calls) == 3:
                screen.action_clear_filter()  # what Esc does while the worker decides
            return accept(corpus, record_id, *rest)

        monkeypatch.setattr(review, "accept", accept_then_escape)
        await pilot.press("A", "y")
        await until_shown(pilot, "Accept: 3 of 11 record(s) (stopped)")
        accepted = [r for r in load_corpus(review_data).records if r.source == "nordic" and not r.unreviewed]
        assert len(accepted) == 3 and "8 left to review" in status(app)


@pilot_test
@pytest.mark.parametrize("then", ["a", "E"])
async def test_a_key_right_after_undo_acts_on_the_record_the_screen_shows(review_data, then):
    """Item 2 of issue 23: after u the list showed the old state for a moment, and `a` or `E` pressed
    meanwhile acted on a record the screen no longer showed. Pressed at machine speed here."""
    queue = review.queue(load_corpus(review_data))
    first, second = queue[0].id, queue[1].id
    async with on_review(review_data) as (app, pilot):
        await pilot.press("r")  # the first leaves the list; the second is under the cursor
        await pilot.pause()
        assert shown_record(app, review_data) == second
        await pilot.press("u", then)  # no pause between the two keys
        await pilot.pause()
        if then == "E":
            assert isinstance(app.screen, EditScreen)
            assert app.screen.record.id == first  # the record undo brought back, under the cursor
            await pilot.press("escape")
        await pilot.pause()
        corpus = load_corpus(review_data)
        undone = corpus.record(first)
        assert undone is not None and not undone.rejected
        assert undone.unreviewed is (then == "E")  # `a` accepted the record it showed: the first
        assert corpus.record(second).unreviewed  # and never the one shown before the undo


@pilot_test
async def test_what_the_command_line_writes_shows_in_an_open_app_within_seconds(review_data):
    from coalition_tui.cli import main

    queue = review.queue(load_corpus(review_data))
    async with on_review(review_data) as (app, pilot):
        before = status(app)
        assert f"{len(queue)} left to review" in before
        assert main(["review", "reject", queue[0].id, "--data", str(review_data)]) == 0
        for _ in range(100):  # the app looks every few seconds
            await pilot.pause(0.1)
            if f"{len(queue) - 1} left to review" in status(app):
                break
        assert f"{len(queue) - 1} left to review · 1 rejected" in status(app)
        await until_shown(pilot, "read again")


def _hold_lock(data: str, held, release) -> None:
    from coalition_tui.store.locking import data_lock

    with data_lock(Path(data)):
        held.set()
        release.wait(60)


@pilot_test
async def test_a_decision_while_another_process_writes_says_try_again_instead_of_freezing(review_data):
    """Item 13 of issue 23: the app froze ~20 s when a review key waited for a CLI import's lock."""
    import multiprocessing
    import time

    context = multiprocessing.get_context("fork")
    held, release = context.Event(), context.Event()
    holder = context.Process(target=_hold_lock, args=(str(review_data), held, release))
    queue = review.queue(load_corpus(review_data))
    async with on_review(review_data) as (app, pilot):
        holder.start()
        try:
            assert held.wait(30)
            began = time.monotonic()
            await pilot.press("a")
            await pilot.pause()
            assert time.monotonic() - began < 5  # the screen's thread waited well under the 30 s a command waits
            await until_shown(pilot, "try again")
            assert f"{len(queue)} left to review" in status(app)
        finally:
            release.set()
            holder.join(30)
        await pilot.press("a")  # free again: saved
        await pilot.pause()
        assert f"{len(queue) - 1} left to review" in status(app)
    assert not load_corpus(review_data).record(queue[0].id).unreviewed


@pilot_test
async def test_review_by_confidence_sorted_filtered_and_accepted_above_a_threshold(review_data):
    from coalition_tui.tui.dialogs import ConfirmScreen

    queue = review.queue(load_corpus(review_data))
    sure = sorted(r.id for r in queue if r.confidence >= 0.9)
    assert 0 < len(sure) < len(queue)  # the retrained model puts some, not all, of them at 0.9 or more
    async with on_review(review_data) as (app, pilot):
        await pilot.press("s")  # by confidence, highest first
        await pilot.pause()
        confidences = [float(str(app.screen.query_one("#review-queue", DataTable).get_row_at(i)[3]))
                       for i in range(len(queue))]  # fmt: skip
        assert confidences == sorted(confidences, reverse=True)
        await pilot.press("c")  # only confidence ≥ 0.9
        await pilot.pause()
        assert len(listed(app)) == len(sure) and "with confidence ≥ 0.9" in status(app)
        await pilot.press("A")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert f"Accept all {len(sure)} record(s) listed with confidence ≥ 0.9" in shown(app)
        await pilot.press("y")
        await until_shown(pilot, f"Accept: {len(sure)} of {len(sure)} record(s)")
    corpus = load_corpus(review_data)
    assert sorted(r.id for r in corpus.records if r.source == "nordic" and not r.unreviewed) == sure


@pilot_test
async def test_a_band_that_lists_nothing_says_so_rather_than_that_all_is_reviewed(review_data):
    async with on_review(review_data) as (app, pilot):
        await pilot.press("slash", *"russia", "enter")  # one candidate, at 0.80
        await pilot.pause(0.3)
        assert len(listed(app)) == 1
        app.screen.query_one("#review-queue", DataTable).focus()
        await pilot.press("c")  # confidence ≥ 0.9: none of it
        await pilot.pause()
        assert not listed(app)
        assert "Nothing listed: the filter or confidence band (c) leaves none out of 11" in detail(app)
        assert "every record is curated" not in detail(app)


@pilot_test
async def test_unsure_has_its_own_queue_shows_who_decided_and_undo_survives_a_restart(
    review_data, tmp_path, monkeypatch
):
    config = tmp_path / "settings.toml"
    config.write_text('reviewer = "Ana Lopes"\n', encoding="utf-8")
    monkeypatch.setenv("COALITION_TUI_CONFIG", str(config))
    async with on_review(review_data) as (app, pilot):
        unsure = shown_record(app, review_data)
        await pilot.press("n")
        await pilot.pause()
        assert "Marked unsure" in shown(app) and len(listed(app)) == 10
        assert "10 left to review · 1 unsure" in status(app)
        assert table_of(review_data, unsure)["unsure"] is True
        accepted = shown_record(app, review_data)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("x")  # the unsure queue
        await pilot.pause()
        assert len(listed(app)) == 1 and shown_record(app, review_data) == unsure
        assert "1 marked unsure" in status(app)
        assert "marked unsure" in detail(app) and "decided by Ana Lopes" in detail(app)
    # a new session: the last decision (the acceptance) is taken back with u
    async with on_review(review_data) as (app, pilot):
        await app.workers.wait_for_complete()
        await pilot.press("u")
        await pilot.pause()
        assert f"Undone: accept of {accepted}" in shown(app)
        assert "origin" not in table_of(review_data, accepted) or table_of(review_data, accepted)["origin"] != "curated"
        assert "decided_by" not in table_of(review_data, accepted)
        assert len(listed(app)) == 10 and "1 unsure" in status(app)
        await pilot.press("u")  # then the "unsure"
        await pilot.pause()
        assert len(listed(app)) == 11 and "unsure" not in table_of(review_data, unsure)
