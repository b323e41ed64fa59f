"""Correcting a source's citation (outlet, headline, date, author, URL, meeting) in ``sources.toml``.

The file is edited in place with tomlkit, so its comments and the other entries stay as written; the
changed entry is validated whole (as the loader would) before anything is written; the write is atomic
and under the data folder's lock, against the file as it is on disk.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from coalition_tui.store.corpus import Corpus
from coalition_tui.store.errors import CoalitionError
from coalition_tui.store.locking import data_lock
from coalition_tui.store.model import Source
from coalition_tui.store.tomlio import parse_toml, read_regular, write_bytes_atomic

EDITABLE = ("headline", "outlet", "published", "author", "url", "summit")
MAX_SOURCES_BYTES = 64 * 1024 * 1024


class SourceEditError(CoalitionError):
    """A one-line reason the change cannot be made; nothing was written."""


def edit_source(corpus: Corpus, source_id: str, changes: dict[str, Any]) -> Source:
    """Change ``changes`` (fields of :data:`EDITABLE`; "" or None clears one) of the source
    ``source_id`` in the file and in ``corpus``; returns the source as now written. Raises
    :class:`SourceEditError`."""
    import tomlkit  # only when editing
    from tomlkit.exceptions import TOMLKitError

    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise SourceEditError(f"cannot change {', '.join(sorted(unknown))}; one of: {', '.join(EDITABLE)}")
    if changes.get("summit") and changes["summit"] not in corpus.summits:
        changes = {**changes, "summit": corpus.find_summit(str(changes["summit"]))}
    path = corpus.root / "sources.toml"
    with data_lock(corpus.root):
        try:
            text = read_regular(path, MAX_SOURCES_BYTES).decode("utf-8")
            parse_toml(text)  # syntax and depth checked before tomlkit walks it
            document = tomlkit.parse(text)
        except (OSError, UnicodeDecodeError, ValueError, TOMLKitError) as exc:
            raise SourceEditError(f"{path}: cannot read it ({exc}); run 'coalition-tui validate'") from None
        table = document.get(source_id)
        if table is None:
            raise SourceEditError(f"{path}: no source {source_id!r} (was it removed by another process?)")
        entry = {**table.unwrap(), **changes}
        entry = {k: v for k, v in entry.items() if v not in ("", None)}
        try:
            source = Source(id=source_id, **entry)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            raise SourceEditError(f"source {source_id}: {where}: {first['msg']}; nothing was changed") from None
        for key, value in changes.items():
            if key == "published":
                table.pop("date", None)  # the older name of the same field
            if value in ("", None):
                table.pop(key, None)
            else:
                table[key] = value
        write_bytes_atomic(path, tomlkit.dumps(document).encode("utf-8"))
    corpus.sources[source_id] = source
    return source
