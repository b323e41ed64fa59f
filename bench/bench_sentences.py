"""Sentence splitting on hostile 5 MB articles: runs of initials, abbreviations, an unclosed quote,
long runs of full stops or spaces. The splitter is linear: each case should take well under 2 s.

    python bench/bench_sentences.py [--mb 5]
"""

from __future__ import annotations

import argparse
import time

from coalition_tui.extraction import sentences
from coalition_tui.extraction.clean import clean
from coalition_tui.extraction.sentences import split_sentences

TARGET_S = 2.0


def cases(size: int) -> dict[str, str]:
    return {
        "initials 'J. '": "J. " * (size // 3),
        "initials and names 'J. R. Smith. '": "J. R. Smith. " * (size // 13),
        "dotted 'U.S. '": "U.S. " * (size // 5),
        "abbreviations 'Mr. '": "Mr. " * (size // 4),
        "unclosed quote": '"' + "Word. Next " * (size // 11),
        "full stops": "." * size + " X",
        "spaces after a stop": "a." + " " * size + "b",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, default=5.0)
    args = parser.parse_args()
    size = int(args.mb * 1024 * 1024)
    compiled = sentences.__file__.endswith((".so", ".pyd"))
    print(f"sentence splitting, {args.mb:g} MB per case ({'compiled' if compiled else 'pure Python'})")
    worst = 0.0
    for name, text in cases(size).items():
        cleaned = clean(text)
        start = time.perf_counter()
        found = split_sentences(cleaned)
        took = time.perf_counter() - start
        worst = max(worst, took)
        print(f"  {name:36} {took:6.2f} s  {len(found):>9,} sentence(s)")
    print(f"worst {worst:.2f} s; target < {TARGET_S:.0f} s: {'met' if worst < TARGET_S else 'NOT met'}")


if __name__ == "__main__":
    main()
