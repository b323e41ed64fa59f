"""Ingest: articles into a corpus with their extracted candidates, one path for one file and for many
(the command line's ``ingest``, the app's Add articles, a folder of articles opened as a corpus).

Each article is read, extracted and its candidates written, in worker processes when there are many;
the files are synced once, then every new source is registered in ``sources.toml`` with one atomic
write, under the data folder's lock and against the file as it is on disk. A crash before that leaves
unregistered candidate files, never a registered article without its records; the same text twice
(same sha256), from one batch or two processes, is registered once.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from coalition_tui.actions.documents import (
    DOCUMENT_SUFFIXES,
    Document,
    DocumentError,
    Metadata,
    convert,
    kind_of,
    read_document,
)
from coalition_tui.actions.fetch import Fetched
from coalition_tui.actions.intake import (
    ARTICLES_DIR,
    COMMITMENTS_DIR,
    IngestError,
    candidates_file,
    create_files,
    free_ids,
    headline,
    in_folder,
    read_input,
    register_sources,
    registered,
)
from coalition_tui.extraction.extract import Extractor
from coalition_tui.extraction.meetings import Guess, explain_guess
from coalition_tui.store.corpus import Corpus
from coalition_tui.store.loader import Progress, _noop, decode_article
from coalition_tui.store.locking import check_writable, data_lock
from coalition_tui.store.model import Commitment, Source, Summit
from coalition_tui.store.parallel import WORKERS, pool_map
from coalition_tui.store.paths import RealPaths, bundled_data_dir
from coalition_tui.store.problems import display_path
from coalition_tui.store.sharing import Sharing

CHUNK = 25


def article_files(target: Path, documents: bool = False) -> tuple[list[Path], list[str]]:
    """The ``.txt`` files of a file or folder (recursively, symlinked folders not followed; with
    ``documents`` saved pages and PDFs too), and problems."""
    suffixes = (".txt", *DOCUMENT_SUFFIXES) if documents else (".txt",)
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
            if name.lower().endswith(suffixes) and not name.startswith("."):
                path = Path(folder) / name
                why = _not_plain(path)
                if why:
                    problems.append(f"{display_path(path)}: {why}")
                else:
                    found.append(path)
    return found, problems


def _not_plain(path: Path) -> str:
    """Why a file found in a folder is not read as an article: a symbolic link (it may lead out of the
    folder) or not a regular file (a FIFO would block, a device never ends); "" for a plain file."""
    try:
        info = path.lstat()
    except OSError as exc:
        return f"cannot read: {exc.strerror or exc}"
    if stat.S_ISLNK(info.st_mode):
        return "is a symbolic link; not followed (copy the article into the folder instead)"
    if not stat.S_ISREG(info.st_mode):
        return "is not a regular file (a FIFO, device or socket); not read"
    return ""


@dataclass
class IngestResult:
    added: list[str] = field(default_factory=list)  # source ids
    already: list[str] = field(default_factory=list)  # the sources that have the text of an article given
    records: int = 0
    reports: list[str] = field(default_factory=list)  # a line per article added or already there
    problems: list[str] = field(default_factory=list)  # one line each: file and what to do
    digests: dict[Path, bytes] = field(default_factory=dict)  # sha256 of every file read or written

    @property
    def unchanged(self) -> int:
        """How many articles given the corpus had already."""
        return len(self.already)


@dataclass(frozen=True)
class _Job:
    path: str  # the article as given
    source: str  # its source id
    file: str  # its path in sources.toml, relative to the data folder
    summit: str | None  # the meeting, or None to guess it
    copy: bool  # copy the article into the corpus (False: registered where it is)
    cache: bool = False  # send its records back (only when the corpus is built from them)
    given: Metadata = field(
        default_factory=Metadata
    )  # what the user says of it (outlet, date…): replaces what is found
    url: str = ""  # where it was fetched from
    body: bytes = b""  # what was fetched (a URL), converted in the worker
    suffix: str = ".txt"  # what the input is: ".txt", ".html" or ".pdf"
    guess: bool = False  # file an undated article under the meeting it seems to report, without asking

    @property
    def original(self) -> str:
        """Where the original bytes of a page or PDF are kept, beside the text ("" for text)."""
        return "" if self.suffix == ".txt" else f"{ARTICLES_DIR}/{self.source}{self.suffix}"


@dataclass(frozen=True)
class _Done:
    """What a worker sends back for one article: everything the corpus needs, nothing to parse again."""

    job: _Job
    problem: str = ""
    entry: dict[str, Any] = field(default_factory=dict)  # its sources.toml entry
    text: str = ""
    records: int = 0  # how many candidates
    cached: bytes = b""  # its records' values, pickled (built once, in this process, by ``Sharing``)
    digests: dict[str, bytes] = field(default_factory=dict)  # path -> sha256, for the cache key


# --------------------------------------------------------------------------- one article (in a worker)
@dataclass
class _Worker:
    root: Path
    summits: dict[str, Summit]
    extractor: Extractor
    real: RealPaths = field(default_factory=RealPaths)


_WORKER: _Worker | None = None


def _worker_init(root: str, summits: dict[str, Summit]) -> None:
    global _WORKER
    from coalition_tui.store.gazetteer import load_gazetteer
    from coalition_tui.store.resolve import Resolver

    gazetteer, _ = load_gazetteer(Path(root) / "gazetteer", fallback=bundled_data_dir() / "gazetteer")
    _WORKER = _Worker(Path(root), summits, Extractor(gazetteer, Resolver(gazetteer)))


def _ingest_one(job: _Job) -> _Done:
    """Read, check, extract and write one article's candidates file (and its copy). Files are written
    atomically but not synced: the caller syncs once before registering them."""
    worker = _WORKER
    assert worker is not None
    path = Path(job.path)
    shown = job.url or display_path(path)
    try:
        text, raw, document = _read_job(job, path)
    except IngestError as exc:
        return _Done(job, problem=str(exc))
    except DocumentError as exc:
        return _Done(job, problem=f"{shown}: {exc}")
    meta = _metadata(document, job, text, path)
    guessed = None if job.summit else explain_guess(worker.summits.values(), text, meta.published)
    summit = job.summit or (guessed.summit if guessed else None)
    if summit is None:
        choices = ", ".join(sorted(worker.summits))
        return _Done(
            job,
            problem=f"{shown}: cannot tell which meeting it reports; ingest it with --summit (one of: {choices}), or add the meeting with 'coalition-tui meeting add DATE PLACE'",
        )
    if guessed is not None and not guessed.sure and not job.guess:
        return _Done(
            job,
            problem=f"{shown}: undated; it seems to report {summit} ({guessed.because}): ingest it with "
            f"--summit {summit} to confirm, or give its --date",
        )
    digest = hashlib.sha256(raw)
    date = worker.summits[summit].date

    def extracted(source: str) -> tuple[list[Commitment], bytes]:
        records = worker.extractor.extract(text, source, summit, date)
        return records, candidates_file(source, summit, records)

    original = (job.suffix, document.original) if document.original else None
    made = create_files(
        worker.root, path, job.source, raw if job.copy else None, extracted, durable=False, original=original
    )
    if made is None:
        return _Done(job, problem=f"{shown}: every name for it is taken in the data folder; rename the file")
    source, records, payload = made
    if source != job.source:  # another process took the name meanwhile
        file = f"{ARTICLES_DIR}/{source}.txt" if job.copy else job.file
        job = replace(job, source=source, file=file)
    target = worker.root / COMMITMENTS_DIR / f"{source}.toml"
    how = f"fetched from {job.url}" if job.url and job.body else f"ingested from {path.name}"
    guess_note = f" Meeting guessed: {summit} ({guessed.because})." if guessed else ""
    entry: dict[str, Any] = {
        "file": job.file,
        "headline": meta.headline,
        "summit": summit,
        "sha256": digest.hexdigest(),
        "note": f"{how[0].upper()}{how[1:]}.{guess_note}",
        **{k: v for k, v in _citation(meta).items() if v},
    }
    if document.original:
        entry |= {"original": job.original, "original_sha256": hashlib.sha256(document.original).hexdigest()}
    digests = {
        str(target): hashlib.sha256(payload).digest(),
        str(worker.real(worker.root / job.file)): digest.digest(),
    }
    return _Done(
        job,
        entry=entry,
        text=text,
        records=len(records),
        cached=pickle.dumps([r.values() for r in records], pickle.HIGHEST_PROTOCOL) if job.cache else b"",
        digests=digests,
    )


def _metadata(document: Document, job: _Job, text: str, path: Path) -> Metadata:
    """What the source will say of itself: what the user gave, else what was found in the document,
    the canonical address before the one fetched, the first line when nothing names a headline."""
    meta = document.meta.merged(job.given)
    if not meta.url and job.url:
        meta = replace(meta, url=job.url)
    return meta if meta.headline else replace(meta, headline=headline(text, path))


def _citation(meta: Metadata) -> dict[str, Any]:
    """The metadata a sources.toml entry carries besides its headline (none is ever None: TOML has no null)."""
    return {
        "published": meta.published,
        "outlet": meta.outlet,
        "author": meta.author,
        "url": meta.url,
        "language": meta.language,
    }


def _read_job(job: _Job, path: Path) -> tuple[str, bytes, Document]:
    """The text to keep, its bytes, and the document it came from (a fetched body, a saved page or PDF
    converted, or a text file as it is)."""
    if job.body:
        if job.suffix == ".txt":
            text, problem = decode_article(job.body, job.url)
            if text is None:
                raise IngestError(f"{problem.file}: {problem.message}" if problem else f"{job.url}: not text")
            return text, job.body, Document(text, Metadata(url=job.url))
        document = convert(job.body, job.suffix, job.url)
    elif job.suffix != ".txt":
        try:
            document = read_document(path)
        except OSError as exc:
            raise IngestError(f"{display_path(path)}: cannot read: {exc.strerror or exc}") from None
    else:
        text, raw = read_input(path)
        return text, raw, Document(text, Metadata())
    return document.text, document.text.encode("utf-8"), document


def _run(corpus: Corpus, jobs: list[_Job], workers: int) -> Iterator[_Done]:
    global _WORKER
    _WORKER = _Worker(corpus.root, corpus.summits, Extractor(corpus.gazetteer, corpus.resolver))
    init_args = (str(corpus.root), corpus.summits)
    # smaller chunks for fewer articles: a worker left with nothing to do while the other finishes
    # its last chunk costs up to a chunk's time (25 articles: ~80 ms)
    chunksize = max(4, min(CHUNK, len(jobs) // (workers * 50)))
    yield from pool_map(_ingest_one, jobs, _worker_init, init_args, chunksize=chunksize, workers=workers)


# --------------------------------------------------------------------------- ingest


def _jobs(
    corpus: Corpus,
    paths: list[Path],
    fetched: list[Fetched],
    summit: str | None,
    in_place: bool,
    cache: bool,
    given: Metadata,
    guess: bool,
) -> list[_Job]:
    """A job per file or fetched page with a source id of its own: the file's name, or the name and a
    hash of its path when that is taken (by the corpus, by another file of this batch, by an article
    already copied). A page or PDF is always copied: what is kept is its text, beside its bytes."""
    taken = set(corpus.sources)
    jobs = []
    inputs: list[tuple[Path, Fetched | None]] = [(p, None) for p in paths] + [(_url_name(f.url), f) for f in fetched]
    for path, page in inputs:
        suffix = page.suffix if page else kind_of(path.name)
        here = page is None and suffix == ".txt" and (in_place or in_folder(path, corpus.root))
        source = next(free_ids(corpus.root, path, taken, not here), None)
        if source is None:
            continue  # a hundred names taken: the worker reports it
        taken.add(source)
        file = _inside(path, corpus.root) if here else f"{ARTICLES_DIR}/{source}.txt"
        jobs.append(
            _Job(
                page.url if page else str(path),
                source,
                file,
                summit,
                not here,
                cache,
                given,
                url=page.url if page else "",
                body=page.body if page else b"",
                suffix=suffix,
                guess=guess,
            )
        )
    return jobs


def _url_name(url: str) -> Path:
    """A file name for a fetched page, from the last part of its address ("leaders-pledge")."""
    tail = url.split("?", 1)[0].split("#", 1)[0].rstrip("/").rsplit("/", 1)[-1]
    return Path(tail or url.split("//", 1)[-1].split("/", 1)[0])


def _inside(path: Path, root: Path) -> str:
    """Where sources.toml names a file found in the data folder: its path from the folder as found. A
    symlink stays the link (resolving it could lead out of the folder)."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:  # found through another spelling of the folder
        return (path.parent.resolve() / path.name).relative_to(root).as_posix()


