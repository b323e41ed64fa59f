"""What ingesting one article is made of: reading it, choosing its source id, creating its files,
registering it. :mod:`coalition_tui.actions.ingest` puts them together, for one article or many.

Nothing is written half: each file is written to a temp file and moved into place, the article first
and its registration in ``sources.toml`` last.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from coalition_tui.store.errors import CoalitionError
from coalition_tui.store.loader import read_article
from coalition_tui.store.model import Commitment
from coalition_tui.store.serialize import candidates_document
from coalition_tui.store.toml_append import append_tables
from coalition_tui.store.tomlio import read_toml, write_bytes_new

ARTICLES_DIR = "articles"
COMMITMENTS_DIR = "commitments"


class IngestError(CoalitionError):
    """A one-line reason an article cannot be ingested; nothing was written."""


def read_input(path: Path) -> tuple[str, bytes]:
    """The article's text and bytes, or :class:`IngestError` saying what is wrong with the file."""
    shown = str(path)
    if not path.exists() and not path.is_symlink():
        raise IngestError(f"{shown}: no such file")
    text, raw, problem = read_article(path, shown)
    if problem:
        raise IngestError(f"{problem.file}: {problem.message}")
    assert text is not None
    if not text.strip():
        raise IngestError(f"{shown}: the file is empty; nothing to ingest")
    return text, raw


def registered(root: Path) -> dict[str, str]:
    """The sources ``root/sources.toml`` registers now, id -> sha256, read from the disk (another
    process may have registered some since this corpus was loaded). Call it under the data lock."""
    data, _text, _problems = read_toml(root / "sources.toml", "sources.toml")
    return _digests_of(data or {})


def _digests_of(data: dict[str, Any]) -> dict[str, str]:
    return {
        key: value["sha256"] if isinstance(value.get("sha256"), str) else ""
        for key, value in data.items()
        if isinstance(value, dict)
    }


def slug(path: Path) -> str:
    """A source id from a file name: lower case letters, digits, ``-`` and ``_`` only."""
    return re.sub(r"[^a-z0-9_-]+", "-", path.stem.lower()).strip("-") or "article"


def free_ids(root: Path, path: Path, taken: set[str], copy: bool) -> Iterator[str]:
    """Source ids for ``path`` that name no registered source and no file in the data folder: the
    file's name, then the name with a hash of its path, then numbered. Ingest never replaces a file
    it did not create, so an id whose records file (or article copy) exists is skipped."""
    base = slug(path)
    mark = hashlib.sha256(str(path).encode("utf-8", "surrogateescape")).hexdigest()[:8]
    for candidate in (base, f"{base}_{mark}", *(f"{base}_{mark}_{n}" for n in range(2, 100))):
        if candidate in taken or (root / COMMITMENTS_DIR / f"{candidate}.toml").exists():
            continue
        if copy and (root / ARTICLES_DIR / f"{candidate}.txt").exists():
            continue
        yield candidate


def in_folder(path: Path, root: Path) -> bool:
    """True for a regular file (not a link) inside the data folder ``root``."""
    try:
        return (
            not path.is_symlink()
            and path.is_file()
            and (path.parent.resolve() / path.name).is_relative_to(root.resolve())
        )
    except OSError:
        return False


def create_files(
    root: Path,
    path: Path,
    first: str,
    raw: bytes | None,
    extracted: Callable[[str], tuple[list[Commitment], bytes]],
    durable: bool = True,
    original: tuple[str, bytes] | None = None,
) -> tuple[str, list[Commitment], bytes] | None:
    """Create an article's candidates file, and its copy ``articles/ID.txt`` when ``raw`` is given
    (with the page or PDF it came from as ``articles/ID.html|.pdf`` when ``original`` (suffix, bytes)
    is given), under ``first`` or else the next free source id (:func:`free_ids`): a name another
    process took meanwhile is skipped, never replaced. ``extracted(id)`` gives the records and the
    file's bytes for an id. Returns (id, records, bytes), or None when every name is taken."""
    for source_id in dict.fromkeys([first, *free_ids(root, path, set(), raw is not None)]):
        records, payload = extracted(source_id)
        written: list[Path] = []
        wanted = [(root / ARTICLES_DIR / f"{source_id}.txt", raw)] if raw is not None else []
        if original is not None:
            wanted.append((root / ARTICLES_DIR / f"{source_id}{original[0]}", original[1]))
        wanted.append((root / COMMITMENTS_DIR / f"{source_id}.toml", payload))
        try:
            for target, data in wanted:
                write_bytes_new(target, data, durable)
                written.append(target)
        except BaseException as exc:
            for target in written:
                target.unlink(missing_ok=True)
            if isinstance(exc, FileExistsError):
                continue
            raise
        return source_id, records, payload
    return None


CANDIDATES_HEADER = (
    "# Candidates extracted by coalition-tui: check each one (Review, key 7).\n"
    "# origin = extracted until reviewed; quotes are verbatim from the article sources.toml names.\n"
)


def candidates_file(source_id: str, summit_id: str, records: list[Commitment]) -> bytes:
    """An article's candidates file. No file name is pasted into it: the article's name is in
    ``sources.toml`` (its ``note``), written there by the TOML writer."""
    return (CANDIDATES_HEADER + candidates_document(source_id, summit_id, records)).encode("utf-8")


def register_sources(root: Path, entries: dict[str, dict[str, Any]]) -> list[str]:
    """Append ``entries`` to ``root/sources.toml`` in one atomic write (the file as written is kept),
    under the data folder's lock and against the file as it is on disk. An id that is registered
    already is not written again; those ids are returned."""
    return append_tables(root, root / "sources.toml", entries, strict=False)  # a broken file: validate names it


def headline(text: str, path: Path) -> str:
    first = next((line.strip() for line in text.splitlines() if line.strip()), path.stem)
    return first if len(first) <= 160 else first[:157].rstrip() + "..."
