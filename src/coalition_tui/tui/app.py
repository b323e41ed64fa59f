"""The Textual app: loads the corpus in a worker, then shows one view per mode."""

from __future__ import annotations

import gc
import importlib
import io
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from rich.segment import Segment
from rich.text import Text
from textual import on, work
from textual.app import App, ComposeResult
from textual.color import Color
from textual.content import Content
from textual.filter import LineFilter
from textual.notifications import SeverityLevel
from textual.widgets import Header, ProgressBar, Static
from textual.worker import Worker, WorkerState

from coalition_tui.store.derived import Change
from coalition_tui.store.errors import CoalitionError
from coalition_tui.store.paths import folder_label
from coalition_tui.store.safe import UNSAFE, inert, is_inert
from coalition_tui.tui.base import CorpusScreen
from coalition_tui.tui.commands import CoalitionCommands
from coalition_tui.tui.dialogs import ConfirmScreen, ExportScreen, HelpScreen
from coalition_tui.tui.keybar import KeyBar
from coalition_tui.tui.keymap import APP_BINDINGS
from coalition_tui.tui.loading import keep_out_of_collections, prepare_views
from coalition_tui.tui.messages import CorpusChanged, CorpusReadAgain, ExportWritten, WorkProgress
from coalition_tui.tui.views import VIEWS

if TYPE_CHECKING:  # the core is imported once the first frame is painted (by the loading worker)
    from textual.screen import Screen

    from coalition_tui.store.corpus import Corpus
    from coalition_tui.store.model import Commitment
    from coalition_tui.workspace import Workspace


def _view(module: str, name: str) -> Callable[[], Screen]:
    """A mode's screen, imported when first shown: the first frame paints before the core is imported."""

    def build() -> Screen:
        return getattr(importlib.import_module(f"coalition_tui.tui.{module}"), name)()

    return build


