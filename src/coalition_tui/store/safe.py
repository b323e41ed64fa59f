"""Making untrusted text harmless for a terminal: the one sanitizer for every string that reaches a screen.

Articles may carry ANSI/OSC escape sequences (colour, window title, OSC 52 clipboard, OSC 8 links), NUL
bytes, 8-bit C1 controls, bidirectional overrides that reorder what is shown ("Trojan Source") and
zero-width characters that hide text. Each such character becomes one visible character, one for one,
so offsets still hold and no sequence from an article reaches the terminal, in the app or on the
command line: a C0 control becomes its Unicode "control picture" ("␛" for ESC, "␡" for DEL); a C1
control, a bidi control, a zero-width or other invisible format character becomes "�"; the line and
paragraph separators become "␤". Tab and newline are kept.

JSON output is lossless instead (:func:`json_line`): the same characters are written as ``\\uXXXX``
escapes, which a JSON reader turns back into the article's exact characters.
"""

from __future__ import annotations

import json
import re
from typing import Any

# bidi embeddings, overrides and isolates, marks; zero-width space, joiners, word joiner, BOM;
# invisible operators; interlinear annotation; the Mongolian vowel separator; Hangul fillers
INVISIBLE = (
    0x061C, 0x115F, 0x1160, 0x180E, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x3164, 0xFEFF, 0xFFA0,
    *range(0x202A, 0x202F),
    *range(0x2060, 0x2070),
    *range(0xFFF9, 0xFFFC),
)  # fmt: skip
INERT_TABLE: dict[int, int] = (
    {c: 0x2400 + c for c in range(0x20) if c not in (9, 10)}
    | {0x7F: 0x2421}
    | {c: 0xFFFD for c in range(0x80, 0xA0)}
    | {c: 0xFFFD for c in INVISIBLE}
    | {0x2028: 0x2424, 0x2029: 0x2424}
)
# characters a terminal may act on or hide, found in text already made inert: none may remain
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029" + "".join(map(chr, INVISIBLE)) + "]")
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029" + "".join(map(chr, INVISIBLE)) + "]")


def inert(text: str) -> str:
    """``text`` with every control, bidi and invisible character except tab and newline made visible."""
    return text.translate(INERT_TABLE)


def is_inert(text: str) -> bool:
    """Whether ``text`` holds nothing a terminal would obey or hide (tab and newline allowed)."""
    return UNSAFE.search(text) is None


def json_line(value: Any) -> str:
    """``value`` as one line of JSON that is safe on a terminal and lossless: json escapes C0
    controls itself; DEL, C1, bidi and invisible characters are escaped here as ``\\uXXXX``."""
    text = json.dumps(value, ensure_ascii=False, default=str)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
