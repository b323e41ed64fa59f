"""The agreement view: two reviewers' copies side by side, each difference settled by one person."""

from __future__ import annotations

from pathlib import Path

from conftest import loaded, pilot_test, shown, table_of
from textual.widgets import DataTable, Static

from coalition_tui.store.loader import load_corpus
from coalition_tui.tui import make_app
from coalition_tui.tui.agreement import AgreementScreen


def summary(app) -> str:
    return str(app.screen.query_one("#agree-summary", Static).render())


def rows(app) -> list[list[str]]:
    table = app.screen.query_one("#agree-table", DataTable)
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


@pilot_test
async def test_the_differences_are_listed_side_by_side_and_settled_one_by_one(reviewed_twice):
    a, b, ids = reviewed_twice
    app = make_app(a, blink=False, compare=b)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await loaded(pilot)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, AgreementScreen)
        assert "Cohen's κ 0.25 on the 6 candidates both decided" in summary(app)
        assert "3 decided differently, 0 settled" in summary(app)
        listed = rows(app)
        assert [r[1][0] for r in listed] == ["✓", "✓", "✕"]  # this copy: accepted, accepted, rejected
        assert [r[2][0] for r in listed] == ["✓", "✕", "✓"]  # the other
        assert "This copy: ✓ accepted" in shown(app) and "decided by Ben" in shown(app)
        await pilot.press("t")  # take B's edited stance for the first difference
        await pilot.pause()
        other = load_corpus(b).record(ids[0])
        assert table_of(a, ids[0])["stance"] == other.stance.value
        assert rows(app)[0][3] == "✓ took theirs" and rows(app)[0][1] == rows(app)[0][2]
        await pilot.press("m")  # keep A's acceptance of the second
        await pilot.pause()
        assert rows(app)[1][3] == "✓ kept mine" and table_of(a, ids[3]).get("rejected") is not True
        await pilot.press("t")  # the third: B accepted what A rejected
        await pilot.pause()
        assert table_of(a, ids[5]).get("rejected") is not True and table_of(a, ids[5])["origin"] == "curated"
        assert "3 decided differently, 3 settled" in summary(app)
        await pilot.press("u")  # an ordinary decision: undone like any other
        await pilot.pause()
        assert table_of(a, ids[5])["rejected"] is True
        assert rows(app)[2][1] == "✕ rejected"


@pilot_test
async def test_the_palette_asks_for_the_other_copy_and_refuses_a_folder_that_is_not_a_corpus(
    reviewed_twice, tmp_path: Path
):
    a, b, _ids = reviewed_twice
    app = make_app(a, blink=False)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await loaded(pilot)
        app.action_compare_copy()
        await pilot.pause()
        await pilot.press(*str(tmp_path), "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "not a corpus (no sources.toml)" in shown(app)
        app.action_compare_copy()
        await pilot.pause()
        await pilot.press(*str(b), "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, AgreementScreen) and len(rows(app)) == 3
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, AgreementScreen)
