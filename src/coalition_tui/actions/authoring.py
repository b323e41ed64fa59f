"""Records the analyst writes: a quote chosen in the article's text, saved as a curated record.

The quote is always the article's own characters between two offsets; it is moved a word at a time
inside its paragraph. A new record is appended to its article's records file
(``commitments/SOURCE.toml``, made if missing) atomically under the data folder's lock, the rest of
the file kept as written; undoing it removes that table again.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass

from coalition_tui.extraction.clean import clean
from coalition_tui.extraction.sentences import split_sentences
from coalition_tui.store import journal
from coalition_tui.store.corpus import Corpus
from coalition_tui.store.errors import CoalitionError
from coalition_tui.store.journal import Entry, Mark
from coalition_tui.store.loader import RECORD_TABLE, record_from_table
from coalition_tui.store.locking import DataLocked, data_lock
from coalition_tui.store.model import Commitment, Kind, Origin, Stance, trusted_commitment
from coalition_tui.store.problems import display_path
from coalition_tui.store.serialize import record_table
from coalition_tui.store.tomlio import (
    MAX_TOML_BYTES,
    TooDeep,
    array_table_offsets,
    dumps,
    parse_toml,
    read_regular,
    write_bytes_atomic,
)

_WORD = re.compile(r"\S+")


class AuthoringError(CoalitionError):
    """A one-line reason the record could not be saved; nothing was written."""


@dataclass(frozen=True)
class Draft:
    """A record as the form holds it: the quote is ``text[start:end]`` of the source's article."""

    source: str
    start: int
    end: int
    country: str
    kind: Kind
    stance: Stance
    summit: str
    person: str | None = None
    note: str = ""


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """The article's sentences as (start, end) offsets of ``text`` (the splitter leaves page furniture out)."""
    cleaned = clean(text)
    out = []
    for sentence in split_sentences(cleaned):
        start, end = cleaned.original_span(sentence.start, sentence.end)
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            out.append((start, end))
    return out


def paragraph_of(text: str, offset: int) -> tuple[int, int]:
    """(start, end) of the line of ``text`` that holds ``offset``."""
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return start, len(text) if end < 0 else end


