"""Constructions that recur across outlets (issue 15, Build 2), each on a sentence written here in the
same pattern as the reports of corpus-dev (never a sentence copied from them)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coalition_tui.extraction import cues
from coalition_tui.extraction.extract import Extractor
from coalition_tui.store.corpus import Corpus

DAY = dt.date(2025, 9, 4)


@pytest.fixture(scope="module")
def extractor(corpus: Corpus) -> Extractor:
    return Extractor(corpus.gazetteer, corpus.resolver)


def claims(extractor: Extractor, text: str) -> set[tuple[str, str, str]]:
    return {(c.country, c.kind.value, c.stance.value) for c in extractor.candidates(text, DAY)}


def attended(*codes: str) -> set[tuple[str, str, str]]:
    return {(code, "participation", "committed") for code in codes}


# ------------------------------------------------------------------------------ roll-calls
@pytest.mark.parametrize(
    ("sentence", "codes"),
    [
        ("Leaders from Australia, Canada, Japan and New Zealand joined the call.", ("AUS", "CAN", "JPN", "NZL")),
        ("The prime ministers of Norway, Sweden and Finland also joined via video link.", ("NOR", "SWE", "FIN")),
        (
            "The talks were attended by representatives of Spain, Portugal, Greece and Malta.",
            ("ESP", "PRT", "GRC", "MLT"),
        ),
        ("Nations such as Belgium, Austria and Ireland were represented at the meeting.", ("BEL", "AUT", "IRL")),
        ("Countries such as Chile, Peru, Mexico, and Brazil were represented.", ("CHL", "PER", "MEX", "BRA")),
        ("The Dutch, Danish and Czech prime ministers attended in person.", ("NLD", "DNK", "CZE")),
        ("Chile was represented by its foreign minister.", ("CHL",)),
        ("Iceland dialled in from Reykjavik.", ("ISL",)),
        ("The summit was hosted by Italy.", ("ITA",)),
        ("Estonia and Latvia co-chaired the session.", ("EST", "LVA")),
        ("Lithuania took part in the videoconference.", ("LTU",)),
        ("Slovenia and Croatia were present at the summit.", ("SVN", "HRV")),
        ("The leaders welcomed the participation of Canada and Japan in the call.", ("CAN", "JPN")),
        ("Planners will meet with participation from Norway and Türkiye.", ("NOR", "TUR")),
        ("The call was attended by, among others, Polish Prime Minister Donald Tusk and Mark Carney.", ("POL", "CAN")),
        ("Other nations included Spain, Sweden and Japan.", ("ESP", "SWE", "JPN")),
        (
            "Starmer was joined by Mette Frederiksen, Dick Schoof, and Ukrainian President Volodymyr Zelensky.",
            ("GBR", "DNK", "NLD", "UKR"),
        ),
        ("The British PM hosted the virtual meeting on Saturday.", ("GBR",)),
        ("Albanese joins Ukraine 'coalition of the willing' talks.", ("AUS",)),
    ],
)
def test_roll_calls_in_prose(extractor, sentence: str, codes: tuple[str, ...]):
    assert attended(*codes) <= claims(extractor, sentence)


def test_a_roll_call_as_a_bulleted_list(extractor):
    text = "The meeting was attended by:\n- Romania\n- Bulgaria\n- Moldova\n"
    assert attended("ROU", "BGR", "MDA") <= claims(extractor, text)


@pytest.mark.parametrize(
    "sentence",
    [
        "Portugal will not participate in the deployment of troops.",
        "South Korea is ready to join the security guarantees.",
        "Belgium said it would take part in a future reassurance force.",
    ],
)
def test_joining_a_force_or_a_guarantee_is_not_attending_a_meeting(extractor, sentence: str):
    assert not {c for c in claims(extractor, sentence) if c[1] == "participation"}


@pytest.mark.parametrize(
    ("sentence", "code"),
    [
        ("Hungary did not attend the summit.", "HUN"),
        ("Slovakia and Hungary were not on the list of participants.", "SVK"),
        ("The United States was notably absent.", "USA"),
    ],
)
def test_absence(extractor, sentence: str, code: str):
    assert (code, "participation", "declined") in claims(extractor, sentence)


# ------------------------------------------------------------------------------ refusals and conditions
@pytest.mark.parametrize(
    "sentence",
    [
        "Austria rules out sending troops to Ukraine.",
        "Austria ruled out sending any soldiers to Ukraine.",
        "Austrian soldiers will not be sent abroad to Ukraine, the chancellor said.",
        "Austria does not plan to deploy troops to Ukraine.",
    ],
)
def test_refusals(extractor, sentence: str):
    assert ("AUT", "troops_in_ukraine", "declined") in claims(extractor, sentence)


def test_no_troops_but_logistics_is_two_records(extractor):
    got = claims(extractor, "Poland will not send troops but will provide logistics.")
    assert {("POL", "troops_in_ukraine", "declined"), ("POL", "logistics", "committed")} <= got


def test_ruling_out_troops_while_saying_it_would_help_with_logistics_is_two_records(extractor):
    got = claims(extractor, "Slovakia ruled out any troop deployment, saying it would rather support the logistics.")
    assert {("SVK", "troops_in_ukraine", "declined"), ("SVK", "logistics", "committed")} <= got


@pytest.mark.parametrize(
    "sentence",
    [
        "Norway would send troops only if the United States provides air cover.",
        "Norway said a troop presence is not sustainable without a US backstop.",
        "Norway would deploy soldiers, subject to parliament's approval.",
        "Norway is ready to deploy troops to Ukraine with American backing.",
        "Norway would deploy soldiers under certain conditions.",
    ],
)
def test_conditions_in_their_usual_forms(extractor, sentence: str):
    assert ("NOR", "troops_in_ukraine", "conditional") in claims(extractor, sentence)


# ------------------------------------------------------------------------------ actors
def test_the_person_who_speaks_for_the_actor_is_the_records_person(extractor):
    (candidate,) = extractor.candidates(
        "German Chancellor Friedrich Merz said Germany would provide air defence systems.", DAY
    )
    assert (candidate.country, candidate.kind.value, candidate.person) == ("DEU", "military_aid", "friedrich-merz")


def test_a_dateline_is_never_an_actor(extractor):
    got = claims(extractor, "PARIS, 4 September 2025 — Spain said it would send troops to Ukraine.")
    assert got == {("ESP", "troops_in_ukraine", "committed")}


def test_a_demonym_before_a_title_speaks_for_its_country(extractor):
    got = claims(extractor, "Turkish Foreign Minister Hakan Fidan said the country was ready to provide naval support.")
    assert got == {("TUR", "naval", "willing")}


def test_a_list_ending_in_a_comma_and_is_one_clause_but_two_pledges_are_two(extractor):
    assert {("FRA", "troops_in_ukraine", "committed"), ("DEU", "military_aid", "willing")} <= claims(
        extractor, "France pledged troops, and Germany offered air defence systems."
    )


def test_owners_and_unknown_names_inside_a_list_do_not_end_it(extractor):
    got = claims(
        extractor, "Petteri Orpo, Sweden's Ulf Kristersson and the Netherlands' Dick Schoof attended the meeting."
    )
    assert attended("FIN", "SWE", "NLD") <= got
    got = claims(extractor, "Delegations from Iceland, the Republic of Nowhere, Estonia and Latvia attended the talks.")
    assert attended("ISL", "EST", "LVA") <= got


def test_a_plural_possessive_before_a_noun_of_position_is_the_actor(extractor):
    got = claims(extractor, "Officials cited the Netherlands' refusal to send ground troops.")
    assert ("NLD", "troops_in_ukraine", "declined") in got
    assert not {c for c in got if c[0] == "NLD" and c[2] in ("committed", "willing")}


def test_one_sentence_gives_a_record_per_independent_clause(extractor):
    got = claims(extractor, "Britain will deploy jets, Sweden will fund air defence and Norway will provide frigates.")
    assert {("GBR", "air_support", "committed"), ("SWE", "funding", "committed")} <= got


def test_the_quote_is_the_supporting_clause_not_the_sentence(extractor):
    text = "Slovakia ruled out any troop deployment, saying it would rather support the logistics of the force."
    quotes = {c.kind.value: c.quote for c in extractor.candidates(text, DAY)}
    assert quotes["troops_in_ukraine"] == "Slovakia ruled out any troop deployment"


@pytest.mark.parametrize(
    "sentence",
    [
        "The joint statement commits the coalition to a ceasefire monitoring mechanism.",
        "The leaders pledged to monitor the ceasefire.",
        "26 countries have committed to monitoring the ceasefire.",
    ],
)
def test_what_the_meeting_adopted_speaks_for_the_coalition(extractor, sentence: str):
    assert ("coalition-of-the-willing", "ceasefire_monitoring", "committed") in claims(extractor, sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "The minister voiced irritation at the debate around sending soldiers to Ukraine.",
        "Dutch soldiers will not carry out missions in Belarus.",
        "Spain and Italy will lead a coalition of the willing to protect Ukraine.",
    ],
)
def test_a_topic_a_negated_verb_or_the_coalitions_name_is_no_commitment(extractor, sentence: str):
    assert not {c for c in claims(extractor, sentence) if c[2] in ("committed", "willing")}


def test_a_person_the_gazetteer_lacks_is_attributed_by_title_and_listed_in_names(data_copy, tmp_path):
    from conftest import ingest_one

    from coalition_tui.analysis import browse
    from coalition_tui.store.loader import load_corpus

    article = tmp_path / "fidan.txt"
    article.write_text(
        "Paris, 4 September 2025.\n\nTurkish Foreign Minister Hakan Fidan said the country was ready to "
        "provide naval support in the Black Sea.\n",
        encoding="utf-8",
    )
    _source, records = ingest_one(data_copy, article, "2025-09-04-paris")
    assert {(r.country, r.kind.value, r.stance.value) for r in records} == {("TUR", "naval", "willing")}
    rows = browse.names_seen(load_corpus(data_copy))
    fidan = [r for r in rows if r.written == "Hakan Fidan"]
    assert fidan and fidan[0].kind == browse.UNKNOWN_PERSON and fidan[0].label == "Türkiye"
    assert rows[0].kind == browse.UNKNOWN_PERSON  # the lowest score: on top of the Names view


@pytest.mark.parametrize(
    ("sentence", "record"),
    [
        ("Canada would lead the monitoring of an eventual truce.", ("CAN", "ceasefire_monitoring", "committed")),
        ("Japan has yet to commit to any security guarantees.", ("JPN", "security_guarantee", "considering")),
        (
            "Ukraine's partners agreed on security guarantees for the country.",
            ("coalition-of-the-willing", "security_guarantee", "committed"),
        ),
        ("Norway could focus on training Ukrainian pilots.", ("NOR", "training", "willing")),
        ("Greece is ready to help observe a future ceasefire.", ("GRC", "ceasefire_monitoring", "willing")),
        ("Slovakia vetoed the new sanctions package.", ("SVK", "sanctions", "declined")),
        ("Hungary will not support the bloc's next sanctions package.", ("HUN", "sanctions", "declined")),
        (
            "The leaders will continue work on plans for security guarantees.",
            ("coalition-of-the-willing", "security_guarantee", "considering"),
        ),
        ("Rutte said Russia did not have a veto on whether allies deploy troops.", None),
        (
            "The final communiqué envisages a multinational force for Ukraine.",
            ("coalition-of-the-willing", "troops_in_ukraine", "willing"),
        ),
    ],
)
def test_more_ways_of_saying_it(extractor, sentence: str, record):
    got = claims(extractor, sentence)
    assert record in got if record else not {c for c in got if c[2] == "declined"}


# ------------------------------------------------------------------------------ absence
@pytest.mark.parametrize(
    ("sentence", "absent", "not_absent"),
    [
        ("Italy did not join France and Germany at the meeting in Paris.", {"ITA"}, {"FRA", "DEU"}),
        ("Hungary didn't attend the summit with Poland and Spain.", {"HUN"}, {"POL", "ESP"}),
        ("Notably absent were Hungary and Slovakia.", {"HUN", "SVK"}, set()),
        ("Other nations included Spain and Japan, but not the United States.", {"USA"}, {"ESP", "JPN"}),
        ("Every member except Hungary was represented.", {"HUN"}, set()),
        ("Some 30 nations took part, including Canada and Norway but excluding the US.", {"USA"}, {"CAN", "NOR"}),
    ],
)
def test_who_did_not_attend_is_the_subject_not_those_named_after(extractor, sentence, absent, not_absent):
    got = claims(extractor, sentence)
    declined = {code for code, kind, stance in got if kind == "participation" and stance == "declined"}
    assert absent <= declined and not (not_absent & declined), sorted(got)


# ------------------------------------------------------------------------------ who leads, who speaks, where from
def test_leading_the_coalition_is_not_attending_a_meeting(extractor: Extractor):
    """ANNOTATION.md: "the coalition, led by France and the UK" is no participation record."""
    found = claims(extractor, "The coalition, led by Britain and France, gathers countries ready to back Ukraine.")
    assert not {c for c in found if c[1] == "participation" and c[0] in ("GBR", "FRA")}


def test_a_meeting_led_by_a_leader_is_still_attended(extractor: Extractor):
    found = claims(extractor, "The video meeting was led by Emmanuel Macron.")
    assert ("FRA", "participation", "committed") in found


def test_the_countries_a_speaker_reports_on_are_the_members_not_the_speaker(extractor: Extractor):
    found = claims(extractor, "Macron said the countries committed to deploying troops in Ukraine after a truce.")
    assert ("coalition-of-the-willing", "troops_in_ukraine", "committed") in found
    assert not {c for c in found if c[0] == "FRA" and c[1] == "troops_in_ukraine"}


def test_a_dateline_after_the_headline_is_where_it_was_written_not_an_actor(extractor: Extractor):
    text = (
        "Allies agree on a headquarters\n\n"
        "LISBON — Countries ready to provide troops for a future force agreed to set up a headquarters.\n"
    )
    assert not {c for c in claims(extractor, text) if c[0] == "PRT"}


def test_a_meeting_at_the_white_house_is_not_the_coalitions(extractor: Extractor):
    """ANNOTATION.md: attending another summit is no participation."""
    text = (
        "On Monday a meeting took place at the White House between Donald Trump, Volodymyr Zelensky and Keir Starmer."
    )
    assert not {c for c in claims(extractor, text) if c[1] == "participation"}


@pytest.mark.parametrize(
    "sentence",
    [
        "Answering Washington's turn towards Moscow, Macron hosted European leaders in Paris on Monday.",
        "Macron hosted European leaders in Paris right after last week's European Council summit.",
        "Macron hosted the coalition's leaders in Paris before flying to Washington.",
    ],
)
def test_a_meeting_named_as_a_time_or_a_place_of_policy_still_counts(extractor: Extractor, sentence: str):
    assert ("FRA", "participation", "committed") in claims(extractor, sentence)


def test_the_baltic_states_are_each_of_them(extractor: Extractor):
    found = claims(extractor, "Britain, France and the Baltic states stand ready to send soldiers to Ukraine.")
    assert {("EST", "troops_in_ukraine", "willing"), ("LVA", "troops_in_ukraine", "willing"),
            ("LTU", "troops_in_ukraine", "willing")} <= found  # fmt: skip


def test_leaders_from_nordic_countries_do_not_say_which(extractor: Extractor):
    found = claims(extractor, "Leaders from Nordic and Baltic countries joined the call from their capitals.")
    assert not {c for c in found if c[0] in ("DNK", "FIN", "ISL", "NOR", "SWE", "EST", "LVA", "LTU")}


def test_a_roll_call_after_the_likes_of(extractor: Extractor):
    text = "The call brought together the likes of Polish prime minister Donald Tusk and Nato chief Mark Rutte."
    assert attended("POL", "nato") <= claims(extractor, text)


@pytest.mark.parametrize(
    ("sentence", "code"),
    [
        ("Latvia's defence minister Andris Ozolkalns attended the meeting in London.", "LVA"),
        ("Romania’s interim president Ilie Bolojan was among those present at the meeting.", "ROU"),
    ],
)
def test_a_country_acts_through_its_official_named_after_the_possessive(extractor: Extractor, sentence, code):
    assert (code, "participation", "committed") in claims(extractor, sentence)


def test_an_owner_before_an_object_is_still_no_subject(extractor: Extractor):
    found = claims(extractor, "Ukraine's foreign minister Andrii Sybiha said France would send troops.")
    assert ("FRA", "troops_in_ukraine", "committed") in found and not {c for c in found if c[0] == "UKR"}


@pytest.mark.parametrize(
    "sentence",
    [
        "Merz warned that Russia would face harsher sanctions if it refused the ceasefire.",
        "Germany threatened Moscow with further sanctions if it rejected the truce.",
        "The leaders met in Kyiv on Saturday, threatening Putin with new sanctions if he refused a ceasefire.",
    ],
)
def test_the_other_sides_refusal_in_a_condition_is_nobodys_stance(extractor: Extractor, sentence: str):
    """A threat of sanctions is no refusal and no opposition: "if it refused" is Russia's act in a condition."""
    assert not {c for c in claims(extractor, sentence) if c[2] in ("declined", "opposed")}