def ingest_many(
    corpus: Corpus,
    paths: list[Path],
    summit: str | None = None,
    progress: Progress = _noop,
    in_place: bool = False,
    workers: int | None = None,
    adopt: bool = False,
    given: Metadata | None = None,
    fetched: list[Fetched] | None = None,
    guess: bool = False,
) -> IngestResult:
    """Ingest ``paths``; each bad file is one problem line and the rest go on. ``summit`` is the
    meeting they report (else guessed per article, helped by the publication date); ``in_place``
    registers files that are already inside the data folder without copying them; ``adopt`` also adds
    the new sources and records to ``corpus`` (as loading the folder afresh would), so nothing is
    parsed back. ``fetched`` are pages fetched by URL; what ``given`` says (outlet, publication date,
    headline, author, URL) replaces what is found in the articles. An undated article whose meeting is
    only a guess is refused with the guess and its reasons unless ``guess``. Raises ``NotFound`` for an
    unknown ``summit``, ``OSError`` for a folder one cannot write (the bundled corpus, a full disk)."""
    check_writable(corpus.root)  # the workers write before anything is registered
    result = IngestResult()
    summit_id = corpus.find_summit(summit) if summit else None
    known = {s.sha256: s.id for s in corpus.sources.values()}
    jobs = _jobs(corpus, paths, fetched or [], summit_id, in_place, adopt, given or Metadata(), guess)
    progress("extracting records", 0, len(jobs))
    fresh: dict[str, _Done] = {}
    place = {job.path: n for n, job in enumerate(jobs)}  # reports in the order the files were given
    said: list[tuple[str, str]] = []  # (the file as given, what is said of it)
    clashes: list[str] = []
    registered_all = False
    try:
        for n, item in enumerate(_run(corpus, jobs, workers or WORKERS), 1):
            if n % CHUNK == 0 or n == len(jobs):
                progress("extracting records", n, len(jobs))
            if item.problem:
                result.problems.append(item.problem)
            elif item.entry["sha256"] in known:  # the same text twice: the first one stays
                said += _same_text(corpus.root, item, known[item.entry["sha256"]], in_place, result)
            else:
                known[item.entry["sha256"]] = item.job.source
                fresh[item.job.source] = item
        if fresh:
            progress("saving", 0, 1)
            os.sync()  # every candidates file on disk before any is registered
            with data_lock(corpus.root):  # what another process registered meanwhile is read under the lock
                theirs = {d: sid for sid, d in registered(corpus.root).items() if sid not in corpus.sources}
                for source, item in list(fresh.items()):
                    if item.entry["sha256"] in theirs:
                        said += _same_text(
                            corpus.root, fresh.pop(source), theirs[item.entry["sha256"]], in_place, result
                        )
                clashes = register_sources(corpus.root, {source: item.entry for source, item in fresh.items()})
        registered_all = True
    finally:
        if not registered_all:  # stopped by an error (a full disk): what the workers wrote goes with it
            for item in fresh.values():
                _unwrite(corpus.root, item.job)
    for clash in clashes:  # an id another process registered meanwhile (with another text)
        result.problems.append(f"{clash}: registered meanwhile by another process; not registered again")
        _unwrite(corpus.root, fresh.pop(clash).job)
    for item in fresh.values():
        said.append(_added(corpus.root, item, result))
    result.reports = [line for _path, line in sorted(said, key=lambda s: place[s[0]])]
    if adopt:
        progress("building the corpus", 0, 1)
        share = Sharing()
        _adopt(corpus, [_built(item, result, share) for item in fresh.values()])
    return result


