"""The decision journal: who accepted, rejected, called unsure, restored, edited or added which record,
and when, with what the record was before, so that a decision can be listed (``coalition-tui log``)
and undone, after a restart too.

It lives in the data folder as ``decisions/YYYY-MM-DD.toml`` (a file a day, UTC), one ``[[decision]]``
table per record and decision, human-readable like the rest of ``data/``::

    [[decision]]
    record = "article-0012-r3"
    action = "accept"
    by = "ana"
    at = "2026-12-07T13:05:00Z"
    batch = "20261207T130500-3f2a"      # the decisions made by one key press share it
    before = { origin = "extracted" }   # the fields the decision changed, as they were
    absent = ["decided_by"]             # the fields it set that the record did not have

An undo is journalled too (``action = "undo"``, ``undoes`` the batch). Each write replaces the
day's file atomically, under the folder's lock (the file is read and extended, not parsed again: a
keypress stays fast on a day of thousands of decisions); a decision on many records is written in
chunks.
A broken day file is reported and skipped; the records themselves never depend on the journal.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import getpass
import secrets
import tomllib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coalition_tui.store.model import DECIDED_AT
from coalition_tui.store.paths import config_file
from coalition_tui.store.serialize import FIELD_ORDER
from coalition_tui.store.tomlio import (
    MAX_TOML_BYTES,
    TooDeep,
    UnreadableFile,
    load_toml_file,
    parse_toml,
    read_regular,
    strip_none,
    toml_float,
    toml_string,
    write_bytes_atomic,
)

FOLDER = "decisions"
TABLE = "decision"
ACTIONS = ("accept", "reject", "unsure", "restore", "edit", "add", "undo")
MAX_SETTINGS_BYTES = 1024 * 1024


def utc_now() -> str:
    """The time as the journal and the records write it: ``2026-12-07T13:05:00Z``."""
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def reviewer_name() -> str:
    """Who is deciding: ``reviewer`` in the settings file, else the login name, else "unknown"."""
    path = config_file()
    try:
        value = load_toml_file(path, MAX_SETTINGS_BYTES).get("reviewer") if path.exists() else None
    except UnreadableFile:
        value = None  # the app says what is wrong with the file at start
    if isinstance(value, str) and value.strip():
        return " ".join(value.split())[:80]
    try:
        return getpass.getuser() or "unknown"
    except (OSError, KeyError):
        return "unknown"


@dataclass(frozen=True)
class Mark:
    """Who decides, when, and the batch the decisions of one key press share."""

    by: str
    at: str
    batch: str

    @classmethod
    def now(cls, by: str | None = None) -> Mark:
        at = utc_now()
        return cls(by or reviewer_name(), at, f"{at[:19].replace('-', '').replace(':', '')}-{secrets.token_hex(3)}")


@dataclass(frozen=True)
class Entry:
    """One record's part in one decision."""

    record: str
    action: str
    by: str
    at: str
    batch: str
    before: Mapping[str, Any] = field(default_factory=dict)
    absent: tuple[str, ...] = ()
    undoes: str = ""
    imported: str = ""  # the export file it came from: another copy's history, never undone here

    def table(self) -> dict[str, Any]:
        table: dict[str, Any] = {
            "record": self.record,
            "action": self.action,
            "by": self.by,
            "at": self.at,
            "batch": self.batch,
        }
        if self.before:
            table["before"] = strip_none(dict(self.before))
        if self.absent:
            table["absent"] = list(self.absent)
        if self.undoes:
            table["undoes"] = self.undoes
        if self.imported:
            table["imported"] = self.imported
        return table


def changed_fields(before: Mapping[str, Any], after: Mapping[str, Any]) -> tuple[dict[str, Any], tuple[str, ...]]:
    """What a change altered, as it was: the old values of changed fields, and the names of the fields
    the change added (absent before)."""
    old = {k: v for k, v in before.items() if k != "id" and after.get(k) != v}
    added = tuple(k for k in after if k not in before)
    return old, added


def entry_from_table(table: object) -> Entry | None:
    """An entry read back, or None when the table is not one (a hand edit gone wrong, or a hostile
    export): known action, a UTC time, a short name, fields the records have, plain values."""
    if not isinstance(table, dict) or not set(table) <= _KEYS:
        return None
    texts = [table.get(k, "") for k in ("record", "action", "by", "at", "batch", "undoes", "imported")]
    if not all(isinstance(t, str) and len(t) <= 200 and t.isprintable() for t in texts):
        return None
    record, action, by, at, batch, undoes, imported = (str(t) for t in texts)
    if action not in ACTIONS or not DECIDED_AT.fullmatch(at) or not (record and by and batch):
        return None
    before, absent = table.get("before", {}), table.get("absent", [])
    if not isinstance(before, dict) or not isinstance(absent, list):
        return None
    if not set(before) <= _FIELDS or not all(isinstance(v, _PLAIN) for v in before.values()):
        return None
    if not all(isinstance(a, str) and a in _FIELDS for a in absent):
        return None
    return Entry(record, action, by, at, batch, before, tuple(absent), undoes, imported)