def test_a_cue_inside_a_time_clause_about_another_meeting_is_no_attendance(extractor: Extractor):
    text = "The call came a day after Donald Trump hosted Vladimir Putin in Alaska for talks on the war."
    assert not {c for c in claims(extractor, text) if c[1] == "participation"}


# ------------------------------------------------------------------------------ issue 24, this round
@pytest.mark.parametrize(
    ("sentence", "kinds"),
    [
        (
            "The allies pledged to keep a presence on land, at sea and in the air once the guns fall silent.",
            {"troops_in_ukraine", "naval", "air_support"},
        ),
        ("The coalition will explore air and sea operations to protect the ports.", {"naval", "air_support"}),
        ("The partners vowed to secure Ukrainian air and maritime borders.", {"naval", "air_support"}),
    ],
)
def test_a_list_of_domains_gives_one_record_per_domain(extractor: Extractor, sentence: str, kinds: set[str]):
    found = {kind for code, kind, _ in claims(extractor, sentence) if code == "coalition-of-the-willing"}
    assert found == kinds


def test_a_domain_word_outside_a_list_or_before_no_noun_is_no_contribution(extractor: Extractor):
    assert not claims(extractor, "Turkey agreed that the truce would also cover land and air space.")
    assert ("NOR", "air_support", "committed") not in claims(
        extractor, "Norway will send air and missile defence systems."
    )


