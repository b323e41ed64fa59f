"""Many articles at once: a folder of .txt files ingested in parallel, and a folder of articles opened as a corpus.

``ingest_many`` extracts in worker processes (the two cores of a laptop), writes each article's
candidates to ``commitments/ID.toml`` atomically, and registers every new source in ``sources.toml``
with one atomic write at the end. ``prepare`` makes a folder that holds only ``.txt`` articles usable
as ``--data``: the articles stay where they are and are registered in place.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from coalition_tui.corpus import Corpus
from coalition_tui.ingest import (
    ARTICLES_DIR,
    COMMITMENTS_DIR,
    IngestError,
    _headline,
    _source_id,
    guess_summit,
    read_input,
    register_sources,
)
from coalition_tui.paths import own_or_bundled
from coalition_tui.problems import display_path
from coalition_tui.tomlio import write_bytes_atomic, write_toml_atomic

Progress = Callable[[str, int, int], None]
PARALLEL_FROM = 40  # fewer articles than this are extracted in this process (starting workers costs ~0.5 s)
CHUNK = 25


def _noop(_stage: str, _done: int, _total: int) -> None:
    pass


def article_files(target: Path) -> tuple[list[Path], list[str]]:
    """The ``.txt`` files of a file or folder (recursively, symlinked folders not followed), and problems."""
    if target.is_file():
        return [target], []
    if not target.is_dir():
        return [], [f"{target}: no such file or folder"]
    found: list[Path] = []
    problems: list[str] = []
    skip = {"gazetteer", COMMITMENTS_DIR, ".cache"}
    for folder, dirs, files in os.walk(target, followlinks=False, onerror=lambda e: problems.append(f"{e}")):
        dirs[:] = sorted(d for d in dirs if d not in skip and not d.startswith("."))
        for name in sorted(files):
            if name.lower().endswith(".txt") and not name.startswith("."):
                found.append(Path(folder) / name)
    return found, problems


@dataclass
class BulkResult:
    added: list[str] = field(default_factory=list)  # source ids
    unchanged: int = 0
    records: int = 0
    problems: list[str] = field(default_factory=list)  # one line each: file and what to do
    written: dict[Path, dict[str, Any]] = field(default_factory=dict)  # file -> its data, for load_corpus(fresh=)


# --------------------------------------------------------------------------- worker processes
_WORKER: Any = None


def _worker_init(data_dir: str) -> None:
    global _WORKER
    from coalition_tui.extract import Extractor
    from coalition_tui.gazetteer import load_gazetteer
    from coalition_tui.resolve import Resolver

    gazetteer, _ = load_gazetteer(own_or_bundled(Path(data_dir), "gazetteer"))
    _WORKER = Extractor(gazetteer, Resolver(gazetteer))


def _extract(job: tuple[str, str, str, dt.date]) -> list[dict[str, Any]]:
    from coalition_tui.serialize import record_table

    text, source_id, summit_id, on = job
    # source and summit are the file's defaults and end follows from start and the quote: not repeated
    return [
        {k: v for k, v in record_table(r).items() if k not in ("source", "summit", "end")}
        for r in _WORKER.extract(text, source_id, summit_id, on)
    ]


def _extracted(
    corpus: Corpus, jobs: list[tuple[str, str, str, dt.date]], workers: int
) -> Iterator[list[dict[str, Any]]]:
    if len(jobs) < PARALLEL_FROM or workers <= 1:
        global _WORKER
        from coalition_tui.extract import Extractor

        _WORKER = Extractor(corpus.gazetteer, corpus.resolver)
        yield from map(_extract, jobs)
        return
    with ProcessPoolExecutor(
        workers, mp_context=get_context("spawn"), initializer=_worker_init, initargs=(str(corpus.root),)
    ) as pool:
        yield from pool.map(_extract, jobs, chunksize=CHUNK)


# --------------------------------------------------------------------------- ingest
def ingest_many(
    corpus: Corpus,
    paths: list[Path],
    summit: str | None = None,
    progress: Progress = _noop,
    in_place: bool = False,
    workers: int | None = None,
) -> BulkResult:
    """Ingest ``paths``; each bad file is one problem line and the rest go on. ``in_place`` registers
    files that are already inside the data folder without copying them."""
    result = BulkResult()
    known = {s.sha256 for s in corpus.sources.values()}
    taken = set(corpus.sources)
    jobs: list[tuple[str, str, str, dt.date]] = []
    entries: list[tuple[str, Path, bytes, dict[str, Any]]] = []
    for n, path in enumerate(paths, 1):
        if n % 50 == 0 or n == len(paths):
            progress("reading articles", n, len(paths))
        try:
            text, raw = read_input(path)
        except IngestError as exc:
            result.problems.append(str(exc))
            continue
        digest = hashlib.sha256(raw).hexdigest()
        if digest in known:
            result.unchanged += 1
            continue
        summit_id = corpus.find_summit(summit) if summit else guess_summit(corpus, text)
        if summit_id is None:
            result.problems.append(
                f"{display_path(path)}: cannot tell which meeting it reports; ingest it with --summit "
                f"(one of: {', '.join(s.id for s in corpus.summits_by_date())})"
            )
            continue
        known.add(digest)
        source_id = _source_id(corpus, path, digest)
        if source_id in taken:
            source_id = f"{source_id}_{digest[:8]}"
        taken.add(source_id)
        file = path.resolve().relative_to(corpus.root).as_posix() if in_place else f"{ARTICLES_DIR}/{source_id}.txt"
        entry = {"file": file, "headline": _headline(text, path), "summit": summit_id, "sha256": digest}
        entry["note"] = f"Ingested from {path.name}."
        entries.append((source_id, path, raw, entry))
        jobs.append((text, source_id, summit_id, corpus.summits[summit_id].date))
    workers = workers or min(os.cpu_count() or 1, 4)
    registered: dict[str, dict[str, Any]] = {}
    for n, ((source_id, path, raw, entry), tables) in enumerate(
        zip(entries, _extracted(corpus, jobs, workers), strict=True), 1
    ):
        if n % 25 == 0 or n == len(entries):
            progress("extracting records", n, len(entries))
        if not in_place:
            write_bytes_atomic(corpus.root / entry["file"], raw)
        header = f"# Candidates extracted from {path.name} by coalition-tui: check each one (Review, key 7).\n"
        data = {"source": source_id, "summit": entry["summit"], "commitment": tables}
        write_toml_atomic(corpus.root / COMMITMENTS_DIR / f"{source_id}.toml", data, header=header)
        result.written[(corpus.root / COMMITMENTS_DIR / f"{source_id}.toml")] = data
        registered[source_id] = entry
        result.added.append(source_id)
        result.records += len(tables)
    if registered and register_sources(corpus.root, registered):
        result.written[corpus.root / "sources.toml"] = registered  # the whole file: no need to parse it back
    return result


# --------------------------------------------------------------------------- a folder of articles as --data
def needs_prepare(data_dir: Path) -> bool:
    """A folder with articles but no ``sources.toml`` yet."""
    return (
        data_dir.is_dir()
        and not (data_dir / "sources.toml").exists()
        and next(data_dir.rglob("*.txt"), None) is not None
    )


def prepare(data_dir: Path, progress: Progress = _noop) -> BulkResult | None:
    """Make a folder holding only ``.txt`` articles a corpus: register them in place and extract their
    candidates (gazetteer and meetings come from the bundled corpus unless the folder has its own)."""
    if not needs_prepare(data_dir):
        return None
    from coalition_tui.loader import load_corpus

    corpus = load_corpus(data_dir, progress=progress)
    files, problems = article_files(data_dir)
    result = ingest_many(corpus, files, progress=progress, in_place=True)
    result.problems[:0] = problems
    if not result.added:
        (data_dir / "sources.toml").write_text(
            "# No article could be registered; see the problems.\n", encoding="utf-8"
        )
    return result
