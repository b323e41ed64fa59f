"""Whole flows driven through the app as a user would, with Textual's Pilot."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from conftest import DATA, SEEDS, country_text, heading, load_back, loaded, open_source, pilot_test, shown
from rich.text import Text
from textual.widgets import Input, OptionList, Static

from coalition_tui.analysis.diffing import diff_sources
from coalition_tui.store.loader import load_corpus
from coalition_tui.tui import make_app
from coalition_tui.tui.dialogs import ConfirmScreen, ExportScreen, HelpScreen
from coalition_tui.tui.evidence import EvidenceScreen


def option_text(options: OptionList) -> str:
    return "\n".join(str(options.get_option_at_index(i).prompt) for i in range(options.option_count))


@pilot_test
async def test_italy_declined_troops_at_paris_2026_with_the_quote():
    app = make_app(DATA, blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("2", "slash", *"italy", "enter")
        await pilot.pause()
        detail = country_text(app)
        assert "Paris, 6 Jan 2026" in detail and "declined" in detail and "would not contribute troops" in detail
        await pilot.press("1", *"jjjjj", *"llll", "enter")
        await pilot.pause()
        assert isinstance(app.screen, EvidenceScreen)
        shown = option_text(app.screen.query_one(OptionList))
        assert "✕ declined" in shown and "troops_in_ukraine" in shown
        assert "said their countries would not contribute troops to any mission inside Ukraine." in shown
        assert "Giorgia Meloni" in shown and "curated" in shown
        await pilot.press("escape")
        assert not isinstance(app.screen, EvidenceScreen)


@pilot_test
async def test_select_two_records_export_and_load_back(tmp_path: Path):
    target = tmp_path / "two [b]x [@click=app.quit]y.toml"  # the path is echoed in a notification
    app = make_app(DATA, blink=False)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await loaded(pilot)
        await pilot.press("1", *"jjjj", "l", "l", "enter")  # Russia at 15 Mar (1 record) and more
        await pilot.pause()
        await pilot.press("escape", "j", "l", "l", "l", "l", "space")  # Italy x Paris 2026: one record
        await pilot.press("k", "space")  # Russia x Paris 2026: one record
        await pilot.pause()
        assert "2 selected" in shown(app).splitlines()[0]
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        app.screen.query_one(Input).value = str(target)
        await pilot.press("enter")
        toasts: list[str] = []
        for _ in range(100):  # written in a thread: wait for the notice the user sees
            await pilot.pause(0.05)
            toasts = [str(t.render()) for t in app.screen.query("Toast")]
            if any(text.startswith("Wrote 2 record(s)") for text in toasts):
                break
        wrote = [text for text in toasts if text.startswith("Wrote 2 record(s)")]
        assert wrote and str(target) in wrote[0]  # the path shown literally: "[b]" and "[@click…]" are not markup
    cells = {("ITA", "2026-01-06-paris"), ("RUS", "2026-01-06-paris")}  # the two cells chosen, one record each
    chosen = sorted((r for r in load_corpus(DATA).records if (r.country, r.summit) in cells), key=lambda r: r.id)
    assert len(chosen) == 2 and target.exists()
    assert sorted(load_back(tmp_path, target), key=lambda r: r.id) == chosen


@pilot_test
async def test_an_existing_file_is_replaced_only_after_confirmation(tmp_path: Path):
    target = tmp_path / "keep.toml"
    target.write_text("precious", encoding="utf-8")
    app = make_app(DATA, blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("space", "e")
        await pilot.pause()
        app.screen.query_one(Input).value = str(target)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert target.read_text(encoding="utf-8") == "precious"
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one(Input).value = str(target)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        await pilot.pause()
    assert "[[commitment]]" in target.read_text(encoding="utf-8")


def _hostile_corpus(tmp: Path) -> Path:
    """A corpus whose article, headline and quote are Textual markup and escape sequences."""
    shutil.copytree(DATA, tmp / "data", ignore=shutil.ignore_patterns("commitments"))
    shutil.copytree(SEEDS, tmp / "seeds")
    text = (
        "Britain said it [@click=app.quit]would send troops[/] to Ukraine. [/] [b]bold[/b] \x1b[31mred\x1b]0;title\x07\n"
        "France [link=https://example.com]agreed[/link] too.\n"
    )
    article = tmp / "data" / "articles" / "hostile.txt"
    article.write_text(text, encoding="utf-8")
    digest = hashlib.sha256(article.read_bytes()).hexdigest()
    with (tmp / "data" / "sources.toml").open("a", encoding="utf-8") as handle:
        handle.write(
            f'\n[hostile]\nfile = "articles/hostile.txt"\nheadline = "[/] [@click=app.quit]click me[/]"\n'
            f'summit = "2026-01-06-paris"\nsha256 = "{digest}"\n'
        )
    (tmp / "data" / "commitments").mkdir()
    (tmp / "data" / "commitments" / "hostile.toml").write_text(
        'source = "hostile"\n[[commitment]]\nid = "[/]"\ncountry = "GBR"\nkind = "troops_in_ukraine"\n'
        'stance = "committed"\nquote = "Britain said it [@click=app.quit]would send troops[/] to Ukraine."\n'
        'as_written = ["Britain"]\nnote = "[/]"\n',
        encoding="utf-8",
    )
    return tmp / "data"


@pilot_test
async def test_markup_in_articles_names_and_quotes_is_shown_literally_and_does_nothing(tmp_path: Path):
    data = _hostile_corpus(tmp_path)
    assert not load_corpus(data).errors
    app = make_app(data, blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("4")
        await pilot.pause()
        table = app.screen.query_one("#sources")
        rows = [table.get_row_at(i) for i in range(table.row_count)]
        assert any(
            isinstance(cell, Text) and cell.plain == "[/] [@click=app.quit]click me[/]" for row in rows for cell in row
        )
        await open_source(pilot, "hostile")
        view = app.screen.query_one("#article")
        shown = "".join(view.rows_text())
        assert "[@click=app.quit]would send troops[/]" in shown and "[/] [b]bold[/b]" in shown
        assert "\x1b" not in shown and "\x07" not in shown and "␛" in shown
        await pilot.click(view, offset=(20, 0))
        await pilot.pause()
        assert app.is_running  # clicking the text did not run app.quit
        await pilot.press("2", "slash", *"brit", "enter")
        await pilot.pause()
        assert "[@click=app.quit]would send troops[/]" in country_text(app)


@pilot_test
async def test_vim_keys_help_and_quit():
    app = make_app(DATA, blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        table = app.screen.query_one("#matrix")
        start = table.cursor_coordinate
        await pilot.press("j", "j", "l")
        assert (table.cursor_coordinate.row, table.cursor_coordinate.column) == (start.row + 2, start.column + 1)
        await pilot.press("G")
        assert table.cursor_coordinate.row == table.row_count - 1
        await pilot.press("g")
        assert table.cursor_coordinate.row == 0
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.press("q")
    assert not app.is_running


@pilot_test
async def test_a_broken_data_file_never_stops_the_app(broken_data: Path):
    app = make_app(broken_data, blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        assert "2 problem(s)" in app.title
        await pilot.press("6")
        await pilot.pause()
        assert app.screen.query_one("#problems").row_count == 2


@pilot_test
async def test_command_palette_reaches_every_view():
    from coalition_tui.tui.views import VIEWS

    app = make_app(DATA, blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        for view in reversed(VIEWS):  # Overview last: the app starts there
            await pilot.press("ctrl+p")
            await pilot.pause()
            await pilot.press(*f"go to {view.title.lower()}")
            await pilot.pause(0.3)
            await pilot.press("enter")
            await pilot.pause(0.3)
            assert heading(app) == view.title


def _side_by_side(app) -> bool:
    """Every row of the diff below its header shows two columns (A │ B)."""
    lines = shown(app).splitlines()
    rule = next(i for i, line in enumerate(lines) if line.startswith("─"))
    body = lines[rule + 1 : -1]  # below the header's rule, above the footer
    return all("│" in line for line in body if line.strip())


def _marked(app) -> str:
    """The first line of the diff row marked ▌ in the gutter (the current difference), as plain words."""
    line = next(line for line in shown(app).splitlines() if line.lstrip().startswith("▌"))
    return " ".join(line.replace("▌", " ").replace("│", " ").split())


def _opening(pair) -> str:
    """The first words of the sentence a difference shows."""
    sentence = pair.a if pair.kind == "only_a" else pair.b
    return " ".join(sentence.text.split()[:4])


@pilot_test
async def test_diff_view_steps_through_differences_swaps_and_switches_layout():
    from coalition_tui.tui.diff import DiffScreen

    app = make_app(DATA, blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("4", "j", "d", "j", "d")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DiffScreen)
        said = shown(app)  # each side by its outlet, date and headline
        assert "A outlet unknown · 27 Mar 2025 · Starmer in Paris with Macron" in said
        assert "B outlet unknown · 27 Mar 2025 · Starmer meets world leaders in Paris" in said
        assert _side_by_side(app)  # at 120 columns
        expected = diff_sources(app.corpus, "000_52fd44cbc1a803ce", "001_d758d6b22dd4d3b3")
        first, second = (expected.pairs[i] for i in expected.differences[:2])
        await pilot.press("n", "n")
        await pilot.pause()
        assert _opening(second) in _marked(app)  # the second difference, scrolled to and marked
        await pilot.press("p")
        await pilot.pause()
        assert _opening(first) in _marked(app) and _opening(first) != _opening(second)
        await pilot.press("w")
        await pilot.pause()
        assert "A outlet unknown · 27 Mar 2025 · Starmer meets world leaders in Paris" in shown(app)
        assert "2 reworded · 45 only in A" in str(screen.query_one("#diff-summary", Static).render())
        await pilot.press("v")
        await pilot.pause()
        assert not _side_by_side(app)  # unified
        await pilot.press("t")
        await pilot.pause()
        assert " differ · " in str(screen.query_one("#diff-summary", Static).render())


@pilot_test
async def test_long_articles_are_diffed_in_a_worker_and_the_screen_answers_meanwhile(monkeypatch):
    from coalition_tui.tui import diff
    from coalition_tui.tui.rows import RowsView

    monkeypatch.setattr(diff, "INLINE_CHARS", 0)  # every diff counts as long
    app = make_app(DATA, blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("4", "j", "d", "j", "d")
        screen = app.screen
        assert isinstance(screen, diff.DiffScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.query_one(RowsView).rows
        assert "45 only in B" in str(screen.query_one("#diff-summary", Static).render())


@pilot_test
async def test_across_meetings_compares_the_two_meetings_the_user_ticks():
    from coalition_tui.tui.diff import AcrossScreen

    app = make_app(DATA, blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("2", "slash", *"germany", "enter", "a")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, AcrossScreen)
        body = screen.query_one("#across-body", Static)
        assert "Virtual, 15 Mar 2025  →  Paris, 27 Mar 2025" in str(body.render())
        await pilot.press("down", "space")  # untick the virtual meeting
        await pilot.pause()
        text = str(body.render())
        assert "Virtual" not in text and "Paris, 27 Mar 2025  →  Paris, 6 Jan 2026" in text
        await pilot.press("down", "space")  # untick 27 March too: one meeting left, nothing to compare
        await pilot.pause()
        assert "Tick at least two meetings" in str(body.render())


@pilot_test
async def test_a_long_list_shows_its_first_rows_at_once_and_the_rest_while_keys_still_work():
    from typing import ClassVar

    from rich.text import Text as RichText
    from textual.app import App

    from coalition_tui.tui.widgets import Table

    class Watched(Table):
        seen: ClassVar[list[int]] = []  # how many rows there were when each key was handled

        def action_cursor_down(self) -> None:
            self.seen.append(self.row_count)
            super().action_cursor_down()

    class One(App):
        def compose(self):
            yield Watched(cursor_type="row")

    rows = [((RichText(f"source {i:05d}"),), f"s{i}") for i in range(10_000)]
    app = One()
    async with app.run_test(size=(60, 20)) as pilot:
        table = app.query_one(Watched)
        table.add_column("Source")
        table.focus()
        table.fill(rows)
        assert table.row_count == Table.FIRST and table.filling  # on screen before the rest is added
        await pilot.press("j", "j")
        assert table.cursor_row == 2
        assert table.seen[0] < len(rows) // 2  # the key was answered between batches, not after them all
        for _ in range(200):
            if not table.filling:
                break
            await pilot.pause()
        assert table.row_count == len(rows)
        assert [str(k.value) for k in table.rows][:3] == ["s0", "s1", "s2"]
        assert str(table.coordinate_to_cell_key((9999, 0)).row_key.value) == "s9999"

        table.fill(rows)
        await pilot.press("G")  # the end of the whole list, not of the rows added so far
        assert table.cursor_row == len(rows) - 1 and not table.filling

        table.fill(rows)
        table.clear()  # a new filter, say: what was still to come is dropped
        await pilot.pause()
        await pilot.pause()
        assert table.row_count == 0 and not table.filling


@pilot_test
async def test_a_cell_with_many_records_is_shown_a_window_at_a_time_and_space_marks_one(monkeypatch):
    monkeypatch.setattr(EvidenceScreen, "WINDOW", 5)
    app = make_app(DATA, blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        app.push_screen(EvidenceScreen("GBR", None))  # 18 records, all meetings
        await pilot.pause()
        options = app.screen.query_one(OptionList)
        title = app.screen.query_one("#evidence-title", Static)

        def records() -> list:  # the options that are records (the others head each meeting)
            return [o for i in range(options.option_count) if not (o := options.get_option_at_index(i)).disabled]

        assert len(records()) == 5
        assert "18 record(s) · showing 1–5 (] next, [ previous)" in str(title.render())
        first_window = [o.id for o in records()]

        await pilot.press("right_square_bracket", "right_square_bracket", "right_square_bracket")
        assert "showing 16–18" in str(title.render()) and len(records()) == 3
        await pilot.press("right_square_bracket")  # no further: the last window stays
        assert "showing 16–18" in str(title.render())

        await pilot.press("j", "space")  # the second of the last window
        await pilot.pause()
        second = records()[1]
        assert "1 selected" in shown(app).splitlines()[0]
        assert str(records()[1].prompt).startswith("[x]")
        assert str(records()[0].prompt).startswith("[ ]")
        assert options.get_option_at_index(options.highlighted).id == second.id  # the cursor stays on it

        await pilot.press("left_square_bracket", "left_square_bracket", "left_square_bracket", "left_square_bracket")
        assert [o.id for o in records()] == first_window
        assert "showing 1–5" in str(title.render())
        await pilot.press("X")  # clear the selection: no mark left anywhere
        await pilot.press("right_square_bracket", "right_square_bracket", "right_square_bracket")
        await pilot.pause()
        assert "showing 16–18" in str(title.render()) and records()[1].id == second.id
        assert "0 selected" in shown(app).splitlines()[0] and str(records()[1].prompt).startswith("[ ]")


@pilot_test
async def test_an_export_is_written_off_the_ui_thread(tmp_path: Path, monkeypatch):
    import threading

    from coalition_tui.actions import export

    target = tmp_path / "big.toml"
    release = threading.Event()
    real = export.write_output

    def slow_write(*args, **kwargs):  # a big selection: the disk takes its time
        assert release.wait(10)
        real(*args, **kwargs)

    monkeypatch.setattr(export, "write_output", slow_write)
    app = make_app(DATA, blink=False)
    said: list[str] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        shown = app.notify
        app.notify = lambda message, **kw: (said.append(message), shown(message, **kw))  # type: ignore[method-assign]
        await pilot.press("space", "e")  # the first cell's records
        await pilot.pause()
        app.screen.query_one(Input).value = str(target)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("2")  # the app still answers while the file is written
        await pilot.pause()
        assert heading(app) == "Countries" and not target.exists()
        release.set()
        for _ in range(100):  # the worker resumes after the write: wait for what the user is told
            await pilot.pause(0.05)
            if any(m.startswith("Wrote ") for m in said):
                break
        assert target.exists()
        assert any(m.startswith("Wrote ") for m in said)


@pilot_test
async def test_a_big_meeting_shows_a_few_records_per_kind_and_counts_the_rest(monkeypatch):
    """The summit detail is one Static laid out whole: at a meeting of 265,820 records and 10,000
    sources it took 5 s; a big meeting shows two records per country and kind and 30 sources."""
    from coalition_tui.tui import summits

    monkeypatch.setattr(summits, "BIG", 20)  # Paris, 27 March 2025 has 34 records here
    monkeypatch.setattr(summits, "SHOWN_SOURCES", 1)
    app = make_app(DATA, blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("3")
        await pilot.pause()
        detail = str(app.screen.query_one("#summit-detail", Static).render())
        while not detail.startswith("Paris, 27 March 2025"):
            await pilot.press("j")
            await pilot.pause()
            detail = str(app.screen.query_one("#summit-detail", Static).render())
        blocks = detail.count("[ ] ")
        records = len(app.corpus.by_summit["2025-03-27-paris"])
        assert 0 < blocks < records and f"{records - blocks} more" not in detail  # counted per kind
        assert "more (Enter on the Overview cell lists them)" in detail
        assert "Sources  2" in detail and "… 1 more: the Sources view (4) lists them all" in detail
        while not detail.startswith("Virtual, 15 March 2025"):  # a small meeting: every record
            await pilot.press("k")
            await pilot.pause()
            detail = str(app.screen.query_one("#summit-detail", Static).render())
        assert detail.count("[ ] ") == len(app.corpus.by_summit["2025-03-15-virtual"]) - sum(
            r.kind.value == "participation" for r in app.corpus.by_summit["2025-03-15-virtual"]
        )


@pilot_test
async def test_names_that_cannot_be_collected_are_a_message_not_a_crash(monkeypatch):
    from concurrent.futures.process import BrokenProcessPool

    from coalition_tui.analysis import browse

    def broken(*_args, **_kwargs):
        raise BrokenProcessPool("A process in the process pool was terminated abruptly")

    monkeypatch.setattr(browse, "names_seen", broken)
    app = make_app(DATA, blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("5")
        await app.workers.wait_for_complete()
        await pilot.pause()
        hint = str(app.screen.query_one("#names-hint", Static).render())
        assert hint.startswith("Could not collect the names: A process in the process pool was terminated")
        await pilot.press("1")  # the app goes on
        await pilot.pause()
        assert heading(app) == "Overview"
