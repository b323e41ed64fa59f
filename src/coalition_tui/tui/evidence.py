"""Evidence: every record behind a matrix cell, with its quote, source, person and origin."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from coalition_tui.model import Commitment
from coalition_tui.tui import render
from coalition_tui.tui.base import CorpusScreen
from coalition_tui.tui.keymap import BACK, SELECT, TABLE_BINDINGS


class RecordList(OptionList):
    """Records as multi-line options; j/k move."""

    BINDINGS = [b for b in TABLE_BINDINGS if b.action in {"cursor_down", "cursor_up"}]


class EvidenceScreen(CorpusScreen):
    """The records for one country (and one meeting, when given)."""

    BINDINGS = [BACK, SELECT]

    def __init__(self, actor: str, summit: str | None) -> None:
        super().__init__()
        self.actor, self.summit = actor, summit

    def records(self) -> list[Commitment]:
        if self.summit:
            return self.corpus.filter(country=self.actor, summit=self.summit)
        return self.corpus.by_country.get(self.actor, [])

    def compose(self) -> ComposeResult:
        header, footer = self.header_footer()
        yield header
        yield Static(id="evidence-title", classes="title")
        yield RecordList(id="evidence")
        yield footer

    def on_mount(self) -> None:
        meeting = self.corpus.summits.get(self.summit or "")
        where = f" at {meeting.label}" if meeting else ", all meetings"
        records = self.records()
        self.sub_title = "Evidence"
        self.query_one("#evidence-title", Static).update(
            Text(f"{self.corpus.label(self.actor)}{where}: {len(records)} record(s)   Esc: back · Space: select")
        )
        self.refresh_selection()
        self.query_one(RecordList).focus()

    def refresh_selection(self) -> None:
        options = self.query_one(RecordList)
        highlighted = options.highlighted
        options.clear_options()
        selected = self.capp.selection
        for record in self.records():
            block = render.record_block(self.corpus, record, record.id in selected, with_summit=self.summit is None)
            options.add_option(Option(block, id=record.id))
        if options.option_count:
            options.highlighted = min(highlighted or 0, options.option_count - 1)

    def action_toggle_selection(self) -> None:
        options = self.query_one(RecordList)
        if options.highlighted is None:
            return
        record_id = options.get_option_at_index(options.highlighted).id
        self.toggle([r for r in self.records() if r.id == record_id])

    def on_option_list_option_selected(self, _event: OptionList.OptionSelected) -> None:
        self.action_toggle_selection()

    def action_back(self) -> None:
        self.dismiss()

    def filters(self) -> dict[str, str]:
        return {"country": self.actor, **({"summit": self.summit} if self.summit else {})}
