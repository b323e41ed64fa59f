"""Stance words by family (issue 24, Build 1): any inflection of a cue's words, with a few words
between them, gives the stance; sentences written here."""

from __future__ import annotations

import datetime as dt

import pytest

from coalition_tui.extraction.extract import Extractor
from coalition_tui.extraction.lemma_cues import LemmaCue, tokens
from coalition_tui.store.corpus import Corpus

DAY = dt.date(2025, 9, 4)
T = "troops_in_ukraine"


@pytest.fixture(scope="module")
def extractor(corpus: Corpus) -> Extractor:
    return Extractor(corpus.gazetteer, corpus.resolver)


@pytest.mark.parametrize(
    ("sentence", "record"),
    [
        ("Hungary is opposing any deployment of troops to Ukraine.", ("HUN", T, "opposed")),
        ("Russia objects to the presence of foreign troops in Ukraine.", ("RUS", T, "opposed")),
        ("Spain and Portugal were in talks about sending soldiers to Ukraine.", ("ESP", T, "considering")),
        ("Slovakia has been weighing a contribution of troops.", ("SVK", T, "considering")),
        ("Greece refuses to send warships.", ("GRC", "naval", "declined")),
        ("Austria is mulling a contribution of soldiers to the force.", ("AUT", T, "considering")),
        ("Belgium considered sending jets to the mission.", ("BEL", "air_support", "considering")),
        ("Portugal is exploring options to send troops.", ("PRT", T, "considering")),
        ("Sweden pledges fighter jets for the air mission.", ("SWE", "air_support", "committed")),
        ("Finland declines to deploy troops to Ukraine.", ("FIN", T, "declined")),
        ("Estonia's readiness to send soldiers was welcomed.", ("EST", T, "willing")),
    ],
)
def test_any_inflection_of_a_stance_word_gives_its_stance(extractor, sentence, record):
    assert record in {(c.country, c.kind.value, c.stance.value) for c in extractor.candidates(sentence, DAY)}


def test_a_cue_allows_a_few_words_between_its_words_and_not_more():
    cue = LemmaCue("rule out")
    assert cue.search(tokens("Italy ruled firmly out any troops")) is not None
    assert cue.search(tokens("Italy ruled on Monday after long talks out")) is None


def test_a_positive_cue_is_not_read_after_a_negation_nor_in_the_coalition_s_name():
    assert LemmaCue("pledge", positive=True).search(tokens("Spain did not pledge troops")) is None
    willing = LemmaCue("willing to", positive=True, not_after="of the")
    assert willing.search(tokens("the coalition of the willing to defend Ukraine")) is None
    assert willing.search(tokens("Norway is willing to help")) is not None
