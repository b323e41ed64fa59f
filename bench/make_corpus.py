"""Write a deterministic synthetic corpus (articles, sources.toml, extracted records) for benchmarks.

python bench/make_corpus.py /tmp/big --articles 200      # about 10,000 records
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

from synthetic import corpus  # noqa: E402

from coalition_tui.extraction.extract import Extractor  # noqa: E402
from coalition_tui.store.loader import load_corpus  # noqa: E402
from coalition_tui.store.serialize import record_table  # noqa: E402
from coalition_tui.store.tomlio import write_toml_atomic  # noqa: E402


def make(target: Path, articles: int, size: int = 5000) -> int:
    """Create ``target/data`` (gazetteer and summits copied from the bundled corpus); return the record count."""
    data = target / "data"
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(REPO / "data" / "gazetteer", data / "gazetteer")
    shutil.copy(REPO / "data" / "summits.toml", data / "summits.toml")
    base = load_corpus(REPO / "data")
    extractor = Extractor(base.gazetteer, base.resolver)
    summits = base.summits_by_date()
    sources = {}
    total = 0
    for n, text in enumerate(corpus(articles, size)):
        source_id = f"synthetic-{n:05d}"
        summit = summits[n % len(summits)]
        path = data / "articles" / f"{source_id}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        sources[source_id] = {
            "file": f"articles/{source_id}.txt",
            "headline": f"Synthetic article {n}",
            "summit": summit.id,
            "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
        }
        records = extractor.extract(text, source_id, summit.id, summit.date)
        total += len(records)
        write_toml_atomic(
            data / "commitments" / f"{source_id}.toml",
            {"source": source_id, "commitment": [record_table(r) for r in records]},
        )
    write_toml_atomic(data / "sources.toml", sources)
    return total


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("target", type=Path)
    parser.add_argument("--articles", type=int, default=200)
    args = parser.parse_args()
    print(f"{make(args.target, args.articles):,} records in {args.target / 'data'}")
