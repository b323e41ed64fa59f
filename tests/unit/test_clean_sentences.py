"""Cleaning keeps offsets into the original; sentences survive abbreviations, quotes and lists."""

from __future__ import annotations

import re

from conftest import SEEDS
from hypothesis import given, settings
from hypothesis import strategies as st

from coalition_tui.extraction import sentences
from coalition_tui.extraction.clean import clean
from coalition_tui.extraction.sentences import split_sentences


def seed(name: str) -> str:
    return next(SEEDS.glob(f"{name}_*.txt")).read_text(encoding="utf-8")


def test_curly_quotes_and_line_ends_are_normalised_without_moving_offsets():
    original = "“Ready,” he said.\r\nThe UK’s plan."
    cleaned = clean(original)
    assert cleaned.text == '"Ready," he said. \nThe UK\'s plan.'
    start = cleaned.text.index("UK")
    assert original[cleaned.original_offset(start) : cleaned.original_offset(start + 2)] == "UK"


def test_nfc_composition_maps_back_to_the_decomposed_original():
    original = "Nause\u0307da said Lithuania would send troops."  # combining dot: not NFC
    cleaned = clean(original)
    start = cleaned.text.index("Lithuania")
    a, b = cleaned.original_span(start, start + len("Lithuania"))
    assert original[a:b] == "Lithuania"


def test_control_characters_do_not_survive():
    assert "\x07" not in clean("Bell\x07 here.").text


def test_trailing_unrelated_headlines_are_furniture_but_kept():
    cleaned = clean(seed("001"))
    (furniture,) = [f for f in cleaned.furniture if f.reason == "unrelated headlines"]
    marked = cleaned.text[furniture.start : furniture.end]
    assert marked.startswith("Trump's mineral deal forces Ukraine")
    assert marked.rstrip().endswith("how to watch")
    assert "So far only the UK and France" not in marked
    assert all("Farage" not in s.text for s in split_sentences(cleaned))


def test_photo_credit_and_edit_note_are_furniture():
    assert any(
        "Photo by Simon Dawson" in clean(seed("002")).text[f.start : f.end] for f in clean(seed("002")).furniture
    )
    reasons = {f.reason for f in clean(seed("003")).furniture}
    assert {"edit note", "agency credit"} <= reasons


def test_abbreviations_do_not_end_sentences():
    text = "Mr. Macron met U.S. President Donald Trump. Gen. Smith and Adm. Jones agreed. It ended."
    sentences = [s.text for s in split_sentences(clean(text))]
    assert sentences == [
        "Mr. Macron met U.S. President Donald Trump.",
        "Gen. Smith and Adm. Jones agreed.",
        "It ended.",
    ]


def test_a_quotation_with_several_sentences_stays_with_its_attribution():
    text = '"We are ready. We will go," Sir Keir said. Next sentence.'
    assert [s.text for s in split_sentences(clean(text))] == [
        '"We are ready. We will go," Sir Keir said.',
        "Next sentence.",
    ]


def test_bullets_and_headings():
    sentences = split_sentences(clean(seed("001")))
    bullets = [s.text for s in sentences if s.bullet]
    assert bullets[0] == "Italian Prime Miniser Giorgia Melono" and len(bullets) == 18
    assert any(s.heading and s.text == "Who does it include?" for s in sentences) is False  # ends with '?'
    assert any(s.heading and s.text == "The world leaders include" for s in sentences)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_sentence_offsets_always_point_into_the_original(text: str):
    cleaned = clean(text)
    for sentence in split_sentences(cleaned):
        a, b = cleaned.original_span(sentence.start, sentence.end)
        assert 0 <= a <= b <= len(text)
        assert cleaned.text[sentence.start : sentence.end] == sentence.text


_LAST_WORD = re.compile(r"((?:[A-Za-z]\.)+[A-Za-z]?|\w+)$")  # the rule as a pattern: the scan must agree


def _abbreviation_by_pattern(line: str, start: int, end: int) -> bool:
    match = _LAST_WORD.search(line, max(start, end - 24), end)
    if not match:
        return False
    word = match.group(1)
    return "." in word or (len(word) == 1 and word.isupper()) or word.lower() in sentences.ABBREVIATIONS


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.sampled_from(["mr", "approx", "U", "S", ".", " ", "word", "longerword", "_", "é", "1", "Gen"]), max_size=12
    ),
    st.data(),
)
def test_the_long_word_short_cut_agrees_with_the_abbreviation_pattern(parts: list[str], data: st.DataObject):
    line = "".join(parts)
    end = data.draw(st.integers(0, len(line)))
    start = data.draw(st.integers(0, end))
    assert sentences._is_abbreviation(line, start, end) == _abbreviation_by_pattern(line, start, end)
