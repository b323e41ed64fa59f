"""The closed vocabularies of the model: kinds of contribution, stances, origins (no heavy imports)."""

from __future__ import annotations

from enum import StrEnum


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


class Origin(StrEnum):
    """Where a record came from."""

    CURATED = "curated"
    EXTRACTED = "extracted"
