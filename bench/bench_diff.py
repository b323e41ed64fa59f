"""Benchmark: diff of two ~50 KB articles, computed and rendered as `coalition-tui diff` prints it.

    python bench/bench_diff.py        # target: under 200 ms

B is A with a fifth of its sentences reworded ("would" -> "would not", names respelt), a tenth moved,
and some dropped or added, from a fixed seed.
"""

from __future__ import annotations

import argparse
import io
import random
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "bench"))

from synthetic import article  # noqa: E402

from coalition_tui.diffing import diff_texts  # noqa: E402
from coalition_tui.loader import load_corpus  # noqa: E402


def pair(size: int, seed: int = 3) -> tuple[str, str]:
    rng = random.Random(seed)
    a = article(rng, size)
    sentences = a.replace("\n", " ").split(". ")
    b = []
    for s in sentences:
        roll = rng.random()
        if roll < 0.1:
            continue
        if roll < 0.3:
            s = s.replace(" would ", " would not ").replace("Zelenskiy", "Zelensky").replace("Melono", "Meloni")
        b.append(s)
    for _ in range(len(b) // 10):
        b.insert(rng.randrange(len(b)), b.pop(rng.randrange(len(b))))
    return a, ". ".join(b)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    corpus = load_corpus(REPO / "data")
    a, b = pair(args.size)
    from coalition_tui.cli import _painter

    times = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        result = diff_texts(corpus, a, b)
        out = io.StringIO()
        paint = _painter("never", out)
        for p in result.pairs:
            text = " ".join(paint(w.b, "ins") if w.op != "equal" else w.a for w in p.words) if p.words else ""
            out.write(text)
        times.append(time.perf_counter() - start)
    print(
        f"two articles of {len(a) / 1000:.0f} KB / {len(b) / 1000:.0f} KB, {len(result.pairs)} sentence pairs "
        f"{result.summary()}: median {statistics.median(times) * 1000:.0f} ms (target < 200 ms)"
    )


if __name__ == "__main__":
    main()
