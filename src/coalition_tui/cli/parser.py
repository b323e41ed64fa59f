"""The argument parser: every subcommand and its options."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from coalition_tui import __version__
from coalition_tui.store.vocab import Kind, Level, MeetingFormat, Stance

if TYPE_CHECKING:
    pass


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
    parser.add_argument("--kind", metavar="K", help="one of: " + ", ".join(Kind) + " (or a word: troops, air, money…)")
    parser.add_argument("--stance", metavar="S", help="one of: " + ", ".join(Stance) + " (or a word: refused…)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="coalition-tui",
        description="Compare what each country committed at the coalition-of-the-willing meetings on Ukraine.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    _add_data(parser)
    parser.add_argument("--read-only", action="store_true", help="the app: open the corpus so that nothing is written")
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
    p.add_argument(
        "--cite", action="store_true", help="one line per record: the quote with outlet, headline, date and URL"
    )

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
    p.add_argument("--format", default=MeetingFormat.IN_PERSON, type=MeetingFormat, choices=list(MeetingFormat))
    p.add_argument("--host", action="append", default=[], metavar="NAME", help="a person who hosted it (repeat)")
    p.add_argument("--level", default=Level.LEADERS, type=Level, choices=list(Level))
    p.add_argument("--venue", default="")
    p.add_argument("--source", action="append", default=[], metavar="URL", help="where it is reported (repeat)")

    p = sub.add_parser("sources", help="the articles with outlet, date, headline and URL; correct them; check links")
    _add_data(p, argparse.SUPPRESS)
    p.add_argument("--json", action="store_true", help="one JSON object per source (or link)")
    acts = p.add_subparsers(dest="sources_action", metavar="list|edit|check")
    q = acts.add_parser("list", help="every source with its citation (the default)")
    _add_data(q, argparse.SUPPRESS)
    q.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="one JSON object per source")
    q = acts.add_parser("edit", help="correct a source's outlet, headline, date, author, URL or meeting")
    _add_data(q, argparse.SUPPRESS)
    q.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="the source as written, as JSON")
    q.add_argument("source", metavar="SOURCE", help="an id, its prefix, a file name or words of its headline")
    q.add_argument("--outlet", metavar="NAME")
    q.add_argument("--headline", metavar="TEXT")
    q.add_argument("--published", type=_date_or_empty, metavar="YYYY-MM-DD", help="publication date ('' clears)")
    q.add_argument("--author", metavar="NAME")
    q.add_argument("--url", metavar="URL")
    q.add_argument("--summit", metavar="MEETING", help="the meeting it reports")
    q = acts.add_parser("check", help="do the URLs still answer with the page that was kept? (changes nothing)")
    _add_data(q, argparse.SUPPRESS)
    q.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="one JSON object per link")
    q.add_argument("ids", nargs="*", metavar="SOURCE", help="only these (default: every source with a URL)")

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
    p.add_argument(
        "files",
        nargs="+",
        metavar="URL|FILE",
        help="an article: a URL, a saved page (.html), a PDF, a .txt file, or a folder of them",
    )
    p.add_argument("--summit", metavar="ID", help="the meeting they report (default: guessed per article)")
    p.add_argument("--outlet", default="", metavar="NAME", help="the outlet (default: the page's site name)")
    p.add_argument("--date", type=_date, metavar="YYYY-MM-DD", help="publication date (default: the page's)")
    p.add_argument("--headline", default="", metavar="TEXT", help="the headline (default: the page's)")
    p.add_argument("--guess", action="store_true", help="file an undated article under the meeting it seems to report")
    p.add_argument("--json", action="store_true", help="one JSON object: the sources added, problems")

    p = sub.add_parser("eval", help="extraction on the curated sources vs. their curated records, or on a gold folder")
    _add_data(p, argparse.SUPPRESS)
    p.add_argument("--json", action="store_true", help="one JSON object with the figures, misses and false alarms")
    p.add_argument(
        "--gold", type=Path, metavar="DIR", help="score a folder of articles/*.txt and gold*.toml (as corpus-dev)"
    )
    p.add_argument("--only", default="", metavar="PREFIX", help="with --gold: the articles whose name starts so")
    p.add_argument("--errors", action="store_true", help="with --gold: list every miss and false alarm")
    p.add_argument(
        "--calibration", action="store_true", help="with --gold: precision by confidence band (0.9+, 0.8-0.9, ...)"
    )

    p = sub.add_parser("export", help="write the filtered records to a self-contained TOML file ('import' merges it)")
    _add_data(p, argparse.SUPPRESS)
    _add_filters(p)
    p.add_argument("-o", "--output", required=True, metavar="FILE")  # a str: Path() drops a trailing "/"
    p.add_argument("--force", action="store_true", help="replace FILE if it exists")
    p.add_argument("--include-unsure", action="store_true", help="also the records a reviewer marked unsure")
    p.add_argument(
        "--format",
        choices=["toml", "csv", "json"],
        help="toml (import merges it), csv (a row per record, for spreadsheets), json; default: by FILE's extension",
    )

    p = sub.add_parser(
        "report", help="the filtered records as one self-contained HTML page (matrix, timelines, quotes)"
    )
    _add_data(p, argparse.SUPPRESS)
    _add_filters(p)
    p.add_argument("-o", "--output", required=True, metavar="FILE.html")
    p.add_argument("--force", action="store_true", help="replace FILE if it exists")
    p.add_argument("--include-unsure", action="store_true", help="also the records a reviewer marked unsure")

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

    p = sub.add_parser(
        "review", help="list the extracted records left to review; accept, reject, mark unsure or restore them"
    )
    _add_data(p, argparse.SUPPRESS)
    p.add_argument("action", nargs="?", choices=["list", "accept", "reject", "unsure", "restore"], default="list")
    p.add_argument("ids", nargs="*", metavar="ID", help="record ids (for accept / reject / unsure / restore)")
    p.add_argument("--source", metavar="Z", help="only this source (id or prefix, file name or headline words)")
    which = p.add_mutually_exclusive_group()
    which.add_argument("--rejected", action="store_true", help="list the rejected records instead")
    which.add_argument("--unsure", action="store_true", help="list the records marked unsure instead")
    p.add_argument("--min-confidence", type=float, default=0.0, metavar="X", help="only confidence ≥ X")
    p.add_argument("--max-confidence", type=float, default=2.0, metavar="Y", help="only confidence < Y")
    p.add_argument("--sort", choices=["article", "confidence", "country"], default="article")
    p.add_argument(
        "--all-listed",
        action="store_true",
        help="decide every record the list shows with these filters, in one batch (asks first; --yes does not)",
    )
    p.add_argument("--yes", action="store_true", help="with --all-listed: do not ask")
    p.add_argument("--json", action="store_true", help="one JSON object per record")

    p = sub.add_parser(
        "reextract", help="extract articles again with the names as they are now, keeping every decision made"
    )
    _add_data(p, argparse.SUPPRESS)
    p.add_argument("sources", nargs="*", metavar="SOURCE", help="source ids or prefixes, file names or headline words")
    p.add_argument("--mentioning", metavar="NAME", help="every article whose text holds NAME (a name just taught)")
    p.add_argument("--json", action="store_true", help="one JSON object")

    p = sub.add_parser("serve", help="the app in a web browser (textual-serve): one app per visitor, on localhost")
    _add_data(p, argparse.SUPPRESS)
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine only)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument("--read-only", action="store_true", help="every change refused: review, names, articles, undo")

    p = sub.add_parser("log", help="the review decisions made in the data folder: who decided what, and when")
    _add_data(p, argparse.SUPPRESS)
    p.add_argument("--since", type=_date, metavar="YYYY-MM-DD", help="only decisions made on or after this day (UTC)")
    p.add_argument("--reviewer", metavar="NAME", help="only this reviewer's decisions")
    p.add_argument("--json", action="store_true", help="one JSON object per decision")

    p = sub.add_parser("agree", help="two copies of a corpus reviewed by two people: agreement (F1, Cohen's kappa)")
    p.add_argument("a", type=Path, metavar="DIR_A", help="the first reviewer's corpus")
    p.add_argument("b", type=Path, metavar="DIR_B", help="the second reviewer's copy of it")
    p.add_argument("--json", action="store_true", help="one JSON object")
    p.add_argument(
        "--settle", action="store_true", help="open the app on DIR_A with the differences side by side, to settle each"
    )

    p = sub.add_parser("summary", help="country x summit table of the strongest stance, as text")
    _add_data(p, argparse.SUPPRESS)
    p.add_argument("--all-levels", action="store_true", help="the ministers' and chiefs' meetings too")
    p.add_argument(
        "--kind", metavar="KIND", help="one kind of contribution only (troops, air, money, or a kind's name)"
    )
    p.add_argument("--json", action="store_true", help="one JSON object per country")
    return parser


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date: {text!r} (use YYYY-MM-DD)") from None


def _date_or_empty(text: str) -> dt.date | str:
    """A date, or "" to clear one."""
    return "" if not text.strip() else _date(text)
