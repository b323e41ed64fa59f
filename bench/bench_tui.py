"""Benchmark the app: start-up to first frame vs a bare Textual app, and keypress-to-repaint p95.

    python bench/bench_tui.py                 # first frame on the seeds; keypresses on ~10,000 records
    python bench/bench_tui.py --records-articles 200

First frame: a fresh process runs the app headless and exits from its first autopilot step (after the
first screen is composed and painted); the same for a bare Textual app with a Header and a Footer.
Keypress: Pilot presses j/l in the Overview and j/k in Countries; each press is timed from the key event
to the screen update that moves the cursor (Pilot's own waits for idle are not counted). Enter in
Countries (browse the country's records, drawn beside the list) is timed to the last update it causes: on a
country the cursor rested on (its records already drawn, as a reader sees them before pressing Enter), and
straight after a move (the records drawn by the Enter itself). The Countries
detail pane is redrawn once the cursor rests (DETAIL_DELAY); its time is reported separately. Figures: medians of fresh processes, p50/p95 of presses.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

BARE = """
from textual.app import App
from textual.widgets import Footer, Header
class Bare(App):
    def compose(self):
        yield Header()
        yield Footer()
async def first(pilot):
    import os, time
    print(time.time(), flush=True)
    os._exit(0)
Bare().run(headless=True, auto_pilot=first)
"""
OURS = """
import sys
from pathlib import Path
from coalition_tui.tui import make_app
async def first(pilot):
    import os, time
    print(time.time(), flush=True)
    os._exit(0)  # do not wait for the loading thread: the frame is what is measured
make_app(Path(sys.argv[1])).run(headless=True, auto_pilot=first)
"""


def first_frame(code: str, *args: str, runs: int = 7) -> float:
    times = []
    for _ in range(runs):
        start = time.time()
        result = subprocess.run([sys.executable, "-c", code, *args], check=True, capture_output=True, text=True)
        times.append(float(result.stdout.split()[-1]) - start)
    return statistics.median(times)


async def keypresses(data: Path, presses: int) -> dict[str, list[float]]:
    """Time from a key event to the last screen update it causes (Pilot's own idle waits excluded)."""
    from coalition_tui.tui import make_app

    app = make_app(data, blink=False)
    timings: dict[str, list[float]] = {
        "overview": [],
        "countries": [],
        "countries detail": [],
        "enter": [],
        "enter, straight after a move": [],
    }
    stamps: list[float] = []
    async with app.run_test(size=(120, 40)) as pilot:
        display = app._display

        def spy(screen, renderable):  # the app hands each screen update to the driver here
            display(screen, renderable)
            if renderable is not None:
                stamps.append(time.perf_counter())

        app._display = spy
        await app.workers.wait_for_complete()
        await pilot.pause()

        async def press(key: str, view: str) -> None:
            stamps.clear()
            start = time.perf_counter()
            await pilot.press(key)
            await pilot.pause()
            if stamps:
                timings[view].append(min(stamps) - start)  # the cursor's repaint
                if view == "countries":
                    timings["countries detail"].append(max(stamps) - start)  # the detail pane, after its delay

        for i in range(presses):
            await press("l" if i % 10 == 9 else "j", "overview")
        await pilot.press("2")
        await pilot.pause()
        for i in range(presses):
            await press("k" if (i // 12) % 2 else "j", "countries")  # up and down the list, never idle at an end
        from coalition_tui.tui.countries import DETAIL_DELAY

        for rested in (True, False):  # Enter on a country whose records are shown; Enter right after j
            view = "enter" if rested else "enter, straight after a move"
            for i in range(min(presses, 40)):
                await pilot.press("escape")
                await pilot.press("k" if (i // 12) % 2 else "j")
                await pilot.pause()
                if rested:  # the reader looked at the country first: its records are drawn
                    await asyncio.sleep(DETAIL_DELAY * 2)
                    await pilot.pause()
                stamps.clear()
                start = time.perf_counter()
                await pilot.press("enter")
                await pilot.pause()
                if stamps:
                    timings[view].append(max(stamps) - start)  # the records active, painted
    return timings


def p95(values: list[float]) -> float:
    return sorted(values)[int(len(values) * 0.95) - 1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records-articles", type=int, default=200, help="synthetic articles (~54 records each)")
    parser.add_argument("--presses", type=int, default=100)
    args = parser.parse_args()
    bare = first_frame(BARE)
    ours = first_frame(OURS, str(REPO / "data"))
    print(
        f"first frame: bare Textual app {bare * 1000:.0f} ms, coalition-tui on the seeds {ours * 1000:.0f} ms "
        f"({ours / bare:.2f}x; target <= 1.3x)"
    )
    from make_corpus import make

    with tempfile.TemporaryDirectory() as tmp:
        records = make(Path(tmp) / "big", args.records_articles)
        start = time.perf_counter()
        from coalition_tui.store.loader import load_corpus

        load_corpus(Path(tmp) / "big" / "data")
        print(f"synthetic corpus: {records:,} records, loaded in {time.perf_counter() - start:.2f} s")
        timings = asyncio.run(keypresses(Path(tmp) / "big" / "data", args.presses))
    for view, values in timings.items():
        print(
            f"keypress to repaint, {view}: p50 {statistics.median(values) * 1000:.1f} ms, "
            f"p95 {p95(values) * 1000:.1f} ms over {len(values)} presses (target p95 <= 50 ms)"
        )


if __name__ == "__main__":
    main()
