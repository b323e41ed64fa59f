"""Import: merge an export file into a corpus, all of it or nothing.

An export comes from someone else, so it is untrusted. It is read through the checked reader (a
regular file, at most ``MAX_TOML_BYTES``, nested at most ``MAX_DEPTH``), then validated whole, under
the data folder's lock and against the corpus as it is on disk, before anything is written:

* every id (meeting, source, entity, record) is from a safe alphabet and names no path;
* a source's ``file`` is never used as a path: its text is found by sha256 among the files beside the
  export (and its ``articles/``) or in ``--articles``, and is written to ``articles/ID.txt``;
* every entity, meeting, source and record is built with the loader's own models and checks;
* an entity never takes a name the corpus already resolves to another entity (a conflict, refused);
* no file grows past the loader's limits.

What the corpus has is used as it is (the same meeting, entity or article by sha256; a record whose
claim it has changes nothing; a record id it uses for another claim is renamed). A source whose text is
not found is reported and its records left out. The new records go to one new file
``commitments/import-NAME.toml``. If a write fails, or the corpus read again afterwards shows a
problem the import brought, every file is put back as it was.
"""

from __future__ import annotations

import contextlib
import tomllib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from coalition_tui.actions.import_check import (
    ImportFailed,
    ImportReport,
    Plan,
    free_name,
    plan_import,
    read_export,
)
from coalition_tui.store import journal
from coalition_tui.store.loader import MAX_ARTICLE_BYTES, RECORD_TABLE, load_corpus
from coalition_tui.store.locking import check_writable, data_lock
from coalition_tui.store.paths import bundled_data_dir
from coalition_tui.store.serialize import record_table
from coalition_tui.store.toml_append import appended_text
from coalition_tui.store.tomlio import (
    MAX_TOML_BYTES,
    TooDeep,
    dumps,
    read_regular,
    write_bytes_atomic,
    write_bytes_new,
)


def import_file(root: Path, path: Path, articles: Iterable[Path] = ()) -> ImportReport:
    """Merge the export at ``path`` into the corpus at ``root``, all of it or nothing. Raises
    :class:`ImportFailed` (nothing written), ``ReadOnlyCorpus`` for the bundled corpus, ``OSError``
    for a write that failed (everything put back)."""
    data = read_export(path)
    check_writable(root)
    places = [path.parent, *articles]
    with data_lock(root):
        corpus = load_corpus(root)  # as it is on disk now, under the lock
        plan, report = plan_import(root, corpus, path, data, places)
        writes = _writes(root, path, plan)
        for target, payload in writes.items():
            if len(payload) > (MAX_ARTICLE_BYTES if target.suffix == ".txt" else MAX_TOML_BYTES):
                raise ImportFailed(
                    f"{path}: importing it would make {target.relative_to(root)} {len(payload):,} bytes, over what "
                    "a corpus may hold; split the export; nothing was imported"
                )
        before = {str(p) for p in corpus.problems}
        with _Restore(root) as restore:
            for target, payload in writes.items():
                restore.keep(target)
                if target.exists():
                    write_bytes_atomic(target, payload)
                else:
                    write_bytes_new(target, payload)
            if writes:
                brought = [p for p in load_corpus(root).problems if str(p) not in before]
                if brought:
                    raise ImportFailed(f"{path}: the corpus would not load cleanly after it ({brought[0]}); "
                                       "nothing was imported")  # fmt: skip
    if plan.records:
        report.file = next(t for t in writes if t.parent.name == "commitments" and t.suffix == ".toml"
                           and t.name.startswith("import-"))  # fmt: skip
        report.added = [r.id for r in plan.records]
    return report


def _appended(root: Path, target: Path, seed: Path | None, tables: dict[str, Any]) -> bytes:
    """What ``target`` holds once ``tables`` are appended (as ``append_tables`` would write it)."""
    source = target if target.exists() else seed
    existing = read_regular(source, MAX_TOML_BYTES).decode("utf-8") if source and source.exists() else ""
    return appended_text(existing, tables).encode("utf-8")


def _writes(root: Path, path: Path, plan: Plan) -> dict[Path, bytes]:
    """Every file the import writes, with its whole new content."""
    bundled = bundled_data_dir()
    out: dict[Path, bytes] = {}
    try:
        for name, tables in plan.entities.items():
            target = root / "gazetteer" / name
            out[target] = _appended(root, target, bundled / "gazetteer" / name, tables)
        if plan.meetings:
            out[root / "summits.toml"] = _appended(root, root / "summits.toml", bundled / "summits.toml", plan.meetings)
        if plan.sources:
            out[root / "sources.toml"] = _appended(root, root / "sources.toml", None, plan.sources)
    except (OSError, UnicodeDecodeError) as exc:
        raise ImportFailed(
            f"{path}: cannot read the corpus's files to add to them ({exc}); nothing was imported"
        ) from None
    for relative, raw in plan.articles.items():
        out[root / relative] = raw
    if plan.records:
        folder = root / "commitments"
        stem = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in path.stem)[:60] or "export"
        names = {p.name.removesuffix(".toml") for p in folder.glob("*.toml")} if folder.is_dir() else set()
        name = free_name(names, f"import-{stem}")
        header = f"# Imported by coalition-tui import ({len(plan.records)} records).\n"
        payload = header + "\n" + dumps({RECORD_TABLE: [record_table(r) for r in plan.records]})
        out[folder / f"{name}.toml"] = payload.encode("utf-8")
    if plan.decisions:
        try:
            out |= journal.appended(root, plan.decisions)
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, TooDeep) as exc:
            raise ImportFailed(f"{path}: cannot add to the decision log ({exc}); nothing was imported") from None
    return out


class _Restore:
    """Puts every file kept back as it was (and removes the files and folders made) when the block
    it guards raises: an import is written whole or not at all."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.saved: dict[Path, bytes | None] = {}
        self.made: list[Path] = []

    def keep(self, target: Path) -> None:
        for folder in reversed(target.relative_to(self.root).parents[:-1]):
            if not (self.root / folder).exists():
                self.made.append(self.root / folder)
        if target not in self.saved:
            self.saved[target] = read_regular(target, MAX_TOML_BYTES) if target.exists() else None

    def __enter__(self) -> _Restore:
        return self

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        if kind is None:
            return
        for target, raw in self.saved.items():
            if raw is None:
                target.unlink(missing_ok=True)
            else:
                write_bytes_atomic(target, raw)
        for folder in reversed(self.made):
            with contextlib.suppress(OSError):
                folder.rmdir()


__all__ = ["ImportFailed", "ImportReport", "import_file", "read_export"]
