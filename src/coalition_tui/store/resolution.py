"""What name resolution answers: a form of an entity, and the resolution of one surface form."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from coalition_tui.store.model import EntityKind

Method = Literal["exact", "alias", "fuzzy", "context"]
FormType = Literal["name", "alias", "demonym", "metonym", "family", "given", "code"]


@dataclass(frozen=True, slots=True)
class Form:
    """One way of writing an entity."""

    entity: str
    kind: EntityKind
    form: FormType
    canonical: bool  # a canonical name (for the exact/alias distinction)
    text: str


@dataclass(frozen=True, slots=True)
class Resolution:
    """The answer for one surface form."""

    name: str
    entity: str | None = None
    kind: EntityKind | None = None
    score: float = 0.0
    method: Method | None = None
    form: FormType | None = None
    runner_up: str | None = None
    runner_up_score: float = 0.0
    ambiguous: tuple[str, ...] = ()
    reason: str = ""
    context_country: str | None = None


@dataclass
class _Parsed:
    contexts: list[Form] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    rest: list[str] = field(default_factory=list)
