"""Review: the queue of extracted candidates, each with its quote in context; accept, reject, edit.

Every decision is saved to data/ at once by the core (``coalition_tui.actions.review``), one atomic file
write per keypress, so quitting or a crash loses nothing already decided.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.timer import Timer
from textual.widgets import DataTable, Static

from coalition_tui.actions import review
from coalition_tui.analysis.citation import short, source_line
from coalition_tui.store.derived import Change
from coalition_tui.store.errors import CoalitionError
from coalition_tui.store.model import Commitment
from coalition_tui.tui import render
from coalition_tui.tui.base import CorpusScreen, FilterMixin, WindowMixin
from coalition_tui.tui.citing import CitingMixin
from coalition_tui.tui.dialogs import ConfirmScreen
from coalition_tui.tui.edit_form import EditScreen
from coalition_tui.tui.keymap import CITE, OPEN_ARTICLE, REVIEW_BINDINGS, WINDOW_BINDINGS
from coalition_tui.tui.messages import WorkFailed, WorkProgress
from coalition_tui.tui.widgets import FilterInput, Table
from coalition_tui.workspace.workspace import Bulk

CONTEXT = 320  # characters of article shown either side of the quote


@dataclass
class _Bulk:
    """A decision on many records, under way in a worker (``stopped``: Esc was pressed)."""

    action: str
    records: list[Commitment]
    stopped: bool = False


@dataclass
class BulkDecided(Message, bubble=False):
    """The worker's result: what the decision on many records did."""

    bulk: _Bulk
    result: Bulk


