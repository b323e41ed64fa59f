"""Comparisons: two articles (diff, diff --claims), a country across meetings."""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TextIO

from coalition_tui.analysis.citation import source_line
from coalition_tui.store.problems import NotFound
from coalition_tui.store.safe import json_line

if TYPE_CHECKING:
    from coalition_tui.analysis.diffing import WordOp


from coalition_tui.analysis.browse import people_of
from coalition_tui.cli.common import (
    _corpus,
    _painter,
    country_fields,
    record_dict,
)

_RUN = re.compile(r"\s+")


def changed_line(words: Sequence[WordOp], paint: Callable[[str, str], str]) -> str:
    """A changed sentence on one line: A's words and B's, each exactly as written (a name spelt two
    ways shows both spellings), deletions and insertions painted; whitespace runs as one space."""
    out: list[str] = []
    for w in words:
        a, b = _RUN.sub(" ", w.a), _RUN.sub(" ", w.b)
        if w.op == "equal" and a == b:
            out.append(a if out else a.lstrip())
            continue
        if out:
            out.append(" ")  # the space before the change (on either side)
        if a.strip():
            out.append(paint(a.strip(), "del"))
        if b.strip():
            out.append(paint(b.strip(), "ins"))
    return "".join(out).strip()


def cmd_diff(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from coalition_tui.analysis.diffing import (
        CLAIM_KINDS,
        NO_SHARED_TEXT,
        claims_by_meeting,
        diff_claims,
        diff_sources,
        shares_nothing,
    )

    corpus = _corpus(args)
    try:
        a, b = corpus.find_source(args.a), corpus.find_source(args.b)
    except NotFound as exc:
        err.write(f"coalition-tui diff: {exc}\n")
        return 2
    paint = _painter(args.color, out)
    if args.claims:
        rows = diff_claims(corpus, a, b)
        if args.json:
            out.write(
                json_line(
                    {
                        "a": a,
                        "b": b,
                        "claims": [
                            {
                                "summit": r.summit,
                                "kind": r.kind,
                                **country_fields(corpus, r.country),
                                "what": r.what.value,
                                "a": [record_dict(corpus, x) for x in r.a],
                                "b": [record_dict(corpus, x) for x in r.b],
                            }
                            for r in rows
                        ],
                    }
                )
                + "\n"
            )
            return 0
        counts = {k: sum(r.kind == k for r in rows) for k in CLAIM_KINDS}
        out.write(f"claims {a} vs {b}: " + ", ".join(f"{v} {k.replace('_', ' ')}" for k, v in counts.items()) + "\n")
        for summit, groups in claims_by_meeting(rows):
            meeting = corpus.summits.get(summit)
            out.write(f"\n== {meeting.label if meeting else summit} ({summit})\n")
            for _kind, title, chosen in groups:
                out.write(f"-- {title} ({len(chosen)})\n")
                for r in chosen:
                    out.write(f"{corpus.label(r.country)} {r.what.value}\n")
                    for side, records, how in (("A", r.a, "a"), ("B", r.b, "b")):
                        for x in records:
                            out.write("    " + paint(f"{side} {x.stance.value} \u201c{x.quote}\u201d", how) + "\n")
        return 0
    result = diff_sources(corpus, a, b)
    if args.json:
        out.write(
            json_line(
                {
                    "a": a,
                    "b": b,
                    "summary": result.summary(),
                    "entities_only_a": result.entities_only_a,
                    "entities_only_b": result.entities_only_b,
                    "pairs": [
                        {
                            "kind": p.kind,
                            "similarity": p.similarity,
                            "a": p.a.text if p.a else None,
                            "b": p.b.text if p.b else None,
                            "a_start": p.a.start if p.a else None,
                            "b_start": p.b.start if p.b else None,
                            "words": [
                                {"op": w.op, "a": w.a.strip(), "b": w.b.strip()} for w in p.words if w.op != "equal"
                            ],
                        }
                        for p in result.pairs
                    ],
                }
            )
            + "\n"
        )
        return 0
    summary = result.summary()
    out.write(
        f"{a} vs {b}: {summary['same']} same, {summary['changed']} changed, {summary['reworded']} reworded, "
        f"{summary['only_a']} only in A, "
        f"{summary['only_b']} only in B; {summary['trivial']} trivial differences (quotes, spaces) suppressed\n"
    )
    if shares_nothing(summary):
        out.write(NO_SHARED_TEXT.replace("t compares", "diff --claims compares") + "\n")
    out.write("names only in A: " + (", ".join(corpus.label(e) for e in result.entities_only_a) or "none") + "\n")
    out.write("names only in B: " + (", ".join(corpus.label(e) for e in result.entities_only_b) or "none") + "\n")
    for p in result.pairs:
        if p.kind in {"same", "trivial"}:
            if args.all and p.a:
                out.write("  " + paint(p.a.text, "dim") + "\n")
            continue
        if p.kind == "only_a" and p.a:
            out.write(paint(f"< {p.a.text}", "a") + "\n")
        elif p.kind == "only_b" and p.b:
            out.write(paint(f"> {p.b.text}", "b") + "\n")
        elif p.kind == "reworded" and p.a and p.b:
            out.write(f"≈ ({p.similarity:.0f}% of the content words) A: {p.a.text}\n   B: {p.b.text}\n")
        else:
            out.write(f"~ ({p.similarity:.0f}%) " + changed_line(p.words, paint) + "\n")
    return 0


def cmd_across(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from coalition_tui.analysis.diffing import across_meetings

    corpus = _corpus(args)
    try:
        country = corpus.find_actor(args.country)
        summits = [corpus.find_summit(s) for s in args.summits.split(",")] if args.summits else None
    except NotFound as exc:
        err.write(f"coalition-tui across: {exc}\n")
        return 2
    steps = across_meetings(corpus, country, summits)
    for step in steps:
        if args.json:
            out.write(
                json_line(
                    {
                        **country_fields(corpus, country),
                        "before": step.before.id,
                        "after": step.after.id,
                        "changes": [
                            {
                                "kind": c.kind,
                                "what": c.what.value,
                                "before": [record_dict(corpus, r) for r in c.before],
                                "after": [record_dict(corpus, r) for r in c.after],
                            }
                            for c in step.changes
                        ],
                    }
                )
                + "\n"
            )
            continue
        out.write(f"{corpus.label(country)}: {step.before.label} -> {step.after.label}\n")

        def people(summit: str) -> str:
            return ", ".join(corpus.label(p) for p in people_of(corpus, country, summit)) or "none named"

        out.write(f"  people: {people(step.before.id)} -> {people(step.after.id)}\n")
        if not step.changes:
            out.write("  no commitments recorded at either meeting (attendance only)\n")
        for c in step.changes:
            before = "/".join(sorted({r.stance.value for r in c.before})) or "-"
            after = "/".join(sorted({r.stance.value for r in c.after})) or "-"
            out.write(f"  {c.kind.replace('_', ' '):<12} {c.what.value}: {before} -> {after}\n")
            for r in (*c.before[:1], *c.after[:1]):
                out.write(f"      \u201c{r.quote}\u201d ({source_line(corpus.sources.get(r.source))})\n")
    if not steps and not args.json:
        out.write(f"{corpus.label(country)} has records at fewer than two meetings\n")
    return 0


def cmd_agree(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Two copies of a corpus reviewed by two people: how far they agree, and where they differ."""
    from coalition_tui.analysis.agreement import agree
    from coalition_tui.store.loader import load_corpus

    loaded = []
    for folder in (args.a, args.b):
        if not (folder / "sources.toml").is_file():
            err.write(f"coalition-tui agree: {folder}: not a corpus (no sources.toml)\n")
            return 2
    if args.settle:
        from coalition_tui.tui import make_app

        make_app(args.a, compare=args.b).run()
        return 0
    for folder in (args.a, args.b):
        loaded.append(load_corpus(folder))
    result = agree(*loaded)

    def f1(value: float | None) -> str:
        return "-" if value is None else f"{value:.3f}"

    if args.json:
        out.write(
            json_line(
                {
                    "claims": {**vars(result.claims), "f1": result.claims.f1},
                    "by_kind": {k: {**vars(s), "f1": s.f1} for k, s in result.by_kind.items()},
                    "by_stance": {k: {**vars(s), "f1": s.f1} for k, s in result.by_stance.items()},
                    "kappa": result.kappa,
                    "raw_agreement": result.raw,
                    "decided_by_both": result.decided_by_both,
                    "differences": [{"id": i, "a": x, "b": y} for i, x, y in result.differences],
                }
            )
            + "\n"
        )
        return 0
    c = result.claims
    out.write(
        f"claims: F1 {f1(c.f1)} ({c.both} held by both, {c.only_a} only by A, {c.only_b} only by B)\n"
        f"decisions on the candidates both decided ({result.decided_by_both}): agreement {f1(result.raw)}, "
        f"Cohen's kappa {f1(result.kappa)}\n"
    )
    for title, table in (("by kind", result.by_kind), ("by stance", result.by_stance)):
        out.write(f"{title}:\n")
        for key, s in table.items():
            out.write(f"  {key:<24} F1 {f1(s.f1)}  ({s.both} both, {s.only_a} only A, {s.only_b} only B)\n")
    out.write(f"{len(result.differences)} candidate(s) decided differently:\n")
    for rid, x, y in result.differences:
        out.write(f"  {rid}: A {x} | B {y}\n")
    return 0
