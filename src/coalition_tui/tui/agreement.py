"""Agreement: this corpus against another reviewer's copy of it. The figures (claims F1, Cohen's κ), then
each candidate the two decided differently, side by side, for one person to settle: ``t`` takes the
other copy's decision (an ordinary decision here: saved at once, journalled, undone with u), ``k``
keeps this copy's."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import DataTable, Static

from coalition_tui.analysis.agreement import Agreement, decision
from coalition_tui.analysis.citation import source_line
from coalition_tui.store.corpus import Corpus
from coalition_tui.store.derived import Change
from coalition_tui.store.errors import CoalitionError
from coalition_tui.store.model import Commitment
from coalition_tui.store.paths import folder_label
from coalition_tui.tui import render
from coalition_tui.tui.base import CorpusScreen
from coalition_tui.tui.citing import CitingMixin
from coalition_tui.tui.keymap import AGREE_BINDINGS, BACK, CITE, OPEN_ARTICLE
from coalition_tui.tui.widgets import Table

CONTEXT = 200  # characters of article either side of the quote


MARKS = {"accepted": "✓", "rejected": "✕", "unsure": "?", "undecided": "·", "absent": "–"}


def label(record: Commitment | None, kind: bool = True) -> str:
    """A reviewer's decision as shown: "✓ accepted: troops_in_ukraine willing", "✕ rejected", …
    (``kind=False``: the stance alone, where a column already shows the kind)."""
    said = decision(record)
    if record is not None and said == "accepted":
        what = f"{record.kind.value} {record.stance.value}" if kind else record.stance.value
        return f"✓ {what}" if not kind else f"✓ accepted: {what}"
    return f"{MARKS[said]} {said}"


def _figure(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


class AgreementScreen(CitingMixin, CorpusScreen):
    """The differences between this copy and ``other``, one row each."""

    BINDINGS = [BACK, *AGREE_BINDINGS, OPEN_ARTICLE, CITE]
    ALLOWS_UNDO = True  # a decision taken here is undone here (it shows the change in place)

    def __init__(self, other: Corpus, folder: Path, result: Agreement) -> None:
        super().__init__()
        self.other, self.folder, self.result = other, folder, result
        self.ids = [rid for rid, _a, _b in result.differences]
        self.settled: dict[str, str] = {}  # record id -> "took theirs" / "kept mine"

    def compose(self) -> ComposeResult:
        header, footer = self.header_footer()
        yield header
        yield Static(id="agree-summary", classes="hint")
        with Horizontal(classes="panes"):
            with Vertical(classes="list-pane"):
                yield Table(id="agree-table", cursor_type="row", zebra_stripes=True)
            with VerticalScroll(classes="detail-pane"):
                yield Static(id="agree-detail")
        yield footer

    def on_mount(self) -> None:
        self.sub_title = f"Agreement with {folder_label(self.folder)}"
        table = self.query_one("#agree-table", Table)
        table.add_columns("Country", "This copy", "Other copy", "Settled", "Kind")
        self._fill()
        table.focus()

    def _record(self, rid: str) -> Commitment | None:
        return self.corpus.record(rid) or self.other.record(rid)

    def _cells(self, rid: str) -> tuple[Text, ...]:
        record = self._record(rid)
        return (
            render.plain(self.corpus.label(record.country) if record else "?"),
            render.plain(self._cell(self.corpus.record(rid), record)),
            render.plain(self._cell(self.other.record(rid), record)),
            render.plain(self.settled.get(rid, "")),
            render.plain(record.kind.value if record else "?"),
        )

    @staticmethod
    def _cell(record: Commitment | None, shown: Commitment | None) -> str:
        """The stance alone when the kind is the row's; else the kind too."""
        return label(record, kind=record is not None and shown is not None and record.kind is not shown.kind)

    def _fill(self) -> None:
        table = self.query_one("#agree-table", Table)
        row = table.cursor_row
        table.clear()
        for rid in self.ids:
            table.add_row(*self._cells(rid), key=rid)
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1))
        self._summary()
        self._show()

    def _summary(self) -> None:
        r = self.result
        c = r.claims
        self.query_one("#agree-summary", Static).update(
            Content(
                render.inert(
                    f"Claims F1 {_figure(c.f1)} ({c.both} held by both, {c.only_a} only here, {c.only_b} only there) · "
                    f"Cohen's κ {_figure(r.kappa)} on the {r.decided_by_both} candidates both decided · "
                    f"{len(self.ids)} decided differently, {len(self.settled)} settled   "
                    "t: take theirs · m: keep mine · o: open the article"
                )
            )
        )

    def current(self) -> str | None:
        table = self.query_one("#agree-table", Table)
        if not table.row_count:
            return None
        return self.ids[table.cursor_row]

    def cited_record(self) -> Commitment | None:
        rid = self.current()
        return self.corpus.record(rid) if rid else None

    def on_data_table_row_highlighted(self, _event: DataTable.RowHighlighted) -> None:
        self._show()

    def _show(self) -> None:
        detail = self.query_one("#agree-detail", Static)
        rid = self.current()
        if rid is None:
            detail.update(Content("The two copies decided every candidate alike: nothing to settle."))
            return
        record = self._record(rid)
        if record is None:
            detail.update(Content(render.inert(f"{rid}: in neither copy now")))
            return
        text = self.corpus.texts.get(record.source, "")
        parts: list[Content | str | tuple[str, str]] = [
            (self.corpus.label(record.country), "bold underline"),
            render.inert(f"  {record.kind.value} · id {rid}\n"),
            (render.inert(source_line(self.corpus.sources.get(record.source), url=True)), "italic"),
            "\n\n",
        ]
        for side, copy in (("This copy", self.corpus), ("Other copy", self.other)):
            mine = copy.record(rid)
            who = render.decided_line(mine) if mine else ""
            parts += [
                (f"{side}: ", "bold"),
                render.inert(label(mine)),
                (render.inert(f"  {who}" if who else ""), "dim"),
            ]
            if mine is not None and mine.person:
                parts.append(render.inert(f" · person {copy.label(mine.person)}"))
            parts.append("\n")
        parts += [
            "\n",
            (render.inert(text[max(0, record.start - CONTEXT) : record.start]), "dim"),
            (render.inert(record.quote), "bold underline"),
            (render.inert(text[record.end : record.end + CONTEXT]), "dim"),
        ]
        detail.update(Content.assemble(*parts))

    def _settle(self, rid: str, how: str) -> None:
        self.settled[rid] = how
        table = self.query_one("#agree-table", Table)
        row = table.cursor_row
        self._fill()
        if row + 1 < table.row_count:
            table.move_cursor(row=row + 1)

    def action_take(self) -> None:
        if not self.acts_on_current():
            return
        rid = self.current()
        if rid is None:
            return
        try:
            self.workspace.take(rid, self.other.record(rid))
        except CoalitionError as exc:
            self.notify(str(exc), severity="error", timeout=8, markup=False)
            return
        self.notify(f"Took the other copy's decision on {rid}: {label(self.corpus.record(rid))}", markup=False)
        self._settle(rid, "✓ took theirs")
        self.mark_drawn()

    def action_keep(self) -> None:
        rid = self.current()
        if rid is not None:
            self._settle(rid, "✓ kept mine")

    def show_change(self, change: Change) -> None:
        """A change made elsewhere (an undo, another window): the rows say what each copy holds now."""
        self._fill()
        self.mark_drawn()

    def action_back(self) -> None:
        self.dismiss()
