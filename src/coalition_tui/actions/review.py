"""Reviewing extracted candidates: accept, reject (reversibly) and edit, each saved to data/ at once.

Every decision rewrites only the record's own ``[[commitment]]`` table in its file, atomically (temp file
and ``os.replace``), before the corpus in memory changes: a crash between two decisions loses nothing
already decided, and a crash during one leaves the old file intact.
"""

from __future__ import annotations

import contextlib
import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coalition_tui.store import journal
from coalition_tui.store.corpus import Corpus
from coalition_tui.store.errors import CoalitionError
from coalition_tui.store.journal import Entry, Mark
from coalition_tui.store.loader import RECORD_TABLE, record_from_table
from coalition_tui.store.locking import DataLocked, data_lock
from coalition_tui.store.model import Commitment, Kind, Origin, Stance
from coalition_tui.store.normalize import fold
from coalition_tui.store.problems import display_path
from coalition_tui.store.tomlio import MAX_TOML_BYTES, TooDeep, parse_toml, read_regular, replace_array_table


class ReviewError(CoalitionError):
    """A one-line reason a decision could not be saved; the file and the corpus are unchanged."""


@dataclass(frozen=True)
class Change:
    """New values for the fields a reviewer may edit (None: unchanged; person "" removes the person).
    ``span``: the quote's new (start, end) in the article; the quote becomes those characters."""

    kind: Kind | None = None
    stance: Stance | None = None
    country: str | None = None
    person: str | None = None
    span: tuple[int, int] | None = None
    summit: str | None = None
    note: str | None = None


def queue(corpus: Corpus) -> list[Commitment]:
    """Records left to review: extracted and not yet accepted or rejected, in source and text order."""
    left: list[Commitment] = []
    for source in sorted(corpus.by_source):  # many short sorts: twice as fast as one of 266,000 records
        left += sorted((r for r in corpus.by_source[source] if r.unreviewed), key=lambda r: (r.start, r.id))
    return left


def unsure_queue(corpus: Corpus) -> list[Commitment]:
    """The candidates a reviewer marked unsure, in source and text order."""
    return sorted((r for r in corpus.records if r.unsure and not r.rejected), key=lambda r: (r.source, r.start, r.id))


# The confidence bands Review's ``c`` steps through: (label, lowest, highest-excluded).
BANDS: tuple[tuple[str, float, float], ...] = (
    ("confidence ≥ 0.9", 0.9, 2.0),
    ("confidence ≥ 0.8", 0.8, 2.0),
    ("confidence ≥ 0.7", 0.7, 2.0),
    ("confidence ≥ 0.5", 0.5, 2.0),
    ("confidence < 0.5", 0.0, 0.5),
)
ORDERS = ("article", "confidence", "country")  # how the queue can be sorted


def in_band(records: list[Commitment], low: float = 0.0, high: float = 2.0) -> list[Commitment]:
    """The records whose confidence is at least ``low`` and below ``high``."""
    return [r for r in records if low <= r.confidence < high]


def ordered(corpus: Corpus, records: list[Commitment], order: str) -> list[Commitment]:
    """The records by article and place in it (as the queue is), by confidence (highest first), or by
    country (then article)."""
    if order == "confidence":
        return sorted(records, key=lambda r: (-r.confidence, r.source, r.start, r.id))
    if order == "country":
        label = corpus.label
        return sorted(records, key=lambda r: (label(r.country), r.source, r.start, r.id))
    if order != "article":
        raise ValueError(f"unknown order {order!r}; one of: {', '.join(ORDERS)}")
    return sorted(records, key=lambda r: (r.source, r.start, r.id))


def matching(corpus: Corpus, records: list[Commitment], query: str) -> list[Commitment]:
    """The records every word of ``query`` finds in their country (name or code), source, kind, stance
    or person: "denmark troops", "article-0012", "declined". Case and accents do not matter."""
    terms = fold(query).split()
    if not terms:
        return list(records)
    tests = []
    for term in terms:
        tests.append(
            (
                {c for c in corpus.by_country if term in fold(corpus.label(c)) or term in c.lower()},
                {s for s in corpus.by_source if term in s.lower()},
                {k for k in Kind if term in k.value},
                {s for s in Stance if term in s.value},
                {p for p in corpus.by_person if term in fold(corpus.label(p))},
            )
        )
    return [
        r
        for r in records
        if all(
            r.country in countries
            or r.source in sources
            or r.kind in kinds
            or r.stance in stances
            or r.person in people
            for countries, sources, kinds, stances, people in tests
        )
    ]


