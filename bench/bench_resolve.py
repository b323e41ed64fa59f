"""Benchmark: `coalition-tui resolve -` on N names, split into start-up and per-name work.

    python bench/bench_resolve.py            # 10,000 names
    python bench/bench_resolve.py --n 50000

Names mix exact names, aliases, demonyms, typos (one edit) and junk, from a fixed seed.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

from coalition_tui.store.loader import load_corpus  # noqa: E402


def make_names(n: int, seed: int = 7) -> list[str]:
    corpus = load_corpus(REPO / "data")
    forms = [f.text for f in corpus.resolver.known_forms() if len(f.text) > 3]
    rng = random.Random(seed)
    names = []
    for _ in range(n):
        name = rng.choice(forms)
        roll = rng.random()
        if roll < 0.3 and len(name) > 5:  # one-edit typo
            i = rng.randrange(1, len(name) - 1)
            name = name[:i] + rng.choice("aeiou") + name[i + 1 :]
        elif roll < 0.35:
            name = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz ") for _ in range(rng.randint(4, 20)))
        names.append(name)
    return names


def timed(cmd: list[str], stdin: str) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, input=stdin, capture_output=True, text=True, check=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    names = make_names(args.n)
    cmd = [sys.executable, "-m", "coalition_tui", "--data", str(REPO / "data"), "resolve", "--json", "-"]
    with tempfile.TemporaryDirectory():
        startup = min(timed(cmd, "Italy\n") for _ in range(args.repeat))
        full = min(timed(cmd, "\n".join(names) + "\n") for _ in range(args.repeat))
    print(f"names: {args.n:,} ({len(set(names)):,} distinct)")
    print(f"start-up with 1 name: {startup * 1000:.0f} ms")
    print(f"total with {args.n:,} names: {full * 1000:.0f} ms")
    print(f"work beyond start-up: {(full - startup) * 1000:.0f} ms ({(full - startup) / args.n * 1e6:.1f} us/name)")


if __name__ == "__main__":
    main()
