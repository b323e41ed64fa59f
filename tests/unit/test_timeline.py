"""A country's timeline: its strongest stance per kind at each meeting, in date order."""

from __future__ import annotations

from conftest import loaded, pilot_test, shown

from coalition_tui.analysis.timeline import timeline
from coalition_tui.store.corpus import Corpus
from coalition_tui.store.model import Kind, Stance
from coalition_tui.tui import make_app


def test_the_united_kingdom_moves_from_willing_to_committed_on_troops(corpus: Corpus):
    line = timeline(corpus, "GBR")
    assert [s.id for s in line.summits] == sorted(s.id for s in line.summits)  # date order (ids start with it)
    troops = next(strip for strip in line.strips if strip.kind is Kind.TROOPS_IN_UKRAINE)
    assert troops.stances[:3] == (None, Stance.WILLING, Stance.COMMITTED)  # London: nothing; Virtual: willing
    assert troops.glyphs().startswith("– ○ ●")
    assert [strip.kind for strip in line.strips] == [k for k in Kind if k in {s.kind for s in line.strips}]


def test_a_timeline_of_chosen_records_only_spans_their_meetings(corpus: Corpus):
    paris = [r for r in corpus.by_country["GBR"] if r.summit == "2026-01-06-paris"]
    line = timeline(corpus, "GBR", paris)
    assert [s.id for s in line.summits] == ["2026-01-06-paris"]
    assert all(len(strip.stances) == 1 for strip in line.strips)


@pilot_test
async def test_countries_shows_the_timeline_strip_beside_the_records():
    from conftest import DATA

    app = make_app(DATA, blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("2")
        await pilot.pause()
        screen = shown(app)
        assert "Timeline  5 meeting(s), 2 Mar 2025 → 6 Jan 2026" in screen
        assert "troops_in_ukraine   – ○ ● ● ●" in screen
