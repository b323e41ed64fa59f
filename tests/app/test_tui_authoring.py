"""The analyst completes and corrects the corpus in the app (issue 16): a record from the text, an
existing record's quote and meeting fixed, a meeting added, u undoing the last change."""

from __future__ import annotations

import tomllib
from pathlib import Path

from conftest import loaded, painted, pilot_test, shown
from textual.widgets import DataTable, Input, Select, Static

from coalition_tui.actions import authoring, review
from coalition_tui.store.loader import load_corpus
from coalition_tui.store.model import Kind, Stance
from coalition_tui.tui import make_app, render
from coalition_tui.tui.meeting_form import MeetingForm
from coalition_tui.tui.record_form import RecordForm

SOURCE = "002_b0bf7805ac2993a0"  # the first article in the Sources list (by date)


def records_file(data: Path) -> list[dict]:
    return tomllib.loads((data / "commitments" / f"{SOURCE}.toml").read_text(encoding="utf-8"))["commitment"]


@pilot_test
async def test_a_record_from_a_sentence_of_the_article_is_saved_curated_with_its_offsets(data_copy: Path):
    before = len(records_file(data_copy))
    app = make_app(data_copy, blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("4", "tab", "tab", "down", "down", "down")
        await pilot.pause()
        assert painted(app, render.SENTENCE_STYLE).startswith("Around two dozen leaders participated")
        text = app.corpus.texts[SOURCE]
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, RecordForm)
        assert painted(app, render.SPAN_STYLE).startswith(
            "Around two dozen leaders participated"
        )  # the sentence, highlighted
        await pilot.press("shift+right", "shift+right", "right")  # two words more at the end, one less at the start
        await pilot.pause()
        quote = painted(app, render.SPAN_STYLE)
        assert quote.startswith("two dozen leaders") and quote.endswith("However, the")
        await pilot.press("shift+left")
        await pilot.pause()
        assert painted(app, render.SPAN_STYLE).endswith("General. However,")
        await pilot.press("tab", *"Belgum")  # a typo, resolved as typed
        await pilot.pause()
        assert "Belgium" in str(form.query_one("#record-country-match").render())
        form.query_one("#record-kind", Select).value = Kind.LOGISTICS
        form.query_one("#record-stance", Select).value = Stance.WILLING
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, RecordForm)
        tables = records_file(data_copy)
        assert len(tables) == before + 1
        new = tables[-1]
        assert (new["country"], new["kind"], new["stance"], new["origin"]) == ("BEL", "logistics", "willing", "curated")
        assert text[new["start"] : new["end"]] == new["quote"] and new["quote"].endswith("General. However,")
        assert new["summit"] == "2025-03-15-virtual"
        fresh = load_corpus(data_copy)
        assert not fresh.problems and fresh.record(new["id"]) is not None
        assert any(r.id == new["id"] for r in app.corpus.by_source[SOURCE])  # shown at once, no reload

        await pilot.press("u")  # undo: the table is gone from the file and the record from the app
        await pilot.pause()
        assert len(records_file(data_copy)) == before
        assert app.corpus.record(new["id"]) is None
        assert not load_corpus(data_copy).problems


@pilot_test
async def test_e_in_sources_fixes_a_records_quote_span_and_meeting_then_u_restores_it(data_copy: Path):
    app = make_app(data_copy, blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("4", "tab")  # the article's records
        await pilot.pause()
        current = painted(app, render.CURRENT_STYLE)  # the current record's quote, reversed in the text
        (original,) = [r for r in app.corpus.by_source[SOURCE] if " ".join(r.quote.split()) in current]
        await pilot.press("E")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, RecordForm)
        assert painted(app, render.SPAN_STYLE) == " ".join(original.quote.split())  # the form edits that record
        await pilot.press("shift+left", "shift+left")  # two words fewer at the end
        form.query_one("#record-meeting", Select).value = "2025-03-27-paris"
        await pilot.press("ctrl+s")
        await pilot.pause()
        table = next(t for t in records_file(data_copy) if t["id"] == original.id)
        text = app.corpus.texts[SOURCE]
        assert table["summit"] == "2025-03-27-paris"
        assert len(table["quote"]) < len(original.quote) and original.quote.startswith(table["quote"])
        assert text[table["start"] : table["end"]] == table["quote"]
        assert not load_corpus(data_copy).problems

        await pilot.press("u")
        await pilot.pause()
        restored = load_corpus(data_copy).record(original.id)
        assert restored is not None and restored.values() == original.values()


