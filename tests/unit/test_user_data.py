"""Data the user can keep: the bundled corpus is never written, `init` makes a corpus of one's own, and a
`--data` that does not exist is an error (issue 16, Build 4)."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

from conftest import DATA

from coalition_tui.cli import main
from coalition_tui.store.loader import load_corpus
from coalition_tui.store.paths import bundled_data_dir

ARTICLE = "Paris, 27 March 2025.\n\nBelgium said it would send troops to Ukraine.\n"


def _tree(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _run(args: list[str], cwd: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("COALITION_TUI_DATA",)}
    env |= {"HOME": str(home), "XDG_DATA_HOME": str(home / "share"), "PYTHONPATH": os.pathsep.join(sys.path)}
    return subprocess.run(
        [sys.executable, "-m", "coalition_tui", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300
    )


def test_a_writing_command_outside_the_repository_never_changes_the_installed_package(tmp_path: Path):
    elsewhere, home = tmp_path / "work", tmp_path / "home"
    elsewhere.mkdir()
    home.mkdir()
    (elsewhere / "new.txt").write_text(ARTICLE, encoding="utf-8")
    bundled = bundled_data_dir()
    before = _tree(bundled)
    ingest = _run(["ingest", "new.txt", "--summit", "2025-03-27-paris"], elsewhere, home)
    assert (
        ingest.returncode == 1
        and "bundled corpus is read-only" in ingest.stderr
        and "coalition-tui init" in ingest.stderr
    )
    review = _run(["review", "accept", "000-gbr-participation"], elsewhere, home)
    assert review.returncode != 0 and "read-only" in review.stderr + review.stdout
    assert _tree(bundled) == before  # nothing under the package (or the repository's data/) changed
    assert _run(["validate"], elsewhere, home).returncode == 0  # reading it is fine


def test_init_makes_the_user_data_folder_which_then_opens_and_takes_writes(tmp_path: Path):
    elsewhere, home = tmp_path / "work", tmp_path / "home"
    elsewhere.mkdir()
    home.mkdir()
    made = _run(["init"], elsewhere, home)
    assert made.returncode == 0 and "it opens by default" in made.stdout
    mine = home / "share" / "coalition-tui"
    assert (mine / "sources.toml").is_file() and (mine / "articles").is_dir()
    assert _run(["init"], elsewhere, home).returncode == 1  # never over an existing corpus
    (elsewhere / "new.txt").write_text(ARTICLE, encoding="utf-8")
    ingest = _run(["ingest", "new.txt", "--summit", "2025-03-27-paris"], elsewhere, home)
    assert ingest.returncode == 0, ingest.stderr
    assert (mine / "commitments" / "new.toml").is_file()
    assert _run(["validate"], elsewhere, home).returncode == 0


def test_init_into_a_named_folder(tmp_path: Path, capsys):
    target = tmp_path / "corpus"
    assert main(["init", str(target)]) == 0
    assert f"--data {target}" in capsys.readouterr().out
    assert _tree(target / "commitments") == _tree(DATA / "commitments")
    assert main(["validate", "--data", str(target)]) == 0


def test_a_missing_data_folder_is_one_line_and_exit_2(tmp_path: Path, capsys):
    for argv in (["validate", "--data", str(tmp_path / "no")], ["--data", str(tmp_path / "no")]):
        assert main(argv) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "no such folder" in err


def test_meeting_add_appends_a_validated_meeting_that_ingest_can_then_use(data_copy: Path, tmp_path: Path, capsys):
    summits = data_copy / "summits.toml"
    before = summits.read_text(encoding="utf-8")
    argv = ["meeting", "add", "2026-03-20", "Rome", "--format", "hybrid", "--host", "Meloni", "--data", str(data_copy)]
    assert main([*argv, "--source", "https://example.org/report"]) == 0
    assert "added 2026-03-20-rome" in capsys.readouterr().out
    text = summits.read_text(encoding="utf-8")
    assert text.startswith(before.rstrip("\n")) and '"giorgia-meloni"' in text  # the rest kept as written
    assert main(argv) == 1 and "already in summits.toml" in capsys.readouterr().err
    assert main(["meeting", "add", "2026-03-21", "Oslo", "--host", "Nobody Known", "--data", str(data_copy)]) == 1
    assert "no person matches" in capsys.readouterr().err
    article = tmp_path / "rome.txt"
    article.write_text("ROME, 20 March 2026 — Italy said it would provide naval support.\n", encoding="utf-8")
    assert main(["ingest", "--data", str(data_copy), str(article)]) == 0  # the new meeting is guessed
    from coalition_tui.store.loader import load_corpus

    corpus = load_corpus(data_copy)
    assert corpus.sources["rome"].summit == "2026-03-20-rome" and not corpus.errors


def test_a_bare_folders_meeting_warning_is_cleared_by_the_command_it_names(tmp_path: Path, capsys):
    from coalition_tui.actions.opening import open_corpus

    folder = tmp_path / "bare"
    folder.mkdir()
    (folder / "dated.txt").write_text(
        "Paris, 6 January 2026.\n\nItaly said it would not send troops.\n", encoding="utf-8"
    )
    (folder / "undated.txt").write_text("Leaders met on a day.\n\nBelgium said it might help.\n", encoding="utf-8")
    first = open_corpus(folder)
    assert next(p.message for p in first.problems if "undated.txt" in p.file).startswith("cannot tell which meeting")
    assert main(["ingest", str(folder / "undated.txt"), "--summit", "2026-01-06-paris", "--data", str(folder)]) == 0
    again = open_corpus(folder)
    assert not again.problems  # no "not registered" warning left behind: it was registered where it is
    assert sorted(s.file for s in again.sources.values()) == ["dated.txt", "undated.txt"]
    assert not (folder / "articles").exists()


def test_gazetteer_commands_teach_a_corpus_names(data_copy: Path, capsys):
    assert main(["gazetteer", "person", "Ana Exemplo", "--country", "Portugal", "--role", "Defence Minister",
                 "--data", str(data_copy)]) == 0  # fmt: skip
    assert main(["gazetteer", "alias", "Lusitania", "Portugal", "--data", str(data_copy)]) == 0
    assert main(["gazetteer", "alias", "Britain", "France", "--data", str(data_copy)]) == 1
    assert "an alias cannot take it away" in capsys.readouterr().err
    corpus = load_corpus(data_copy)
    assert not corpus.problems
    assert corpus.resolver.resolve("Ana Exemplo").entity == "ana-exemplo"
    assert corpus.resolver.resolve("Lusitania").entity == "PRT"
    assert corpus.gazetteer.people["ana-exemplo"].roles[0].of == "PRT"


def test_the_first_meeting_added_to_a_folder_without_its_own_keeps_the_bundled_ones(tmp_path: Path, capsys):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "sources.toml").write_text("", encoding="utf-8")
    assert main(["meeting", "add", "2026-03-02", "Helsinki", "--data", str(folder)]) == 0
    corpus = load_corpus(folder)
    assert not corpus.problems
    assert {"2026-03-02-helsinki", "2025-03-27-paris"} <= set(corpus.summits)


def test_a_corpus_in_the_current_folder_is_never_opened_unless_named(tmp_path: Path):
    """From a checkout's root, ``ingest`` used to register the article in the repository's data/."""
    clone, home = tmp_path / "clone", tmp_path / "home"
    home.mkdir()
    import shutil

    shutil.copytree(DATA, clone / "data")
    (clone / "new.txt").write_text(ARTICLE, encoding="utf-8")
    before = _tree(clone / "data")
    ingest = _run(["ingest", "new.txt", "--summit", "2025-03-27-paris"], clone, home)
    assert ingest.returncode == 1 and "read-only" in ingest.stderr
    assert _tree(clone / "data") == before
    assert _run(["init"], clone, home).returncode == 0  # then the user corpus opens by default, not ./data
    assert _run(["ingest", "new.txt", "--summit", "2025-03-27-paris"], clone, home).returncode == 0
    assert _tree(clone / "data") == before
    assert (home / "share" / "coalition-tui" / "commitments" / "new.toml").is_file()


def test_the_header_names_the_folder_open_and_says_read_only(tmp_path: Path, monkeypatch):
    from coalition_tui.store import paths

    monkeypatch.setenv("HOME", str(tmp_path))
    mine = tmp_path / "corpora" / "mine"
    mine.mkdir(parents=True)
    assert paths.folder_label(mine) == "~/corpora/mine"
    assert paths.folder_label(Path("/srv/x")) == "/srv/x"
    monkeypatch.setattr(paths, "_READ_ONLY", {DATA.resolve()})
    assert paths.folder_label(DATA) == "bundled corpus (read-only)"
