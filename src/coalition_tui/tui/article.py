"""An article's text that renders only the rows on screen, however long the article or many its records.

The text is wrapped once per width into rows (offsets into the article, no copies), and each row is
styled when it is painted: names by entity kind, record quotes underlined, the current record reversed.
Records and names are bucketed by paragraph when the article is set, so painting a row looks at the
spans of its own paragraph only. A 1 MB article with tens of thousands of candidates opens without
freezing the screen (mounting a widget per line and styling every line with every record did).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable

from rich.cells import cell_len, get_character_cell_size
from rich.text import Text
from textual.binding import Binding
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from coalition_tui.store.model import Commitment, Mention
from coalition_tui.store.safe import inert
from coalition_tui.tui import render

Span = tuple[int, int, str | None, str]  # start, end (article offsets), record id or None, style


class ArticleView(ScrollView, can_focus=True):
    """The text of one article, wrapped to the widget's width, painted row by row. Focused, it has a
    sentence cursor (↑/↓ or j/k move it a sentence at a time): the sentence a new record quotes."""

    DEFAULT_CSS = """
    ArticleView { height: 1fr; }
    """
    BINDINGS = [
        Binding("down,j", "sentence(1)", "Next sentence", show=False),
        Binding("up,k", "sentence(-1)", "Previous sentence", show=False),
    ]

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.text = ""
        self.current: str | None = None
        self._paragraphs: list[tuple[int, int]] = [(0, 0)]  # (start, end) of each line of the text
        self._starts: list[int] = [0]
        self._spans: list[list[Span]] = [[]]  # per paragraph
        self._rows: list[tuple[int, int]] = []  # (start, end) article offsets of each visual row
        self._row_of_paragraph: list[int] = []
        self._width = -1
        self._sentences: list[tuple[int, int]] | None = None  # found when the cursor first moves
        self._sentence_index: int | None = None
        self.sentence: tuple[int, int] | None = None

    # ------------------------------------------------------------------ content
    def set_article(self, text: str, mentions: Iterable[Mention], records: Iterable[Commitment]) -> None:
        """Show ``text`` from its top, with ``mentions`` and ``records`` styled."""
        self.text = text
        self.current = None
        self._sentences, self._sentence_index, self.sentence = None, None, None
        self._paragraphs, pos = [], 0
        for line in text.split("\n"):
            self._paragraphs.append((pos, pos + len(line)))
            pos += len(line) + 1
        self._starts = [start for start, _end in self._paragraphs]
        self._spans = [[] for _ in self._paragraphs]
        for record in records:
            self._bucket(record.start, record.end, record.id, "")
        for mention in mentions:
            if not mention.venue:
                self._bucket(mention.start, mention.end, None, render.ENTITY_STYLE.get(mention.kind, "bold"))
        self._width = -1
        self._layout()
        self.scroll_to(0, 0, animate=False)
        self.refresh()

    def set_mentions(self, mentions: Iterable[Mention]) -> None:
        """Style the article's names (found after the text was shown)."""
        self._spans = [[span for span in spans if span[2] is not None] for spans in self._spans]
        for mention in mentions:
            if not mention.venue:
                self._bucket(mention.start, mention.end, None, render.ENTITY_STYLE.get(mention.kind, "bold"))
        self.refresh()

    def _bucket(self, start: int, end: int, record: str | None, style: str) -> None:
        first = max(0, bisect_right(self._starts, start) - 1)
        last = max(0, bisect_right(self._starts, max(start, end - 1)) - 1)
        for number in range(first, min(last, len(self._paragraphs) - 1) + 1):
            self._spans[number].append((start, end, record, style))

    def show_record(self, record: Commitment | None) -> None:
        """Mark ``record`` as the current one and scroll its quote to the top."""
        self.current = record.id if record else None
        self.refresh()
        if record is not None:
            self.scroll_to(y=self.row_at(record.start), animate=False)

    def action_sentence(self, step: int) -> None:
        """Move the sentence cursor; the first move starts at the first sentence on screen."""
        if self._sentences is None:
            from coalition_tui.actions.authoring import sentence_spans

            self._sentences = sentence_spans(self.text)
        spans = self._sentences
        if not spans:
            return
        if self._sentence_index is None:
            self._layout()
            top = self._rows[min(self.scroll_offset.y, len(self._rows) - 1)][0] if self._rows else 0
            self._sentence_index = bisect_right([b for _a, b in spans], top)
        else:
            self._sentence_index += step
        self._sentence_index = min(max(0, self._sentence_index), len(spans) - 1)
        self.sentence = spans[self._sentence_index]
        first, last = self.row_at(self.sentence[0]), self.row_at(max(self.sentence[0], self.sentence[1] - 1))
        height = self.scrollable_content_region.height or 1
        if first < self.scroll_offset.y or last >= self.scroll_offset.y + height:
            self.scroll_to(y=max(0, first - 1), animate=False)
        self.refresh()

    def row_at(self, offset: int) -> int:
        """The visual row that shows the article offset ``offset``."""
        self._layout()
        if not self._rows:
            return 0
        return max(0, bisect_right(self._rows, (offset, len(self.text) + 1)) - 1)

    def rows_text(self) -> list[str]:
        """Every visual row as plain text, as the user sees it (control characters as pictures)."""
        self._layout()
        return [inert(self.text[a:b]) for a, b in self._rows]

    # ------------------------------------------------------------------ layout
    def _layout(self) -> None:
        width = max(1, self.scrollable_content_region.width or self.size.width or 80)
        if width == self._width:
            return
        self._width = width
        rows: list[tuple[int, int]] = []
        firsts: list[int] = []
        for start, end in self._paragraphs:
            firsts.append(len(rows))
            rows.extend(_wrap(self.text, start, end, width))
        self._rows, self._row_of_paragraph = rows, firsts
        self.virtual_size = Size(width, len(rows))

    def on_resize(self) -> None:
        self._layout()

    # ------------------------------------------------------------------ painting
    def render_line(self, y: int) -> Strip:
        self._layout()
        scroll_x, scroll_y = self.scroll_offset
        number = scroll_y + y
        width = self.scrollable_content_region.width
        base = self.rich_style
        if number >= len(self._rows):
            return Strip.blank(width, base)
        start, end = self._rows[number]
        line = Text(inert(self.text[start:end]), no_wrap=True, end="")
        paragraph = max(0, bisect_right(self._starts, start) - 1)
        if self.sentence and self.sentence[0] < end and self.sentence[1] > start:
            a, b = self.sentence
            line.stylize(render.SENTENCE_STYLE, max(a, start) - start, min(b, end) - start)
        for s, e, record, style in self._spans[paragraph]:
            if s < end and e > start:
                if record is not None:
                    style = render.CURRENT_STYLE if record == self.current else render.QUOTE_STYLE
                line.stylize(style, max(s, start) - start, min(e, end) - start)
        strip = Strip(line.render(self.app.console), cell_len(line.plain)).apply_style(base)  # base under every span
        return strip.crop_extend(scroll_x, scroll_x + width, base)


