"""Train the confidence model on hand-labelled articles; report it leaving one slice out.

    python bench/train_confidence.py --gold ../shared/corpus-dev            # report, then write the model
    python bench/train_confidence.py --gold ../shared/corpus-dev --dry-run  # report only

For each slice (first letter of the article files): a model trained on the other slices scores this
one; printed: strict precision / recall / F1 before (the rules alone) and after (drop under the
one threshold: the one with the best mean F1 over the slices left out), and precision per band. Then a model trained on
every slice is written to src/coalition_tui/extraction/confidence.toml (no article text goes in it:
feature names and weights).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
MODEL = REPO / "src" / "coalition_tui" / "extraction" / "confidence.toml"


def main() -> int:
    from coalition_tui.extraction.confidence import BANDS
    from coalition_tui.extraction.training import collect, fit, leave_one_out
    from coalition_tui.store.loader import load_base
    from coalition_tui.store.paths import bundled_data_dir
    from coalition_tui.store.tomlio import dumps, write_bytes_atomic

    parser = argparse.ArgumentParser()
    parser.add_argument("--gold", type=Path, required=True, help="a folder of articles/*.txt and gold*.toml")
    parser.add_argument("--dry-run", action="store_true", help="report only; do not write the model")
    args = parser.parse_args()
    base = load_base(bundled_data_dir())
    data = collect(args.gold, base.gazetteer, base.resolver)
    print(
        f"{len(data.examples)} candidates ({sum(e.right for e in data.examples)} right), {len(data.gold)} gold records"
    )
    print(
        "| left out | rules alone P / R / F1 | calibrated P / R / F1 | threshold | >= 0.9: precision (share) "
        "| right above wrong (AUC): rules, model |"
    )
    print("|---|---|---|---|---|---|")
    held = leave_one_out(data)
    threshold = held.best_threshold()
    reports = held.report(threshold)
    for r in reports:
        rules, model_auc = held.separation(r.name)
        right, total = r.bands[0.9]
        high = f"{right / total:.2f} ({r.high_share():.0%})" if total else "none"
        print(
            f"| {r.name} | {r.uncalibrated.precision:.3f} / {r.uncalibrated.recall:.3f} / {r.uncalibrated.f1:.3f} "
            f"| {r.calibrated.precision:.3f} / {r.calibrated.recall:.3f} / {r.calibrated.f1:.3f} "
            f"| {r.threshold:.2f} | {high} | {rules:.2f}, {model_auc:.2f} |"
        )
    print("\nprecision by band (held-out slices), right / proposed:")
    for edge in BANDS:
        cells = [f"{r.name} {r.bands[edge][0]}/{r.bands[edge][1]}" for r in reports]
        print(f"  >= {edge:.1f}: " + ", ".join(cells))
    if args.dry_run:
        return 0
    model = fit(data.examples, threshold, f"{args.gold.name}: {len(data.examples)} candidates")
    header = "# Written by bench/train_confidence.py; see docs/extraction.md.\n"
    write_bytes_atomic(MODEL, (header + dumps(model.as_toml())).encode("utf-8"))
    print(f"\nwrote {MODEL.relative_to(REPO)} (threshold {model.threshold:.2f}, {len(model.weights)} weights)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
