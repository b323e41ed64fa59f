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
sys.path.insert(0, str(REPO / "bench"))

from synthetic import article  # noqa: E402

from coalition_tui.analysis.diffing import diff_texts  # noqa: E402
from coalition_tui.store.loader import load_corpus  # noqa: E402


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
    paints = sorted(app_paint(a, b) for _ in range(args.repeat))
    print(
        f"in the app, from opening the diff screen to the diff on screen: median {statistics.median(paints) * 1000:.0f} ms"
        f" (runs {', '.join(f'{p * 1000:.0f}' for p in paints)}; target < 200 ms)"
    )


def app_paint(a: str, b: str) -> float:
    """Open the DiffScreen on the two texts in a headless app; time until the first frame showing the diff.

    The diff is computed in a worker and drawn with the line API (only the rows on screen are rendered),
    so this is compute + layout + one paint.
    """
    import asyncio
    import hashlib
    import shutil
    import tempfile

    from coalition_tui.store.tomlio import write_toml_atomic
    from coalition_tui.tui import make_app
    from coalition_tui.tui.diff import DiffScreen

    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        shutil.copytree(REPO / "data" / "gazetteer", data / "gazetteer")
        shutil.copy(REPO / "data" / "summits.toml", data / "summits.toml")
        sources = {}
        for name, text in (("a", a), ("b", b)):
            path = data / "articles" / f"{name}.txt"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            sources[name] = {
                "file": f"articles/{name}.txt",
                "headline": name,
                "summit": "2025-03-27-paris",
                "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
            }
        write_toml_atomic(data / "sources.toml", sources)

        async def run() -> float:
            app = make_app(data, blink=False)
            stamps: list[float] = []
            async with app.run_test(size=(120, 40)) as pilot:
                await app.workers.wait_for_complete()
                await pilot.pause()
                display = app._display

                def spy(screen, renderable):
                    display(screen, renderable)
                    if renderable is not None and isinstance(screen, DiffScreen) and screen.result is not None:
                        stamps.append(time.perf_counter())  # a frame with the diff in it

                app._display = spy
                start = time.perf_counter()
                await app.push_screen(DiffScreen("a", "b"))
                await app.workers.wait_for_complete()
                for _ in range(5):
                    await pilot.pause()
                return min(stamps) - start

        return asyncio.run(run())


if __name__ == "__main__":
    main()
