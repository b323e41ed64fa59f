"""Worker processes for the long jobs (ingest, a cold load): the two cores of a laptop.

Forked from a single-threaded process (the command line: the workers inherit what the parent has
loaded, ready at once); spawned as fresh interpreters when threads run (the app: forking a threaded
process can deadlock), which then build their state with ``init``.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_all_start_methods, get_context
from multiprocessing.context import BaseContext
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")
PARALLEL_FROM = 40  # fewer items than this are done in this process (starting workers costs ~0.5 s)
WORKERS = min(os.cpu_count() or 1, 4)


def pool_map(
    fn: Callable[[T], R],
    items: list[T],
    init: Callable[..., None],
    initargs: tuple[Any, ...],
    chunksize: int = 25,
    workers: int = WORKERS,
) -> Iterator[R]:
    """``map(fn, items)`` in worker processes, results in order. ``init(*initargs)`` sets up a spawned
    worker; the caller sets up this process's state first (a forked worker, or no worker, uses it)."""
    if len(items) < PARALLEL_FROM or workers <= 1:
        yield from map(fn, items)
        return
    context: BaseContext
    if threading.active_count() == 1 and "fork" in get_all_start_methods():
        context, initializer, args = get_context("fork"), None, ()
    else:
        context, initializer, args = get_context("spawn"), init, initargs
    with _real_stderr():  # multiprocessing's resource tracker and the workers start here
        pool = ProcessPoolExecutor(workers, mp_context=context, initializer=initializer, initargs=args)
        results = pool.map(fn, items, chunksize=chunksize)
    with pool:
        yield from results


@contextlib.contextmanager
def _real_stderr() -> Iterator[None]:
    """Starting a process hands it our stderr; inside the Textual app sys.stderr is a capture object
    whose fileno() is -1, which multiprocessing refuses ("bad value(s) in fds_to_keep"). Lend it the
    real stderr (or /dev/null) while the workers start."""
    try:
        usable = sys.stderr is not None and sys.stderr.fileno() >= 0
    except (AttributeError, OSError, ValueError):
        usable = False
    if usable:
        yield
        return
    saved = sys.stderr
    real = sys.__stderr__
    with contextlib.ExitStack() as stack:
        if real is None or real.closed:
            real = stack.enter_context(open(os.devnull, "w"))
        sys.stderr = real
        try:
            yield
        finally:
            sys.stderr = saved