def test_an_office_and_an_exclusion_after_a_dash_in_a_roll_call(extractor: Extractor):
    found = claims(
        extractor, "Other nations included Spain, Chile and NATO's secretary general - but not the United States."
    )
    assert attended("ESP", "CHL", "nato") <= found
    assert ("USA", "participation", "declined") in found


def test_the_meetings_own_press_conference_places_the_speaker_there(extractor: Extractor):
    text = "Speaking at a news conference after the summit in Rome, Polish Prime Minister Donald Tusk said the talks went well."
    assert attended("POL") <= claims(extractor, text)
    assert not claims(extractor, "Donald Tusk said at a news conference in Warsaw that he was pleased.")


@pytest.mark.parametrize(
    ("text", "record"),
    [
        (
            "Mette Frederiksen arrived in London on Sunday. She hosted talks with the Nordic leaders at the meeting.",
            ("DNK", "participation", "committed"),
        ),
        (
            'Petteri Orpo spoke to reporters. "We are ready to send fighter jets," he said.',
            ("FIN", "air_support", "willing"),
        ),
        (
            'Mark Carney spoke on Monday. "Last night I joined a call of the coalition," the prime minister wrote.',
            ("CAN", "participation", "committed"),
        ),
        (
            "Petr Fiala flew to Rome. The Prime Minister, who took part in the coalition meeting, praised the allies.",
            ("CZE", "participation", "committed"),
        ),
    ],
)
def test_a_pronoun_or_an_office_stands_for_the_person_named_before(extractor: Extractor, text: str, record):
    assert record in claims(extractor, text)


