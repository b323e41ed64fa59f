"""What the commands share: the data folder, the corpus, filters, JSON shapes, and a writer that never lets a control character reach the terminal."""

from __future__ import annotations

import argparse
import secrets
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from coalition_tui.analysis.citation import source_line
from coalition_tui.analysis.tables import country_fields, record_dict  # noqa: F401  (the commands' JSON shape)
from coalition_tui.store.errors import CoalitionError
from coalition_tui.store.paths import default_data_dir
from coalition_tui.store.safe import inert
from coalition_tui.store.vocab import find_kind, find_stance

if TYPE_CHECKING:
    from coalition_tui.store.corpus import Corpus
    from coalition_tui.store.model import Commitment, Source
    from coalition_tui.store.resolve import Resolution


class MissingData(CoalitionError):
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


def source_dict(source: Source) -> dict[str, object]:
    """A source for ``--json``: its sources.toml fields, with its id and the date as ISO text."""
    out: dict[str, object] = source.model_dump(mode="json")
    return out


def _filtered(corpus: Corpus, args: argparse.Namespace) -> list[Commitment]:
    """Records matching the command's --country/--summit/--source/--kind/--stance (raises NotFound)."""
    return corpus.filter(
        country=corpus.find_actor(args.country) if args.country else None,
        summit=corpus.find_summit(args.summit) if args.summit else None,
        source=corpus.find_source(args.source) if args.source else None,
        kind=find_kind(args.kind) if args.kind else None,
        stance=find_stance(args.stance) if args.stance else None,
    )


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
    the colour codes the diff adds itself (marked with ``_ESC``) become real ESCs."""

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


def _print_record(corpus: Corpus, record: Commitment, out: TextIO) -> None:
    person = f" ({corpus.label(record.person)})" if record.person else ""
    extra = f" confidence {record.confidence:.2f}" if record.origin.value == "extracted" else ""
    out.write(
        f"{record.id}: {corpus.label(record.country)}{person} {record.stance.value} "
        f"{record.kind.value} at {record.summit or '?'} [{record.origin.value}{extra}]\n"
        f"    \u201c{record.quote}\u201d\n    {source_line(corpus.sources.get(record.source), url=True)} "
        f"({record.source} {record.start}-{record.end})\n"
    )
