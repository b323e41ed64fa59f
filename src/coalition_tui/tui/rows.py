"""A scrolling list of wrapped text rows, one or two columns, drawn line by line (Textual's line API).

Long diffs have hundreds of rows; mounting a widget per row took over a second. Here only the lines on
screen are rendered: row heights come from a cheap word wrap of the plain text, and each visible row's
styled lines are cut from its Content at the same offsets, so what is measured is what is drawn.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from rich.cells import cell_len
from rich.segment import Segment
from textual.content import Content
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.style import Style as VisualStyle

_CHUNK = re.compile(r"\S+ *| +")
GUTTER = 2  # a marker column and a space
SEPARATOR = " │ "


def wrap_offsets(text: str, width: int) -> list[int]:
    """Offsets where the lines of ``text`` wrapped greedily at ``width`` cells start (the first, 0, left out).

    Whitespace is single spaces (callers collapse it); a word wider than a line is folded.
    """
    width = max(width, 1)
    starts: list[int] = []
    used = 0
    for chunk in _CHUNK.finditer(text):
        word = chunk.group().rstrip(" ")
        size = cell_len(word)
        if used and used + size > width:
            starts.append(chunk.start())
            used = 0
        if size > width:  # fold a long word
            at, used = chunk.start(), 0
            for i, ch in enumerate(word):
                w = cell_len(ch)
                if used + w > width and used:
                    starts.append(at + i)
                    used = 0
                used += w
        else:
            used += size
        used += len(chunk.group()) - len(word)
    return starts


@dataclass(frozen=True)
class Row:
    """One row: one cell spanning the width or two side by side; ``gap`` puts a blank line above it."""

    cells: tuple[Content, ...]
    gap: bool = False


class RowsView(ScrollView, can_focus=True):
    """Rows of wrapped Content; ``current`` is marked in the gutter and scrolled to with ``show``."""

    COMPONENT_CLASSES = {"rows--current", "rows--marker", "rows--separator"}
    DEFAULT_CSS = """
    RowsView { height: 1fr; overflow-x: hidden; }
    RowsView > .rows--current { background: $boost; }
    RowsView > .rows--marker { color: $warning; text-style: bold; }
    RowsView > .rows--separator { color: $primary-muted; }
    """

    def __init__(self, rows: list[Row] | None = None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[Row] = rows or []
        self.current: int | None = None
        self._starts: list[int] = []
        self._offsets: list[list[list[int]]] = []
        self._cache: dict[tuple[int, int], list[Content]] = {}
        self._laid_out_for = -1

    def set_rows(self, rows: list[Row]) -> None:
        self.rows, self.current = rows, None
        self._laid_out_for = -1
        self._layout()
        self.scroll_to(y=0, animate=False)
        self.refresh()

    def _widths(self, count: int) -> list[int]:
        usable = max(self._width() - GUTTER - 1, 10)
        if count == 1:
            return [usable]
        left = (usable - len(SEPARATOR)) // 2
        return [left, usable - len(SEPARATOR) - left]

    def _width(self) -> int:
        return self.scrollable_content_region.width  # without the scrollbar

    def _layout(self) -> None:
        width = self._width()
        if width == self._laid_out_for or not width:
            return
        self._laid_out_for = width
        self._cache.clear()
        starts, offsets, y = [], [], 0
        for row in self.rows:
            per_cell = [wrap_offsets(c.plain, w) for c, w in zip(row.cells, self._widths(len(row.cells)), strict=True)]
            starts.append(y)
            offsets.append(per_cell)
            y += row.gap + 1 + max(len(o) for o in per_cell)
        self._starts, self._offsets = starts, offsets
        self.virtual_size = Size(width, y)

    def on_resize(self) -> None:
        self._layout()

    def row_at(self, y: int) -> int:
        return bisect_right(self._starts, y) - 1

    def show(self, index: int) -> None:
        """Mark row ``index`` as current and scroll it to the top."""
        self._layout()
        self.current = index
        self.scroll_to(y=self._starts[index], animate=False, force=True)
        self.refresh()

    def _lines(self, index: int, cell: int) -> list[Content]:
        key = (index, cell)
        if key not in self._cache:
            content = self.rows[index].cells[cell]
            self._cache[key] = [line.rstrip() for line in content.divide(self._offsets[index][cell])]
        return self._cache[key]

    def render_line(self, y: int) -> Strip:
        self._layout()
        scroll_x, scroll_y = self.scroll_offset
        width = self._width()
        base = self.rich_style
        line = y + scroll_y
        index = self.row_at(line)
        if not self.rows or index < 0 or line >= self.virtual_size.height:
            return Strip.blank(width, base)
        row = self.rows[index]
        within = line - self._starts[index] - row.gap
        if within < 0:
            return Strip.blank(width, base)
        current = index == self.current
        if current:
            base = base + self.get_component_rich_style("rows--current")
        style = VisualStyle.from_rich_style(base)
        segments = [
            Segment(
                "▌ " if current else "  ", base + self.get_component_rich_style("rows--marker") if current else base
            )
        ]
        widths = self._widths(len(row.cells))
        for cell, cell_width in enumerate(widths):
            if cell:
                segments.append(Segment(SEPARATOR, base + self.get_component_rich_style("rows--separator")))
            lines = self._lines(index, cell)
            text = lines[within] if within < len(lines) else Content("")
            segments += text.render_segments(style)
            segments.append(Segment(" " * max(cell_width - text.cell_length, 0), base))
        return Strip(segments).crop_extend(scroll_x, scroll_x + width, base)