def test_an_office_stands_for_the_holder_named_most_not_the_last_named(extractor: Extractor):
    text = (
        "Keir Starmer opened the talks. Starmer said Europe must act. Canadian Prime Minister Mark Carney "
        "also spoke. The prime minister then pledged new missiles for Ukraine."
    )
    found = claims(extractor, text)
    assert ("GBR", "military_aid", "committed") in found
    assert ("CAN", "military_aid", "committed") not in found


def test_those_someone_did_not_join_at_a_meeting_were_there(extractor: Extractor):
    found = claims(extractor, "Giorgia Meloni was away. She did not join Merz and Tusk at a meeting on the talks.")
    assert attended("DEU", "POL") <= found
    assert ("ITA", "participation", "declined") in found


@pytest.mark.parametrize(
    "sentence",
    [
        '"If any troops come, they will be targets," Vladimir Putin said.',
        "Russia would send more troops to the front, Moscow said.",
        "Ukraine will deploy new brigades to the east.",
    ],
)
def test_the_two_sides_contribute_nothing(extractor: Extractor, sentence: str):
    assert not claims(extractor, sentence)


def test_a_legislators_refusal_is_opposition_and_their_offer_no_record(extractor: Extractor):
    assert claims(extractor, "Opposition Leader Jan Novak dismissed the idea of sending Czech troops to Ukraine.") == {
        ("CZE", "troops_in_ukraine", "opposed")
    }
    assert not claims(extractor, "Senator Jane Doe said the United States would send troops.")


def test_those_leading_the_coalition_do_not_attend_what_it_brings_together(extractor: Extractor):
    assert not claims(extractor, "The coalition, led by Italy and Spain, brings together nations keen to assist.")
    assert attended("FRA", "GBR") <= claims(extractor, "The summit was led by France and Britain.")


def test_more_roll_calls(extractor: Extractor):
    assert attended("AUS", "CAN", "JPN") <= claims(
        extractor,
        "This call brings together ministers from Europe's biggest nations as well as Japan, Australia and Canada.",
    )
    assert attended("DEU") <= claims(extractor, "Olaf Scholz left the Rome meeting early to fly home.")
    assert attended("FRA") <= claims(
        extractor, "Emmanuel Macron is scheduled to meet in Rome on Friday with army chiefs."
    )
    assert attended("USA") <= claims(
        extractor,
        "He spoke after the videoconference that included Kyiv's partners as well as US Secretary of State Marco Rubio.",
    )
    assert ("USA", "participation", "declined") in claims(
        extractor, '"Every country except the United States was here," the minister said.'
    )


