"""Summits: meetings by date; the detail is who attended, what each country said, and the sources."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import DataTable, Static

from coalition_tui.analysis import browse
from coalition_tui.analysis.citation import source_line
from coalition_tui.store.vocab import Level
from coalition_tui.tui import render
from coalition_tui.tui.base import CorpusScreen
from coalition_tui.tui.keymap import NEW_MEETING, SELECT
from coalition_tui.tui.widgets import Table

SHOWN_PER_KIND = 8  # records shown per country and kind; the rest are counted
SHOWN_PER_KIND_BIG = 2  # ... at a meeting with more than BIG records (a Static lays out every line)
BIG = 1000
SHOWN_SOURCES = 30  # the Sources view lists them all


class SummitsScreen(CorpusScreen):
    BINDINGS = [SELECT, NEW_MEETING]

    def compose(self) -> ComposeResult:
        header, footer = self.header_footer()
        yield header
        with Horizontal(classes="panes"):
            yield Table(id="summits", cursor_type="row", zebra_stripes=True, classes="list-pane")
            with VerticalScroll(classes="detail-pane"):
                yield Static(id="summit-detail")
        yield footer

    def on_mount(self) -> None:
        self.sub_title = "Summits"
        table = self.query_one("#summits", Table)
        table.add_columns("Date", "Place", "Level", "Records", "Format")
        for s in self.corpus.summits_by_date():
            table.add_row(
                render.plain(s.date.isoformat()),
                render.plain(s.place),
                render.plain(s.level.short, "" if s.level is Level.LEADERS else "dim"),
                render.plain(str(len(self.corpus.by_summit.get(s.id, [])))),
                render.plain(s.format),
                key=s.id,
            )
        table.focus()
        self._show(self.current())

    def current(self) -> str | None:
        table = self.query_one("#summits", Table)
        if not table.row_count:
            return None
        return str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show(str(event.row_key.value) if event.row_key else None)

    def _show(self, summit_id: str | None) -> None:
        detail = self.query_one("#summit-detail", Static)
        if summit_id is None:
            detail.update(Content("No meetings in this corpus."))
            return
        corpus = self.corpus
        s = corpus.summits[summit_id]
        clean = render.inert  # the meetings file and the gazetteer are data too: nothing reaches the screen raw
        hosts = clean(", ".join(corpus.label(h) for h in s.hosts) or "unknown")
        present = clean(", ".join(corpus.label(a) for a in browse.attendees(corpus, summit_id)) or "none recorded")
        parts = [
            Content.assemble((clean(f"{s.place}, {s.date:%-d %B %Y}"), "bold underline"), clean(f"  {s.format}\n")),
            Content.assemble(("Venue  ", "bold"), clean(s.venue or "-"), "\n", ("Hosts  ", "bold"), hosts, "\n"),
            Content.assemble(("Attendees  ", "bold"), present, "\n"),
        ]
        if s.level is not Level.LEADERS:
            parts.append(Content.assemble(("Level  ", "bold"), s.level.short, "' meeting\n"))
        if s.sources:
            parts.append(Content.assemble(("Reported in", "bold"), "\n"))
            for url in s.sources:
                parts.append(Content.assemble("  ", (clean(url), "dim"), "\n"))
        if s.note:
            parts.append(Content.assemble((clean(s.note), "italic dim"), "\n"))
        selected = self.capp.selection
        shown = SHOWN_PER_KIND if len(corpus.by_summit.get(summit_id, [])) <= BIG else SHOWN_PER_KIND_BIG
        for actor, kinds in browse.grouped_commitments(corpus, summit_id).items():
            parts.append(Content.assemble("\n", (clean(corpus.label(actor)), "bold reverse"), "\n"))
            for kind, records in kinds.items():
                parts.append(Content.assemble(("  " + kind.value, "bold"), "\n"))
                for record in records[:shown]:
                    parts += [render.record_block(corpus, record, record.id in selected), Content("\n")]
                if len(records) > shown:
                    more = f"    … {len(records) - shown} more (Enter on the Overview cell lists them)\n"
                    parts.append(Content.styled(more, style="italic"))
        sources = browse.sources_of(corpus, summit_id)
        parts.append(Content.assemble("\n", ("Sources  ", "bold"), f"{len(sources)}\n"))
        for source_id in sources[:SHOWN_SOURCES]:
            source = corpus.sources.get(source_id)
            parts.append(Content.assemble("  ", (clean(source_line(source, url=True)), "italic"), "\n"))
        if len(sources) > SHOWN_SOURCES:
            more = f"  … {len(sources) - SHOWN_SOURCES} more: the Sources view (4) lists them all\n"
            parts.append(Content.styled(more, style="italic"))
        detail.update(Content("").join(parts))

    def refresh_selection(self) -> None:
        self._show(self.current())

    def action_toggle_selection(self) -> None:
        summit = self.current()
        if summit:
            self.toggle(self.corpus.by_summit.get(summit, []))

    def filters(self) -> dict[str, str]:
        return {"summit": self.current() or ""}

    def action_new_meeting(self) -> None:
        from coalition_tui.tui.meeting_form import MeetingForm

        def added(summit) -> None:  # noqa: ANN001 - Summit | None
            if summit is None:
                return
            self.notify(f"Added {summit.id} to {self.corpus.root / 'summits.toml'}", timeout=5)

        self.app.push_screen(MeetingForm(), added)
