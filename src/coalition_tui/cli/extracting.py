"""Extraction from the command line: extract an article, score extraction (eval)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from coalition_tui.store.problems import NotFound
from coalition_tui.store.safe import json_line

if TYPE_CHECKING:
    from coalition_tui.extraction.gold import GoldScore
    from coalition_tui.store.model import Commitment


from coalition_tui.cli.common import (
    _corpus,
    _print_record,
    country_fields,
    record_dict,
)


def cmd_extract(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from coalition_tui.actions.intake import IngestError, read_input
    from coalition_tui.extraction.extract import Extractor
    from coalition_tui.extraction.meetings import guess_summit

    corpus = _corpus(args)
    try:
        text, _ = read_input(args.file)
        summit = corpus.find_summit(args.summit) if args.summit else guess_summit(corpus.summits.values(), text)
    except (IngestError, NotFound) as exc:
        err.write(f"coalition-tui extract: {exc}\n")
        return 1
    on = corpus.summits[summit].date if summit else None
    records = Extractor(corpus.gazetteer, corpus.resolver).extract(text, args.file.stem, summit or "", on)
    for record in records:
        if args.json:
            row = record_dict(corpus, record) | {"summit": record.summit or None, "confidence": record.confidence}
            out.write(json_line(row) + "\n")
        else:
            _print_record(corpus, record, out)
    if not args.json:
        out.write(
            f"{len(records)} candidate(s) for {summit or 'an unknown meeting (pass --summit)'}; nothing written\n"
        )
    return 0


def cmd_eval_gold(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from coalition_tui.extraction.gold import score_gold

    folder: Path = args.gold
    if not (folder / "articles").is_dir() or not any(folder.glob("gold*.toml")):
        err.write(f"coalition-tui eval: {folder} has no articles/ folder or no gold*.toml; see README, 'Extraction'\n")
        return 2
    corpus = _corpus(args)
    result = score_gold(folder, corpus.gazetteer, corpus.resolver, list(corpus.summits.values()), args.only)
    for problem in result.problems:
        err.write(f"{problem}\n")
    if args.json:
        out.write(
            json_line(
                {
                    "articles": result.articles,
                    **{
                        name: prf.as_dict() | {"pred": prf.predicted, "gold": prf.expected}
                        for name, prf in result.scores.items()
                    },
                    "missed": [list(k) for k in result.missed],
                    **({"calibration": _bands_json(result)} if args.calibration else {}),
                    "false_alarms": [[*k, quote] for k, quote in result.false_alarms],
                }
            )
            + "\n"
        )
        return 0
    strict = result.scores["strict"]
    out.write(f"{result.articles} articles, {strict.expected} gold records, {strict.predicted} predicted\n")
    for name, prf in result.scores.items():
        out.write(
            f"{name:14s} P {prf.precision:.3f}  R {prf.recall:.3f}  F1 {prf.f1:.3f}  "
            f"(tp {prf.true_positive}, pred {prf.predicted}, gold {prf.expected})\n"
        )
    if args.calibration:
        _write_bands(result, out)
    right, labelled, wrong = result.meetings_right, result.meetings_labelled, result.meetings_wrong
    if labelled:
        unknown = sum(meeting not in corpus.summits for _file, meeting, _guess in wrong)
        out.write(
            f"meeting        {right} of {labelled} articles get the meeting their articles*.toml names"
            f" ({right} of {labelled - unknown} whose meeting is in summits.toml)\n"
        )
    if args.errors:
        for file, meeting, guess in wrong:
            out.write(f"  meeting of {file}: {meeting}, guessed {guess or 'none'}\n")
        out.write("\nmissed (in gold, not predicted):\n")
        for key in result.missed:
            out.write("  " + " ".join(key) + "\n")
        out.write("\nfalse alarms (predicted, not in gold):\n")
        for key, quote in result.false_alarms:
            out.write("  " + " ".join(key) + " | " + " ".join(quote.split())[:160] + "\n")
    return 0


def _bands_json(result: GoldScore) -> dict[str, object]:
    from coalition_tui.extraction.confidence import shipped_model

    model = shipped_model()
    return {
        "model": model.trained_on if model else None,
        "bands": [
            {"from": edge, "right": right, "proposed": total, "precision": round(right / total, 3) if total else None}
            for edge, right, total in result.bands(result.gold)
        ],
    }


def _write_bands(result: GoldScore, out: TextIO) -> None:
    """Precision per confidence band (strict keys), and which articles the model was trained on."""
    from coalition_tui.extraction.confidence import shipped_model

    model = shipped_model()
    trained = model.trained_on if model else "nothing (the rules' own confidences)"
    out.write(
        f"confidence     model trained on {trained}"
        " (on those articles these figures flatter it: bench/train_confidence.py leaves one slice out)\n"
    )
    top = ""
    for edge, right, total in result.bands(result.gold):
        shown = f"{right / total:.3f}" if total else "  -  "
        out.write(f"  {edge:.1f}{top or '+':4s}  precision {shown}  ({right} right of {total})\n")
        top = f"-{edge:.1f}"


def cmd_eval(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from coalition_tui.extraction.evaluate import evaluate_corpus

    if args.gold is not None:
        return cmd_eval_gold(args, out, err)
    corpus = _corpus(args)
    result = evaluate_corpus(corpus)

    def brief(r: Commitment) -> dict[str, object]:
        return {
            "source": r.source,
            **country_fields(corpus, r.country),
            "kind": r.kind.value,
            "stance": r.stance.value,
            "quote": r.quote,
        }

    if args.json:
        out.write(
            json_line(
                {
                    "overall": result.overall.as_dict(),
                    "per_kind": {k.value: s.as_dict() for k, s in result.per_kind.items()},
                    "misses": [brief(r) for r in result.misses],
                    "false_alarms": [brief(r) for r in result.false_alarms],
                }
            )
            + "\n"
        )
        return 0
    o = result.overall
    out.write(
        f"overall  precision {o.precision:.3f}  recall {o.recall:.3f}  F1 {o.f1:.3f}  "
        f"(tp {o.true_positive}, fp {o.false_positive}, fn {o.false_negative})\n"
    )
    for kind, s in result.per_kind.items():
        out.write(
            f"  {kind.value:<24} P {s.precision:.3f}  R {s.recall:.3f}  F1 {s.f1:.3f}  "
            f"(tp {s.true_positive}, fp {s.false_positive}, fn {s.false_negative})\n"
        )
    for title, rows in (
        ("misses (curated, not extracted)", result.misses),
        ("false alarms (extracted, not curated)", result.false_alarms),
    ):
        out.write(f"{title}: {len(rows)}\n")
        for r in rows:
            out.write(
                f"  {r.source} {corpus.label(r.country)} {r.kind.value} {r.stance.value}: \u201c{r.quote}\u201d\n"
            )
    return 0
