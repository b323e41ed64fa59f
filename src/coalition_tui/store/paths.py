"""Where the bundled corpus lives."""

from __future__ import annotations

import os
from pathlib import Path

ENV_VAR = "COALITION_TUI_DATA"


APP_NAME = "coalition-tui"
CONFIG_ENV = "COALITION_TUI_CONFIG"


def config_file() -> Path:
    """The settings file: ``$COALITION_TUI_CONFIG``, else ``config.toml`` in the user config folder."""
    env = os.environ.get(CONFIG_ENV)
    if env:
        return Path(env)
    import platformdirs

    return platformdirs.user_config_path(APP_NAME) / "config.toml"


def user_data_dir() -> Path:
    """The user's own corpus when no folder is named: ``coalition-tui init`` makes it (platformdirs:
    ``~/.local/share/coalition-tui`` on Linux, ``~/Library/Application Support/coalition-tui`` on
    macOS, ``%LOCALAPPDATA%\\coalition-tui`` on Windows)."""
    import platformdirs

    return platformdirs.user_data_path(APP_NAME)


def holds_corpus(folder: Path) -> bool:
    return (folder / "summits.toml").is_file() or (folder / "sources.toml").is_file()


def default_data_dir() -> Path:
    """``$COALITION_TUI_DATA``, else the user data folder when ``init`` has made it, else the bundled
    corpus (read-only: see :func:`read_only`). The current folder's ``data/`` is never opened unless
    named (``--data data``): from a checkout's root that would be the repository's own files."""
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env)
    mine = user_data_dir()
    if holds_corpus(mine):
        return mine
    bundled = bundled_data_dir()
    _READ_ONLY.add(bundled.resolve())  # opened because nothing else was named: never written
    return bundled


_READ_ONLY: set[Path] = set()
_SERVED_READ_ONLY: set[Path] = set()  # opened with --read-only: every write refused, whoever asks


def open_read_only(root: Path) -> None:
    """This process never writes to ``root`` (``--read-only``, what ``serve --read-only`` runs)."""
    _READ_ONLY.add(root.resolve())
    _SERVED_READ_ONLY.add(root.resolve())


def read_only_reason(root: Path) -> str:
    """Why a write to ``root`` is refused (it is :func:`read_only`)."""
    if root.resolve() in _SERVED_READ_ONLY:
        return "this corpus is open read-only (--read-only): nothing can be changed here"
    return READ_ONLY_HELP


def read_only(root: Path) -> bool:
    """Whether ``root`` is the corpus shipped with the package: the installed copy always, the
    repository's ``data/`` when it was opened only because no corpus was named."""
    real = root.resolve()
    installed = Path(__file__).resolve().parents[1] / "bundled" / "data"
    return real == installed or real.is_relative_to(installed) or real in _READ_ONLY


def folder_label(root: Path) -> str:
    """The open corpus as the header names it: its folder (``~`` for home), and "read-only" when it is
    the bundled one."""
    if root.resolve() in _SERVED_READ_ONLY:
        return f"{root.name} (read-only)"
    if read_only(root):
        return "bundled corpus (read-only)"
    try:
        return "~/" + root.resolve().relative_to(Path.home().resolve()).as_posix()
    except (ValueError, RuntimeError, OSError):
        return str(root)


READ_ONLY_HELP = (
    "the bundled corpus is read-only; make a corpus of your own with 'coalition-tui init' "
    "(the user data folder) or 'coalition-tui init DIR' and pass --data DIR"
)


def bundled_data_dir() -> Path:
    """The corpus shipped with the package."""
    package = Path(__file__).resolve().parents[1]  # coalition_tui/
    bundled = package / "bundled" / "data"  # wheel install: force-included by pyproject
    if bundled.is_dir():
        return bundled
    return package.parents[1] / "data"  # editable install: the repository's data/


def own_or_bundled(data_dir: Path, name: str) -> Path:
    """``data_dir/name`` (the gazetteer folder, summits.toml), else the bundled corpus's: a folder of
    articles alone is a corpus about the same meetings and people."""
    own = data_dir / name
    return own if own.exists() else bundled_data_dir() / name


class RealPaths:
    """``path.resolve()`` for many files of a few folders: each folder is resolved once, and a file
    that is not itself a symlink is its folder's real path and its name (at 10,000 articles,
    resolving each file walked every folder above it)."""

    def __init__(self) -> None:
        self.folders: dict[Path, Path] = {}

    def __call__(self, path: Path) -> Path:
        if path.name in ("", ".", "..") or path.is_symlink():
            return path.resolve()
        parent = path.parent
        real = self.folders.get(parent)
        if real is None:
            real = self.folders[parent] = parent.resolve()
        return real / path.name
