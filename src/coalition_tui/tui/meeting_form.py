"""The meeting form: a meeting the corpus lacks, added to its ``summits.toml`` (as ``meeting add``)."""

from __future__ import annotations

import datetime as dt
import re

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select, Static

from coalition_tui.actions.meeting_add import NewMeeting, meeting_id
from coalition_tui.store.corpus import Corpus
from coalition_tui.store.errors import CoalitionError
from coalition_tui.store.model import Summit
from coalition_tui.store.problems import NotFound
from coalition_tui.store.vocab import Level, MeetingFormat
from coalition_tui.tui import render


class MeetingForm(ModalScreen[Summit | None]):
    """Date, place, format, level, hosts (any name form, resolved as typed), venue, where reported."""

    BINDINGS = [("escape", "cancel", "Cancel"), ("ctrl+s", "save", "Save")]

    def __init__(self, date: dt.date | None = None, place: str = "") -> None:
        super().__init__()
        self.initial_date, self.initial_place = date, place

    @property
    def corpus(self) -> Corpus:
        return self.app.corpus  # type: ignore[attr-defined]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="meeting-dialog", classes="dialog"):
            yield Label(Content("New meeting"), classes="title")
            with Horizontal(classes="form-row"):
                with Vertical():
                    yield Label("Date (YYYY-MM-DD)")
                    date = self.initial_date.isoformat() if self.initial_date else ""
                    yield Input(date, placeholder="2025-03-27", id="meeting-date", compact=True)
                with Vertical():
                    yield Label("Place")
                    yield Input(self.initial_place, placeholder="London", id="meeting-place", compact=True)
            with Horizontal(classes="form-row"):
                with Vertical():
                    yield Label("Format")
                    yield Select([(f.value, f) for f in MeetingFormat], value=MeetingFormat.IN_PERSON, allow_blank=False,
                                 id="meeting-format", compact=True)  # fmt: skip
                with Vertical():
                    yield Label("Level")
                    yield Select(
                        [(level.words, level) for level in Level],
                        value=Level.LEADERS,
                        allow_blank=False,
                        id="meeting-level",
                        compact=True,
                    )
            yield Label("Hosts (names, a comma between them; any form: 'Starmer, Macron')")
            yield Input(id="meeting-hosts", compact=True)
            yield Static(id="meeting-hosts-match", classes="hint")
            with Horizontal(classes="form-row"):
                with Vertical():
                    yield Label("Venue (optional)")
                    yield Input(id="meeting-venue", compact=True)
                with Vertical():
                    yield Label("Reported in (URLs; optional)")
                    yield Input(id="meeting-sources", compact=True)
            yield Static(id="meeting-id", classes="hint")
            yield Static(Content("Enter or Ctrl+S: add the meeting · Esc: cancel"), classes="hint")

    def on_mount(self) -> None:
        for box in self.query(Input):
            box.cursor_blink = getattr(self.app, "blink", True)
        self._preview()
        self.query_one("#meeting-date", Input).focus()

    def _hosts(self) -> tuple[list[str], list[str]]:
        """(person ids, names that match nobody)."""
        found, unknown = [], []
        for name in (n.strip() for n in self.query_one("#meeting-hosts", Input).value.split(",")):
            if not name:
                continue
            try:
                found.append(self.corpus.find_person(name))
            except NotFound:
                unknown.append(name)
        return found, unknown

    def _date(self) -> dt.date | None:
        try:
            return dt.date.fromisoformat(self.query_one("#meeting-date", Input).value.strip())
        except ValueError:
            return None

    def _preview(self) -> None:
        hosts, unknown = self._hosts()
        shown = ", ".join(self.corpus.label(h) for h in hosts)
        line = Content.styled(render.inert(f"→ {shown}" if shown else "no hosts"), "green")
        if unknown:
            line = Content.styled(render.inert(f"✕ nobody in the gazetteer is {unknown[0]!r}"), "bold red")
        self.query_one("#meeting-hosts-match", Static).update(line)
        date, place = self._date(), self.query_one("#meeting-place", Input).value.strip()
        if date and place:
            summit_id = meeting_id(date, place)
            clash = " (already in the corpus)" if summit_id in self.corpus.summits else ""
            self.query_one("#meeting-id", Static).update(Content(render.inert(f"id: {summit_id}{clash}")))
        else:
            self.query_one("#meeting-id", Static).update(Content("id: give a date (YYYY-MM-DD) and a place"))

    def on_input_changed(self, event: Input.Changed) -> None:
        self._preview()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        date = self._date()
        place = self.query_one("#meeting-place", Input).value.strip()
        if date is None or not place:
            self.notify("Give the date as YYYY-MM-DD and a place", severity="error", timeout=4)
            return
        hosts, unknown = self._hosts()
        if unknown:
            self.notify(f"Nobody in the gazetteer is {unknown[0]!r}: fix the name, or add the person in Names (5)",
                        severity="error", timeout=6)  # fmt: skip
            return
        sources = tuple(re.split(r"[\s,]+", self.query_one("#meeting-sources", Input).value.strip()))
        held, level = self.query_one("#meeting-format", Select).value, self.query_one("#meeting-level", Select).value
        assert isinstance(held, MeetingFormat) and isinstance(level, Level)  # the selects allow no blank
        try:
            meeting = NewMeeting(
                date,
                place,
                held,
                tuple(hosts),
                level,
                self.query_one("#meeting-venue", Input).value.strip(),
                tuple(s for s in sources if s),
            )
            summit = self.app.workspace.add_meeting(meeting)  # type: ignore[attr-defined]
        except CoalitionError as exc:
            self.notify(str(exc), severity="error", timeout=8)
            return
        self.dismiss(summit)

    def action_cancel(self) -> None:
        self.dismiss(None)
