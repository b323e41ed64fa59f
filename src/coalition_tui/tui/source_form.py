"""M in Sources: an article's citation corrected (outlet, date, headline, author, URL), written to
``sources.toml`` in place with its comments kept (as ``sources edit``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Input, Label, Static

from coalition_tui.store.errors import CoalitionError
from coalition_tui.store.model import Source
from coalition_tui.tui import render

FIELDS = (("headline", "Headline"), ("outlet", "Outlet"), ("published", "Published (YYYY-MM-DD)"),
          ("author", "Author"), ("url", "URL"))  # fmt: skip
PLACEHOLDERS = {"published": "2026-01-06", "url": "https://…"}


def citation_inputs(found: dict[str, str]) -> ComposeResult:
    """The five fields of a citation, filled with what was found (shared with the Add dialog): the
    headline on a line of its own, the others two to a row."""
    labels = dict(FIELDS)
    yield Label(labels["headline"])
    yield Input(found.get("headline", ""), id="cite-headline", compact=True)
    for pair in (("outlet", "published"), ("author", "url")):
        with Horizontal(classes="form-row"):
            for key in pair:
                with Vertical():
                    yield Label(labels[key])
                    yield Input(
                        found.get(key, ""), placeholder=PLACEHOLDERS.get(key, ""), id=f"cite-{key}", compact=True
                    )


def read_inputs(screen: Screen[Any]) -> dict[str, object]:
    """The fields as typed; raises ValueError naming a date that is not YYYY-MM-DD."""
    values: dict[str, object] = {key: screen.query_one(f"#cite-{key}", Input).value.strip() for key, _ in FIELDS}
    published = str(values["published"])
    if published:
        try:
            values["published"] = dt.date.fromisoformat(published)
        except ValueError:
            raise ValueError(f"the date {published!r} is not YYYY-MM-DD") from None
    return values


def source_values(source: Source) -> dict[str, str]:
    return {
        "headline": source.headline,
        "outlet": source.outlet,
        "published": source.published.isoformat() if source.published else "",
        "author": source.author,
        "url": source.url,
    }


class SourceForm(ModalScreen[Source | None]):
    """The citation fields of one source, as sources.toml has them; Enter or Ctrl+S saves."""

    BINDINGS = [("escape", "cancel", "Cancel"), ("ctrl+s", "save", "Save")]

    def __init__(self, source_id: str) -> None:
        super().__init__()
        self.source_id = source_id

    def compose(self) -> ComposeResult:
        source = self.app.corpus.sources[self.source_id]  # type: ignore[attr-defined]
        with VerticalScroll(id="source-dialog", classes="dialog"):
            yield Label(Content(render.inert(f"Citation of {source.id}")), classes="title")
            yield from citation_inputs(source_values(source))
            yield Static(Content("Enter or Ctrl+S: save · Esc: cancel (an empty field is cleared)"), classes="hint")

    def on_mount(self) -> None:
        for box in self.query(Input):
            box.cursor_blink = getattr(self.app, "blink", True)
        self.query_one("#cite-outlet", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        try:
            values = read_inputs(self)
        except ValueError as exc:
            self.notify(str(exc), severity="error", timeout=5, markup=False)
            return
        source = self.app.corpus.sources[self.source_id]  # type: ignore[attr-defined]
        before = source_values(source)
        changes = {
            k: v for k, v in values.items() if str(v if not isinstance(v, dt.date) else v.isoformat()) != before[k]
        }
        if not changes:
            self.dismiss(None)
            return
        if not values["headline"]:
            self.notify("A source needs a headline", severity="error", timeout=4)
            return
        try:
            saved = self.app.workspace.edit_source(self.source_id, changes)  # type: ignore[attr-defined]
        except CoalitionError as exc:
            self.notify(str(exc), severity="error", timeout=8, markup=False)
            return
        self.notify(f"Saved the citation of {saved.id}", timeout=3, markup=False)
        self.dismiss(saved)

    def action_cancel(self) -> None:
        self.dismiss(None)
