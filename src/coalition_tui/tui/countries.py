"""Countries: a filterable list with counts; the detail is the country's people and its timeline."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.timer import Timer
from textual.widgets import DataTable, Static

from coalition_tui.analysis import browse
from coalition_tui.tui import render
from coalition_tui.tui.base import CorpusScreen, FilterMixin
from coalition_tui.tui.keymap import ACROSS, ALL_RECORDS, SELECT
from coalition_tui.tui.widgets import FilterInput, Table

SHOWN_PER_MEETING = 5  # the detail stays quick on a big corpus; Enter lists every record
DETAIL_DELAY = 0.08  # seconds the cursor rests before the detail is redrawn


class CountriesScreen(FilterMixin, CorpusScreen):
    BINDINGS = [*FilterMixin.BINDINGS, SELECT, ALL_RECORDS, ACROSS]

    def compose(self) -> ComposeResult:
        header, footer = self.header_footer()
        yield header
        with Horizontal(classes="panes"):
            with Vertical(classes="list-pane"):
                yield FilterInput(placeholder="filter: a name, alias, person, capital…", id="filter")
                yield Table(id="countries", cursor_type="row", zebra_stripes=True)
            with VerticalScroll(classes="detail-pane", id="country-detail-pane"):
                yield Static(id="country-detail")
        yield footer

    def on_mount(self) -> None:
        self._pending: Timer | None = None
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
        if self._pending is not None:
            self._pending.stop()
        self._pending = self.set_timer(DETAIL_DELAY, lambda: self._show(actor))

    def _show(self, actor: str | None) -> None:
        detail = self.query_one("#country-detail", Static)
        if actor is None:
            detail.update(Content("Nothing matches the filter. Esc clears it."))
            return
        corpus = self.corpus
        entity = corpus.gazetteer.entity(actor)
        code = f"  {entity.id} / {entity.alpha2}" if entity is not None and hasattr(entity, "alpha2") else ""
        people = [corpus.label(p) for p in browse.people_of(corpus, actor)]
        parts: list[Content] = [
            Content.assemble((corpus.label(actor), "bold underline"), code, "\n"),
            Content.assemble(("People  ", "bold"), ", ".join(people) if people else "none named", "\n"),
        ]
        selected = self.capp.selection
        for summit, records in browse.timeline(corpus, actor):
            parts.append(Content.assemble("\n", (f"{summit.label} · {summit.format}", "bold reverse"), "\n"))
            for record in records[:SHOWN_PER_MEETING]:
                parts.append(render.record_block(corpus, record, record.id in selected))
                parts.append(Content("\n"))
            if len(records) > SHOWN_PER_MEETING:
                parts.append(
                    Content.styled(
                        f"… {len(records) - SHOWN_PER_MEETING} more at this meeting: Enter lists them all\n",
                        style="italic",
                    )
                )
        detail.update(Content("").join(parts))

    def refresh_selection(self) -> None:
        self._show(self.current())

    def action_toggle_selection(self) -> None:
        actor = self.current()
        if actor:
            self.toggle(self.corpus.by_country.get(actor, []))

    def action_open(self) -> None:
        from coalition_tui.tui.evidence import EvidenceScreen

        actor = self.current()
        if actor:
            self.app.push_screen(EvidenceScreen(actor, None))

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
