"""Evidence: every record behind a matrix cell, with its quote, source, person and origin.

A cell of a big corpus can hold thousands of records; the list shows ``WINDOW`` of them at a time
(``]`` and ``[`` move by a window), since an OptionList lays out every option it holds.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from coalition_tui.model import Commitment
from coalition_tui.tui import render
from coalition_tui.tui.base import CorpusScreen, WindowMixin
from coalition_tui.tui.keymap import BACK, SELECT, TABLE_BINDINGS, WINDOW_BINDINGS


class RecordList(OptionList):
    """Records as multi-line options; j/k move."""

    BINDINGS = [b for b in TABLE_BINDINGS if b.action in {"cursor_down", "cursor_up"}]


class EvidenceScreen(WindowMixin, CorpusScreen):
    """The records for one country (and one meeting, when given)."""

    BINDINGS = [BACK, SELECT, *WINDOW_BINDINGS]

    WINDOW = 200  # options at once: laying out 17,000 took 6 s, and again after each selection

    def __init__(self, actor: str, summit: str | None) -> None:
        super().__init__()
        self.actor, self.summit = actor, summit
        self.rows: list[Commitment] = []
        self.start = 0  # the first of ``rows`` in the list
        self.marked: list[bool] = []  # the selection mark each option in the list shows

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
        self.sub_title = "Evidence"
        self.rows = list(self.records())
        self._fill()
        self.query_one(RecordList).focus()

    def _shown(self) -> list[Commitment]:
        return self.rows[self.start : self.start + self.WINDOW]

    def _prompt(self, record: Commitment, selected: bool) -> Content:
        return render.record_block(self.corpus, record, selected, with_summit=self.summit is None)

    def _fill(self, cursor: int = 0) -> None:
        options = self.query_one(RecordList)
        selected = self.capp.selection
        shown = self._shown()
        self.marked = [r.id in selected for r in shown]
        options.set_options(Option(self._prompt(r, mark), id=r.id) for r, mark in zip(shown, self.marked, strict=True))
        if options.option_count:
            options.highlighted = min(cursor, options.option_count - 1)
        self._title()

    def _title(self) -> None:
        meeting = self.corpus.summits.get(self.summit or "")
        where = f" at {meeting.label}" if meeting else ", all meetings"
        self.query_one("#evidence-title", Static).update(
            Text(
                f"{self.corpus.label(self.actor)}{where}: {len(self.rows)} record(s){self.window_note()}"
                "   Esc: back · Space: select"
            )
        )

    def refresh_selection(self) -> None:
        """Redraw the options whose mark changed (one after Space), or the whole window if many did."""
        options = self.query_one(RecordList)
        selected = self.capp.selection
        shown = self._shown()
        changed = [i for i, r in enumerate(shown) if (r.id in selected) != self.marked[i]]
        if len(changed) > 3:  # each replaced prompt lays the list out again
            self._fill(options.highlighted or 0)
            return
        for i in changed:
            self.marked[i] = not self.marked[i]
            options.replace_option_prompt_at_index(i, self._prompt(shown[i], self.marked[i]))

    def action_toggle_selection(self) -> None:
        options = self.query_one(RecordList)
        if options.highlighted is None:
            return
        self.toggle([self._shown()[options.highlighted]])

    def on_option_list_option_selected(self, _event: OptionList.OptionSelected) -> None:
        self.action_toggle_selection()

    def action_back(self) -> None:
        self.dismiss()

    def filters(self) -> dict[str, str]:
        return {"country": self.actor, **({"summit": self.summit} if self.summit else {})}
