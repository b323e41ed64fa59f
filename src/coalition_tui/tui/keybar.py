"""The key bar at the foot of every screen: the screen's keys on one line, drawn as one widget.

Textual's ``Footer`` rebuilds a widget per key each time the bindings change (every focus change and
every screen pushed): ~60 widgets mounted and styled, about a third of a second of each Enter in
Countries on a big corpus. This bar repaints one line instead; a click on a key presses it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget


class KeyBar(Widget, can_focus=False):
    """The active screen's shown bindings as ``key description`` pairs; the palette key on the right."""

    ALLOW_SELECT = False

    COMPONENT_CLASSES: ClassVar[set[str]] = {"keybar--key", "keybar--description", "keybar--disabled"}

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
    }
    KeyBar > .keybar--key {
        color: $footer-key-foreground;
        background: $footer-key-background;
        text-style: bold;
    }
    KeyBar > .keybar--description {
        color: $footer-description-foreground;
        background: $footer-description-background;
    }
    KeyBar > .keybar--disabled {
        text-style: dim;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._spans: list[tuple[int, int, str]] = []  # (start, end, key) of each pair as last drawn

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def _bindings_changed(self, screen: Screen) -> None:
        if self.is_attached and screen is self.screen:
            self.refresh()

    def _shown(self) -> Iterator[tuple[Binding, bool, bool]]:
        """(binding, enabled, is the palette's) for each key to show, one per action, in order."""
        active = self.screen.active_bindings
        palette = self.app.COMMAND_PALETTE_BINDING if self.app.ENABLE_COMMAND_PALETTE else None
        seen: set[str] = set()
        for key, (_node, binding, enabled, _tooltip) in active.items():
            if binding.show and binding.action not in seen and key != palette:
                seen.add(binding.action)
                yield binding, enabled, False
        if palette is not None and palette in active:
            _node, binding, enabled, _tooltip = active[palette]
            yield binding, enabled, True

    def render(self) -> Text:
        key_style = self.get_component_rich_style("keybar--key")
        description_style = self.get_component_rich_style("keybar--description")
        disabled = self.get_component_rich_style("keybar--disabled", partial=True)
        parts: list[tuple[Text, str, bool]] = []
        for binding, enabled, is_palette in self._shown():
            part = Text.assemble(
                (f" {self.app.get_key_display(binding)} ", key_style),
                (f" {binding.description} " if binding.description else "", description_style),
            )
            if not enabled:
                part.stylize(disabled)
            parts.append((part, binding.key, is_palette))
        width = self.size.width
        right = Text.assemble(*(part for part, _key, palette in parts if palette))
        left = Text(no_wrap=True, end="")
        self._spans = []
        for part, key, palette in parts:
            if palette:
                continue
            if left.cell_len + part.cell_len > width - right.cell_len - 1:  # whole pairs only, then "…"
                left.append("…")
                break
            self._spans.append((left.cell_len, left.cell_len + part.cell_len, key))
            left.append_text(part)
        gap = max(width - left.cell_len - right.cell_len, 0)
        offset = left.cell_len + gap
        for part, key, palette in parts:
            if palette:
                self._spans.append((offset, offset + part.cell_len, key))
                offset += part.cell_len
        return Text.assemble(left, " " * gap, right, no_wrap=True, end="")

    def on_click(self, event: events.Click) -> None:
        for start, end, key in self._spans:
            if start <= event.x < end:
                self.app.simulate_key(key)
                return

    def shown_keys(self) -> list[str]:
        """The keys on the bar, as shown (for tests and the help screen)."""
        return [self.app.get_key_display(binding) for binding, _enabled, _palette in self._shown()]
