"""The user's settings file: a keymap (binding id = keys) and the theme, which is remembered.

``$COALITION_TUI_CONFIG``, else ``config.toml`` in the user config folder (platformdirs:
``~/.config/coalition-tui`` on Linux). For example::

    theme = "textual-light"
    reviewer = "Ana Lopes"          # who review decisions are recorded as (else the login name)

    [keymap]
    "view.countries" = "c"          # the ids are in the help screen (?) and README's keys table
    "selection.export" = "ctrl+e,e"

The file is read through the checked reader (a regular file, a byte limit, bounded nesting); what it
says that is not understood (an unknown binding id or theme) is reported, never silently ignored; the
theme is written back with tomlkit, so the file's comments and layout are kept.
"""

from __future__ import annotations

import tomllib
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from coalition_tui.store.paths import config_file
from coalition_tui.store.tomlio import (
    TooDeep,
    UnreadableFile,
    load_toml_file,
    parse_toml,
    read_regular,
    write_bytes_atomic,
)

MAX_SETTINGS_BYTES = 1024 * 1024


@dataclass
class Settings:
    theme: str | None = None
    keymap: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)  # one line each: what in the file was not understood

    @property
    def problem(self) -> str:
        return "; ".join(self.problems)


def load_settings(
    path: Path | None = None, binding_ids: Collection[str] | None = None, themes: Collection[str] | None = None
) -> Settings:
    """The settings, or the defaults with one-line problems for what cannot be used. ``binding_ids`` and
    ``themes``: what the app knows; a keymap entry or theme outside them is reported and left out."""
    path = path or config_file()
    if not path.exists():
        return Settings()
    try:
        data = load_toml_file(path, MAX_SETTINGS_BYTES)
    except UnreadableFile as exc:
        return Settings(problems=[f"{exc}; the default keys and theme are used"])
    settings = Settings()
    theme = data.get("theme")
    if theme is not None and not isinstance(theme, str):
        settings.problems.append(f"{path}: theme must be a name in quotes; the default theme is used")
    elif isinstance(theme, str) and themes is not None and theme not in themes:
        settings.problems.append(f"{path}: unknown theme {theme!r} (the palette, Ctrl+P, lists them)")
    elif isinstance(theme, str):
        settings.theme = theme
    reviewer = data.get("reviewer")
    if reviewer is not None and not (isinstance(reviewer, str) and reviewer.strip()):
        settings.problems.append(f"{path}: reviewer must be a name in quotes; decisions are recorded as the login name")
    keymap = data.get("keymap", {})
    if not isinstance(keymap, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in keymap.items()):
        settings.problems.append(f'{path}: [keymap] must map binding ids to keys ("view.countries" = "c"); ignored')
        return settings
    unknown = sorted(k for k in keymap if binding_ids is not None and k not in binding_ids)
    if unknown:
        settings.problems.append(
            f"{path}: [keymap] unknown binding id {', '.join(map(repr, unknown))} (the ids are in the help screen, ?)"
        )
    settings.keymap = {k: v for k, v in keymap.items() if k not in unknown}
    return settings


def remember_theme(theme: str, path: Path | None = None) -> None:
    """Write ``theme`` into the settings file atomically, keeping its comments and everything else it
    says. A file that cannot be read or parsed is left as it is (its problem is shown at start)."""
    import tomlkit  # here, not at start: the first frame does not wait for it
    from tomlkit.exceptions import TOMLKitError
    from tomlkit.items import Table

    path = path or config_file()
    try:
        text = read_regular(path, MAX_SETTINGS_BYTES).decode("utf-8") if path.exists() else ""
        parse_toml(text)  # syntax and depth checked as at start, before tomlkit walks it
        document = tomlkit.parse(text)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, TooDeep, TOMLKitError):
        return  # a file the user broke is not overwritten
    if document.get("theme") == theme:
        return
    if not text:
        document.add(tomlkit.comment("coalition-tui settings: theme, and [keymap] binding id = keys."))
    if "theme" in document:
        document["theme"] = theme
    else:
        body = document.body
        first_table = next((i for i, (_key, item) in enumerate(body) if isinstance(item, Table)), None)
        if first_table is None:
            document.add("theme", theme)
        else:  # a top-level key must come before the first [table]
            body.insert(first_table, (tomlkit.key("theme"), tomlkit.item(theme)))
    path.parent.mkdir(parents=True, exist_ok=True)
    write_bytes_atomic(path, tomlkit.dumps(document).encode("utf-8"))
