"""Review: the queue of extracted candidates, each with its quote in context; accept, reject, edit.

Every decision is saved to data/ at once by the core (``coalition_tui.review``), one atomic file
write per keypress, so quitting or a crash loses nothing already decided.
"""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import DataTable, Input, Label, ProgressBar, Select, Static

from coalition_tui import review
from coalition_tui.model import Commitment, Kind, Stance
from coalition_tui.tui import render
from coalition_tui.tui.base import CorpusScreen
from coalition_tui.tui.keymap import REVIEW_BINDINGS
from coalition_tui.tui.widgets import Table

CONTEXT = 320  # characters of article shown either side of the quote


class ReviewScreen(CorpusScreen):
    """The records left to review (or, with x, the rejected ones)."""

    BINDINGS = REVIEW_BINDINGS

    def __init__(self) -> None:
        super().__init__()
        self.show_rejected = False
        self.rows: list[Commitment] = []

    def compose(self) -> ComposeResult:
        header, footer = self.header_footer()
        yield header
        yield Static(id="review-status", classes="hint")
        with Horizontal(classes="panes"):
            with Vertical(classes="list-pane"):
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

    def reload(self, keep: int | None = None) -> None:
        """Fill the list; the cursor stays at row ``keep`` (the record after the one just decided)."""
        corpus = self.corpus
        self.rows = (
            sorted(corpus.rejected, key=lambda r: (r.source, r.start)) if self.show_rejected else review.queue(corpus)
        )
        table = self.query_one("#review-queue", Table)
        table.clear()
        for r in self.rows:
            glyph = render.STANCE_LOOK[r.stance.value][0]
            table.add_row(
                render.plain(corpus.label(r.country)),
                render.plain(r.kind.value),
                render.plain(f"{glyph} {r.stance.value}"),
                render.plain(f"{r.confidence:.2f}"),
                render.plain(r.source),
                key=r.id,
            )
        left = len(review.queue(corpus))
        what = (
            f"{len(self.rows)} rejected (r restores; x: back to the queue)"
            if self.show_rejected
            else (f"{left} left to review · {len(corpus.rejected)} rejected (x shows them)")
        )
        self.query_one("#review-status", Static).update(
            Content(f"{what}   a: accept · r: reject · E: edit kind/stance/country/person · saved at once")
        )
        if self.rows:
            table.move_cursor(row=min(keep or 0, len(self.rows) - 1))
        self._show(self.current())

    def current(self) -> Commitment | None:
        table = self.query_one("#review-queue", Table)
        if not self.rows or table.cursor_row >= len(self.rows):
            return None
        return self.rows[table.cursor_row]

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
                f"   {record.summit} · {record.source} {record.start}-{record.end}",
                f" · {home[0].name}" if home else "",
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
        act = {"accept": review.accept, "reject": review.reject, "restore": review.restore}[action]
        try:
            act(self.corpus, record.id)
        except review.ReviewError as exc:
            self.notify(str(exc), severity="error", timeout=8)
            return
        done = {"accept": "Accepted", "reject": "Rejected", "restore": "Restored to the queue"}[action]
        self.notify(f"{done}: {self.corpus.label(record.country)} {record.kind.value} ({record.id})", timeout=3)
        self.capp.corpus_changed()
        self.reload(keep=row)

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
            self.notify(f"Edited and accepted: {record.id}", timeout=3)
            self.capp.corpus_changed()
            self.reload(keep=row)

        self.app.push_screen(EditScreen(record), done)


