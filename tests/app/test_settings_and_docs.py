"""One registry per concept (issue 18): a keymap file remaps a key, the theme is remembered, and
README's keys table is the app's bindings."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

from conftest import DATA, REPO, heading, loaded, pilot_test

from coalition_tui.store.paths import CONFIG_ENV
from coalition_tui.tui import make_app
from coalition_tui.tui.dialogs import keys_markdown
from coalition_tui.tui.settings import load_settings
from coalition_tui.tui.views import VIEWS

README = REPO / "README.md"


def test_readmes_keys_table_is_the_apps_bindings():
    text = README.read_text(encoding="utf-8")
    block = text.split("<!-- keys:", 1)[1].split("-->", 1)[1].split("<!-- /keys -->", 1)[0]
    assert block.strip() == keys_markdown().strip(), (
        "run: python -c 'from coalition_tui.tui.dialogs import keys_markdown; print(keys_markdown())'"
    )


def test_every_view_has_a_key_a_mode_and_a_palette_command():
    from coalition_tui.tui.app import CoalitionApp

    assert set(CoalitionApp.MODES) == {v.mode for v in VIEWS}
    assert [v.key for v in VIEWS] == [str(n) for n in range(1, len(VIEWS) + 1)]
    markdown = keys_markdown()
    assert all(f"`view.{v.mode}`" in markdown for v in VIEWS)


@pilot_test
async def test_a_keymap_file_remaps_a_key(tmp_path: Path, monkeypatch):
    config = tmp_path / "config.toml"
    config.write_text('[keymap]\n"view.countries" = "c"\n', encoding="utf-8")
    monkeypatch.setenv(CONFIG_ENV, str(config))
    app = make_app(DATA, blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("2")  # no longer Countries' key
        await pilot.pause()
        assert heading(app) == "Overview"
        await pilot.press("c")
        await pilot.pause()
        assert heading(app) == "Countries"


@pilot_test
async def test_the_theme_is_remembered(tmp_path: Path, monkeypatch):
    config = tmp_path / "config.toml"
    config.write_text('# mine\n[keymap]\n"app.help" = "f1"\n', encoding="utf-8")
    monkeypatch.setenv(CONFIG_ENV, str(config))
    app = make_app(DATA, blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        app.theme = "textual-light"
        await pilot.pause()
    saved = tomllib.loads(config.read_text(encoding="utf-8"))
    assert saved == {"theme": "textual-light", "keymap": {"app.help": "f1"}}  # the keymap kept
    again = make_app(DATA, blink=False)
    async with again.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        assert again.theme == "textual-light"


def test_a_broken_settings_file_is_one_line_and_the_defaults(tmp_path: Path):
    config = tmp_path / "config.toml"
    config.write_text("[keymap\n", encoding="utf-8")
    settings = load_settings(config)
    assert settings.keymap == {} and str(config) in settings.problem and "\n" not in settings.problem
    assert os.environ.get(CONFIG_ENV) != str(Path.home() / ".config" / "coalition-tui" / "config.toml")
