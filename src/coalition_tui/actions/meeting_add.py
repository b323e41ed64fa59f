"""Adding a meeting to a corpus's ``summits.toml``: validated like every meeting, appended atomically
under the data folder's lock, the rest of the file kept as written."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from coalition_tui.store.corpus import Corpus
from coalition_tui.store.errors import CoalitionError
from coalition_tui.store.model import Summit
from coalition_tui.store.paths import own_or_bundled
from coalition_tui.store.problems import NotFound
from coalition_tui.store.toml_append import AppendFailed, append_new
from coalition_tui.store.vocab import Level, MeetingFormat


class MeetingError(CoalitionError):
    """A one-line reason the meeting cannot be added; nothing was written."""


def meeting_id(date: dt.date, place: str) -> str:
    """``YYYY-MM-DD-place``: the place in lower-case ASCII words joined by hyphens."""
    slug = re.sub(r"[^a-z0-9]+", "-", place.lower().encode("ascii", "ignore").decode()).strip("-") or "meeting"
    return f"{date.isoformat()}-{slug.split('-and-')[0][:30].strip('-')}"


@dataclass(frozen=True)
class NewMeeting:
    """A meeting as a form gives it (hosts in any name form)."""

    date: dt.date
    place: str
    format: MeetingFormat = MeetingFormat.IN_PERSON
    hosts: tuple[str, ...] = ()
    level: Level = Level.LEADERS
    venue: str = ""
    sources: tuple[str, ...] = ()
    note: str = ""


def add_meeting(
    corpus: Corpus,
    date: dt.date,
    place: str,
    format: MeetingFormat = MeetingFormat.IN_PERSON,
    hosts: tuple[str, ...] = (),
    level: Level = Level.LEADERS,
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
    if summit_id in corpus.summits:
        raise MeetingError(f"{summit_id} is already in summits.toml")
    try:
        append_new(corpus.root, path, {summit_id: fields}, seed=own_or_bundled(corpus.root, "summits.toml"))
    except AppendFailed as exc:
        raise MeetingError(str(exc)) from None
    corpus.summits[summit_id] = summit
    return summit