@pytest.mark.parametrize(
    ("sentence", "record"),
    [
        ("Members said they had agreed on a Rome headquarters for the force.", ("ITA", "headquarters", "committed")),
        (
            "The leaders agreed to set up the mission's headquarters, first in Paris and then in London.",
            ("GBR", "headquarters", "committed"),
        ),
        (
            "Paris will host the command, with plans underway for a future coordination cell in Kyiv.",
            ("UKR", "headquarters", "considering"),
        ),
    ],
)
def test_a_headquarters_in_a_city_is_its_countrys(extractor: Extractor, sentence: str, record):
    assert record in claims(extractor, sentence)


def test_talks_at_a_headquarters_in_a_city_are_no_headquarters_record(extractor: Extractor):
    assert not claims(extractor, "Talks were held at the headquarters in London on Friday.")


@pytest.mark.parametrize(
    ("text", "record"),
    [
        (
            "The coalition brings together thirty countries. Its aim is to provide military and financial help to Kyiv.",
            ("coalition-of-the-willing", "military_aid", "willing"),
        ),
        ("Japan has been cautious. It will send drones and medical teams.", ("JPN", "military_aid", "committed")),
    ],
)
def test_it_stands_for_the_country_or_coalition_named_before(extractor: Extractor, text: str, record):
    assert record in claims(extractor, text)


def test_an_expletive_it_stands_for_nobody(extractor: Extractor):
    assert not claims(extractor, "Spain was there. It is not clear whether troops will be sent.")


def test_sanctions_tied_to_russias_conduct_are_conditional_and_russia_is_no_subject(extractor: Extractor):
    found = claims(extractor, "Until Moscow agrees to a truce, we will step up pressure on Russia, Macron said.")
    assert found == {("FRA", "sanctions", "conditional")}


def test_one_record_per_actor_and_kind_with_a_refusal_kept_beside_it(extractor: Extractor):
    text = (
        "Norway will send frigates to the Black Sea. Norway said again on Friday that it will send frigates. "
        "Norway is also ready to send troops. Norway will not send combat troops, the minister added."
    )
    found = [(c.country, c.kind.value, c.stance.value) for c in extractor.candidates(text, DAY)]
    assert found.count(("NOR", "naval", "committed")) == 1
    troops = sorted(stance for code, kind, stance in found if (code, kind) == ("NOR", "troops_in_ukraine"))
    assert troops == ["declined", "willing"]


def test_what_a_refuser_is_asked_for_is_not_refused(extractor: Extractor):
    found = claims(
        extractor,
        "Other members unwilling to commit ground troops were asked to provide intelligence, arms or ships instead.",
    )
    assert found == {("coalition-of-the-willing", "troops_in_ukraine", "declined")}


def test_what_a_meeting_will_discuss_is_no_position(extractor: Extractor):
    text = "Mark Rutte joins 30 leaders who will gather in Rome to discuss how to strengthen military aid for Kyiv."
    assert not {c for c in claims(extractor, text) if c[1] != "participation"}


def test_military_assistance_deployed_is_troops(extractor: Extractor):
    assert claims(extractor, "Norway is willing to deploy flexible military assistance on Ukrainian soil.") == {
        ("NOR", "troops_in_ukraine", "willing")
    }


@pytest.mark.parametrize(
    ("sentence", "record"),
    [
        (
            "Spain and Italy will set up a working group to prepare security guarantees.",
            ("ESP", "security_guarantee", "considering"),
        ),
        ("Belgium will strengthen plans to send troops after a truce.", ("BEL", "troops_in_ukraine", "considering")),
        ("Ursula von der Leyen said the bloc would provide the loans next year.", ("eu", "funding", "committed")),
    ],
)
def test_plans_in_the_making_and_the_bloc(extractor: Extractor, sentence: str, record):
    assert record in claims(extractor, sentence)


def test_an_organization_before_countries_is_its_members_not_itself(extractor: Extractor):
    assert ("nato", "participation", "committed") not in claims(extractor, "EU and NATO countries were present.")
    assert not claims(extractor, "The Financial Times reported that talks went on.")


def test_a_negated_attendance_is_a_refusal_but_an_expectation_is_not(extractor: Extractor):
    assert ("ITA", "participation", "declined") in claims(extractor, "Italy never took part in the meeting.")
    found = claims(extractor, "Spain, which was not invited last time, took part in the meeting.")
    assert ("ESP", "participation", "committed") in found


def test_an_organization_before_member_is_an_adjective(extractor: Extractor):
    found = claims(extractor, "NATO member Norway praised Kyiv. It has provided military help for months.")
    assert found == {("NOR", "military_aid", "committed")}


@pytest.mark.parametrize(
    ("sentence", "code"),
    [
        ("Belgium has joined the coalition.", "BEL"),
        ('Chile has been part of the so-called "coalition of the willing" since spring.', "CHL"),
        ("Macron, Zelenskyy and Starmer signed a declaration of intent at the meeting.", "GBR"),
    ],
)
def test_membership_and_signing_the_meetings_text_are_participation(extractor: Extractor, sentence: str, code: str):
    assert attended(code) <= claims(extractor, sentence)


def test_a_bilateral_deal_and_a_supporter_are_neither_attendance_nor_troops(extractor: Extractor):
    assert not claims(extractor, "Last year, Japan and Chile signed a ten-year security deal.")
    found = claims(
        extractor, "The brigade, built by the partners and backed by the United States, will help retrain the army."
    )
    assert not {c for c in found if c[0] == "USA"}


