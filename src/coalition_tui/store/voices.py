"""Who can speak for whom (``ANNOTATION.md``: the text attributes a position to an actor through its
government, leader or officials, or the coalition's co-chairs announcing what a member contributes).

A person speaks for an actor when they are its national, hold an office of it (NATO's Secretary
General for NATO), or co-chair the meeting the record is about; anyone may voice the coalition as a
whole. Macron on a Germany record is none of these: the record form warns, and Across does not list
him among Germany's people.
"""

from __future__ import annotations

from coalition_tui.store.corpus import Corpus

COALITION = "coalition-of-the-willing"


def can_speak_for(corpus: Corpus, person_id: str | None, actor_id: str, summit_id: str | None = None) -> bool:
    """Whether ``person_id`` can voice ``actor_id``'s position at the meeting ``summit_id``."""
    if person_id is None or actor_id == COALITION:
        return True
    person = corpus.gazetteer.people.get(person_id)
    if person is None:
        return False
    if person.country == actor_id or any(role.of == actor_id for role in person.roles):
        return True
    summit = corpus.summits.get(summit_id) if summit_id else None
    return summit is not None and person_id in summit.hosts


def voice_problem(corpus: Corpus, person_id: str | None, actor_id: str, summit_id: str | None) -> str | None:
    """One line saying why ``person_id`` cannot voice ``actor_id`` (None when they can)."""
    if can_speak_for(corpus, person_id, actor_id, summit_id):
        return None
    assert person_id is not None
    return (
        f"{corpus.label(person_id)} is neither a national nor an office-holder of {corpus.label(actor_id)}, "
        "nor a co-chair of this meeting"
    )
