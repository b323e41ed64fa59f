"""Writers that never lose work (issue 23, item 5): record ids chosen under the lock against the file
on disk, so two windows saving at once never share one."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

from coalition_tui.actions.authoring import Draft, add_record
from coalition_tui.store.loader import load_corpus
from coalition_tui.store.model import Kind, Stance

SOURCE = "004_546e8795ffd0dea9"


def _save_many(data: str, count: int, barrier, out) -> None:
    try:
        corpus = load_corpus(Path(data))  # loaded once, as a window is: it never sees the other's saves
        text = corpus.texts[SOURCE]
        end = text.index(" ", 40)
        barrier.wait()
        ids = []
        for i in range(count):
            kind, stance = Kind.TROOPS_IN_UKRAINE, Stance.WILLING
            draft = Draft(SOURCE, 0, end, "FRA", kind, stance, "2026-01-06-paris", note=f"save {i}")
            ids.append(add_record(corpus, draft).id)
        out.put(ids)
    except Exception as exc:  # said to the test, which then fails at once instead of waiting
        barrier.abort()
        out.put([repr(exc)])


def test_two_processes_saving_50_records_each_give_100_records_with_100_ids(data_copy: Path):
    context = multiprocessing.get_context("fork")
    barrier, out = context.Barrier(2), context.Queue()
    workers = [context.Process(target=_save_many, args=(str(data_copy), 50, barrier, out)) for _ in range(2)]
    for worker in workers:
        worker.start()
    saved = [out.get(timeout=120) for _ in workers]
    for worker in workers:
        worker.join(timeout=60)
    assert len(saved[0]) == len(saved[1]) == 50, saved
    assert len(set(saved[0]) | set(saved[1])) == 100
    corpus = load_corpus(data_copy)
    assert not corpus.problems
    mine = [r for r in corpus.records if r.note.startswith("save ")]
    assert len(mine) == 100 and len({r.id for r in mine}) == 100


def _init(target: str, barrier, out) -> None:
    from coalition_tui.cli import main

    barrier.wait()
    out.put(main(["init", target]))


def test_many_inits_of_one_folder_at_once_make_one_whole_corpus(tmp_path: Path):
    target = tmp_path / "mine"
    context = multiprocessing.get_context("fork")
    barrier, out = context.Barrier(8), context.Queue()
    workers = [context.Process(target=_init, args=(str(target), barrier, out)) for _ in range(8)]
    for worker in workers:
        worker.start()
    codes = sorted(out.get(timeout=120) for _ in workers)
    for worker in workers:
        worker.join(timeout=60)
    assert codes == [0] + [1] * 7
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine"]  # no staging folder left behind
    corpus = load_corpus(target)
    assert not corpus.problems and corpus.records


def _hold(data: str, held, release) -> None:
    from coalition_tui.store.locking import data_lock

    with data_lock(Path(data)):
        held.set()
        release.wait(30)


def test_deleting_every_file_in_the_folder_cannot_break_a_held_lock(data_copy: Path):
    import pytest

    from coalition_tui.store.locking import DataLocked, data_lock

    context = multiprocessing.get_context("fork")
    held, release = context.Event(), context.Event()
    holder = context.Process(target=_hold, args=(str(data_copy), held, release))
    holder.start()
    try:
        assert held.wait(30)
        for stray in data_copy.glob(".*"):  # a lock file, had there been one, is gone
            stray.unlink()
        with pytest.raises(DataLocked), data_lock(data_copy, wait=0.3):
            pass
    finally:
        release.set()
        holder.join(30)
    with data_lock(data_copy, wait=1):  # free again once the holder let go
        pass


def test_a_batch_stopped_by_a_full_disk_leaves_nothing_unregistered(data_copy: Path, tmp_path: Path, monkeypatch):
    """Item 13 of issue 23: 18 unregistered files and 369 problems that a re-ingest did not clear."""
    import pytest

    from coalition_tui.actions import ingest
    from coalition_tui.actions.ingest import ingest_many

    folder = tmp_path / "batch"
    folder.mkdir()
    for n in range(6):
        (folder / f"a{n}.txt").write_text(
            f"Paris, 6 January 2026.\n\nCountry number {n}: Spain said on day {n} it would send troops.\n",
            encoding="utf-8",
        )
    files = sorted(folder.glob("*.txt"))
    before = sorted(p.relative_to(data_copy) for p in data_copy.rglob("*"))

    def full(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(ingest, "register_sources", full)
    with pytest.raises(OSError, match="No space"):
        ingest_many(load_corpus(data_copy), files, summit="2026-01-06-paris", workers=1)
    assert sorted(p.relative_to(data_copy) for p in data_copy.rglob("*")) == before
    assert not load_corpus(data_copy).problems
    monkeypatch.undo()
    result = ingest_many(load_corpus(data_copy), files, summit="2026-01-06-paris", workers=1)
    assert len(result.added) == 6 and not result.problems
    assert not load_corpus(data_copy).problems
