"""``log``: the review decisions made in a data folder, who made them and when (the journal);
``reextract``: articles extracted again after names were taught, every decision kept."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import TextIO

from coalition_tui.analysis.agreement import decision
from coalition_tui.cli.common import _corpus
from coalition_tui.store.journal import read_journal
from coalition_tui.store.safe import json_line

DONE = {
    "accept": "accepted",
    "reject": "rejected",
    "unsure": "marked unsure",
    "restore": "restored to the queue",
    "edit": "edited",
    "add": "added",
    "undo": "undid",
}


def cmd_log(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    corpus = _corpus(args)
    read = read_journal(corpus.root)
    for problem in read.problems:
        err.write(f"coalition-tui log: {problem}\n")
    since: dt.date | None = args.since
    wanted = " ".join(args.reviewer.split()).casefold() if args.reviewer else None
    entries = [
        e
        for e in read.entries
        if (since is None or e.at[:10] >= since.isoformat()) and (wanted is None or e.by.casefold() == wanted)
    ]
    for entry in entries:
        record = corpus.record(entry.record)
        if args.json:
            out.write(json_line(entry.table() | {"now": decision(record)}) + "\n")
            continue
        what = (
            f"{corpus.label(record.country)} {record.kind.value} {record.stance.value}"
            if record
            else "(not in the corpus now)"
        )
        when = entry.at.replace("T", " ").rstrip("Z")
        action = f"{DONE[entry.action]} {entry.undoes}" if entry.action == "undo" else DONE[entry.action]
        imported = f"  (imported from {entry.imported})" if entry.imported else ""
        out.write(f"{when}  {entry.by}  {action}  {entry.record}  {what}{imported}\n")
    if not args.json:
        who = f" by {args.reviewer}" if args.reviewer else ""
        after = f" since {since.isoformat()}" if since else ""
        out.write(f"{len(entries)} decision(s){who}{after}\n")
    return 1 if read.problems else 0


def cmd_reextract(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from coalition_tui.actions.reextract import mentioning, reextract
    from coalition_tui.store.problems import NotFound

    corpus = _corpus(args)
    try:
        sources = [corpus.find_source(s) for s in args.sources]
    except NotFound as exc:
        err.write(f"coalition-tui reextract: {exc}\n")
        return 2
    if args.mentioning:
        sources += mentioning(corpus, args.mentioning)
    if not sources:
        err.write("coalition-tui reextract: name the articles (SOURCE ...) or --mentioning NAME\n")
        return 2
    result = reextract(corpus, dict.fromkeys(sources))
    for problem in result.problems:
        err.write(f"coalition-tui reextract: {problem}\n")
    if args.json:
        out.write(json_line({"extracted": sorted(set(sources)), "changed": result.sources, "added": result.added,
                             "dropped": result.dropped, "kept": result.kept, "problems": result.problems}) + "\n")  # fmt: skip
    else:
        out.write(f"{len(set(sources))} article(s) extracted again; {result.line()}\n")
    return 1 if result.problems else 0