class InertFilter(LineFilter):
    """Removes, from every line the app paints, any character a terminal would obey or hide (C0 and C1
    controls, bidi overrides, zero-width characters). The views already show such characters as
    pictures (:func:`coalition_tui.store.safe.inert`); this filter is the backstop for any string that
    reached a widget without it. Removing, not replacing, keeps each line's width: these characters
    take no cell."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        if all(is_inert(segment.text) for segment in segments):
            return segments
        return [Segment(UNSAFE.sub("", text), style, control) for text, style, control in segments]


OUTSIDE_CHECK = 3.0  # seconds between two looks at what other processes wrote to the data folder


class CoalitionApp(App[None]):
    """Compare what each country committed at the coalition-of-the-willing meetings."""

    CSS_PATH = "app.tcss"
    TITLE = "coalition-tui"
    BINDINGS = APP_BINDINGS
    COMMANDS = App.COMMANDS | {CoalitionCommands}
    MODES = {view.mode: _view(view.module, view.screen) for view in VIEWS}

    def __init__(self, data_dir: Path, blink: bool = True, compare: Path | None = None) -> None:
        super().__init__()
        self.compare_on_load = compare  # another reviewer's copy to compare with once loaded
        self._filters.append(InertFilter())  # the last word on every painted line: nothing raw reaches the terminal
        self.data_dir = data_dir
        self.blink = blink
        self.workspace: Workspace | None = None  # the one owner of the corpus, once loaded
        self._loading_stage = ""
        self.selection: dict[str, Commitment] = {}
        self._wanted_record: str | None = None
        self._rebuilding: set[str] = (
            set()
        )  # views being built again  # what Sources opens at (Enter / o on a record elsewhere)

    @property
    def corpus(self) -> Corpus | None:
        return self.workspace.corpus if self.workspace is not None else None

    # ------------------------------------------------------------------ loading
    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(Text(f"Loading the corpus from {self.data_dir} …"), id="loading-label")
        yield ProgressBar(id="loading-bar", show_eta=False)
        yield KeyBar()

    def on_mount(self) -> None:
        from coalition_tui.tui.dialogs import binding_ids
        from coalition_tui.tui.settings import load_settings

        settings = load_settings(binding_ids=binding_ids(), themes=self.available_themes)
        if settings.keymap:
            self.set_keymap(settings.keymap)  # binding ids are in the help screen and README's keys table
        if settings.theme:
            self.theme = settings.theme
        if settings.problems:
            self.notify(settings.problem, severity="warning", timeout=8)
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        self.load()

    def _remember_theme(self, theme) -> None:  # noqa: ANN001 - textual.theme.Theme
        from coalition_tui.tui.settings import remember_theme

        try:
            remember_theme(theme.name)
        except OSError as exc:
            self.notify(f"Could not remember the theme: {exc.strerror or exc}", severity="warning", timeout=4)

    @work(thread=True, exclusive=True, exit_on_error=False, group="load", description="Loading the corpus")
    def load(self) -> Corpus:
        from coalition_tui.actions.opening import open_corpus

        def progress(stage: str, done: int, total: int) -> None:
            self.post_message(WorkProgress(stage, done, total))

        gc.disable()  # until the corpus is frozen (keep_out_of_collections): a collection would rescan it all
        return prepare_views(open_corpus(self.data_dir, progress=progress))

    def on_work_progress(self, message: WorkProgress) -> None:
        bar = self.query("#loading-bar")
        if bar:
            bar.first(ProgressBar).update(total=max(message.total, 1), progress=message.done)
            if message.stage != self._loading_stage:  # the label is laid out again only when it changes
                self._loading_stage = message.stage
                self.query_one("#loading-label", Static).update(Text(f"Loading {message.stage} from {self.data_dir} …"))

    @on(Worker.StateChanged)
    def _worker_done(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "load":
            return
        if event.state in (WorkerState.SUCCESS, WorkerState.ERROR, WorkerState.CANCELLED):
            keep_out_of_collections()
        if event.state is WorkerState.SUCCESS:
            corpus = event.worker.result
            from coalition_tui.store.corpus import Corpus
            from coalition_tui.workspace import Workspace

            assert isinstance(corpus, Corpus)
            self.workspace = Workspace(corpus.root, corpus)
            self.workspace.listeners.append(self._tell_screens)
            self.run_worker(self.workspace.read_undo, thread=True, group="undo", exit_on_error=False)
            self._update_status()
            self.switch_mode("overview")
            self.set_interval(OUTSIDE_CHECK, self.check_outside)
            if self.compare_on_load is not None:
                self.compare_with(self.compare_on_load)
        elif event.state is WorkerState.ERROR:
            self.query_one("#loading-label", Static).update(
                Text(f"Could not load {self.data_dir}: {event.worker.error}. Press q to quit.", style="bold red")
            )

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Notifications never parse markup and show no control character: they quote paths and ids,
        which are untrusted."""
        super().notify(inert(message), title=title, severity=severity, timeout=timeout, markup=False)

    def format_title(self, title: str, sub_title: str) -> Content:
        """The header: the view first (a narrow terminal cuts the end), then the open folder and counts."""
        if not sub_title:
            return Content(title)
        return Content.assemble((sub_title, "bold"), (" — ", "dim"), Content(title).stylize("dim"))

    # ------------------------------------------------------------------ state
    def _update_status(self) -> None:
        if self.corpus is None:
            return
        parts = [
            inert(folder_label(self.data_dir)),
            f"{len(self.corpus.sources)} sources",
            f"{len(self.corpus.records)} records",
            f"{len(self.selection)} selected",
        ]
        if self.corpus.problems:
            parts.append(f"{len(self.corpus.problems)} problem(s): press 6")
        self.title = " · ".join(parts)

    def replace_corpus(self, corpus: Corpus) -> None:
        """A corpus read again (new articles, another process's writes): every view is rebuilt."""
        keep_out_of_collections()
        assert self.workspace is not None
        self.workspace.replace(corpus, "articles added")

    def open_at_quote(self, record: Commitment) -> None:
        """Sources, at the record's article, scrolled to its quote."""
        if (
            self.current_mode == "sources"
            and isinstance(self.screen, CorpusScreen)
            and hasattr(self.screen, "open_record")
        ):
            self.call_later(self.screen.open_record, record.id)
            return
        self._wanted_record = record.id
        if "sources" in self._screen_stacks:  # built before: shown again at the record
            self.remove_mode("sources")
            self.add_mode("sources", self.MODES["sources"])
        self.switch_mode("sources")

    def take_wanted_record(self) -> str | None:
        """The record a view asked Sources to open (once)."""
        wanted, self._wanted_record = self._wanted_record, None
        return wanted

    def rebuild_current_view(self) -> None:
        """The current view built again on the corpus as it is. Each mode switch is awaited before the
        next step: switches left running together (a dialog closing as the corpus is replaced) left the
        app showing a screen no key reached."""
        current = self.current_mode
        if current in self.MODES and current not in self._rebuilding:
            self._rebuilding.add(current)  # asked twice before it ran (resumed, then told of the change): once
            self.call_later(self._rebuild, current)

    async def _rebuild(self, mode: str) -> None:
        try:
            if mode != self.current_mode:  # switched away meanwhile: that view is built afresh when next shown
                return
            await self.switch_mode("overview" if mode != "overview" else "countries")
            await self.remove_mode(mode)
            self.add_mode(mode, self.MODES[mode])
            await self.switch_mode(mode)
        finally:
            self._rebuilding.discard(mode)

    def _tell_screens(self, change: Change) -> None:
        """The workspace's listener (on any thread): one message, handled on the app's."""
        self.post_message(CorpusChanged(change))

    def on_corpus_changed(self, message: CorpusChanged) -> None:
        """The one place a change reaches the screens: the selection follows the records, the other views
        are rebuilt when next shown, the current one refreshes from the change (unless it already has)."""
        corpus = self.corpus
        if corpus is None:
            return
        for rid in list(self.selection):
            record = corpus.record(rid)
            if record is None or record.rejected:
                del self.selection[rid]
            else:
                self.selection[rid] = record
        for mode in list(self._screen_stacks):
            if mode != self.current_mode and mode in self.MODES:
                self.remove_mode(mode)
                self.add_mode(mode, self.MODES[mode])
        self._update_status()
        screen = self.screen
        if isinstance(screen, CorpusScreen) and not screen.shows_current():
            screen.show_change(message.change)

    def action_undo(self) -> None:
        if self.workspace is None or not self.workspace.undo_log:
            self.notify("Nothing to undo", timeout=2)
            return
        if len(self.screen_stack) > 1 and not getattr(self.screen, "ALLOWS_UNDO", False):
            return  # a dialog is open: it has the keyboard
        label = self.workspace.undo_log[-1].label
        try:
            change = self.workspace.undo()
        except CoalitionError as exc:
            self.notify(f"Could not undo {label}: {exc}", severity="error", timeout=8)
            return
        self.notify(f"Undone: {label}", timeout=4)
        screen = self.screen
        if change is not None and isinstance(screen, CorpusScreen):
            screen.show_change(change)  # now, before the next key: it must act on what it shows

    def on_app_focus(self) -> None:
        self.check_outside()

    def check_outside(self) -> None:
        """Another window or a command wrote to the data folder: read it again (in a worker)."""
        workspace = self.workspace
        if workspace is None or len(self.screen_stack) > 1:
            return  # a dialog is open: its form works on the corpus it was opened on
        self._read_outside(workspace.version)

    @work(thread=True, exclusive=True, exit_on_error=False, group="outside")
    def _read_outside(self, version: int) -> None:
        from coalition_tui.actions.opening import open_corpus

        workspace = self.workspace
        if workspace is None or not workspace.changed_outside():
            return
        from coalition_tui.workspace.stamp import folder_stamp

        stamp = folder_stamp(workspace.root)  # before reading: a write made meanwhile is seen next time
        try:
            fresh = prepare_views(open_corpus(workspace.root))
        finally:
            keep_out_of_collections()
        self.post_message(CorpusReadAgain(fresh, version, stamp))

    def on_corpus_read_again(self, message: CorpusReadAgain) -> None:
        workspace = self.workspace
        if workspace is None or workspace.version != message.version:
            return  # this window changed the corpus meanwhile: the next look decides again
        keep_out_of_collections()
        workspace.replace(message.corpus, "read again: another window or command changed it", message.stamp)
        self.notify("Another window or command changed the corpus: it was read again", timeout=5)

    def action_add_articles(self) -> None:
        if self.corpus is None:
            return
        from coalition_tui.tui.add import AddArticlesScreen

        self.push_screen(AddArticlesScreen())

    def toggle_selection(self, records: list[Commitment]) -> None:
        """Select all of ``records``, or unselect them if they all are selected already."""
        if not records:
            return
        if all(r.id in self.selection for r in records):
            for r in records:
                self.selection.pop(r.id, None)
            self.notify(f"Unselected {len(records)} record(s); {len(self.selection)} selected", timeout=2)
        else:
            for r in records:
                self.selection[r.id] = r
            self.notify(f"Selected {len(records)} record(s); {len(self.selection)} selected", timeout=2)
        self._update_status()

    # ------------------------------------------------------------------ actions
    def action_view(self, mode: str) -> None:
        if self.corpus is None:
            self.notify("Still loading the corpus…", timeout=2)
            return
        self.switch_mode(mode)

    def action_overview_kind(self, clear: bool = False) -> None:
        """The palette's kind filter: the Overview, then its kind picker (or all kinds again)."""
        if self.corpus is None:
            return
        self.switch_mode("overview")
        screen = self.screen
        if hasattr(screen, "set_kind"):
            if clear:
                screen.set_kind(None)
            else:
                screen.action_kind()  # type: ignore[attr-defined]

    def action_help(self) -> None:
        self.push_screen(HelpScreen())

    def action_compare_copy(self) -> None:
        """Ask for another reviewer's copy of this corpus, then show where the two disagree."""
        if self.corpus is None:
            return
        from coalition_tui.tui.dialogs import CompareScreen

        def chosen(folder: Path | None) -> None:
            if folder is not None:
                self.compare_with(folder)

        self.push_screen(CompareScreen(self.blink), chosen)

    @work(thread=True, exclusive=True, group="compare", exit_on_error=False)
    def compare_with(self, folder: Path) -> None:
        """Read the other copy and measure the agreement off the screen's thread, then show it."""
        from coalition_tui.analysis.agreement import agree
        from coalition_tui.store.loader import load_corpus

        if not (folder / "sources.toml").is_file():
            self.call_from_thread(self.notify, f"{folder}: not a corpus (no sources.toml)", severity="error",
                                  markup=False)  # fmt: skip
            return
        self.call_from_thread(self.notify, f"Reading {folder_label(folder)} …", timeout=3, markup=False)
        try:
            other = load_corpus(folder)
        except (OSError, CoalitionError) as exc:
            self.call_from_thread(self.notify, f"Could not read {folder}: {exc}", severity="error", markup=False)
            return
        corpus = self.corpus
        assert corpus is not None
        result = agree(corpus, other)
        self.call_from_thread(self._show_agreement, other, folder, result)

    def _show_agreement(self, other: Corpus, folder: Path, result: object) -> None:
        from coalition_tui.tui.agreement import AgreementScreen

        self.push_screen(AgreementScreen(other, folder, result))  # type: ignore[arg-type]

    def action_clear_selection(self) -> None:
        self.selection.clear()
        self._update_status()
        if isinstance(self.screen, CorpusScreen):
            self.screen.refresh_selection()
        self.notify("Selection cleared", timeout=2)

    def action_export(self) -> None:
        if self.corpus is None:
            return
        if not self.selection:
            self.notify("Nothing selected: Space selects the record (or row) under the cursor.", severity="warning")
            return
        self._export("export")

    def action_report(self) -> None:
        """The report page: of the selection, else of every record."""
        if self.corpus is not None:
            self._export("report")

    @work(exclusive=True, group="export")
    async def _export(self, what: str) -> None:
        """Ask where (the file name's extension chooses the format), then write it in a thread; served in a
        browser, the file is handed to the browser as a download instead."""
        from coalition_tui.actions.export import default_export_path

        corpus = self.corpus
        assert corpus is not None
        chosen = list(self.selection.values()) or ([] if what == "export" else list(corpus.records))
        default = default_export_path()
        if what == "report":
            default = default.with_name(default.name.replace("export", "report")).with_suffix(".html")
        if self.is_web:
            default = Path(default.name)
        path = await self.push_screen_wait(ExportScreen(default, len(chosen), self.blink, report=what == "report"))
        if path is None:
            return
        overwrite = False
        if not self.is_web and path.exists():
            overwrite = await self.push_screen_wait(ConfirmScreen(f"{path} exists. Replace it?"))
            if not overwrite:
                self.notify("Not written: the existing file is unchanged.", timeout=3)
                return
        filters = self.screen.filters() if isinstance(self.screen, CorpusScreen) else {}
        records = chosen
        unsure = sum(r.unsure for r in records)
        if unsure and not await self.push_screen_wait(
            ConfirmScreen(
                f"{unsure} of the records are marked unsure. Include them too?",
                yes=f"Yes, include the {unsure}",
                no="No, leave them out",
            )
        ):
            records = [r for r in records if not r.unsure]
        if len(records) > 1000:
            self.notify(f"Writing {len(records)} record(s) to {path} …", timeout=3, markup=False)
        self._write_export(path, records, filters, overwrite, what)

    @work(thread=True, exclusive=True, group="export-write")
    def _write_export(
        self, path: Path, records: list[Commitment], filters: dict[str, str], overwrite: bool, what: str = "export"
    ) -> None:
        """The file is made and written off the screen's thread (a big selection takes seconds)."""
        from coalition_tui.actions.export import format_of, write_output
        from coalition_tui.workspace.outputs import MIME, export_payload, report_payload

        assert self.corpus is not None
        fmt = "html" if what == "report" else format_of(path)
        try:
            payload = (
                report_payload(self.corpus, records, filters)
                if fmt == "html"
                else export_payload(self.corpus, records, fmt, filters)
            )
            if self.is_web:  # served: the browser downloads it; nothing is written on the server
                self.call_from_thread(
                    self.deliver_binary, io.BytesIO(payload), save_filename=path.name, mime_type=MIME[fmt]
                )
            else:
                write_output(path, payload, overwrite=overwrite)
        except OSError as exc:
            self.post_message(ExportWritten(path, len(records), str(exc.strerror or exc)))
            return
        self.post_message(ExportWritten(path, len(records)))

    def on_export_written(self, message: ExportWritten) -> None:
        if message.error:
            self.notify(f"Could not write {message.path}: {message.error}", severity="error", timeout=6, markup=False)
        else:
            where = f"your browser's downloads ({message.path.name})" if self.is_web else str(message.path)
            self.notify(f"Wrote {message.records} record(s) to {where}", timeout=6, markup=False)
