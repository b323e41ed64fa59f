"""The gazetteer: every country, person and organization the corpus can name.

ISO 3166 codes and names come from pycountry; ``data/gazetteer/*.toml`` adds the names articles
actually write (aliases, demonyms, metonyms), the people and the organizations.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coalition_tui.store.model import Country, Entity, Organization, Person
from coalition_tui.store.normalize import fold
from coalition_tui.store.problems import Problem, display_path
from coalition_tui.store.tomlio import build, read_tables, read_toml, table_lines

COUNTRIES_FILE = "countries.toml"
PEOPLE_FILE = "people.toml"
ORGANIZATIONS_FILE = "organizations.toml"
ALIASES_FILE = "aliases.toml"  # names the analyst mapped to an entity: "written form" = "entity id"
FILES = (COUNTRIES_FILE, ORGANIZATIONS_FILE, PEOPLE_FILE, ALIASES_FILE)


@dataclass
class Gazetteer:
    """Entities by id, with the look-ups the rest of the core needs."""

    countries: dict[str, Country] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    organizations: dict[str, Organization] = field(default_factory=dict)

    def entity(self, entity_id: str) -> Entity | None:
        return self.countries.get(entity_id) or self.people.get(entity_id) or self.organizations.get(entity_id)

    def put(self, entity: Entity) -> None:
        """Add ``entity`` (or replace the one with its id) in the table of its kind."""
        if isinstance(entity, Country):
            self.countries[entity.id] = entity
        elif isinstance(entity, Person):
            self.people[entity.id] = entity
        else:
            self.organizations[entity.id] = entity

    def entities(self) -> list[Entity]:
        return [*self.countries.values(), *self.people.values(), *self.organizations.values()]

    def country_of(self, entity_id: str | None) -> Country | None:
        """The country an entity stands for: itself, or a person's nationality."""
        if entity_id is None:
            return None
        if entity_id in self.countries:
            return self.countries[entity_id]
        person = self.people.get(entity_id)
        return self.countries.get(person.country) if person else None

    def holders(self, title: str, of: str, on: dt.date | None = None) -> list[Person]:
        """People who held ``title`` of country/org ``of`` (on the date ``on`` when given)."""
        wanted = fold(title)
        found = []
        for person in self.people.values():
            for role in person.roles:
                if role.of == of and fold(role.title) == wanted and (on is None or role.held_on(on)):
                    found.append(person)
                    break
        return found


def country_from_table(
    code: str, table: dict[str, Any], shown: str, line: int | None
) -> tuple[Country | None, list[Problem]]:
    import pycountry  # here, not at the top: a corpus from the cache needs no ISO data (50 ms of imports)

    iso = pycountry.countries.get(alpha_3=code)
    if iso is None and not {"alpha2", "iso_name"} <= table.keys():
        return None, [
            Problem(
                shown,
                f"{code!r} is not an ISO 3166 alpha-3 code known to pycountry; "
                "use the code, or give alpha2 and iso_name for a state ISO does not list",
                line=line,
                record=code,
            )
        ]
    data: dict[str, Any] = {
        "id": code,
        "alpha2": table.get("alpha2") or (iso.alpha_2 if iso else ""),
        "iso_name": table.get("iso_name") or (iso.name if iso else ""),
    }
    common = getattr(iso, "common_name", None) if iso else None
    data["name"] = table.get("name") or common or data["iso_name"]
    official = getattr(iso, "official_name", None) if iso else None
    data["official_name"] = table.get("official_name") or official or data["iso_name"]
    for key in ("aliases", "demonyms", "metonyms", "un_member"):
        if key in table:
            data[key] = table[key]
    known = {"alpha2", "iso_name", "name", "official_name", "aliases", "demonyms", "metonyms", "un_member"}
    unknown = set(table) - known
    data.update({key: table[key] for key in unknown})  # let pydantic name the stray field
    return build(Country, data, shown, line, code)


def gazetteer_file(directory: Path, name: str, fallback: Path | None = None) -> Path:
    """``directory/name``, else ``fallback/name``: a corpus that has its own people file only still
    has the bundled countries."""
    own = directory / name
    return own if own.exists() or fallback is None else fallback / name


def load_gazetteer(
    directory: Path, base: Path | None = None, fallback: Path | None = None
) -> tuple[Gazetteer, list[Problem]]:
    """Load ``countries.toml``, ``people.toml``, ``organizations.toml`` and ``aliases.toml`` from
    ``directory`` (each one missing there from ``fallback``).

    A bad entry is reported and skipped; the rest loads.
    """
    gaz = Gazetteer()
    problems: list[Problem] = []

    def _tables(name: str) -> tuple[dict[str, Any], str, str, list[Problem]]:
        path = gazetteer_file(directory, name, fallback)
        shown = display_path(path, base or directory)
        tables, text, found = read_tables(path, shown)
        return tables, text, shown, found

    tables, text, shown, found = _tables(COUNTRIES_FILE)
    problems += found
    line_of = table_lines(text)
    for code, table in tables.items():
        country, found = country_from_table(code, table, shown, line_of(code))
        problems += found
        if country:
            gaz.countries[code] = country

    tables, text, shown, found = _tables(ORGANIZATIONS_FILE)
    problems += found
    line_of = table_lines(text)
    for org_id, table in tables.items():
        org, found = build(Organization, {"id": org_id, **table}, shown, line_of(org_id), org_id)
        problems += found
        if org:
            gaz.organizations[org_id] = org

    tables, text, shown, found = _tables(PEOPLE_FILE)
    problems += found
    line_of = table_lines(text)
    for person_id, table in tables.items():
        line = line_of(person_id)
        person, found = build(Person, {"id": person_id, **table}, shown, line, person_id)
        problems += found
        if person is None:
            continue
        if person.country not in gaz.countries:
            problems.append(
                Problem(
                    shown,
                    f"unknown country {person.country!r}; use an alpha-3 code from countries.toml",
                    line=line,
                    record=person_id,
                    field="country",
                )
            )
            continue
        stray = [role.of for role in person.roles if gaz.entity(role.of) is None]
        if stray:
            problems.append(
                Problem(
                    shown,
                    f"role of unknown country or organization {stray[0]!r}",
                    line=line,
                    record=person_id,
                    field="roles",
                )
            )
            continue
        gaz.people[person_id] = person
    path = gazetteer_file(directory, ALIASES_FILE, fallback)
    if path.exists():
        problems += _load_aliases(gaz, path, display_path(path, base or directory))
    return gaz, problems


def _key_line(text: str, key: str) -> int | None:
    match = re.search(r'^[ \t]*(?:"' + re.escape(key) + r'"|' + re.escape(key) + r")[ \t]*=", text, re.M)
    return text.count("\n", 0, match.start()) + 1 if match else None


def _load_aliases(gaz: Gazetteer, path: Path, shown: str) -> list[Problem]:
    """``"written form" = "entity id"`` lines: each form becomes an alias of its entity."""
    data, text, problems = read_toml(path, shown)
    added: dict[str, list[str]] = {}
    for written, entity_id in (data or {}).items():
        line = _key_line(text, written)
        if not isinstance(entity_id, str) or gaz.entity(entity_id) is None:
            problems.append(
                Problem(
                    shown, f"{written!r} names no known entity ({entity_id!r}); use an id", line=line, record=written
                )
            )
            continue
        added.setdefault(entity_id, []).append(written)
    for entity_id, forms in added.items():
        entity = gaz.entity(entity_id)
        assert entity is not None
        gaz.put(entity.model_copy(update={"aliases": (*entity.aliases, *forms)}))
    return problems
