"""Commands that read a corpus: validate, resolve, records, summary, and the app itself."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, TextIO

from coalition_tui.analysis.citation import citation, source_line
from coalition_tui.store.problems import NotFound
from coalition_tui.store.safe import json_line
from coalition_tui.store.vocab import find_kind

if TYPE_CHECKING:
    pass


from coalition_tui.cli.common import (
    _corpus,
    _data,
    _filtered,
    _names,
    country_fields,
    record_dict,
    resolution_dict,
)


def cmd_validate(args: argparse.Namespace, out: TextIO, _err: TextIO) -> int:
    corpus = _corpus(args)
    for problem in corpus.problems:
        out.write((json_line(problem.as_dict()) if args.json else str(problem)) + "\n")
    if not args.json:
        verdict = f"{len(corpus.problems)} problem(s)" if corpus.problems else "no problems"
        out.write(
            f"{verdict}: {len(corpus.records)} records, {len(corpus.sources)} sources, "
            f"{len(corpus.summits)} summits, {len(corpus.gazetteer.entities())} entities loaded\n"
        )
    return 1 if corpus.problems else 0


def cmd_resolve(args: argparse.Namespace, out: TextIO, _err: TextIO) -> int:
    corpus = _corpus(args)
    for name in _names(args.names, sys.stdin):
        res = corpus.resolver.resolve(name, context=args.context, codes=args.codes)
        if args.json:
            out.write(json_line(resolution_dict(corpus, res)) + "\n")
            continue
        if res.entity:
            country = corpus.gazetteer.country_of(res.entity)
            where = f", {country.name} {country.id}" if country and res.kind != "country" else ""
            line = f"{name} -> {corpus.label(res.entity)} ({res.kind}{where}) [{res.entity}] {res.method} {res.score:g}"
            if res.runner_up:
                line += f"; runner-up {corpus.label(res.runner_up)} {res.runner_up_score:g}"
        else:
            line = f"{name} -> no match: {res.reason}"
            if res.ambiguous:
                line += " (" + ", ".join(corpus.label(e) for e in res.ambiguous) + ")"
        out.write(line + "\n")
    return 0


def cmd_records(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    corpus = _corpus(args)
    try:
        records = _filtered(corpus, args)
    except NotFound as exc:
        err.write(f"coalition-tui records: {exc}\n")
        return 2
    for record in records:
        source = corpus.sources.get(record.source)
        if args.json:
            out.write(json_line(record_dict(corpus, record)) + "\n")
            continue
        if args.cite:
            out.write(citation(record, source) + "\n")
            continue
        person = f" ({corpus.label(record.person)})" if record.person else ""
        out.write(
            f"{record.id}: {corpus.label(record.country)}{person} {record.stance.value} "
            f"{record.kind.value} at {record.summit} [{record.origin.value}]\n"
            f"    \u201c{record.quote}\u201d\n    {source_line(source, url=True)} ({record.source} "
            f"{record.start}-{record.end})\n"
        )
    if not args.json and not args.cite:
        out.write(f"{len(records)} record(s)\n")
    return 0


def cmd_summary(args: argparse.Namespace, out: TextIO, _err: TextIO) -> int:
    """The Overview as text (or one JSON object per country): the strongest stance per meeting, and a
    refusal beside a positive stance ("committed+declined")."""
    from coalition_tui.analysis.matrix import stance_matrix

    corpus = _corpus(args)
    kind = find_kind(args.kind) if args.kind else None
    matrix = stance_matrix(corpus, args.all_levels, kind)

    def cell(row: str, summit: str) -> str | None:
        text = matrix.cell(row, summit)
        refusal = matrix.refusal(row, summit)
        return f"{text}+{refusal.value}" if text and refusal else text

    if args.json:
        for row in matrix.rows:
            cells = {}
            for s in matrix.summits:
                if matrix.records(row, s.id):
                    cells[s.id] = {
                        "stance": cell(row, s.id),
                        "stances": sorted(st.value for st in matrix.stances(row, s.id)),
                        "records": len(matrix.records(row, s.id)),
                        "unreviewed": matrix.unreviewed(row, s.id),
                    }
            out.write(
                json_line({**country_fields(corpus, row), "kind": kind.value if kind else None, "meetings": cells})
                + "\n"
            )
        return 0
    texts_of = {row: [cell(row, s.id) or "-" for s in matrix.summits] for row in matrix.rows}
    column = max([10, *(len(t) + 2 for texts in texts_of.values() for t in texts)])
    width = max((len(corpus.label(row)) for row in matrix.rows), default=7)
    out.write(" " * width + "  " + "  ".join(f"{s.id[:10]:<{column}}" for s in matrix.summits).rstrip() + "\n")
    flagged = False
    for row in matrix.rows:
        texts = []
        for s, text in zip(matrix.summits, texts_of[row], strict=True):
            if matrix.unreviewed(row, s.id):
                text, flagged = text + " ⚑", True
            texts.append(f"{text:<{column}}")
        out.write(f"{corpus.label(row):<{width}}  {'  '.join(texts).rstrip()}\n")
    what = f"{kind.value} records" if kind else "records"
    counted = "" if kind else " (participation not counted)"
    out.write(
        f"{sum(len(v) for v in matrix.cells.values())} {what}; strongest stance per country and meeting{counted}, "
        "'+declined' where a refusal stands beside it. 'coalition-tui records --help' lists the evidence.\n"
    )
    if flagged:
        out.write("⚑ the stance rests only on extracted records nobody has reviewed: 'coalition-tui review'\n")
    if corpus.problems:
        out.write(f"{len(corpus.problems)} problem(s): run 'coalition-tui validate'\n")
    return 0


def cmd_app(args: argparse.Namespace, _out: TextIO, _err: TextIO) -> int:
    """Bare ``coalition-tui``: the terminal app."""
    from coalition_tui.store.paths import open_read_only
    from coalition_tui.tui import make_app

    data = _data(args)
    if getattr(args, "read_only", False):
        open_read_only(data)
    make_app(data).run()
    return 0


def cmd_serve(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """The app in a browser: textual-serve runs ``coalition-tui --data DIR`` for each visitor."""
    import shlex
    import sys

    from textual_serve.server import Server

    data = _data(args).resolve()
    command = [sys.executable, "-m", "coalition_tui", "--data", str(data)] + (["--read-only"] if args.read_only else [])
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        err.write(
            f"coalition-tui serve: listening on {args.host}: anyone who reaches port {args.port} uses {data} with "
            f"this account's rights{'' if args.read_only else ' (pass --read-only to refuse every change)'}\n"
        )
    out.write(
        f"serving {data}{' read-only' if args.read_only else ''} on http://{args.host}:{args.port} (Ctrl+C stops)\n"
    )
    out.flush()
    Server(shlex.join(command), host=args.host, port=args.port, title="coalition-tui").serve()
    return 0