class EditScreen(ModalScreen[review.Change | None]):
    """Kind and stance from fixed lists; country and person typed, resolved as you type (typos welcome)."""

    BINDINGS = [("escape", "cancel", "Cancel"), ("ctrl+s", "save", "Save")]

    def __init__(self, record: Commitment) -> None:
        super().__init__()
        self.record = record

    @property
    def corpus(self):  # noqa: ANN201 - the app's corpus
        return self.app.corpus  # type: ignore[attr-defined]

    def compose(self) -> ComposeResult:
        r = self.record
        with Vertical(id="edit-dialog", classes="dialog"):
            yield Label(Content(f"Edit {r.id}"), classes="title")
            yield Label("Kind")
            yield Select([(k.value, k) for k in Kind], value=r.kind, allow_blank=False, id="edit-kind")
            yield Label("Stance")
            yield Select([(s.value, s) for s in Stance], value=r.stance, allow_blank=False, id="edit-stance")
            yield Label("Country or organization (any name, code or typo)")
            yield Input(self.corpus.label(r.country), id="edit-country")
            yield Static(id="edit-country-match", classes="hint")
            yield Label("Person (empty: none)")
            yield Input(self.corpus.label(r.person) if r.person else "", id="edit-person")
            yield Static(id="edit-person-match", classes="hint")
            yield Static(Content("Enter or Ctrl+S: save and accept · Esc: cancel"), classes="hint")

    def on_mount(self) -> None:
        for field in ("country", "person"):
            self._match(field)
        self.query_one("#edit-kind", Select).focus()

    def _resolve(self, field: str) -> tuple[str | None, str]:
        """(entity id or None, what to show under the box)."""
        value = self.query_one(f"#edit-{field}", Input).value.strip()
        if field == "person" and not value:
            return "", "no person"
        kinds = frozenset({"person"}) if field == "person" else frozenset({"country", "org"})
        res = self.corpus.resolver.resolve(value, codes=field == "country", kinds=kinds)
        if res.entity is None:
            return None, f"✕ no {field} matches {value!r}" + (f" ({res.reason})" if res.reason else "")
        return res.entity, f"→ {self.corpus.label(res.entity)} ({res.method})"

    def _match(self, field: str) -> None:
        entity, shown = self._resolve(field)
        box = self.query_one(f"#edit-{field}-match", Static)
        box.update(Content.styled(render.inert(shown), "green" if entity is not None else "bold red"))

    def on_input_changed(self, event: Input.Changed) -> None:
        self._match(str(event.input.id).removeprefix("edit-"))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.action_save()

    def action_save(self) -> None:
        country, _ = self._resolve("country")
        person, _ = self._resolve("person")
        if country is None or person is None:
            self.notify("Fix the fields marked ✕ first", severity="error", timeout=3)
            return
        r = self.record
        kind = self.query_one("#edit-kind", Select).value
        stance = self.query_one("#edit-stance", Select).value
        self.dismiss(
            review.Change(
                kind=kind if isinstance(kind, Kind) and kind is not r.kind else None,
                stance=stance if isinstance(stance, Stance) and stance is not r.stance else None,
                country=country if country != r.country else None,
                person=person if person != (r.person or "") else None,
            )
        )

    def action_cancel(self) -> None:
        self.dismiss(None)


class AddArticlesScreen(ModalScreen[None]):
    """+: a path (an article file or a folder of .txt files) and a meeting; ingest runs in a worker
    with a progress bar, then the corpus reloads and the new sources appear, no restart needed."""

    BINDINGS = [("escape", "close", "Close")]

    def compose(self) -> ComposeResult:
        corpus = self.app.corpus  # type: ignore[attr-defined]
        with Vertical(id="add-dialog", classes="dialog"):
            yield Label(Content("Add articles"), classes="title")
            yield Label("A .txt article or a folder of them (searched recursively)")
            yield Input(placeholder="~/articles", id="add-path")
            yield Label("Meeting they report")
            yield Select(
                [("guess from each article's text", "")] + [(s.label, s.id) for s in corpus.summits_by_date()],
                value="",
                allow_blank=False,
                id="add-summit",
            )
            yield ProgressBar(id="add-progress", show_eta=False)
            yield Static(Content("Enter: add · Esc: close"), id="add-status", classes="hint")

    def on_mount(self) -> None:
        self.query_one("#add-path", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        raw = event.value.strip()
        if not raw:
            return
        summit = self.query_one("#add-summit", Select).value
        self.query_one("#add-path", Input).disabled = True
        self._ingest(Path(raw).expanduser(), str(summit) if summit else None)

    @work(thread=True, exclusive=True, group="add")
    def _ingest(self, target: Path, summit: str | None) -> None:
        from coalition_tui.bulk import article_files, ingest_many
        from coalition_tui.cache import open_corpus

        app = self.app
        corpus = app.corpus  # type: ignore[attr-defined]

        def progress(stage: str, done: int, total: int) -> None:
            app.call_from_thread(self._progress, stage, done, total)

        files, problems = article_files(target)
        result = ingest_many(corpus, files, summit=summit, progress=progress) if files else None
        problems += result.problems if result else []
        if not files and not problems:
            problems.append(f"{target}: no .txt article there")
        fresh = open_corpus(corpus.root, progress=progress) if result and result.added else None
        app.call_from_thread(self._done, result, problems, fresh)

    def _progress(self, stage: str, done: int, total: int) -> None:
        self.query_one("#add-progress", ProgressBar).update(total=max(total, 1), progress=done)
        self.query_one("#add-status", Static).update(Content(f"{stage} {done}/{total}"))

    def _done(self, result, problems: list[str], fresh) -> None:  # noqa: ANN001 - BulkResult, Corpus
        added = len(result.added) if result else 0
        lines = [f"{added} article(s) added, {result.records if result else 0} candidate record(s) to review (7)"]
        if result and result.unchanged:
            lines.append(f"{result.unchanged} already in the corpus")
        lines += problems[:8] + ([f"… and {len(problems) - 8} more problem(s)"] if len(problems) > 8 else [])
        # file names in the problems are untrusted: no markup (Content), no control characters (inert)
        self.query_one("#add-status", Static).update(Content(render.inert("\n".join(lines)) + "\nEsc: close"))
        self.query_one("#add-path", Input).disabled = False
        self.fresh = fresh  # the views are rebuilt on the new corpus when this dialog closes

    def action_close(self) -> None:
        fresh = getattr(self, "fresh", None)
        self.dismiss(None)
        if fresh is not None:
            self.app.replace_corpus(fresh)  # type: ignore[attr-defined]
