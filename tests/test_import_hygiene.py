"""The core must not import Textual: it is used headless and must start fast."""

import subprocess
import sys

CORE = [
    "coalition_tui",
    "coalition_tui.model",
    "coalition_tui.gazetteer",
    "coalition_tui.resolve",
    "coalition_tui.loader",
    "coalition_tui.corpus",
    "coalition_tui.matrix",
    "coalition_tui.tomlio",
    "coalition_tui.cli",
]


def test_importing_the_core_never_imports_textual():
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in CORE)
        + ("bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\nprint(','.join(bad))\n")
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""
