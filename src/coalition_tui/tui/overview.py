"""Overview: countries x meetings, the strongest stance in each cell; Enter shows the evidence."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, OptionList, Static
from textual.widgets.option_list import Option

from coalition_tui.analysis.matrix import StanceMatrix, stance_matrix
from coalition_tui.store.model import Kind
from coalition_tui.store.vocab import Level
from coalition_tui.tui import render
from coalition_tui.tui.base import CorpusScreen
from coalition_tui.tui.keymap import ACROSS, KIND_FILTER, LEVELS, OPEN, SELECT
from coalition_tui.tui.widgets import Table


class OverviewScreen(CorpusScreen):
    """The stance matrix."""

    BINDINGS = [OPEN, SELECT, ACROSS, LEVELS, KIND_FILTER]

    def compose(self) -> ComposeResult:
        header, footer = self.header_footer()
        yield header
        yield Static(id="overview-hint", classes="hint")
        yield Table(id="matrix", cursor_type="cell", zebra_stripes=True, header_height=2)
        yield Static(render.legend(), id="legend")
        yield footer

    def on_mount(self) -> None:
        self.sub_title = "Overview"
        from coalition_tui.tui.loading import OVERVIEW_MATRIX

        ready = self.corpus.derived.pop(OVERVIEW_MATRIX)  # built by the loading worker, once
        self.all_levels = False
        self.kind: Kind | None = None
        self.matrix: StanceMatrix = ready if isinstance(ready, StanceMatrix) else stance_matrix(self.corpus)
        self._fill()

    def action_levels(self) -> None:
        """L: the ministers' and chiefs' meetings as columns too, or the leaders' only."""
        self.all_levels = not self.all_levels
        self._rebuild()

    def action_kind(self) -> None:
        """K: one kind of contribution only (troops, air support…), or all kinds."""

        def chosen(kind: Kind | str | None) -> None:
            if kind is None:
                return
            self.set_kind(kind if isinstance(kind, Kind) else None)

        self.app.push_screen(KindPicker(self.kind), chosen)

    def set_kind(self, kind: Kind | None) -> None:
        self.kind = kind
        self._rebuild()

    def _rebuild(self) -> None:
        self.matrix = stance_matrix(self.corpus, self.all_levels, self.kind)
        self._fill()

    def _fill(self) -> None:
        table = self.query_one("#matrix", Table)
        table.clear(columns=True)
        table.add_column(Text("Country"), key="country")
        for summit in self.matrix.summits:
            level = "" if summit.level is Level.LEADERS else f" ({summit.level.short})"
            table.add_column(Text(render.inert(f"{summit.date:%-d %b %Y}\n{summit.place}{level}")), key=summit.id)
        self.marked = self._selected_cells()
        for row in self.matrix.rows:
            cells = [self._cell(row, s.id) for s in self.matrix.summits]
            table.add_row(render.plain(self.corpus.label(row), "bold"), *cells, key=row)
        if self.matrix.summits:
            table.move_cursor(column=1)
        self.sub_title = f"Overview · {self.kind.value} only" if self.kind else "Overview"
        self._hint()

    def _selected_cells(self) -> set[tuple[str, str]]:
        """The (country, meeting) cells some of whose shown records are selected: found from the
        selection (a few records), never by looking through every cell's records."""
        return {(r.country, r.summit) for r in self.capp.selection.values() if self.kind is None or r.kind is self.kind}

    def _cell(self, row: str, summit: str) -> Text:
        m = self.matrix
        refusal = m.refusal(row, summit)
        return render.stance_cell(
            m.cell(row, summit),
            m.unreviewed(row, summit),
            refusal.value if refusal else None,
            (row, summit) in self.marked,
        )

    def refresh_selection(self) -> None:
        """Redraw the cells whose selection mark changed."""
        marked, self.marked = self.marked, self._selected_cells()
        table = self.query_one("#matrix", Table)
        shown = {s.id for s in self.matrix.summits}
        for row, summit in marked ^ self.marked:
            if summit in shown and row in table.rows:
                table.update_cell(row, summit, self._cell(row, summit))

    def on_screen_resume(self) -> None:
        """Back from Evidence or another view, where records may have been selected."""
        if hasattr(self, "marked"):  # not before the first fill
            self.refresh_selection()

    def _current(self) -> tuple[str, str] | None:
        table = self.query_one("#matrix", Table)
        if not table.row_count:
            return None
        row_key, column_key = table.coordinate_to_cell_key(table.cursor_coordinate)
        return str(row_key.value), str(column_key.value)

    def _hint(self) -> None:
        where = self._current()
        levels = "L: leaders' meetings only" if self.all_levels else "L: ministers' and chiefs' too"
        kind = f"K: kind ({self.kind.value})" if self.kind else "K: one kind only"
        hint = f"Enter: evidence · Space: select · e: export · {kind} · {levels}"
        if where:
            actor, summit = where
            if summit == "country":
                records = self.corpus.by_country[actor]
                place = "all meetings"
            else:
                records = self.matrix.records(actor, summit)
                meeting = self.corpus.summits.get(summit)
                place = meeting.label if meeting else summit
            stances = sorted(
                self.matrix.stances(actor, summit) if summit != "country" else set(), key=lambda s: -s.strength
            )
            said = f" ({', '.join(s.value for s in stances)})" if stances else ""
            hint = f"{self.corpus.label(actor)} at {place}: {len(records)} record(s){said}. " + hint
        self.query_one("#overview-hint", Static).update(Text(render.inert(hint)))  # names are data

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
        if summit_id is not None and not self.matrix.records(actor, summit_id):
            return  # an empty cell: nothing to show
        self.app.push_screen(EvidenceScreen(actor, summit_id, self.kind))

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
        if summit == "country":
            records = [r for r in self.corpus.by_country[actor] if self.kind is None or r.kind is self.kind]
        else:
            records = self.matrix.records(actor, summit)
        self.toggle(records)

    def filters(self) -> dict[str, str]:
        where = self._current()
        out = {"kind": self.kind.value} if self.kind else {}
        if where:
            out["country"] = where[0]
            if where[1] != "country":
                out["summit"] = where[1]
        return out


class KindPicker(ModalScreen[Kind | str | None]):
    """The kinds of contribution to show in the Overview; "all kinds" clears the filter."""

    BINDINGS = [("escape", "cancel", "Cancel")]

    def __init__(self, current: Kind | None) -> None:
        super().__init__()
        self.current = current

    def compose(self) -> ComposeResult:
        options = [Option("all kinds", id="all")] + [Option(k.value, id=k.value) for k in Kind]
        with Vertical(id="kind-dialog", classes="dialog"):
            yield Static(Text("Show one kind of contribution", style="bold"), classes="title")
            yield OptionList(*options, id="kind-options")
            yield Static(Text("Enter: show · Esc: cancel"), classes="hint")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = 0 if self.current is None else list(Kind).index(self.current) + 1
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        chosen = event.option.id
        self.dismiss("all" if chosen == "all" or chosen is None else Kind(chosen))

    def action_cancel(self) -> None:
        self.dismiss(None)
