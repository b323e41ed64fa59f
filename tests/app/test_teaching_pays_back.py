"""Teaching pays back (issue 26, Build 5): once a name is mapped, the articles that mention it are
extracted again on request, and every decision already made is kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ingest_one, loaded, pilot_test, shown, table_of
from textual.widgets import DataTable

from coalition_tui.actions import review
from coalition_tui.cli import main
from coalition_tui.store.loader import load_corpus
from coalition_tui.tui import make_app
from coalition_tui.tui.dialogs import ConfirmScreen

# Our own words: the only name for the actor of the first claim is a minister the gazetteer lacks.
NEWS = (
    "Paris, 6 January 2026.\n\n"
    "Defence Minister Hanno Pevkurr said his government would help with air policing over Ukraine.\n\n"
    "Poland declined to send troops.\n"
)


@pytest.fixture
def taught_data(data_copy: Path, tmp_path: Path) -> Path:
    article = tmp_path / "tallinn.txt"
    article.write_text(NEWS, encoding="utf-8")
    ingest_one(data_copy, article, "2026-01-06-paris")
    return data_copy


def claims(data: Path) -> set[tuple[str, str, str, str]]:
    corpus = load_corpus(data)
    return {(r.country, r.kind.value, r.stance.value, r.origin.value) for r in corpus.records if r.source == "tallinn"}


def test_reextract_from_the_command_line_keeps_every_decision(taught_data: Path, capsys):
    (poland,) = [r for r in review.queue(load_corpus(taught_data)) if r.source == "tallinn"]
    review.accept(load_corpus(taught_data), poland.id)
    assert claims(taught_data) == {("POL", "troops_in_ukraine", "declined", "curated")}  # Estonia missed
    assert main(["gazetteer", "--data", str(taught_data), "alias", "Hanno Pevkurr", "Estonia"]) == 0
    capsys.readouterr()
    assert main(["reextract", "--data", str(taught_data), "--mentioning", "hanno pevkurr"]) == 0
    out = capsys.readouterr().out
    assert "1 new candidate(s), 0 no longer proposed; 1 decided record(s) kept as they were" in out
    assert claims(taught_data) == {
        ("POL", "troops_in_ukraine", "declined", "curated"),
        ("EST", "air_support", "committed", "extracted"),
    }
    kept = table_of(taught_data, poland.id)
    assert kept["origin"] == "curated" and kept["decided_by"]  # the decision, exactly as it was
    assert main(["reextract", "--data", str(taught_data), "tallinn"]) == 0  # again: nothing changes
    assert "0 article(s) changed" in capsys.readouterr().out
    assert main(["reextract", "--data", str(taught_data)]) == 2


@pilot_test
async def test_mapping_a_name_in_the_app_offers_to_extract_its_articles_again(taught_data: Path):
    from coalition_tui.tui.name_form import AliasForm

    (poland,) = [r for r in review.queue(load_corpus(taught_data)) if r.source == "tallinn"]
    review.reject(load_corpus(taught_data), poland.id)  # a decision made before the teaching
    app = make_app(taught_data, blink=False)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await loaded(pilot)
        await pilot.press("5")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("slash", *"Pevkurr", "enter")
        await pilot.pause(0.3)
        table = app.screen.query_one("#names", DataTable)
        assert [str(table.get_row_at(i)[0]) for i in range(table.row_count)] == ["Hanno Pevkurr"]
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, AliasForm)
        await pilot.press(*"Estonia", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "1 article(s) mention “Hanno Pevkurr”. Extract them again" in shown(app)
        await pilot.press("y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause(0.2)
        await pilot.pause()
        notice = " ".join(line.strip(" ▌") for line in shown(app).splitlines())
        assert "Extracted again: 1 article(s) changed: 1 new candidate(s), 0 no longer proposed" in notice
        assert any(r.country == "EST" and r.source == "tallinn" for r in review.queue(app.corpus))
    assert table_of(taught_data, poland.id)["rejected"] is True  # kept
    assert ("EST", "air_support", "committed", "extracted") in claims(taught_data)
