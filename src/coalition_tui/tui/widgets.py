"""Small shared widgets."""

from __future__ import annotations

from textual.widgets import DataTable, Input

from coalition_tui.tui.keymap import TABLE_BINDINGS


class Table(DataTable):
    """A DataTable with vim keys; every cell it shows is plain text (see ``render.plain``)."""

    BINDINGS = TABLE_BINDINGS


class FilterInput(Input):
    """The '/' filter box: hidden until asked for."""

    DEFAULT_CSS = """
    FilterInput { display: none; }
    FilterInput.-active { display: block; }
    """
