"""Ingest: copy an article into the corpus, register it, and write its extracted candidates.

Nothing is written half: each file is written to a temp file and moved into place, the article first
and its registration in ``sources.toml`` last. The same bytes twice (same sha256) change nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coalition_tui.extraction.extract import Extractor
from coalition_tui.extraction.meetings import guess_summit
from coalition_tui.store.corpus import Corpus, NotFound
from coalition_tui.store.loader import MAX_ARTICLE_BYTES, read_article
from coalition_tui.store.locking import data_lock
from coalition_tui.store.model import Commitment
from coalition_tui.store.problems import display_path
from coalition_tui.store.serialize import candidates_document
from coalition_tui.store.toml_append import append_tables
from coalition_tui.store.tomlio import read_toml, write_bytes_new

ARTICLES_DIR = "articles"
COMMITMENTS_DIR = "commitments"


class IngestError(Exception):
    """A one-line reason an article cannot be ingested; nothing was written."""


@dataclass(frozen=True)
class Ingested:
    source: str
    added: bool
    records: list[Commitment]
    message: str


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


def ingest_file(
    corpus: Corpus,
    path: Path,
    summit: str | None = None,
    outlet: str = "",
    date: dt.date | None = None,
) -> Ingested:
    """Ingest one article file into ``corpus.root``. Raises :class:`IngestError`; writes nothing then.

    Everything from choosing the source id to registering it happens under the data folder's lock,
    against ``sources.toml`` as it is on disk, so two ingests at once both land."""
    text, raw = read_input(path)
    digest = hashlib.sha256(raw).hexdigest()
    if summit:
        try:
            summit_id = corpus.find_summit(summit)
        except NotFound as exc:
            raise IngestError(f"{path}: {exc}") from None
    else:
        guessed = guess_summit(corpus.summits.values(), text, date)
        if guessed is None:
            choices = ", ".join(s.id for s in corpus.summits_by_date())
            raise IngestError(
                f"{path}: cannot tell which meeting it reports; pass --summit (one of: {choices}), or add the meeting with 'coalition-tui meeting add DATE PLACE'"
            )
        summit_id = guessed
    try:
        with data_lock(corpus.root):
            return _ingest_locked(corpus, path, raw, text, digest, summit_id, outlet, date)
    except OSError as exc:
        raise IngestError(f"{path}: cannot write into {corpus.root}: {exc.strerror or exc}") from None


def _ingest_locked(
    corpus: Corpus,
    path: Path,
    raw: bytes,
    text: str,
    digest: str,
    summit_id: str,
    outlet: str,
    date: dt.date | None,
) -> Ingested:
    on_disk = registered(corpus.root)
    for source_id, known in {**{s.id: s.sha256 for s in corpus.sources.values()}, **on_disk}.items():
        if known == digest:
            return Ingested(source_id, False, [], f"{path}: already in the corpus as {source_id}; nothing changed")
    meeting = corpus.summits[summit_id]
    extractor = Extractor(corpus.gazetteer, corpus.resolver)

    def extracted(source_id: str) -> tuple[list[Commitment], bytes]:
        records = extractor.extract(text, source_id, summit_id, meeting.date)
        return records, candidates_file(source_id, summit_id, records)

    here = in_folder(path, corpus.root)  # an article already in the data folder is registered where it is
    made = create_files(corpus.root, path, None, set(corpus.sources) | set(on_disk), None if here else raw, extracted)
    if made is not None:
        source_id, records, _payload = made
        article = path if here else corpus.root / ARTICLES_DIR / f"{source_id}.txt"
        entry: dict[str, Any] = {
            "file": _relative(path, corpus.root) if here else f"{ARTICLES_DIR}/{source_id}.txt",
            "headline": _headline(text, path),
            "summit": summit_id,
            "sha256": digest,
            "note": f"Ingested from {path.name}.",
        }
        if outlet:
            entry["outlet"] = outlet
        if date:
            entry["date"] = date
        register_sources(corpus.root, {source_id: entry})
        shown = display_path(article)
        return Ingested(
            source_id,
            True,
            records,
            f"{path}: added as {source_id} ({shown}), {len(records)} candidate record(s) for {summit_id}",
        )
    raise IngestError(f"{path}: every name for it is taken in {corpus.root}; rename the file")


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


def _relative(path: Path, root: Path) -> str:
    return (path.parent.resolve() / path.name).relative_to(root.resolve()).as_posix()


def create_files(
    root: Path,
    path: Path,
    first: str | None,
    taken: set[str],
    raw: bytes | None,
    extracted: Callable[[str], tuple[list[Commitment], bytes]],
    durable: bool = True,
) -> tuple[str, list[Commitment], bytes] | None:
    """Create an article's candidates file, and its copy ``articles/ID.txt`` when ``raw`` is given,
    under ``first`` or else the next free source id (:func:`free_ids`): a name another process took
    meanwhile is skipped, never replaced. ``extracted(id)`` gives the records and the file's bytes
    for an id. Returns (id, records, bytes), or None when every name is taken."""
    for source_id in dict.fromkeys([*([first] if first else []), *free_ids(root, path, taken, raw is not None)]):
        records, payload = extracted(source_id)
        article = root / ARTICLES_DIR / f"{source_id}.txt"
        try:
            if raw is not None:
                write_bytes_new(article, raw, durable)
        except FileExistsError:
            continue
        try:
            write_bytes_new(root / COMMITMENTS_DIR / f"{source_id}.toml", payload, durable)
        except BaseException as exc:
            if raw is not None:
                article.unlink(missing_ok=True)
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


def _headline(text: str, path: Path) -> str:
    first = next((line.strip() for line in text.splitlines() if line.strip()), path.stem)
    return first if len(first) <= 160 else first[:157].rstrip() + "..."


__all__ = [
    "MAX_ARTICLE_BYTES",
    "IngestError",
    "Ingested",
    "guess_summit",
    "ingest_file",
    "read_input",
    "register_sources",
]