def _same_text(root: Path, item: _Done, other: str, in_place: bool, result: IngestResult) -> list[tuple[str, str]]:
    """An article whose text the corpus has already (as ``other``): what its worker wrote goes; the
    line to report, with the file it is about."""
    _unwrite(root, item.job)
    shown = item.job.url or display_path(Path(item.job.path))
    result.already.append(other)
    if in_place:  # the file stays in the folder, unregistered: the user should know
        result.problems.append(f"{shown}: same text as {other}; not registered again")
        return []
    return [(item.job.path, f"{shown}: already in the corpus as {other}; nothing changed")]


def _added(root: Path, item: _Done, result: IngestResult) -> tuple[str, str]:
    source = item.job.source
    result.added.append(source)
    result.records += item.records
    result.digests.update({Path(k): v for k, v in item.digests.items()})
    where = display_path(root / item.job.file)
    return item.job.path, (
        f"{item.job.url or display_path(Path(item.job.path))}: added as {source} ({where}), "
        f"{item.records} candidate record(s) for {item.entry['summit']}"
    )


def _built(item: _Done, result: IngestResult, share: Sharing) -> tuple[Source, str, list[Commitment]]:
    """An adopted article's source, text and records (as its worker sent them)."""
    records = [share.record(values) for values in pickle.loads(item.cached)]  # one object for equal values
    return Source(id=item.job.source, **item.entry), item.text, records


