"""Which meeting an article reports, from what it says: its dateline, the dates, weekdays, places and
venues it names, and (when known) the day it was published.

Each meeting is scored on the clues found in one pass over the text: a date that is the meeting's own
(4), a dateline dated the meeting's day or the day after (4), the place (2 per word) and venue (2), a
video call for a virtual or hybrid meeting (2), the month and the year (1 each), "on Sunday" when the
meeting was a Sunday (1, or 4 with the publication day to anchor it: "on Thursday" in an article of
Friday 5 September is 4 September). With a publication day, a meeting held 0-3 days before it scores 3,
one in the coming week 2, and one long after it is ruled out. The best meeting wins if it stands out.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from coalition_tui.store.model import Summit
from coalition_tui.store.vocab import Level, MeetingFormat

MONTHS = ("january february march april may june july august september october november december").split()
WEEKDAYS = ("monday tuesday wednesday thursday friday saturday sunday").split()
_MONTH = "(" + "|".join(MONTHS) + r"|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.?"
# "4 September 2025", "September 4, 2025", "4 Sept", "Sept. 4"
_DAY_MONTH = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:,?\s+(\d{{4}}))?\b", re.IGNORECASE)
_MONTH_DAY = re.compile(rf"\b{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}}))?", re.IGNORECASE)
_ISO = re.compile(r"\b(20\d\d)-(\d\d)-(\d\d)\b")
_DAYS = "|".join(WEEKDAYS)
_WEEKDAY = re.compile(rf"\b(?:on|last|this|next)\s+({_DAYS})\b|\b({_DAYS})['’]s\b", re.IGNORECASE)
_VIDEO = re.compile(
    r"\b(?:video ?(?:call|link|conference)|videoconference|virtual(?:ly)?|online|by video)\b", re.IGNORECASE
)
_DATELINE_END = 120  # characters: a dateline opens the article
_SKIP_WORDS = frozenset({"virtual", "video", "call", "hosted", "from", "north", "west", "london)"})


def _month_number(name: str) -> int:
    name = name.lower().rstrip(".")
    return next(i for i, month in enumerate(MONTHS, 1) if month.startswith(name[:3]))


Found = tuple[int, int, int, int | None]  # where, month, day, year (None when not named)


def dates_in(text: str) -> list[Found]:
    """Every calendar day the text names ("4 September 2025", "Sept. 4", "January 6"), in order."""
    out: list[Found] = []
    for match in _DAY_MONTH.finditer(text):
        out.append((match.start(), _month_number(match.group(2)), int(match.group(1)), _year(match.group(3))))
    for match in _MONTH_DAY.finditer(text):
        out.append((match.start(), _month_number(match.group(1)), int(match.group(2)), _year(match.group(3))))
    for match in _ISO.finditer(text):
        out.append((match.start(), int(match.group(2)), int(match.group(3)), int(match.group(1))))
    return sorted(d for d in out if 1 <= d[2] <= 31)


def _year(text: str | None) -> int | None:
    return int(text) if text else None


def _on(found: Found, day: dt.date) -> bool:
    return (found[1], found[2]) == (day.month, day.day) and found[3] in (None, day.year)


@functools.lru_cache(maxsize=64)
def _place_words(summit: Summit) -> tuple[frozenset[str], frozenset[str]]:
    def words(text: str) -> frozenset[str]:
        return frozenset(w for w in re.split(r"[^\w'’-]+", text.lower()) if len(w) > 3 and w not in _SKIP_WORDS)

    venue = re.sub(r"\([^)]*\)", "", summit.venue)
    if len(venue.split()) > 5:  # a description, not a name: its words are everywhere
        venue = ""
    folded = venue.lower().replace("é", "e")
    return words(summit.place), frozenset(w for w in words(venue) | words(folded) if w not in _GENERIC_VENUE)


_GENERIC_VENUE = frozenset({"house", "palace", "office", "ministry", "meeting", "headquarters", "centre", "center",
                            "defence", "defense", "forum", "call", "video", "hall", "building", "residence"})  # fmt: skip
_LEVEL_WORDS = {
    "leaders": re.compile(
        r"\b(?:leaders?|prime minister|president|chancellor|summit|heads of (?:state|government))\b", re.I
    ),
    "military_chiefs": re.compile(
        r"\b(?:chiefs? of (?:general )?staffs?|military (?:chiefs|planners|leaders)|defen[cs]e chiefs|army chiefs)\b",
        re.I,
    ),
    "defence_ministers": re.compile(
        r"\b(?:defen[cs]e ministers|ministers of defen[cs]e|defen[cs]e secretar(?:y|ies))\b", re.I
    ),
}


class Clues:
    """What the text says, found once for all the meetings it is scored against."""

    def __init__(self, text: str, published: dt.date | None) -> None:
        low = text.lower()
        self.words = set(_WORD.findall(low.replace("é", "e"))) | set(_WORD.findall(low))
        self.dates = dates_in(text)
        self.video = bool(_VIDEO.search(low))
        self.levels = {level: bool(rx.search(text)) for level, rx in _LEVEL_WORDS.items()}
        self.weekdays = [WEEKDAYS.index((m.group(1) or m.group(2)).lower()) for m in _WEEKDAY.finditer(text)]
        self.years = {year for year in re.findall(r"\b20\d\d\b", low)}
        if published is None and self.dates and self.dates[0][0] < _DATELINE_END and self.dates[0][3]:
            _pos, month, day, year = self.dates[0]
            with contextlib.suppress(ValueError):
                published = dt.date(year or 2025, month, day)  # a dated dateline is the day it was written
        self.published = published


_WORD = re.compile(r"[\w'’-]+")


def score(summit: Summit, clues: Clues, why: list[str] | None = None) -> int:
    """How clearly the text reports ``summit``; below zero: it cannot. ``why`` gets the clues that
    counted, in words ("dateline 6 January", "names Paris")."""
    said = why if why is not None else []
    points = 0
    words, found_dates, published = clues.words, clues.dates, clues.published
    day = f"{summit.date.day} {MONTHS[summit.date.month - 1].title()}"
    if any(_on(d, summit.date) for d in found_dates):
        points += 4
        said.append(f"names {day}")
    elif any(d[0] < _DATELINE_END and _on(d, summit.date + dt.timedelta(days=1)) for d in found_dates):
        points += 4  # a dateline of the day after
        said.append("dateline of the day after")
    places, venues = _place_words(summit)
    named = sorted(places & words)[:2]
    points += 2 * len(named) + 2 * bool(venues & words)
    said += [f"names {w.title()}" for w in named] + (["names the venue"] if venues & words else [])
    if summit.format in (MeetingFormat.VIRTUAL, MeetingFormat.HYBRID) and clues.video:
        points += 2
        said.append("a video call")
    month = MONTHS[summit.date.month - 1]
    points += (month in words) + (str(summit.date.year) in clues.years)
    points += (2 if summit.level is not Level.LEADERS else 1) * clues.levels.get(summit.level, False)
    for weekday in clues.weekdays:
        if published is not None:
            back = (published.weekday() - weekday) % 7
            on = published - dt.timedelta(days=back)
            if summit.date in (on, on + dt.timedelta(days=7)):
                points += 4
                said.append(f'"on {WEEKDAYS[weekday].title()}"')
        elif summit.date.weekday() == weekday:
            points += 1
    if published is not None:
        days = (published - summit.date).days
        if 0 <= days <= 3:
            points += 3
            said.append(f"published {published.isoformat()}")
        elif -7 <= days < 0:
            points += 2
            said.append(f"published {published.isoformat()}, days before")
        elif days < -7:
            return -1  # a meeting weeks after the article was published cannot be its subject
        elif days > 30:
            points -= 2
    return points


def guess_summit(summits: Iterable[Summit], text: str, published: dt.date | None = None) -> str | None:
    """The id of the meeting the article most clearly reports, if one stands out (see the module)."""
    return _best(tuple(summits), Clues(text, published))


def _best(meetings: tuple[Summit, ...], clues: Clues) -> str | None:
    if not meetings:
        return None
    ranked = sorted(((score(s, clues), s.id) for s in meetings), reverse=True)
    if ranked[0][0] > 0 and (len(ranked) == 1 or ranked[0][0] > ranked[1][0]):
        return ranked[0][1]
    return None


@dataclass(frozen=True)
class Guess:
    """Which meeting an article seems to report, why, and whether that is sure enough to file it
    without asking: the article has a date (given, or a dated dateline) or names the meeting's day."""

    summit: str | None
    reasons: tuple[str, ...] = ()
    sure: bool = False

    @property
    def because(self) -> str:
        return ", ".join(self.reasons) or "no clue"


def explain_guess(summits: Iterable[Summit], text: str, published: dt.date | None = None) -> Guess:
    """:func:`guess_summit` with its reasons."""
    meetings = tuple(summits)
    clues = Clues(text, published)
    chosen = _best(meetings, clues)
    if chosen is None:
        return Guess(None)
    summit = next(s for s in meetings if s.id == chosen)
    why: list[str] = []
    score(summit, clues, why)
    if clues.published is not None and published is None:
        why.insert(0, f"dateline {clues.published.day} {MONTHS[clues.published.month - 1].title()}")
    names_day = any(_on(d, summit.date) for d in clues.dates)
    return Guess(chosen, tuple(dict.fromkeys(why)), sure=clues.published is not None or names_day)
