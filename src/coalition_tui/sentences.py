"""Sentence segmentation that survives abbreviations, quotations, headings and bullet lists."""

from __future__ import annotations

import re
from typing import NamedTuple

from coalition_tui.clean import Cleaned

ABBREVIATIONS = frozenset(
    """mr mrs ms dr sir gen adm col lt sgt capt cmdr maj st no nos jan feb mar apr jun jul aug sep sept oct
    nov dec prof rev gov sen rep jr sr inc co ltd corp vs etc eg ie approx dept est fig vol""".split()
)
_BOUNDARY = re.compile(r"""[.!?…]+["')\]]*(?=\s+["'(\[]?[A-Z0-9])""")
_BULLET = re.compile(r"^\s*(?:[-*•–]|\d+[.)])\s+")
_LAST_WORD = re.compile(r"((?:[A-Za-z]\.)+[A-Za-z]?|\w+)$")
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
    """Whether the full stop at ``line[end]`` ends an abbreviation (the sentence began at ``start``)."""
    if end - _LONG_WORD >= start and line[end - _LONG_WORD : end].isalnum():
        return False  # a word longer than any abbreviation, and no initials ("U.S") end that way
    match = _LAST_WORD.search(line, max(start, end - 24), end)
    if not match:
        return False
    word = match.group(1)
    if "." in word or (len(word) == 1 and word.isupper()):
        return True  # U.S. / J. (an initial)
    return word.lower() in ABBREVIATIONS


def _split_line(line: str) -> list[tuple[int, int]]:
    """Sentence spans within one line; never inside an open quotation."""
    spans = []
    start = 0
    for match in _BOUNDARY.finditer(line):
        end = match.end()
        if line.count(_QUOTE_CHARS, start, end) % 2 == 1:
            continue  # inside a quotation
        if line[match.start()] == "." and _is_abbreviation(line, start, match.start()):
            continue
        spans.append((start, end))
        start = end
        while start < len(line) and line[start].isspace():
            start += 1
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
