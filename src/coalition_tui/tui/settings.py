"""The user's settings file: a keymap (binding id = keys) and the theme, which is remembered.

``$COALITION_TUI_CONFIG``, else ``config.toml`` in the user config folder (platformdirs:
``~/.config/coalition-tui`` on Linux). For example::

    theme = "textual-light"

    [keymap]
    "view.countries" = "c"          # the ids are in the help screen (?) and README's keys table
    "selection.export" = "ctrl+e,e"
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from coalition_tui.store.tomlio import MAX_TOML_BYTES, read_regular, write_toml_atomic

CONFIG_ENV = "COALITION_TUI_CONFIG"


def config_file() -> Path:
    env = os.environ.get(CONFIG_ENV)
    if env:
        return Path(env)
    import platformdirs

    return platformdirs.user_config_path("coalition-tui") / "config.toml"


@dataclass
class Settings:
    theme: str | None = None
    keymap: dict[str, str] = field(default_factory=dict)
    problem: str = ""  # one line saying what in the file was not understood


def load_settings(path: Path | None = None) -> Settings:
    """The settings, or the defaults and a one-line problem when the file cannot be used."""
    path = path or config_file()
    if not path.exists():
        return Settings()
    try:
        data = tomllib.loads(read_regular(path, MAX_TOML_BYTES).decode("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return Settings(problem=f"{path}: not read ({exc}); the default keys and theme are used")
    settings = Settings()
    theme = data.get("theme")
    if isinstance(theme, str):
        settings.theme = theme
    keymap = data.get("keymap", {})
    if not isinstance(keymap, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in keymap.items()):
        settings.problem = f'{path}: [keymap] must map binding ids to keys ("view.countries" = "c"); ignored'
    else:
        settings.keymap = dict(keymap)
    return settings


def remember_theme(theme: str, path: Path | None = None) -> None:
    """Write ``theme`` into the settings file, keeping what else it says (atomically)."""
    path = path or config_file()
    try:
        data = tomllib.loads(read_regular(path, MAX_TOML_BYTES).decode("utf-8")) if path.exists() else {}
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return  # a file the user broke is not overwritten: they will see its problem at the next start
    if data.get("theme") == theme:
        return
    data["theme"] = theme
    path.parent.mkdir(parents=True, exist_ok=True)
    write_toml_atomic(path, data, header="# coalition-tui settings: theme, and [keymap] binding id = keys.\n")
