"""The workspace: the one owner of the open corpus, what is derived from it, and the undo log. The app
reads the corpus through it and asks it for every change; it sits between ``tui`` and the core."""

from coalition_tui.workspace.workspace import Workspace

__all__ = ["Workspace"]
