"""Modal dialogs: help, export, and a yes/no confirmation that answers through ``dismiss``."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from coalition_tui.tui.keymap import (
    ACROSS,
    ADD_PERSON,
    AGREE_BINDINGS,
    ALL_RECORDS,
    APP_BINDINGS,
    CLEAR,
    DIFF_BINDINGS,
    DIFF_MARK,
    EDIT_RECORD,
    FILTER,
    KIND_FILTER,
    LEVELS,
    MAP_NAME,
    NEW_MEETING,
    NEW_RECORD,
    OPEN,
    RECORD_BINDINGS,
    REVIEW_BINDINGS,
    SELECT,
    SORT,
    TABLE_BINDINGS,
    UNRESOLVED,
    WINDOW_BINDINGS,
)


def _listed(bindings: list[BindingType]) -> list[Binding]:
    return [b for b in bindings if isinstance(b, Binding)]


HELP_SECTIONS: list[tuple[str, list[Binding]]] = [
    (
        "Everywhere",
        [
            *_listed(APP_BINDINGS),
            Binding("ctrl+p", "command_palette", "Command palette", id="app.palette"),
            Binding("tab", "focus_next", "Next pane", id="app.focus_next"),
            Binding("shift+tab", "focus_previous", "Previous pane", id="app.focus_previous"),
        ],
    ),
    (
        "Tables and lists",
        [
            Binding("up,down,left,right", "", "Move", key_display="arrows"),
            *_listed(TABLE_BINDINGS),
            Binding("pageup,pagedown,home,end", "", "Page / ends", key_display="PgUp PgDn Home End"),
            *_listed(WINDOW_BINDINGS),
        ],
    ),
    (
        "Views",
        [
            SELECT,
            FILTER,
            CLEAR,
            OPEN,
            ALL_RECORDS,
            ACROSS,
            SORT,
            Binding("escape", "", "Back from evidence / close dialogs"),
        ],
    ),
    ("Overview (1)", [KIND_FILTER, LEVELS]),
    ("Countries (2): after Enter, the keys act on the country's records", _listed(RECORD_BINDINGS)),
    ("Summits (3)", [NEW_MEETING]),
    (
        "Sources (4): Tab to the text, ↑/↓ move a sentence cursor",
        [
            NEW_RECORD,
            EDIT_RECORD,
            Binding("left,right", "", "Form: move the quote's start a word", key_display="← →"),
            Binding("shift+left,shift+right", "", "Form: move the quote's end a word", key_display="Shift+← →"),
            Binding("ctrl+s", "", "Form: save", key_display="Ctrl+S"),
        ],
    ),
    ("Names (5)", [MAP_NAME, ADD_PERSON, UNRESOLVED]),
    ("Diff (Sources: d on one article, d on another)", [DIFF_MARK, *_listed(DIFF_BINDINGS)]),
    ("Review (7): every decision is saved to data/ at once", _listed(REVIEW_BINDINGS)),
    ("Agreement (palette: Compare with another reviewer's copy)", _listed(AGREE_BINDINGS)),
]


def binding_ids() -> set[str]:
    """Every binding id a settings file may remap (the help screen lists them)."""
    return {binding.id for _title, bindings in HELP_SECTIONS for binding in bindings if binding.id}


class HelpScreen(ModalScreen[None]):
    """Every binding, with its id (for remapping)."""

    BINDINGS = [Binding("escape,question_mark,q", "dismiss", "Close", id="help.close")]

    def compose(self) -> ComposeResult:
        parts: list[Text] = [Text.assemble(("coalition-tui keys", "bold underline"), "\n")]
        for title, bindings in HELP_SECTIONS:
            parts.append(Text.assemble("\n", (title, "bold"), "\n"))
            for b in bindings:
                key = b.key_display or b.key
                parts.append(
                    Text.assemble((f"  {key:<22}", "bold cyan"), f"{b.description:<34}", (b.id or "", "dim"), "\n")
                )
        parts.append(
            Text.assemble(
                "\n",
                (
                    "Esc closes this help. Remap a key by its id (grey) in [keymap] of ~/.config/coalition-tui/config.toml.",
                    "dim",
                ),
            )
        )
        with VerticalScroll(id="help-box", classes="dialog"):
            yield Static(Text("").join(parts))


class ConfirmScreen(ModalScreen[bool]):
    """A yes/no question; dismisses with the answer."""

    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="confirm.yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm.no"),
    ]

    def __init__(self, question: str, yes: str = "Yes, replace", no: str = "No") -> None:
        super().__init__()
        self.question, self.yes, self.no = question, yes, no

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="confirm-box"):
            yield Static(Text(self.question))
            with Horizontal(classes="buttons"):
                yield Button(Text(f"{self.yes} (y)"), id="yes", variant="error")
                yield Button(Text(f"{self.no} (n)"), id="no", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")


class PathScreen(ModalScreen[Path | None]):
    """Asks for a path; dismisses with it, or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="export.cancel")]

    def __init__(self, title: str, say: str, default: str, button: str, hint: str, name: str, blink: bool) -> None:
        super().__init__()
        self.title_text, self.say, self.default, self.button, self.hint, self.key = (
            title,
            say,
            default,
            button,
            hint,
            name,
        )
        self.blink = blink

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id=f"{self.key}-box"):
            yield Static(Text.assemble((self.title_text, "bold underline"), "\n", self.say))
            path_input = Input(value=self.default, id=f"{self.key}-path")
            path_input.cursor_blink = self.blink
            yield path_input
            yield Static(Text(self.hint), classes="hint")
            with Horizontal(classes="buttons"):
                yield Button(self.button, id="go", variant="primary")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self._finish(event.value)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "go":
            self._finish(self.query_one(Input).value)
        else:
            self.dismiss(None)

    def _finish(self, value: str) -> None:
        value = value.strip()
        if value:
            self.dismiss(Path(value).expanduser())

    def action_cancel(self) -> None:
        self.dismiss(None)


