"""The core must not import Textual: it is used headless and must start fast."""

import subprocess
import sys

from conftest import REPO

PACKAGE = REPO / "src" / "coalition_tui"
# every module below tui/ (the core's four packages and the command line): each one is checked, so a
# new core module cannot bring Textual in unseen (import-linter checks the same statically, in CI)
CORE = [
    "coalition_tui",
    "coalition_tui.cli",
    *sorted(
        "coalition_tui." + ".".join(p.relative_to(PACKAGE).with_suffix("").parts)
        for package in ("store", "extraction", "analysis", "actions")
        for p in (PACKAGE / package).glob("*.py")
    ),
]


def test_importing_the_core_never_imports_textual():
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in CORE)
        + ("bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\nprint(','.join(bad))\n")
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert len(CORE) > 40 and result.stdout.strip() == ""


def test_the_app_paints_its_first_frame_before_the_core_is_imported():
    """Starting the app imports neither pydantic nor the corpus models, nor tomlkit: the loading worker
    imports them once the first frame is painted (the first frame took 1.3-2x a bare Textual app's)."""
    code = (
        "import sys\nimport coalition_tui.tui.app, coalition_tui.tui.settings, coalition_tui.tui.dialogs\n"
        "heavy = ('pydantic', 'tomlkit', 'coalition_tui.store.model', 'coalition_tui.workspace')\n"
        "print(','.join(sorted(m for m in sys.modules if m.startswith(heavy))))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""
