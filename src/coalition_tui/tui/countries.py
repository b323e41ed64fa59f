"""Countries: a filterable list with counts; beside it the country's people and every record it has,
meeting by meeting, with the highlighted record's whole quote and source underneath."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.timer import Timer
from textual.widgets import DataTable, Static

from coalition_tui.analysis import browse
from coalition_tui.analysis.timeline import timeline
from coalition_tui.store.model import Commitment
from coalition_tui.tui import render
from coalition_tui.tui.base import CorpusScreen, FilterMixin
from coalition_tui.tui.citing import CitingMixin
from coalition_tui.tui.keybar import KeyBar
from coalition_tui.tui.keymap import ACROSS, ALL_RECORDS, RECORD_BINDINGS, SELECT
from coalition_tui.tui.record_pane import Entry, Heading, RecordPane
from coalition_tui.tui.widgets import FilterInput, Table

DETAIL_DELAY = 0.08  # seconds the cursor rests before the detail is redrawn


TIMELINE_ROWS = 32  # a shorter terminal keeps its rows for the records; Across shows the timeline


class CountriesScreen(CitingMixin, FilterMixin, CorpusScreen):
    """Enter browses the country's records: while it does, the movement keys, Space and Esc act on the
    records (priority bindings, enabled only then); the list keeps the focus, so nothing else repaints."""

    BINDINGS = [*FilterMixin.BINDINGS, SELECT, ALL_RECORDS, ACROSS, *RECORD_BINDINGS]

    def compose(self) -> ComposeResult:
        header, footer = self.header_footer()
        yield header
        with Horizontal(classes="panes"):
            with Vertical(classes="list-pane"):
                yield FilterInput(placeholder="filter: a name, alias, person, capital…", id="filter")
                yield Table(id="countries", cursor_type="row", zebra_stripes=True)
            with Vertical(classes="detail-pane", id="country-detail-pane"):
                yield Static(id="country-detail")
                yield RecordPane(id="country-records")
                yield Static(id="country-record", classes="record-box")
        yield footer

    def on_mount(self) -> None:
        self.browsing = False  # the movement keys act on the records
        self._pending: Timer | None = None
        self._actor: str | None = None  # whose records the pane lists
        self.sub_title = "Countries"
        self.counts = browse.actor_counts(self.corpus)
        table = self.query_one("#countries", Table)
        table.add_columns("Country", "Records")
        self.apply_filter("")
        table.focus()

    def apply_filter(self, text: str) -> None:
        table = self.query_one("#countries", Table)
        table.clear()
        shown = browse.filter_actors(self.corpus, text, [actor for actor, _ in self.counts])
        counts = dict(self.counts)
        for actor in shown:
            table.add_row(render.plain(self.corpus.label(actor)), render.plain(str(counts[actor])), key=actor)
        self._show(shown[0] if shown else None)

    def focus_list(self) -> None:
        self.query_one("#countries", Table).focus()

    def current(self) -> str | None:
        table = self.query_one("#countries", Table)
        if not table.row_count:
            return None
        return str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        # The cursor repaints at once; the detail follows when the keys pause, so holding j stays smooth.
        actor = str(event.row_key.value) if event.row_key else None
        self._cancel_pending()
        self._pending = self.set_timer(DETAIL_DELAY, lambda: self._show(actor))

    def _cancel_pending(self) -> None:
        if self._pending is not None:
            self._pending.stop()
            self._pending = None

    def _show(self, actor: str | None) -> None:
        self._pending = None
        self._browse(False)
        self._actor = actor
        detail = self.query_one("#country-detail", Static)
        pane = self.query_one(RecordPane)
        if actor is None:
            detail.update(Content("Nothing matches the filter. Esc clears it."))
            pane.show(self.corpus, [], self.capp.selection)
            return
        corpus = self.corpus
        entity = corpus.gazetteer.entity(actor)
        code = f"  {entity.id} / {entity.alpha2}" if entity is not None and hasattr(entity, "alpha2") else ""
        people = [corpus.label(p) for p in browse.people_of(corpus, actor)]
        entries: list[Entry] = []
        meetings = 0
        for summit, records in browse.timeline(corpus, actor):
            entries.append(Heading(f"{summit.label} · {summit.format} ({len(records)})"))
            entries.extend(records)
            meetings += 1
        count = len(entries) - meetings
        detail.update(
            Content.assemble(
                (corpus.label(actor), "bold underline"),
                code,
                "\n",
                ("People  ", "bold"),
                ", ".join(people) if people else "none named",
                "\n",
                (f"{count} record(s) at {meetings} meeting(s)", "bold"),
                ("   Enter browses them" if count else "", "dim"),
                "\n",
                render.timeline_strip(timeline(corpus, actor))
                if self.app.size.height >= TIMELINE_ROWS
                else Content.styled("Timeline: a (Across meetings) shows it", "dim"),
            )
        )
        pane.show(corpus, entries, self.capp.selection)

    @on(RecordPane.Highlighted)
    def _record_highlighted(self, event: RecordPane.Highlighted) -> None:
        box = self.query_one("#country-record", Static)
        if event.record is None:
            box.update(Content(""))
            return
        box.update(render.record_block(self.corpus, event.record, event.record.id in self.capp.selection))

    # ------------------------------------------------------------------ browsing the records
    def _browse(self, on: bool) -> None:
        if on != self.browsing:
            self.browsing = on
            self.query_one(RecordPane).activate(on)
            self.query_one(KeyBar).refresh()  # in this frame (refresh_bindings would take one more)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action.startswith("records_"):
            return self.browsing  # otherwise the key goes on to the list
        return True

    def action_records_move(self, step: int) -> None:
        self.query_one(RecordPane).move(step)

    def action_records_page(self, step: int) -> None:
        self.query_one(RecordPane).page(step)

    def action_records_ends(self, last: int) -> None:
        self.query_one(RecordPane).ends(bool(last))

    def action_records_toggle(self) -> None:
        record = self.query_one(RecordPane).record
        if record is not None:
            self.toggle([record])

    def cited_record(self) -> Commitment | None:
        return self.query_one(RecordPane).record if self.browsing else None

    def action_records_open(self) -> None:
        self.action_open_article()

    def action_records_cite(self) -> None:
        self.action_copy_citation()

    def action_records_leave(self) -> None:
        self._browse(False)

    @on(RecordPane.Clicked)
    def _record_clicked(self, _event: RecordPane.Clicked) -> None:
        self._browse(True)

    def action_filter(self) -> None:
        self._browse(False)
        super().action_filter()

    def refresh_selection(self) -> None:
        pane = self.query_one(RecordPane)
        pane.mark(self.capp.selection)
        record = pane.record
        if record is not None:
            box = self.query_one("#country-record", Static)
            box.update(render.record_block(self.corpus, record, record.id in self.capp.selection))

    def action_toggle_selection(self) -> None:
        actor = self.current()
        if actor:
            self.toggle(self.corpus.by_country.get(actor, []))

    def action_open(self) -> None:
        """Enter: the records of the country under the cursor, focused to browse (no screen to build)."""
        actor = self.current()
        if actor is None:
            return
        if self._pending is not None or actor != self._actor:
            self._cancel_pending()
            self._show(actor)
        if self.query_one(RecordPane).record is not None:
            self._browse(True)

    def action_across(self) -> None:
        from coalition_tui.tui.diff import AcrossScreen

        actor = self.current()
        if actor:
            self.app.push_screen(AcrossScreen(actor))

    def on_data_table_row_selected(self, _event: DataTable.RowSelected) -> None:
        self.action_open()

    def filters(self) -> dict[str, str]:
        text = self.filter_box().value
        return {"country filter": text} if text else {}
