"""Build hook: the extraction modules (and ``sharing``) compiled to C extensions with mypyc (hatch-mypyc).

Extraction is most of the time a corpus takes to open the first time; compiled, the same source runs
about 1.6 times as fast (README, "Compiled extraction"). The wheel falls back to pure Python, with a
warning, where compiling cannot be done (no C compiler); ``COALITION_TUI_PURE=1`` asks for pure
Python; an editable install is always pure Python, so edits to the source take effect at once.
"""

from __future__ import annotations

import os
from typing import Any

import hatch_mypyc.plugin as mypyc_plugin


class CompiledExtraction(mypyc_plugin.MypycBuildHook):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if version == "editable" or os.environ.get("COALITION_TUI_PURE"):
            return
        try:
            super().initialize(version, build_data)
        except Exception as exc:  # no compiler, or mypyc refused: the same modules, uncompiled
            self.clean([version])
            last = (str(exc).strip().splitlines() or [""])[-1][:200]
            self.app.display_warning(f"coalition-tui: extraction not compiled, pure Python wheel ({last})")

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        """The compiled modules are built beside the source (mypyc builds in place) and are in the
        wheel now: remove them, or an editable install in this checkout would run them, not the source."""
        if version != "editable":
            self.clean([version])
