"""Shared fixtures: the bundled corpus, and a writable copy of it to break."""

from __future__ import annotations

import os
import shutil
import tempfile
import tomllib
from pathlib import Path

import pytest

from coalition_tui.store.corpus import Corpus
from coalition_tui.store.loader import load_corpus
from coalition_tui.store.model import Commitment
from coalition_tui.store.resolve import Resolver

TESTS = Path(__file__).resolve().parent  # unit/ and app/ share these fixtures and paths
REPO = TESTS.parent
DATA = REPO / "data"
SEEDS = REPO / "seeds"
ARTICLES = TESTS / "articles"  # test articles, in our own words


# The corpus cache goes to a throw-away folder, never the user's ~/.cache.
os.environ.setdefault("COALITION_TUI_CACHE", tempfile.mkdtemp(prefix="coalition-cache-"))
# ... and the settings file (keymap, theme) too: a test never reads or changes the user's
os.environ.setdefault("COALITION_TUI_CONFIG", str(Path(tempfile.mkdtemp(prefix="coalition-config-")) / "config.toml"))


@pytest.fixture(scope="session")
def corpus() -> Corpus:
    return load_corpus(DATA)


@pytest.fixture(scope="session")
def resolver(corpus: Corpus) -> Resolver:
    return corpus.resolver


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of data/ and seeds/ side by side, as in the repository."""
    shutil.copytree(DATA, tmp_path / "data")
    shutil.copytree(SEEDS, tmp_path / "seeds")
    return tmp_path / "data"


async def loaded(pilot) -> None:
    """Wait until the app has loaded its corpus and painted the first view."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


def country_text(app) -> str:
    """What Countries shows of the current country: its heading, every record line (uncut) and the
    highlighted record's whole block."""
    from textual.widgets import Static

    from coalition_tui.tui.record_pane import RecordPane

    screen = app.screen
    return "\n".join(
        [
            str(screen.query_one("#country-detail", Static).render()),
            *screen.query_one(RecordPane).lines_text(width=2000),
            str(screen.query_one("#country-record", Static).render()),
        ]
    )


@pytest.fixture
def broken_data(data_copy: Path) -> Path:
    """A corpus with a malformed commitments file and a record naming an unknown country."""
    (data_copy / "commitments" / "zz_broken.toml").write_text(
        'source = "004_546e8795ffd0dea9"\n\n[[commitment]]\nid = "bad-country"\ncountry = "Atlantis"\n'
        'kind = "troops_in_ukraine"\nstance = "declined"\nquote = "would not contribute troops"\n',
        encoding="utf-8",
    )
    (data_copy / "commitments" / "zz_malformed.toml").write_text("[[commitment]\nid = 1\n", encoding="utf-8")
    return data_copy


def pilot_test(fn):
    """Run an ``async def`` test (a Pilot flow) with asyncio; fixtures work as usual."""
    import asyncio
    import functools

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        return asyncio.run(fn(*args, **kwargs))

    return wrapper


@pytest.fixture
def review_data(data_copy: Path) -> Path:
    """The bundled corpus plus one ingested article (tests/articles/nordic.txt) whose candidates await review."""
    ingest_one(data_copy, DATA.parent / "tests" / "articles" / "nordic.txt", "2026-01-06-paris")
    return data_copy


@pytest.fixture
def reviewed_twice(tmp_path: Path) -> tuple[Path, Path, list[str]]:
    """Two copies of one corpus (the bundled one plus nordic.txt's candidates), reviewed by two people
    who agree on four of the first six candidates: A accepts 0-3 and rejects 4-5; B accepts 0-2 (0
    with another stance) and 5, and rejects 3-4. Their κ on the six is 0.25."""
    from coalition_tui.actions import review
    from coalition_tui.cli import main
    from coalition_tui.store.journal import Mark
    from coalition_tui.store.model import Stance

    a, b = tmp_path / "a", tmp_path / "b"
    shutil.copytree(DATA, a)
    assert main(["ingest", "--data", str(a), "--summit", "2026-01-06-paris", str(ARTICLES / "nordic.txt")]) == 0
    shutil.copytree(a, b)
    ids = [r.id for r in review.queue(load_corpus(a))][:6]
    corpus_a, corpus_b = load_corpus(a), load_corpus(b)
    ana, ben = Mark.now("Ana"), Mark.now("Ben")
    for rid in ids[:4]:
        review.accept(corpus_a, rid, ana)
    for rid in ids[4:6]:
        review.reject(corpus_a, rid, ana)
    for rid in ids[:3]:
        review.accept(corpus_b, rid, ben)
    for rid in ids[3:5]:
        review.reject(corpus_b, rid, ben)
    review.accept(corpus_b, ids[5], ben)
    edited = next(s for s in (Stance.CONSIDERING, Stance.OPPOSED) if s != corpus_b.record(ids[0]).stance)
    review.edit(corpus_b, ids[0], review.Change(stance=edited), ben)  # still accepted, with another stance
    return a, b, ids