def _wrap(text: str, start: int, end: int, width: int) -> list[tuple[int, int]]:
    """Rows of at most ``width`` cells for ``text[start:end]`` as shown (control characters as
    one-cell pictures), broken after a space where there is one; an empty paragraph is one empty row."""
    ascii_only = text.isascii() or text[start:end].isascii()
    if end - start <= width and (ascii_only or cell_len(inert(text[start:end])) <= width):
        return [(start, end)]
    rows: list[tuple[int, int]] = []
    pos = start
    while pos < end:
        limit = _fit(text, pos, end, width, ascii_only)
        if limit >= end:
            rows.append((pos, end))
            break
        cut = text.rfind(" ", pos, limit + 1)
        if cut <= pos:  # no space to break at: a hard break
            rows.append((pos, limit))
            pos = limit
        else:  # the space ends the row (cropped if it falls just past the width)
            rows.append((pos, cut + 1))
            pos = cut + 1
    return rows


def _fit(text: str, pos: int, end: int, width: int, ascii_only: bool) -> int:
    """The offset after the last character of ``text[pos:end]`` that fits in ``width`` cells."""
    if ascii_only:
        return min(end, pos + width)
    cells = 0
    index = pos
    while index < end:
        size = get_character_cell_size(text[index]) if not text[index].isascii() else 1
        if cells + max(size, 1) > width and index > pos:
            break
        cells += max(size, 1)
        index += 1
    return index
