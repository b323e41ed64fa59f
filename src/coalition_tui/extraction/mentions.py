"""Finding entity mentions in running text: names, demonyms, titles, possessives, metonyms.

Capitalised runs ("Italian Prime Miniser Giorgia Melono") are resolved whole first, so titles and
country words act as context; a run that names nothing as a whole is searched for its longest
known parts ("Only Britain" -> "Britain"). A capital named as a place ("a summit in London") is
flagged as a venue: the place where something happens, not the state acting.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

from coalition_tui.extraction.context_cues import GROUP_ENTITY, GROUP_PHRASES, VENUE_AFTER, VENUE_BEFORE
from coalition_tui.store.model import EntityKind
from coalition_tui.store.resolve import Resolution, Resolver

TOKEN = re.compile(r"(?:[A-Z]\.){2,}|\w+(?:['\-]\w+)*")
PARTICLES = frozenset({"of", "the", "von", "der", "de", "van", "den", "al", "la", "le", "du", "da", "di", "bin"})
MAX_SPAN = 5
_UPPER = "".join(sorted({ch for ch in map(chr, range(0x250)) if ch.isupper()}))
_WORD = rf"(?:(?:[A-Z]\.){{2,}}|[{_UPPER}][\w'\-]*)"
_PARTICLE = "(?:" + "|".join(sorted(PARTICLES)) + ")"
# Capitalised words joined by a space (or ": "), with lower-case particles between them ("von der").
CAPITAL_RUN = re.compile(rf"\b{_WORD}(?:(?: |: )(?:{_PARTICLE} )*{_WORD})*")


# A region's members named together: "the Baltic states" are Estonia, Latvia and Lithuania, each an actor
# (with "the": all of them; "leaders from Nordic and Baltic countries" does not say which).
REGION_MEMBERS = {
    "baltic": ("EST", "LVA", "LTU"),
    "nordic": ("DNK", "FIN", "ISL", "NOR", "SWE"),
    "nordic and baltic": ("DNK", "FIN", "ISL", "NOR", "SWE", "EST", "LVA", "LTU"),
    "nordic-baltic": ("DNK", "FIN", "ISL", "NOR", "SWE", "EST", "LVA", "LTU"),
}
REGION_GROUP = re.compile(
    r"\bthe (?P<region>Nordic and Baltic|Nordic-Baltic|Baltic|Nordic) (?:states|nations|countries|republics)\b",
    re.IGNORECASE,
)


ORG_AS_ADJECTIVE = re.compile(
    r"(?:['’]s)?\s+(?:member(?:\s+(?:countries|states|nations))?|countries|states|nations|allies|members|partners)\b"
)
THE_BLOC = re.compile(r"\bthe (?:27-(?:nation|member) )?bloc\b(?!['’]s)", re.IGNORECASE)


class Found(NamedTuple):
    """A mention in cleaned-text offsets."""

    start: int
    end: int
    text: str
    entity: str
    kind: EntityKind
    score: float
    method: str
    form: str
    venue: bool = False

    @property
    def possessive(self) -> bool:
        return self.text.endswith(("'s", "s'"))


class MentionFinder:
    """Finds mentions with a :class:`Resolver`; cheap to call many times (resolutions are cached)."""

    def __init__(self, resolver: Resolver) -> None:
        self.resolver = resolver

    def _resolve(self, text: str, on: dt.date | None) -> Resolution:
        return self.resolver.resolve(text, on=on, short_typos=False)

    def find(self, text: str, offset: int = 0, on: dt.date | None = None, low: str | None = None) -> list[Found]:
        """Mentions in ``text`` (a sentence), with offsets shifted by ``offset``; ``low`` is
        ``text.lower()`` when the caller has it."""
        found: list[Found] = []
        for run in CAPITAL_RUN.finditer(text):
            # a run ends with a capitalised word (never a particle); its last token ends before any
            # trailing apostrophe or hyphen ("Leaders'"), and only a run that names nothing is split
            name = run.group().rstrip("'-")
            start, end = run.start(), run.start() + len(name)
            whole = self._resolve(name, on)
            if whole.entity:
                found.append(self._found(text, offset, start, end, whole))
                continue
            found.extend(self._parts(text, offset, list(TOKEN.finditer(text, start, end)), on))
        # "NATO countries", "EU member states": the members, not the organization
        found = [
            f
            for f in found
            if not (f.kind == "org" and f.entity != GROUP_ENTITY and ORG_AS_ADJECTIVE.match(text, f.end - offset))
        ]
        grouped = False
        for match in REGION_GROUP.finditer(text):
            a, b = offset + match.start(), offset + match.end()
            members = REGION_MEMBERS[match.group("region").lower()]
            found = [f for f in found if not (f.start < b and a < f.end)]  # "Baltic" alone names none of them
            found += [Found(a, b, match.group(), code, "country", 100.0, "alias", "region") for code in members]
            grouped = True
        for match in THE_BLOC.finditer(text):  # "the bloc" is the European Union in these reports
            a, b = offset + match.start(), offset + match.end()
            found.append(Found(a, b, match.group(), "eu", "org", 100.0, "alias", "bloc"))
            grouped = True
        taken = [(f.start, f.end) for f in found]
        for match in GROUP_PHRASES.finditer(text, low):
            a, b = offset + match.start(), offset + match.end()
            if not any(s < b and a < e for s, e in taken):
                found.append(Found(a, b, match.group(), GROUP_ENTITY, "org", 100.0, "alias", "group"))
                grouped = True
        return sorted(found, key=lambda f: f.start) if grouped else found  # names come in text order

    def _parts(self, text: str, offset: int, run: list[re.Match[str]], on: dt.date | None) -> list[Found]:
        out = []
        i = 0
        while i < len(run):
            for j in range(min(len(run), i + MAX_SPAN), i, -1):
                a, b = run[i].start(), run[j - 1].end()
                res = self._resolve(text[a:b], on)
                sentence_initial = a == 0 or not text[:a].strip()
                if res.entity and (res.method != "fuzzy" or (j - i > 1) or not sentence_initial):
                    out.append(self._found(text, offset, a, b, res))
                    i = j
                    break
            else:
                i += 1
        return out

    @staticmethod
    def _found(text: str, offset: int, a: int, b: int, res: Resolution) -> Found:
        assert res.entity is not None and res.kind is not None and res.method is not None
        venue = res.form == "metonym" and bool(
            VENUE_BEFORE.search(text[max(0, a - 60) : a]) or VENUE_AFTER.match(text[b:])
        )
        return Found(
            offset + a, offset + b, text[a:b], res.entity, res.kind, res.score, res.method, res.form or "", venue
        )
