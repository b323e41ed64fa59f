"""Ingest and extract from the command line: good articles land whole, bad input writes nothing."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from conftest import ARTICLES, ingest_one

from coalition_tui.cli import main
from coalition_tui.store.loader import MAX_ARTICLE_BYTES, load_corpus
from coalition_tui.store.model import Origin

ARTICLES = ARTICLES


def tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def ingest(data: Path, *args: str) -> int:
    return main(["ingest", "--data", str(data), *args])


def test_ingest_adds_article_source_and_loadable_candidates(data_copy: Path, capsys):
    assert ingest(data_copy, str(ARTICLES / "pacific.txt"), "--summit", "2025-03-15", "--outlet", "Test Wire") == 0
    out = capsys.readouterr().out
    assert "added as pacific" in out and "candidate record(s) for 2025-03-15-virtual" in out
    corpus = load_corpus(data_copy)
    assert [str(p) for p in corpus.problems] == []
    source = corpus.sources["pacific"]
    assert source.outlet == "Test Wire" and source.summit == "2025-03-15-virtual"
    assert (data_copy / "articles" / "pacific.txt").read_bytes() == (ARTICLES / "pacific.txt").read_bytes()
    records = corpus.by_source["pacific"]
    assert records and all(r.origin is Origin.EXTRACTED and 0 < r.confidence <= 1 for r in records)
    assert ("JPN", "troops_in_ukraine", "declined") in {(r.country, r.kind, r.stance) for r in records}
    assert "# coalition" not in (data_copy / "sources.toml").read_text(encoding="utf-8")[:10]  # comments kept
    assert (data_copy / "sources.toml").read_text(encoding="utf-8").startswith("# Articles in the corpus.")


def test_the_same_file_twice_changes_nothing(data_copy: Path, tmp_path: Path, capsys):
    assert ingest(data_copy, str(ARTICLES / "london.txt"), "--summit", "2025-03-02-london") == 0
    before = tree(data_copy)
    copy = tmp_path / "renamed.txt"
    copy.write_bytes((ARTICLES / "london.txt").read_bytes())
    assert ingest(data_copy, str(copy), "--summit", "2025-03-02-london") == 0
    assert "already in the corpus as london; nothing changed" in capsys.readouterr().out
    assert tree(data_copy) == before


def test_summit_is_guessed_from_the_text_and_an_undated_guess_asks(data_copy: Path, capsys):
    vague = data_copy.parent / "vague.txt"
    vague.write_text("Leaders met in Paris, and Belgium said it would send troops.", encoding="utf-8")
    assert ingest(data_copy, str(vague)) == 1  # "Paris" alone fits three meetings
    capsys.readouterr()
    # "the Paris summit on Tuesday", no date anywhere: the guess is shown with its reason, not filed
    assert ingest(data_copy, str(ARTICLES / "baltic_typos.txt")) == 1
    said = capsys.readouterr().err
    assert "undated; it seems to report 2026-01-06-paris (names Paris" in said and "--summit 2026-01-06-paris" in said
    assert "baltic_typos" not in load_corpus(data_copy).sources
    assert ingest(data_copy, str(ARTICLES / "baltic_typos.txt"), "--date", "2026-01-07") == 0
    source = load_corpus(data_copy).sources["baltic_typos"]
    assert source.summit == "2026-01-06-paris" and "Meeting guessed: 2026-01-06-paris (" in source.note
    article = data_copy.parent / "dated.txt"
    article.write_text("On 6 January 2026 in Paris, Belgium said it would send troops.", encoding="utf-8")
    assert ingest(data_copy, str(article)) == 0
    assert load_corpus(data_copy).sources["dated"].summit == "2026-01-06-paris"


def _bad_inputs(tmp: Path) -> dict[str, tuple[Path, str]]:
    (tmp / "latin1.txt").write_bytes("Fran\xe7ais".encode("latin-1"))
    (tmp / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (tmp / "empty.txt").write_text("  \n", encoding="utf-8")
    (tmp / "folder").mkdir()
    with (tmp / "huge.txt").open("wb") as handle:
        handle.truncate(MAX_ARTICLE_BYTES + 1)
    return {
        "not UTF-8": (tmp / "latin1.txt", "not UTF-8"),
        "binary": (tmp / "binary.txt", "NUL bytes"),
        "empty": (tmp / "empty.txt", "empty"),
        "directory": (tmp / "folder", "is a folder"),
        "missing": (tmp / "nope.txt", "no such file"),
        "over the size limit": (tmp / "huge.txt", "refused"),
    }


@pytest.mark.parametrize("case", ["not UTF-8", "binary", "empty", "directory", "missing", "over the size limit"])
def test_bad_input_is_one_line_and_writes_nothing(data_copy: Path, tmp_path: Path, capsys, case: str):
    path, message = _bad_inputs(tmp_path)[case]
    before = tree(data_copy.parent)
    assert ingest(data_copy, str(path), "--summit", "2025-03-27-paris") == 1
    err = capsys.readouterr().err
    ingest_says = (
        "no .txt, .html or .pdf article there" if case == "directory" else message
    )  # ingest reads a folder's articles
    assert err.count("\n") == 1 and ingest_says in err and str(path) in err
    assert tree(data_copy.parent) == before
    assert main(["extract", "--data", str(data_copy), str(path)]) == 1
    assert message in capsys.readouterr().err


def test_one_bad_file_does_not_stop_the_good_ones(data_copy: Path, tmp_path: Path, capsys):
    bad, _ = _bad_inputs(tmp_path)["empty"]
    assert ingest(data_copy, str(bad), str(ARTICLES / "nordic.txt"), "--summit", "2025-03-27-paris") == 1
    assert "nordic" in load_corpus(data_copy).sources


def test_extract_prints_candidates_and_writes_nothing(data_copy: Path, capsys):
    before = tree(data_copy.parent)
    assert (
        main(["extract", "--data", str(data_copy), "--json", "--summit", "2025-07-10", str(ARTICLES / "southern.txt")])
        == 0
    )
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert tree(data_copy.parent) == before
    assert {
        "id",
        "country",
        "country_code",
        "summit",
        "source",
        "kind",
        "stance",
        "person",
        "quote",
        "start",
        "end",
        "origin",
        "confidence",
    } <= rows[0].keys()
    assert ("ITA", "troops_in_ukraine", "declined") in {(r["country_code"], r["kind"], r["stance"]) for r in rows}
    assert all(r["origin"] == "extracted" and r["summit"] == "2025-07-10-northwood" for r in rows)


def test_eval_cli_reports_figures_misses_and_false_alarms(capsys):
    assert main(["eval", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["overall"]["precision"] >= 0.85 and report["overall"]["recall"] >= 0.80
    assert "participation" in report["per_kind"]
    assert isinstance(report["misses"], list) and isinstance(report["false_alarms"], list)
    assert main(["eval"]) == 0
    assert capsys.readouterr().out.startswith("overall  precision")


@pytest.fixture(scope="module")
def meetings(corpus):
    return list(corpus.summits.values())


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("PARIS, 4 September 2025 — Leaders met at the Elysee to discuss guarantees.", None, "2025-09-04-paris"),
        ("LONDON, Oct 24, 2025 (Wire) - Leaders gathered in London.", None, "2025-10-24-london"),
        (
            "Leaders gathered in London on Friday to discuss long-range missiles.",
            dt.date(2025, 10, 25),
            "2025-10-24-london",
        ),
        ("The Paris summit in January produced a declaration of intent.", dt.date(2026, 1, 8), "2026-01-06-paris"),
        ("The Paris summit in January produced a declaration of intent.", None, "2026-01-06-paris"),
        ("European leaders met at Lancaster House in London on Sunday.", None, "2025-03-02-london"),
        ("Leaders joined a video call on Tuesday.", dt.date(2025, 11, 25), "2025-11-25-virtual"),
    ],
)
def test_the_meeting_is_guessed_from_datelines_weekdays_and_places(meetings, text, published, expected):
    from coalition_tui.extraction.meetings import guess_summit

    assert guess_summit(meetings, text, published) == expected


def test_a_meeting_weeks_after_publication_is_never_the_guess(meetings):
    from coalition_tui.extraction.meetings import guess_summit

    assert guess_summit(meetings, "Leaders met in Paris.", dt.date(2025, 3, 28)) == "2025-03-27-paris"


def test_a_folder_of_articles_is_ingested_through_the_worker_path_with_outlet_and_date(
    data_copy: Path, tmp_path: Path, capsys
):
    folder = tmp_path / "wire"
    folder.mkdir()
    count = 45  # enough for worker processes
    for i in range(count):
        (folder / f"wire-{i:02d}.txt").write_text(
            f"Paris, 27 March 2025. Belgium said on day {i} it would send {i + 2} engineers to Ukraine.",
            encoding="utf-8",
        )
    args = (str(folder), "--summit", "2025-03-27-paris", "--outlet", "Test Wire", "--date", "2025-03-28")
    assert ingest(data_copy, *args) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == count and all(" added as wire-" in line for line in out)
    sources = {s.id: s for s in load_corpus(data_copy).sources.values() if s.id.startswith("wire-")}
    assert len(sources) == count
    assert {(s.outlet, s.published) for s in sources.values()} == {("Test Wire", dt.date(2025, 3, 28))}
    assert ingest(data_copy, *args) == 0  # again: nothing changes
    assert all("nothing changed" in line for line in capsys.readouterr().out.splitlines())


def test_a_text_another_process_registered_meanwhile_is_not_registered_twice(data_copy: Path, tmp_path: Path):
    from coalition_tui.actions.ingest import ingest_many

    stale = load_corpus(data_copy)  # loaded before the other process ingests
    ingest_one(data_copy, ARTICLES / "london.txt", "2025-03-02-london")
    copy = tmp_path / "same-text.txt"
    copy.write_bytes((ARTICLES / "london.txt").read_bytes())
    result = ingest_many(stale, [copy], summit="2025-03-02-london")
    assert result.added == [] and result.already == ["london"]
    assert result.reports == [f"{copy}: already in the corpus as london; nothing changed"]
    assert "same-text" not in load_corpus(data_copy).sources
    assert not (data_copy / "commitments" / "same-text.toml").exists()


def test_what_ingest_says_follows_the_order_of_the_files_given(data_copy: Path, tmp_path: Path, capsys):
    first, again = tmp_path / "first.txt", tmp_path / "zz-again.txt"
    first.write_text("Paris, 27 March 2025. Belgium said it would send troops to Ukraine.", encoding="utf-8")
    again.write_bytes(first.read_bytes())
    assert ingest(data_copy, str(first), str(again), "--summit", "2025-03-27-paris") == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(f"{first}: added as first ")
    assert out[1] == f"{again}: already in the corpus as first; nothing changed"
