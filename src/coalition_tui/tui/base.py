"""What every corpus view shares: access to the corpus and the selection, and a filter box."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Protocol

from textual import on
from textual.binding import BindingType
from textual.events import Mount, ScreenResume
from textual.screen import Screen
from textual.widgets import Header

from coalition_tui.store.derived import Change, Touched
from coalition_tui.tui.keybar import KeyBar
from coalition_tui.tui.keymap import CLEAR, FILTER
from coalition_tui.tui.widgets import FilterInput

if TYPE_CHECKING:
    from coalition_tui.store.corpus import Corpus
    from coalition_tui.store.model import Commitment
    from coalition_tui.workspace import Workspace


class CorpusApp(Protocol):
    """What views use of the app (``tui.app.CoalitionApp``): the workspace, the selection."""

    workspace: Workspace | None
    selection: dict[str, Commitment]
    blink: bool

    @property
    def corpus(self) -> Corpus | None: ...
    def toggle_selection(self, records: list[Commitment]) -> None: ...
    def rebuild_current_view(self) -> None: ...
    def replace_corpus(self, corpus: Corpus) -> None: ...
    def open_at_quote(self, record: Commitment) -> None: ...
    def take_wanted_record(self) -> str | None: ...


class CorpusScreen(Screen[None]):
    """A view of the loaded corpus. It remembers the workspace version it shows (:meth:`mark_drawn`);
    a key that acts on a record asks :meth:`acts_on_current` first, so it never acts on a screen that
    no longer matches the corpus."""

    TITLE_TEXT = ""
    drawn = -1  # the workspace version this screen shows

    @property
    def capp(self) -> CorpusApp:
        return self.app  # type: ignore[return-value]

    @property
    def workspace(self) -> Workspace:
        workspace = self.capp.workspace
        assert workspace is not None, "views are shown only once the corpus has loaded"
        return workspace

    @on(Mount)
    def _drawn_when_mounted(self) -> None:
        self.mark_drawn()

    @on(ScreenResume)
    def _shown_again(self) -> None:
        """Back on top (a form or dialog closed): a change made meanwhile is shown (once the screen is
        painted again: rebuilding a view while it resumes would pull it from under its header)."""
        self.call_after_refresh(self._catch_up)

    def _catch_up(self) -> None:
        if self.is_current and self.capp.workspace is not None and not self.shows_current():
            self.show_change(Change(Touched.EVERYTHING, label="shown again"))

    def mark_drawn(self) -> None:
        """This screen now shows the corpus as it is."""
        workspace = self.capp.workspace
        self.drawn = workspace.version if workspace is not None else -1

    def shows_current(self) -> bool:
        workspace = self.capp.workspace
        return workspace is not None and self.drawn == workspace.version

    def show_change(self, change: Change) -> None:
        """Show the corpus after ``change`` (views that can refresh in place override this; the others
        are built again)."""
        self.capp.rebuild_current_view()

    def acts_on_current(self) -> bool:
        """True when the screen shows the corpus as it is; otherwise it is shown again, the user told,
        and the key not acted on."""
        if self.shows_current():
            return True
        self.show_change(Change(Touched.EVERYTHING, label="changed meanwhile"))
        self.notify("The corpus changed meanwhile: shown again; press the key again", timeout=3)
        return False

    @property
    def corpus(self) -> Corpus:
        corpus = self.capp.corpus
        assert corpus is not None, "views are shown only once the corpus has loaded"
        return corpus

    def header_footer(self) -> tuple[Header, KeyBar]:
        return Header(), KeyBar()

    def toggle(self, records: list[Commitment]) -> None:
        self.capp.toggle_selection(records)
        self.refresh_selection()

    def refresh_selection(self) -> None:
        """Redraw whatever shows selection marks (views override)."""

    def filters(self) -> dict[str, str]:
        """The filters in force, for an export's [meta] table."""
        return {}


class FilterMixin:
    """'/' opens a filter box, Escape clears it; subclasses implement ``apply_filter``."""

    BINDINGS: ClassVar[list[BindingType]] = [FILTER, CLEAR]

    def filter_box(self) -> FilterInput:
        return self.query_one(FilterInput)  # type: ignore[attr-defined]

    def action_filter(self) -> None:
        box = self.filter_box()
        box.add_class("-active")
        box.cursor_blink = self.app.blink  # type: ignore[attr-defined]
        self.set_focus(box)  # type: ignore[attr-defined]  # now: Widget.focus waits for the keys already typed

    def action_clear_filter(self) -> None:
        box = self.filter_box()
        box.value = ""
        box.remove_class("-active")
        self.apply_filter("")
        self.focus_list()

    def on_input_changed(self, event: FilterInput.Changed) -> None:
        self.filter_changed(event.value)

    def filter_changed(self, text: str) -> None:
        """Each keystroke in the box (a long list may wait for typing to stop)."""
        self.apply_filter(text)

    def on_input_submitted(self, event: FilterInput.Submitted) -> None:
        self.focus_list()

    def apply_filter(self, text: str) -> None:
        raise NotImplementedError

    def focus_list(self) -> None:
        raise NotImplementedError


class WindowMixin:
    """A list too long for one widget, shown ``WINDOW`` items at a time from ``start``; ``]`` and ``[``
    (``WINDOW_BINDINGS``) move by a window. The screen fills its widget in ``_fill``."""

    WINDOW = 500
    rows: list[Commitment]
    start: int

    def _fill(self, cursor: int = 0) -> None:
        raise NotImplementedError

    def window_note(self) -> str:
        """ " · showing 201–400 (] next, [ previous)" when the list is longer than a window."""
        if len(self.rows) <= self.WINDOW:
            return ""
        return f" · showing {self.start + 1}–{min(self.start + self.WINDOW, len(self.rows))} (] next, [ previous)"

    def action_next_window(self) -> None:
        if self.start + self.WINDOW < len(self.rows):
            self.start += self.WINDOW
            self._fill()

    def action_previous_window(self) -> None:
        if self.start:
            self.start = max(0, self.start - self.WINDOW)
            self._fill()
