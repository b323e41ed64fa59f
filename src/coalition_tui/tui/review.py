"""Review: the queue of extracted candidates, each with its quote in context; accept, reject, edit.

Every decision is saved to data/ at once by the core (``coalition_tui.actions.review``), one atomic file
write per keypress, so quitting or a crash loses nothing already decided.
"""

from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.timer import Timer
from textual.widgets import DataTable, Static

from coalition_tui.actions import review
from coalition_tui.store.model import Commitment
from coalition_tui.tui import render
from coalition_tui.tui.base import CorpusScreen, FilterMixin, WindowMixin
from coalition_tui.tui.dialogs import ConfirmScreen
from coalition_tui.tui.edit_form import EditScreen
from coalition_tui.tui.keymap import REVIEW_BINDINGS, WINDOW_BINDINGS
from coalition_tui.tui.widgets import FilterInput, Table

CONTEXT = 320  # characters of article shown either side of the quote
UNDO_BULK = 200  # a decision on more records than this cannot be undone with u (each undo is a file write)


@dataclass
class _Bulk:
    """A decision on many records, made a batch at a time."""

    BATCH: ClassVar[int] = 25  # decisions between two frames (each is a durable file write: ~1–10 ms)

    action: str
    records: list[Commitment]
    done: int = 0
    stopped: bool = False
    failed: list[str] = dataclasses.field(default_factory=list)
    decided: list[Commitment] = dataclasses.field(default_factory=list)  # as they were before, for undo


