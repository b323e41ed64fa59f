"""Sharing with people who do not use a terminal (issue 27): the report page opened in a real headless
browser (Chromium), a hostile article that must run nothing in it, CSV for spreadsheets, and the app
served to a browser with textual-serve."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from browser import chromium, drawn, frames, free_port, until_drawn, wait_for_port
from conftest import DATA
from hypothesis import given
from hypothesis import strategies as st

from coalition_tui.analysis.report import report_html
from coalition_tui.analysis.tables import CSV_COLUMNS, csv_row, neutral, records_csv
from coalition_tui.cli import main
from coalition_tui.store.loader import load_corpus

URL = "https://www.example.org/news/starmer-in-paris"


def run(*args: str) -> int:
    return main(list(args))


@pytest.fixture
def cited(data_copy: Path) -> Path:
    """The bundled corpus with seed 000 given an outlet and a link."""
    assert run("sources", "--data", str(data_copy), "edit", "000", "--outlet", "Example Wire", "--url", URL) == 0
    return data_copy


def test_the_report_page_in_a_browser_shows_the_matrix_and_each_cell_opens_to_its_records(cited: Path, tmp_path):
    from selenium.webdriver.common.by import By

    page = tmp_path / "report.html"
    assert run("report", "--data", str(cited), "-o", str(page)) == 0
    with chromium() as driver:
        driver.get(page.as_uri())
        assert driver.title == "Coalition of the willing: who committed what"
        cell = driver.find_element(By.CSS_SELECTOR, 'td.cell[data-country="GBR"][data-summit="2025-03-27-paris"]')
        assert cell.text == "● commit"
        russia = driver.find_element(By.CSS_SELECTOR, 'td.cell[data-country="RUS"][data-summit="2025-03-27-paris"]')
        assert russia.text == "⊘ opposed"
        assert "filters: none (every record)" in driver.find_element(By.ID, "filters").text
        cell.find_element(By.TAG_NAME, "a").click()
        assert driver.current_url.endswith("#r-GBR-2025-03-27-paris")
        section = driver.find_element(By.ID, "r-GBR-2025-03-27-paris")
        assert section.is_displayed() and "United Kingdom at Paris, 27 Mar 2025" in section.text
        links = [a.get_attribute("href") for a in section.find_elements(By.CSS_SELECTOR, ".src a")]
        assert URL in links  # the record's source: outlet · date · headline · link
        assert "Example Wire · 27 Mar 2025" in section.text
        timeline = driver.find_element(By.ID, "t-GBR")
        assert timeline.text == "United Kingdom"
        shot = tmp_path / "report.png"
        driver.save_screenshot(str(shot))
        assert shot.stat().st_size > 10_000


HOSTILE = (
    "Paris, 6 January 2026.\n\n"
    "France will send troops to Ukraine <script>document.title='pwned'</script> after a ceasefire.\n\n"
    "<img src=x onerror=\"document.title='pwned'\"> Poland declined to send troops.\n"
)


def test_a_hostile_article_runs_nothing_in_the_report(data_copy: Path, tmp_path):
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.by import By

    article = tmp_path / "hostile.txt"
    article.write_text(HOSTILE, encoding="utf-8")
    headline = "<b onmouseover=\"document.title='pwned'\">Leaders</b> <script>alert(1)</script>"
    assert run("ingest", "--data", str(data_copy), str(article), "--summit", "2026-01-06-paris",
               "--headline", headline, "--outlet", "<i>Wire</i>") == 0  # fmt: skip
    page = tmp_path / "report.html"
    assert run("report", "--data", str(data_copy), "--source", "hostile", "-o", str(page)) == 0
    with chromium() as driver:
        driver.get(page.as_uri())
        assert driver.title == "Coalition of the willing: who committed what"  # no script changed it
        with pytest.raises(NoAlertPresentException):
            driver.switch_to.alert.text  # noqa: B018
        for selector in ("script", "img", "b", "i", "[onerror]", "[onmouseover]", '[href^="javascript"]'):
            assert driver.find_elements(By.CSS_SELECTOR, selector) == [], selector
        text = driver.find_element(By.TAG_NAME, "body").text
        assert "<script>document.title='pwned'</script>" in text  # shown as the article's words
        assert "<i>Wire</i>" in text and "<b onmouseover=" in text


def test_a_javascript_link_is_shown_but_never_a_link(data_copy: Path):
    corpus = load_corpus(data_copy)
    source = next(s for s in corpus.sources.values() if s.id.startswith("000"))
    corpus.sources[source.id] = source.model_copy(update={"url": "javascript:alert(document.cookie)"})
    page = report_html(corpus, corpus.records)
    assert 'href="javascript' not in page.lower() and "javascript:alert(document.cookie)" in page
    assert "<script" not in page.lower()


def test_csv_export_round_trips_and_formula_cells_are_neutralised(data_copy: Path, tmp_path):
    source = next(p.stem for p in (data_copy / "articles").glob("000*.txt"))
    (data_copy / "commitments" / "zz_formula.toml").write_text(
        f'[[commitment]]\nid = "formula-1"\ncountry = "FRA"\nsource = "{source}"\nkind = "participation"\n'
        'stance = "committed"\nquote = "Sir Keir Starmer is in Paris"\nnote = "=HYPERLINK(\\"https://x\\")"\n'
        'person = "Emmanuel Macron"\n',
        encoding="utf-8",
    )
    path = tmp_path / "records.csv"
    assert run("export", "--data", str(data_copy), "-o", str(path)) == 0
    corpus = load_corpus(data_copy)
    assert not corpus.problems
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == list(CSV_COLUMNS)
    by_id = {r.id: r for r in corpus.records}
    assert len(rows) == len(corpus.records)
    neutralised = 0
    for row in rows:
        expected = csv_row(corpus, by_id[row["id"]])
        for column, value in row.items():
            if expected[column].startswith(("=", "+", "-", "@")):
                neutralised += 1
                assert value == "'" + expected[column]
            else:
                assert value == expected[column]
    assert neutralised == 1  # the note that a spreadsheet would have run
    assert any(row["url"] or row["headline"] for row in rows)


@given(st.text(max_size=40))
def test_any_cell_round_trips_through_the_csv_module_neutralised(cell: str):
    corpus = load_corpus(DATA)
    record = corpus.records[0]
    from dataclasses import replace

    text = records_csv(corpus, [replace(record, note=cell)])
    (row,) = csv.DictReader(io.StringIO(text, newline=""))
    assert row["note"] == neutral(cell)
    assert not row["note"].startswith(("=", "+", "-", "@", "\t", "\r"))


@pytest.fixture
def served(review_data: Path):
    """``coalition-tui serve`` on a free loopback port; ``start(read_only)`` gives its URL."""
    started: list[subprocess.Popen] = []

    def start(read_only: bool = False) -> str:
        port = free_port()
        command = [sys.executable, "-m", "coalition_tui", "serve", "--data", str(review_data), "--port", str(port)]
        process = subprocess.Popen([*command, *(["--read-only"] if read_only else [])], stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL, env=os.environ.copy())  # fmt: skip
        started.append(process)
        wait_for_port(port)
        return f"http://127.0.0.1:{port}/"

    yield start
    for process in started:
        process.terminate()
        process.wait(10)


def test_the_app_served_to_a_browser_shows_the_overview_and_answers_keys(served, review_data: Path):
    from selenium.webdriver.common.by import By

    with chromium(1280, 900) as driver:
        driver.get(served())
        until_drawn(driver, "Overview", seconds=60)
        until_drawn(driver, "United Kingdom")
        before = frames(driver)
        driver.find_element(By.CSS_SELECTOR, "textarea.xterm-helper-textarea").send_keys("2")
        assert "Enter browses them" not in drawn(driver)  # the Countries view's own words: not there before
        until_drawn(driver, "Enter browses them", since=before)


def test_served_read_only_refuses_a_review_decision(served, review_data: Path):
    from selenium.webdriver.common.by import By

    from coalition_tui.actions import review

    queued = len(review.queue(load_corpus(review_data)))
    with chromium(1280, 900) as driver:
        driver.get(served(read_only=True))
        until_drawn(driver, "Overview", seconds=60)
        keys = driver.find_element(By.CSS_SELECTOR, "textarea.xterm-helper-textarea")
        keys.send_keys("7")
        until_drawn(driver, "left to review")
        before = frames(driver)
        keys.send_keys("a")
        until_drawn(driver, "read-only", since=before)
    assert len(review.queue(load_corpus(review_data))) == queued  # nothing was written


def test_the_app_writes_the_report_page_and_exports_by_extension(data_copy: Path, tmp_path):
    import asyncio

    from conftest import loaded

    from coalition_tui.tui import make_app
    from coalition_tui.tui.dialogs import ExportScreen

    page, table = tmp_path / "page.html", tmp_path / "rows.csv"

    async def flow() -> None:
        app = make_app(data_copy, blink=False)
        async with app.run_test(size=(120, 40), notifications=True) as pilot:
            await loaded(pilot)
            await pilot.press("H")  # nothing selected: the report covers every record
            await pilot.pause()
            assert isinstance(app.screen, ExportScreen) and "as one HTML page" in str(app.screen.say)
            app.screen.query_one("#export-path").value = str(page)
            await pilot.press("enter")
            await app.workers.wait_for_complete()
            await pilot.pause()
            await pilot.press("space", "e")  # the cell under the cursor, exported as CSV by the name
            await pilot.pause()
            app.screen.query_one("#export-path").value = str(table)
            await pilot.press("enter")
            await app.workers.wait_for_complete()
            await pilot.pause()

    asyncio.run(flow())
    assert '<table class="matrix">' in page.read_text(encoding="utf-8")
    rows = list(csv.DictReader(table.open(encoding="utf-8", newline="")))
    assert rows and list(rows[0]) == list(CSV_COLUMNS) and rows[0]["country"] == "United Kingdom"


def test_a_report_made_in_the_served_app_reaches_the_browser_as_a_download(served, tmp_path):
    import time

    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    downloads = tmp_path / "downloads"
    downloads.mkdir()
    with chromium(1280, 900) as driver:
        driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
        driver.get(served())
        until_drawn(driver, "Overview", seconds=60)
        keys = driver.find_element(By.CSS_SELECTOR, "textarea.xterm-helper-textarea")
        before = frames(driver)
        keys.send_keys("H")
        until_drawn(driver, "Report page", since=before)
        keys.send_keys(Keys.ENTER)  # the name offered: nothing is written on the server
        deadline = time.monotonic() + 30
        pages: list[Path] = []
        while time.monotonic() < deadline and not pages:
            pages = [p for p in downloads.iterdir() if p.suffix == ".html"]
            time.sleep(0.2)
    assert pages, "no download reached the browser"
    assert '<table class="matrix">' in pages[0].read_text(encoding="utf-8")
