"""The headless command line, as a user or a script calls it."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import DATA

from coalition_tui.cli import main
from coalition_tui.store.serialize import FIELD_ORDER


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["--data", str(DATA), *args] if "--data" not in args else list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_validate_bundled_data_is_clean(capsys):
    code, out, _ = run(capsys, "validate")
    assert code == 0
    assert out.startswith("no problems:")


def test_validate_exits_1_and_prints_every_problem(capsys, data_copy: Path):
    (data_copy / "summits.toml").write_text("[x\n", encoding="utf-8")
    code = main(["validate", "--data", str(data_copy)])
    out = capsys.readouterr().out
    assert code == 1
    assert "summits.toml:1: error: malformed TOML" in out
    assert "unknown summit" in out  # sources and records that name the lost summits are reported too


@pytest.mark.parametrize("before", [True, False])
def test_data_folder_before_or_after_the_command_is_the_one_used(capsys, data_copy: Path, before: bool):
    (data_copy / "summits.toml").write_text("[x\n", encoding="utf-8")
    args = ["validate", "--data", str(data_copy)]
    assert main(args[1:] + args[:1] if before else args) == 1
    assert "summits.toml:1: error: malformed TOML" in capsys.readouterr().out


def test_validate_json(capsys, data_copy: Path):
    (data_copy / "sources.toml").unlink()
    assert main(["validate", "--json", "--data", str(data_copy)]) == 1
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert rows and {"file", "line", "record", "field", "severity", "message"} <= rows[0].keys()


def test_resolve_human(capsys):
    code, out, _ = run(capsys, "resolve", "Giorgia Melono", "Prime Miniser")
    assert code == 0
    first, second = out.splitlines()
    assert first.startswith("Giorgia Melono -> Giorgia Meloni (person, Italy ITA)") and "fuzzy" in first
    assert second == "Prime Miniser -> no match: title only, not a name"


def test_resolve_json_has_the_documented_keys(capsys):
    _, out, _ = run(capsys, "resolve", "--json", "Zelenskiy", "Nigera", "UK")
    zel, nig, uk = (json.loads(line) for line in out.splitlines())
    assert {"name", "entity", "label", "kind", "country", "country_code", "score", "method", "ambiguous"} <= zel.keys()
    assert (zel["entity"], zel["kind"], zel["country"], zel["country_code"], zel["method"]) == (
        "volodymyr-zelensky",
        "person",
        "Ukraine",
        "UKR",
        "fuzzy",
    )
    assert nig["entity"] is None and sorted(nig["ambiguous"]) == ["NER", "NGA"]
    assert (uk["entity"], uk["kind"], uk["country_code"], uk["ambiguous"]) == ("GBR", "country", "GBR", [])


def test_resolve_context(capsys):
    _, out, _ = run(capsys, "resolve", "--json", "--context", "Italian", "Prime Minister")
    assert json.loads(out)["entity"] == "giorgia-meloni"


def test_resolve_reads_stdin(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.StringIO("Melono\n\nKremlin\n"))
    _, out, _ = run(capsys, "resolve", "--json", "-")
    assert [json.loads(line)["entity"] for line in out.splitlines()] == ["giorgia-meloni", "RUS"]


@pytest.mark.parametrize(
    ("flag", "value"),
    [("--country", "Italy"), ("--country", "italian"), ("--country", "Melono"), ("--country", "ITA")],
)
def test_records_country_accepts_any_surface_form(capsys, flag: str, value: str):
    _, out, _ = run(capsys, "records", "--json", flag, value)
    rows = [json.loads(line) for line in out.splitlines()]
    assert rows and {r["country_code"] for r in rows} == {"ITA"}


def test_records_italy_declined_troops_in_paris_2026(capsys):
    _, out, _ = run(
        capsys, "records", "--json", "--country", "Italy", "--summit", "Paris 2026", "--kind", "troops_in_ukraine"
    )
    (row,) = [json.loads(line) for line in out.splitlines()]
    assert row["stance"] == "declined" and row["summit"] == "2026-01-06-paris"
    assert "would not contribute troops" in row["quote"]
    expected = [k for key in FIELD_ORDER for k in (("country", "country_code") if key == "country" else (key,))]
    assert list(row) == [*expected, "cited"]  # the record schema, in its order, then where it was published


def test_records_source_prefix_and_summit_date(capsys):
    _, out, _ = run(capsys, "records", "--json", "--source", "003", "--summit", "2025-07-10")
    rows = [json.loads(line) for line in out.splitlines()]
    assert rows and {r["source"] for r in rows} == {"003_343fc0e0e2615a75"}


def test_records_human_output_shows_quote_and_count(capsys):
    _, out, _ = run(capsys, "records", "--country", "Poland", "--stance", "declined")
    assert "“Italian Prime Minister Giorgia Meloni and Polish Prime Minister Donald Tusk" in out
    assert out.rstrip().endswith("1 record(s)")


@pytest.mark.parametrize(
    ("args", "message"),
    [(("--summit", "Paris"), "matches several summits"), (("--country", "Atlantis"), "no country matches")],
)
def test_records_bad_filter_is_one_line_exit_2(capsys, args, message):
    code, out, err = run(capsys, "records", *args)
    assert code == 2 and out == ""
    assert message in err and err.count("\n") == 1


def test_summary_prints_the_matrix_as_text(capsys):
    code, out, _ = run(capsys, "summary")
    italy = next(line for line in out.splitlines() if line.startswith("Italy"))
    assert code == 0 and italy.split()[-1] == "declined"


def test_bare_command_opens_the_app(monkeypatch):
    opened = []
    monkeypatch.setattr("coalition_tui.tui.app.CoalitionApp.run", lambda self: opened.append(self.data_dir))
    assert main(["--data", str(DATA)]) == 0
    assert opened == [DATA]


def test_console_script_runs_in_a_pipe():
    result = subprocess.run(
        [sys.executable, "-m", "coalition_tui", "--data", str(DATA), "records", "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "\x1b[" not in result.stdout
    assert len(result.stdout.splitlines()) >= 60


def test_eval_gold_scores_a_folder_labelled_like_corpus_dev(tmp_path, capsys):
    import json

    folder = tmp_path / "mine"
    (folder / "articles").mkdir(parents=True)
    (folder / "articles" / "x1.txt").write_text(
        "Paris, 4 September 2025.\n\nSpain rules out sending troops to Ukraine. Portugal would provide logistics.\n",
        encoding="utf-8",
    )
    (folder / "gold.toml").write_text(
        '[[record]]\nfile = "x1.txt"\ncountry = "ESP"\nkind = "troops_in_ukraine"\nstance = "declined"\n\n'
        '[[record]]\nfile = "x1.txt"\ncountry = "PRT"\nkind = "logistics"\nstance = "willing"\n',
        encoding="utf-8",
    )
    (folder / "articles_x.toml").write_text(
        '[[article]]\nfile = "x1.txt"\nmeeting = "2025-09-04-paris"\n', encoding="utf-8"
    )
    assert main(["eval", "--gold", str(folder), "--errors"]) == 0
    out = capsys.readouterr().out
    assert "1 articles, 2 gold records" in out and "strict         P 0.500  R 0.500" in out
    assert "x1.txt PRT logistics willing" in out and "1 of 1 articles get the meeting" in out
    assert main(["eval", "--gold", str(folder), "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures["strict"]["tp"] == 1 and figures["false_alarms"][0][:4] == [
        "x1.txt",
        "PRT",
        "logistics",
        "committed",
    ]
    assert main(["eval", "--gold", str(folder), "--calibration"]) == 0
    out = capsys.readouterr().out
    assert "confidence     model trained on corpus-dev" in out
    rows = [line.split() for line in out.splitlines() if "precision" in line and "right of" in line]
    assert len(rows) == 6 and sum(int(row[-1].rstrip(")")) for row in rows) == 2  # both candidates, in bands
    assert main(["eval", "--gold", str(folder), "--json", "--calibration"]) == 0
    bands = json.loads(capsys.readouterr().out)["calibration"]["bands"]
    assert sum(band["proposed"] for band in bands) == 2 and sum(band["right"] for band in bands) == 1


def test_eval_gold_on_a_folder_without_gold_is_one_line_and_exit_2(tmp_path, capsys):
    assert main(["eval", "--gold", str(tmp_path)]) == 2
    assert "no articles/ folder or no gold*.toml" in capsys.readouterr().err


def test_review_by_confidence_and_accept_all_listed_asks_first(tmp_path, capsys):
    import shutil

    from conftest import ARTICLES, DATA

    from coalition_tui.actions import review
    from coalition_tui.store.loader import load_corpus

    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    assert main(["ingest", "--data", str(data), "--summit", "2026-01-06-paris", str(ARTICLES / "nordic.txt")]) == 0
    sure = sorted(r.id for r in review.queue(load_corpus(data)) if r.confidence >= 0.9)
    capsys.readouterr()
    assert main(["review", "--data", str(data), "--min-confidence", "0.9", "--sort", "confidence", "--json"]) == 0
    assert sorted(json.loads(line)["id"] for line in capsys.readouterr().out.splitlines()) == sure
    args = ["review", "accept", "--all-listed", "--data", str(data), "--min-confidence", "0.9"]
    assert main(args) == 1  # not a terminal and no --yes: the count, and nothing changed
    assert f"{len(sure)} record(s) listed; nothing changed" in capsys.readouterr().err
    assert all(r.unreviewed for r in review.queue(load_corpus(data)) if r.id in sure)
    assert main([*args, "--yes"]) == 0
    left = {r.id for r in review.queue(load_corpus(data))}
    assert not left & set(sure) and left
