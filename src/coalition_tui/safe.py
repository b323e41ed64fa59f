"""Making untrusted text harmless for a terminal: every control character shown as a visible picture.

Articles may carry ANSI/OSC escape sequences (colour, window title, OSC 52 clipboard, OSC 8 links) or
NUL bytes. Each control character becomes its Unicode "control picture" ("␛" for ESC), one for one, so
offsets still hold and no sequence from an article reaches the terminal, in the app or on the command line.
"""

from __future__ import annotations

INERT_TABLE = (
    {c: 0x2400 + c for c in range(0x20) if c not in (9, 10)} | {0x7F: 0x2421} | {c: 0xFFFD for c in range(0x80, 0xA0)}
)


def inert(text: str) -> str:
    """``text`` with every control character except tab and newline made visible and harmless."""
    return text.translate(INERT_TABLE)
