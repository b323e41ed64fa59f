"""Extracting articles again after the names were taught (a name mapped to an entity, a person added):
the articles that mention the name get the candidates extraction proposes now, and every decision
already made is kept.

In each article's records file, a record someone decided (accepted, edited, rejected, called unsure,
written by hand) stays exactly as its file has it; the candidates nobody decided yet are replaced by
the new ones; a new candidate that repeats a decided record's claim (same actor, kind and quote) is
left out. Each file is rewritten atomically under the data folder's lock; the caller reads the corpus
again afterwards.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from coalition_tui.actions.intake import candidates_file
from coalition_tui.extraction.extract import Extractor
from coalition_tui.store.corpus import Corpus
from coalition_tui.store.errors import CoalitionError
from coalition_tui.store.loader import RECORD_TABLE, record_from_table
from coalition_tui.store.locking import DataLocked, data_lock
from coalition_tui.store.model import Commitment, Origin
from coalition_tui.store.normalize import strip_accents
from coalition_tui.store.problems import display_path
from coalition_tui.store.serialize import record_table
from coalition_tui.store.tomlio import (
    MAX_TOML_BYTES,
    TooDeep,
    array_table_offsets,
    dumps,
    parse_toml,
    read_regular,
    write_bytes_atomic,
)


@dataclass
class Reextracted:
    """What extracting again did, over all the articles."""

    sources: list[str] = field(default_factory=list)  # the articles whose candidates changed
    added: int = 0  # candidates proposed now and not before
    dropped: int = 0  # undecided candidates no longer proposed
    kept: int = 0  # decided records left as they were
    problems: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (
            f"{len(self.sources)} article(s) changed: {self.added} new candidate(s), {self.dropped} no longer "
            f"proposed; {self.kept} decided record(s) kept as they were"
        )


def _key(text: str) -> str:
    return strip_accents(text).casefold()


def mentioning(corpus: Corpus, written: str) -> list[str]:
    """The articles whose text holds ``written`` as whole words (case and accents aside)."""
    wanted = _key(written.strip())
    if not wanted:
        return []
    pattern = re.compile(r"(?<!\w)" + re.escape(wanted) + r"(?!\w)")
    return sorted(s for s, text in corpus.texts.items() if pattern.search(_key(text)))


def _decided(table: dict[str, Any], default_origin: str) -> bool:
    return (
        table.get("origin", default_origin) != Origin.EXTRACTED.value
        or bool(table.get("rejected"))
        or bool(table.get("unsure"))
        or bool(table.get("decided_by"))
    )


def _claim(record: Commitment) -> tuple[object, ...]:
    return (record.country, record.kind, record.start, record.end)


def reextract(
    corpus: Corpus, sources: Iterable[str], progress: Callable[[int, int], None] | None = None
) -> Reextracted:
    """Extract ``sources`` again with the corpus's names as they are now (see the module)."""
    extractor = Extractor(corpus.gazetteer, corpus.resolver)
    out = Reextracted()
    wanted = [s for s in sources if s in corpus.sources]
    for done, source in enumerate(wanted, 1):
        try:
            _one(corpus, extractor, source, out)
        except CoalitionError as exc:
            out.problems.append(str(exc))
        if progress is not None:
            progress(done, len(wanted))
    return out


def _one(corpus: Corpus, extractor: Extractor, source: str, out: Reextracted) -> None:
    path = corpus.root / "commitments" / f"{source}.toml"
    shown = display_path(path)
    meta = corpus.sources[source]
    summit = corpus.summits.get(meta.summit or "")
    if summit is None:
        out.problems.append(f"{source}: no meeting; give it one in sources.toml, then extract it again")
        return
    text = corpus.texts[source]
    fresh = extractor.extract(text, source, summit.id, summit.date)
    try:
        with data_lock(corpus.root):
            if not path.exists():
                if fresh:
                    write_bytes_atomic(path, candidates_file(source, summit.id, fresh))
                    out.sources.append(source)
                    out.added += len(fresh)
                return
            _rewrite(corpus, path, shown, source, summit.id, fresh, out)
    except DataLocked as exc:
        raise CoalitionError(f"{shown}: {exc.strerror}; not extracted again") from None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, TooDeep) as exc:
        raise CoalitionError(f"{shown}: cannot rewrite it ({exc}); not extracted again") from None


def _rewrite(
    corpus: Corpus, path: Any, shown: str, source: str, summit: str, fresh: list[Commitment], out: Reextracted
) -> None:
    """The records file with its decided tables as written and the fresh candidates instead of the rest."""
    text = read_regular(path, MAX_TOML_BYTES).decode("utf-8")
    data = parse_toml(text)
    tables = data.get(RECORD_TABLE, [])
    offsets = array_table_offsets(text, RECORD_TABLE)
    if len(offsets) != len(tables):
        raise CoalitionError(f"{shown}: its [[{RECORD_TABLE}]] tables are laid out unusually; edit it by hand")
    defaults: dict[str, Any] = {k: data[k] for k in ("source", "summit", "origin") if k in data}
    default_origin = str(defaults.get("origin", Origin.CURATED.value))
    chunks = [text[a:b] for a, b in zip(offsets, [*offsets[1:], len(text)], strict=True)]
    kept_chunks, kept_claims, kept_ids, old_claims = [], set(), set(), set()
    for table, chunk in zip(tables, chunks, strict=True):
        record, _problems = record_from_table(corpus, dict(table), defaults, shown, None)
        if record is None or _decided(table, default_origin):
            kept_chunks.append(chunk)
            kept_ids.add(table.get("id"))
            if record is not None:
                kept_claims.add(_claim(record))
        else:
            old_claims.add((*_claim(record), record.stance))
    new = [r for r in fresh if _claim(r) not in kept_claims]
    new_claims = {(*_claim(r), r.stance) for r in new}
    if new_claims == old_claims:
        out.kept += len(kept_chunks)
        return
    new_tables = []
    for r in new:
        table = record_table(r)
        if table["id"] in kept_ids:
            table["id"] = f"{table['id']}-again"
        for key, value in defaults.items():
            if table.get(key) == value:
                table.pop(key)
        table.pop("end", None)  # it follows from start and the quote
        new_tables.append(table)
    preamble = text[: offsets[0]] if offsets else text
    body = "".join(c if c.endswith("\n\n") else c.rstrip("\n") + "\n\n" for c in kept_chunks)
    rewritten = preamble.rstrip("\n") + "\n\n" + body + (dumps({RECORD_TABLE: new_tables}) if new_tables else "")
    rewritten = rewritten.rstrip("\n") + "\n"
    if len(parse_toml(rewritten).get(RECORD_TABLE, [])) != len(kept_chunks) + len(new_tables):
        raise CoalitionError(f"{shown}: cannot rewrite it safely; nothing changed")
    write_bytes_atomic(path, rewritten.encode("utf-8"))
    out.sources.append(source)
    out.added += len(new_claims - old_claims)
    out.dropped += len(old_claims - new_claims)
    out.kept += len(kept_chunks)