def _unwrite(root: Path, job: _Job) -> None:
    """Remove what a worker wrote for an article that turned out to be a duplicate."""
    (root / COMMITMENTS_DIR / f"{job.source}.toml").unlink(missing_ok=True)
    if job.copy:
        (root / job.file).unlink(missing_ok=True)
    if job.original:
        (root / job.original).unlink(missing_ok=True)


def _adopt(corpus: Corpus, adopted: list[tuple[Source, str, list[Commitment]]]) -> None:
    """Add what was just ingested to ``corpus`` exactly as :func:`load_corpus` would read it back."""
    real = RealPaths()
    for source, text, _records in adopted:
        corpus.sources[source.id] = source
        corpus.texts[source.id] = text
        corpus.article_paths.append(real(corpus.root / source.file))
    for source, _text, records in sorted(adopted, key=lambda a: a[0].id):  # the loader reads files sorted
        home = corpus.root / COMMITMENTS_DIR / f"{source.id}.toml"
        for index, record in enumerate(records):
            corpus.homes[record.id] = (home, index)
            corpus.add(record)


def gather(targets: list[Path]) -> tuple[list[Path], list[str]]:
    """The article files of ``targets`` (a file, or a folder's ``.txt``, ``.html`` and ``.pdf`` files)
    and a line per target that gives none."""
    files: list[Path] = []
    problems: list[str] = []
    for target in targets:
        found, why = article_files(target, documents=True)
        files += found
        problems += why
        if not found and not why:
            problems.append(f"{display_path(target)}: no .txt, .html or .pdf article there")
    return files, problems


