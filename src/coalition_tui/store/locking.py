"""One writer at a time in a data folder: an advisory lock around every read-modify-write.

Every change to a data folder (a review decision, registering articles in ``sources.toml``, creating an
article's files) happens inside :func:`data_lock`: the file is read, changed and replaced while the lock
is held, so two processes (two app windows, the app and the CLI, two ``ingest`` runs) take turns and
neither overwrites what the other wrote. The lock is ``flock`` on the folder ``DIR`` itself (no lock file
that someone could delete while it is held); the kernel releases it when the process ends, so a kill -9
never leaves the folder locked. It is re-entrant within a
process. Where ``fcntl`` does not exist (Windows) the lock only orders this process's threads.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from coalition_tui.store.errors import CoalitionError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

WAIT = 30.0  # seconds a writer waits for another one before giving up
STALE_TEMP_AGE = 600.0  # a temp file this old was left by a writer that died (kill -9, power cut)
_TEMP = re.compile(r"^\..+\.[A-Za-z0-9_]{8}\.tmp$")  # write_atomic's names: .NAME.XXXXXXXX.tmp


class DataLocked(CoalitionError, OSError):
    """Another process kept the data folder locked for longer than :data:`WAIT`."""


class ReadOnlyCorpus(CoalitionError, OSError):
    """A change to the corpus shipped with the package, which is never written."""


def check_writable(root: Path) -> None:
    """Raise :class:`ReadOnlyCorpus` (saying where a corpus of one's own lives) for the bundled corpus."""
    from coalition_tui.store.paths import read_only, read_only_reason

    if read_only(root):
        raise ReadOnlyCorpus(errno.EROFS, read_only_reason(root))


class _Held:
    def __init__(self) -> None:
        self.guard = threading.RLock()
        self.depth = 0
        self.fd: int | None = None


_HELD: dict[Path, _Held] = {}
_HELD_GUARD = threading.Lock()


def _held(root: Path) -> _Held:
    with _HELD_GUARD:
        return _HELD.setdefault(root, _Held())


_WAITING = threading.local()


@contextlib.contextmanager
def waiting(seconds: float) -> Iterator[None]:
    """Within this block, this thread's writers wait at most ``seconds`` for another process's lock
    (the app's screen thread: a short wait, then "try again", never a frozen screen)."""
    before = getattr(_WAITING, "seconds", None)
    _WAITING.seconds = seconds
    try:
        yield
    finally:
        _WAITING.seconds = before


@contextlib.contextmanager
def data_lock(root: Path, wait: float | None = None) -> Iterator[None]:
    """Hold the data folder ``root`` for writing. Raises :class:`DataLocked` after ``wait`` seconds
    (:data:`WAIT`, or what :func:`waiting` set for this thread), or ``OSError`` when the lock file
    cannot be created (a read-only folder)."""
    if wait is None:
        chosen = getattr(_WAITING, "seconds", None)
        wait = WAIT if chosen is None else chosen
    check_writable(root)  # every write to a data folder passes here: the bundled corpus is never one
    held = _held(root.resolve())
    with held.guard:
        if held.depth == 0:
            held.fd = _acquire(root, wait)
        held.depth += 1
        try:
            yield
        finally:
            held.depth -= 1
            if held.depth == 0 and held.fd is not None:
                os.close(held.fd)  # closing the descriptor releases the flock
                held.fd = None


def _acquire(root: Path, wait: float) -> int | None:
    root.mkdir(parents=True, exist_ok=True)
    # The lock is held on the data folder itself, not on a file in it: a lock file can be deleted while
    # it is held, and the next writer would then lock a new file and write at the same time.
    fd = os.open(root, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    if fcntl is None:  # pragma: no cover - Windows
        return fd
    deadline = time.monotonic() + wait
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return fd
        except BlockingIOError:
            if time.monotonic() >= deadline:
                os.close(fd)
                raise DataLocked(
                    errno.EAGAIN,
                    f"another coalition-tui process is writing to {root} (waited {wait:g} s); try again in a moment",
                ) from None
            time.sleep(0.01)
        except OSError:
            os.close(fd)
            raise


def remove_stale_temps(folders: list[Path], age: float = STALE_TEMP_AGE) -> int:
    """Delete temp files that an interrupted atomic write left in ``folders`` (older than ``age``
    seconds, so another process's write in flight is never touched). Returns how many."""
    removed = 0
    now = time.time()
    for folder in folders:
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            if not _TEMP.match(entry.name):
                continue
            with contextlib.suppress(OSError):
                if entry.is_file(follow_symlinks=False) and now - entry.stat(follow_symlinks=False).st_mtime > age:
                    os.unlink(entry.path)
                    removed += 1
    return removed
