"""Command palette entries that depend on the app's state (views, selection)."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

from coalition_tui.tui.views import VIEWS

if TYPE_CHECKING:
    from coalition_tui.tui.app import CoalitionApp


class CoalitionCommands(Provider):
    """Go to a view, export or clear the selection, show help."""

    def _commands(self) -> list[tuple[str, object, str]]:
        app = cast("CoalitionApp", self.app)
        selected = len(getattr(app, "selection", ()))
        commands: list[tuple[str, object, str]] = [
            (f"Go to {view.title}", partial(app.action_view, view.mode), f"{view.key}: {view.shows}") for view in VIEWS
        ]
        commands.append(
            ("Export selection", app.action_export, f"{selected} record(s) selected (.toml, .csv or .json)")
        )
        commands.append(
            (
                "Report page (HTML)",
                app.action_report,
                f"the {selected} selected record(s)"
                if selected
                else "every record: matrix, timelines, quotes with links",
            )
        )
        commands.append(
            ("Overview: one kind of contribution", app.action_overview_kind, "Troops only, air support only…")
        )
        commands.append(("Overview: all kinds", partial(app.action_overview_kind, True), "Clear the kind filter"))
        if selected:
            commands.append(("Clear selection", app.action_clear_selection, f"Unselect {selected} record(s)"))
        commands.append(
            (
                "Compare with another reviewer's copy",
                app.action_compare_copy,
                "Agreement (F1, Cohen's kappa) and each record decided differently, to settle",
            )
        )
        commands.append(("Keys and help", app.action_help, "Every key binding"))
        return commands

    async def discover(self) -> Hits:
        for name, callback, help_text in self._commands():
            yield DiscoveryHit(name, callback, help=help_text)  # type: ignore[arg-type]

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, callback, help_text in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)  # type: ignore[arg-type]
