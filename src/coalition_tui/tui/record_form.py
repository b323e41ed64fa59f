"""The record form: a quote chosen in the article's text (widened or narrowed a word at a time, shown
highlighted in place), the actor, kind, stance, person and meeting; saved as a curated record, or as
the edit of an existing record (its quote span and meeting included)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select, Static

from coalition_tui.actions import authoring, review
from coalition_tui.store.corpus import Corpus
from coalition_tui.store.errors import CoalitionError
from coalition_tui.store.model import Commitment, Kind, Stance
from coalition_tui.store.vocab import Level
from coalition_tui.store.voices import voice_problem
from coalition_tui.tui import render

CONTEXT = 240  # characters of the paragraph shown either side of the quote
NEW_MEETING = "+new"


class QuoteSpan(Static, can_focus=True):
    """The quote in its paragraph, highlighted; arrows move its edges a word at a time."""

    BINDINGS = [
        Binding("left", "move('start', -1)", "Start ←", show=False),
        Binding("right", "move('start', 1)", "Start →", show=False),
        Binding("shift+left", "move('end', -1)", "End ←", show=False),
        Binding("shift+right", "move('end', 1)", "End →", show=False),
    ]

    class Moved(Message):
        pass

    def __init__(self, text: str, start: int, end: int, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.text, self.start, self.end = text, start, end

    def on_mount(self) -> None:
        self.show()

    def action_move(self, edge: str, step: int) -> None:
        self.start, self.end = authoring.move_span(self.text, self.start, self.end, edge, step)
        self.show()
        self.post_message(self.Moved())

    def show(self) -> None:
        text = self.text
        lo, hi = authoring.paragraph_of(text, self.start)
        a, b = max(lo, self.start - CONTEXT), min(hi, self.end + CONTEXT)
        line = Text.assemble(
            ("… " if a > lo else "", "dim"),
            (render.inert(text[a : self.start]), "dim"),
            (render.inert(text[self.start : self.end]), render.SPAN_STYLE),
            (render.inert(text[self.end : b]), "dim"),
            (" …" if b < hi else "", "dim"),
        )
        self.update(line)


class RecordForm(ModalScreen[Commitment | None]):
    """A new record from ``text[start:end]`` of ``source``, or (``record``) an edit of one."""

    BINDINGS = [("escape", "cancel", "Cancel"), ("ctrl+s", "save", "Save")]

    def __init__(self, source: str, start: int, end: int, record: Commitment | None = None) -> None:
        super().__init__()
        self.source, self.start, self.end, self.record = source, start, end, record
        self._warned: tuple[str, str, str] | None = None  # the voice warned about (Ctrl+S again saves it)

    @property
    def corpus(self) -> Corpus:
        return self.app.corpus  # type: ignore[attr-defined]

    def _meetings(self) -> list[tuple[Content, str]]:
        return [
            (Content(render.inert(f"{s.date.isoformat()}  {s.place}" + ("" if s.level is Level.LEADERS else f" ({s.level.value})"))), s.id)
            for s in self.corpus.summits_by_date()
        ] + [(Content("+ a new meeting…"), NEW_MEETING)]  # fmt: skip

    def compose(self) -> ComposeResult:
        corpus, r = self.corpus, self.record
        source = corpus.sources[self.source]
        meeting = r.summit if r else (source.summit or "")
        title = f"Edit {r.id}" if r else f"New record from {self.source}"
        with VerticalScroll(id="record-dialog", classes="dialog"):
            yield Label(Content(render.inert(title)), classes="title")
            yield QuoteSpan(corpus.texts[self.source], self.start, self.end, id="record-quote")
            yield Static(
                Content("←/→ move the quote's start a word, Shift+←/→ its end · Tab: the fields"),
                id="record-quote-hint",
                classes="hint",
            )
            with Horizontal(classes="form-row"):
                with Vertical():
                    yield Label("Actor: country or organization")
                    yield Input(corpus.label(r.country) if r else "", id="record-country", compact=True)
                    yield Static(id="record-country-match", classes="hint")
                with Vertical():
                    yield Label("Person who said it (or empty)")
                    yield Input(corpus.label(r.person) if r and r.person else "", id="record-person", compact=True)
                    yield Static(id="record-person-match", classes="hint")
            with Horizontal(classes="form-row"):
                with Vertical():
                    yield Label("Kind")
                    yield Select([(k.value, k) for k in Kind], value=r.kind if r else Kind.TROOPS_IN_UKRAINE,
                                 allow_blank=False, id="record-kind", compact=True)  # fmt: skip
                with Vertical():
                    yield Label("Stance")
                    yield Select([(s.value, s) for s in Stance], value=r.stance if r else Stance.COMMITTED,
                                 allow_blank=False, id="record-stance", compact=True)  # fmt: skip
            with Horizontal(classes="form-row"):
                with Vertical():
                    yield Label("Meeting")
                    value = meeting if meeting in corpus.summits else Select.BLANK
                    yield Select(self._meetings(), value=value, id="record-meeting", compact=True)
                with Vertical():
                    yield Label("Note (optional)")
                    yield Input(r.note if r else "", id="record-note", compact=True)
            yield Static(Content("Ctrl+S: save as a curated record · Esc: cancel"), classes="hint")

    def on_mount(self) -> None:
        blink = getattr(self.app, "blink", True)
        for box in self.query(Input):
            box.cursor_blink = blink
        for field in ("country", "person"):
            self._match(field)
        self.query_one(QuoteSpan).focus()

    def _resolve(self, field: str) -> tuple[str | None, Content]:
        value = self.query_one(f"#record-{field}", Input).value
        return render.typed_entity(self.corpus, value, field, optional=field == "person")

    def _match(self, field: str) -> None:
        self.query_one(f"#record-{field}-match", Static).update(self._resolve(field)[1])

    def on_input_changed(self, event: Input.Changed) -> None:
        field = str(event.input.id).removeprefix("record-")
        if field in ("country", "person"):
            self._match(field)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "record-meeting" and event.value == NEW_MEETING:
            from coalition_tui.tui.meeting_form import MeetingForm

            source = self.corpus.sources[self.source]

            def added(summit) -> None:  # noqa: ANN001 - Summit | None
                select = self.query_one("#record-meeting", Select)
                select.set_options(self._meetings())
                if summit is not None:
                    select.value = summit.id
                    self.notify(f"Added the meeting {summit.id}", timeout=3)

            self.app.push_screen(MeetingForm(source.published), added)

    def action_save(self) -> None:
        country, _ = self._resolve("country")
        person, _ = self._resolve("person")
        meeting = self.query_one("#record-meeting", Select).value
        if country is None or person is None:
            self.notify("Fix the fields marked ✕ first", severity="error", timeout=3)
            return
        if not isinstance(meeting, str) or meeting not in self.corpus.summits:
            self.notify("Choose the meeting the record is about", severity="error", timeout=3)
            return
        span = self.query_one(QuoteSpan)
        kind = self.query_one("#record-kind", Select).value
        stance = self.query_one("#record-stance", Select).value
        assert isinstance(kind, Kind) and isinstance(stance, Stance)
        note = self.query_one("#record-note", Input).value.strip()
        problem = voice_problem(self.corpus, person or None, country, meeting)
        if problem and self._warned != (person, country, meeting):
            self._warned = (person, country, meeting)  # said once; Ctrl+S again saves it as it is
            self.notify(f"{problem}: is the person right? Ctrl+S again saves it anyway", severity="warning", timeout=8)
            return
        try:
            if self.record is None:
                draft = authoring.Draft(
                    self.source, span.start, span.end, country, kind, stance, meeting, person or None, note
                )
                saved = self.app.workspace.add_record(draft)  # type: ignore[attr-defined]
            else:
                r = self.record
                change = review.Change(
                    kind=kind if kind is not r.kind else None,
                    stance=stance if stance is not r.stance else None,
                    country=country if country != r.country else None,
                    person=person if person != (r.person or "") else None,
                    span=(span.start, span.end) if (span.start, span.end) != (r.start, r.end) else None,
                    summit=meeting if meeting != r.summit else None,
                    note=note if note != r.note else None,
                )
                saved = self.app.workspace.edit(r.id, change)  # type: ignore[attr-defined]
        except CoalitionError as exc:
            self.notify(str(exc), severity="error", timeout=8)
            return
        self.dismiss(saved)

    def action_cancel(self) -> None:
        self.dismiss(None)
