"""How a stance looks wherever it is shown (the app, the report page): a glyph and a word that carry the
meaning, and a colour that only adds to it, so that a reader without colour reads the same."""

from __future__ import annotations

from coalition_tui.store.model import Stance

# stance -> (glyph, short word, Rich style); "present": attendance only
STANCE_LOOK: dict[str, tuple[str, str, str]] = {
    Stance.COMMITTED.value: ("●", "commit", "bold green"),
    Stance.CONDITIONAL.value: ("◐", "cond", "bold yellow"),
    Stance.WILLING.value: ("○", "willing", "cyan"),
    Stance.CONSIDERING.value: ("◇", "consid", "magenta"),
    Stance.DECLINED.value: ("✕", "declined", "bold red"),
    Stance.OPPOSED.value: ("⊘", "opposed", "bold #ff5f87"),
    "present": ("·", "present", "dim"),
}
NOTHING = "–"  # no record for that kind at that meeting (a timeline's gap)

# the same colours for a web page (the terminal's green, yellow, cyan, magenta, red on a dark background)
CSS_COLOUR: dict[str, str] = {
    Stance.COMMITTED.value: "#2e9e44",
    Stance.CONDITIONAL.value: "#b58900",
    Stance.WILLING.value: "#1793a8",
    Stance.CONSIDERING.value: "#a23ea8",
    Stance.DECLINED.value: "#c9302c",
    Stance.OPPOSED.value: "#d6336c",
    "present": "#6c757d",
}
