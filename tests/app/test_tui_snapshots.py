"""Snapshot tests: what a user sees in each screen (cursor blink frozen, loading finished)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import DATA, loaded

from coalition_tui.tui import make_app

SIZES = {"wide": (120, 40), "narrow": (80, 24)}


@pytest.fixture(autouse=True)
def same_folder_everywhere(monkeypatch, tmp_path_factory):
    """The header names the open folder, which is a different path on every machine and run: the
    snapshots show it as ``~/NAME`` (the real label is tested in test_tui_flows)."""
    from coalition_tui.store import journal, paths
    from coalition_tui.store.paths import read_only
    from coalition_tui.tui import agreement
    from coalition_tui.tui import app as app_module

    monkeypatch.setattr(paths, "_READ_ONLY", set())  # DATA, named here, is writable whatever ran before

    def label(root: Path) -> str:
        return "bundled corpus (read-only)" if read_only(root) else f"~/{root.name}"

    monkeypatch.setattr(app_module, "folder_label", label)
    monkeypatch.setattr(agreement, "folder_label", label)
    # and who decided what, when: the same reviewer at the same moment on every machine
    monkeypatch.setattr(journal, "utc_now", lambda: "2026-12-07T13:05:00Z")
    config = tmp_path_factory.mktemp("settings") / "config.toml"
    config.write_text('reviewer = "Ana Lopes"\n', encoding="utf-8")
    monkeypatch.setenv("COALITION_TUI_CONFIG", str(config))


def app(data: Path = DATA):
    return make_app(data, blink=False)


@pytest.mark.parametrize("size", SIZES)
class TestViews:
    def test_overview(self, snap_compare, size):
        """The matrix: countries with most commitments first, meetings by date, glyph + word per cell, legend."""
        assert snap_compare(app(), terminal_size=SIZES[size], run_before=loaded)

    def test_countries(self, snap_compare, size):
        """Countries with counts; the United Kingdom's people and its records meeting by meeting."""
        assert snap_compare(app(), terminal_size=SIZES[size], press=["2"], run_before=loaded)

    def test_summits(self, snap_compare, size):
        """Meetings by date; London's hosts, attendees, commitments by country and kind, sources."""
        assert snap_compare(app(), terminal_size=SIZES[size], press=["3"], run_before=loaded)

    def test_sources(self, snap_compare, size):
        """Articles; the selected one's records and its text with names highlighted and quotes marked."""
        assert snap_compare(
            app(), terminal_size=SIZES[size], press=["4", "tab", "j", "j", "wait:300"], run_before=loaded
        )

    def test_names(self, snap_compare, size):
        """Every surface form, lowest score first: the seeds' typos (Melono, Zelenskiy) at the top, in yellow."""
        assert snap_compare(app(), terminal_size=SIZES[size], press=["5", "wait:300"], run_before=loaded)

    def test_problems_with_a_broken_data_file(self, snap_compare, size, broken_data):
        """The title counts the problems; the Problems view names file, line, record, field and what to do."""
        assert snap_compare(app(broken_data), terminal_size=SIZES[size], press=["6"], run_before=loaded)


class TestDialogsAndDetails:
    def test_help(self, snap_compare):
        """Every key binding with its id, grouped: everywhere, tables, views."""
        assert snap_compare(app(), terminal_size=(120, 40), press=["question_mark"], run_before=loaded)

    def test_filtered_countries(self, snap_compare):
        """Typing /melono (a typo of Meloni's name) leaves only Italy, with its timeline."""
        keys = ["2", "slash", *"melono", "enter"]
        assert snap_compare(app(), terminal_size=(120, 40), press=keys, run_before=loaded)

    def test_evidence(self, snap_compare):
        """Enter on Italy x Paris 2026: the declined-troops record with its quote, source, person, origin."""
        keys = ["j"] * 5 + ["l"] * 4 + ["enter"]
        assert snap_compare(app(), terminal_size=(120, 40), press=keys, run_before=loaded)

    def test_export_dialog(self, snap_compare, monkeypatch):
        """After selecting a cell's records, e asks where to write them (the default path is timestamped)."""
        monkeypatch.setattr(
            "coalition_tui.actions.export.default_export_path", lambda: Path("coalition-export-TEST.toml")
        )
        keys = ["j"] * 5 + ["l"] * 4 + ["space", "e"]

        async def settle(pilot):
            await loaded(pilot)

        assert snap_compare(app(), terminal_size=(120, 40), press=keys, run_before=settle)


class TestDiffViews:
    def test_diff_000_vs_001_wide(self, snap_compare):
        """Sources, d on 000, d on 001: side by side; summary bar (shared/changed/only A/only B, names)."""
        keys = ["4", "j", "d", "j", "d"]
        assert snap_compare(app(), terminal_size=(120, 40), press=keys, run_before=loaded)

    def test_diff_000_vs_001_narrow(self, snap_compare):
        """The same diff at 80 columns: the unified layout, A and B lines marked."""
        keys = ["4", "j", "d", "j", "d"]
        assert snap_compare(app(), terminal_size=(80, 24), press=keys, run_before=loaded)

    def test_claims_diff(self, snap_compare):
        """t switches to claims: the UK conflicting (conditional in 000, committed in 001), then only-A/only-B."""
        keys = ["4", "j", "d", "j", "d", "t"]
        assert snap_compare(app(), terminal_size=(120, 40), press=keys, run_before=loaded)

    def test_germany_across_meetings(self, snap_compare):
        """Countries, /germany, a: Scholz -> Merz, and forces outside Ukraine new in January 2026."""
        keys = ["2", "slash", *"germany", "enter", "a"]
        assert snap_compare(app(), terminal_size=(120, 40), press=keys, run_before=loaded)


