"""The one owner of the corpus state.

The app holds a :class:`Workspace` and nothing else of the corpus's: screens read ``workspace.corpus``
and ask the workspace to change it. Each change is saved by the actions layer, returns a typed
:class:`~coalition_tui.store.derived.Change` saying what it touched, drops exactly the derived results
that depend on that (``corpus.derived``), bumps :attr:`Workspace.version` and is told to every listener
(the app, which posts one message that screens refresh from). A screen remembers the version it drew
and acts on a key only while it is current. What other processes write is noticed by
:meth:`Workspace.changed_outside` (a few ``stat`` calls) and taken in by :meth:`Workspace.replace`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coalition_tui.actions import authoring, gazetteer_edit, meeting_add, review
from coalition_tui.store.corpus import Corpus
from coalition_tui.store.derived import Change, Touched
from coalition_tui.store.locking import waiting
from coalition_tui.store.model import Commitment, Person, Source, Summit
from coalition_tui.workspace.stamp import Stamp, folder_stamp

UNDO_DEPTH = 200
UNDO_BULK = 200  # a decision on more records than this cannot be undone with u (each undo is a file write)
UI_LOCK_WAIT = 0.5  # seconds the screen's thread waits for another process's lock before "try again"
DECISIONS = ("accept", "reject", "restore")  # the review actions a key or a bulk decision makes


def _decision(action: str) -> Callable[[Corpus, str], Commitment]:
    """``review.accept``, ``review.reject`` or ``review.restore``, looked up when called."""
    if action not in DECISIONS:
        raise ValueError(f"not a review decision: {action!r}")
    return getattr(review, action)


@dataclass(frozen=True)
class Undo:
    """How to take back one change the analyst made (a review decision, an edit, a new record)."""

    label: str
    run: Callable[[], Change]


@dataclass
class Bulk:
    """What a decision on many records did."""

    change: Change
    made: int
    failed: list[str]


class Workspace:
    """The open corpus, its derived results and its undo log; every change goes through here."""

    def __init__(self, root: Path, corpus: Corpus) -> None:
        self.root = root
        self.corpus = corpus
        self.version = 0
        self.undo_log: list[Undo] = []
        self.listeners: list[Callable[[Change], None]] = []
        self.stamp: Stamp = folder_stamp(root)

    # ------------------------------------------------------------------ the one path of every change
    def _changed(self, change: Change, stamp: Stamp | None = None) -> Change:
        self.corpus.derived.invalidate(change.touched)
        self.version += 1
        self.stamp = stamp or folder_stamp(self.root)  # what this process wrote is not "changed outside"
        for listener in list(self.listeners):
            listener(change)
        return change

    def _remember(self, label: str, run: Callable[[], Change]) -> None:
        self.undo_log.append(Undo(label, run))
        del self.undo_log[:-UNDO_DEPTH]

    def _reverter(self, before: Commitment) -> Callable[[], Change]:
        corpus = self.corpus

        def run() -> Change:
            review.revert(corpus, before.id, before)
            return Change.of_records([before.id], f"undo of {before.id}")

        return run

    # ------------------------------------------------------------------ records
    def decide(self, action: str, record_id: str, wait: float = UI_LOCK_WAIT) -> Commitment:
        """``accept``, ``reject`` or ``restore`` one record. Raises ``ReviewError``."""
        before = self.corpus.record(record_id)
        with waiting(wait):
            record = _decision(action)(self.corpus, record_id)
        if before is not None:
            self._remember(f"{action} {record_id}", self._reverter(before))
        self._changed(Change.of_records([record_id], f"{action} {record_id}"))
        return record

    def decide_many(
        self,
        action: str,
        records: list[Commitment],
        progress: Callable[[int, int], bool] | None = None,
    ) -> Bulk:
        """The same decision on many records, each saved as it is made (for a worker thread: the lock is
        waited for as long as any writer waits). ``progress(done, total)`` returns False to stop."""
        act = _decision(action)
        decided: list[Commitment] = []
        failed: list[str] = []
        for done, record in enumerate(records, 1):
            try:
                act(self.corpus, record.id)
                decided.append(record)
            except review.ReviewError as exc:
                failed.append(str(exc))
            if progress is not None and not progress(done, len(records)):
                break
        if 0 < len(decided) <= UNDO_BULK:
            corpus = self.corpus

            def run() -> Change:
                for r in decided:
                    review.revert(corpus, r.id, r)
                return Change.of_records([r.id for r in decided], f"undo of {action} of {len(decided)}")

            self._remember(f"{action} of {len(decided)} records", run)
        change = Change.of_records([r.id for r in decided], f"{action} of {len(decided)} records")
        return Bulk(self._changed(change), len(decided), failed)

    def edit(self, record_id: str, change: review.Change, wait: float = UI_LOCK_WAIT) -> Commitment:
        """Change a record's fields (it counts as reviewed). Raises ``ReviewError``."""
        before = self.corpus.record(record_id)
        with waiting(wait):
            record = review.edit(self.corpus, record_id, change)
        if before is not None:
            self._remember(f"edit of {record_id}", self._reverter(before))
        self._changed(Change.of_records([record_id], f"edit of {record_id}"))
        return record

    def add_record(self, draft: authoring.Draft, wait: float = UI_LOCK_WAIT) -> Commitment:
        """A curated record from a sentence of an article. Raises ``AuthoringError``."""
        with waiting(wait):
            record = authoring.add_record(self.corpus, draft)
        corpus = self.corpus

        def run() -> Change:
            authoring.remove_record(corpus, record.id)
            return Change.of_records([record.id], f"undo of new record {record.id}")

        self._remember(f"new record {record.id}", run)
        self._changed(Change.of_records([record.id], f"new record {record.id}"))
        return record

    def undo(self, wait: float = UI_LOCK_WAIT) -> Change | None:
        """Take back the latest change (None when there is none). Raises a ``CoalitionError`` saying why
        it could not be undone; the undo stays in the log then."""
        if not self.undo_log:
            return None
        latest = self.undo_log[-1]
        with waiting(wait):
            change = latest.run()
        self.undo_log.pop()
        return self._changed(Change(change.touched, change.records, f"undone: {latest.label}"))

    # ------------------------------------------------------------------ names and meetings
    def add_alias(self, written: str, entity_id: str, wait: float = UI_LOCK_WAIT) -> Change:
        with waiting(wait):
            gazetteer_edit.add_alias(self.corpus, written, entity_id)
        return self._changed(Change(Touched.GAZETTEER, label=f"{written!r} names {entity_id}"))

    def add_person(
        self,
        name: str,
        country: str,
        role: str = "",
        of: str | None = None,
        start: dt.date | None = None,
        aliases: tuple[str, ...] = (),
        wait: float = UI_LOCK_WAIT,
    ) -> Person:
        with waiting(wait):
            person = gazetteer_edit.add_person(self.corpus, name, country, role, of, start, aliases)
        self._changed(Change(Touched.GAZETTEER, label=f"new person {person.id}"))
        return person

    def add_meeting(self, meeting: meeting_add.NewMeeting, wait: float = UI_LOCK_WAIT) -> Summit:
        """A meeting appended to the corpus's ``summits.toml``. Raises ``MeetingError``."""
        with waiting(wait):
            summit = meeting_add.add_meeting(
                self.corpus, meeting.date, meeting.place, meeting.format, meeting.hosts, meeting.level,
                meeting.venue, meeting.sources, meeting.note,
            )  # fmt: skip
        self._changed(Change(Touched.MEETINGS, label=f"new meeting {summit.id}"))
        return summit

    def edit_source(self, source_id: str, changes: dict[str, Any], wait: float = UI_LOCK_WAIT) -> Source:
        """A source's citation corrected in ``sources.toml``. Raises ``SourceEditError``."""
        from coalition_tui.actions.source_edit import edit_source

        with waiting(wait):
            source = edit_source(self.corpus, source_id, changes)
        self._changed(Change(Touched.SOURCES, label=f"source {source_id} corrected"))
        return source

    # ------------------------------------------------------------------ the corpus as a whole
    def replace(self, corpus: Corpus, label: str = "reloaded", stamp: Stamp | None = None) -> Change:
        """A corpus read again (new articles, or what another process wrote): every derived result and
        the undo log (made against the old one) go. ``stamp``: the folder's, taken before it was read
        (a write made while it was read is then noticed at the next look)."""
        self.corpus = corpus
        self.undo_log.clear()
        return self._changed(Change(Touched.EVERYTHING, label=label), stamp)

    def changed_outside(self) -> bool:
        """Whether another process wrote to the data folder since this workspace last read or wrote it."""
        return folder_stamp(self.root) != self.stamp
