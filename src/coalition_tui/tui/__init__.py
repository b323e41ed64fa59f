"""The Textual app. ``make_app`` is the one factory the CLI and the tests share."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from coalition_tui.tui.app import CoalitionApp


def make_app(data_dir: Path | None = None, *, blink: bool = True, compare: Path | None = None) -> CoalitionApp:
    """Build the app on ``data_dir`` (the default corpus when None). ``blink=False`` for snapshots;
    ``compare``: another reviewer's copy, whose differences the app shows once loaded."""
    from coalition_tui.store.paths import default_data_dir
    from coalition_tui.tui.app import CoalitionApp

    return CoalitionApp(data_dir or default_data_dir(), blink=blink, compare=compare)