class TestReview:
    def test_review_queue(self, snap_compare, review_data):
        """7: the candidates of an ingested article, the first one's quote in its context."""
        assert snap_compare(app(review_data), terminal_size=(120, 40), press=["7"], run_before=loaded)

    def test_review_edit_form(self, snap_compare, review_data):
        """E: kind and stance from lists, country and person typed and resolved as you type."""
        assert snap_compare(app(review_data), terminal_size=(120, 40), press=["7", "j", "E"], run_before=loaded)

    @pytest.mark.parametrize("size", SIZES)
    def test_review_by_confidence(self, snap_compare, review_data, size):
        """s, c, c: sorted by confidence, only the records at 0.8 or more, the count in the status line."""
        keys = ["7", "s", "c", "c", "wait:300"]
        assert snap_compare(app(review_data), terminal_size=SIZES[size], press=keys, run_before=loaded)

    def test_bulk_accept_asks_with_the_count(self, snap_compare, review_data):
        """c, A: accept every record listed with confidence ≥ 0.9, after saying how many."""
        keys = ["7", "c", "A"]
        assert snap_compare(app(review_data), terminal_size=(120, 40), press=keys, run_before=loaded)

    def test_review_after_accept(self, snap_compare, review_data):
        """a: the first candidate leaves the queue (10 left); the cursor is on the next one."""
        assert snap_compare(app(review_data), terminal_size=(120, 40), press=["7", "a"], run_before=loaded)

    @pytest.mark.parametrize("size", SIZES)
    def test_unsure_queue(self, snap_compare, review_data, size):
        """n, n, x: two candidates marked unsure, then the unsure queue with who decided and when."""
        keys = ["7", "n", "n", "x", "wait:200"]
        assert snap_compare(app(review_data), terminal_size=SIZES[size], press=keys, run_before=loaded)

    @pytest.mark.parametrize("size", SIZES)
    def test_agreement_view(self, snap_compare, reviewed_twice, size):
        """agree A B --settle: the figures, then each candidate decided differently side by side."""
        a, b, _ids = reviewed_twice

        async def compared(pilot):
            await loaded(pilot)
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()

        assert snap_compare(make_app(a, blink=False, compare=b), terminal_size=SIZES[size], run_before=compared)


@pytest.mark.parametrize("size", SIZES)
class TestAuthoring:
    def test_record_form_on_a_sentence(self, snap_compare, size, data_copy):
        """Sources, the article's third sentence, n: the quote highlighted in its paragraph, one word more."""
        keys = ["4", "tab", "tab", "down", "down", "down", "n", "shift+right"]
        assert snap_compare(app(data_copy), terminal_size=SIZES[size], press=keys, run_before=loaded)

    def test_meeting_form(self, snap_compare, size, data_copy):
        """Summits, n: a meeting with two hosts resolved as typed."""
        keys = ["3", "n", *"2026-02-12", "tab", *"Rome", "tab", "tab", "tab", *"Meloni, Starmr"]
        assert snap_compare(app(data_copy), terminal_size=SIZES[size], press=keys, run_before=loaded)

    def test_names_person_form(self, snap_compare, size, unknown_names_data):
        """Names, x (only the names the gazetteer lacks), p: the person form with the title's country."""
        keys = ["5", "wait:500", "x", "p"]
        assert snap_compare(app(unknown_names_data), terminal_size=SIZES[size], press=keys, run_before=loaded)

    def test_add_dialog_shows_what_it_found(self, snap_compare, size, data_copy):
        """+, a saved page, Enter: headline, outlet, date, author and canonical URL found in it, and the
        meeting guessed with its reason, to correct before adding."""
        keys = ["plus", *"tests/articles/harbour-ledger.html", "enter", "wait:1500"]
        assert snap_compare(app(data_copy), terminal_size=SIZES[size], press=keys, run_before=loaded)

    def test_citation_form(self, snap_compare, size, data_copy):
        """Sources, M: the article's citation fields, to correct."""
        keys = ["4", "M"]
        assert snap_compare(app(data_copy), terminal_size=SIZES[size], press=keys, run_before=loaded)

    def test_names_alias_form(self, snap_compare, size, unknown_names_data):
        """Names, x, the second name, m: mapped to an entity as typed."""
        keys = ["5", "wait:500", "x", "j", "m", *"Estonia"]
        assert snap_compare(app(unknown_names_data), terminal_size=SIZES[size], press=keys, run_before=loaded)


async def _on_norway_at_paris_2026(pilot) -> None:
    await loaded(pilot)
    table = pilot.app.screen.query_one("#matrix")
    column = next(i for i, key in enumerate(table.columns) if key.value == "2026-01-06-paris")
    table.move_cursor(row=table.get_row_index("NOR"), column=column)
    await pilot.pause()


class TestRefusals:
    def test_overview_mixed_cell(self, snap_compare, mixed_data):
        """Norway at Paris 2026: troops declined, logistics committed: "● ✕ mixed", the hint names both."""
        assert snap_compare(app(mixed_data), terminal_size=(120, 40), run_before=_on_norway_at_paris_2026)

    def test_overview_filtered_to_troops(self, snap_compare, mixed_data):
        """K, troops_in_ukraine: the troops stances only; Norway declined."""
        keys = ["K", "down", "enter"]
        assert snap_compare(app(mixed_data), terminal_size=(120, 40), press=keys, run_before=_on_norway_at_paris_2026)

    def test_selection_view(self, snap_compare, mixed_data):
        """Space on Norway's cell, then 8: the two records an export would write."""
        keys = ["space", "8"]
        assert snap_compare(app(mixed_data), terminal_size=(120, 40), press=keys, run_before=_on_norway_at_paris_2026)