@pilot_test
async def test_u_undoes_a_review_decision(review_data: Path):
    app = make_app(review_data, blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("7")
        await pilot.pause()
        first = review.queue(load_corpus(review_data))[0]
        head = _detail(app)
        assert first.unreviewed and _words(first.quote) in head  # the head of the queue, shown
        await pilot.press("a")
        await pilot.pause()
        assert not load_corpus(review_data).record(first.id).unreviewed
        assert _detail(app) != head  # the next record is shown
        await pilot.press("u")
        await pilot.pause()
        assert load_corpus(review_data).record(first.id).values() == first.values()
        assert _detail(app) == head  # back at the head of the queue
        await pilot.press("u")
        await pilot.pause()  # nothing left to undo: a notice, nothing changes
        assert load_corpus(review_data).record(first.id).values() == first.values()


@pilot_test
async def test_n_in_summits_adds_a_meeting_from_the_form(data_copy: Path):
    app = make_app(data_copy, blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("3", "n")
        await pilot.pause()
        assert isinstance(app.screen, MeetingForm)
        await pilot.press(*"2026-02-12", "tab", *"Rome", "tab", "tab", "tab", *"Meloni, Starmer")
        await pilot.pause()
        assert "Giorgia Meloni, Keir Starmer" in str(app.screen.query_one("#meeting-hosts-match").render())
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, MeetingForm)
        summits = tomllib.loads((data_copy / "summits.toml").read_text(encoding="utf-8"))
        assert summits["2026-02-12-rome"]["hosts"] == ["giorgia-meloni", "keir-starmer"]
        assert "2025-03-27-paris" in summits  # the rest is kept
        rows = app.screen.query_one("#summits").get_row("2026-02-12-rome")
        assert "Rome" in str(rows[1])
        assert not load_corpus(data_copy).problems


@pilot_test
async def test_a_new_meeting_from_the_record_form(data_copy: Path):
    app = make_app(data_copy, blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("4", "tab", "tab", "down", "n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, RecordForm)
        form.query_one("#record-meeting", Select).value = "+new"
        await pilot.pause()
        assert isinstance(app.screen, MeetingForm)
        await pilot.press("ctrl+a", "ctrl+k", *"2025-03-16", "tab", *"Online")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert form.query_one("#record-meeting", Select).value == "2025-03-16-online"


def test_move_span_keeps_words_whole_and_inside_the_paragraph():
    text = "First paragraph here.\nOne two three four.\nLast one."
    start = text.index("two")
    end = text.index("three") + len("three")
    assert authoring.move_span(text, start, end, "start", -1) == (text.index("One"), end)
    assert authoring.move_span(text, start, end, "start", -5) == (text.index("One"), end)  # not into the line above
    assert authoring.move_span(text, start, end, "end", 1) == (start, text.index("four.") + 5)
    assert authoring.move_span(text, start, end, "end", -1) == (start, start + 3)
    assert authoring.move_span(text, start, start + 3, "end", -1) == (start, start + 3)  # never empty


@pilot_test
async def test_add_articles_with_a_meeting_the_corpus_lacked(data_copy: Path, tmp_path: Path):
    from coalition_tui.tui.add import AddArticlesScreen

    article = tmp_path / "helsinki.txt"
    article.write_text("Finland pledged to send engineers to Ukraine, its prime minister said.\n", encoding="utf-8")
    app = make_app(data_copy, blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("plus")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, AddArticlesScreen)
        dialog.query_one("#add-summit", Select).value = "+new"
        await pilot.pause()
        assert isinstance(app.screen, MeetingForm)
        await pilot.press(*"2026-03-02", "tab", *"Helsinki", "enter")
        await pilot.pause()
        assert app.screen is dialog and dialog.query_one("#add-summit", Select).value == "2026-03-02-helsinki"
        dialog.query_one("#add-path").focus()
        await pilot.press(*str(article), "enter")  # read first: what was found is shown to correct
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert dialog.query_one("#cite-headline", Input).value.startswith("Finland pledged to send engineers")
        assert dialog.query_one("#add-summit", Select).value == "2026-03-02-helsinki"  # the user's choice kept
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "1 article(s) added" in str(dialog.query_one("#add-status").render())
    fresh = load_corpus(data_copy)
    assert not fresh.problems
    assert [s.summit for s in fresh.sources.values() if s.file.endswith("helsinki.txt")] == ["2026-03-02-helsinki"]


def _words(text: str) -> str:
    return " ".join(text.split())


def _detail(app) -> str:
    """The words of Review's detail pane (the record under the cursor)."""
    return _words(str(app.screen.query_one("#review-detail", Static).render()))


def listed_names(app) -> list[str]:
    """The names in the Names list, as its first column shows them."""
    table = app.screen.query_one("#names", DataTable)
    return [str(table.get_row_at(i)[0]) for i in range(table.row_count)]


async def _names_ready(pilot) -> None:
    await pilot.press("5")
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@pilot_test
async def test_names_adds_a_person_the_gazetteer_lacked_and_uses_it_at_once(unknown_names_data: Path):
    from coalition_tui.tui.name_form import PersonForm

    data = unknown_names_data
    app = make_app(data, blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await _names_ready(pilot)
        await pilot.press("x")  # only the names the gazetteer lacks
        await pilot.pause()
        assert listed_names(app) == ["Andris Ozolkalns", "Hanno Pevkurr"]
        await pilot.press("p")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, PersonForm)
        assert "Latvia" in str(form.query_one("#person-country-match").render())  # from the title's country
        form.query_one("#person-role").value = "Defence Minister"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, PersonForm)
        people = tomllib.loads((data / "gazetteer" / "people.toml").read_text(encoding="utf-8"))
        assert people["andris-ozolkalns"] == {
            "name": "Andris Ozolkalns",
            "country": "LVA",
            "roles": [{"title": "Defence Minister", "of": "LVA"}],
        }
        assert "keir-starmer" in people  # the rest of the file kept
        assert app.corpus.resolver.resolve("Andris Ozolkalns").entity == "andris-ozolkalns"  # used at once
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "1 article(s) mention “Andris Ozolkalns”. Extract them again" in shown(app)
        await pilot.press("n")  # not now
        await pilot.pause()
        assert listed_names(app) == ["Hanno Pevkurr"]  # no longer a name it lacks
    fresh = load_corpus(data)
    assert not fresh.problems and fresh.resolver.resolve("Ozolkalns").entity == "andris-ozolkalns"


@pilot_test
async def test_names_maps_a_name_to_an_entity_as_an_alias(unknown_names_data: Path):
    from coalition_tui.tui.name_form import AliasForm

    data = unknown_names_data
    app = make_app(data, blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await _names_ready(pilot)
        await pilot.press("x", "j", "m")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, AliasForm) and form.written == "Hanno Pevkurr"
        await pilot.press(*"Estonia")  # he speaks for his country
        await pilot.pause()
        assert "Estonia" in str(form.query_one("#alias-entity-match").render())
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, AliasForm)
    aliases = tomllib.loads((data / "gazetteer" / "aliases.toml").read_text(encoding="utf-8"))
    assert aliases == {"Hanno Pevkurr": "EST"}
    fresh = load_corpus(data)
    assert not fresh.problems and fresh.resolver.resolve("Hanno Pevkurr").entity == "EST"


@pilot_test
async def test_overview_shows_the_ministers_and_chiefs_meetings_on_l(data_copy: Path):
    from coalition_tui.cli import main

    extra = data_copy / "commitments" / "zz_chiefs.toml"
    extra.write_text(
        f'[[commitment]]\nid = "chiefs-1"\ncountry = "CAN"\nsummit = "2025-03-20-northwood"\nsource = "{SOURCE}"\n'
        'kind = "participation"\nstance = "committed"\nquote = "Around two dozen leaders participated"\n',
        encoding="utf-8",
    )
    app = make_app(data_copy, blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        table = app.screen.query_one("#matrix")
        leaders_only = [str(c.label) for c in table.columns.values()]
        assert not any("Northwood" in c and "20 Mar" in c for c in leaders_only)
        await pilot.press("L")
        await pilot.pause()
        every = [str(c.label) for c in app.screen.query_one("#matrix").columns.values()]
        assert any(c == "20 Mar 2025\nNorthwood (chiefs)" for c in every)
        await pilot.press("L")
        await pilot.pause()
        assert [str(c.label) for c in app.screen.query_one("#matrix").columns.values()] == leaders_only
    assert main(["summary", "--all-levels", "--data", str(data_copy)]) == 0


@pilot_test
async def test_the_record_form_warns_when_the_person_cannot_speak_for_the_country(data_copy: Path):
    """Item 7 of issue 23: Macron on a Germany record was saved without a word."""
    before = len(records_file(data_copy))
    app = make_app(data_copy, blink=False)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await loaded(pilot)
        await pilot.press("4", "tab", "tab", "down", "down", "down", "n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, RecordForm)
        await pilot.press("tab", *"Germany", "tab", *"Macron")
        await pilot.pause()
        form.query_one("#record-kind", Select).value = Kind.LOGISTICS
        form.query_one("#record-stance", Select).value = Stance.WILLING
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, RecordForm) and len(records_file(data_copy)) == before  # not saved yet
        assert "office-holder of Germany, nor a co-chair" in " ".join(shown(app).replace("▌", " ").split())
        await pilot.press("ctrl+s")  # the analyst is sure: saved as it is
        await pilot.pause()
        assert not isinstance(app.screen, RecordForm) and len(records_file(data_copy)) == before + 1
