"""Benchmark: extraction of N synthetic ~5 KB articles (target: 1,000 in under 5 s on 2 cores).

python bench/bench_extract.py              # 1,000 articles, all cores
python bench/bench_extract.py --workers 1  # one process
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

from synthetic import corpus  # noqa: E402

from coalition_tui.extraction.extract import Extractor  # noqa: E402
from coalition_tui.store.loader import load_corpus  # noqa: E402

_EXTRACTOR: Extractor | None = None


def _init() -> None:
    global _EXTRACTOR
    loaded = load_corpus(REPO / "data")
    _EXTRACTOR = Extractor(loaded.gazetteer, loaded.resolver)


def _count(texts: list[str]) -> int:
    assert _EXTRACTOR is not None
    return sum(len(_EXTRACTOR.candidates(t, dt.date(2025, 3, 27))) for t in texts)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--size", type=int, default=5000)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    texts = corpus(args.n, args.size)
    total_bytes = sum(len(t.encode()) for t in texts)
    start = time.perf_counter()
    if args.workers == 1:
        _init()
        ready = time.perf_counter()
        found = _count(texts)
    else:
        chunks = [texts[i :: args.workers] for i in range(args.workers)]
        with ProcessPoolExecutor(args.workers, initializer=_init) as pool:
            list(pool.map(_count, [[] for _ in range(args.workers)]))  # start the workers, load the gazetteer
            ready = time.perf_counter()
            found = sum(pool.map(_count, chunks))
    end = time.perf_counter()
    print(
        f"{args.n:,} articles, {total_bytes / 1e6:.1f} MB, {args.workers} worker(s): "
        f"extraction {end - ready:.2f} s ({(end - ready) / args.n * 1000:.2f} ms/article), "
        f"{end - start:.2f} s with start-up; {found:,} candidates"
    )


if __name__ == "__main__":
    main()