class ExportScreen(PathScreen):
    """Where to write the selection (or, ``report``, the report page)."""

    def __init__(self, default: Path, count: int, blink: bool = True, report: bool = False) -> None:
        if report:
            title, say = "Report page", f"{count} record(s) as one HTML page (matrix, timelines, quotes with links) to:"
        else:
            title, say = "Export selection", f"{count} record(s) will be written to (.toml, .csv or .json):"
        super().__init__(
            title,
            say,
            str(default),
            "Write",
            "Enter writes · Esc cancels. An existing file is replaced only if you confirm.",
            "export",
            blink,
        )


class CompareScreen(PathScreen):
    """The folder of another reviewer's copy of this corpus."""

    def __init__(self, blink: bool = True) -> None:
        super().__init__(
            "Compare with another reviewer's copy",
            "The data folder of a copy of this corpus that someone else reviewed:",
            "",
            "Compare",
            "Enter compares (agreement, and each record decided differently, to settle one by one) · Esc cancels.",
            "compare",
            blink,
        )


def keys_markdown() -> str:
    """README's keys table, made from the same bindings as the help screen (a test keeps them equal):
    two keys to a row, a heading row per section."""
    rows = ["| key | what it does | binding id | key | what it does | binding id |", "|---|---|---|---|---|---|"]
    for title, bindings in HELP_SECTIONS:
        rows.append(f"| **{title}** | | | | | |")
        cells = []
        for b in bindings:
            key = (b.key_display or b.key).replace("|", "\\|")
            cells.append(f"`{key}` | {b.description} | {f'`{b.id}`' if b.id else ''}")
        for i in range(0, len(cells), 2):
            pair = cells[i : i + 2]
            rows.append("| " + " | ".join(pair + ([" | | "] if len(pair) == 1 else [])) + " |")
    return "\n".join(rows) + "\n"
