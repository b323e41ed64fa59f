"""Review's edit form: kind and stance from lists, country and person typed and resolved as you type."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select, Static

from coalition_tui.actions import review
from coalition_tui.store.corpus import Corpus
from coalition_tui.store.model import Commitment, Kind, Stance
from coalition_tui.tui import render


class EditScreen(ModalScreen[review.Change | None]):
    """Kind and stance from fixed lists; country and person typed, resolved as you type (typos welcome)."""

    BINDINGS = [("escape", "cancel", "Cancel"), ("ctrl+s", "save", "Save")]

    def __init__(self, record: Commitment) -> None:
        super().__init__()
        self.record = record

    @property
    def corpus(self) -> Corpus:
        return self.app.corpus  # type: ignore[attr-defined]

    def compose(self) -> ComposeResult:
        r = self.record
        with Vertical(id="edit-dialog", classes="dialog"):
            yield Label(Content(render.inert(f"Edit {r.id}")), classes="title")
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

    def _resolve(self, field: str) -> tuple[str | None, Content]:
        """(entity id or None, what to show under the box)."""
        value = self.query_one(f"#edit-{field}", Input).value
        return render.typed_entity(self.corpus, value, field, optional=field == "person")

    def _match(self, field: str) -> None:
        self.query_one(f"#edit-{field}-match", Static).update(self._resolve(field)[1])

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