def accept(corpus: Corpus, record_id: str, mark: Mark | None = None, batch: list[Entry] | None = None) -> Commitment:
    """The record becomes curated (a person vouched for it)."""
    return _save(
        corpus, record_id, {"origin": Origin.CURATED.value, "rejected": None, "unsure": None}, "accept", mark, batch
    )


def reject(corpus: Corpus, record_id: str, mark: Mark | None = None, batch: list[Entry] | None = None) -> Commitment:
    """The record moves to the rejected list: kept in its file, hidden from the views."""
    return _save(corpus, record_id, {"rejected": True, "unsure": None}, "reject", mark, batch)


def unsure(corpus: Corpus, record_id: str, mark: Mark | None = None, batch: list[Entry] | None = None) -> Commitment:
    """The reviewer cannot decide: the candidate moves to the unsure queue (still a candidate, not
    exported unless asked)."""
    record = corpus.record(record_id)
    if record is not None and record.origin is not Origin.EXTRACTED:
        raise ReviewError(f"record {record_id!r} is curated; only an extracted candidate can be marked unsure")
    return _save(corpus, record_id, {"unsure": True, "rejected": None}, "unsure", mark, batch)


def restore(corpus: Corpus, record_id: str, mark: Mark | None = None, batch: list[Entry] | None = None) -> Commitment:
    """Undo a rejection (or an "unsure"): the record is an unreviewed candidate again."""
    updates = {"rejected": None, "unsure": None, "origin": Origin.EXTRACTED.value}
    return _save(corpus, record_id, updates, "restore", mark, batch)


DECISIONS = ("accept", "reject", "unsure", "restore")


def decide(
    corpus: Corpus, action: str, record_id: str, mark: Mark | None = None, batch: list[Entry] | None = None
) -> Commitment:
    """One decision by name: accept, reject, unsure or restore (looked up when called)."""
    if action not in DECISIONS:
        raise ValueError(f"not a review decision: {action!r}")
    decider: Callable[..., Commitment] = globals()[action]
    return decider(corpus, record_id, mark, batch)


JOURNAL_CHUNK = 200  # a decision on many records writes the journal every this many records


@dataclass
class Decided:
    """What a decision on many records did: the records as they were (those decided), the one-line
    reasons of those that failed, and the journal entries written."""

    before: list[Commitment]
    failed: list[str]
    entries: list[Entry]


def decide_many(
    corpus: Corpus,
    action: str,
    record_ids: Iterable[str],
    mark: Mark | None = None,
    progress: Callable[[int, int], bool] | None = None,
) -> Decided:
    """The same decision on many records, each saved as it is made; the journal written in chunks, all
    under one batch (one undo). ``progress(done, total)`` returns False to stop."""
    mark = mark or Mark.now()
    ids = list(record_ids)
    out = Decided([], [], [])
    pending: list[Entry] = []

    def flush() -> None:
        out.entries.extend(pending)
        write_journal(corpus.root, pending)

    try:
        for done, record_id in enumerate(ids, 1):
            before = corpus.record(record_id)
            try:
                decide(corpus, action, record_id, mark, pending)
                if before is not None:
                    out.before.append(before)
            except ReviewError as exc:
                out.failed.append(str(exc))
            if len(pending) >= JOURNAL_CHUNK:
                flush()
            if progress is not None and not progress(done, len(ids)):
                break
    finally:
        flush()
    return out


def write_journal(root: Path, pending: list[Entry]) -> None:
    """Write the entries made so far (a failure to write the journal never undoes a saved decision)."""
    if not pending:
        return
    with contextlib.suppress(OSError), data_lock(root):  # DataLocked is an OSError: the log misses these
        journal.keep(root, pending)
    pending.clear()


def edit(
    corpus: Corpus, record_id: str, change: Change, mark: Mark | None = None, batch: list[Entry] | None = None
) -> Commitment:
    """Change kind, stance, country or person; the edited record counts as reviewed (curated)."""
    updates: dict[str, Any] = {"origin": Origin.CURATED.value, "rejected": None, "unsure": None}
    if change.kind is not None:
        updates["kind"] = change.kind.value
    if change.stance is not None:
        updates["stance"] = change.stance.value
    if change.country is not None:
        updates["country"] = change.country
    if change.person is not None:
        updates["person"] = change.person or None
    if change.summit is not None:
        updates["summit"] = change.summit
    if change.note is not None:
        updates["note"] = change.note or None
    if change.span is not None:
        record = corpus.record(record_id)
        text = corpus.texts.get(record.source, "") if record else ""
        start, end = change.span
        if not (0 <= start < end <= len(text)) or not text[start:end].strip():
            raise ReviewError("the quote is empty; choose at least one word of the article")
        updates |= {"quote": text[start:end], "start": start, "end": end}
    return _save(corpus, record_id, updates, "edit", mark, batch)