class ReviewScreen(CitingMixin, FilterMixin, WindowMixin, CorpusScreen):
    """The records left to review (or, with x, those marked unsure, or the rejected ones); / narrows them."""

    BINDINGS = [*REVIEW_BINDINGS, OPEN_ARTICLE, CITE, *FilterMixin.BINDINGS, *WINDOW_BINDINGS]

    LISTS = ("queue", "unsure", "rejected")  # what x steps through
    WINDOW = 500  # rows in the table at once: a DataTable row costs ~80 µs to add (26,000 took 2 s)

    def __init__(self) -> None:
        super().__init__()
        self.shown = "queue"  # one of LISTS: which records the screen lists
        self.unsure_total = 0
        self.everything: list[Commitment] = []  # the whole queue (or the rejected records)
        self.rows: list[Commitment] = []  # those the filter lets through
        self.start = 0  # the first of them in the table
        self._filter_timer: Timer | None = None
        self._bulk: _Bulk | None = None  # a decision on all listed records, under way
        self.band: int | None = None  # which of review.BANDS filters the list (None: every confidence)
        self.order = "article"  # one of review.ORDERS

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

    @property
    def show_rejected(self) -> bool:
        return self.shown == "rejected"

    def reload(self, near: frozenset[str] = frozenset()) -> None:
        """Fill the list: the queue, the unsure records or the rejected ones; the cursor on the first of
        the records ``near`` that is listed, else on the row it was on."""
        corpus = self.corpus
        self.everything = (
            sorted(corpus.rejected, key=lambda r: (r.source, r.start))
            if self.shown == "rejected"
            else review.unsure_queue(corpus)
            if self.shown == "unsure"
            else review.queue(corpus)
        )
        self.unsure_total = len(self.everything) if self.shown == "unsure" else sum(r.unsure for r in corpus.records)
        self.apply_filter(self.filter_box().value, near)
        self.mark_drawn()

    def show_change(self, change: Change) -> None:
        """Any change to the corpus (an undo, another window's decisions): the list again, now."""
        self.reload(change.records)

    def apply_filter(self, text: str, near: frozenset[str] | None = None) -> None:
        """The rows the filter lets through; the cursor on the first (a new filter), else (``near``
        given: the list shown again) on the first of ``near`` listed, else on the row it was on."""
        table = self.query_one("#review-queue", Table)
        row = self.start + table.cursor_row if table.row_count and near is not None else 0
        rows = review.matching(self.corpus, self.everything, text)
        if self.band is not None:
            _label, low, high = review.BANDS[self.band]
            rows = review.in_band(rows, low, high)
        self.rows = rows if self.order == "article" else review.ordered(self.corpus, rows, self.order)
        at = next((i for i, r in enumerate(self.rows) if r.id in near), None) if near else None
        at = min(row, max(0, len(self.rows) - 1)) if at is None else at
        self.start = at - at % self.WINDOW
        self._fill(cursor=at - self.start)

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
            render.plain(short(self.corpus.sources.get(r.source), r.source)),
        )

    def _status(self) -> None:
        rejected = len(self.corpus.rejected)
        what = (
            f"{rejected} rejected (r restores; x: back to the queue)"
            if self.shown == "rejected"
            else f"{len(self.everything)} marked unsure (a accepts, r rejects, n: back to the queue; x: rejected)"
            if self.shown == "unsure"
            else f"{len(self.everything)} left to review · "
            + (f"{self.unsure_total} unsure · " if self.unsure_total else "")
            + f"{rejected} rejected (x shows them)"
        )
        query = self.filter_box().value.strip()
        if query:
            what += f" · {len(self.rows)} match “{query}”"
        if self.band is not None:
            what += f" · {len(self.rows)} with {review.BANDS[self.band][0]} (A accepts them all)"
        what += self.window_note()
        sort = f" · sorted by {self.order} (s)" if self.order != "article" else ""
        self.query_one("#review-status", Static).update(
            Content(
                render.inert(f"{what}{sort}   a: accept · r: reject · n: unsure · E: edit · c: band · s: sort · ")
                + "saved at once"
            )
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

    def cited_record(self) -> Commitment | None:
        return self.current()

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
                    "Nothing listed: the filter or confidence band (c) leaves none out of "
                    f"{len(self.everything)}; Esc clears the filter, c moves to the next band."
                    if self.everything and (self.band is not None or self.filter_box().value.strip())
                    else "Nothing rejected."
                    if self.shown == "rejected"
                    else "Nothing marked unsure: n in the queue puts a record here."
                    if self.shown == "unsure"
                    else "Nothing left to review: every record is curated."
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
                render.inert(f"   {record.summit} · id {record.id}"),
                render.inert(f" · {home[0].name}") if home else "",
                "\n",
                (render.inert(render.decided_line(record) + "\n"), "dim") if record.decided_by else "",
                (render.inert(source_line(corpus.sources.get(record.source), url=True)), "italic"),
                "\n\n",
                ("…" if record.start > CONTEXT else "", "dim"),
                (render.inert(before), "dim"),
                (render.inert(record.quote), "bold underline"),
                (render.inert(after), "dim"),
                ("…" if record.end + CONTEXT < len(text) else "", "dim"),
            )
        )

    def _decide(self, action: str) -> None:
        if not self.acts_on_current():
            return
        record = self.current()
        if record is None:
            self.notify("Nothing to review here", timeout=2)
            return
        row = self.query_one("#review-queue", Table).cursor_row
        try:
            self.workspace.decide(action, record.id)  # accept, reject or restore
        except CoalitionError as exc:
            self.notify(str(exc), severity="error", timeout=8)
            return
        done = {"accept": "Accepted", "reject": "Rejected", "unsure": "Marked unsure", "restore": "Back in the queue"}[
            action
        ]
        self.unsure_total += (action == "unsure") - (self.shown == "unsure")
        self.notify(f"{done}: {self.corpus.label(record.country)} {record.kind.value} ({record.id})", timeout=3)
        self._drop(row)  # the one record leaves the list (a refill of a long queue is slow)
        self.mark_drawn()

    def action_decide_all(self, action: str) -> None:
        """A and R: the same decision for every record listed (all that the filter lets through, not
        just the window), after a confirmation; each is saved to its file as it is made, in a worker."""
        if not self.acts_on_current():
            return
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
        if self.band is not None:
            matching += f" with {review.BANDS[self.band][0]}"
        question = (
            f"{verb} all {len(records)} record(s) listed{matching}? Each is saved to its file at once; "
            "Esc stops part way."
        )

        def answered(yes: bool | None) -> None:
            if yes:
                self._bulk = _Bulk(action, records)
                self._decide_all(self._bulk)

        self.app.push_screen(ConfirmScreen(question, yes=f"Yes, {verb.lower()} {len(records)}"), answered)

    @work(thread=True, exclusive=True, exit_on_error=False, group="bulk", description="Deciding")
    def _decide_all(self, bulk: _Bulk) -> None:
        """The decisions, off the screen's thread: the count shows as they are saved; Esc stops."""

        def progress(done: int, total: int) -> bool:
            if done % 10 == 0 or done == total:
                self.post_message(WorkProgress(bulk.action, done, total))
            return not bulk.stopped

        try:
            result = self.workspace.decide_many(bulk.action, bulk.records, progress)
        except CoalitionError as exc:
            self.post_message(WorkFailed(str(exc)))
            return
        self.post_message(BulkDecided(bulk, result))

    def on_work_progress(self, message: WorkProgress) -> None:
        self.query_one("#review-status", Static).update(
            Content(f"{message.stage.capitalize()}ing: {message.done} of {message.total}…   Esc stops")
        )

    def on_work_failed(self, message: WorkFailed) -> None:
        self._bulk = None
        self.notify(message.reason, severity="error", timeout=8)
        self.reload()

    def on_bulk_decided(self, message: BulkDecided) -> None:
        bulk, result = message.bulk, message.result
        self._bulk = None
        self.reload()
        text = f"{bulk.action.capitalize()}: {result.made} of {len(bulk.records)} record(s)"
        if bulk.stopped:
            text += " (stopped)"
        if result.failed:
            text += f"; {len(result.failed)} could not be saved, the first: {result.failed[0]}"
        self.notify(text, severity="warning" if result.failed else "information", timeout=8)

    def action_confidence_band(self) -> None:
        """c: only the records of the next confidence band (≥ 0.9, ≥ 0.8, ≥ 0.7, ≥ 0.5, < 0.5, all)."""
        self.band = None if self.band == len(review.BANDS) - 1 else 0 if self.band is None else self.band + 1
        self.apply_filter(self.filter_box().value)  # the status line says which band and how many

    def action_sort(self) -> None:
        """s: by article, by confidence (highest first), by country."""
        self.order = review.ORDERS[(review.ORDERS.index(self.order) + 1) % len(review.ORDERS)]
        self.apply_filter(self.filter_box().value)  # the status line says the order

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

    def action_unsure(self) -> None:
        """n: the reviewer cannot decide: the record goes to the unsure queue (n there puts it back)."""
        if self.shown == "rejected":
            self.notify("Restore it first (r), then mark it unsure", timeout=3)
            return
        self._decide("restore" if self.shown == "unsure" else "unsure")

    def action_toggle_rejected(self) -> None:
        """x: the queue, the records marked unsure, the rejected ones."""
        self.shown = self.LISTS[(self.LISTS.index(self.shown) + 1) % len(self.LISTS)]
        self.reload()

    def action_edit(self) -> None:
        if not self.acts_on_current():
            return
        record = self.current()
        if record is None:
            self.notify("Nothing to edit here", timeout=2)
            return
        row = self.query_one("#review-queue", Table).cursor_row

        def done(change: review.Change | None) -> None:
            if change is None or not self.acts_on_current():
                return
            try:
                self.workspace.edit(record.id, change)
            except CoalitionError as exc:
                self.notify(str(exc), severity="error", timeout=8)
                return
            self.notify(f"Edited and accepted: {record.id}", timeout=3)
            self._drop(row)
            self.mark_drawn()

        self.app.push_screen(EditScreen(record), done)
