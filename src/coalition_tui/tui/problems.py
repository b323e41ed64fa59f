"""Problems: every load error and warning, with where it is and what to do."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import DataTable, Static

from coalition_tui.store.problems import Problem
from coalition_tui.tui import render
from coalition_tui.tui.base import CorpusScreen
from coalition_tui.tui.widgets import Table


class ProblemsScreen(CorpusScreen):
    def compose(self) -> ComposeResult:
        header, footer = self.header_footer()
        yield header
        yield Static(id="problems-hint", classes="hint")
        yield Table(id="problems", cursor_type="row", zebra_stripes=True)
        yield Static(id="problem-detail", classes="hint")
        yield footer

    def on_mount(self) -> None:
        self.sub_title = "Problems"
        problems = self.corpus.problems
        errors = sum(p.severity.value == "error" for p in problems)
        self.query_one("#problems-hint", Static).update(
            Text(
                f"{errors} error(s), {len(problems) - errors} warning(s) in {self.corpus.root.name}/. "
                "Bad records were skipped; everything else loaded."
                if problems
                else "No problems: everything loaded."
            )
        )
        table = self.query_one("#problems", Table)
        table.add_columns("Severity", "Where", "Record", "Field", "Message")
        table.fill((_cells(p), None) for p in problems)
        table.focus()
        self._detail(0)

    def _detail(self, row: int) -> None:
        problems = self.corpus.problems
        text = str(problems[row]) if 0 <= row < len(problems) else ""
        self.query_one("#problem-detail", Static).update(Text(render.inert(text)))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._detail(event.cursor_row)


def _cells(p: Problem) -> tuple[Text, ...]:
    style = "bold red" if p.severity.value == "error" else "yellow"
    return (
        render.plain(p.severity.value, style),
        render.plain(p.file if p.line is None else f"{p.file}:{p.line}"),
        render.plain(p.record or ""),
        render.plain(p.field or ""),
        render.plain(p.message),
    )
