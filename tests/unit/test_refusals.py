"""Refusals never read as pledges (issue 24, Build 6): refusal, condition and hedge forms, each on a
sentence written here (never copied from an article), with the records ANNOTATION.md gives it.

Each case lists the records the sentence must give; no actor named in them may come out with a
positive stance (committed, willing, conditional, considering) where the sentence refuses.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coalition_tui.extraction.extract import Extractor
from coalition_tui.store.corpus import Corpus

DAY = dt.date(2025, 9, 4)
POSITIVE = {"committed", "willing", "conditional", "considering"}
NEGATIVE = {"declined", "opposed"}

T, AIR, LOG, NAV, FUND, AID = "troops_in_ukraine", "air_support", "logistics", "naval", "funding", "military_aid"

CASES: list[tuple[str, set[tuple[str, str, str]]]] = [
    # refusal words on the verb
    ("Italy reiterated its refusal to send ground troops to Ukraine.", {("ITA", T, "declined")}),
    ("Poland has ruled out sending soldiers to Ukraine.", {("POL", T, "declined")}),
    ("Hungary ruled out any deployment of its own troops in Ukraine.", {("HUN", T, "declined")}),
    ("Spain has no plans to send troops to Ukraine.", {("ESP", T, "declined")}),
    ("Portugal declined to send troops to Ukraine.", {("PRT", T, "declined")}),
    ("Greece refused to commit troops to the reassurance force.", {("GRC", T, "declined")}),
    ("Croatia will not send soldiers to Ukraine, its defence minister said.", {("HRV", T, "declined")}),
    ("Bulgaria said it would not take part in any deployment of troops to Ukraine.", {("BGR", T, "declined")}),
    ("Slovakia is unwilling to send troops to Ukraine.", {("SVK", T, "declined")}),
    ("Austria won't send troops to Ukraine.", {("AUT", T, "declined")}),
    ("Ireland has said it will not deploy troops to Ukraine.", {("IRL", T, "declined")}),
    ("Czechia rejected sending its soldiers to Ukraine.", {("CZE", T, "declined")}),
    ("Romania excluded sending troops to Ukraine.", {("ROU", T, "declined")}),
    ("Slovenia is not prepared to commit troops at this stage.", {("SVN", T, "declined")}),
    ("Belgium dismissed the idea of sending troops to Ukraine.", {("BEL", T, "declined")}),
    ("Latvia said it had no intention of sending soldiers to Ukraine.", {("LVA", T, "declined")}),
    ("Japan ruled out sending troops to Ukraine, citing its constitution.", {("JPN", T, "declined")}),
    ("The Netherlands will not provide fighter jets.", {("NLD", AIR, "declined")}),
    ("Turkey ruled out sending warships to the Black Sea mission.", {("TUR", NAV, "declined")}),
    ("Norway declined to contribute further funding this year.", {("NOR", FUND, "declined")}),
    ("Estonia refused to provide logistics support.", {("EST", LOG, "declined")}),
    # refusal idioms, by their word families (each inflection matches)
    ("Portugal balks at sending soldiers to Ukraine.", {("PRT", T, "declined")}),
    ("Greece has shied away from committing troops to the force.", {("GRC", T, "declined")}),
    ("Ireland is not in a position to send soldiers to Ukraine.", {("IRL", T, "declined")}),
    ("Croatia said deploying its soldiers was out of the question.", {("HRV", T, "declined")}),
    ("Romania said sending troops is not on the table for now.", {("ROU", T, "declined")}),
    ("Bulgaria has no appetite for sending troops to Ukraine.", {("BGR", T, "declined")}),
    ("Hungary will not be part of any force deployed in Ukraine.", {("HUN", T, "declined")}),
    ("Slovakia is firmly against sending soldiers to Ukraine.", {("SVK", T, "declined")}),
    ("Malta is rejecting calls to send warships.", {("MLT", NAV, "declined")}),
    # a negation between the subject and what it would give
    ("Italy has made clear it will not be sending troops.", {("ITA", T, "declined")}),
    ("Spain has said no to sending soldiers.", {("ESP", T, "declined")}),
    ("Poland will under no circumstances send troops to Ukraine.", {("POL", T, "declined")}),
    ("Slovakia will never send soldiers to Ukraine.", {("SVK", T, "declined")}),
    ("Romania does not envisage sending troops.", {("ROU", T, "declined")}),
    ("Czechia has no plans at this stage to deploy soldiers.", {("CZE", T, "declined")}),
    ("Germany is not going to send troops.", {("DEU", T, "declined")}),
    ("Turkey is not considering sending troops.", {("TUR", T, "declined")}),
    ("Latvia stressed that no Latvian soldiers would be deployed in Ukraine.", {("LVA", T, "declined")}),
    ("Portugal said sending soldiers was not an option.", {("PRT", T, "declined")}),
    ("Bulgaria has turned down a request to send troops.", {("BGR", T, "declined")}),
    ("Canada refrained from committing troops.", {("CAN", T, "declined")}),
    ("Ireland stopped short of committing troops.", {("IRL", T, "declined")}),
    ("Slovenia opted against sending troops.", {("SVN", T, "declined")}),
    # possessive and nominal refusals
    ("Italy's refusal to send troops was restated by its foreign minister.", {("ITA", T, "declined")}),
    ("Austria's refusal to commit soldiers was noted by its partners.", {("AUT", T, "declined")}),
    # others' contributions rejected: opposed
    ("Russia rejected any deployment of Western troops in Ukraine.", {("RUS", T, "opposed")}),
    ("The Kremlin said it would never accept European troops in Ukraine.", {("RUS", T, "opposed")}),
    ("Russia opposes the presence of foreign soldiers in Ukraine.", {("RUS", T, "opposed")}),
    ("Moscow warned against sending peacekeepers to Ukraine.", {("RUS", T, "opposed")}),
    # a refusal with an offer beside it: both records
    ("Germany ruled out sending troops, but said it would help with logistics.", {("DEU", T, "declined")}),
    ("Italy will not send troops to Ukraine but will fund drones.", {("ITA", T, "declined")}),
    ("Spain will not deploy soldiers, though it offered logistics.", {("ESP", T, "declined")}),
    # preferences and contrasts are no refusal of the other kind, and never a troops pledge
    ("Poland would rather base its troops in neighbouring countries than in Ukraine.", set()),
    ("Britain would rather send jets than troops.", {("GBR", AIR, "committed")}),
    # a double negation or an idiom is no refusal
    ("France will not only send troops but also fund drones.", {("FRA", T, "committed")}),
    ("New Zealand has not yet decided whether to send troops.", {("NZL", T, "considering")}),
    # conditions: conditional, never committed
    ("France would send troops only with a US backstop.", {("FRA", T, "conditional")}),
    ("Britain is ready to deploy troops if a ceasefire is agreed.", {("GBR", T, "willing")}),
    ("Germany would send troops subject to a vote in the Bundestag.", {("DEU", T, "conditional")}),
    ("Sweden could contribute jets, provided parliament approves.", {("SWE", AIR, "conditional")}),
    ("Denmark will send soldiers only with a UN mandate.", {("DNK", T, "conditional")}),
    # hedges: considering, never committed
    ("Finland is considering sending troops to Ukraine.", {("FIN", T, "considering")}),
    ("Canada has not ruled out sending troops to Ukraine.", {("CAN", T, "considering")}),
    ("Australia is open to considering a contribution of troops.", {("AUS", T, "considering")}),
    ("Lithuania is in talks about sending soldiers to Ukraine.", {("LTU", T, "considering")}),
    ("New Zealand will decide later whether to send personnel.", {("NZL", T, "considering")}),
    ("Belgium is contemplating sending fighter jets.", {("BEL", AIR, "considering")}),
    ("The Netherlands is debating whether to deploy troops.", {("NLD", T, "considering")}),
    ("Slovenia remains open-minded about sending troops.", {("SVN", T, "considering")}),
    ("Finland could send troops, provided the United States offers a backstop.", {("FIN", T, "conditional")}),
    # questions and others' speculation are no record for the country asked about
    ("Asked whether Italy would send troops, the minister declined to say how many.", set()),
    ("It remains unclear whether Greece will contribute troops.", set()),
]


@pytest.fixture(scope="module")
def extractor(corpus: Corpus) -> Extractor:
    return Extractor(corpus.gazetteer, corpus.resolver)


@pytest.mark.parametrize(("sentence", "expected"), CASES, ids=[sentence[:48] for sentence, _ in CASES])
def test_refusals_conditions_and_hedges(extractor: Extractor, sentence: str, expected: set[tuple[str, str, str]]):
    got = {(c.country, c.kind.value, c.stance.value) for c in extractor.candidates(sentence, DAY)}
    assert expected <= got, f"missing {sorted(expected - got)}; got {sorted(got)}"
    refused = {(country, kind) for country, kind, stance in expected if stance in NEGATIVE}
    wrong = {(c, k, s) for c, k, s in got if (c, k) in refused and s in POSITIVE}
    assert not wrong, f"a refusal read as a pledge: {sorted(wrong)}"
    if not expected:
        assert not {(c, k, s) for c, k, s in got if k == T and s in POSITIVE | NEGATIVE}, sorted(got)


def test_the_refusal_set_has_at_least_forty_sentences():
    assert len(CASES) >= 40


# ------------------------------------------------------------------------------ composed refusals
SUBJECTS = {
    "Austria": {"AUT"},
    "Poland's prime minister": {"POL"},
    "The Dutch government": {"NLD"},
    "Neither Malta nor Cyprus": {"MLT", "CYP"},
    "Chancellor Friedrich Merz": {"DEU"},
}
ASIDES = ["", ", which has pledged funding for drones,", ", unlike Britain,", " reportedly"]
REFUSALS = [
    "will not send",
    "will under no circumstances send",
    "has ruled out sending",
    "refused to send",
    "is not going to send",
    "has said no to sending",
    "balked at sending",
    "does not envisage sending",
    "has no plans at this stage to deploy",
]
BEFORE = ["", "Britain and France have offered to send peacekeepers. ", "The leaders met in Paris on Thursday. "]
AFTER = ["", " Parliament would have to approve any deployment.", " It was a long meeting."]


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from(sorted(SUBJECTS)),
    st.sampled_from(ASIDES),
    st.sampled_from(REFUSALS),
    st.sampled_from(["troops", "soldiers to Ukraine", "ground forces in Ukraine"]),
    st.sampled_from(BEFORE),
    st.sampled_from(AFTER),
)
def test_a_composed_refusal_is_never_a_pledge(extractor, subject, aside, refusal, what, before, after):
    text = f"{before}{subject}{aside} {refusal} {what}.{after}"
    found = extractor.candidates(text, DAY)
    assert all(text[c.start : c.end] == c.quote for c in found)
    wrong = {(c.country, c.stance.value) for c in found if c.country in SUBJECTS[subject] and c.kind.value == T}
    assert not {w for w in wrong if w[1] in POSITIVE}, (text, sorted(wrong))
    assert {(code, "declined") for code in SUBJECTS[subject]} <= wrong, (text, sorted(wrong))


PLEDGERS = {
    "Austria": {"AUT"},
    "Poland's prime minister": {"POL"},
    "The Dutch government": {"NLD"},
    "Both Malta and Cyprus": {"MLT", "CYP"},
}
PLEDGE_ASIDES = ["", ", which has refused to fund drones,", ", unlike Hungary,", ", not Hungary,"]
PLEDGES = [
    "will send",
    "has pledged to send",
    "is ready to send",
    "has offered to send",
    "could send",
    "is considering sending",
    "has not ruled out sending",
    "would not hesitate to send",
    "will not only send",
]


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from(sorted(PLEDGERS)),
    st.sampled_from(PLEDGE_ASIDES),
    st.sampled_from(PLEDGES),
    st.sampled_from(["troops", "soldiers to Ukraine"]),
    st.sampled_from(BEFORE),
    st.sampled_from(AFTER),
)
def test_a_composed_pledge_is_never_a_refusal(extractor, subject, aside, pledge, what, before, after):
    text = f"{before}{subject}{aside} {pledge} {what}.{after}"
    found = {(c.country, c.stance.value) for c in extractor.candidates(text, DAY) if c.kind.value == T}
    mine = {(code, stance) for code, stance in found if code in PLEDGERS[subject]}
    assert {code for code, _ in mine} == PLEDGERS[subject], (text, sorted(found))
    assert not {s for _, s in mine if s in NEGATIVE}, (text, sorted(found))
    assert not {code for code, _ in found if code == "HUN"}, (text, sorted(found))  # set against, not the subject
