"""Adding a meeting to a corpus's ``summits.toml``: validated like every meeting, appended atomically
under the data folder's lock, the rest of the file kept as written."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from pydantic import ValidationError

from coalition_tui.corpus import Corpus
from coalition_tui.locking import data_lock
from coalition_tui.model import Summit
from coalition_tui.problems import NotFound
from coalition_tui.tomlio import MAX_TOML_BYTES, dumps, read_regular, read_toml, strip_none, write_bytes_atomic


class MeetingError(Exception):
    """A one-line reason the meeting cannot be added; nothing was written."""


def meeting_id(date: dt.date, place: str) -> str:
    """``YYYY-MM-DD-place``: the place in lower-case ASCII words joined by hyphens."""
    slug = re.sub(r"[^a-z0-9]+", "-", place.lower().encode("ascii", "ignore").decode()).strip("-") or "meeting"
    return f"{date.isoformat()}-{slug.split('-and-')[0][:30].strip('-')}"


def add_meeting(
    corpus: Corpus,
    date: dt.date,
    place: str,
    format: str = "in-person",
    hosts: tuple[str, ...] = (),
    level: str = "leaders",
    venue: str = "",
    sources: tuple[str, ...] = (),
    note: str = "",
) -> Summit:
    """Validate the meeting, then append it to ``corpus.root/summits.toml``. Hosts may be any name form
    of a person in the gazetteer ("Starmer", "keir-starmer"). Raises :class:`MeetingError`."""
    try:
        host_ids = tuple(corpus.find_person(h) for h in hosts)
    except NotFound as exc:
        raise MeetingError(f"{exc}; add the person to gazetteer/people.toml first") from None
    summit_id = meeting_id(date, place)
    fields: dict[str, Any] = {
        "date": date,
        "place": place,
        "venue": venue or None,
        "format": format,
        "hosts": list(host_ids),
        "level": level,
        "note": note or None,
        "sources": list(sources) or None,
    }
    try:
        summit = Summit(id=summit_id, **{k: v for k, v in fields.items() if v is not None})
    except ValidationError as exc:
        error = exc.errors()[0]
        where = ".".join(str(part) for part in error["loc"])
        raise MeetingError(f"{where}: {error['msg']}") from None
    path = corpus.root / "summits.toml"
    try:
        with data_lock(corpus.root):
            existing = read_regular(path, MAX_TOML_BYTES).decode("utf-8") if path.exists() else ""
            data, _text, problems = read_toml(path, "summits.toml") if existing else ({}, "", [])
            if problems:
                raise MeetingError(f"{problems[0]}; fix summits.toml first")
            if summit_id in (data or {}):
                raise MeetingError(f"{summit_id} is already in summits.toml")
            block = dumps({summit_id: strip_none(fields)})
            write_bytes_atomic(path, (existing.rstrip("\n") + "\n\n" + block).lstrip("\n").encode("utf-8"))
    except OSError as exc:
        raise MeetingError(f"cannot write {path}: {exc.strerror or exc}") from None
    corpus.summits[summit_id] = summit
    return summit

