"""Benchmark: a user's folder of N bare .txt articles opened with `coalition-tui --data DIR`.

    python bench/bench_scale.py                 # N = 1,000 and 10,000 (about 3 minutes)
    python bench/bench_scale.py --n 1000        # one size

For each N it writes N deterministic synthetic articles (bench/synthetic.py: realistic sentences, name
typos, every kind and stance; 3.4-6.3 KB each and ~20 records per article, like the seeds) to a fresh folder, then measures,
each in a fresh process: the first open (register + extract + load, what the app's loading worker does),
its peak resident memory, the second open of the unchanged folder (the content-hash cache), the app's
first frame, and keypress-to-repaint p95 in the Overview and Countries panes; and, in the app itself
(headless), the first open of a copy of the folder: time to the Overview, the longest the UI's event
loop went without answering while loading, and how many progress updates the bar showed.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

from bench_tui import OURS, first_frame, keypresses, p95  # noqa: E402
from synthetic import article  # noqa: E402

OPEN = """
import json, resource, sys, time
from pathlib import Path
start = time.perf_counter()
from coalition_tui.actions.opening import open_corpus
corpus = open_corpus(Path(sys.argv[1]))
print(json.dumps({"seconds": time.perf_counter() - start, "records": len(corpus.records),
                  "sources": len(corpus.sources), "problems": len(corpus.problems),
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def write_articles(folder: Path, n: int, seed: int = 7) -> int:
    rng = random.Random(seed)
    folder.mkdir(parents=True)
    total = 0
    for i in range(n):
        text = f"Coalition leaders meet in Paris on 27 March 2025\n\n{article(rng, rng.randint(3400, 6300), filler=0.65)}\n"
        (folder / f"article-{i:05d}.txt").write_text(text, encoding="utf-8")
        total += len(text.encode())
    return total


async def app_first_open(folder: Path) -> dict[str, float]:
    """The app opening an uncached folder of bare articles: time until the Overview shows, the longest
    the UI's event loop went without answering meanwhile (a key would wait that long), and how many
    progress updates the bar showed."""
    from textual.widgets import ProgressBar

    from coalition_tui.tui import make_app

    app = make_app(folder, blink=False)
    stalls: list[float] = []
    updates: set[tuple[float | None, float | None]] = set()
    async with app.run_test(size=(120, 40)):
        start = time.perf_counter()
        bar = app.query_one("#loading-bar", ProgressBar)  # kept: a DOM query every 20 ms would cost the app
        while app.corpus is None and time.perf_counter() - start < 600:
            before = time.perf_counter()
            await asyncio.sleep(0.02)
            stalls.append(time.perf_counter() - before - 0.02)
            updates.add((bar.progress, bar.total))
        shown = time.perf_counter() - start
    return {"shown": shown, "stall": max(stalls, default=0.0), "updates": len(updates)}


def open_in_fresh_process(folder: Path, cache: Path) -> dict[str, float]:
    env = {**os.environ, "COALITION_TUI_CACHE": str(cache)}
    out = subprocess.run([sys.executable, "-c", OPEN, str(folder)], capture_output=True, text=True, env=env, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def measure(n: int, presses: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        folder, cache = Path(tmp) / "articles", Path(tmp) / "cache"
        size = write_articles(folder, n)
        shutil.copytree(folder, Path(tmp) / "in-app")
        os.environ["COALITION_TUI_CACHE"] = str(Path(tmp) / "app-cache")
        in_app = asyncio.run(app_first_open(Path(tmp) / "in-app"))
        first = open_in_fresh_process(folder, cache)
        second = open_in_fresh_process(folder, cache)
        os.environ["COALITION_TUI_CACHE"] = str(cache)
        frame = first_frame(OURS, str(folder), runs=3)
        timings = asyncio.run(keypresses(folder, presses))
    return {
        "n": n,
        "mb": size / 1e6,
        "records": first["records"],
        "first": first["seconds"],
        "rss": max(first["rss_mb"], second["rss_mb"]),
        "second": second["seconds"],
        "frame": frame,
        "overview": p95(timings["overview"]),
        "countries": p95(timings["countries"]),
        "enter": p95(timings["enter"]),
        "enter_moved": p95(timings["enter, straight after a move"]),
        "detail": statistics.median(timings["countries detail"]),
        "app": in_app["shown"],
        "stall": in_app["stall"],
        "updates": in_app["updates"],
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--presses", type=int, default=60)
    args = parser.parse_args()
    print(
        "| articles | MB | records | first open | peak RSS | second open | first frame | Overview p95 | Countries p95 | Enter p95 (rested / after a move) "
        "| in the app: first open, longest UI stall, progress updates |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for n in args.n:
        start = time.perf_counter()
        m = measure(n, args.presses)
        print(
            f"| {m['n']:,} | {m['mb']:.1f} | {m['records']:,} | {m['first']:.1f} s | {m['rss']:.0f} MB | "
            f"{m['second']:.2f} s ({m['second'] / m['first']:.0%}) | {m['frame'] * 1000:.0f} ms | "
            f"{m['overview'] * 1000:.1f} ms | {m['countries'] * 1000:.1f} ms | {m['enter'] * 1000:.0f} / {m['enter_moved'] * 1000:.0f} ms | "
            f"{m['app']:.1f} s, {m['stall'] * 1000:.0f} ms, {m['updates']} |",
            flush=True,
        )
        print(f"(N={n}: bench took {time.perf_counter() - start:.0f} s)", file=sys.stderr)


if __name__ == "__main__":
    main()
