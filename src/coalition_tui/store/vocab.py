"""The closed vocabularies of the model: kinds of contribution, stances, origins (no heavy imports)."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from coalition_tui.store.problems import NotFound


class Kind(StrEnum):
    """What a country commits, offers, conditions or refuses."""

    TROOPS_IN_UKRAINE = "troops_in_ukraine"
    FORCES_OUTSIDE_UKRAINE = "forces_outside_ukraine"
    LOGISTICS = "logistics"
    AIR_SUPPORT = "air_support"
    NAVAL = "naval"
    INTELLIGENCE = "intelligence"
    MILITARY_AID = "military_aid"
    FUNDING = "funding"
    SANCTIONS = "sanctions"
    SECURITY_GUARANTEE = "security_guarantee"
    CEASEFIRE_MONITORING = "ceasefire_monitoring"
    HEADQUARTERS = "headquarters"
    TRAINING = "training"
    PARTICIPATION = "participation"


class Stance(StrEnum):
    """How firmly the actor stands behind the contribution, strongest first."""

    COMMITTED = "committed"
    CONDITIONAL = "conditional"
    WILLING = "willing"
    CONSIDERING = "considering"
    DECLINED = "declined"
    OPPOSED = "opposed"

    @property
    def strength(self) -> int:
        """Higher is more committal; used to pick the strongest stance in a cell."""
        return _STRENGTH[self]


_STRENGTH = {
    Stance.COMMITTED: 5,
    Stance.CONDITIONAL: 4,
    Stance.WILLING: 3,
    Stance.CONSIDERING: 2,
    Stance.DECLINED: 1,
    Stance.OPPOSED: 0,
}


class MeetingFormat(StrEnum):
    """How a meeting was held."""

    IN_PERSON = "in-person"
    VIRTUAL = "virtual"
    HYBRID = "hybrid"


class Level(StrEnum):
    """Who met: the leaders, or the defence ministers, or the military chiefs."""

    LEADERS = "leaders"
    DEFENCE_MINISTERS = "defence_ministers"
    MILITARY_CHIEFS = "military_chiefs"

    @property
    def short(self) -> str:
        """ "leaders", "ministers", "chiefs": a column's width."""
        return {"leaders": "leaders", "defence_ministers": "ministers", "military_chiefs": "chiefs"}[self.value]

    @property
    def words(self) -> str:
        """ "defence ministers": for a sentence or a choice."""
        return self.value.replace("_", " ")


class Origin(StrEnum):
    """Where a record came from."""

    CURATED = "curated"
    EXTRACTED = "extracted"


# Other words a user types for a kind or a stance ("--kind troops", "--stance refused").
_KIND_WORDS: dict[Kind, tuple[str, ...]] = {
    Kind.TROOPS_IN_UKRAINE: ("troops", "ground troops", "boots on the ground", "soldiers", "reassurance force"),
    Kind.FORCES_OUTSIDE_UKRAINE: ("forces outside", "outside ukraine"),
    Kind.LOGISTICS: ("logistic", "supplies", "transport"),
    Kind.AIR_SUPPORT: ("air", "air policing", "jets", "aircraft"),
    Kind.NAVAL: ("navy", "sea", "maritime", "ships"),
    Kind.INTELLIGENCE: ("intel", "surveillance"),
    Kind.MILITARY_AID: ("aid", "weapons", "arms"),
    Kind.FUNDING: ("money", "finance", "financing", "funds"),
    Kind.SANCTIONS: ("sanction",),
    Kind.SECURITY_GUARANTEE: ("guarantee", "guarantees", "security guarantees"),
    Kind.CEASEFIRE_MONITORING: ("ceasefire", "monitoring", "truce"),
    Kind.HEADQUARTERS: ("hq", "command"),
    Kind.TRAINING: ("train", "trainers"),
    Kind.PARTICIPATION: ("attendance", "attended", "present", "participation"),
}
_STANCE_WORDS: dict[Stance, tuple[str, ...]] = {
    Stance.COMMITTED: ("commit", "commitment", "pledged", "pledge"),
    Stance.CONDITIONAL: ("condition", "conditions", "conditioned"),
    Stance.WILLING: ("ready", "open to", "offer"),
    Stance.CONSIDERING: ("consider", "weighing", "mulling"),
    Stance.DECLINED: ("decline", "refused", "refusal", "refuse"),
    Stance.OPPOSED: ("oppose", "against", "opposition"),
}


def _lookup_word(what: str, text: str, table: dict[Any, tuple[str, ...]]) -> Any:
    key = " ".join(text.lower().replace("_", " ").replace("-", " ").split())
    for member, words in table.items():
        if key in (member.value.replace("_", " "), *words):
            return member
    starts = [m for m in table if m.value.replace("_", " ").startswith(key)] if key else []
    if len(starts) == 1:
        return starts[0]
    choices = ", ".join(m.value for m in table)
    raise NotFound(f"no {what} matches {text!r}; one of: {choices}")


def find_kind(text: str) -> Kind:
    """The kind a user means: its value ("troops_in_ukraine"), spaced or hyphenated, an everyday word
    ("troops", "air", "money") or the start of one value ("cease"). ``NotFound`` says the choices."""
    return _lookup_word("kind", text, _KIND_WORDS)


def find_stance(text: str) -> Stance:
    """The stance a user means: its value, a word form ("commit", "refused") or the start of one."""
    return _lookup_word("stance", text, _STANCE_WORDS)
