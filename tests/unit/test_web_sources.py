"""Sources you can cite (issue 25): articles added by URL, saved page or PDF with their outlet, date,
headline, author, canonical URL and language; the kept text without furniture and the original bytes
beside it; hostile answers end in one line with nothing written; metadata corrected in place; links
checked; every quote citable in one line."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
from web_pages import FURNITURE, STATEMENT_PDF, Site, serving

from coalition_tui.actions import fetch as fetching
from coalition_tui.actions.documents import DocumentError, from_pdf
from coalition_tui.cli import main
from coalition_tui.store.loader import load_corpus


@pytest.fixture(scope="module")
def site() -> Iterator[Site]:
    with serving() as running:
        yield running


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def cli(*args: str) -> int:
    return main(list(args))


def test_a_url_is_added_with_its_metadata_and_the_text_without_furniture(site: Site, data_copy: Path, capsys):
    assert cli("ingest", "--data", str(data_copy), site.url("/world/nordic-pledge")) == 0
    assert "added as nordic-pledge" in capsys.readouterr().out
    corpus = load_corpus(data_copy)
    assert [str(p) for p in corpus.problems] == []
    source = corpus.sources["nordic-pledge"]
    assert source.headline == "Nordic leaders pledge a place in the reassurance force"
    assert source.outlet == "The Harbour Ledger" and source.author == "Ada Lindqvist"
    assert source.published == dt.date(2026, 1, 7) and source.language == "en-gb"
    assert source.url == "https://harbour-ledger.example/world/nordic-pledge"  # the canonical address
    assert source.summit == "2026-01-06-paris"  # the page's date anchors the guess: not asked
    kept = (data_copy / source.file).read_text(encoding="utf-8")
    assert "Norway and Sweden said on Tuesday" in kept
    assert not [f for f in FURNITURE if f in kept]
    original = (data_copy / source.original).read_bytes()
    assert source.original.endswith(".html") and b"SPECIAL OFFER" in original
    assert source.original_sha256 == hashlib.sha256(original).hexdigest()
    assert source.sha256 == hashlib.sha256(kept.encode("utf-8")).hexdigest()
    records = corpus.by_source["nordic-pledge"]
    assert {("NOR", "troops_in_ukraine", "willing"), ("HUN", "troops_in_ukraine", "declined")} <= {
        (r.country, r.kind.value, r.stance.value) for r in records
    }
    assert all(kept[r.start : r.end] == r.quote for r in records)  # offsets point at the kept text


def test_a_pdf_by_url_keeps_its_text_and_title(site: Site, data_copy: Path):
    assert cli("ingest", "--data", str(data_copy), "--outlet", "Ministry of Defence", site.url("/statement.pdf")) == 0
    source = load_corpus(data_copy).sources["statement"]
    assert source.headline == "Statement on the reassurance force" and source.author == "Ministry Press Office"
    assert source.outlet == "Ministry of Defence" and source.published == dt.date(2026, 1, 6)
    assert (data_copy / source.original).read_bytes() == STATEMENT_PDF
    assert "Portugal will send naval vessels" in (data_copy / source.file).read_text(encoding="utf-8")


def test_a_saved_page_and_a_pdf_file_are_read_like_the_url(site: Site, data_copy: Path, tmp_path: Path):
    from web_pages import ARTICLE_HTML

    page, pdf = tmp_path / "saved page.html", tmp_path / "statement.pdf"
    page.write_text(ARTICLE_HTML, encoding="utf-8")
    pdf.write_bytes(STATEMENT_PDF)
    assert cli("ingest", "--data", str(data_copy), str(page), str(pdf)) == 0
    sources = load_corpus(data_copy).sources
    assert sources["saved-page"].outlet == "The Harbour Ledger"
    assert sources["statement"].headline == "Statement on the reassurance force"


def test_the_same_page_twice_is_refused_naming_the_source(site: Site, data_copy: Path, capsys):
    assert cli("ingest", "--data", str(data_copy), site.url("/world/nordic-pledge")) == 0
    before = tree(data_copy)
    capsys.readouterr()
    assert cli("ingest", "--data", str(data_copy), site.url("/moved")) == 0  # a redirect to the same page
    assert "already in the corpus as nordic-pledge; nothing changed" in capsys.readouterr().out
    assert tree(data_copy) == before


@pytest.mark.parametrize(
    ("path", "said"),
    [
        ("/huge", "over the limit"),
        ("/huge-unannounced", "stopped reading"),
        ("/slow", "time limit"),
        ("/loop", "too many redirects"),
        ("/image", "sends image/png, not a web page"),
        ("/to-file", "not an http(s) address"),
        ("/missing", "answered 404"),
    ],
)
def test_hostile_answers_end_in_one_line_and_write_nothing(
    site: Site, data_copy: Path, capsys, monkeypatch, path: str, said: str
):
    monkeypatch.setattr(fetching, "TIME_LIMIT", 1.5)
    monkeypatch.setattr(fetching, "MAX_ORIGINAL_BYTES", 2 * 1024 * 1024)
    before = tree(data_copy)
    assert cli("ingest", "--data", str(data_copy), site.url(path)) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and site.url(path) in err[0] and said in err[0], err
    assert tree(data_copy) == before


def test_a_hostile_page_runs_nothing_and_its_markup_stays_text(site: Site, data_copy: Path):
    assert cli("ingest", "--data", str(data_copy), site.url("/hostile")) == 0
    source = load_corpus(data_copy).sources["hostile"]
    assert source.url == site.url("/hostile")  # a javascript: address is never kept
    assert "[bold red]Leaders[/]" in source.headline  # kept as the words it is, shown inert
    kept = (data_copy / source.file).read_text(encoding="utf-8")
    assert "alert(" not in kept and "Estonia said on Tuesday" in kept


def test_a_broken_pdf_is_one_line():
    with pytest.raises(DocumentError, match="not a readable PDF"):
        from_pdf(b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 9 0 R >>\nendobj\ntrailer\n<<>>\n%%EOF\n")


def test_metadata_is_corrected_in_place_with_the_files_comments_kept(data_copy: Path, capsys):
    path = data_copy / "sources.toml"
    assert cli("sources", "edit", "--data", str(data_copy), "000", "--outlet", "The Guardian", "--url",
               "https://www.theguardian.com/x", "--published", "2025-03-28") == 0  # fmt: skip
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Articles in the corpus.")  # comments kept
    source = load_corpus(data_copy).sources["000_52fd44cbc1a803ce"]
    assert (source.outlet, source.url, source.published) == (
        "The Guardian",
        "https://www.theguardian.com/x",
        dt.date(2025, 3, 28),
    )
    before = path.read_bytes()
    capsys.readouterr()
    assert cli("sources", "edit", "--data", str(data_copy), "000", "--url", "javascript:alert(1)") == 2
    assert "url" in capsys.readouterr().err and path.read_bytes() == before


def test_records_cite_gives_the_quote_with_outlet_headline_date_and_url(site: Site, data_copy: Path, capsys):
    assert cli("ingest", "--data", str(data_copy), site.url("/world/nordic-pledge")) == 0
    capsys.readouterr()
    assert cli("records", "--data", str(data_copy), "--source", "nordic-pledge", "--country", "Hungary", "--cite") == 0
    line = capsys.readouterr().out.strip()
    assert line.startswith("\u201c") and line.endswith(
        "\u201d \u2014 The Harbour Ledger, \u201cNordic leaders pledge a place in the reassurance force\u201d, "
        "7 Jan 2026, https://harbour-ledger.example/world/nordic-pledge"
    )
    assert cli("records", "--data", str(data_copy), "--source", "nordic-pledge", "--json") == 0
    first = json.loads(capsys.readouterr().out.splitlines()[0])
    assert first["cited"]["outlet"] == "The Harbour Ledger" and first["cited"]["published"] == "2026-01-07"


def test_sources_check_reports_pages_that_changed_or_went_and_changes_nothing(site: Site, data_copy: Path, capsys):
    assert cli("ingest", "--data", str(data_copy), site.url("/statement.pdf")) == 0
    assert cli("ingest", "--data", str(data_copy), site.url("/hostile")) == 0
    before = tree(data_copy)
    capsys.readouterr()
    assert cli("sources", "check", "--data", str(data_copy)) == 0
    out = capsys.readouterr().out
    assert "statement: " in out and "answers with the page that was kept" in out
    routes = dict(site.routes)
    try:
        site.routes["/statement.pdf"] = routes["/hostile"]  # the page changed
        del site.routes["/hostile"]  # the page went
        assert cli("sources", "check", "--data", str(data_copy), "--json") == 1
        found = {d["source"]: d["state"] for d in map(json.loads, capsys.readouterr().out.splitlines())}
    finally:
        site.routes.clear()
        site.routes.update(routes)
    assert found == {"statement": "changed", "hostile": "gone"}
    assert tree(data_copy) == before


def test_a_registered_original_cannot_name_a_path_outside_the_folder(data_copy: Path):
    path = data_copy / "sources.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace('note = "Descriptive title', 'original = "../../etc/passwd"\nnote = "Descriptive title', 1)
    )
    problems = [str(p) for p in load_corpus(data_copy).problems]
    assert any("original" in p and "inside the data folder" in p for p in problems), problems
    assert tomllib.loads(path.read_text(encoding="utf-8"))  # the file itself stays readable


def test_a_wire_story_republished_by_two_outlets_is_flagged_as_the_same_story():
    from coalition_tui.analysis.same_story import same_stories

    wire = [
        "PARIS (Wire) - Leaders of about thirty countries met in Paris on Tuesday to plan a reassurance force.",
        "Norway and Sweden said they were ready to send troops to Ukraine once a ceasefire is agreed.",
        "Finland will fund new air defence systems for Kyiv, its president told reporters after the talks.",
        "Hungary reiterated its refusal to send soldiers, a spokesman for the government said on Tuesday.",
    ]
    a = "\n".join(wire)
    b = "Our own introduction, written by the second outlet for its readers at home today.\n" + "\n".join(
        s.upper() if i == 1 else s
        for i, s in enumerate(wire)  # another case, the same sentence
    )
    other = "A different story entirely about trains and ferries and the long winter in the north of Europe."
    found = same_stories({"a": a, "b": b, "c": other})
    assert [s for s, _share in found["a"]] == ["b"] and [s for s, _share in found["b"]] == ["a"]
    assert "c" not in found


def test_an_export_carries_the_citation_and_an_import_keeps_it_without_the_original(
    site: Site, data_copy: Path, tmp_path: Path
):
    assert cli("ingest", "--data", str(data_copy), site.url("/world/nordic-pledge")) == 0
    out = tmp_path / "export.toml"
    assert cli("export", "--data", str(data_copy), "--source", "nordic-pledge", "-o", str(out)) == 0
    table = tomllib.loads(out.read_text(encoding="utf-8"))["sources"]["nordic-pledge"]
    assert table["outlet"] == "The Harbour Ledger" and table["url"].startswith("https://harbour-ledger.example/")
    assert table["published"] == dt.date(2026, 1, 7) and table["author"] == "Ada Lindqvist"
    other = tmp_path / "other"
    import shutil

    shutil.copytree(Path(__file__).parents[2] / "data", other)
    articles = tmp_path / "texts"
    articles.mkdir()
    shutil.copy(data_copy / "articles" / "nordic-pledge.txt", articles / "nordic-pledge.txt")
    assert cli("import", "--data", str(other), str(out), "--articles", str(articles)) == 0
    imported = load_corpus(other).sources["nordic-pledge"]
    assert (imported.outlet, imported.url, imported.original) == (
        "The Harbour Ledger",
        "https://harbour-ledger.example/world/nordic-pledge",
        "",
    )
