"""The domain model: entities, meetings, articles and commitment records (pydantic v2)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import AliasChoices, BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic.dataclasses import dataclass as pydantic_dataclass

from coalition_tui.store.vocab import Kind, Level, MeetingFormat, Origin, Stance

EntityKind = Literal["country", "person", "org"]
URL = re.compile(r"https?://[^\s\x00-\x1f\x7f]+", re.IGNORECASE)
DECIDED_AT = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Country(_Frozen):
    """A state: ISO codes from pycountry plus the names people actually write."""

    id: str = Field(description="ISO 3166-1 alpha-3 code (XKX for Kosovo)")
    alpha2: str
    name: str = Field(description="short common name used for display")
    official_name: str
    iso_name: str
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    metonyms: tuple[str, ...] = ()
    un_member: bool = True

    @property
    def kind(self) -> EntityKind:
        return "country"

    @property
    def label(self) -> str:
        return self.name


class Role(_Frozen):
    """An office held by a person, with the dates it was held."""

    title: str
    of: str = Field(description="country or organization id")
    start: dt.date | None = None
    end: dt.date | None = None

    def held_on(self, day: dt.date) -> bool:
        """True if the role was held on ``day`` (open ends count as held)."""
        if self.start and day < self.start:
            return False
        return not (self.end and day >= self.end)


class Person(_Frozen):
    """A named person, their nationality and the offices they held."""

    id: str
    name: str
    country: str = Field(description="country id (nationality)")
    aliases: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()

    @property
    def kind(self) -> EntityKind:
        return "person"

    @property
    def label(self) -> str:
        return self.name

    @property
    def given_name(self) -> str:
        return self.name.split()[0]

    @property
    def family_name(self) -> str:
        """Everything after the given name ("von der Leyen", "De Wever")."""
        parts = self.name.split(maxsplit=1)
        return parts[1] if len(parts) > 1 else parts[0]


class Organization(_Frozen):
    """An international organization or grouping that can act in a record."""

    id: str
    name: str
    short: str = ""
    aliases: tuple[str, ...] = ()

    @property
    def kind(self) -> EntityKind:
        return "org"

    @property
    def label(self) -> str:
        return self.short or self.name


Entity = Country | Person | Organization


class Summit(_Frozen):
    """A meeting of the coalition of the willing."""

    id: str = Field(pattern=r"^\d{4}-\d{2}-\d{2}-[a-z0-9-]+$")
    date: dt.date
    place: str
    venue: str = ""
    format: MeetingFormat
    hosts: tuple[str, ...] = Field(default=(), description="person ids")
    note: str = ""
    level: Level = Level.LEADERS
    sources: tuple[str, ...] = Field(default=(), description="where the meeting is reported (URLs)")

    @model_validator(mode="after")
    def _id_starts_with_date(self) -> Summit:
        if not self.id.startswith(self.date.isoformat()):
            raise ValueError(f"id {self.id!r} must start with its date {self.date.isoformat()}")
        return self

    @property
    def label(self) -> str:
        return f"{self.place}, {self.date.strftime('%-d %b %Y')}"


class Source(_Frozen):
    """A news article in the corpus, with what a citation needs (outlet, date, headline, URL)."""

    id: str
    file: str = Field(description="the kept text, relative to the sources.toml folder; quotes' offsets refer to it")
    headline: str
    summit: str | None = None
    published: dt.date | None = Field(
        default=None,
        validation_alias=AliasChoices("published", "date"),  # "date" is what sources.toml said before
        description="the day the article was published",
    )
    outlet: str = ""
    author: str = ""
    url: str = Field(default="", description="where the article was published (http or https)")
    language: str = ""
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    original: str = Field(default="", description="the bytes as fetched or given (HTML, PDF), beside the kept text")
    original_sha256: str = Field(default="", pattern=r"^(?:[0-9a-f]{64})?$")
    note: str = ""

    @field_validator("url")
    @classmethod
    def _web_address(cls, value: str) -> str:
        if value and not URL.fullmatch(value):
            raise ValueError("must be an http:// or https:// address without spaces")
        return value

    @field_validator("original")
    @classmethod
    def _relative(cls, value: str) -> str:
        if value and (value.startswith("/") or "\\" in value or ".." in value.split("/")):
            raise ValueError("must be a path inside the data folder (no leading '/', no '..')")
        return value


class Mention(_Frozen):
    """A surface form of an entity found at an offset of a source text."""

    source: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str
    entity: str
    kind: EntityKind
    score: float
    method: str
    form: str = ""
    venue: bool = Field(default=False, description="a place where something happens, not the state acting")


@pydantic_dataclass(slots=True, unsafe_hash=True, config=ConfigDict(extra="forbid"))
class Commitment:
    """One claim: a country's (or organization's) stance on one kind of contribution.

    A slotted pydantic dataclass rather than a model: a corpus holds hundreds of thousands of these
    (about 200 bytes each instead of 1.3 KB). Built from outside data it is validated like a model;
    records the extractor makes and the cache holds are built with :func:`trusted_commitment`. Treat a record as
    immutable (it is hashed): a change is a new record, ``dataclasses.replace(record, ...)``. It is not
    declared frozen because a frozen dataclass sets its fields four times slower.
    """

    id: Annotated[str, Field(min_length=1)]
    country: Annotated[str, Field(description="country or organization id of the actor")]
    summit: str
    source: str
    kind: Kind
    stance: Stance
    quote: Annotated[str, Field(min_length=1, description="verbatim substring of the source text")]
    start: Annotated[int, Field(ge=0)]
    end: Annotated[int, Field(ge=0)]
    person: str | None = None
    as_written: Annotated[tuple[str, ...], Field(description="names exactly as the article wrote them")] = ()
    origin: Origin = Origin.CURATED
    confidence: Annotated[float, Field(ge=0.0, le=1.0)] = 1.0
    rejected: Annotated[bool, Field(description="a reviewer rejected this candidate; hidden by default")] = False
    note: str = ""
    unsure: Annotated[bool, Field(description="a reviewer could not decide; in the unsure queue")] = False
    decided_by: Annotated[str, Field(description="who made the latest review decision or edit")] = ""
    decided_at: Annotated[str, Field(description="when (UTC, ISO 8601: 2026-12-07T13:05:00Z)")] = ""

    @property
    def unreviewed(self) -> bool:
        """An extracted candidate nobody has accepted, rejected or called unsure yet."""
        return self.origin is Origin.EXTRACTED and not self.rejected and not self.unsure

    @property
    def candidate(self) -> bool:
        """Extracted and not accepted: unreviewed or unsure (rejected records are in no view)."""
        return self.origin is Origin.EXTRACTED

    @field_validator("decided_at")
    @classmethod
    def _utc_time(cls, value: str) -> str:
        if value and not DECIDED_AT.fullmatch(value):
            raise ValueError("must be a UTC time like 2026-12-07T13:05:00Z")
        return value

    @field_validator("quote")
    @classmethod
    def _quote_not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("quote is blank")
        return value

    @model_validator(mode="after")
    def _offsets_match_quote(self) -> Commitment:
        if self.end - self.start != len(self.quote):
            raise ValueError(f"end - start = {self.end - self.start} but the quote has {len(self.quote)} characters")
        return self

    def values(self) -> tuple[object, ...]:
        """The fields in order: ``trusted_commitment(*record.values()) == record``."""
        return (
            self.id, self.country, self.summit, self.source, self.kind, self.stance, self.quote, self.start,
            self.end, self.person, self.as_written, self.origin, self.confidence, self.rejected, self.note,
            self.unsure, self.decided_by, self.decided_at,
        )  # fmt: skip


def trusted_commitment(
    id: str,
    country: str,
    summit: str,
    source: str,
    kind: Kind,
    stance: Stance,
    quote: str,
    start: int,
    end: int,
    person: str | None = None,
    as_written: tuple[str, ...] = (),
    origin: Origin = Origin.CURATED,
    confidence: float = 1.0,
    rejected: bool = False,
    note: str = "",
    unsure: bool = False,
    decided_by: str = "",
    decided_at: str = "",
) -> Commitment:
    """A record from values known to be valid (the extractor's, the cache's), without validation
    (several times faster: docs/benchmarks.md). A module-level function: the cache file names it, to
    build each record as it is unpickled."""
    r = object.__new__(Commitment)
    r.id, r.country, r.summit, r.source, r.kind, r.stance, r.quote = (
        id,
        country,
        summit,
        source,
        kind,
        stance,
        quote,
    )
    r.start, r.end, r.person, r.as_written, r.origin = start, end, person, as_written, origin
    r.confidence, r.rejected, r.note = confidence, rejected, note
    r.unsure, r.decided_by, r.decided_at = unsure, decided_by, decided_at
    return r
