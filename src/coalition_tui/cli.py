"""The command line: ``coalition-tui [--data DIR] SUBCOMMAND``.

Human-readable output by default, ``--json`` (one object per line) for machines.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import re
import secrets
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from coalition_tui import __version__
from coalition_tui.store.paths import default_data_dir
from coalition_tui.store.problems import NotFound
from coalition_tui.store.safe import inert, json_line
from coalition_tui.store.vocab import Kind, Stance

if TYPE_CHECKING:
    from coalition_tui.analysis.diffing import WordOp
    from coalition_tui.store.corpus import Corpus
    from coalition_tui.store.model import Commitment
    from coalition_tui.store.resolve import Resolution


def _add_data(parser: argparse.ArgumentParser, default: object = None) -> None:
    """``--data``, before the command or after it. A command's copy defaults to SUPPRESS: a default
    there would overwrite the folder given before the command."""
    parser.add_argument(
        "--data",
        type=Path,
        default=default,
        metavar="DIR",
        help="data folder (default: ./data if present, else the bundled corpus)",
    )


def _add_filters(parser: argparse.ArgumentParser) -> None:
    """The record filters shared by ``records`` and ``export``."""
    parser.add_argument("--country", metavar="X", help="any name, alias, demonym or code")
    parser.add_argument("--summit", metavar="Y", help="summit id, date or place ('Paris 2026')")
    parser.add_argument("--source", metavar="Z", help="source id or prefix ('000'), file name or headline words")
    parser.add_argument("--kind", choices=[k.value for k in Kind], metavar="K", help="one of: " + ", ".join(Kind))
    parser.add_argument("--stance", choices=[s.value for s in Stance], metavar="S", help="one of: " + ", ".join(Stance))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="coalition-tui",
        description="Compare what each country committed at the coalition-of-the-willing meetings on Ukraine.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    _add_data(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("validate", help="check the data folder; print every problem; exit 1 if any")
    _add_data(p, argparse.SUPPRESS)
    p.add_argument("--json", action="store_true", help="one JSON object per problem")

    p = sub.add_parser("resolve", help="resolve names to canonical countries, people and organizations")
    _add_data(p, argparse.SUPPRESS)
    p.add_argument("names", nargs="+", metavar="NAME", help="names to resolve; '-' reads one per line from stdin")
    p.add_argument("--context", default="", metavar="TEXT", help="nearby words, e.g. 'Italian Prime Minister'")
    p.add_argument("--codes", action="store_true", help="let ISO codes (IT, GBR) match")
    p.add_argument("--json", action="store_true", help="one JSON object per name")

    p = sub.add_parser("records", help="list commitment records, filtered")
    _add_data(p, argparse.SUPPRESS)
    _add_filters(p)
    p.add_argument("--json", action="store_true", help="one JSON object per record")

    p = sub.add_parser("extract", help="print the candidate records extraction finds in an article; writes nothing")
    _add_data(p, argparse.SUPPRESS)
    p.add_argument("file", type=Path, metavar="FILE")
    p.add_argument("--summit", metavar="ID", help="the meeting it reports (default: guessed from the text)")
    p.add_argument("--json", action="store_true", help="one JSON object per candidate")

    p = sub.add_parser(
        "meeting", help="add a meeting: coalition-tui meeting add DATE PLACE [--format F] [--host NAME]..."
    )
    _add_data(p, argparse.SUPPRESS)
    p.add_argument("action", choices=["add"])
    p.add_argument("date", type=dt.date.fromisoformat, metavar="DATE", help="YYYY-MM-DD")
    p.add_argument("place", metavar="PLACE")
    p.add_argument("--format", default="in-person", choices=["in-person", "virtual", "hybrid"])
    p.add_argument("--host", action="append", default=[], metavar="NAME", help="a person who hosted it (repeat)")
    p.add_argument("--level", default="leaders", choices=["leaders", "defence_ministers", "military_chiefs"])
    p.add_argument("--venue", default="")
    p.add_argument("--source", action="append", default=[], metavar="URL", help="where it is reported (repeat)")

    p = sub.add_parser("gazetteer", help="teach the gazetteer a name: 'alias NAME ENTITY' or 'person NAME --country C'")
    _add_data(p, argparse.SUPPRESS)
    teach = p.add_subparsers(dest="gazetteer_action", required=True, metavar="alias|person")
    q = teach.add_parser("alias", help="NAME becomes another name of ENTITY (gazetteer/aliases.toml)")
    _add_data(q, argparse.SUPPRESS)
    q.add_argument("name", metavar="NAME", help="the name as articles write it")
    q.add_argument("entity", metavar="ENTITY", help="any name form, code or id of an entity the gazetteer has")
    q = teach.add_parser("person", help="a person the gazetteer lacks (gazetteer/people.toml)")
    _add_data(q, argparse.SUPPRESS)
    q.add_argument("name", metavar="NAME")
    q.add_argument("--country", required=True, metavar="COUNTRY", help="nationality: any name form or code")
    q.add_argument("--role", default="", metavar="TITLE", help="an office ('Foreign Minister')")
    q.add_argument("--of", metavar="ENTITY", help="the office's country or organization (default: --country)")
    q.add_argument("--since", type=dt.date.fromisoformat, metavar="YYYY-MM-DD", help="in office since")
    q.add_argument("--alias", action="append", default=[], metavar="NAME", help="another way it is written (repeat)")

    p = sub.add_parser("init", help="make a corpus of your own: a copy of the bundled one, to add to and review")
    p.add_argument("folder", nargs="?", type=Path, metavar="DIR", help="where (default: the user data folder)")

    p = sub.add_parser("ingest", help="add articles to the corpus with their extracted candidate records")
    _add_data(p, argparse.SUPPRESS)
    p.add_argument("files", nargs="+", type=Path, metavar="FILE")
    p.add_argument("--summit", metavar="ID", help="the meeting they report (default: guessed per article)")
    p.add_argument("--outlet", default="", metavar="NAME")
    p.add_argument("--date", type=_date, metavar="YYYY-MM-DD", help="publication date")

    p = sub.add_parser("eval", help="extraction on the curated sources vs. their curated records, or on a gold folder")
    _add_data(p, argparse.SUPPRESS)
    p.add_argument("--json", action="store_true", help="one JSON object with the figures, misses and false alarms")
    p.add_argument(
        "--gold", type=Path, metavar="DIR", help="score a folder of articles/*.txt and gold*.toml (as corpus-dev)"
    )
    p.add_argument("--only", default="", metavar="PREFIX", help="with --gold: the articles whose name starts so")
    p.add_argument("--errors", action="store_true", help="with --gold: list every miss and false alarm")

    p = sub.add_parser("export", help="write the filtered records to a self-contained TOML file ('import' merges it)")
    _add_data(p, argparse.SUPPRESS)
    _add_filters(p)
    p.add_argument("-o", "--output", required=True, metavar="FILE")  # a str: Path() drops a trailing "/"
    p.add_argument("--force", action="store_true", help="replace FILE if it exists")

    p = sub.add_parser("import", help="merge an export file into a corpus: new records, meetings, sources, people")
    _add_data(p, argparse.SUPPRESS)
    p.add_argument("file", metavar="FILE", type=Path, help="a file 'coalition-tui export' wrote")
    p.add_argument(
        "--articles", metavar="DIR", type=Path, action="append", default=[],
        help="where to look for the articles' texts (besides the export file's folder); repeatable",
    )  # fmt: skip
    p.add_argument("--json", action="store_true", help="one JSON object")

    p = sub.add_parser("diff", help="two articles side by side: sentences aligned, words changed, claims")
    _add_data(p, argparse.SUPPRESS)
    p.add_argument("a", metavar="A", help="source id or prefix ('000'), file name or headline words")
    p.add_argument("b", metavar="B")
    p.add_argument("--claims", action="store_true", help="compare the two articles' records instead of their text")
    p.add_argument("--all", action="store_true", help="also print the sentences that are the same")
    p.add_argument("--color", choices=["auto", "always", "never"], default="auto", help="colour (auto: only on a TTY)")
    p.add_argument("--json", action="store_true", help="one JSON object")

    p = sub.add_parser("across", help="a country's commitments from one meeting to the next")
    _add_data(p, argparse.SUPPRESS)
    p.add_argument("country", metavar="COUNTRY", help="any name, alias, demonym, code or person")
    p.add_argument("--summits", metavar="S1,S2", help="compare these meetings only (default: all, in date order)")
    p.add_argument("--json", action="store_true", help="one JSON object per step")

    p = sub.add_parser("review", help="list the extracted records left to review; accept, reject or restore them")
    _add_data(p, argparse.SUPPRESS)
    p.add_argument("action", nargs="?", choices=["list", "accept", "reject", "restore"], default="list")
    p.add_argument("ids", nargs="*", metavar="ID", help="record ids (for accept / reject / restore)")
    p.add_argument("--source", metavar="Z", help="only this source (id or prefix, file name or headline words)")
    p.add_argument("--rejected", action="store_true", help="list the rejected records instead")
    p.add_argument("--json", action="store_true", help="one JSON object per record")

    p = sub.add_parser("summary", help="country x summit table of the strongest stance, as text")
    _add_data(p, argparse.SUPPRESS)
    p.add_argument("--all-levels", action="store_true", help="the ministers' and chiefs' meetings too")
    p.add_argument("--kind", choices=[k.value for k in Kind], metavar="KIND", help="one kind of contribution only")
    p.add_argument("--json", action="store_true", help="one JSON object per country")
    return parser


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date: {text!r} (use YYYY-MM-DD)") from None


class MissingData(Exception):
    """``--data`` names a folder that does not exist."""


def _data(args: argparse.Namespace) -> Path:
    """The data folder the command works on; a ``--data`` that does not exist is an error, not an empty corpus."""
    if args.data is not None:
        if not Path(args.data).is_dir():
            raise MissingData(
                f"{args.data}: no such folder; pass --data with an existing corpus or make one with 'coalition-tui init DIR'"
            )
        return Path(args.data)
    return default_data_dir()


def _corpus(args: argparse.Namespace) -> Corpus:
    import gc

    from coalition_tui.actions.opening import open_corpus

    corpus = open_corpus(_data(args))
    gc.freeze()  # it lives as long as the command: a full collection need not rescan it (0.6 s at 10,000 articles)
    return corpus


def _names(values: Sequence[str], stdin: TextIO) -> Iterable[str]:
    for value in values:
        if value == "-":
            yield from (line.rstrip("\n") for line in stdin if line.strip())
        else:
            yield value


def resolution_dict(corpus: Corpus, res: Resolution) -> dict[str, object]:
    country = corpus.gazetteer.country_of(res.entity)
    return {
        "name": res.name,
        "entity": res.entity,
        "label": corpus.label(res.entity) if res.entity else None,
        "kind": res.kind,
        "country": country.name if country else None,
        "country_code": country.id if country else None,
        "score": res.score,
        "method": res.method,
        "ambiguous": list(res.ambiguous),
        "runner_up": res.runner_up,
        "runner_up_score": res.runner_up_score,
        "reason": res.reason,
    }


def record_dict(corpus: Corpus, record: Commitment) -> dict[str, object]:
    country = corpus.gazetteer.countries.get(record.country)
    return {
        "id": record.id,
        "country": corpus.label(record.country),
        "country_code": country.id if country else None,
        "summit": record.summit,
        "source": record.source,
        "kind": record.kind.value,
        "stance": record.stance.value,
        "person": record.person,
        "quote": record.quote,
        "start": record.start,
        "end": record.end,
        "origin": record.origin.value,
    }


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


def _filtered(corpus: Corpus, args: argparse.Namespace) -> list[Commitment]:
    """Records matching the command's --country/--summit/--source/--kind/--stance (raises NotFound)."""
    return corpus.filter(
        country=corpus.find_actor(args.country) if args.country else None,
        summit=corpus.find_summit(args.summit) if args.summit else None,
        source=corpus.find_source(args.source) if args.source else None,
        kind=Kind(args.kind) if args.kind else None,
        stance=Stance(args.stance) if args.stance else None,
    )