def permission_denied(*_args, **_kwargs):
    """Patched over ``tempfile.mkstemp``: a read-only folder (root ignores file modes, so it is simulated)."""
    raise PermissionError(13, "Permission denied")


def disk_full(*_args, **_kwargs):
    """Patched over ``os.fsync``: the disk fills while the temp file is written."""
    raise OSError(28, "No space left on device")


UNKNOWN_NAMES_NEWS = (
    "Paris, 6 January 2026.\n\n"
    "Latvian Defence Minister Andris Ozolkalns said Latvia would send military instructors to Ukraine.\n\n"
    "Estonia's Defence Minister Hanno Pevkurr said Estonia would help with air policing.\n"
)


@pytest.fixture
def unknown_names_data(data_copy: Path, tmp_path: Path) -> Path:
    """The bundled corpus plus an article (our own words) naming two people the gazetteer lacks."""
    article = tmp_path / "baltic.txt"
    article.write_text(UNKNOWN_NAMES_NEWS, encoding="utf-8")
    ingest_one(data_copy, article, "2026-01-06-paris")
    return data_copy


@pytest.fixture
def mixed_data(data_copy: Path, tmp_path: Path) -> Path:
    """The bundled corpus plus an article (our own words) where Norway refuses troops but offers logistics."""
    article = tmp_path / "oslo.txt"
    article.write_text(
        "Paris, 6 January 2026.\n\nNorway will not send troops to Ukraine but will provide logistics, "
        "its prime minister said.\n",
        encoding="utf-8",
    )
    ingest_one(data_copy, article, "2026-01-06-paris")
    return data_copy


def load_back(tmp: Path, export_file: Path) -> list[Commitment]:
    """A data folder whose only records are the exported file; its records, in order."""
    root = tmp / "reload"
    if root.exists():
        shutil.rmtree(root)
    shutil.copytree(DATA, root / "data", ignore=shutil.ignore_patterns("commitments"))
    shutil.copytree(SEEDS, root / "seeds")
    (root / "data" / "commitments").mkdir()
    shutil.copy(export_file, root / "data" / "commitments" / "export.toml")
    corpus = load_corpus(root / "data")
    assert [str(p) for p in corpus.problems] == []
    return corpus.records


def _screen_rows(app) -> list[list]:
    """The current screen as the terminal gets it: a list of rows of Rich segments (the same render
    as ``App.export_screenshot``, kept as segments so that a test can read the text and its styles)."""
    import io

    from rich.console import Console
    from rich.segment import Segment

    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), force_terminal=True, legacy_windows=False)
    update = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    return [list(line) for line in Segment.split_lines(console.render(update))]


def shown(app) -> str:
    """What the screen shows, as plain text: one line per terminal row."""
    return "\n".join("".join(s.text for s in row if not s.control).rstrip() for row in _screen_rows(app))


def painted(app, style: str) -> str:
    """The text the screen paints with ``style`` (a Rich style such as ``"reverse"`` or ``"on #264f78"``):
    runs on successive rows joined by a space, spaces collapsed; scrollbar and box glyphs left out."""
    from rich.style import Style

    wanted = Style.parse(style)
    runs = []
    for row in _screen_rows(app):
        run = "".join(s.text for s in row if not s.control and s.style is not None and s.style + wanted == s.style)
        runs.append("".join(ch for ch in run if not 0x2500 <= ord(ch) <= 0x259F))
    return " ".join(" ".join(runs).split())


async def open_source(pilot, source_id: str) -> None:
    """In Sources (4), move down the list until the article pane shows ``source_id``'s file."""
    from coalition_tui.tui.render import inert

    app = pilot.app
    file = inert(app.corpus.sources[source_id].file)
    for _ in range(len(app.corpus.sources)):
        if file in shown(app):
            return
        await pilot.press("j")
        await pilot.pause()
    assert file in shown(app), f"{source_id} is not shown"


def heading(app) -> str:
    """The view the header names: what comes before " — " on the screen's first line (the open folder
    and the counts follow it)."""
    first = shown(app).splitlines()[0]
    return first.split(" — ", 1)[0].split("⭘", 1)[-1].strip() if " — " in first else ""


def table_of(data: Path, record_id: str) -> dict:
    """A record's table as its ``commitments/*.toml`` file holds it now."""
    for path in (data / "commitments").glob("*.toml"):
        for table in tomllib.loads(path.read_text(encoding="utf-8")).get("commitment", []):
            if table["id"] == record_id:
                return table
    raise AssertionError(record_id)


def ingest_one(data: Path, article: Path, summit: str) -> tuple[str, list[Commitment]]:
    """Ingest ``article`` into ``data`` as the command line does: its source id and its candidate
    records, read back from the folder."""
    from coalition_tui.actions.ingest import ingest_many

    result = ingest_many(load_corpus(data), [article], summit=summit)
    assert not result.problems and len(result.added) == 1, result.problems
    source = result.added[0]
    return source, list(load_corpus(data).by_source.get(source, []))
