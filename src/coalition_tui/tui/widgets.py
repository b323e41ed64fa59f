"""Small shared widgets."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import islice

from rich.console import RenderableType
from textual.widgets import DataTable, Input

from coalition_tui.tui.keymap import TABLE_BINDINGS

Row = tuple[Sequence[RenderableType], str | None]  # a row's cells and its key


class Table(DataTable):
    """A DataTable with vim keys; every cell it shows is plain text (see ``render.plain``).

    :meth:`fill` adds a long list a batch at a time between frames: the screen shows its first rows at
    once and answers keys while the rest arrive (10,000 rows at once froze it for over a second).
    """

    BINDINGS = TABLE_BINDINGS

    FIRST = 200  # rows added before the first frame
    BATCH = 400  # rows added after each frame (~30–60 ms: adding and measuring a row costs ~100 µs)

    _pending: Iterator[Row] | None = None

    def fill(self, rows: Iterable[Row]) -> None:
        """Replace the rows with ``rows``: the first ``FIRST`` now, the rest after each frame."""
        self.clear()
        self._pending = iter(rows)
        self._add_batch(self._pending, self.FIRST)

    @property
    def filling(self) -> bool:
        """Rows are still being added."""
        return self._pending is not None

    def finish_fill(self) -> None:
        """Add every row still to come, now."""
        if self._pending is not None:
            self._add_batch(self._pending, None)

    def _add_batch(self, rows: Iterator[Row], count: int | None) -> None:
        if rows is not self._pending:  # cleared or filled again since
            return
        added = 0
        for cells, key in islice(rows, count):
            self.add_row(*cells, key=key)
            added += 1
        if count is None or added < count:
            self._pending = None
        else:
            self.call_after_refresh(self._add_batch, rows, self.BATCH)

    def clear(self, columns: bool = False) -> Table:
        self._pending = None
        super().clear(columns)
        return self

    def action_scroll_bottom(self) -> None:
        """G: the last row of the whole list, not of the rows added so far."""
        self.finish_fill()
        super().action_scroll_bottom()


class FilterInput(Input):
    """The '/' filter box: hidden until asked for."""

    DEFAULT_CSS = """
    FilterInput { display: none; }
    FilterInput.-active { display: block; }
    """