def test_more_attendance_words(extractor: Extractor):
    assert attended("IRL") <= claims(extractor, "The Taoiseach has taken part in two coalition calls this year.")
    found = claims(extractor, "Starmer praised the inclusion of Canada, Australia and Japan.")
    assert found == attended("CAN", "AUS", "JPN")  # the one who highlights it is not named as attending by it
    assert attended("european-commission") <= claims(
        extractor, "During the meeting, Ursula von der Leyen told leaders that help was coming."
    )
    assert not claims(extractor, "During the meeting in Washington, Donald Trump said he liked the plan.")


def test_members_named_in_the_next_sentence_take_the_unnamed_groups_record(extractor: Extractor):
    text = "Several countries have said they will not send soldiers to Ukraine. These include Austria and Malta."
    candidates = extractor.candidates(text, DAY)
    assert {(c.country, c.kind.value, c.stance.value) for c in candidates} == {
        ("AUT", "troops_in_ukraine", "declined"),
        ("MLT", "troops_in_ukraine", "declined"),
    }
    assert all(text[c.start : c.end] == c.quote and c.quote.endswith("Austria and Malta.") for c in candidates)


def test_an_unnamed_group_of_members_speaks_for_the_coalition(extractor: Extractor):
    assert claims(extractor, "A few countries have signalled their readiness to send troops.") == {
        ("coalition-of-the-willing", "troops_in_ukraine", "willing")
    }


def test_a_meeting_on_the_eve_of_another_event_is_not_the_coalitions(extractor: Extractor):
    assert not claims(extractor, "Tusk met Fiala on the eve of the football final in Prague.")


# ------------------------------------------------------------------------------ the previous sentence's kind
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Sweden and Norway have offered to put soldiers on the ground in Ukraine. Portugal ruled out such a step.",
            ("PRT", "troops_in_ukraine", "declined"),
        ),
        (
            "Some leaders floated a mission to patrol the Black Sea. Greece rejected this possibility on Monday.",
            ("GRC", "naval", "declined"),
        ),
        (
            "Several members want a fresh package of sanctions on Russian gas. Hungary is against such a move.",
            ("HUN", "sanctions", "declined"),
        ),
    ],
)
def test_such_a_step_takes_the_kind_the_sentence_before_named(extractor: Extractor, text: str, expected):
    candidates = [c for c in extractor.candidates(text, DAY) if c.country == expected[0]]
    assert {(c.country, c.kind.value, c.stance.value) for c in candidates} == {expected}
    first = text.split(". ")[0]
    assert all(c.quote.startswith(first) and text[c.start : c.end] == c.quote for c in candidates)  # what the step is


def test_such_a_step_without_a_kind_before_is_no_record(extractor: Extractor):
    assert not claims(extractor, "The leaders met in Rome on Friday. Portugal ruled out such a step.")
    # a kind named in the sentence itself wins over the one before
    assert claims(extractor, "Belgium pledged new sanctions. Ireland ruled out this option for its troops.") >= {
        ("IRL", "troops_in_ukraine", "declined")
    }


@pytest.mark.parametrize(
    "sentence",
    [
        "Slovakia is against sending soldiers to Ukraine.",
        "Slovakia's prime minister ruled out deploying any soldiers to Ukraine.",
        "Bratislava firmly rejected sending soldiers to Ukraine.",
        "The Slovak government has repeatedly dismissed sending soldiers to Ukraine.",
    ],
)
def test_refusals_by_any_verb_form_and_a_possessive_office(extractor: Extractor, sentence: str):
    assert claims(extractor, sentence) == {("SVK", "troops_in_ukraine", "declined")}


def test_an_adversary_refusing_a_force_opposes_it(extractor: Extractor):
    assert claims(extractor, "The Kremlin dismissed sending any Western soldiers to Ukraine.") == {
        ("RUS", "troops_in_ukraine", "opposed")
    }
    assert claims(extractor, "Poland has not ruled out sending soldiers.") == {
        ("POL", "troops_in_ukraine", "considering")
    }


# ------------------------------------------------------------------------------ kinds by what ANNOTATION.md names
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Estonia will lead the air component of the mission.", ("EST", "air_support", "committed")),
        ("Norway will provide cargo aircraft and fuel supplies to the force.", ("NOR", "logistics", "committed")),
        ("Luxembourg offered airlift capacity for the force.", ("LUX", "logistics", "willing")),
        ("Denmark will share satellite imagery with the mission.", ("DNK", "intelligence", "committed")),
        ("Ireland will help verify a future truce along the front.", ("IRL", "ceasefire_monitoring", "committed")),
        ("Latvia pledged to train 3,000 Ukrainian recruits next year.", ("LVA", "training", "committed")),
        ("Bulgaria offered to lead mine clearance in the Black Sea.", ("BGR", "naval", "willing")),
        ("Croatia will patrol the sea lanes to Odesa.", ("HRV", "naval", "committed")),
        (
            "Portugal pledged a company of soldiers to the force deployed in Ukraine.",
            ("PRT", "troops_in_ukraine", "committed"),
        ),
    ],
)
def test_kinds_by_the_words_annotation_gives_them(extractor: Extractor, sentence: str, expected):
    assert expected in claims(extractor, sentence)


def test_aircraft_in_an_aid_package_are_not_the_missions_air_support(extractor: Extractor):
    found = claims(extractor, "Spain pledged more military support, including missiles and warplanes.")
    assert ("ESP", "military_aid", "committed") in found
    assert not {c for c in found if c[1] == "air_support"}


