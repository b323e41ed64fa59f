"""Names the gazetteer lacks: map one to an entity it has (an alias), or add it as a person."""

from __future__ import annotations

import datetime as dt

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from coalition_tui.actions import gazetteer_edit
from coalition_tui.store.corpus import Corpus
from coalition_tui.store.errors import CoalitionError
from coalition_tui.tui import render


class _Form(ModalScreen[str | None]):
    BINDINGS = [("escape", "cancel", "Cancel"), ("ctrl+s", "save", "Save")]

    @property
    def corpus(self) -> Corpus:
        return self.app.corpus  # type: ignore[attr-defined]

    def on_mount(self) -> None:
        for box in self.query(Input):
            box.cursor_blink = getattr(self.app, "blink", True)
        self.refresh_matches()
        self.query(Input).first().focus()

    def resolved(self, box: str, field: str) -> tuple[str | None, Content]:
        return render.typed_entity(self.corpus, self.query_one(f"#{box}", Input).value, field)

    def refresh_matches(self) -> None:
        """Show what each typed name resolves to."""

    def on_input_changed(self, event: Input.Changed) -> None:
        self.refresh_matches()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        raise NotImplementedError

    def action_cancel(self) -> None:
        self.dismiss(None)


class AliasForm(_Form):
    """m: the name as written becomes another name of an entity the gazetteer has."""

    def __init__(self, written: str, guess: str = "") -> None:
        super().__init__()
        self.written, self.guess = written, guess

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="name-dialog", classes="dialog"):
            yield Label(Content("Map a name to an entity"), classes="title")
            yield Static(Content.assemble("As written  ", (render.inert(self.written), "bold")))
            yield Label("Is a name of (any name form, code or id: 'Peru', 'PER', 'Meloni')")
            yield Input(self.guess, id="alias-entity", compact=True)
            yield Static(id="alias-entity-match", classes="hint")
            yield Static(Content("Enter or Ctrl+S: save to gazetteer/aliases.toml · Esc: cancel"), classes="hint")

    def refresh_matches(self) -> None:
        self.query_one("#alias-entity-match", Static).update(self.resolved("alias-entity", "entity")[1])

    def action_save(self) -> None:
        entity, _ = self.resolved("alias-entity", "entity")
        if entity is None:
            self.notify("Name an entity the gazetteer has (or add a person: p)", severity="error", timeout=4)
            return
        try:
            self.app.workspace.add_alias(self.written, entity)  # type: ignore[attr-defined]
        except CoalitionError as exc:
            self.notify(str(exc), severity="error", timeout=8)
            return
        self.dismiss(entity)


class PersonForm(_Form):
    """p: a person the gazetteer lacks: name, nationality and (optional) office."""

    def __init__(self, written: str, country: str = "") -> None:
        super().__init__()
        self.written, self.country = written, country

    def compose(self) -> ComposeResult:
        corpus = self.corpus
        with VerticalScroll(id="name-dialog", classes="dialog"):
            yield Label(Content("Add a person to the gazetteer"), classes="title")
            yield Label("Name, spelt as it should be shown")
            yield Input(self.written, id="person-name", compact=True)
            yield Static(id="person-id", classes="hint")
            with Horizontal(classes="form-row"):
                with Vertical():
                    yield Label("Country (nationality)")
                    yield Input(corpus.label(self.country) if self.country else "", id="person-country", compact=True)
                    yield Static(id="person-country-match", classes="hint")
                with Vertical():
                    yield Label("Office (optional: 'Foreign Minister')")
                    yield Input(id="person-role", compact=True)
            with Horizontal(classes="form-row"):
                with Vertical():
                    yield Label("Office of (empty: the country)")
                    yield Input(id="person-of", compact=True)
                    yield Static(id="person-of-match", classes="hint")
                with Vertical():
                    yield Label("In office since (YYYY-MM-DD, optional)")
                    yield Input(id="person-start", compact=True)
            yield Static(Content("Ctrl+S: save to gazetteer/people.toml · Esc: cancel"), classes="hint")

    def refresh_matches(self) -> None:
        name = self.query_one("#person-name", Input).value
        new_id = gazetteer_edit.person_id(name)
        taken = " (taken: that person is in the gazetteer)" if new_id in self.corpus.gazetteer.people else ""
        self.query_one("#person-id", Static).update(Content(render.inert(f"id: {new_id}{taken}")))
        self.query_one("#person-country-match", Static).update(self.resolved("person-country", "country")[1])
        if self.query_one("#person-of", Input).value.strip():
            shown = self.resolved("person-of", "country")[1]
        else:
            shown = Content.styled("the country", "dim")
        self.query_one("#person-of-match", Static).update(shown)

    def action_save(self) -> None:
        name = self.query_one("#person-name", Input).value.strip()
        country, _ = self.resolved("person-country", "country")
        of = None
        if self.query_one("#person-of", Input).value.strip():
            of, _ = self.resolved("person-of", "country")
            if of is None:
                self.notify("The office is of which country or organization?", severity="error", timeout=4)
                return
        raw_start = self.query_one("#person-start", Input).value.strip()
        try:
            start = dt.date.fromisoformat(raw_start) if raw_start else None
        except ValueError:
            self.notify("Give the date as YYYY-MM-DD (or leave it empty)", severity="error", timeout=4)
            return
        if not name or country is None:
            self.notify("Give the name and the country", severity="error", timeout=4)
            return
        role = self.query_one("#person-role", Input).value.strip()
        aliases = (self.written,) if self.written.strip() and self.written.strip() != name else ()
        try:
            person = self.app.workspace.add_person(name, country, role, of, start, aliases)  # type: ignore[attr-defined]
        except CoalitionError as exc:
            self.notify(str(exc), severity="error", timeout=8)
            return
        self.dismiss(person.id)
