"""The command line: ``coalition-tui [--data DIR] SUBCOMMAND``.

Human-readable output by default, ``--json`` (one object per line) for machines. One module per
group of subcommands; ``main`` dispatches.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Callable, Sequence
from typing import TextIO, cast

from coalition_tui.cli.common import InertWriter, MissingData, _painter  # noqa: F401
from coalition_tui.cli.compare import changed_line, cmd_across, cmd_agree, cmd_diff  # noqa: F401
from coalition_tui.cli.decisions import cmd_log, cmd_reextract
from coalition_tui.cli.extracting import cmd_eval, cmd_eval_gold, cmd_extract  # noqa: F401
from coalition_tui.cli.parser import build_parser
from coalition_tui.cli.read import cmd_app, cmd_records, cmd_resolve, cmd_serve, cmd_summary, cmd_validate
from coalition_tui.cli.sources import cmd_sources
from coalition_tui.cli.write import (
    cmd_export,
    cmd_gazetteer,
    cmd_import,
    cmd_ingest,
    cmd_init,
    cmd_meeting,
    cmd_report,
    cmd_review,
)
from coalition_tui.store.errors import CoalitionError
from coalition_tui.store.problems import NotFound

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
    "sources": cmd_sources,
    "agree": cmd_agree,
    "log": cmd_log,
    "report": cmd_report,
    "serve": cmd_serve,
    "reextract": cmd_reextract,
}


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):  # PYTHONIOENCODING=latin-1: what it cannot encode is escaped
        with contextlib.suppress(AttributeError, ValueError):
            stream.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
    args = build_parser().parse_args(argv)
    out, err = InertWriter(sys.stdout), InertWriter(sys.stderr)
    handler = COMMANDS.get(args.command or "", cmd_app)
    try:
        # InertWriter has what the commands use of a TextIO (write, flush, isatty)
        return handler(args, cast(TextIO, out), cast(TextIO, err))
    except BrokenPipeError:  # `coalition-tui records | head`
        sys.stderr.close()
        return 0
    except (MissingData, NotFound) as exc:  # a filter or id that names nothing, or several things
        err.write(f"coalition-tui {args.command or ''}: {exc}\n".replace(" :", ":"))
        return 2
    except CoalitionError as exc:
        err.write(f"coalition-tui {args.command or ''}: {exc}\n".replace(" :", ":"))
        return 1
    except OSError as exc:  # a folder that cannot be written (a read-only mount), a file gone meanwhile
        where = f"{exc.filename}: " if exc.filename else ""
        err.write(f"coalition-tui {args.command or ''}: {where}{exc.strerror or exc}\n".replace(" :", ":"))
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
