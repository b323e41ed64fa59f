"""Add articles from the app: a URL, a saved page, a PDF or a .txt file is read first and what was
found (headline, outlet, date, author, URL, the meeting it seems to report and why) is shown to be
corrected before it is added; a folder is added as it is. Ingest runs in a worker with a progress bar,
then the corpus reloads and the new sources appear, no restart needed."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, ProgressBar, Select, Static

from coalition_tui.actions.documents import Metadata
from coalition_tui.tui import render
from coalition_tui.tui.messages import ArticleRead, ArticlesAdded, WorkProgress
from coalition_tui.tui.source_form import FIELDS, citation_inputs, read_inputs

if TYPE_CHECKING:
    from coalition_tui.actions.ingest import Preview
    from coalition_tui.store.corpus import Corpus

NEW_MEETING = "+new"


class AddArticlesScreen(ModalScreen[None]):
    """+: a URL or a path and the meeting it reports."""

    BINDINGS = [("escape", "close", "Close"), ("ctrl+s", "add", "Add")]

    def __init__(self) -> None:
        super().__init__()
        self.preview: Preview | None = None
        self.fresh: Corpus | None = None

    def compose(self) -> ComposeResult:
        corpus = self.app.corpus  # type: ignore[attr-defined]
        with VerticalScroll(id="add-dialog", classes="dialog"):
            yield Label(Content("Add articles"), classes="title")
            yield Label("A URL, a saved page (.html), a PDF or a .txt file; or a folder of them")
            yield Input(placeholder="https://… or ~/articles", id="add-path")
            with Vertical(id="add-found"):
                yield Static(id="add-found-title", classes="hint")
                yield from citation_inputs({})
            yield Label("Meeting it reports")
            yield Select(self._meetings(corpus), value="", allow_blank=False, id="add-summit")
            yield Static(id="add-guess", classes="hint")
            yield ProgressBar(id="add-progress", show_eta=False)
            yield Static(Content("Enter: read it · Esc: close"), id="add-status", classes="hint")

    @staticmethod
    def _meetings(corpus: Any) -> list[tuple[Content | str, str]]:
        guess: list[tuple[Content | str, str]] = [("guess from each article's text", "")]
        return (
            guess
            + [(Content(render.inert(s.label)), s.id) for s in corpus.summits_by_date()]
            + [(Content("+ a new meeting…"), NEW_MEETING)]
        )

    def on_mount(self) -> None:
        self.query_one("#add-found").display = False
        self.query_one("#add-progress").display = False  # shown once there is work to show
        self.query_one("#add-path", Input).focus()

    def on_select_changed(self, event: Select.Changed) -> None:
        """'+ a new meeting…': the meeting form; the meeting added is the one chosen here."""
        if event.value != NEW_MEETING:
            return
        from coalition_tui.tui.meeting_form import MeetingForm

        def added(summit: Any) -> None:
            select = self.query_one("#add-summit", Select)
            select.set_options(self._meetings(self.app.corpus))  # type: ignore[attr-defined]
            select.value = summit.id if summit is not None else ""

        self.app.push_screen(MeetingForm(), added)

    def _status(self, text: str) -> None:
        # file names, URLs and problems are untrusted: no markup (Content), no control characters (inert)
        self.query_one("#add-status", Static).update(Content(render.inert(text)))

    # ------------------------------------------------------------------ read, check, add
    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id != "add-path":
            self.action_add()
            return
        raw = event.value.strip()
        if not raw:
            return
        from coalition_tui.actions.fetch import is_url

        target = raw if is_url(raw) else str(Path(raw).expanduser())
        if not is_url(raw) and Path(target).is_dir():
            self._start_folder(Path(target))
            return
        self.preview = None
        self.query_one("#add-found").display = False
        self._status(f"reading {raw}…")
        self._read(target)

    @work(thread=True, exclusive=True, group="add")
    def _read(self, target: str) -> None:
        from coalition_tui.actions.ingest import preview
        from coalition_tui.actions.intake import IngestError

        try:
            self.post_message(ArticleRead(preview(self.app.corpus, target)))  # type: ignore[attr-defined]
        except IngestError as exc:
            self.post_message(ArticleRead(None, str(exc)))

    def on_article_read(self, message: ArticleRead) -> None:
        if message.preview is None:
            self._status(message.problem + "\nFix the address or path, then Enter again · Esc: close")
            return
        found = self.preview = message.preview
        meta = found.meta
        values = {
            "headline": meta.headline,
            "outlet": meta.outlet,
            "published": meta.published.isoformat() if meta.published else "",
            "author": meta.author,
            "url": meta.url,
        }
        for key, _label in FIELDS:
            self.query_one(f"#cite-{key}", Input).value = values[key]
        self.query_one("#add-found-title", Static).update(
            Content(f"Found in it ({found.chars:,} characters of text): check and correct before adding")
        )
        self.query_one("#add-found").display = True
        guess = found.guess
        select = self.query_one("#add-summit", Select)
        corpus = self.app.corpus  # type: ignore[attr-defined]
        if select.value not in ("", NEW_MEETING):
            line = "The meeting chosen above is kept" + (f" (the text suggests {guess.summit})" if guess.summit else "")
        elif guess.summit is not None:
            select.value = guess.summit
            meeting = corpus.summits[guess.summit]
            sure = "" if guess.sure else " — undated: check it is right"
            line = f"Guess: {meeting.label} ({guess.because}){sure}"
        else:
            select.value = ""
            line = "Which meeting it reports is unclear: choose one above (or '+ a new meeting…')"
        self.query_one("#add-guess", Static).update(Content(render.inert(line)))
        self._status("Ctrl+S (or Enter in a field): add it · Esc: close")
        self.query_one("#cite-outlet", Input).focus()

    def action_add(self) -> None:
        found = self.preview
        if found is None:
            return
        summit = self.query_one("#add-summit", Select).value
        if not summit or summit == NEW_MEETING:
            self.notify("Choose the meeting it reports first", severity="warning", timeout=4)
            return
        try:
            values = read_inputs(self)
        except ValueError as exc:
            self.notify(str(exc), severity="error", timeout=5, markup=False)
            return
        self.query_one("#add-path", Input).disabled = True
        self._ingest(found, str(summit), values)

    def _start_folder(self, folder: Path) -> None:
        summit = self.query_one("#add-summit", Select).value
        if summit == NEW_MEETING:
            return
        self.query_one("#add-path", Input).disabled = True
        self._ingest_folder(folder, str(summit) if summit else None)

    @work(thread=True, exclusive=True, group="add")
    def _ingest(self, found: Preview, summit: str, values: dict[str, Any]) -> None:
        from coalition_tui.actions.ingest import ingest_many

        self._run(
            lambda corpus, progress: ingest_many(
                corpus,
                [found.path] if found.path else [],
                summit=summit,
                progress=progress,
                fetched=[found.page] if found.page else None,
                given=Metadata(**{**values, "published": values["published"] or None}),
            ),
            [],
        )

    @work(thread=True, exclusive=True, group="add")
    def _ingest_folder(self, folder: Path, summit: str | None) -> None:
        from coalition_tui.actions.ingest import gather, ingest_many

        files, problems = gather([folder])
        self._run(
            (lambda corpus, progress: ingest_many(corpus, files, summit=summit, progress=progress)) if files else None,
            problems,
        )

    def _run(self, ingest: Any, problems: list[str]) -> None:
        """In the worker: ``ingest(corpus, progress)``, then the corpus read again if anything was added."""
        from coalition_tui.actions.opening import open_corpus

        corpus = self.app.corpus  # type: ignore[attr-defined]

        def progress(stage: str, done: int, total: int) -> None:
            self.post_message(WorkProgress(stage, done, total))

        try:
            result = ingest(corpus, progress) if ingest else None
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
        self.query_one("#add-progress").display = True
        self.query_one("#add-progress", ProgressBar).update(total=max(message.total, 1), progress=message.done)
        self._status(f"{message.stage} {message.done}/{message.total}")

    def on_articles_added(self, message: ArticlesAdded) -> None:
        result, problems, fresh = message.result, message.problems, message.fresh
        added = len(result.added) if result else 0
        lines = [f"{added} article(s) added, {result.records if result else 0} candidate record(s) to review (7)"]
        lines += result.reports[:3] if result else []
        if result and result.unchanged:
            lines.append(f"{result.unchanged} already in the corpus")
        lines += problems[:8] + ([f"… and {len(problems) - 8} more problem(s)"] if len(problems) > 8 else [])
        if any("which meeting" in p or "undated" in p for p in problems):
            lines.append("Choose the meeting above (or '+ a new meeting…' to add it), then Enter again")
        self._status("\n".join(lines) + "\nEsc: close")
        self.query_one("#add-path", Input).disabled = False
        self.query_one("#add-progress", ProgressBar).update(total=1, progress=1)  # done (not the last stage's 0 %)
        if fresh is not None:
            self.fresh = fresh  # the views are rebuilt on the new corpus when this dialog closes

    def action_close(self) -> None:
        fresh = self.fresh
        self.dismiss(None)
        if fresh is not None:
            self.app.replace_corpus(fresh)  # type: ignore[attr-defined]
