"""Diffs: articles sentence by sentence, claims, and a country across meetings."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import DATA

from coalition_tui.analysis.diffing import across_meetings, diff_claims, diff_sources, diff_texts
from coalition_tui.cli import main
from coalition_tui.store.corpus import Corpus

A = "000_52fd44cbc1a803ce"
B = "001_d758d6b22dd4d3b3"


def test_an_article_against_itself_shows_no_difference(corpus: Corpus):
    result = diff_sources(corpus, A, A)
    assert result.differences == []
    assert result.summary()["same"] == len(result.pairs) > 10
    assert result.entities_only_a == result.entities_only_b == []


def test_swapping_sides_mirrors_the_diff(corpus: Corpus):
    ab, ba = diff_sources(corpus, A, B), diff_sources(corpus, B, A)
    assert ab.count("only_a") == ba.count("only_b") and ab.count("only_b") == ba.count("only_a")
    assert ab.entities_only_a == ba.entities_only_b
    pairs_ab = {(p.a.text if p.a else None, p.b.text if p.b else None) for p in ab.pairs}
    pairs_ba = {(p.b.text if p.b else None, p.a.text if p.a else None) for p in ba.pairs}
    assert pairs_ab == pairs_ba


def test_a_moved_sentence_is_aligned_not_removed_and_added(corpus: Corpus):
    a = "Britain will send troops.\n\nFrance agreed to help. Germany hesitated."
    b = "Germany hesitated.\n\nBritain will send troops. France agreed to help."
    result = diff_texts(corpus, a, b)
    assert result.summary() == {"same": 3, "changed": 0, "reworded": 0, "only_a": 0, "only_b": 0, "trivial": 0}


def test_would_to_would_not_is_a_change(corpus: Corpus):
    result = diff_texts(corpus, "Italy said it would send troops.", "Italy said it would not send troops.")
    (pair,) = result.pairs
    assert pair.kind == "changed"
    assert [(w.op, w.a.strip(), w.b.strip()) for w in pair.words if w.op != "equal"] == [("insert", "", "not")]


def test_names_are_compared_after_resolution_and_trivia_is_counted(corpus: Corpus):
    result = diff_texts(corpus, "Zelenskiy said “yes” to  the plan.", 'Zelensky said "yes" to the plan.')
    assert result.summary()["trivial"] == 1 and result.differences == []


def test_a_reworded_sentence_pairs_by_similarity(corpus: Corpus):
    result = diff_texts(
        corpus,
        "Poland's Prime Minister said Poland would not contribute troops to the mission.",
        "Poland's Prime Minister said Poland would not contribute soldiers to the mission.",
    )
    (pair,) = result.pairs
    assert pair.kind == "changed" and pair.similarity >= 80


def test_claims_diff_of_the_two_paris_articles(corpus: Corpus):
    rows = {(r.kind, r.country, r.what.value) for r in diff_claims(corpus, A, B)}
    assert ("differs", "GBR", "troops_in_ukraine") in rows  # conditional in 000, committed in 001: one direction
    assert ("only_a", "RUS", "troops_in_ukraine") in rows
    assert ("only_b", "ITA", "participation") in rows
    assert ("both", "FRA", "participation") in rows


def test_germany_across_meetings(corpus: Corpus):
    steps = across_meetings(corpus, "DEU", ["2025-03-27-paris", "2026-01-06-paris"])
    (step,) = steps
    assert [(c.kind, c.what.value) for c in step.changes] == [("new", "forces_outside_ukraine")]


def test_diff_cli_in_a_pipe_has_no_colour_codes():
    result = subprocess.run(
        [sys.executable, "-m", "coalition_tui", "--data", str(DATA), "diff", "000", "001"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "\x1b[" not in result.stdout
    assert result.stdout.startswith(f"{A} vs {B}: 0 same")


def test_diff_cli_json_and_colour_when_asked(capsys):
    assert main(["diff", "--data", str(DATA), "000", "000", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["summary"]["changed"] == 0 and report["summary"]["same"] > 10
    import io

    out = io.StringIO()
    from coalition_tui.cli import InertWriter, build_parser, cmd_diff

    args = build_parser().parse_args(["diff", "--data", str(DATA), "--color", "always", "000", "001"])
    cmd_diff(args, InertWriter(out), io.StringIO())  # as main() runs it
    assert "\x1b[" in out.getvalue()


def test_across_cli_names_the_chancellors(capsys):
    assert main(["across", "--data", str(DATA), "Germany", "--summits", "2025-03-27,Paris 2026"]) == 0
    out = capsys.readouterr().out
    assert "people: Olaf Scholz -> Friedrich Merz" in out and "new          forces_outside_ukraine: - -> willing" in out


def test_words_that_do_not_overstate():
    from coalition_tui.analysis.diffing import compare_stances
    from coalition_tui.store.model import Stance

    assert compare_stances({Stance.COMMITTED}, {Stance.WILLING}) == "differs"  # a degree, not a conflict
    assert compare_stances({Stance.COMMITTED}, {Stance.DECLINED}) == "conflicting"
    assert compare_stances({Stance.DECLINED}, {Stance.OPPOSED}) == "differs"
    assert compare_stances({Stance.WILLING}, {Stance.WILLING}) == "both"


def test_across_a_kind_not_mentioned_later_is_not_reported_and_only_a_reversal_is_dropped(data_copy):
    from coalition_tui.cli import main
    from coalition_tui.store.loader import load_corpus

    text = data_copy.parent / "later.txt"
    text.write_text("Germany said it would not send troops to Ukraine.\n", encoding="utf-8")
    assert main(["ingest", "--data", str(data_copy), "--summit", "2025-09-04-paris", str(text)]) == 0
    steps = across_meetings(load_corpus(data_copy), "DEU", ["2026-01-06-paris", "2025-09-04-paris"])
    kinds = {c.what.value: c.kind for step in steps for c in step.changes}
    # Paris 2025-09 (later.txt) then Paris 2026: troops refused, then not mentioned: "not reported", never "dropped"
    assert kinds.get("troops_in_ukraine") == "not_reported"
    assert "dropped" not in kinds.values()


def test_two_articles_in_their_own_words_are_said_to_share_no_text(corpus: Corpus):
    from coalition_tui.analysis.diffing import shares_nothing

    result = diff_texts(
        corpus,
        "Leaders gathered in the French capital on Tuesday to settle the shape of a future force.",
        "Ferry timetables will change in the spring, the harbour authority announced this morning.",
    )
    assert shares_nothing(result.summary())
    assert not shares_nothing(diff_texts(corpus, "Poland said no.", "Poland said no.").summary())


def test_two_articles_telling_one_fact_in_other_words_are_aligned_as_reworded(corpus: Corpus):
    """The trial user saw "0 shared" for two reports of one meeting that paraphrase each other."""
    from coalition_tui.analysis.diffing import shares_nothing

    result = diff_texts(
        corpus,
        "France and Britain pledged to send troops to Ukraine once a ceasefire is agreed. "
        "Ferry timetables will change in the spring.",
        "Once a ceasefire is agreed, British and French troops will be sent to Ukraine, the two countries pledged. "
        "Poland's president spoke about farm exports at length.",
    )
    reworded = [p for p in result.pairs if p.kind == "reworded"]
    assert len(reworded) == 1
    assert reworded[0].a.text.startswith("France and Britain") and reworded[0].b.text.startswith("Once a ceasefire")
    assert not shares_nothing(result.summary())
    assert result.summary()["only_a"] == 1 and result.summary()["only_b"] == 1  # unrelated sentences stay apart


def test_sentences_on_one_topic_but_different_facts_are_not_called_reworded(corpus: Corpus):
    result = diff_texts(
        corpus,
        "Germany offered air defence systems to Ukraine.",
        "Italy declined to send troops to Ukraine after the talks.",
    )
    assert result.summary()["reworded"] == 0