def test_every_kind_cue_has_a_literal_so_sentences_without_one_are_skipped():
    # a cue without a literal runs on every sentence and changes what the sentences between see
    assert not cues.KIND_LITERALS.always


# ------------------------------------------------------------------------------ contributions stated as fact
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Canada adopted fresh sanctions on Russian oil traders.", ("CAN", "sanctions", "committed")),
        ("The EU imposed another package of sanctions on Moscow.", ("eu", "sanctions", "committed")),
        ("Britain sent 200 soldiers to Ukraine last spring.", ("GBR", "troops_in_ukraine", "committed")),
        ("Sweden has delivered two air defence systems to Kyiv.", ("SWE", "military_aid", "committed")),
        ("Japan pledged $3 billion to Ukraine.", ("JPN", "funding", "committed")),
        ("Norway approved a grant of 2 billion kroner for Ukraine's power grid.", ("NOR", "funding", "committed")),
        (
            "Denmark has promised €400m a year in support for Ukraine's armed forces.",
            ("DNK", "military_aid", "committed"),
        ),
    ],
)
def test_contributions_stated_as_fact(extractor: Extractor, sentence: str, expected):
    assert expected in claims(extractor, sentence)


def test_an_amount_for_weapons_is_military_aid_not_funding(extractor: Extractor):
    assert claims(extractor, "Finland committed €300 million in weapons for Ukraine.") == {
        ("FIN", "military_aid", "committed")
    }


def test_troops_sent_in_a_hypothetical_passive_are_no_pledge(extractor: Extractor):
    found = claims(extractor, "Moscow says it does not matter whether troops are sent by France or by NATO.")
    assert not {c for c in found if c[0] in ("FRA", "nato") and c[2] == "committed"}


# ------------------------------------------------------------------------------ who does what
def test_a_relative_clause_keeps_its_own_stance(extractor: Extractor):
    assert claims(extractor, "Austria, which has ruled out sending soldiers, will share intelligence.") == {
        ("AUT", "troops_in_ukraine", "declined"),
        ("AUT", "intelligence", "committed"),
    }
    assert claims(extractor, "South Korea, which has pledged reconstruction funding, will not send soldiers.") == {
        ("KOR", "funding", "committed"),
        ("KOR", "troops_in_ukraine", "declined"),
    }


def test_neither_nor_is_a_refusal_by_both(extractor: Extractor):
    assert claims(extractor, "Neither Malta nor Cyprus will contribute soldiers.") == {
        ("MLT", "troops_in_ukraine", "declined"),
        ("CYP", "troops_in_ukraine", "declined"),
    }


def test_a_country_set_against_the_subject_is_not_it(extractor: Extractor):
    assert claims(extractor, "Greece, unlike Italy, will not deploy soldiers in Ukraine.") == {
        ("GRC", "troops_in_ukraine", "declined")
    }


def test_the_holders_of_an_office_speak_for_their_countries(extractor: Extractor):
    assert claims(extractor, "The defence ministers of Estonia and Finland said they were ready to send troops.") == {
        ("EST", "troops_in_ukraine", "willing"),
        ("FIN", "troops_in_ukraine", "willing"),
    }


def test_a_demonym_before_a_stance_noun_is_the_actor(extractor: Extractor):
    assert claims(extractor, "The Norwegian offer of three minesweepers was welcomed.") == {("NOR", "naval", "willing")}


def test_a_trip_or_a_delegate_to_the_meeting_is_attendance(extractor: Extractor):
    assert attended("DEU") <= claims(extractor, "Merz flew to Paris on Monday for the coalition of the willing summit.")
    assert attended("ESP") <= claims(extractor, "Spain sent its foreign minister to the coalition talks.")
    assert not claims(extractor, "Zelensky travelled to Kyiv on Tuesday.")
    assert not claims(extractor, "Tusk arrived in Rome for bilateral talks ahead of the coalition meeting.")


def test_a_speaker_named_after_said_speaks_the_quotation(extractor: Extractor):
    assert claims(extractor, '"We stand ready to provide logistics," said Czech Prime Minister Petr Fiala.') == {
        ("CZE", "logistics", "willing")
    }


def test_money_to_pay_for_weapons_is_military_aid(extractor: Extractor):
    assert claims(extractor, "Norway will finance artillery shells for Ukraine.") == {
        ("NOR", "military_aid", "committed")
    }


def test_a_domestic_procedure_in_the_next_sentence_makes_the_offer_conditional(extractor: Extractor):
    text = "Norway has not ruled out sending ships. The Storting would have to approve any deployment."
    candidates = extractor.candidates(text, DAY)
    assert {(c.country, c.kind.value, c.stance.value) for c in candidates} == {("NOR", "naval", "conditional")}
    assert all(c.quote == text for c in candidates)  # the condition is in the quote
    assert claims(extractor, "Norway has not ruled out sending ships. It was a long meeting.") == {
        ("NOR", "naval", "considering")
    }


def test_a_possessive_contribution_names_its_actor(extractor: Extractor):
    assert claims(extractor, "Finland's contribution of air policing is dependent upon an American backstop.") == {
        ("FIN", "air_support", "conditional")
    }


def test_what_one_would_rather_not_give_is_no_record(extractor: Extractor):
    assert claims(extractor, "Britain would rather send jets than troops.") == {("GBR", "air_support", "committed")}
    assert claims(extractor, "Spain will fund drones instead of sending soldiers.") == {
        ("ESP", "military_aid", "committed")
    }


def test_hedges_and_aims_are_willing(extractor: Extractor):
    assert claims(extractor, "Spain may send soldiers to Ukraine.") == {("ESP", "troops_in_ukraine", "willing")}
    assert claims(extractor, "Portugal hopes to send fighter jets.") == {("PRT", "air_support", "willing")}
    assert claims(extractor, "Belgium aims to provide air policing next year.") == {("BEL", "air_support", "willing")}