class ReviewScreen(FilterMixin, WindowMixin, CorpusScreen):
    """The records left to review (or, with x, the rejected ones); / narrows them."""

    BINDINGS = [*REVIEW_BINDINGS, *FilterMixin.BINDINGS, *WINDOW_BINDINGS]

    WINDOW = 500  # rows in the table at once: a DataTable row costs ~80 µs to add (26,000 took 2 s)

    def __init__(self) -> None:
        super().__init__()
        self.show_rejected = False
        self.everything: list[Commitment] = []  # the whole queue (or the rejected records)
        self.rows: list[Commitment] = []  # those the filter lets through
        self.start = 0  # the first of them in the table
        self._filter_timer: Timer | None = None
        self._bulk: _Bulk | None = None  # a decision on all listed records, under way

    def compose(self) -> ComposeResult:
        header, footer = self.header_footer()
        yield header
        yield Static(id="review-status", classes="hint")
        with Horizontal(classes="panes"):
            with Vertical(classes="list-pane"):
                yield FilterInput(placeholder="filter: country, source, kind, stance, person…", id="filter")
                yield Table(id="review-queue", cursor_type="row", zebra_stripes=True)
            with VerticalScroll(classes="detail-pane"):
                yield Static(id="review-detail")
        yield footer

    def on_mount(self) -> None:
        self.sub_title = "Review"
        table = self.query_one("#review-queue", Table)
        table.add_columns("Country", "Kind", "Stance", "Conf.", "Source")
        self.reload()
        table.focus()

    def reload(self) -> None:
        """Fill the list: the queue, or the rejected records."""
        corpus = self.corpus
        self.everything = (
            sorted(corpus.rejected, key=lambda r: (r.source, r.start)) if self.show_rejected else review.queue(corpus)
        )
        self.apply_filter(self.filter_box().value)

    def apply_filter(self, text: str) -> None:
        self.rows = review.matching(self.corpus, self.everything, text)
        self.start = 0
        self._fill()

    def filter_changed(self, text: str) -> None:
        """Filtered a moment after typing stops: filtering a long queue takes a noticeable moment."""
        if self._filter_timer is not None:
            self._filter_timer.stop()
        self._filter_timer = self.set_timer(0.15, lambda: self.apply_filter(text))

    def focus_list(self) -> None:
        self.query_one("#review-queue", Table).focus()

    def _fill(self, cursor: int = 0) -> None:
        """The table shows ``WINDOW`` rows of the list from ``start`` (] and [ move by a window)."""
        table = self.query_one("#review-queue", Table)
        table.fill((self._cells(r), r.id) for r in self.rows[self.start : self.start + self.WINDOW])
        if cursor >= table.row_count:
            table.finish_fill()
        if table.row_count:
            table.move_cursor(row=min(cursor, table.row_count - 1))
        self._status()
        self._show(self.current())

    def _cells(self, r: Commitment) -> tuple[Text, ...]:
        glyph = render.STANCE_LOOK[r.stance.value][0]
        return (
            render.plain(self.corpus.label(r.country)),
            render.plain(r.kind.value),
            render.plain(f"{glyph} {r.stance.value}"),
            render.plain(f"{r.confidence:.2f}"),
            render.plain(r.source),
        )

    def _status(self) -> None:
        rejected = len(self.corpus.rejected)
        what = (
            f"{rejected} rejected (r restores; x: back to the queue)"
            if self.show_rejected
            else f"{len(self.everything)} left to review · {rejected} rejected (x shows them)"
        )
        query = self.filter_box().value.strip()
        if query:
            what += f" · {len(self.rows)} match “{query}”"
        what += self.window_note()
        self.query_one("#review-status", Static).update(
            Content(f"{what}   a: accept · r: reject · E: edit kind/stance/country/person · saved at once")
        )

    def _drop(self, row: int) -> None:
        """The decided record leaves the list (one row, not a refill: the queue may be long); the next
        record not shown yet joins the end of the table; the cursor lands on the record after it."""
        table = self.query_one("#review-queue", Table)
        table.finish_fill()  # every row of the window there before the next one joins the end
        record = self.rows.pop(self.start + row)
        # out of the unfiltered list too: both lists are in (source, start) order, so bisect there,
        # then find the record itself (comparing records field by field is slow)
        at = bisect.bisect_left(self.everything, (record.source, record.start), key=lambda r: (r.source, r.start))
        while self.everything[at] is not record:
            at += 1
        del self.everything[at]
        table.remove_row(record.id)
        if self.start + table.row_count < len(self.rows):
            following = self.rows[self.start + table.row_count]
            table.add_row(*self._cells(following), key=following.id)
        if not table.row_count and self.rows:  # the last window emptied: show the one before
            self.start = max(0, self.start - self.WINDOW)
            self._fill(cursor=self.WINDOW)
            return
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1))
        self._status()
        self._show(self.current())

    def current(self) -> Commitment | None:
        table = self.query_one("#review-queue", Table)
        index = self.start + table.cursor_row
        if not table.row_count or index >= len(self.rows):
            return None
        return self.rows[index]

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show(self.current())

    def _show(self, record: Commitment | None) -> None:
        detail = self.query_one("#review-detail", Static)
        if record is None:
            detail.update(
                Content(
                    "Nothing rejected." if self.show_rejected else "Nothing left to review: every record is curated."
                )
            )
            return
        corpus = self.corpus
        text = corpus.texts.get(record.source, "")
        before = text[max(0, record.start - CONTEXT) : record.start]
        after = text[record.end : record.end + CONTEXT]
        glyph, _word, style = render.STANCE_LOOK[record.stance.value]
        person = corpus.label(record.person) if record.person else "none"
        home = corpus.homes.get(record.id)
        detail.update(
            Content.assemble(
                (corpus.label(record.country), "bold underline"),
                "  ",
                (f"{glyph} {record.stance.value}", style),
                f"  {record.kind.value}\n",
                ("person  ", "bold"),
                person,
                ("   as written  ", "bold"),
                render.inert(", ".join(record.as_written) or "-"),
                "\n",
                render.origin_tag(record) if not record.rejected else ("✕ rejected", "bold red"),
                render.inert(f"   {record.summit} · {record.source} {record.start}-{record.end}"),
                render.inert(f" · {home[0].name}") if home else "",
                "\n\n",
                ("…" if record.start > CONTEXT else "", "dim"),
                (render.inert(before), "dim"),
                (render.inert(record.quote), "bold underline"),
                (render.inert(after), "dim"),
                ("…" if record.end + CONTEXT < len(text) else "", "dim"),
            )
        )

    def _decide(self, action: str) -> None:
        record = self.current()
        if record is None:
            self.notify("Nothing to review here", timeout=2)
            return
        row = self.query_one("#review-queue", Table).cursor_row
        act = getattr(review, action)  # accept, reject or restore
        try:
            act(self.corpus, record.id)
        except review.ReviewError as exc:
            self.notify(str(exc), severity="error", timeout=8)
            return
        self.capp.remember(f"{action} {record.id}", self._reverter(record))
        done = {"accept": "Accepted", "reject": "Rejected", "restore": "Restored to the queue"}[action]
        self.notify(f"{done}: {self.corpus.label(record.country)} {record.kind.value} ({record.id})", timeout=3)
        self.capp.corpus_changed()
        self._drop(row)

    def _reverter(self, before: Commitment) -> Callable[[], object]:
        corpus = self.corpus
        return lambda: review.revert(corpus, before.id, before)

    def action_decide_all(self, action: str) -> None:
        """A and R: the same decision for every record listed (all that the filter lets through, not
        just the window), after a confirmation; each is saved to its file as it is made."""
        if self.show_rejected and action == "accept":
            self.notify("Restore them first (R), then accept", timeout=3)
            return
        action = "restore" if self.show_rejected else action
        records = list(self.rows)
        if not records or self._bulk is not None:
            return
        query = self.filter_box().value.strip()
        verb = {"accept": "Accept", "reject": "Reject", "restore": "Restore"}[action]
        matching = f" matching “{query}”" if query else ""
        question = (
            f"{verb} all {len(records)} record(s) listed{matching}? Each is saved to its file at once; "
            "Esc stops part way."
        )

        def answered(yes: bool | None) -> None:
            if yes:
                self._bulk = _Bulk(action, records)
                self._decide_batch()

        self.app.push_screen(ConfirmScreen(question, yes=f"Yes, {verb.lower()} {len(records)}"), answered)

    def _decide_batch(self) -> None:
        """A few decisions, then a frame: the screen shows the count and answers Esc meanwhile."""
        bulk = self._bulk
        if bulk is None:
            return
        act = getattr(review, bulk.action)  # accept, reject or restore
        for record in bulk.records[bulk.done : bulk.done + _Bulk.BATCH]:
            try:
                act(self.corpus, record.id)
                bulk.decided.append(record)
            except review.ReviewError as exc:
                bulk.failed.append(str(exc))
            bulk.done += 1
        if bulk.done < len(bulk.records) and not bulk.stopped:
            self.query_one("#review-status", Static).update(
                Content(f"{bulk.action.capitalize()}ing: {bulk.done} of {len(bulk.records)}…   Esc stops")
            )
            self.set_timer(0.01, self._decide_batch)
            return
        self._bulk = None
        if 0 < len(bulk.decided) <= UNDO_BULK:
            corpus, decided = self.corpus, list(bulk.decided)
            self.capp.remember(
                f"{bulk.action} of {len(decided)} records", lambda: [review.revert(corpus, r.id, r) for r in decided]
            )
        self.capp.corpus_changed()
        self.reload()
        made = bulk.done - len(bulk.failed)
        message = f"{bulk.action.capitalize()}: {made} of {len(bulk.records)} record(s)"
        if bulk.stopped:
            message += " (stopped)"
        if bulk.failed:
            message += f"; {len(bulk.failed)} could not be saved, the first: {bulk.failed[0]}"
        self.notify(message, severity="warning" if bulk.failed else "information", timeout=8)

    def action_clear_filter(self) -> None:
        """Esc stops a decision on all listed records; otherwise it clears the filter."""
        if self._bulk is not None:
            self._bulk.stopped = True
            return
        super().action_clear_filter()

    def action_accept(self) -> None:
        if self.show_rejected:
            self.notify("Restore it first (r), then accept", timeout=3)
            return
        self._decide("accept")

    def action_reject(self) -> None:
        self._decide("restore" if self.show_rejected else "reject")

    def action_toggle_rejected(self) -> None:
        self.show_rejected = not self.show_rejected
        self.reload()

    def action_edit(self) -> None:
        record = self.current()
        if record is None:
            self.notify("Nothing to edit here", timeout=2)
            return
        row = self.query_one("#review-queue", Table).cursor_row

        def done(change: review.Change | None) -> None:
            if change is None:
                return
            try:
                review.edit(self.corpus, record.id, change)
            except review.ReviewError as exc:
                self.notify(str(exc), severity="error", timeout=8)
                return
            self.capp.remember(f"edit of {record.id}", self._reverter(record))
            self.notify(f"Edited and accepted: {record.id}", timeout=3)
            self.capp.corpus_changed()
            self._drop(row)

        self.app.push_screen(EditScreen(record), done)
