"""Evidence: every record behind a matrix cell, with its quote, source, person and origin.

A cell of a big corpus can hold thousands of records; the list shows ``WINDOW`` of them at a time
(``]`` and ``[`` move by a window), since an OptionList lays out every option it holds.
"""

from __future__ import annotations

from collections import Counter

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from coalition_tui.store.model import Commitment, Kind
from coalition_tui.tui import render
from coalition_tui.tui.base import CorpusScreen, WindowMixin
from coalition_tui.tui.citing import CitingMixin
from coalition_tui.tui.keymap import BACK, CITE, OPEN_ARTICLE, SELECT, TABLE_BINDINGS, WINDOW_BINDINGS


class RecordList(OptionList):
    """Records as multi-line options; j/k move."""

    BINDINGS = [b for b in TABLE_BINDINGS if isinstance(b, Binding) and b.action in {"cursor_down", "cursor_up"}]


class EvidenceScreen(CitingMixin, WindowMixin, CorpusScreen):
    """The records for one country (and one meeting, when given)."""

    BINDINGS = [BACK, SELECT, OPEN_ARTICLE, CITE, *WINDOW_BINDINGS]

    WINDOW = 200  # options at once: laying out 17,000 took 6 s, and again after each selection

    def __init__(self, actor: str, summit: str | None, kind: Kind | None = None) -> None:
        super().__init__()
        self.actor, self.summit, self.kind = actor, summit, kind
        self.rows: list[Commitment] = []
        self.start = 0  # the first of ``rows`` in the list
        self.marked: list[bool] = []  # the selection mark each option in the list shows

    def records(self) -> list[Commitment]:
        """At one meeting, the records grouped by kind of contribution (in the vocabulary's order);
        across meetings, grouped by meeting in date order. Each group keeps the order records load in."""
        if self.summit or self.kind:
            found = self.corpus.filter(country=self.actor, summit=self.summit, kind=self.kind)
        else:
            found = self.corpus.by_country.get(self.actor, [])
        if self.summit is None:
            dates = {s.id: i for i, s in enumerate(self.corpus.summits_by_date())}
            return sorted(found, key=lambda r: dates.get(r.summit, len(dates)))
        order = {kind: i for i, kind in enumerate(Kind)}
        return sorted(found, key=lambda r: order[r.kind])

    def _group(self, record: Commitment) -> object:
        return record.kind if self.summit is not None else record.summit

    def _heading(self, record: Commitment, count: int) -> Content:
        if self.summit is not None:
            return Content.styled(f"── {record.kind.value} ({count})", "bold underline")
        meeting = self.corpus.summits.get(record.summit)
        return Content.styled(
            render.inert(f"── {meeting.label if meeting else record.summit} ({count})"), "bold underline"
        )

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
        return render.record_block(self.corpus, record, selected)  # the heading names the meeting or kind

    def _fill(self, cursor: int = 0) -> None:
        """The window's records under a heading per kind (headings are not records: they cannot be
        highlighted); ``self.index`` maps each option to its record."""
        options = self.query_one(RecordList)
        selected = self.capp.selection
        shown = self._shown()
        self.marked = [r.id in selected for r in shown]
        counts = Counter(self._group(r) for r in self.rows)
        items: list[Option] = []
        self.index: list[int | None] = []
        for i, (record, mark) in enumerate(zip(shown, self.marked, strict=True)):
            if i == 0 or self._group(shown[i - 1]) != self._group(record):
                items.append(Option(self._heading(record, counts[self._group(record)]), disabled=True))
                self.index.append(None)
            items.append(Option(self._prompt(record, mark), id=record.id))
            self.index.append(i)
        options.set_options(items)
        if options.option_count:
            options.highlighted = self._option_of(min(cursor, max(len(shown) - 1, 0)))
        self._title()

    def _option_of(self, record_index: int) -> int:
        return self.index.index(record_index) if record_index in self.index else 0

    def _record_at(self, option: int | None) -> int | None:
        return self.index[option] if option is not None and option < len(self.index) else None

    def _title(self) -> None:
        meeting = self.corpus.summits.get(self.summit or "")
        where = f" at {meeting.label}" if meeting else ", all meetings"
        where += f", {self.kind.value} only" if self.kind else ""
        self.query_one("#evidence-title", Static).update(
            Text(
                f"{self.corpus.label(self.actor)}{where}: {len(self.rows)} record(s){self.window_note()}"
                "   Esc: back · Space: select · Enter: article at quote · y: copy citation"
            )
        )

    def refresh_selection(self) -> None:
        """Redraw the options whose mark changed (one after Space), or the whole window if many did."""
        options = self.query_one(RecordList)
        selected = self.capp.selection
        shown = self._shown()
        changed = [i for i, r in enumerate(shown) if (r.id in selected) != self.marked[i]]
        if len(changed) > 3:  # each replaced prompt lays the list out again
            self._fill(self._record_at(options.highlighted) or 0)
            return
        for i in changed:
            self.marked[i] = not self.marked[i]
            options.replace_option_prompt_at_index(self._option_of(i), self._prompt(shown[i], self.marked[i]))

    def action_toggle_selection(self) -> None:
        at = self._record_at(self.query_one(RecordList).highlighted)
        if at is None:
            return
        self.toggle([self._shown()[at]])

    def cited_record(self) -> Commitment | None:
        at = self._record_at(self.query_one(RecordList).highlighted)
        return None if at is None else self._shown()[at]

    def on_option_list_option_selected(self, _event: OptionList.OptionSelected) -> None:
        self.action_open_article()  # Enter: the article at the quote

    def action_back(self) -> None:
        self.dismiss()

    def filters(self) -> dict[str, str]:
        return {
            "country": self.actor,
            **({"summit": self.summit} if self.summit else {}),
            **({"kind": self.kind.value} if self.kind else {}),
        }
