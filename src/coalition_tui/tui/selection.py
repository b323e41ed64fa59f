"""Selection: the records an export will write, one per row; Space takes one out."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from coalition_tui.analysis.citation import short
from coalition_tui.store.model import Commitment
from coalition_tui.tui import render
from coalition_tui.tui.base import CorpusScreen
from coalition_tui.tui.citing import CitingMixin
from coalition_tui.tui.keymap import CITE, OPEN_ARTICLE, SELECT
from coalition_tui.tui.widgets import Row, Table


class SelectionScreen(CitingMixin, CorpusScreen):
    """What ``e`` exports: every selected record, by meeting date and country."""

    BINDINGS = [SELECT, OPEN_ARTICLE, CITE]

    def compose(self) -> ComposeResult:
        header, footer = self.header_footer()
        yield header
        with Vertical():
            yield Static(id="selection-hint", classes="hint")
            yield Table(id="selection", cursor_type="row", zebra_stripes=True)
        yield footer

    def on_mount(self) -> None:
        self.sub_title = "Selection"
        table = self.query_one("#selection", Table)
        table.add_columns("Meeting", "Country", "Kind", "Stance", "Source", "Quote")
        self._fill()
        table.focus()

    def _records(self) -> list[Commitment]:
        corpus = self.corpus
        dates = {s.id: s.date.isoformat() for s in corpus.summits.values()}
        return sorted(
            self.capp.selection.values(),
            key=lambda r: (dates.get(r.summit, ""), corpus.label(r.country), r.kind.value, r.id),
        )

    def _fill(self, cursor: int = 0) -> None:
        corpus = self.corpus
        table = self.query_one("#selection", Table)
        records = self._records()

        def row(r: Commitment) -> Row:
            meeting = corpus.summits.get(r.summit)
            glyph, _word, style = render.STANCE_LOOK[r.stance.value]
            cells = (
                render.plain(meeting.label if meeting else r.summit),
                render.plain(corpus.label(r.country), "bold"),
                render.plain(r.kind.value),
                render.plain(f"{glyph} {r.stance.value}", style),
                render.plain(short(corpus.sources.get(r.source), r.source[:12]), "dim"),
                render.plain(r.quote[:80] + ("…" if len(r.quote) > 80 else ""), "italic"),
            )
            return cells, r.id

        table.fill(row(r) for r in records)  # a few hundred rows per frame: a big selection lists at once
        if records:
            table.move_cursor(row=min(cursor, len(records) - 1))
        meetings = len({r.summit for r in records})
        hint = (
            f"{len(records)} record(s) from {meetings} meeting(s) will be exported. Space: take the record out · "
            "e: export · X: clear all"
            if records
            else "Nothing selected. Space selects records in every view (a cell, a country, a record); they are listed here."
        )
        self.query_one("#selection-hint", Static).update(Text(hint))

    def refresh_selection(self) -> None:
        self._fill(self.query_one("#selection", Table).cursor_row)

    def cited_record(self) -> Commitment | None:
        table = self.query_one("#selection", Table)
        if not table.row_count:
            return None
        return self.capp.selection.get(str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value))

    def action_toggle_selection(self) -> None:
        table = self.query_one("#selection", Table)
        if not table.row_count:
            return
        record_id = str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)
        record = self.capp.selection.get(record_id)
        if record is not None:
            self.toggle([record])
