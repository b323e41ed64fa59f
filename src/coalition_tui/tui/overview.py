"""Overview: countries x meetings, the strongest stance in each cell; Enter shows the evidence."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import DataTable, Static

from coalition_tui.matrix import StanceMatrix, stance_matrix
from coalition_tui.tui import render
from coalition_tui.tui.base import CorpusScreen
from coalition_tui.tui.keymap import ACROSS, LEVELS, OPEN, SELECT
from coalition_tui.tui.widgets import Table

LEVEL_SHORT = {"defence_ministers": "ministers", "military_chiefs": "chiefs"}


class OverviewScreen(CorpusScreen):
    """The stance matrix."""

    BINDINGS = [OPEN, SELECT, ACROSS, LEVELS]

    def compose(self) -> ComposeResult:
        header, footer = self.header_footer()
        yield header
        yield Static(id="overview-hint", classes="hint")
        yield Table(id="matrix", cursor_type="cell", zebra_stripes=True, header_height=2)
        yield Static(render.legend(), id="legend")
        yield footer

    def on_mount(self) -> None:
        self.sub_title = "Overview"
        from coalition_tui.tui.app import OVERVIEW_MATRIX

        ready = self.corpus.derived.pop(OVERVIEW_MATRIX, None)  # built by the loading worker, once
        self.all_levels = False
        self.matrix: StanceMatrix = ready if isinstance(ready, StanceMatrix) else stance_matrix(self.corpus)
        self._fill()

    def action_levels(self) -> None:
        """L: the ministers' and chiefs' meetings as columns too, or the leaders' only."""
        self.all_levels = not self.all_levels
        self.matrix = stance_matrix(self.corpus, self.all_levels)
        self._fill()

    def _fill(self) -> None:
        table = self.query_one("#matrix", Table)
        table.clear(columns=True)
        table.add_column(Text("Country"), key="country")
        for summit in self.matrix.summits:
            level = "" if summit.level == "leaders" else f" ({LEVEL_SHORT.get(summit.level, summit.level)})"
            table.add_column(Text(f"{summit.date:%-d %b %Y}\n{summit.place}{level}"), key=summit.id)
        for row in self.matrix.rows:
            cells = [render.plain(self.corpus.label(row), "bold")]
            cells += [
                render.stance_cell(self.matrix.cell(row, s.id), self.matrix.unreviewed(row, s.id))
                for s in self.matrix.summits
            ]
            table.add_row(*cells, key=row)
        if self.matrix.summits:
            table.move_cursor(column=1)
        self._hint()

    def _current(self) -> tuple[str, str] | None:
        table = self.query_one("#matrix", Table)
        if not table.row_count:
            return None
        row_key, column_key = table.coordinate_to_cell_key(table.cursor_coordinate)
        return str(row_key.value), str(column_key.value)

    def _hint(self) -> None:
        where = self._current()
        levels = "L: leaders' meetings only" if self.all_levels else "L: ministers' and chiefs' meetings too"
        hint = f"Enter: the evidence for a cell · Space: select its records · e: export · {levels}"
        if where:
            actor, summit = where
            records = self.matrix.records(actor, summit) if summit != "country" else self.corpus.by_country[actor]
            hint = f"{self.corpus.label(actor)}: {len(records)} record(s) here. " + hint
        self.query_one("#overview-hint", Static).update(Text(hint))

    def on_data_table_cell_highlighted(self, _event: DataTable.CellHighlighted) -> None:
        self._hint()

    def on_data_table_cell_selected(self, _event: DataTable.CellSelected) -> None:
        self.action_open()

    def action_open(self) -> None:
        from coalition_tui.tui.evidence import EvidenceScreen

        where = self._current()
        if where is None:
            return
        actor, summit = where
        summit_id = None if summit == "country" else summit
        self.app.push_screen(EvidenceScreen(actor, summit_id))

    def action_across(self) -> None:
        from coalition_tui.tui.diff import AcrossScreen

        where = self._current()
        if where:
            self.app.push_screen(AcrossScreen(where[0]))

    def action_toggle_selection(self) -> None:
        where = self._current()
        if where is None:
            return
        actor, summit = where
        self.toggle(self.corpus.by_country[actor] if summit == "country" else self.matrix.records(actor, summit))
