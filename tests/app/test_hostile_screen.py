"""What the app writes to the terminal, byte for byte, with a hostile article loaded: in every view,
no escape sequence, C1 control, bidi override or zero-width character from the data reaches it.

The headless driver normally discards the frames; here a recording driver keeps them, exactly the
bytes a real terminal would receive.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import ClassVar

import pytest
from conftest import ingest_one, loaded, open_source, pilot_test
from textual.drivers import headless_driver

from coalition_tui.store.loader import load_corpus
from coalition_tui.store.safe import INVISIBLE
from coalition_tui.tui import make_app

HOSTILE_SEQUENCES = (
    "\x1b]2;PWNED-TITLE\x07",  # OSC 2: retitle the terminal
    "\x1b]0;PWNED-ICON\x07",
    "\x1b]52;c;ZXZpbA==\x07",  # OSC 52: write the clipboard
    "\x1b[2J",  # CSI 2J: clear the screen
    "\x1b]8;;https://evil.example\x1b\\",  # OSC 8 link
    "\x9b2J",  # 8-bit CSI
)
BIDI_AND_INVISIBLE = "\u202e\u2066\u2067\u2068\u2069\u200b\u200c\u200d\u2028"
HEADLINE = "Paris, 27 March 2025 " + " ".join(HOSTILE_SEQUENCES) + " \u202eevil\u202c \u200bhidden\u200d"
ARTICLE = (
    f"{HEADLINE}\n\n"
    "Britain would send troops \x1b[2J to Ukraine\u202e, said Keir Starmer.\n"
    "France said it would provide air support \u2066reversed\u2069 and \u200bhidden.\x9b31m\n"
    "Germany would send engineers\x1b]2;PWNED-TITLE\x07 to Ukraine\u2028.\n"
)
# the app's own sequences: colours (SGR), cursor moves, the pointer shape
_OWN = re.compile(r"\x1b\[[0-9;]*[mH]|\x1b\]22;[a-z-]+\x07")
_FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f" + "".join(map(chr, INVISIBLE)) + "\u2028\u2029]")


class RecordingDriver(headless_driver.HeadlessDriver):
    """A headless driver that keeps what the app writes, as a terminal driver would send it."""

    written: ClassVar[list[str]] = []

    @property
    def is_headless(self) -> bool:
        return False  # so the app renders its frames to this driver

    def write(self, data: str) -> None:
        RecordingDriver.written.append(data)

    def flush(self) -> None:
        return None


@pytest.fixture
def hostile_data(data_copy: Path, tmp_path: Path) -> Path:
    article = tmp_path / "\x1b]2;NAME-PWNED\x07hostile.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    source, records = ingest_one(data_copy, article, "2025-03-27-paris")
    assert records
    assert HEADLINE in load_corpus(data_copy).sources[source].headline  # kept verbatim in the data
    return data_copy


def leaks(out: str) -> list[str]:
    """What in ``out`` a terminal would obey or hide and that the app did not write itself."""
    found = [repr(s) for s in HOSTILE_SEQUENCES if s in out]
    rest = _OWN.sub("", out)
    found += sorted({repr(m.group()) for m in _FORBIDDEN.finditer(rest) if m.group() not in "\n"})
    return found


STEPS: list[tuple[str, list[str]]] = [
    ("Overview", ["1"]),
    ("Evidence", ["enter"]),
    ("back", ["escape"]),
    ("Countries", ["2", "j", "j"]),
    ("Across meetings", ["a"]),
    ("back", ["escape"]),
    ("Summits", ["3", "j", "j"]),
    ("Sources", ["4"]),
    ("Names", ["5"]),
    ("Names reversed", ["s"]),
    ("Problems", ["6"]),
    ("Review", ["7"]),
    ("Review edit", ["E"]),
    ("back", ["escape"]),
    ("Help", ["question_mark"]),
    ("back", ["escape"]),
    ("Add articles", ["plus"]),
    ("back", ["escape"]),
]


@pilot_test
async def test_no_view_writes_an_escape_sequence_or_bidi_control_from_an_article(hostile_data: Path, monkeypatch):
    monkeypatch.setattr(headless_driver, "HeadlessDriver", RecordingDriver)
    RecordingDriver.written = []
    app = make_app(hostile_data, blink=False)
    report: dict[str, list[str]] = {}
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)

        async def step(name: str, keys: list[str]) -> None:
            start = len(RecordingDriver.written)
            for key in keys:
                await pilot.press(key)
                await pilot.pause()
            await pilot.pause()
            report[name] = leaks("".join(RecordingDriver.written[start:]))

        for name, keys in STEPS:
            await step(name, keys)
        await step("Sources", ["4"])
        await open_source(pilot, next(s for s in app.corpus.sources if "hostile" in s))  # its title, records, text
        await step("Sources: the hostile article", ["tab", "j", "j"])
        await step("Sources: a record selected", ["space"])
        await step("Diff", ["shift+tab", "d", "k", "d"])
        await step("Claims diff", ["t"])
        await step("back", ["escape"])
        await step("Export dialog", ["e"])
        await step("back", ["escape"])
    assert RecordingDriver.written, "the recording driver saw no frame"
    assert {name: found for name, found in report.items() if found} == {}


@pilot_test
async def test_a_long_article_with_thousands_of_records_paints_only_the_rows_on_screen(
    data_copy: Path, tmp_path: Path, monkeypatch
):
    """Sources used to mount a widget per line and style every line with every record: a 1 MB article
    with 24,000 candidates froze the app for minutes. Now only the rows on screen are painted."""
    from coalition_tui.tui.article import ArticleView

    # one record per article, actor and kind: every country, each offering and refusing nine things
    things = [
        "troops",
        "jets",
        "frigates",
        "drones",
        "funding",
        "trainers",
        "logistics",
        "intelligence",
        "a headquarters",
    ]
    names = [c.name for c in load_corpus(data_copy).gazetteer.countries.values() if c.id not in {"RUS", "BLR", "UKR"}]
    lines = [
        f"Country number {i} aside, {name} said it {verb} {thing} to Ukraine."
        for i, (verb, thing, name) in enumerate(
            (verb, thing, name) for verb in ("would provide", "would not provide") for thing in things for name in names
        )
    ]
    article = tmp_path / "long.txt"
    article.write_text("Paris, 27 March 2025.\n\n" + "\n".join(lines) + "\n", encoding="utf-8")
    source, records = ingest_one(data_copy, article, "2025-03-27-paris")
    assert len(records) >= 3000
    painted: list[int] = []
    real = ArticleView.render_line
    monkeypatch.setattr(ArticleView, "render_line", lambda self, y: painted.append(y) or real(self, y))
    app = make_app(data_copy, blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("4")
        await pilot.pause()
        await open_source(pilot, source)
        await pilot.pause()
        view = app.screen.query_one("#article", ArticleView)
        assert len(painted) < 40 * 6  # a few frames of one screen, never the 3,000 lines
        painted.clear()
        await pilot.press("tab", "G")  # the last record: its quote scrolled into view
        await pilot.pause()
        await pilot.pause()
        last = max(records, key=lambda r: r.start)
        shown = view.rows_text()[view.scroll_offset.y : view.scroll_offset.y + view.size.height]
        assert any(last.quote[:40] in row for row in shown)
        assert len(painted) < 40 * 6


@pilot_test
async def test_the_app_opens_beside_a_records_file_of_wrong_types_and_names_it(data_copy: Path):
    (data_copy / "commitments" / "zz_bad.toml").write_text(
        'source = ["004_546e8795ffd0dea9"]\nsummit = {a = 1}\n[[commitment]]\nid = "a"\n', encoding="utf-8"
    )
    app = make_app(data_copy, blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        assert app.corpus is not None and len(app.corpus.records) == len(load_corpus(data_copy).records) > 0
        await pilot.press("6")
        await pilot.pause()
        table = app.screen.query_one("#problems")
        cells = [str(cell) for i in range(table.row_count) for cell in table.get_row_at(i)]
        assert any("zz_bad.toml" in cell for cell in cells)
