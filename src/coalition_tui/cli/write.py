"""Commands that change a corpus: ingest, review decisions, meetings, names, import, export, init."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from coalition_tui.store.problems import NotFound
from coalition_tui.store.safe import json_line

if TYPE_CHECKING:
    from coalition_tui.store.corpus import Corpus
    from coalition_tui.store.model import Commitment


from coalition_tui.cli.common import (
    _corpus,
    _data,
    _filtered,
    _print_record,
    record_dict,
    source_dict,
)


def cmd_ingest(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from coalition_tui.actions.documents import Metadata
    from coalition_tui.actions.fetch import is_url
    from coalition_tui.actions.ingest import fetch_all, gather, ingest_many

    urls = [t for t in args.files if is_url(t)]
    files, problems = gather([Path(t) for t in args.files if not is_url(t)])
    pages, failed = fetch_all(urls) if urls else ([], [])
    problems += failed
    result = None
    if files or pages:
        corpus = _corpus(args)
        try:
            given = Metadata(headline=args.headline, published=args.date, outlet=args.outlet)
            result = ingest_many(corpus, files, summit=args.summit, given=given, fetched=pages, guess=args.guess)
        except NotFound as exc:
            problems.append(str(exc))
        except OSError as exc:  # the bundled corpus, a folder one cannot write, a full disk
            problems.append(f"cannot write to {_data(args)}: {exc.strerror or exc}")
        else:
            problems += result.problems
    if args.json:
        added = [source_dict(corpus.sources[s]) for s in result.added] if result else []
        out.write(json_line({"added": added, "already": result.already if result else [], "problems": problems}))
        out.write("\n")
        return 1 if problems else 0
    for line in result.reports if result else []:
        out.write(line + "\n")
    for line in problems:
        err.write(f"coalition-tui ingest: {line}\n")
    return 1 if problems else 0


def cmd_export(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from coalition_tui.actions.export import format_of
    from coalition_tui.workspace.outputs import export_payload

    return _write_out(
        args, out, err, "export", lambda corpus, records, filters: export_payload(
            corpus, records, format_of(Path(args.output), args.format), filters
        )
    )  # fmt: skip


def cmd_report(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from coalition_tui.workspace.outputs import report_payload

    return _write_out(args, out, err, "report", report_payload)


def _write_out(args: argparse.Namespace, out: TextIO, err: TextIO, verb: str, payload: Any) -> int:
    """``export`` and ``report``: the filtered records (unsure ones only if asked) written to -o."""
    from coalition_tui.actions.export import write_output

    corpus = _corpus(args)
    try:
        records = _filtered(corpus, args)
    except NotFound as exc:
        err.write(f"coalition-tui {verb}: {exc}\n")
        return 2
    unsure = sum(r.unsure for r in records)
    if not args.include_unsure:
        records = [r for r in records if not r.unsure]
    filters = {k: getattr(args, k) for k in ("country", "summit", "source", "kind", "stance")}
    if args.output.endswith(("/", os.sep)):
        err.write(f"coalition-tui {verb}: {args.output} names a folder; give a file name (-o FOLDER/FILE)\n")
        return 2
    path = Path(args.output)
    try:
        write_output(path, payload(corpus, records, filters), overwrite=args.force)
    except FileExistsError:
        err.write(f"coalition-tui {verb}: {path} exists; pass --force to replace it\n")
        return 1
    except OSError as exc:
        err.write(f"coalition-tui {verb}: cannot write {path}: {exc.strerror or exc}\n")
        return 1
    left_out = (
        f" ({unsure} marked unsure left out; --include-unsure adds them)" if unsure and not args.include_unsure else ""
    )
    out.write(f"wrote {len(records)} record(s) to {path}{left_out}\n")
    return 0


def cmd_review(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from coalition_tui.actions import review

    corpus = _corpus(args)
    if args.action != "list":
        if args.all_listed:
            if args.ids:
                err.write(f"coalition-tui review {args.action}: give ids or --all-listed, not both\n")
                return 2
            try:
                listed = _review_listed(corpus, args)
            except (NotFound, ValueError) as exc:
                err.write(f"coalition-tui review: {exc}\n")
                return 2
            if not listed:
                out.write("no record is listed with these filters; nothing changed\n")
                return 0
            if not args.yes and not _confirmed(f"{args.action} {len(listed)} record(s) listed? [y/N] ", out):
                err.write(
                    f"coalition-tui review: {len(listed)} record(s) listed; nothing changed (answer y, or pass --yes)\n"
                )
                return 1
            args.ids = [r.id for r in listed]
        if not args.ids:
            err.write(f"coalition-tui review {args.action}: give the id(s) of the record(s), or --all-listed\n")
            return 2
        ids: list[str] = []
        failed = 0
        for given in args.ids:
            try:
                ids.append(corpus.find_record(given))
            except NotFound as exc:
                err.write(f"coalition-tui review: {exc}\n")
                failed += 1
        decided = review.decide_many(corpus, args.action, ids)  # one batch: the app's u undoes it whole
        for reason in decided.failed:
            err.write(f"coalition-tui review: {reason}\n")
        done = {"accept": "accepted", "reject": "rejected", "unsure": "marked unsure", "restore": "back in the queue"}
        for entry in decided.entries:
            out.write(
                f"{entry.record}: {done[args.action]} by {entry.by}, saved to {corpus.homes[entry.record][0].name}\n"
            )
        out.write(f"{len(review.queue(corpus))} record(s) left to review\n")
        return 1 if failed or decided.failed else 0
    try:
        records = _review_listed(corpus, args)
    except NotFound as exc:
        err.write(f"coalition-tui review: {exc}\n")
        return 2
    for record in records:
        if args.json:
            out.write(json_line(record_dict(corpus, record) | {"confidence": record.confidence}))
            out.write("\n")
        else:
            _print_record(corpus, record, out)
    if not args.json:
        what = (
            "rejected record(s)"
            if args.rejected
            else "record(s) marked unsure"
            if args.unsure
            else "record(s) left to review"
        )
        out.write(
            f"{len(records)} {what}; accept or reject with 'coalition-tui review accept|reject ID', or in the app (key 7)\n"
        )
    return 0


def _review_listed(corpus: Corpus, args: argparse.Namespace) -> list[Commitment]:
    """What ``review`` lists with the command's filters and order (the queue, or the rejected records)."""
    from coalition_tui.actions import review

    source = corpus.find_source(args.source) if args.source else None
    rejected = args.rejected or (args.action == "restore" and not args.unsure)
    records = corpus.rejected if rejected else review.unsure_queue(corpus) if args.unsure else review.queue(corpus)
    records = [r for r in records if source is None or r.source == source]
    records = review.in_band(records, args.min_confidence, args.max_confidence)
    return review.ordered(corpus, records, args.sort)


