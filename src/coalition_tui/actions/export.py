"""Export: a selection of records as one self-contained TOML file that ``coalition-tui import`` merges
into any corpus.

The file holds a ``[meta]`` table (app, version, format, time, filters in force, count), the
``[summits.ID]`` meetings and ``[sources.ID]`` articles the records belong to (file, sha256, headline,
meeting, date, outlet), the ``[entities.ID]`` they name (countries, organizations, people with their
roles, and the people who hosted the meetings), the records as ``[[commitment]]`` tables with
quotes and offsets (who decided each and when included), and the ``[[decision]]`` journal entries of
those records. Article texts are not included (they belong to their outlets): ``import`` finds
each by its sha256. Writing is atomic, and an existing file is replaced only when the caller says so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from coalition_tui import __version__
from coalition_tui.store.corpus import Corpus
from coalition_tui.store.journal import read_journal
from coalition_tui.store.model import Commitment, Country, Organization, Person, Source, Summit
from coalition_tui.store.serialize import record_table
from coalition_tui.store.tomlio import dumps, strip_none, write_bytes_atomic


def default_export_path(now: dt.datetime | None = None, folder: Path | None = None) -> Path:
    """``coalition-export-YYYYMMDD-HHMMSS.toml`` in ``folder`` (the working directory by default)."""
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    return (folder or Path.cwd()) / f"coalition-export-{stamp}.toml"


FORMAT = 2  # 2: meetings, sources' dates and outlets, entities' aliases (import reads 1 too)


def entity_table(entity: Country | Person | Organization) -> dict[str, Any]:
    """An entity as its gazetteer file has it, with its ``kind``."""
    if isinstance(entity, Country):
        return {
            "kind": "country",
            "name": entity.name,
            "alpha2": entity.alpha2,
            "alpha3": entity.id,
            "iso_name": entity.iso_name,
            "official_name": entity.official_name,
            "aliases": list(entity.aliases),
            "demonyms": list(entity.demonyms),
            "metonyms": list(entity.metonyms),
            "un_member": entity.un_member,
        }
    if isinstance(entity, Person):
        return {
            "kind": "person",
            "name": entity.name,
            "country": entity.country,
            "aliases": list(entity.aliases),
            "roles": [role.model_dump(exclude_none=True) for role in entity.roles],
        }
    return {"kind": "org", "name": entity.name, "short": entity.short, "aliases": list(entity.aliases)}


def summit_table(summit: Summit) -> dict[str, Any]:
    """A meeting as ``summits.toml`` has it (no id: it is the table's key)."""
    table = summit.model_dump(exclude={"id"}, exclude_defaults=True)
    table["format"] = summit.format
    table["hosts"] = list(summit.hosts)
    table["sources"] = list(summit.sources)
    return table


def source_table(source: Source) -> dict[str, Any]:
    """A source as ``sources.toml`` has it (no id: it is the table's key)."""
    return strip_none(source.model_dump(exclude={"id"}, exclude_defaults=True) | {"sha256": source.sha256})


def export_document(
    corpus: Corpus,
    records: Iterable[Commitment],
    filters: Mapping[str, str] | None = None,
    now: dt.datetime | None = None,
) -> dict[str, Any]:
    """The TOML document for ``records`` (no None anywhere: TOML has no null)."""
    chosen = list(records)
    sources: dict[str, dict[str, Any]] = {}
    summits: dict[str, dict[str, Any]] = {}
    wanted: dict[str, None] = {}
    for record in chosen:
        source = corpus.sources.get(record.source)
        if source is not None and source.id not in sources:
            sources[source.id] = source_table(source)
        for summit_id in (record.summit, source.summit if source else None):
            summit = corpus.summits.get(summit_id) if summit_id else None
            if summit is not None and summit.id not in summits:
                summits[summit.id] = summit_table(summit)
                wanted.update(dict.fromkeys(summit.hosts))
        wanted.update(dict.fromkeys(e for e in (record.country, record.person) if e))
    entities: dict[str, dict[str, Any]] = {}
    for entity_id in list(wanted):
        entity = corpus.gazetteer.entity(entity_id)
        if entity is None:
            continue
        entities[entity.id] = entity_table(entity)
        if isinstance(entity, Person):
            for other in (entity.country, *(role.of for role in entity.roles)):
                found = corpus.gazetteer.entity(other)
                if found is not None and found.id not in entities:
                    entities[found.id] = entity_table(found)
    meta = {
        "app": "coalition-tui",
        "version": __version__,
        "format": FORMAT,
        "exported": (now or dt.datetime.now(dt.UTC)).replace(microsecond=0),
        "records": len(chosen),
        "filters": {k: v for k, v in (filters or {}).items() if v},
        "data": str(corpus.root),
    }
    ids = {r.id for r in chosen}
    decisions = [e.table() for e in read_journal(corpus.root).entries if e.record in ids]
    document: dict[str, Any] = {
        "meta": meta,
        "summits": summits,
        "sources": sources,
        "entities": entities,
        "commitment": [record_table(r) for r in chosen],
    }
    if decisions:  # who decided what and when: ``import`` adds it to the other corpus's log
        document["decision"] = decisions
    return document


def check_target(path: Path, overwrite: bool = False) -> None:
    """Whether ``path`` may be written: its folder exists, it is not a folder or a special file, and
    an existing file is replaced only when ``overwrite``. Raises ``FileExistsError`` or ``OSError``."""
    if not path.parent.is_dir():
        raise FileNotFoundError(2, f"the folder {path.parent} does not exist")
    if path.is_dir():
        raise IsADirectoryError(21, "it is a folder; give a file name")
    if path.exists() and not path.is_file():  # a device node, a FIFO, a socket: never replaced
        raise OSError(22, "it is not a regular file; give another file name")
    if path.exists() and not overwrite:
        raise FileExistsError(f"{path} exists")


def write_output(path: Path, payload: bytes, overwrite: bool = False) -> None:
    """Write an export or a report atomically (see :func:`check_target`)."""
    check_target(path, overwrite)
    write_bytes_atomic(path, payload)


HEADER = "# Exported by coalition-tui. Merge it into a corpus with: coalition-tui import FILE --data DIR\n"


def toml_bytes(document: Mapping[str, Any]) -> bytes:
    """The export document as the file holds it (None dropped: TOML has no null)."""
    return (HEADER + dumps(strip_none(dict(document)))).encode("utf-8")


def write_export(path: Path, document: Mapping[str, Any], overwrite: bool = False) -> None:
    """Write atomically. Raises ``FileExistsError`` if ``path`` exists and ``overwrite`` is false."""
    write_output(path, toml_bytes(document), overwrite)


FORMATS = ("toml", "csv", "json")


def format_of(path: Path, given: str | None = None) -> str:
    """The export format asked for, else the one the file name says (``.csv``, ``.json``), else TOML."""
    if given:
        return given
    suffix = path.suffix.lower().lstrip(".")
    return suffix if suffix in FORMATS else "toml"
