"""One reader (issue 23, item 4): every file the program reads goes through the checked reader
(regular files only, a byte limit, bounded nesting). A FIFO or a huge file registered as an article is
one problem, never a hang or gigabytes of memory; settings files nested too deep are one line."""

from __future__ import annotations

import ast
import os
import resource
import subprocess
import sys
from pathlib import Path

from conftest import REPO

from coalition_tui.tui.settings import load_settings, remember_theme

SRC = REPO / "src" / "coalition_tui"

# Where a file may be opened other than by tomlio.read_regular: writers (temp files, the lock) and
# /proc. Each entry is module -> functions; a new read site must go through read_regular instead.
OPENERS_ALLOWED = {
    "store/tomlio.py": {"read_regular", "write_atomic", "write_bytes_new", "umask"},  # umask: /proc/self/status
    "store/locking.py": {"_acquire"},
    "store/parallel.py": {"_real_stderr"},  # os.devnull, for writing
    "extraction/confidence.py": {"shipped_model"},  # a file of this package (the model's weights), not input
    "actions/fetch.py": {"fetch"},  # a URL, not a file: read in chunks under a byte and a time limit
}
READ_CALLS = {"read_bytes", "read_text", "open", "fdopen", "load"}


def _read_sites() -> list[str]:
    found = []
    for path in sorted(SRC.rglob("*.py")):
        module = path.relative_to(SRC).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for func in ast.walk(tree):
            if not isinstance(func, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for node in ast.walk(func):
                if not isinstance(node, ast.Call):
                    continue
                name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
                if name == "load" and not (
                    isinstance(node.func, ast.Attribute) and getattr(node.func.value, "id", "") in {"tomllib", "json"}
                ):
                    continue  # unpickler.load(), a method of our own: not a file read
                if name in READ_CALLS and func.name not in OPENERS_ALLOWED.get(module, set()):
                    found.append(f"{module}:{node.lineno} {func.name}() calls {name}()")
    return found


def test_every_file_read_goes_through_the_checked_reader():
    assert _read_sites() == []


def _cli(*args: str, data: Path, memory: int | None = None, timeout: float = 60) -> subprocess.CompletedProcess:
    def limit() -> None:
        if memory:
            resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    code = "import sys; from coalition_tui.cli import main; raise SystemExit(main(sys.argv[1:]))"
    env = {**os.environ, "COALITION_TUI_CACHE": str(data.parent / "cache")}
    return subprocess.run(
        [sys.executable, "-c", code, *args, "--data", str(data)],
        capture_output=True,
        text=True,
        timeout=timeout,  # a hang fails the test instead of stalling the suite
        preexec_fn=limit,
        env=env,
        check=False,
    )


def _register(data: Path, source_id: str, file: str) -> None:
    with (data / "sources.toml").open("a", encoding="utf-8") as handle:
        handle.write(f'\n[{source_id}]\nfile = "{file}"\nsha256 = "{"0" * 64}"\nheadline = "x"\n')


def test_a_fifo_registered_as_an_article_is_one_problem_not_a_hang(data_copy: Path):
    os.mkfifo(data_copy / "articles" / "pipe.txt")
    _register(data_copy, "pipe", "articles/pipe.txt")
    for verb in ("validate", "summary"):
        done = _cli(verb, data=data_copy)
        assert done.returncode in (0, 1), done.stderr
    done = _cli("validate", data=data_copy)
    lines = [line for line in done.stdout.splitlines() if "pipe" in line]
    assert len(lines) == 1 and "not a regular file" in lines[0]


def test_a_3_gb_article_is_refused_without_reading_it(data_copy: Path):
    huge = data_copy / "articles" / "huge.txt"
    with huge.open("wb") as handle:
        handle.truncate(3 * 1024**3)  # sparse: 3 GB on paper, nothing on disk
    _register(data_copy, "huge", "articles/huge.txt")
    done = _cli("validate", data=data_copy, memory=1536 * 1024**2)  # reading it whole would need 3 GB
    assert done.returncode == 1, done.stderr
    lines = [line for line in done.stdout.splitlines() if "huge" in line]
    assert len(lines) == 1 and "refused" in lines[0]


def test_a_settings_file_nested_600_deep_is_one_line_not_a_crash(tmp_path: Path):
    path = tmp_path / "config.toml"
    path.write_text("theme = " + "[" * 600 + "]" * 600 + "\n", encoding="utf-8")
    settings = load_settings(path)
    assert settings.theme is None and len(settings.problems) == 1 and "nested" in settings.problem
    remember_theme("nord", path)  # a file it cannot read is never overwritten
    assert path.read_text(encoding="utf-8").startswith("theme = [[[")


def test_unknown_binding_ids_and_themes_are_reported_not_ignored(tmp_path: Path):
    path = tmp_path / "config.toml"
    path.write_text('theme = "no-such-theme"\n[keymap]\n"view.countries" = "c"\n"view.nowhere" = "z"\n')
    settings = load_settings(path, binding_ids={"view.countries"}, themes={"nord"})
    assert settings.keymap == {"view.countries": "c"} and settings.theme is None
    assert any("'view.nowhere'" in p for p in settings.problems)
    assert any("'no-such-theme'" in p for p in settings.problems)


def test_saving_the_theme_keeps_the_comments_of_the_settings_file(tmp_path: Path):
    path = tmp_path / "config.toml"
    path.write_text('# mine\ntheme = "nord"  # dark\n\n[keymap]\n# c for countries\n"view.countries" = "c"\n')
    remember_theme("textual-light", path)
    text = path.read_text(encoding="utf-8")
    assert text == '# mine\ntheme = "textual-light"  # dark\n\n[keymap]\n# c for countries\n"view.countries" = "c"\n'
    fresh = tmp_path / "new" / "config.toml"
    remember_theme("nord", fresh)
    assert load_settings(fresh).theme == "nord"
