"""The learned confidence: training separates right from wrong, the shipped model is applied, a
threshold drops what it should, and the weights file round-trips."""

from __future__ import annotations

import tomllib

from hypothesis import given
from hypothesis import strategies as st

from coalition_tui.extraction.confidence import Model, model_from, shipped_model, train
from coalition_tui.extraction.extract import Extractor
from coalition_tui.extraction.training import MIN_GAIN, THRESHOLDS, Example, HeldOut, auc
from coalition_tui.store.tomlio import dumps

TEXT = "Britain said it would send troops to Ukraine. Italy ruled out sending troops."


def test_training_learns_which_features_mark_a_right_candidate():
    # as many candidates as the labelled slices give (the L2 penalty weighs less as examples grow)
    rows = [("how=subject", "kind=troops")] * 300 + [("how=previous", "kind=troops")] * 300
    labels = [True] * 270 + [False] * 30 + [False] * 250 + [True] * 50
    model = train(rows, labels)
    assert model.probability(("how=subject", "kind=troops")) > 0.75
    assert model.probability(("how=previous", "kind=troops")) < 0.3


@given(st.lists(st.tuples(st.floats(0, 1), st.booleans()), min_size=1, max_size=40), st.integers(0, 50))
def test_the_threshold_chosen_scores_the_held_out_slices_at_least_as_well_as_keeping_all(pairs, extra_gold):
    examples = [(p, Example((f"{'AB'[i % 2]}{i}", "a", "k", "s"), (), right)) for i, (p, right) in enumerate(pairs)]
    scored = {name: [(p, e) for p, e in examples if e.slice == name] for name in "AB"}
    gold = {name: sum(e.right for _p, e in group) + extra_gold for name, group in scored.items()}
    held = HeldOut({n: g for n, g in scored.items() if g}, gold)
    best = held.best_threshold()
    assert best in THRESHOLDS
    assert held.mean_f1(best) >= held.mean_f1(0.0)
    assert best == 0.0 or held.mean_f1(best) >= held.mean_f1(0.0) + MIN_GAIN


@given(st.lists(st.tuples(st.floats(0, 1), st.booleans()), max_size=40))
def test_auc_is_the_share_of_right_wrong_pairs_in_order(pairs):
    right = [p for p, r in pairs if r]
    wrong = [p for p, r in pairs if not r]
    expected = (
        sum((a > b) + (a == b) / 2 for a in right for b in wrong) / (len(right) * len(wrong))
        if right and wrong
        else 0.5
    )
    assert abs(auc(pairs) - expected) < 1e-9


def test_the_model_file_round_trips_through_toml():
    model = Model(bias=-0.5, weights={"how=subject": 1.25, "negation": -2.0}, threshold=0.4, trained_on="test")
    again = model_from(tomllib.loads(dumps(model.as_toml())))
    assert again == model


def test_the_shipped_model_gives_the_confidence_of_every_candidate(corpus):
    shipped = shipped_model()
    assert shipped is not None and shipped.weights  # bench/train_confidence.py wrote it
    extractor = Extractor(corpus.gazetteer, corpus.resolver)
    found = extractor.candidates(TEXT)
    assert found and all(c.confidence == round(shipped.probability(c.features), 2) for c in found)
    assert all(c.confidence >= shipped.threshold for c in found)


def test_a_threshold_drops_the_candidates_under_it(corpus):
    raw = Extractor(corpus.gazetteer, corpus.resolver, calibrate=False).candidates(TEXT)
    assert {(c.country, c.stance.value) for c in raw if c.country == "ITA"} == {("ITA", "declined")}
    assert "GBR" in {c.country for c in raw}
    never_italy = Model(bias=2.0, weights={"negation": -6.0}, threshold=0.5)
    kept = Extractor(corpus.gazetteer, corpus.resolver, model=never_italy).candidates(TEXT)
    assert {c.country for c in kept} == {"GBR"}