def test_the_enemys_drone_attacks_are_no_aid(extractor: Extractor):
    assert not claims(extractor, "As drone attacks go on, the coalition aims to secure a lasting truce.")


def test_as_a_coalition_the_speaker_speaks_for_it(extractor: Extractor):
    text = '"As a coalition of the willing, we stand ready to provide air policing," Kristersson said.'
    assert claims(extractor, text) == {("coalition-of-the-willing", "air_support", "willing")}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Denmark will provide monitors for the ceasefire.", ("DNK", "ceasefire_monitoring", "committed")),
        ("Belgium stands ready to contribute a battalion to Romania.", ("BEL", "forces_outside_ukraine", "willing")),
        (
            "Finland would contribute, subject to parliamentary approval, two minesweepers.",
            ("FIN", "naval", "conditional"),
        ),
    ],
)
def test_more_kinds_and_a_condition_set_off_by_commas(extractor: Extractor, sentence: str, expected):
    found = claims(extractor, sentence)
    assert expected in found
    assert not {c for c in found if c[1] == "troops_in_ukraine"}  # a battalion sent to Romania is outside Ukraine


# ------------------------------------------------------------------------------ attendance, composed
ATTENDERS = {
    "Belgian Prime Minister Bart De Wever": "BEL",
    "Portugal": "PRT",
    "NATO Secretary General Mark Rutte": "nato",
    "Ursula von der Leyen": "european-commission",
    "Austria's chancellor": "AUT",
}
ATTENDING = {
    "attended": "committed",
    "took part in": "committed",
    "joined": "committed",
    "participated in": "committed",
    "dialled into": "committed",
    "was present at": "committed",
    "spoke at": "committed",
    "addressed": "committed",
    "co-chaired": "committed",
    "skipped": "declined",
    "did not attend": "declined",
    "was absent from": "declined",
    "stayed away from": "declined",
}
MEETINGS = [
    "the coalition of the willing meeting in Paris",
    "Thursday's videoconference of the coalition",
    "the summit of the coalition of the willing",
    "the coalition talks",
]


@settings(max_examples=120, deadline=None)
@given(st.sampled_from(sorted(ATTENDERS)), st.sampled_from(sorted(ATTENDING)), st.sampled_from(MEETINGS))
def test_attendance_by_any_subject_verb_and_meeting(extractor: Extractor, subject: str, verb: str, meeting: str):
    text = f"{subject} {verb} {meeting}."
    assert (ATTENDERS[subject], "participation", ATTENDING[verb]) in claims(extractor, text), text


def test_a_press_conference_after_the_meeting_still_places_the_speaker_there(extractor: Extractor):
    text = "Speaking to a news conference after the coalition talks in London, Chancellor Merz took questions."
    assert attended("DEU") <= claims(extractor, text)


# ------------------------------------------------------------------------------ the previous sentence, composed
INTRODUCTIONS = [
    "Danish Prime Minister Mette Frederiksen arrived in Paris on Thursday.",
    "Mette Frederiksen, Denmark's prime minister, spoke to reporters.",
    "Denmark's Mette Frederiksen was among the leaders.",
]
FOLLOW_UPS = {
    "She said Denmark would send {k}.": "positive",
    "She said her country would send {k}.": "positive",
    '"We will send {k}," she said.': "positive",
    '"We are ready to send {k}," the prime minister said.': "positive",
    "The prime minister said Copenhagen was ready to send {k}.": "positive",
    "She said our country would send {k}.": "none",  # "our" outside a quotation is the writer's
    '"We will not send {k}," she told reporters.': "declined",
    "She ruled out sending {k}.": "declined",
    '"Sending {k} is not on the table," she said.': "declined",
}
KIND_WORDS = {"troops": "troops_in_ukraine", "fighter jets": "air_support", "warships": "naval"}


@settings(max_examples=80, deadline=None)
@given(st.sampled_from(INTRODUCTIONS), st.sampled_from(sorted(FOLLOW_UPS)), st.sampled_from(sorted(KIND_WORDS)))
def test_a_pronoun_or_an_office_in_the_next_sentence_speaks_for_the_person_named(
    extractor: Extractor, introduction: str, follow_up: str, thing: str
):
    text = f"{introduction} {follow_up.format(k=thing)}"
    stances = {s for c, k, s in claims(extractor, text) if c == "DNK" and k == KIND_WORDS[thing]}
    expected = FOLLOW_UPS[follow_up]
    if expected == "none":
        assert not stances, text
    elif expected == "declined":
        assert stances == {"declined"}, text
    else:
        assert stances and "declined" not in stances, text


@pytest.mark.parametrize(
    ("sentence", "stance"),
    [
        ("Canada would send frigates once a ceasefire is in place.", "committed"),  # the shared premise
        ("Canada is ready to send frigates if a ceasefire is agreed.", "willing"),
        ("Canada would send frigates, but only with American air cover.", "conditional"),
        ("Canada would send frigates provided Washington offers a backstop.", "conditional"),
        ("Canada is ready to send frigates, but the United States must provide a backstop.", "conditional"),
        ("Canada would send frigates as long as the Americans are involved.", "conditional"),
        ("Canada will decide later whether to send frigates.", "considering"),
    ],
)
def test_conditions_the_shared_premise_and_anothers_act(extractor: Extractor, sentence: str, stance: str):
    assert ("CAN", "naval", stance) in claims(extractor, sentence)
    assert not {s for c, k, s in claims(extractor, sentence) if c == "CAN" and k == "naval" and s != stance}
