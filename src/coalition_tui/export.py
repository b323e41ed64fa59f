"""Export: a selection of records as one TOML file that loads back as a commitments file.

The file holds a ``[meta]`` table (app, version, time, filters in force, count), the ``[sources.ID]``
the records quote (file, sha256, headline, summit), the ``[entities.ID]`` they reference, and the
records as ``[[commitment]]`` tables with quotes and offsets. Writing is atomic, and an existing file
is replaced only when the caller says so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from coalition_tui import __version__
from coalition_tui.corpus import Corpus
from coalition_tui.model import Commitment, Country, Organization, Person
from coalition_tui.serialize import record_table
from coalition_tui.tomlio import write_toml_atomic


def default_export_path(now: dt.datetime | None = None, folder: Path | None = None) -> Path:
    """``coalition-export-YYYYMMDD-HHMMSS.toml`` in ``folder`` (the working directory by default)."""
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    return (folder or Path.cwd()) / f"coalition-export-{stamp}.toml"


def _entity_table(entity: Country | Person | Organization) -> dict[str, Any]:
    if isinstance(entity, Country):
        return {
            "kind": "country",
            "name": entity.name,
            "alpha2": entity.alpha2,
            "alpha3": entity.id,
            "official_name": entity.official_name,
        }
    if isinstance(entity, Person):
        return {
            "kind": "person",
            "name": entity.name,
            "country": entity.country,
            "roles": [role.model_dump(exclude_none=True) for role in entity.roles],
        }
    return {"kind": "org", "name": entity.name, "short": entity.short}


def export_document(
    corpus: Corpus,
    records: Iterable[Commitment],
    filters: Mapping[str, str] | None = None,
    now: dt.datetime | None = None,
) -> dict[str, Any]:
    """The TOML document for ``records`` (no None anywhere: TOML has no null)."""
    chosen = list(records)
    sources = {}
    entities: dict[str, dict[str, Any]] = {}
    for record in chosen:
        source = corpus.sources.get(record.source)
        if source is not None:
            sources[source.id] = {
                "file": source.file,
                "sha256": source.sha256,
                "headline": source.headline,
                **({"summit": source.summit} if source.summit else {}),
            }
        for entity_id in (record.country, record.person):
            entity = corpus.gazetteer.entity(entity_id) if entity_id else None
            if entity is not None:
                entities[entity.id] = _entity_table(entity)
    meta = {
        "app": "coalition-tui",
        "version": __version__,
        "exported": (now or dt.datetime.now(dt.UTC)).replace(microsecond=0),
        "records": len(chosen),
        "filters": {k: v for k, v in (filters or {}).items() if v},
        "data": str(corpus.root),
    }
    return {"meta": meta, "sources": sources, "entities": entities, "commitment": [record_table(r) for r in chosen]}


def write_export(path: Path, document: Mapping[str, Any], overwrite: bool = False) -> None:
    """Write atomically. Raises ``FileExistsError`` if ``path`` exists and ``overwrite`` is false."""
    if not path.parent.is_dir():
        raise FileNotFoundError(2, f"the folder {path.parent} does not exist")
    if path.is_dir():
        raise IsADirectoryError(21, "it is a folder; give a file name")
    if path.exists() and not path.is_file():  # a device node, a FIFO, a socket: never replaced
        raise OSError(22, "it is not a regular file; give another file name")
    if path.exists() and not overwrite:
        raise FileExistsError(f"{path} exists")
    write_toml_atomic(path, document, header="# Exported by coalition-tui. Loads back as a commitments file.\n")