def undo_entry(corpus: Corpus, entry: Entry, mark: Mark, batch: list[Entry] | None = None) -> Commitment:
    """Put the record back as it was before ``entry`` (a decision or edit): its journal says which
    fields changed and how they were. Refused when the record was decided again since."""
    updates: dict[str, Any] = {**entry.before, **dict.fromkeys(entry.absent)}
    guard = (entry.by, entry.at)
    return _save(corpus, entry.record, updates, "undo", mark, batch, undoes=entry.batch, guard=guard)


def _save(
    corpus: Corpus,
    record_id: str,
    updates: dict[str, Any],
    action: str,
    mark: Mark | None,
    batch: list[Entry] | None,
    undoes: str = "",
    guard: tuple[str, str] | None = None,
) -> Commitment:
    """Read the record's file, change its table and replace the file, all under the data folder's
    lock: a decision made meanwhile by another process (another window, the CLI) is read here, kept,
    and never overwritten. A record that another process changed since this corpus loaded it is
    refused: the decision was made on what the reviewer saw, which is no longer what the file says.
    The decision is stamped with who and when (``mark``) and journalled: at once, or into ``batch``
    for the caller to write."""
    if record_id not in corpus.homes:
        raise ReviewError(f"record {record_id!r} is not in the corpus (was its file changed outside the app?)")
    mark = mark or Mark.now()
    if action != "undo":
        updates = updates | {"decided_by": mark.by, "decided_at": mark.at}
    path, index = corpus.homes[record_id]
    shown = display_path(path)
    try:
        with data_lock(corpus.root):
            record, (old, added) = _save_locked(corpus, record_id, updates, path, index, shown, guard)
            journal.keep(
                corpus.root, [Entry(record_id, action, mark.by, mark.at, mark.batch, old, added, undoes)], batch
            )
    except DataLocked as exc:
        raise ReviewError(f"{shown}: {exc.strerror}; nothing changed") from None
    except OSError as exc:
        raise ReviewError(f"{shown}: could not save ({exc.strerror or exc}); the file is unchanged") from None
    corpus.replace(record_id, record)
    return record


def _save_locked(
    corpus: Corpus,
    record_id: str,
    updates: dict[str, Any],
    path: Path,
    index: int,
    shown: str,
    guard: tuple[str, str] | None,
) -> tuple[Commitment, tuple[dict[str, Any], tuple[str, ...]]]:
    try:
        raw = read_regular(path, MAX_TOML_BYTES)
        text = raw.decode("utf-8")
        data = parse_toml(text)
        tables = data.get(RECORD_TABLE, [])
        table = dict(tables[index])
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, TooDeep, IndexError, TypeError, ValueError) as exc:
        raise ReviewError(f"{shown}: cannot read the record to update it ({exc}); nothing changed") from None
    if table.get("id") != record_id:
        raise ReviewError(f"{shown}: record {record_id!r} moved in the file since loading; reload, then retry")
    defaults: dict[str, Any] = {k: data[k] for k in ("source", "summit", "origin") if k in data}
    defaults.setdefault("origin", Origin.CURATED.value)
    as_loaded = corpus.record(record_id)
    on_disk, _ = record_from_table(corpus, dict(tables[index]), defaults, shown, None)
    if as_loaded is not None and on_disk is not None and on_disk != as_loaded:
        raise ReviewError(
            f"{shown}: record {record_id!r} was changed by another window or command since it was loaded; "
            "reopen the corpus to see the change, then decide again (nothing saved)"
        )
    if guard is not None and (table.get("decided_by", ""), table.get("decided_at", "")) != guard:
        by, at = table.get("decided_by", "someone"), table.get("decided_at", "an unknown time")
        raise ReviewError(f"{shown}: record {record_id!r} was decided again since ({by}, {at}); nothing changed")
    original = dict(table)
    for key, value in updates.items():
        if value is None:
            table.pop(key, None)
        else:
            table[key] = value
    if table.get("origin") == defaults["origin"] and "origin" not in tables[index]:
        table.pop("origin")  # the file's default already says it
    record, problems = record_from_table(corpus, table, defaults, shown, None)
    if record is None:
        raise ReviewError(str(problems[0]) if problems else f"{shown}: the change does not validate")
    replace_array_table(path, RECORD_TABLE, index, table, text, data)
    return record, journal.changed_fields(original, table)
