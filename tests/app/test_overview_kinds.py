"""An Overview that shows refusals (issue 17, Build 3): a kind filter, mixed cells, evidence by kind,
selection marks and the Selection view; and the small things of Build 4."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import DATA, loaded, pilot_test, shown
from textual.widgets import OptionList

from coalition_tui.analysis.matrix import stance_matrix
from coalition_tui.cli import main
from coalition_tui.store.loader import load_corpus
from coalition_tui.store.model import Kind, Stance
from coalition_tui.tui import make_app
from coalition_tui.tui.record_pane import RecordPane

PARIS_2026 = "2026-01-06-paris"


def test_a_refusal_beside_a_commitment_is_shown_not_hidden(mixed_data: Path):
    corpus = load_corpus(mixed_data)
    m = stance_matrix(corpus)
    assert m.strongest("NOR", PARIS_2026) is Stance.COMMITTED
    assert m.refusal("NOR", PARIS_2026) is Stance.DECLINED
    troops = stance_matrix(corpus, kind=Kind.TROOPS_IN_UKRAINE)
    assert troops.cell("NOR", PARIS_2026) == "declined" and troops.refusal("NOR", PARIS_2026) is None
    logistics = stance_matrix(corpus, kind=Kind.LOGISTICS)
    assert logistics.cell("NOR", PARIS_2026) == "committed"
    assert "ITA" not in logistics.rows  # a row per actor that has a record of the kind


def test_summary_kind_and_json(mixed_data: Path, capsys):
    assert main(["summary", "--data", str(mixed_data)]) == 0
    norway = next(line for line in capsys.readouterr().out.splitlines() if line.startswith("Norway"))
    assert "committed+declined" in norway
    assert main(["summary", "--kind", "troops_in_ukraine", "--json", "--data", str(mixed_data)]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    norway_row = next(r for r in rows if r["country_code"] == "NOR")
    assert norway_row["meetings"][PARIS_2026]["stance"] == "declined" and norway_row["kind"] == "troops_in_ukraine"


@pilot_test
async def test_the_overview_cell_shows_both_and_k_filters_one_kind(mixed_data: Path):
    app = make_app(mixed_data, blink=False)
    async with app.run_test(size=(140, 40)) as pilot:
        await loaded(pilot)
        table = app.screen.query_one("#matrix")
        cell = str(table.get_cell("NOR", PARIS_2026))
        assert cell.startswith("● ✕ mixed")
        await pilot.press("K")
        await pilot.pause()
        picker = app.screen.query_one(OptionList)
        picker.highlighted = list(Kind).index(Kind.TROOPS_IN_UKRAINE) + 1
        await pilot.press("enter")
        await pilot.pause()
        table = app.screen.query_one("#matrix")
        assert str(table.get_cell("NOR", PARIS_2026)).startswith("✕ declined")
        assert "troops_in_ukraine only" in app.screen.sub_title
        await pilot.press("K", "home", "enter")  # all kinds again
        await pilot.pause()
        assert str(app.screen.query_one("#matrix").get_cell("NOR", PARIS_2026)).startswith("● ✕ mixed")


@pilot_test
async def test_evidence_lists_a_cells_records_by_kind(mixed_data: Path):
    from coalition_tui.tui.evidence import EvidenceScreen

    app = make_app(mixed_data, blink=False)
    async with app.run_test(size=(140, 40)) as pilot:
        await loaded(pilot)
        app.push_screen(EvidenceScreen("NOR", PARIS_2026))
        await pilot.pause()
        options = app.screen.query_one(OptionList)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        headings = [p for p in prompts if p.startswith("── ")]
        assert headings == ["── troops_in_ukraine (1)", "── logistics (1)"]
        assert options.get_option_at_index(options.highlighted).disabled is False  # the cursor is on a record


@pilot_test
async def test_enter_on_an_empty_cell_does_nothing_and_the_hint_names_the_meeting():
    from coalition_tui.tui.overview import OverviewScreen

    app = make_app(DATA, blink=False)
    async with app.run_test(size=(140, 40)) as pilot:
        await loaded(pilot)
        table = app.screen.query_one("#matrix")
        row = table.get_row_index("SWE")
        column = next(i for i, key in enumerate(table.columns) if key.value == PARIS_2026)
        table.move_cursor(row=row, column=column)
        await pilot.pause()
        assert "Sweden at Paris, 6 Jan 2026: 0 record(s)" in str(app.screen.query_one("#overview-hint").render())
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, OverviewScreen)


@pilot_test
async def test_selected_cells_are_marked_and_the_selection_view_lists_what_export_writes(mixed_data: Path):
    app = make_app(mixed_data, blink=False)
    async with app.run_test(size=(140, 40)) as pilot:
        await loaded(pilot)
        table = app.screen.query_one("#matrix")
        row = table.get_row_index("NOR")
        column = next(i for i, key in enumerate(table.columns) if key.value == PARIS_2026)
        table.move_cursor(row=row, column=column)
        await pilot.press("space")
        await pilot.pause()
        assert str(app.screen.query_one("#matrix").get_cell("NOR", PARIS_2026)).endswith("▪")
        await pilot.press("8")
        await pilot.pause()
        listed = app.screen.query_one("#selection")
        assert listed.row_count == 2 and "2 record(s) from 1 meeting(s)" in str(
            app.screen.query_one("#selection-hint").render()
        )
        await pilot.press("space")  # take one out
        await pilot.pause()
        assert listed.row_count == 1 and "1 selected" in shown(app).splitlines()[0]
        await pilot.press("1")
        await pilot.pause()
        assert str(app.screen.query_one("#matrix").get_cell("NOR", PARIS_2026)).endswith("▪")  # one still selected


@pilot_test
async def test_across_meetings_ticks_read_without_colour():
    from coalition_tui.tui.diff import AcrossScreen

    app = make_app(DATA, blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        app.push_screen(AcrossScreen("GBR"))
        await pilot.pause()
        meetings = app.screen.query_one("#across-meetings")
        first = str(meetings.get_option_at_index(0).prompt)
        assert first.startswith("[x] ") or first.startswith("[ ] ")
        ticked = first.startswith("[x]")
        await pilot.press("space")
        await pilot.pause()
        assert str(meetings.get_option_at_index(0).prompt).startswith("[ ] " if ticked else "[x] ")


@pilot_test
async def test_countries_lists_every_meeting_of_a_country_in_date_order():
    app = make_app(DATA, blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("2", "slash", *"united kingdom", "enter")
        await pilot.pause()
        lines = app.screen.query_one(RecordPane).lines_text(width=2000)
        headings = [line.rsplit(" · ", 1)[0] for line in lines if not line.startswith(("[", "    “"))]
        corpus = app.corpus
        expected = [s.label for s in corpus.summits_by_date() if corpus.filter(country="GBR", summit=s.id)]
        assert headings == expected
