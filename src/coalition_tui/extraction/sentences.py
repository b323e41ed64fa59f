"""Sentence segmentation that survives abbreviations, quotations, headings and bullet lists."""

from __future__ import annotations

import re
from typing import NamedTuple

from coalition_tui.extraction.clean import Cleaned

ABBREVIATIONS = frozenset(
    """mr mrs ms dr sir gen adm col lt sgt capt cmdr maj st no nos jan feb mar apr jun jul aug sep sept oct
    nov dec prof rev gov sen rep jr sr inc co ltd corp vs etc eg ie approx dept est fig vol""".split()
)
# possessive runs, tried only where a run of end punctuation starts: linear in the line's length
_BOUNDARY = re.compile(r"""(?<![.!?…])[.!?…]++["')\]]*+(?=\s++["'(\[]?[A-Z0-9])""")
_BULLET = re.compile(r"^\s*(?:[-*•–]|\d+[.)])\s+")
_QUOTE_CHARS = '"'
_LONG_WORD = max(map(len, ABBREVIATIONS)) + 1
_LINE_END_PUNCTUATION = re.compile(r"""[.!?…:;"')]\s*$""")  # a line ending so is not a heading


class Sentence(NamedTuple):
    start: int  # offsets into Cleaned.text
    end: int
    text: str
    bullet: bool = False
    heading: bool = False
    line: int = 0  # index of the line (paragraph) it is on


def _is_abbreviation(line: str, start: int, end: int) -> bool:
    """Whether the full stop at ``line[end]`` ends an abbreviation (the sentence began at ``start``).
    Looks back at most a few characters, so a run of abbreviations is read in linear time."""
    before = line[end - 1] if end > start else ""
    if before.isupper() and (end - 1 == start or not (line[end - 2].isalnum() or line[end - 2] == "_")):
        return True  # an initial ("J."), the common case in a run of them
    if end - _LONG_WORD >= start and line[end - _LONG_WORD : end].isalnum():
        return False  # a word longer than any abbreviation, and no initials ("U.S") end that way
    low = max(start, end - _LONG_WORD)
    i = end
    while i > low and (line[i - 1].isalnum() or line[i - 1] == "_"):
        i -= 1
    word = line[i:end]
    if not word:  # "U.S." just before: dotted initials that end with their own full stop
        return before == "." and end - 2 >= low and _ascii_letter(line[end - 2])
    if len(word) == 1 and _ascii_letter(word) and i - 2 >= low and line[i - 1] == "." and _ascii_letter(line[i - 2]):
        return True  # the last letter of dotted initials: "U.S", "e.g"
    return word.lower() in ABBREVIATIONS


def _ascii_letter(char: str) -> bool:
    return char.isascii() and char.isalpha()


def _split_line(line: str) -> list[tuple[int, int]]:
    """Sentence spans within one line; never inside an open quotation. Linear in the line's length:
    the quotation marks before each candidate boundary are counted once, as the scan moves on."""
    spans = []
    start = 0
    counted = 0  # quotation marks in line[start:seen]
    seen = 0
    quotes = _QUOTE_CHARS in line
    for match in _BOUNDARY.finditer(line):
        end = match.end()
        if quotes:
            counted += line.count(_QUOTE_CHARS, seen, end)
            seen = end
            if counted % 2 == 1:
                continue  # inside a quotation
        stop = match.start()
        if line[stop] == "." and _is_abbreviation(line, start, stop):
            continue
        spans.append((start, end))
        start = end
        while start < len(line) and line[start].isspace():
            start += 1
        counted = 0  # no quotation mark lies between end and start (only spaces)
        seen = start
    if line[start:].strip():
        spans.append((start, len(line.rstrip())))
    return spans


def split_sentences(cleaned: Cleaned) -> list[Sentence]:
    """Sentences of the article, skipping page furniture."""
    out: list[Sentence] = []
    pos = 0
    for number, line in enumerate(cleaned.text.split("\n")):
        line_start = pos
        pos += len(line) + 1
        if not line.strip():
            continue
        bullet = _BULLET.match(line)
        body_start = bullet.end() if bullet else len(line) - len(line.lstrip())
        body = line[body_start:]
        heading = not bullet and len(body) < 120 and not _LINE_END_PUNCTUATION.search(body)
        for s, e in _split_line(body):
            a, b = line_start + body_start + s, line_start + body_start + e
            if cleaned.furniture and cleaned.is_furniture(a, b):
                continue
            out.append(Sentence(a, b, cleaned.text[a:b], bool(bullet), heading, number))
    return out
