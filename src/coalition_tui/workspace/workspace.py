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
from coalition_tui.store import journal
from coalition_tui.store.corpus import Corpus
from coalition_tui.store.derived import Change, Touched
from coalition_tui.store.journal import Batch, Entry, Mark, reviewer_name
from coalition_tui.store.locking import waiting
from coalition_tui.store.model import Commitment, Origin, Person, Source, Summit
from coalition_tui.workspace.stamp import Stamp, folder_stamp

UNDO_DEPTH = 200
UNDO_BULK = 200  # a decision on more records than this cannot be undone with u (each undo is a file write)
UI_LOCK_WAIT = 0.5  # seconds the screen's thread waits for another process's lock before "try again"


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

    def __init__(self, root: Path, corpus: Corpus, reviewer: str | None = None) -> None:
        self.root = root
        self.reviewer = reviewer or reviewer_name()  # who the decisions made here are recorded as
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

    def _remember(self, batch: Batch) -> None:
        if len(batch.entries) <= UNDO_BULK:
            self.undo_log.append(self._undo_of(batch))
            del self.undo_log[:-UNDO_DEPTH]

    def _undo_of(self, batch: Batch) -> Undo:
        """How to take back a batch of the journal: each record put back as it was, newest first."""

        def run() -> Change:
            corpus, mark = self.corpus, Mark.now(self.reviewer)
            pending: list[Entry] = []
            try:
                for entry in reversed(batch.entries):
                    if entry.action == "add":
                        authoring.remove_record(corpus, entry.record, mark, pending, undoes=entry.batch)
                    else:
                        review.undo_entry(corpus, entry, mark, pending)
            finally:
                review.write_journal(self.root, pending)
            return Change.of_records([e.record for e in batch.entries], f"undo of {batch.label}")

        return Undo(batch.label, run)

    def read_undo(self) -> None:
        """The undo log from the decision journal (what ``u`` can take back survives a restart, and sees
        what another window decided): for a worker thread, as it reads files."""
        self.undo_log = [
            self._undo_of(b) for b in journal.recent_batches(self.root, UNDO_DEPTH) if len(b.entries) <= UNDO_BULK
        ]

    def _decided(self, mark: Mark, pending: list[Entry]) -> None:
        """Journal what a change did and make it undoable."""
        entries = tuple(pending)
        review.write_journal(self.root, pending)
        if entries:
            self._remember(Batch(mark.batch, entries))

    # ------------------------------------------------------------------ records
    def decide(self, action: str, record_id: str, wait: float = UI_LOCK_WAIT) -> Commitment:
        """``accept``, ``reject``, ``unsure`` or ``restore`` one record. Raises ``ReviewError``."""
        mark, pending = Mark.now(self.reviewer), []  # type: ignore[var-annotated]
        with waiting(wait):
            record = review.decide(self.corpus, action, record_id, mark, pending)
            self._decided(mark, pending)
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
        mark = Mark.now(self.reviewer)
        done = review.decide_many(self.corpus, action, [r.id for r in records], mark, progress)
        if done.entries:
            self._remember(Batch(mark.batch, tuple(done.entries)))
        change = Change.of_records([r.id for r in done.before], f"{action} of {len(done.before)} records")
        return Bulk(self._changed(change), len(done.before), done.failed)

    def edit(self, record_id: str, change: review.Change, wait: float = UI_LOCK_WAIT) -> Commitment:
        """Change a record's fields (it counts as reviewed). Raises ``ReviewError``."""
        mark, pending = Mark.now(self.reviewer), []  # type: ignore[var-annotated]
        with waiting(wait):
            record = review.edit(self.corpus, record_id, change, mark, pending)
            self._decided(mark, pending)
        self._changed(Change.of_records([record_id], f"edit of {record_id}"))
        return record

    def take(self, record_id: str, theirs: Commitment | None, wait: float = UI_LOCK_WAIT) -> Commitment:
        """Settle a difference between two reviewers by taking the other copy's decision on a record:
        rejected, unsure, back in the queue, or accepted as they have it (their kind, stance, country,
        person, quote, meeting and note). Each step is an ordinary decision: journalled, undoable."""
        mine = self.corpus.record(record_id)
        if mine is None or theirs is None:
            raise review.ReviewError(f"record {record_id!r} is not in both copies; add it by hand if it should be")
        if theirs.rejected:
            return self.decide("reject", record_id, wait)
        if theirs.origin is Origin.EXTRACTED:
            if theirs.unsure and mine.origin is not Origin.EXTRACTED:
                self.decide("restore", record_id, wait)
            return self.decide("unsure" if theirs.unsure else "restore", record_id, wait)
        change = review.Change(
            kind=theirs.kind if theirs.kind is not mine.kind else None,
            stance=theirs.stance if theirs.stance is not mine.stance else None,
            country=theirs.country if theirs.country != mine.country else None,
            person=(theirs.person or "") if theirs.person != mine.person else None,
            span=(theirs.start, theirs.end) if (theirs.start, theirs.end) != (mine.start, mine.end) else None,
            summit=theirs.summit if theirs.summit != mine.summit else None,
            note=theirs.note if theirs.note != mine.note else None,
        )
        if change == review.Change():
            return self.decide("accept", record_id, wait)
        return self.edit(record_id, change, wait)

    def add_record(self, draft: authoring.Draft, wait: float = UI_LOCK_WAIT) -> Commitment:
        """A curated record from a sentence of an article. Raises ``AuthoringError``."""
        mark, pending = Mark.now(self.reviewer), []  # type: ignore[var-annotated]
        with waiting(wait):
            record = authoring.add_record(self.corpus, draft, mark, pending)
            self._decided(mark, pending)
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
        """A corpus read again (new articles, or what another process wrote): every derived result goes;
        the undo log stays (it acts on whatever corpus is open, and refuses a record decided again since).
        ``stamp``: the folder's, taken before it was read (a write made while it was read is then noticed
        at the next look)."""
        self.corpus = corpus
        return self._changed(Change(Touched.EVERYTHING, label=label), stamp)

    def changed_outside(self) -> bool:
        """Whether another process wrote to the data folder since this workspace last read or wrote it."""
        return folder_stamp(self.root) != self.stamp
