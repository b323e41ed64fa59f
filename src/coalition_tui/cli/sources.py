"""``sources``: list the articles with their citations, correct one's metadata, check their links."""

from __future__ import annotations

import argparse
from typing import TextIO

from coalition_tui.analysis.citation import source_line
from coalition_tui.cli.common import _corpus, source_dict
from coalition_tui.store.problems import NotFound
from coalition_tui.store.safe import json_line


def cmd_sources(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    action = args.sources_action or "list"
    return {"list": _list, "edit": _edit, "check": _check}[action](args, out, err)


def _list(args: argparse.Namespace, out: TextIO, _err: TextIO) -> int:
    from coalition_tui.analysis.same_story import stories

    corpus = _corpus(args)
    sources = sorted(
        corpus.sources.values(), key=lambda s: (s.published.isoformat() if s.published else s.summit or "", s.id)
    )
    same = stories(corpus)
    for source in sources:
        others = [other for other, _share in same.get(source.id, [])]
        if args.json:
            out.write(json_line(source_dict(source) | {"same_story": others}) + "\n")
        else:
            flag = f" · same story as {', '.join(others)}" if others else ""
            out.write(f"{source.id}: {source_line(source, url=True)}{flag}\n")
    if not args.json:
        out.write(f"{len(sources)} source(s)\n")
    return 0


def _edit(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from coalition_tui.actions.source_edit import SourceEditError, edit_source

    corpus = _corpus(args)
    changes = {
        key: getattr(args, key)
        for key in ("headline", "outlet", "published", "author", "url", "summit")
        if getattr(args, key) is not None
    }
    if not changes:
        err.write("coalition-tui sources edit: say what to change (--outlet, --headline, --published, ...)\n")
        return 2
    try:
        source_id = corpus.find_source(args.source)
        source = edit_source(corpus, source_id, changes)
    except (NotFound, SourceEditError) as exc:
        err.write(f"coalition-tui sources edit: {exc}\n")
        return 2
    except OSError as exc:
        err.write(f"coalition-tui sources edit: cannot write to {corpus.root}: {exc.strerror or exc}\n")
        return 1
    out.write(json_line(source_dict(source)) + "\n" if args.json else f"{source.id}: {source_line(source, True)}\n")
    return 0


def _check(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from coalition_tui.actions.link_check import check_links

    corpus = _corpus(args)
    try:
        ids = [corpus.find_source(s) for s in args.ids] if args.ids else sorted(corpus.sources)
    except NotFound as exc:
        err.write(f"coalition-tui sources check: {exc}\n")
        return 2
    statuses = check_links([corpus.sources[i] for i in ids])
    for status in statuses:
        if args.json:
            out.write(json_line(vars(status)) + "\n")
        else:
            out.write(status.line + "\n")
    if not args.json:
        out.write(
            f"{len(statuses)} link(s) checked; {sum(s.state in ('gone', 'changed') for s in statuses)} need a look\n"
        )
    return 1 if any(s.state in ("gone", "changed") for s in statuses) else 0
