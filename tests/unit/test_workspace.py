"""The workspace, the one owner of the corpus state (issue 23, item 1), without Pilot: every change says
what it touched, drops exactly the derived results that depend on it, bumps the version the screens
check, and can be undone; what another process wrote is noticed."""

from __future__ import annotations

from pathlib import Path

import pytest

from coalition_tui.actions import review
from coalition_tui.analysis import browse
from coalition_tui.store.derived import Change, Touched
from coalition_tui.store.errors import CoalitionError
from coalition_tui.store.loader import load_corpus
from coalition_tui.workspace import Workspace


def _workspace(data: Path) -> tuple[Workspace, list[Change]]:
    workspace = Workspace(data, load_corpus(data))
    heard: list[Change] = []
    workspace.listeners.append(heard.append)
    return workspace, heard


def test_a_decision_says_what_it_touched_and_drops_only_what_depends_on_records(review_data: Path):
    workspace, heard = _workspace(review_data)
    derived = workspace.corpus.derived
    derived.put("per record", 1, Touched.RECORDS)
    derived.put("per name", 2, Touched.GAZETTEER)
    first = review.queue(workspace.corpus)[0]
    workspace.decide("accept", first.id)
    assert heard == [Change(Touched.RECORDS, frozenset({first.id}), f"accept {first.id}")]
    assert workspace.version == 1
    assert "per record" not in derived and derived.peek("per name") == 2
    assert load_corpus(review_data).record(first.id).unreviewed is False  # saved


def test_undo_puts_the_record_back_and_says_so(review_data: Path):
    workspace, _heard = _workspace(review_data)
    first = review.queue(workspace.corpus)[0]
    workspace.decide("reject", first.id)
    change = workspace.undo()
    assert change is not None and change.records == frozenset({first.id}) and workspace.version == 2
    assert review.queue(workspace.corpus)[0].id == first.id
    assert review.queue(load_corpus(review_data))[0].id == first.id
    assert workspace.undo() is None  # nothing left


def test_a_person_added_is_found_in_the_articles_at_once(unknown_names_data: Path):
    """Item 4: after Names p (or 'gazetteer person') the mentions of every article knew the old names."""
    workspace, heard = _workspace(unknown_names_data)
    source = next(s for s in workspace.corpus.sources if "baltic" in s)
    before = {m.entity for m in browse.mentions(workspace.corpus, source)}
    assert "andris-ozolkalns" not in before
    browse.names_seen(workspace.corpus)  # the names of every article, kept with the corpus
    workspace.add_person("Andris Ozolkalns", "LVA", "Defence Minister")
    assert heard[-1].touched is Touched.GAZETTEER
    assert "andris-ozolkalns" in {m.entity for m in browse.mentions(workspace.corpus, source)}
    assert any(row.entity == "andris-ozolkalns" for row in browse.names_seen(workspace.corpus))


def test_what_another_process_writes_is_noticed_and_what_this_one_writes_is_not(review_data: Path):
    workspace, _heard = _workspace(review_data)
    assert not workspace.changed_outside()
    first, second = review.queue(workspace.corpus)[:2]
    workspace.decide("accept", first.id)
    assert not workspace.changed_outside()  # its own write
    review.reject(load_corpus(review_data), second.id)  # the command line, or a second window
    assert workspace.changed_outside()
    workspace.replace(load_corpus(review_data))
    assert not workspace.changed_outside() and workspace.corpus.record(second.id).rejected
    assert len(workspace.undo_log) == 1  # journalled: it acts on the corpus read again
    workspace.undo()
    assert workspace.corpus.record(first.id).unreviewed and workspace.corpus.record(second.id).rejected


def test_a_failed_decision_changes_nothing_and_the_undo_stays(review_data: Path):
    workspace, heard = _workspace(review_data)
    first = review.queue(workspace.corpus)[0]
    workspace.decide("accept", first.id)
    other = load_corpus(review_data)
    review.edit(other, first.id, review.Change(stance=review.Stance.DECLINED))  # changed elsewhere meanwhile
    with pytest.raises(CoalitionError):
        workspace.undo()
    assert len(workspace.undo_log) == 1 and len(heard) == 1 and workspace.version == 1


def test_a_countrys_people_are_its_nationals_office_holders_and_co_chairs(data_copy: Path):
    """Across listed Germany's people as "Olaf Scholz → Emmanuel Macron" after a record gave Macron to Germany."""
    from coalition_tui.actions.authoring import Draft
    from coalition_tui.store.model import Kind, Stance
    from coalition_tui.store.voices import can_speak_for, voice_problem

    workspace, _heard = _workspace(data_copy)
    corpus = workspace.corpus
    assert can_speak_for(corpus, "olaf-scholz", "DEU") and not can_speak_for(corpus, "emmanuel-macron", "DEU")
    assert can_speak_for(corpus, "emmanuel-macron", "coalition-of-the-willing")
    assert can_speak_for(corpus, "emmanuel-macron", "NOR", "2026-01-06-paris")  # a co-chair announcing
    virtual = "2025-03-15-virtual"  # Starmer's meeting: Macron did not chair it
    assert "neither a national nor an office-holder" in (voice_problem(corpus, "emmanuel-macron", "DEU", virtual) or "")
    source = next(s for s, src in corpus.sources.items() if src.summit == virtual)
    end = corpus.texts[source].index(" ", 30)
    draft = Draft(source, 0, end, "DEU", Kind.LOGISTICS, Stance.WILLING, virtual, person="emmanuel-macron")
    workspace.add_record(draft)  # the analyst insisted
    assert "emmanuel-macron" not in browse.people_of(corpus, "DEU", virtual)
    assert "emmanuel-macron" not in browse.people_of(corpus, "DEU")


def test_a_data_file_edited_in_place_by_hand_is_noticed(review_data: Path):
    import os

    workspace, _heard = _workspace(review_data)
    summits = review_data / "summits.toml"
    with summits.open("a", encoding="utf-8") as handle:  # an editor that writes in place, no rename
        handle.write("\n# a note\n")
    info = summits.stat()
    os.utime(summits, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000))
    assert workspace.changed_outside()