_KEYS = {"record", "action", "by", "at", "batch", "before", "absent", "undoes", "imported"}
_FIELDS = set(FIELD_ORDER) - {"id"}
_PLAIN = (str, int, float, bool, list)


def day_file(root: Path, at: str) -> Path:
    return root / FOLDER / f"{at[:10]}.toml"


def day_files(root: Path) -> list[Path]:
    """The journal's files, oldest first."""
    folder = root / FOLDER
    if not folder.is_dir() or folder.is_symlink():
        return []
    return sorted(p for p in folder.glob("????-??-??.toml") if p.is_file() and not p.is_symlink())


def append(root: Path, entries: Iterable[Entry]) -> None:
    """Add entries to their day's file: the file read, extended and replaced atomically. The caller
    holds the data folder's lock."""
    for path, text in appended(root, entries).items():
        path.parent.mkdir(exist_ok=True)
        write_bytes_atomic(path, text)


def keep(root: Path, entries: list[Entry], batch: list[Entry] | None = None) -> None:
    """The entries into ``batch`` for the caller to write, else into the journal now (the caller holds
    the lock). A journal that cannot be written never undoes a change: the record still says who made
    it and when; only the log misses it."""
    if batch is not None:
        batch.extend(entries)
        return
    with contextlib.suppress(OSError):
        append(root, entries)


HEADER = "# The review decisions made in this data folder (coalition-tui log lists them).\n"


def appended(root: Path, entries: Iterable[Entry]) -> dict[Path, bytes]:
    """Each day file the entries go to, with its whole new content (the file as it is, then the
    entries). Raises ``OSError``."""
    by_day: dict[Path, list[Entry]] = {}
    for entry in entries:
        by_day.setdefault(day_file(root, entry.at), []).append(entry)
    out = {}
    for path, new in by_day.items():
        existing = read_regular(path, MAX_TOML_BYTES) if path.exists() else HEADER.encode("utf-8")
        addition = "".join(entry_text(e) for e in new).encode("utf-8")
        out[path] = existing.rstrip(b"\n") + b"\n" + addition
    return out


def _value(value: object) -> str:
    """A plain TOML value: what a record's field holds (text, number, true/false, a list of text)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return toml_float(value)
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    return toml_string(str(value))


def entry_text(entry: Entry) -> str:
    """One ``[[decision]]`` table, compact (an inline ``before``): a day of bulk decisions stays small."""
    lines = ["", f"[[{TABLE}]]"]
    for key, value in entry.table().items():
        if key == "before":
            inner = ", ".join(f"{k} = {_value(v)}" for k, v in value.items())
            lines.append(f"before = {{ {inner} }}")
        else:
            lines.append(f"{key} = {_value(value)}")
    return "\n".join(lines) + "\n"


@dataclass
class Read:
    entries: list[Entry]
    problems: list[str]


def read_files(paths: Iterable[Path]) -> Read:
    """The entries of these day files in order; a file or table that cannot be read is a problem."""
    out = Read([], [])
    for path in paths:
        try:
            data = parse_toml(read_regular(path, MAX_TOML_BYTES).decode("utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, TooDeep, ValueError) as exc:
            out.problems.append(f"{path.name}: cannot read the decision journal ({exc}); its decisions are not listed")
            continue
        tables = data.get(TABLE, [])
        for n, table in enumerate(tables if isinstance(tables, list) else []):
            entry = entry_from_table(table)
            if entry is None:
                out.problems.append(f"{path.name}: decision {n + 1} is not understood; it is skipped")
            else:
                out.entries.append(entry)
    return out


def read_journal(root: Path) -> Read:
    """Every entry of the data folder's journal, oldest first."""
    return read_files(day_files(root))


@dataclass(frozen=True)
class Batch:
    """The entries one key press made (one record, or every record of a bulk decision)."""

    batch: str
    entries: tuple[Entry, ...]

    @property
    def label(self) -> str:
        first = self.entries[0]
        what = first.record if len(self.entries) == 1 else f"{len(self.entries)} records"
        return f"{first.action} of {what} ({first.by}, {first.at.replace('T', ' ').rstrip('Z')} UTC)"


def open_batches(entries: Iterable[Entry]) -> list[Batch]:
    """The batches not undone yet, oldest first: what ``u`` can take back, newest first."""
    batches: dict[str, list[Entry]] = {}
    undone: set[tuple[str, str]] = set()  # (batch, record): an undo part way through leaves the rest open
    for entry in entries:
        if entry.imported:
            continue  # another copy's history: listed by log, not undone here
        if entry.action == "undo":
            undone.add((entry.undoes, entry.record))
        else:
            batches.setdefault(entry.batch, []).append(entry)
    out = []
    for b, es in batches.items():
        left = tuple(e for e in es if (b, e.record) not in undone)
        if left:
            out.append(Batch(b, left))
    return out


def recent_batches(root: Path, wanted: int) -> Iterator[Batch]:
    """The latest ``wanted`` open batches (reading only the newest day files needed), oldest first."""
    files = day_files(root)
    entries: list[Entry] = []
    found: list[Batch] = []
    while files and len(found) < wanted:  # each file read once, newest first
        entries = read_files([files.pop()]).entries + entries
        found = open_batches(entries)
    yield from found[-wanted:]
