"""The decision log's cost: a bulk decision on N records journalled in chunks, one more decision on a day
that already holds them, and reading the undo log back at start (done in a worker).

    python bench/bench_journal.py --n 26000
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from coalition_tui.store import journal
from coalition_tui.store.journal import Entry, Mark


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=26000, help="decisions made in one day")
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="coalition-journal-"))
    mark = Mark.now("bench")
    entries = [
        Entry(f"src-{i}-x001-fra-troops_in_ukraine", "accept", mark.by, mark.at, mark.batch,
              {"origin": "extracted"}, ("decided_by", "decided_at"))
        for i in range(args.n)
    ]  # fmt: skip
    started = time.perf_counter()
    for i in range(0, args.n, 200):  # as review.decide_many writes it
        journal.append(root, entries[i : i + 200])
    bulk = time.perf_counter() - started
    size = sum(p.stat().st_size for p in (root / journal.FOLDER).iterdir())
    started = time.perf_counter()
    journal.append(root, [entries[0]])
    one = time.perf_counter() - started
    started = time.perf_counter()
    batches = list(journal.recent_batches(root, 200))
    read = time.perf_counter() - started
    print(f"{args.n} decisions journalled in chunks of 200: {bulk:.2f} s, the day file {size / 1e6:.1f} MB")
    print(f"one more decision that day: {one * 1000:.0f} ms")
    print(f"the undo log read back ({len(batches)} batch(es)): {read:.2f} s")


if __name__ == "__main__":
    main()
