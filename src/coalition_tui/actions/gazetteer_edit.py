"""Teaching the gazetteer a name: an alias of an entity it has, or a person it lacks.

Each is appended to the corpus's own gazetteer file (``gazetteer/aliases.toml`` or ``people.toml``,
started from the bundled file when the corpus has none) atomically under the data folder's lock, and
used at once: the corpus's gazetteer and resolver are rebuilt with it.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from pydantic import ValidationError

from coalition_tui.store.corpus import Corpus
from coalition_tui.store.derived import Touched
from coalition_tui.store.errors import CoalitionError
from coalition_tui.store.gazetteer import ALIASES_FILE, PEOPLE_FILE
from coalition_tui.store.model import Person, Role
from coalition_tui.store.normalize import fold
from coalition_tui.store.paths import bundled_data_dir
from coalition_tui.store.resolve import Resolver
from coalition_tui.store.toml_append import AppendFailed, append_new


class GazetteerError(CoalitionError):
    """A one-line reason the name was not added; nothing was written."""


def _use(corpus: Corpus) -> None:
    """The corpus resolves with what was just added; every result derived from the names (an article's
    mentions, the names seen) is dropped, to be found again with it."""
    corpus.resolver = Resolver(corpus.gazetteer)
    corpus.derived.invalidate(Touched.GAZETTEER)


def add_alias(corpus: Corpus, written: str, entity_id: str) -> None:
    """``written`` becomes another name of ``entity_id``."""
    written = " ".join(written.split())
    entity = corpus.gazetteer.entity(entity_id)
    if not written or entity is None:
        raise GazetteerError(f"no entity {entity_id!r}" if written else "the name is empty")
    now = corpus.resolver.resolve(written)
    if now.entity == entity_id and now.method in ("exact", "alias"):
        raise GazetteerError(f"{written!r} already names {corpus.label(entity_id)}")
    if now.entity and now.method in ("exact", "alias"):
        raise GazetteerError(f"{written!r} is a name of {corpus.label(now.entity)}; an alias cannot take it away")
    path = corpus.root / "gazetteer" / ALIASES_FILE
    try:
        append_new(corpus.root, path, {written: entity_id}, seed=bundled_data_dir() / "gazetteer" / ALIASES_FILE)
    except AppendFailed as exc:
        raise GazetteerError(str(exc)) from None
    corpus.gazetteer.put(entity.model_copy(update={"aliases": (*entity.aliases, written)}))
    _use(corpus)


def person_id(name: str) -> str:
    """``"Hakan Fidan"`` -> ``"hakan-fidan"`` (accents dropped)."""
    return re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-") or "person"


def add_person(
    corpus: Corpus,
    name: str,
    country: str,
    role: str = "",
    of: str | None = None,
    start: dt.date | None = None,
    aliases: tuple[str, ...] = (),
) -> Person:
    """A person the gazetteer lacks: name, nationality (a country id) and, if given, an office."""
    name = " ".join(name.split())
    if country not in corpus.gazetteer.countries:
        raise GazetteerError(f"unknown country {country!r}; use a country of the gazetteer")
    if of is not None and corpus.gazetteer.entity(of) is None:
        raise GazetteerError(f"unknown country or organization {of!r} for the role")
    new_id = person_id(name)
    if new_id in corpus.gazetteer.people:
        known = corpus.gazetteer.people[new_id]
        raise GazetteerError(f"{known.name} is in the gazetteer already (id {new_id})")
    fields: dict[str, Any] = {"name": name, "country": country}
    if aliases:
        fields["aliases"] = list(aliases)
    if role:
        fields["roles"] = [{"title": role, "of": of or country, **({"start": start} if start else {})}]
    try:
        person = Person(id=new_id, **{**fields, "roles": tuple(Role(**r) for r in fields.get("roles", []))})
    except ValidationError as exc:
        error = exc.errors()[0]
        raise GazetteerError(f"{'.'.join(map(str, error['loc']))}: {error['msg']}") from None
    path = corpus.root / "gazetteer" / PEOPLE_FILE
    try:
        append_new(corpus.root, path, {new_id: fields}, seed=bundled_data_dir() / "gazetteer" / PEOPLE_FILE)
    except AppendFailed as exc:
        raise GazetteerError(str(exc)) from None
    corpus.gazetteer.people[new_id] = person
    _use(corpus)
    return person
