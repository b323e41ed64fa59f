"""Citing from the app (issue 25): an article added by URL with its outlet corrected before it is
added; outlet · date · headline beside the quote in Evidence and Review; Enter on a record opens its
article at the quote; c copies the citation; M in Sources corrects it later."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import loaded, pilot_test
from textual.widgets import Input, OptionList, Static
from web_pages import Site, serving

from coalition_tui.store.loader import load_corpus
from coalition_tui.tui import make_app
from coalition_tui.tui.add import AddArticlesScreen
from coalition_tui.tui.evidence import EvidenceScreen
from coalition_tui.tui.review import ReviewScreen
from coalition_tui.tui.source_form import SourceForm
from coalition_tui.tui.widgets import Table

PARIS_2026 = "2026-01-06-paris"
HEADLINE = "Nordic leaders pledge a place in the reassurance force"
CITED = f"Harbour Ledger (corrected) · 7 Jan 2026 · {HEADLINE}"


@pytest.fixture(scope="module")
def site():
    with serving() as running:
        yield running


def words(widget: Static) -> str:
    return " ".join(str(widget.render()).split())


async def add_by_url(app, pilot, site: Site) -> None:
    """+, the URL, Enter: what was found is shown; the outlet corrected; Ctrl+S adds it."""
    await pilot.press("plus")
    await pilot.pause()
    dialog = app.screen
    assert isinstance(dialog, AddArticlesScreen)
    dialog.query_one("#add-path", Input).value = site.url("/world/nordic-pledge")
    dialog.query_one("#add-path", Input).focus()
    await pilot.press("enter")
    await app.workers.wait_for_complete()
    await pilot.pause()
    outlet = dialog.query_one("#cite-outlet", Input)
    assert outlet.value == "The Harbour Ledger" and dialog.query_one("#cite-headline", Input).value == HEADLINE
    assert dialog.query_one("#cite-published", Input).value == "2026-01-07"
    assert "Guess: Paris, 6 Jan 2026 (" in words(dialog.query_one("#add-guess", Static))
    outlet.value = "Harbour Ledger (corrected)"
    await pilot.press("ctrl+s")
    await app.workers.wait_for_complete()
    await pilot.pause()
    assert "1 article(s) added" in words(dialog.query_one("#add-status", Static))
    await pilot.press("escape")
    await pilot.pause()
    await pilot.pause()


@pilot_test
async def test_a_url_added_from_the_app_is_cited_in_evidence_and_review(site: Site, data_copy: Path):
    app = make_app(data_copy, blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await add_by_url(app, pilot, site)
        assert "6 sources" in app.title
        await pilot.press("2")  # view keys answer after the dialog closed on a new corpus
        await pilot.pause()
        assert app.current_mode == "countries"
        app.push_screen(EvidenceScreen("NOR", PARIS_2026))
        await pilot.pause()
        await pilot.pause()
        options = app.screen.query_one(OptionList)
        prompts = [" ".join(str(options.get_option_at_index(i).prompt).split()) for i in range(options.option_count)]
        ours = [p for p in prompts if "Norway and Sweden said on Tuesday" in p]
        assert ours and CITED in ours[0]
        options.highlighted = prompts.index(ours[0])
        await pilot.pause()
        await pilot.press("enter")  # the article at the quote
        await pilot.pause()
        await pilot.pause()
        assert app.current_mode == "sources"
        sources = app.screen
        assert HEADLINE in words(sources.query_one("#source-title", Static))
        assert "Harbour Ledger (corrected) · 7 Jan 2026 · Ada Lindqvist" in words(
            sources.query_one("#source-title", Static)
        )
        record = app.corpus.record(sources.current_record)
        assert record is not None and (record.country, record.source) == ("NOR", "nordic-pledge")
        await pilot.press("7")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        review = app.screen
        table = review.query_one("#review-queue", Table)
        for _ in range(table.row_count):
            if review.current() is not None and review.current().source == "nordic-pledge":
                break
            await pilot.press("down")
            await pilot.pause()
        assert CITED in " ".join(str(review.query_one("#review-detail", Static).render()).split())
        await pilot.press("y")
        await pilot.pause()
        copied = app.clipboard
        assert copied.startswith("\u201c") and copied.endswith(
            f"\u201d \u2014 Harbour Ledger (corrected), \u201c{HEADLINE}\u201d, 7 Jan 2026, "
            "https://harbour-ledger.example/world/nordic-pledge"
        )


@pilot_test
async def test_m_in_sources_corrects_the_citation_in_place(data_copy: Path):
    app = make_app(data_copy, blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("4")
        await pilot.pause()
        source_id = app.screen.source_id
        await pilot.press("M")
        await pilot.pause()
        assert isinstance(app.screen, SourceForm)
        app.screen.query_one("#cite-outlet", Input).value = "The Guardian"
        app.screen.query_one("#cite-url", Input).value = "javascript:alert(1)"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SourceForm)  # refused: an address must be http(s)
        assert load_corpus(data_copy).sources[source_id].outlet == ""
        app.screen.query_one("#cite-url", Input).value = "https://www.theguardian.com/world/x"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.pause()
        assert not isinstance(app.screen, SourceForm)
        title = words(app.screen.query_one("#source-title", Static))
        assert "The Guardian · " in title and "https://www.theguardian.com/world/x" in title
    saved = load_corpus(data_copy).sources[source_id]
    assert (saved.outlet, saved.url) == ("The Guardian", "https://www.theguardian.com/world/x")
    assert (data_copy / "sources.toml").read_text(encoding="utf-8").startswith("# Articles in the corpus.")


@pilot_test
async def test_a_wire_story_under_two_mastheads_is_flagged_in_sources(data_copy: Path, tmp_path: Path, capsys):
    from coalition_tui.cli import main

    wire = (
        "PARIS - Leaders of about thirty countries met in Paris on Tuesday to plan a reassurance force.\n"
        "Norway and Sweden said they were ready to send troops to Ukraine once a ceasefire is agreed.\n"
        "Finland will fund new air defence systems for Kyiv, its president told reporters after the talks.\n"
        "Hungary reiterated its refusal to send soldiers, a spokesman for the government said on Tuesday.\n"
    )
    (tmp_path / "first.txt").write_text(wire, encoding="utf-8")
    (tmp_path / "second.txt").write_text("Republished by a second outlet for its own readers this week.\n" + wire)
    for name, outlet in (("first.txt", "Wire One"), ("second.txt", "Wire Two")):
        assert main(["ingest", "--data", str(data_copy), "--summit", PARIS_2026, "--outlet", outlet,
                     str(tmp_path / name)]) == 0  # fmt: skip
    capsys.readouterr()
    assert main(["sources", "--data", str(data_copy)]) == 0
    listed = capsys.readouterr().out
    assert "first: Wire One · undated · PARIS - Leaders of about thirty" in listed
    assert "· same story as second\n" in listed and "· same story as first\n" in listed
    app = make_app(data_copy, blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("4")
        await pilot.pause()
        sources = app.screen
        await sources.open_record(app.corpus.by_source["second"][0].id)
        await app.workers.wait_for_complete()
        await pilot.pause()
        title = words(sources.query_one("#source-title", Static))
        assert "same story as Wire One · undated · PARIS - Leaders of about thirty" in title
