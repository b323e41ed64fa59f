"""Add articles from the app: a path prompt, ingest in a worker with a progress bar, no restart."""

from __future__ import annotations

import gc
from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, ProgressBar, Select, Static

from coalition_tui.tui import render
from coalition_tui.tui.messages import ArticlesAdded, WorkProgress

NEW_MEETING = "+new"


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
            yield Select(self._meetings(corpus), value="", allow_blank=False, id="add-summit")
            yield ProgressBar(id="add-progress", show_eta=False)
            yield Static(Content("Enter: add · Esc: close"), id="add-status", classes="hint")

    @staticmethod
    def _meetings(corpus) -> list[tuple[Content | str, str]]:  # noqa: ANN001 - Corpus
        guess: list[tuple[Content | str, str]] = [("guess from each article's text", "")]
        return (
            guess
            + [(Content(render.inert(s.label)), s.id) for s in corpus.summits_by_date()]
            + [(Content("+ a new meeting…"), NEW_MEETING)]
        )

    def on_mount(self) -> None:
        self.query_one("#add-path", Input).focus()

    def on_select_changed(self, event: Select.Changed) -> None:
        """'+ a new meeting…': the meeting form; the meeting added is the one chosen here."""
        if event.value != NEW_MEETING:
            return
        from coalition_tui.tui.meeting_form import MeetingForm

        def added(summit) -> None:  # noqa: ANN001 - Summit | None
            select = self.query_one("#add-summit", Select)
            select.set_options(self._meetings(self.app.corpus))  # type: ignore[attr-defined]
            select.value = summit.id if summit is not None else ""

        self.app.push_screen(MeetingForm(), added)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        raw = event.value.strip()
        if not raw:
            return
        summit = self.query_one("#add-summit", Select).value
        if summit == NEW_MEETING:
            return
        self.query_one("#add-path", Input).disabled = True
        self._ingest(Path(raw).expanduser(), str(summit) if summit else None)

    @work(thread=True, exclusive=True, group="add")
    def _ingest(self, target: Path, summit: str | None) -> None:
        from coalition_tui.actions.ingest import gather, ingest_many
        from coalition_tui.actions.opening import open_corpus

        corpus = self.app.corpus  # type: ignore[attr-defined]

        def progress(stage: str, done: int, total: int) -> None:
            self.post_message(WorkProgress(stage, done, total))

        files, problems = gather([target])
        try:
            result = ingest_many(corpus, files, summit=summit, progress=progress) if files else None
        except OSError as exc:  # the bundled corpus (read-only), a full disk, a folder one cannot write
            result = None
            problems.append(f"{corpus.root}: {exc.strerror or exc}")
        problems += result.problems if result else []
        fresh = None
        if result and result.added:
            from coalition_tui.tui.loading import keep_out_of_collections, prepare_views

            gc.disable()  # no full collection rescanning the corpus as it is built
            try:
                fresh = prepare_views(open_corpus(corpus.root, progress=progress))
            finally:
                keep_out_of_collections()
        self.post_message(ArticlesAdded(result, problems, fresh))

    def on_work_progress(self, message: WorkProgress) -> None:
        self.query_one("#add-progress", ProgressBar).update(total=max(message.total, 1), progress=message.done)
        self.query_one("#add-status", Static).update(Content(f"{message.stage} {message.done}/{message.total}"))

    def on_articles_added(self, message: ArticlesAdded) -> None:
        result, problems, fresh = message.result, message.problems, message.fresh
        added = len(result.added) if result else 0
        lines = [f"{added} article(s) added, {result.records if result else 0} candidate record(s) to review (7)"]
        if result and result.unchanged:
            lines.append(f"{result.unchanged} already in the corpus")
        lines += problems[:8] + ([f"… and {len(problems) - 8} more problem(s)"] if len(problems) > 8 else [])
        if any("which meeting" in p for p in problems):
            lines.append("Choose the meeting above (or '+ a new meeting…' to add it), then Enter again")
        # file names in the problems are untrusted: no markup (Content), no control characters (inert)
        self.query_one("#add-status", Static).update(Content(render.inert("\n".join(lines)) + "\nEsc: close"))
        self.query_one("#add-path", Input).disabled = False
        self.query_one("#add-progress", ProgressBar).update(total=1, progress=1)  # done (not the last stage's 0 %)
        self.fresh = fresh  # the views are rebuilt on the new corpus when this dialog closes

    def action_close(self) -> None:
        fresh = getattr(self, "fresh", None)
        self.dismiss(None)
        if fresh is not None:
            self.app.replace_corpus(fresh)  # type: ignore[attr-defined]