def fetch_all(urls: list[str], progress: Progress = _noop) -> tuple[list[Fetched], list[str]]:
    """Each URL fetched (one at a time: a few articles, each within its time limit), and a line per
    URL that failed."""
    from coalition_tui.actions.fetch import FetchError, fetch

    pages: list[Fetched] = []
    problems: list[str] = []
    for n, url in enumerate(urls):
        progress("fetching", n, len(urls))
        try:
            pages.append(fetch(url))
        except FetchError as exc:
            problems.append(str(exc))
    return pages, problems


@dataclass(frozen=True)
class Preview:
    """One article read before it is added (nothing written): what was found in it and the meeting it
    seems to report, for the user to check and correct."""

    target: str  # the URL or path as given
    path: Path | None  # a file, or None for a fetched page
    page: Fetched | None
    meta: Metadata
    guess: Guess
    chars: int  # the kept text's length


def preview(corpus: Corpus, target: str) -> Preview:
    """Read (or fetch) one article and convert it, writing nothing. Raises :class:`IngestError` with
    one line naming the URL or file."""
    from coalition_tui.actions.fetch import FetchError, fetch, is_url

    page = None
    path = None
    try:
        if is_url(target):
            page = fetch(target)
            job = _Job(target, "", "", None, True, url=page.url, body=page.body, suffix=page.suffix)
        else:
            path = Path(target).expanduser()
            job = _Job(str(path), "", "", None, True, suffix=kind_of(path.name))
        text, _raw, document = _read_job(job, path or Path(target))
    except FetchError as exc:
        raise IngestError(str(exc)) from None
    except DocumentError as exc:
        raise IngestError(f"{target}: {exc}") from None
    meta = _metadata(document, job, text, path or Path(target))
    return Preview(target, path, page, meta, explain_guess(corpus.summits.values(), text, meta.published), len(text))
