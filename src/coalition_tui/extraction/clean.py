"""Cleaning an article without losing offsets into the original text.

The cleaned text has Unicode NFC, ``\\n`` line ends, straight quotes and no control characters.
Every cleaned offset maps back to the original, so quotes are always cut from the original.
Page furniture (trailing lists of unrelated headlines, photo credits, agency credits, "this
article has been edited" notes) is marked so extraction skips it; the text itself is kept.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_ONE_FOR_ONE = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
        "\t": " ",
        "\r": "\n",
    }
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SENTENCE_END = re.compile(r"""[.!?…:;"')\]]\s*$""")
# (reason, words one of which any match contains (lower case), pattern)
FURNITURE_LINES = (
    (
        "photo credit",
        ("photo", "image", "picture"),
        re.compile(r"(?i)\b(?:photo(?:graph)?s?|image|picture)\s*(?:by|:|credit:?)\s[^\n]*"),
    ),
    (
        "edit note",
        ("this article", "this story"),
        re.compile(r"(?i)\b(?:note:\s*)?this (?:article|story) (?:has been|was) (?:edited|updated|amended)[^\n]*"),
    ),
    ("agency credit", ("(",), re.compile(r"(?m)^\s*\((?:PA|AP|AFP|Reuters|dpa|ANSA)\)")),
    (
        "page furniture",
        ("read more", "related", "sign up", "subscribe", "advertisement", "follow us"),
        re.compile(r"(?im)^\s*(?:read more|related|sign up|subscribe|advertisement|follow us)\b[^\n]*"),
    ),
)
MIN_TRAILING_HEADLINES = 2
_LIST_ITEM = re.compile(r"^(?:[-*•–]|\d+[.)])\s")


@dataclass(frozen=True)
class Furniture:
    start: int
    end: int
    reason: str


@dataclass(frozen=True)
class Cleaned:
    """An article's original text, its cleaned form, and the spans that are not the article."""

    original: str
    text: str
    furniture: tuple[Furniture, ...]
    _to_original: tuple[int, ...] | None = None  # None when cleaning kept every offset

    def original_offset(self, index: int) -> int:
        """The offset in the original text of cleaned offset ``index`` (``len(text)`` allowed)."""
        return index if self._to_original is None else self._to_original[index]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        return self.original_offset(start), self.original_offset(end)

    def is_furniture(self, start: int, end: int) -> bool:
        return any(f.start <= start and end <= f.end for f in self.furniture)


def _nfc_with_map(text: str) -> tuple[str, tuple[int, ...] | None]:
    if unicodedata.is_normalized("NFC", text):
        return text, None
    out: list[str] = []
    mapping: list[int] = []
    start = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or not unicodedata.combining(text[i]):
            chunk = unicodedata.normalize("NFC", text[start:i])
            out.append(chunk)
            mapping.extend([start] * len(chunk))
            start = i
    mapping.append(len(text))
    return "".join(out), tuple(mapping)


def _trailing_headlines(text: str) -> Furniture | None:
    """A run of short lines at the very end without sentence punctuation: links to other stories."""
    lines = text.split("\n")
    offsets = []
    pos = 0
    for line in lines:
        offsets.append(pos)
        pos += len(line) + 1
    run = []
    for index in range(len(lines) - 1, -1, -1):
        line = lines[index].strip()
        if not line:
            continue
        if _SENTENCE_END.search(line) or len(line) > 200 or _LIST_ITEM.match(line):
            break
        run.append(index)
    if len(run) < MIN_TRAILING_HEADLINES:
        return None
    first, last = run[-1], run[0]
    return Furniture(offsets[first], offsets[last] + len(lines[last]), "unrelated headlines")


def clean(original: str) -> Cleaned:
    """Clean ``original`` for analysis, keeping a map back to its offsets."""
    text = original.replace("\r\n", " \n") if "\r\n" in original else original
    text = _CONTROL.sub(" ", text.translate(_ONE_FOR_ONE))
    text, mapping = _nfc_with_map(text)
    low = text.lower()  # the patterns run only where one of their words occurs: most articles have none
    spans = [
        Furniture(m.start(), m.end(), reason)
        for reason, words, rx in FURNITURE_LINES
        if any(word in low for word in words)
        for m in rx.finditer(text)
    ]
    trailing = _trailing_headlines(text)
    if trailing:
        spans.append(trailing)
    return Cleaned(original, text, tuple(sorted(spans, key=lambda f: f.start)), mapping)