def _confirmed(question: str, out: TextIO) -> bool:
    """A yes from the terminal; never from a pipe (a script passes --yes)."""
    if not sys.stdin.isatty():
        return False
    out.write(question)
    out.flush()
    return sys.stdin.readline().strip().lower() in ("y", "yes")


def cmd_meeting(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """``meeting add``: a meeting appended to the corpus's summits.toml."""
    from coalition_tui.actions.meeting_add import MeetingError, add_meeting

    corpus = _corpus(args)
    try:
        summit = add_meeting(
            corpus,
            args.date,
            args.place,
            args.format,
            tuple(args.host),
            args.level,
            args.venue,
            tuple(args.source),
        )
    except MeetingError as exc:
        err.write(f"coalition-tui meeting: {exc}\n")
        return 1
    out.write(
        f"added {summit.id} ({summit.label}, {summit.format}, {summit.level}) to {corpus.root / 'summits.toml'}\n"
    )
    return 0


def cmd_import(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """``import FILE``: an export merged into the corpus; what was added, reused or left out, one per line."""
    from coalition_tui.actions.importer import ImportFailed, import_file

    root = _data(args)
    try:
        report = import_file(root, args.file, args.articles)
    except ImportFailed as exc:
        err.write(f"coalition-tui import: {exc}\n")
        return 2
    except OSError as exc:
        err.write(f"coalition-tui import: cannot write {root}: {exc.strerror or exc}\n")
        return 1
    if args.json:
        payload = {
            "added": report.added,
            "unchanged": report.unchanged,
            "renamed": dict(report.renamed),
            "sources_added": report.sources_added,
            "missing_text": [{"source": s, "file": f, "sha256": h} for s, f, h in report.missing_text],
            "meetings_added": report.meetings_added,
            "entities_added": report.entities_added,
            "kept": report.kept,
            "file": str(report.file) if report.file else None,
        }
        out.write(json_line(payload) + "\n")
    else:
        out.write("".join(line + "\n" for line in report.lines()))
    return 1 if report.missing_text else 0


def cmd_gazetteer(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """``gazetteer alias`` / ``gazetteer person``: a name taught to the corpus's gazetteer."""
    from coalition_tui.actions.gazetteer_edit import GazetteerError, add_alias, add_person
    from coalition_tui.store.problems import NotFound

    corpus = _corpus(args)
    try:
        if args.gazetteer_action == "alias":
            entity = corpus.gazetteer.entity(args.entity)
            entity_id = entity.id if entity else corpus.resolver.resolve(args.entity, codes=True).entity
            if entity_id is None:
                raise NotFound(f"no entity matches {args.entity!r}")
            add_alias(corpus, args.name, entity_id)
            out.write(
                f"{args.name} now names {corpus.label(entity_id)} ({entity_id}), in {corpus.root / 'gazetteer' / 'aliases.toml'}\n"
            )
            return 0
        country = corpus.find_actor(args.country)
        of = corpus.find_actor(args.of) if args.of else None
        person = add_person(corpus, args.name, country, args.role, of, args.since, tuple(args.alias))
    except (GazetteerError, NotFound) as exc:
        err.write(f"coalition-tui gazetteer: {exc}\n")
        return 1
    out.write(
        f"added {person.name} ({person.id}, {corpus.label(person.country)}) to {corpus.root / 'gazetteer' / 'people.toml'}\n"
    )
    return 0


def cmd_init(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Copy the bundled corpus to ``DIR`` (default: the user data folder), which then opens by default."""
    from coalition_tui.actions.init_corpus import InitError, init_corpus
    from coalition_tui.store.paths import user_data_dir

    target: Path = args.folder or user_data_dir()
    try:
        init_corpus(target)
    except InitError as exc:
        err.write(f"coalition-tui init: {exc}\n")
        return 1
    how = "it opens by default" if args.folder is None else f"open it with --data {target}"
    out.write(f"made a corpus of your own in {target} (a copy of the bundled one); {how}\n")
    return 0
