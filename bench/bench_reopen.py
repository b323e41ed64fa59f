"""Benchmark: opening a big corpus again after the everyday changes, each open in a fresh process.

    python bench/bench_reopen.py              # N = 10,000 (about 4 minutes)
    python bench/bench_reopen.py --n 1000

On a folder of N bare synthetic articles (as bench_scale.py writes them): the first open (ingest),
an unchanged open (the cache), the open after one review decision (one records file changed),
after one new article (sources.toml changed, one records file added), after 300 more, after a gazetteer change
(every record validated again), and with no cache at all (a cold load of the ingested folder).
It also times the review decision itself (accept, as the CLI does it).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

from bench_scale import write_articles  # noqa: E402

STEP = """
import gc, json, resource, sys, time
from pathlib import Path
start = time.perf_counter()
from coalition_tui.actions.opening import open_corpus
corpus = open_corpus(Path(sys.argv[1]))
opened = time.perf_counter() - start
decision = None
if sys.argv[2] == "accept":
    from coalition_tui.actions import review
    gc.freeze()  # as the app and the CLI do once the corpus is loaded
    record = review.queue(corpus)[0].id
    start = time.perf_counter()
    review.accept(corpus, record)
    decision = time.perf_counter() - start
print(json.dumps({"seconds": opened, "records": len(corpus.records), "decision": decision,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def step(folder: Path, cache: Path, what: str = "") -> dict[str, float]:
    env = {**os.environ, "COALITION_TUI_CACHE": str(cache)}
    out = subprocess.run(
        [sys.executable, "-c", STEP, str(folder), what], capture_output=True, text=True, env=env, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=10000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder, cache = Path(tmp) / "articles", Path(tmp) / "cache"
        write_articles(folder, args.n)
        rows = [("first open (ingest)", step(folder, cache)), ("unchanged (cache)", step(folder, cache))]
        decided = step(folder, cache, "accept")
        rows.append(("after one review decision", step(folder, cache)))
        article = folder / "one-more.txt"
        article.write_text((REPO / "tests" / "articles" / "london.txt").read_text(encoding="utf-8"), encoding="utf-8")
        subprocess.run(
            [
                sys.executable,
                "-m",
                "coalition_tui",
                "ingest",
                "--data",
                str(folder),
                "--summit",
                "2025-03-02",
                str(article),
            ],
            env={**os.environ, "COALITION_TUI_CACHE": str(cache)},
            capture_output=True,
            check=True,
        )
        rows.append(("after one new article", step(folder, cache)))
        batch = Path(tmp) / "batch"
        write_articles(batch, 300, seed=8)  # other texts than the first 300
        subprocess.run(
            [sys.executable, "-m", "coalition_tui", "ingest", "--data", str(folder), "--summit", "2025-03-02",
             str(batch)],
            env={**os.environ, "COALITION_TUI_CACHE": str(cache)},
            capture_output=True,
            check=True,
        )  # fmt: skip
        rows.append(("after 300 new articles", step(folder, cache)))
        (folder / "gazetteer").mkdir()
        for name in ("countries.toml", "people.toml", "organizations.toml"):
            text = (REPO / "data" / "gazetteer" / name).read_text(encoding="utf-8")
            (folder / "gazetteer" / name).write_text(text, encoding="utf-8")
        rows.append(("after a gazetteer change", step(folder, cache)))
        rows.append(("no cache (cold load)", step(folder, Path(tmp) / "empty-cache")))
    print(f"| N = {args.n:,} | open | peak RSS |")
    print("|---|---|---|")
    for label, result in rows:
        print(f"| {label} | {result['seconds']:.1f} s | {result['rss_mb']:.0f} MB |")
    print(f"| the review decision itself (accept) | {decided['decision'] * 1000:.0f} ms | |")


if __name__ == "__main__":
    main()
