"""Hostile input: escape sequences, control characters, bad encodings, huge and odd files, broken TOML,
unwritable export targets; and fuzzing of the loader, the resolver, extraction and the exporter."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import DATA, disk_full, permission_denied
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coalition_tui.actions.export import export_document, write_export
from coalition_tui.actions.ingest import article_files, ingest_many
from coalition_tui.cli import main
from coalition_tui.extraction.extract import Extractor
from coalition_tui.store.loader import load_corpus, read_article
from coalition_tui.store.safe import inert

ESCAPES = (
    "\x1b[31mred\x1b[0m "  # colour
    "\x1b]0;pwned\x07 "  # window title
    "\x1b]52;c;ZXZpbA==\x07 "  # OSC 52: write the clipboard
    "\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\ "  # OSC 8 hyperlink
    "\x9b31m "  # 8-bit CSI
)
HOSTILE = (
    f"Paris talks on 27 March 2025 {ESCAPES}\n\n"
    "British Prime Minister Keir Starmer said Britain would send troops to Ukraine.\x00\x07\x0b "
    "[@click=app.quit]France[/] said it would provide air support. [/]\n"
)


@pytest.fixture
def hostile_file(tmp_path: Path) -> Path:
    path = tmp_path / "hostile.txt"
    path.write_text(HOSTILE, encoding="utf-8")
    return path


def test_inert_leaves_no_control_character_but_keeps_offsets():
    shown = inert(HOSTILE)
    assert len(shown) == len(HOSTILE)
    assert not any((ord(c) < 0x20 and c not in "\n\t") or 0x7F <= ord(c) < 0xA0 for c in shown)
    assert "␛]52;c;ZXZpbA==␇" in shown  # visible, harmless


def test_an_article_with_escape_sequences_and_nul_ingests_and_the_cli_emits_none_of_them(
    data_copy: Path, hostile_file: Path, capsys
):
    assert main(["ingest", "--data", str(data_copy), str(hostile_file), "--summit", "2025-03-27-paris"]) == 0
    corpus = load_corpus(data_copy)
    records = [r for r in corpus.records if r.source == "hostile"]
    assert {r.country for r in records} >= {"GBR"}
    for r in records:  # quotes stay verbatim, control characters and all
        assert corpus.texts["hostile"][r.start : r.end] == r.quote
    capsys.readouterr()
    for argv in (["records", "--source", "hostile"], ["review"], ["diff", "hostile", "000"], ["validate"]):
        main([argv[0], "--data", str(data_copy), *argv[1:]])
        out = capsys.readouterr()
        for text in (out.out, out.err):
            assert "\x1b" not in text and "\x07" not in text and "\x9b" not in text and "\x00" not in text


def test_cli_on_a_real_terminal_pipe_emits_no_escape_from_the_article(data_copy: Path, hostile_file: Path):
    main(["ingest", "--data", str(data_copy), str(hostile_file), "--summit", "2025-03-27-paris"])
    run = subprocess.run(
        [sys.executable, "-m", "coalition_tui", "records", "--data", str(data_copy), "--source", "hostile"],
        capture_output=True,
    )
    assert run.returncode == 0
    assert b"[@click=app.quit]France[/]" in run.stdout  # markup printed literally
    assert b"\x1b" not in run.stdout and b"\x07" not in run.stdout and b"Keir Starmer" in run.stdout


def test_a_stray_nul_is_kept_but_a_binary_file_is_refused(tmp_path: Path):
    stray = tmp_path / "stray.txt"
    stray.write_bytes(b"Britain would send troops." + b"\x00" + b" More text follows here." * 10)
    text, _raw, problem = read_article(stray, "stray.txt")
    assert problem is None and text is not None and "\x00" in text
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    assert "NUL bytes" in read_article(binary, "binary.txt")[2].message


def test_not_utf8_is_reported_with_the_byte_and_what_to_do(tmp_path: Path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Le président Macron a déclaré".encode("latin-1"))
    problem = read_article(path, "latin1.txt")[2]
    assert "not UTF-8" in problem.message and "at byte" in problem.message and "save it as UTF-8" in problem.message


def test_a_100_mb_file_an_empty_file_and_a_symlink_loop_are_refused_one_line_each(data_copy: Path, tmp_path: Path):
    folder = tmp_path / "incoming"
    folder.mkdir()
    with (folder / "huge.txt").open("wb") as handle:
        handle.truncate(100 * 1024 * 1024)  # sparse: 100 MB on paper, nothing read
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    (folder / "sub").mkdir()
    (folder / "sub" / "up").symlink_to(folder, target_is_directory=True)  # a folder loop: not followed
    (folder / "ok.txt").write_text("Paris, 27 March 2025. Britain would send troops to Ukraine.", encoding="utf-8")
    files, problems = article_files(folder)
    assert len(files) == 3 and len(problems) == 1 and "loop.txt" in problems[0] and "symbolic link" in problems[0]
    result = ingest_many(load_corpus(data_copy), files)
    assert len(result.added) == 1 and len(result.problems) == 2
    joined = "\n".join(result.problems + problems)
    assert "huge.txt" in joined and "refused" in joined
    assert "empty.txt" in joined and "loop.txt" in joined
    assert all("\n" not in p for p in result.problems)
    assert not load_corpus(data_copy).errors


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        ('id = "a"\ncountry = "GBR"\nkind = "troops_in_ukraine"\nstance = "committed"\nquote = 5\n', "quote"),
        ('id = "a"\ncountry = "GBR"\nkind = "flying_carpets"\nstance = "committed"\nquote = "Britain"\n', "kind"),
        ('id = "a"\ncountry = ["GBR"]\nkind = "funding"\nstance = "committed"\nquote = "Britain"\n', "country"),
        ('id = 7\ncountry = "GBR"\nkind = "funding"\nstance = "committed"\nquote = "Britain"\n', "id"),
        ('id = "a"\ncountry = "GBR"\nkind = "funding"\nstance = "committed"\nquote = "troops"\nstart = "x"\n', "start"),
    ],
)
def test_toml_with_wrong_types_or_unknown_kinds_is_one_problem_and_the_rest_loads(data_copy, table, expected):
    (data_copy / "commitments" / "zz.toml").write_text(
        f'source = "000_52fd44cbc1a803ce"\n\n[[commitment]]\n{table}', encoding="utf-8"
    )
    corpus = load_corpus(data_copy)
    assert len(corpus.records) == 84  # everything else still loads
    problems = [p for p in corpus.problems if p.file.endswith("zz.toml")]
    assert len(problems) == 1 and problems[0].line == 3 and expected in (problems[0].field or "")


def test_duplicate_ids_are_reported_with_the_first_place(data_copy):
    (data_copy / "commitments" / "zz.toml").write_text(
        'source = "000_52fd44cbc1a803ce"\n\n[[commitment]]\nid = "000-gbr-participation"\ncountry = "GBR"\n'
        'kind = "participation"\nstance = "committed"\nquote = "Sir Keir Starmer"\n',
        encoding="utf-8",
    )
    problems = [p for p in load_corpus(data_copy).problems if p.field == "id"]
    assert len(problems) == 1 and "duplicate id, first defined in" in problems[0].message
    assert (problems[0].file, problems[0].line) == ("data/commitments/zz.toml", 3)
    assert "data/commitments/000_52fd44cbc1a803ce.toml:5;" in problems[0].message  # its [[commitment]] line


def _document(corpus):
    return export_document(corpus, corpus.records[:3], {})


def test_export_into_a_missing_folder_is_refused(corpus, tmp_path: Path):
    with pytest.raises(FileNotFoundError, match="does not exist"):
        write_export(tmp_path / "nope" / "x.toml", _document(corpus))


def test_export_into_a_read_only_folder_fails_cleanly_and_the_old_file_stays(corpus, tmp_path: Path, monkeypatch):
    """Permission denied when creating the temp file (simulated: tests may run as root, which ignores modes)."""
    target = tmp_path / "x.toml"
    target.write_text("old", encoding="utf-8")

    monkeypatch.setattr("coalition_tui.store.tomlio.tempfile.mkstemp", permission_denied)
    with pytest.raises(PermissionError):
        write_export(target, _document(corpus), overwrite=True)
    assert target.read_text(encoding="utf-8") == "old"


def test_export_on_a_full_disk_keeps_the_old_file(corpus, tmp_path: Path, monkeypatch):
    target = tmp_path / "x.toml"
    target.write_text("old", encoding="utf-8")

    monkeypatch.setattr("coalition_tui.store.tomlio.os.fsync", disk_full)
    with pytest.raises(OSError, match="No space left"):
        write_export(target, _document(corpus), overwrite=True)
    assert target.read_text(encoding="utf-8") == "old" and [p.name for p in tmp_path.iterdir()] == ["x.toml"]


def test_cli_export_to_a_read_only_place_is_one_line_and_exit_1(data_copy, tmp_path: Path, monkeypatch, capsys):
    monkeypatch.setattr("coalition_tui.store.tomlio.tempfile.mkstemp", permission_denied)
    code = main(["export", "--data", str(data_copy), "--country", "Italy", "-o", str(tmp_path / "x.toml")])
    err = capsys.readouterr().err
    assert code != 0 and "Permission denied" in err and err.count("\n") == 1


# ------------------------------------------------------------------------------------------ fuzz
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@SETTINGS
@given(st.text(max_size=600))
def test_loader_never_raises_on_any_commitments_file(data_copy, text):
    (data_copy / "commitments" / "zz.toml").write_text(text, encoding="utf-8")
    corpus = load_corpus(data_copy)  # documented: never raises for bad data
    assert len(corpus.records) >= 84  # a bad file never takes the good ones down


@SETTINGS
@given(st.binary(max_size=400))
def test_reading_any_bytes_as_an_article_gives_text_or_one_problem(tmp_path, raw):
    path = tmp_path / "a.txt"
    path.write_bytes(raw)
    text, _raw, problem = read_article(path, "a.txt")
    assert (text is None) == (problem is not None)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80), st.text(max_size=80))
def test_resolver_never_raises(resolver, name, context):
    res = resolver.resolve(name, context=context)
    assert res.entity is None or res.kind in {"country", "person", "org"}


_PIECES = st.sampled_from(
    [
        "Britain",
        "Giorgia Melono",
        " would ",
        " not ",
        "send troops",
        "[/]",
        "\x1b[31m",
        "\x00",
        ". ",
        "\n",
        "“",
        "Prime Minister",
        "if",
        "Zelenskiy",
        "said",
    ]
)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.one_of(_PIECES, st.text(max_size=12)), max_size=40))
def test_extraction_never_raises_and_quotes_are_verbatim(corpus, parts):
    text = "".join(parts)
    for record in Extractor(corpus.gazetteer, corpus.resolver).extract(text, "s", "2025-03-27-paris"):
        assert text[record.start : record.end] == record.quote


def test_the_bundled_corpus_still_has_no_problem():
    assert not load_corpus(DATA).problems


def test_text_that_imitates_the_diff_colour_mark_stays_inert(capsys):
    """The diff's own colour codes are the only ESCs written; a private-use character in an article
    followed by "[31m" or "]0;title" does not turn into one."""
    import io

    from coalition_tui.cli import InertWriter

    out = io.StringIO()
    InertWriter(out).write("\ue000[31mred \ue000]0;title\ue000\\ \ue000]52;c;ZXZpbA==\ue000\\")
    assert "\x1b" not in out.getvalue()
