"""A scrolling list of records under headings that draws only the lines on screen.

Each record takes two lines (stance, kind, country, person; the start of its quote) and each heading
one, so where every entry starts is known without laying anything out: a country with thousands of
records shows at once. The highlighted record's whole quote and source are shown by the screen
(``Highlighted``), not here.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Container, Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from coalition_tui.store.corpus import Corpus
from coalition_tui.store.model import Commitment
from coalition_tui.store.safe import inert
from coalition_tui.tui.render import STANCE_LOOK


@dataclass(frozen=True)
class Heading:
    """A line above a group of records (a meeting, a kind)."""

    text: str


Entry = Heading | Commitment

RECORD_HEIGHT = 2


class RecordPane(ScrollView, can_focus=False):
    """Headings and records; the cursor moves over records only.

    The pane never takes the focus: its screen moves the cursor (``move``, ``page``, ``ends``) while the
    pane is ``active``, since a focus change repaints the whole screen (~100 ms on a big table); being
    made active repaints only the cursor.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "record-pane--cursor",
        "record-pane--cursor-active",
        "record-pane--heading",
    }

    DEFAULT_CSS = """
    RecordPane { height: 1fr; overflow-x: hidden; }
    RecordPane > .record-pane--heading { text-style: bold reverse; }
    RecordPane > .record-pane--cursor { background: $block-cursor-blurred-background; }
    RecordPane > .record-pane--cursor-active {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
    }
    """

    cursor: reactive[int] = reactive(-1, init=False)  # index into entries of the highlighted record

    class Highlighted(Message):
        """The highlighted record changed (None: there are no records)."""

        def __init__(self, pane: RecordPane, record: Commitment | None) -> None:
            super().__init__()
            self.pane, self.record = pane, record

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.corpus: Corpus | None = None
        self.entries: list[Entry] = []
        self.starts: list[int] = []  # the first line of each entry
        self.selected: Container[str] = ()
        self.active = False  # the screen's keys move the cursor

    def activate(self, on: bool) -> None:
        """Show the cursor as the one the keys move (or not)."""
        if on != self.active:
            self.active = on
            self._refresh_entry(self.cursor)

    # ------------------------------------------------------------------ content
    def show(self, corpus: Corpus, entries: Sequence[Entry], selected: Container[str]) -> None:
        """Replace what is listed (``selected``: the ids to mark); the cursor goes to the first record."""
        self.corpus = corpus
        self.entries = list(entries)
        self.selected = selected
        self.starts = []
        line = 0
        for entry in self.entries:
            self.starts.append(line)
            line += 1 if isinstance(entry, Heading) else RECORD_HEIGHT
        self.virtual_size = Size(0, line)  # as wide as the pane: lines are cut, never scrolled sideways
        self.scroll_to(0, 0, animate=False)
        first = self._next_record(0, 1)
        self.set_reactive(RecordPane.cursor, -1)
        self.cursor = first if first is not None else -1
        if first is None:
            self.post_message(self.Highlighted(self, None))
        self.refresh()

    def mark(self, selected: Container[str]) -> None:
        """The selection changed: redraw the marks."""
        self.selected = selected
        self.refresh()

    @property
    def record(self) -> Commitment | None:
        """The highlighted record."""
        entry = self.entries[self.cursor] if 0 <= self.cursor < len(self.entries) else None
        return entry if isinstance(entry, Commitment) else None

    def records(self) -> list[Commitment]:
        return [e for e in self.entries if isinstance(e, Commitment)]

    def lines_text(self, width: int | None = None) -> list[str]:
        """Every line as plain text, cut at ``width`` (the pane's own by default)."""
        width = width or max(self.scrollable_content_region.width, 40)
        return [self._line(entry, sub, width).plain for entry in self.entries for sub in range(self._height(entry))]

    # ------------------------------------------------------------------ drawing
    def _height(self, entry: Entry) -> int:
        return 1 if isinstance(entry, Heading) else RECORD_HEIGHT

    def _line(self, entry: Entry, sub: int, width: int) -> Text:
        if isinstance(entry, Heading):
            text = Text(inert(entry.text))
            text.stylize(self.get_component_rich_style("record-pane--heading"))  # spans: render ignores a base style
        elif sub == 0:
            assert self.corpus is not None, "records are shown with their corpus"
            glyph, _word, style = STANCE_LOOK[entry.stance.value]
            person = f" · {self.corpus.label(entry.person)}" if entry.person else ""
            text = Text.assemble(
                "[x] " if entry.id in self.selected else "[ ] ",
                (f"{glyph} {entry.stance.value}", style),
                f"  {entry.kind.value}  ",
                (self.corpus.label(entry.country), "bold"),
                person,
                ("" if entry.origin.value == "curated" else f"  ⚑ {entry.confidence:.2f}", "italic yellow"),
            )
        else:
            text = Text.assemble(("    “", "dim"), (inert(entry.quote), "italic"), ("”", "dim"))
        text.truncate(width, overflow="ellipsis")
        return text

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        line = y + self.scroll_offset.y
        index = bisect_right(self.starts, line) - 1
        if index < 0 or index >= len(self.entries) or line >= self.virtual_size.height:
            return Strip.blank(width, self.rich_style)
        entry = self.entries[index]
        text = self._line(entry, line - self.starts[index], width)
        text.end = ""
        if index == self.cursor:
            text.pad_right(width - text.cell_len)
            cursor = "record-pane--cursor-active" if self.active else "record-pane--cursor"
            text.stylize(self.get_component_rich_style(cursor))
        strip = Strip(list(text.render(self.app.console)), text.cell_len)
        return strip.extend_cell_length(width).apply_style(self.rich_style)

    # ------------------------------------------------------------------ moving
    def _next_record(self, start: int, step: int) -> int | None:
        i = start
        while 0 <= i < len(self.entries):
            if isinstance(self.entries[i], Commitment):
                return i
            i += step
        return None

    def _refresh_entry(self, index: int) -> None:
        if 0 <= index < len(self.starts):
            self.refresh(Region(0, self.starts[index] - self.scroll_offset.y, self.size.width, RECORD_HEIGHT))

    def watch_cursor(self, old: int, new: int) -> None:
        self._refresh_entry(old)
        self._refresh_entry(new)
        if 0 <= new < len(self.starts):
            top = self.starts[new]
            if new > 0 and isinstance(self.entries[new - 1], Heading):
                top -= 1  # keep the record's heading in view
            self.scroll_to_region(Region(0, top, 1, self.starts[new] + RECORD_HEIGHT - top), animate=False)
        self.post_message(self.Highlighted(self, self.record))

    def move(self, step: int) -> None:
        if self.cursor < 0:
            return
        found = self._next_record(self.cursor + step, step)
        if found is not None:
            self.cursor = found

    def page(self, step: int) -> None:
        if self.cursor < 0:
            return
        target = self.starts[self.cursor] + step * max(self.size.height - RECORD_HEIGHT, 1)
        index = min(max(bisect_right(self.starts, target) - 1, 0), len(self.entries) - 1)
        found = self._next_record(index, step) or self._next_record(index, -step)
        if found is not None:
            self.cursor = found

    def ends(self, last: bool) -> None:
        found = self._next_record(len(self.entries) - 1, -1) if last else self._next_record(0, 1)
        if found is not None:
            self.cursor = found

    class Clicked(Message):
        """A record was clicked (it is now highlighted)."""

    def on_click(self, event: events.Click) -> None:
        line = event.y + self.scroll_offset.y
        index = bisect_right(self.starts, line) - 1
        if 0 <= index < len(self.entries) and isinstance(self.entries[index], Commitment):
            self.cursor = index
            self.post_message(self.Clicked())
