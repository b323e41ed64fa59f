"""Appending ``[id]`` tables to a data file (sources, meetings, gazetteer): one atomic write under the
data folder's lock, against the file as it is on disk, the rest of the file kept as written."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from coalition_tui.store.errors import CoalitionError
from coalition_tui.store.locking import data_lock
from coalition_tui.store.tomlio import (
    MAX_TOML_BYTES,
    TooDeep,
    dumps,
    parse_toml,
    read_regular,
    strip_none,
    write_bytes_atomic,
)


class BrokenFile(CoalitionError, ValueError):
    """The file to append to is not valid TOML: nothing was written."""


def appended_text(existing: str, tables: Mapping[str, Any]) -> str:
    """``existing`` with ``tables`` appended after a blank line (None values dropped: TOML has none)."""
    addition = dumps(strip_none(dict(tables))) if tables else ""
    return (existing.rstrip("\n") + "\n\n" + addition).strip("\n") + "\n"


def append_tables(
    root: Path,
    path: Path,
    tables: Mapping[str, Any],
    seed: Path | None = None,
    strict: bool = True,
) -> list[str]:
    """Append ``tables`` (``[id]`` tables, or plain ``key = value`` lines) to ``path`` (inside the data folder ``root``); the ids already in the file are
    not written again and are returned. A missing ``path`` starts as a copy of ``seed`` (the bundled
    file it shadows, so a corpus's first own meeting does not hide the bundled ones). ``strict``: a
    file that does not parse raises :class:`BrokenFile`; otherwise it is appended to as it is."""
    with data_lock(root):
        source = path if path.exists() else seed
        existing = read_regular(source, MAX_TOML_BYTES).decode("utf-8") if source and source.exists() else ""
        try:
            present = parse_toml(existing)
        except (tomllib.TOMLDecodeError, TooDeep) as exc:
            if strict:
                raise BrokenFile(f"{path.name} is not valid TOML ({exc}); fix it first") from None
            present = {}
        clashes = [key for key in tables if key in present]
        fresh = {key: dict(value) if isinstance(value, Mapping) else value
                 for key, value in tables.items() if key not in present}  # fmt: skip
        if any(not isinstance(v, Mapping) for v in fresh.values()) and any(
            isinstance(v, dict) for v in present.values()
        ):
            raise BrokenFile(f"{path.name} has [tables]: a 'key = value' line cannot be appended after them")
        if fresh or not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            write_bytes_atomic(path, appended_text(existing, fresh).encode("utf-8"))
    return clashes


class AppendFailed(CoalitionError):
    """A one-line reason nothing was appended (a broken file, a folder one cannot write)."""


def append_new(root: Path, path: Path, tables: Mapping[str, Any], seed: Path | None = None) -> None:
    """:func:`append_tables` for entries that must all be new: an id the file has already, a file
    that does not parse, or a failed write is :class:`AppendFailed`, and nothing was written."""
    try:
        clashes = append_tables(root, path, tables, seed=seed)
    except BrokenFile as exc:
        raise AppendFailed(str(exc)) from None
    except OSError as exc:
        raise AppendFailed(f"cannot write {path}: {exc.strerror or exc}") from None
    if clashes:
        raise AppendFailed(f"{clashes[0]} is in {path.name} already")