def cmd_records(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    corpus = _corpus(args)
    try:
        records = _filtered(corpus, args)
    except NotFound as exc:
        err.write(f"coalition-tui records: {exc}\n")
        return 2
    for record in records:
        if args.json:
            out.write(json_line(record_dict(corpus, record)) + "\n")
            continue
        person = f" ({corpus.label(record.person)})" if record.person else ""
        out.write(
            f"{record.id}: {corpus.label(record.country)}{person} {record.stance.value} "
            f"{record.kind.value} at {record.summit} [{record.origin.value}]\n"
            f"    \u201c{record.quote}\u201d\n    source {record.source} {record.start}-{record.end}\n"
        )
    if not args.json:
        out.write(f"{len(records)} record(s)\n")
    return 0


def cmd_extract(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from coalition_tui.actions.ingest import IngestError, guess_summit, read_input
    from coalition_tui.extraction.extract import Extractor

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


def cmd_ingest(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from coalition_tui.actions.ingest import IngestError, ingest_file

    data = _data(args)
    failed = 0
    for path in args.files:
        from coalition_tui.store.loader import load_corpus

        corpus = load_corpus(data)  # fresh each time: the previous file changed sources.toml
        try:
            result = ingest_file(corpus, path, summit=args.summit, outlet=args.outlet, date=args.date)
        except IngestError as exc:
            err.write(f"coalition-tui ingest: {exc}\n")
            failed += 1
            continue
        except OSError as exc:
            err.write(f"coalition-tui ingest: {path}: cannot write to {data}: {exc.strerror or exc}\n")
            failed += 1
            continue
        out.write(result.message + "\n")
    return 1 if failed else 0


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


def cmd_eval(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from coalition_tui.extraction.evaluate import evaluate_corpus

    if args.gold is not None:
        return cmd_eval_gold(args, out, err)
    corpus = _corpus(args)
    result = evaluate_corpus(corpus)

    def brief(r: Commitment) -> dict[str, object]:
        return {
            "source": r.source,
            "country": r.country,
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


def cmd_export(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from coalition_tui.actions.export import export_document, write_export

    corpus = _corpus(args)
    try:
        records = _filtered(corpus, args)
    except NotFound as exc:
        err.write(f"coalition-tui export: {exc}\n")
        return 2
    filters = {k: getattr(args, k) for k in ("country", "summit", "source", "kind", "stance")}
    if args.output.endswith(("/", os.sep)):
        err.write(f"coalition-tui export: {args.output} names a folder; give a file name (-o FOLDER/FILE.toml)\n")
        return 2
    args.output = Path(args.output)
    try:
        write_export(args.output, export_document(corpus, records, filters), overwrite=args.force)
    except FileExistsError:
        err.write(f"coalition-tui export: {args.output} exists; pass --force to replace it\n")
        return 1
    except OSError as exc:
        err.write(f"coalition-tui export: cannot write {args.output}: {exc.strerror or exc}\n")
        return 1
    out.write(f"wrote {len(records)} record(s) to {args.output}\n")
    return 0


# Our own colour codes carry this mark and InertWriter turns only it into ESC. A fresh random token per
# run: an article cannot contain it in advance, so no text from the data can become an escape sequence.
_ESC = "\ue000" + secrets.token_hex(8)
_COLOURS = {
    "del": _ESC + "[31;9m",
    "ins": _ESC + "[32;1m",
    "a": _ESC + "[31m",
    "b": _ESC + "[32m",
    "dim": _ESC + "[2m",
    "end": _ESC + "[0m",
}


class InertWriter:
    """Standard output for every command: control characters from articles, names or file names are
    written as visible pictures ("␛"), so no escape sequence from the data reaches the terminal; only
    the colour codes the diff adds itself (marked with a private-use character) become real ESCs."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        return self.stream.write(inert(text).replace(_ESC, "\x1b"))

    def flush(self) -> None:
        self.stream.flush()

    def isatty(self) -> bool:
        return self.stream.isatty()


def _painter(mode: str, out: TextIO) -> Callable[[str, str], str]:
    """Colour with ANSI codes on a terminal (or when asked); plain marks in a pipe."""
    colour = mode == "always" or (mode == "auto" and out.isatty())
    plain = {"del": ("[-", "-]"), "ins": ("{+", "+}"), "a": ("", ""), "b": ("", ""), "dim": ("", "")}

    def paint(text: str, how: str) -> str:
        if colour:
            return f"{_COLOURS[how]}{text}{_COLOURS['end']}"
        left, right = plain[how]
        return f"{left}{text}{right}"

    return paint


_RUN = re.compile(r"\s+")


def changed_line(words: Sequence[WordOp], paint: Callable[[str, str], str]) -> str:
    """A changed sentence on one line: A's words and B's, each exactly as written (a name spelt two
    ways shows both spellings), deletions and insertions painted; whitespace runs as one space."""
    out = []
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
    from coalition_tui.analysis.diffing import claims_by_meeting, diff_claims, diff_sources

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
                                "country": r.country,
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
        counts = {k: sum(r.kind == k for r in rows) for k in ("both", "conflicting", "only_a", "only_b")}
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
        f"{a} vs {b}: {summary['same']} same, {summary['changed']} changed, {summary['only_a']} only in A, "
        f"{summary['only_b']} only in B; {summary['trivial']} trivial differences (quotes, spaces) suppressed\n"
    )
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
                        "country": country,
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
            ids = dict.fromkeys(r.person for r in corpus.filter(country=country, summit=summit) if r.person)
            return ", ".join(corpus.label(p) for p in ids) or "none named"

        out.write(f"  people: {people(step.before.id)} -> {people(step.after.id)}\n")
        if not step.changes:
            out.write("  no commitments recorded at either meeting (attendance only)\n")
        for c in step.changes:
            before = "/".join(sorted({r.stance.value for r in c.before})) or "-"
            after = "/".join(sorted({r.stance.value for r in c.after})) or "-"
            out.write(f"  {c.kind:<8} {c.what.value}: {before} -> {after}\n")
            for r in (*c.before[:1], *c.after[:1]):
                out.write(f"      \u201c{r.quote}\u201d ({r.source})\n")
    if not steps and not args.json:
        out.write(f"{corpus.label(country)} has records at fewer than two meetings\n")
    return 0


def _print_record(corpus: Corpus, record: Commitment, out: TextIO) -> None:
    person = f" ({corpus.label(record.person)})" if record.person else ""
    extra = f" confidence {record.confidence:.2f}" if record.origin.value == "extracted" else ""
    out.write(
        f"{record.id}: {corpus.label(record.country)}{person} {record.stance.value} "
        f"{record.kind.value} at {record.summit or '?'} [{record.origin.value}{extra}]\n"
        f"    \u201c{record.quote}\u201d\n    source {record.source} {record.start}-{record.end}\n"
    )


def cmd_review(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from coalition_tui.actions import review
    corpus = _corpus(args)
    if args.action != "list":
        if not args.ids:
            err.write(f"coalition-tui review {args.action}: give the id(s) of the record(s)\n")
            return 2
        act = {"accept": review.accept, "reject": review.reject, "restore": review.restore}[args.action]
        failed = 0
        for rid in args.ids:
            try:
                record = act(corpus, rid)
            except review.ReviewError as exc:
                err.write(f"coalition-tui review: {exc}\n")
                failed += 1
                continue
            done = {"accept": "accepted", "reject": "rejected", "restore": "back in the queue"}[args.action]
            out.write(f"{record.id}: {done}, saved to {corpus.homes[record.id][0].name}\n")
        out.write(f"{len(review.queue(corpus))} record(s) left to review\n")
        return 1 if failed else 0
    try:
        source = corpus.find_source(args.source) if args.source else None
    except NotFound as exc:
        err.write(f"coalition-tui review: {exc}\n")
        return 2
    records = corpus.rejected if args.rejected else review.queue(corpus)
    records = [r for r in records if source is None or r.source == source]
    for record in records:
        if args.json:
            out.write(json_line(record_dict(corpus, record) | {"confidence": record.confidence}))
            out.write("\n")
        else:
            _print_record(corpus, record, out)
    if not args.json:
        what = "rejected record(s)" if args.rejected else "record(s) left to review"
        out.write(
            f"{len(records)} {what}; accept or reject with 'coalition-tui review accept|reject ID', or in the app (key 7)\n"
        )
    return 0


def cmd_summary(args: argparse.Namespace, out: TextIO, _err: TextIO) -> int:
    """The Overview as text (or one JSON object per country): the strongest stance per meeting, and a
    refusal beside a positive stance ("committed+declined")."""
    from coalition_tui.analysis.matrix import stance_matrix

    corpus = _corpus(args)
    kind = Kind(args.kind) if args.kind else None
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
                json_line({"country": row, "label": corpus.label(row), "kind": args.kind, "meetings": cells}) + "\n"
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
    from coalition_tui.tui import make_app

    make_app(_data(args)).run()
    return 0


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
            "skipped": report.skipped,
            "file": str(report.file) if report.file else None,
        }
        out.write(json_line(payload) + "\n")
    else:
        out.write("".join(line + "\n" for line in report.lines()))
    return 1 if report.missing_text or report.skipped else 0


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
    import shutil

    from coalition_tui.store.paths import bundled_data_dir, user_data_dir

    target: Path = args.folder or user_data_dir()
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        err.write(f"coalition-tui init: {target} exists and is not empty; name a new folder\n")
        return 1
    source = bundled_data_dir()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = target.with_name(f".{target.name}.init")
        shutil.rmtree(staging, ignore_errors=True)
        shutil.copytree(source, staging, ignore=shutil.ignore_patterns(".*", "__pycache__"))
        if target.exists():
            target.rmdir()
        staging.rename(target)  # all or nothing: never half a corpus
    except OSError as exc:
        err.write(f"coalition-tui init: cannot write {target}: {exc.strerror or exc}\n")
        return 1
    how = "it opens by default" if args.folder is None else f"open it with --data {target}"
    out.write(f"made a corpus of your own in {target} (a copy of the bundled one); {how}\n")
    return 0


COMMANDS: dict[str, Callable[[argparse.Namespace, TextIO, TextIO], int]] = {
    "validate": cmd_validate,
    "resolve": cmd_resolve,
    "records": cmd_records,
    "extract": cmd_extract,
    "ingest": cmd_ingest,
    "init": cmd_init,
    "meeting": cmd_meeting,
    "gazetteer": cmd_gazetteer,
    "eval": cmd_eval,
    "export": cmd_export,
    "import": cmd_import,
    "diff": cmd_diff,
    "across": cmd_across,
    "summary": cmd_summary,
    "review": cmd_review,
}


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):  # PYTHONIOENCODING=latin-1: what it cannot encode is escaped
        with contextlib.suppress(AttributeError, ValueError):
            stream.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
    args = build_parser().parse_args(argv)
    out, err = InertWriter(sys.stdout), InertWriter(sys.stderr)
    handler = COMMANDS.get(args.command or "", cmd_app)
    try:
        return handler(args, out, err)
    except MissingData as exc:
        err.write(f"coalition-tui: {exc}\n")
        return 2
    except BrokenPipeError:  # `coalition-tui records | head`
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
