"""Countries: Enter browses the country's records beside the list (issue 23, item 9: no screen to build),
and the key bar at the foot of every screen."""

from __future__ import annotations

from conftest import DATA, country_text, loaded, pilot_test
from textual.widgets import Static

from coalition_tui.tui import make_app
from coalition_tui.tui.keybar import KeyBar
from coalition_tui.tui.record_pane import RecordPane


def record_box(app) -> str:
    return str(app.screen.query_one("#country-record", Static).render())


def country_heading(app) -> str:
    return str(app.screen.query_one("#country-detail", Static).render()).splitlines()[0]


@pilot_test
async def test_enter_browses_the_records_and_esc_goes_back_to_the_list():
    app = make_app(DATA, blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("2")
        await pilot.pause()
        first_country = country_heading(app)
        records = app.screen.query_one(RecordPane).records()
        assert len(records) >= 3
        assert records[0].quote[:40] in record_box(app)  # the first record's whole block, before Enter
        await pilot.press("enter", "j", "j")
        await pilot.pause()
        assert country_heading(app) == first_country  # j moved the records, not the country list
        assert records[2].quote[:40] in record_box(app)
        await pilot.press("space")
        await pilot.pause()
        assert app.selection.keys() == {records[2].id}  # Space took that one record, not the whole country
        assert "[x] " in record_box(app)
        await pilot.press("k")
        await pilot.pause()
        assert records[1].quote[:40] in record_box(app)
        await pilot.press("escape", "j")
        await pilot.pause(0.3)  # the detail follows the list once the cursor rests
        assert country_heading(app) != first_country
        await pilot.press("space")
        await pilot.pause()
        assert len(app.selection) > 1  # back in the list, Space selects the whole country


@pilot_test
async def test_the_last_record_of_a_long_country_is_scrolled_into_view():
    app = make_app(DATA, blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("2", "enter", "G")
        await pilot.pause()
        pane = app.screen.query_one(RecordPane)
        records = pane.records()
        assert records[-1].quote[:30] in record_box(app)
        assert pane.scroll_offset.y > 0  # the list moved to show it
        await pilot.press("g")
        await pilot.pause()
        assert records[0].quote[:30] in record_box(app) and pane.scroll_offset.y == 0


@pilot_test
async def test_clicking_a_record_highlights_it():
    app = make_app(DATA, blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("2")
        await pilot.pause()
        pane = app.screen.query_one(RecordPane)
        second = pane.records()[1]
        line = next(i for i, text in enumerate(pane.lines_text(width=2000)) if second.quote[:30] in text)
        await pilot.click(pane, offset=(5, line))
        await pilot.pause()
        assert second.quote[:30] in record_box(app)
        await pilot.press("j")  # clicking a record browses: j goes on through the records
        await pilot.pause()
        assert pane.records()[2].quote[:30] in record_box(app)


@pilot_test
async def test_a_country_shows_every_record_not_five_per_meeting():
    app = make_app(DATA, blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("2", "slash", *"united kingdom", "enter")
        await pilot.pause()
        total = len(app.corpus.by_country["GBR"])
        assert f"{total} record(s)" in country_text(app)
        assert len(app.screen.query_one(RecordPane).records()) == total


@pilot_test
async def test_the_key_bar_cuts_whole_keys_when_narrow():
    app = make_app(DATA, blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        text = str(app.screen.query_one(KeyBar).render())
        assert text.rstrip().endswith("^p  palette") and "…" in text
        pairs = text.split("…")[0].split("  ")
        assert pairs[-2] != "" and pairs[-1].strip() in {"Select", "Across meetings", "All levels", "Kind"}


@pilot_test
async def test_a_click_on_the_key_bar_presses_that_key():
    app = make_app(DATA, blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        bar = app.screen.query_one(KeyBar)
        x = str(bar.render()).index("Countries")
        await pilot.click(bar, offset=(x, 0))
        await pilot.pause()
        assert app.screen.sub_title == "Countries"