def _words(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [(m.start() + start, m.end() + start) for m in _WORD.finditer(text[start:end])]


def move_span(text: str, start: int, end: int, edge: str, step: int) -> tuple[int, int]:
    """The quote ``text[start:end]`` with one edge moved by ``step`` words (``edge`` "start" or "end";
    a negative step moves left). It stays inside its paragraph and keeps at least one word."""
    lo, hi = paragraph_of(text, start)
    words = _words(text, lo, hi)
    if not words:
        return start, end
    first = next((i for i, (a, b) in enumerate(words) if b > start), len(words) - 1)
    last = max((i for i, (a, b) in enumerate(words) if a < end), default=first)
    if edge == "start":
        first = min(max(0, first + step), last)
    else:
        last = max(min(len(words) - 1, last + step), first)
    return words[first][0], words[last][1]


def _free_id(corpus: Corpus, source: str, on_disk: set[object]) -> str:
    """A new analyst record id for ``source``: free in the corpus loaded and in the records file as it
    is on disk now (read under the lock), so two windows saving at once never share an id."""
    taken = set(corpus.homes) | {r.id for r in corpus.rejected} | on_disk
    n = 1
    while f"{source}-analyst-{n}" in taken:
        n += 1
    return f"{source}-analyst-{n}"


def _table(draft: Draft, text: str, record_id: str) -> dict[str, object]:
    """The draft's ``[[commitment]]`` table (validated once, by ``record_from_table``)."""
    d = draft
    quote = text[d.start : d.end]
    record = trusted_commitment(
        record_id, d.country, d.summit, d.source, d.kind, d.stance, quote, d.start, d.end, d.person or None,
        (), Origin.CURATED, 1.0, False, d.note,
    )  # fmt: skip
    return record_table(record)


def add_record(corpus: Corpus, draft: Draft, mark: Mark | None = None, batch: list[Entry] | None = None) -> Commitment:
    """Validate ``draft`` and append it to its article's records file as a curated record, stamped with
    who made it and when; the journal entry goes into ``batch`` (else it is written at once)."""
    mark = mark or Mark.now()
    text = corpus.texts.get(draft.source)
    if text is None:
        raise AuthoringError(f"source {draft.source!r} is not in the corpus")
    if not (0 <= draft.start < draft.end <= len(text)) or not text[draft.start : draft.end].strip():
        raise AuthoringError("the quote is empty; choose at least one word of the article")
    path = corpus.root / "commitments" / f"{draft.source}.toml"
    shown = display_path(path)
    try:
        with data_lock(corpus.root):
            existing = read_regular(path, MAX_TOML_BYTES).decode("utf-8") if path.exists() else ""
            data = parse_toml(existing)
            tables = data.get(RECORD_TABLE, [])
            on_disk = {t.get("id") for t in tables if isinstance(t, dict)}  # another window's saves included
            record_id = _free_id(corpus, draft.source, on_disk)
            table = _table(draft, text, record_id) | {"decided_by": mark.by, "decided_at": mark.at}
            record, problems = record_from_table(corpus, table, {}, shown, None)
            if record is None:
                raise AuthoringError(str(problems[0]) if problems else "the record does not validate")
            block = dumps({RECORD_TABLE: [table]})
            new_text = (existing.rstrip("\n") + "\n\n" + block).lstrip("\n")
            if tomllib.loads(new_text).get(RECORD_TABLE, [])[:-1] != tables:
                raise AuthoringError(f"{shown}: its layout does not allow appending safely; add the record by hand")
            path.parent.mkdir(parents=True, exist_ok=True)
            write_bytes_atomic(path, new_text.encode("utf-8"))
            journal.keep(corpus.root, [Entry(record_id, "add", mark.by, mark.at, mark.batch)], batch)
    except DataLocked as exc:
        raise AuthoringError(f"{shown}: {exc.strerror}; nothing saved") from None
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, TooDeep) as exc:
        raise AuthoringError(f"{shown}: cannot read it to append ({exc}); fix it first") from None
    except OSError as exc:
        raise AuthoringError(f"{shown}: could not save ({exc.strerror or exc}); nothing written") from None
    corpus.homes[record.id] = (path, len(tables))
    corpus.put(record)
    return record


def remove_record(
    corpus: Corpus, record_id: str, mark: Mark | None = None, batch: list[Entry] | None = None, undoes: str = ""
) -> None:
    """Take back a record :func:`add_record` wrote: its table is removed from the file, if it is
    still that file's last one and unchanged (otherwise nothing is touched and the reason raised).
    ``undoes``: the journal batch that added it (the removal is journalled as its undo)."""
    mark = mark or Mark.now()
    home = corpus.homes.get(record_id)
    record = corpus.record(record_id)
    if home is None or record is None:
        raise AuthoringError(f"record {record_id!r} is not in the corpus")
    path, index = home
    shown = display_path(path)
    try:
        with data_lock(corpus.root):
            text = read_regular(path, MAX_TOML_BYTES).decode("utf-8")
            data = parse_toml(text)
            tables = data.get(RECORD_TABLE, [])
            if index != len(tables) - 1 or tables[index].get("id") != record_id:
                raise AuthoringError(f"{shown}: the file changed since the record was added; remove it by hand")
            begin = array_table_offsets(text, RECORD_TABLE)
            new_text = text[: begin[index]].rstrip("\n") + "\n" if index < len(begin) else None
            if new_text is None or tomllib.loads(new_text).get(RECORD_TABLE, []) != tables[:-1]:
                raise AuthoringError(f"{shown}: cannot remove the record's table safely; remove it by hand")
            write_bytes_atomic(path, new_text.lstrip("\n").encode("utf-8"))
            journal.keep(corpus.root, [Entry(record_id, "undo", mark.by, mark.at, mark.batch, undoes=undoes)], batch)
    except DataLocked as exc:
        raise AuthoringError(f"{shown}: {exc.strerror}; nothing changed") from None
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, TooDeep, OSError) as exc:
        raise AuthoringError(f"{shown}: cannot update it ({exc}); nothing changed") from None
    corpus.discard(record_id)
    del corpus.homes[record_id]
