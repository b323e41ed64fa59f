"""The one way a worker reports to the screen: a typed message, posted from its thread and handled on
the screen's (``on_<name>`` handlers). No worker calls into widgets itself."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from textual.message import Message

from coalition_tui.store.derived import Change

if TYPE_CHECKING:
    from coalition_tui.actions.ingest import IngestResult, Preview
    from coalition_tui.analysis.browse import NameRow
    from coalition_tui.analysis.diffing import ArticleDiff
    from coalition_tui.store.corpus import Corpus
    from coalition_tui.store.model import Mention
    from coalition_tui.tui.rows import Row
    from coalition_tui.workspace.stamp import Stamp


class _Local(Message, bubble=False):
    """Handled where it is posted (a screen's job reports to that screen, the app's to the app)."""


@dataclass
class WorkProgress(_Local):
    """How far a long job is: a stage, done of total."""

    stage: str
    done: int
    total: int


@dataclass
class WorkFailed(_Local):
    """A job could not be done; ``reason`` is one line for the user."""

    reason: str


@dataclass
class ArticlesAdded(_Local):
    """Add articles' worker: what ingest did (None when nothing could be read), the problems in one
    line each, and the corpus read again when anything was added."""

    result: IngestResult | None
    problems: list[str]
    fresh: Corpus | None


@dataclass
class ArticleRead(_Local):
    """Add articles' worker: one article read (fetched, converted) before it is added, or why not."""

    preview: Preview | None
    problem: str = ""


@dataclass
class StoriesFound(_Local):
    """Sources' worker: which articles tell the same story (computed once per corpus version)."""


@dataclass
class MentionsFound(_Local):
    """Sources' worker: the names found in one article."""

    source: str
    mentions: list[Mention]


@dataclass
class NamesCollected(_Local):
    """Names' worker: every surface form seen, with what it resolved to."""

    rows: list[NameRow]


@dataclass
class DiffReady(_Local):
    """The diff's worker: two articles compared, and the rows to show."""

    a: str
    b: str
    result: ArticleDiff
    rows: list[Row]
    row_of: dict[int, int]


@dataclass
class ExportWritten(_Local):
    """The export the app wrote in a thread: where, how many records, or why not."""

    path: Path
    records: int
    error: str = ""


@dataclass
class CorpusChanged(_Local):
    """The workspace changed the corpus (posted to the app, which tells the screens)."""

    change: Change


@dataclass
class CorpusReadAgain(_Local):
    """The corpus as another process left it, read in a worker while the workspace was at ``version``."""

    corpus: Corpus
    version: int
    stamp: Stamp
