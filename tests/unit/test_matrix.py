"""The country x summit matrix behind the summary (and the app's overview)."""

from coalition_tui.analysis.matrix import PRESENT, stance_matrix
from coalition_tui.store.corpus import Corpus
from coalition_tui.store.model import Stance


def test_columns_are_summits_by_date(corpus: Corpus):
    dates = [s.date for s in stance_matrix(corpus).summits]
    assert dates == sorted(dates)


def test_rows_put_countries_with_most_commitments_first(corpus: Corpus):
    rows = stance_matrix(corpus).rows
    assert rows.index("GBR") < rows.index("ITA") < rows.index("SWE")


def test_strongest_stance_wins_and_attendance_alone_is_present(corpus: Corpus):
    m = stance_matrix(corpus)
    assert m.strongest("ITA", "2026-01-06-paris") is Stance.DECLINED
    assert m.cell("SWE", "2025-03-27-paris") == PRESENT
    assert m.cell("SWE", "2026-01-06-paris") is None
    # 000 says conditional, 001 says committed: the stronger shows
    assert m.strongest("GBR", "2025-03-27-paris") is Stance.COMMITTED
    assert {r.source for r in m.records("GBR", "2025-03-27-paris")} == {"000_52fd44cbc1a803ce", "001_d758d6b22dd4d3b3"}


def test_a_cell_resting_only_on_unreviewed_records_is_flagged_until_they_are_accepted(review_data):
    from coalition_tui.actions import review
    from coalition_tui.store.loader import load_corpus

    corpus = load_corpus(review_data)
    m = stance_matrix(corpus)
    flagged = [(row, s.id) for row in m.rows for s in m.summits if m.unreviewed(row, s.id)]
    assert flagged and not any(m.unreviewed(row, s.id) for row in ("GBR", "FRA") for s in m.summits[:3])
    row, summit = flagged[0]
    stance = m.strongest(row, summit)
    for record in m.records(row, summit):
        if record.unreviewed and (stance is None or record.stance is stance):
            review.accept(corpus, record.id)
    assert not stance_matrix(load_corpus(review_data)).unreviewed(row, summit)
