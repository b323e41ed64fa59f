"""The rules of thumb name resolution rests on: the words of titles, the edit budget a word of a given
length may carry, the ways writers spell a country's name, and when a form is a plausible typo of a key."""

from __future__ import annotations

from rapidfuzz.distance import OSA

# Single words that make up titles and descriptors; they are peeled off before matching a name.
TITLE_WORDS = frozenset(
    [
        "prime",
        "minister",
        "ministers",
        "president",
        "vice",
        "chancellor",
        "sir",
        "dame",
        "mr",
        "mrs",
        "ms",
        "dr",
        "general",
        "secretary",
        "chairman",
        "chair",
        "chairwoman",
        "king",
        "queen",
        "pm",
        "premier",
        "taoiseach",
        "senator",
        "envoy",
        "special",
        "defence",
        "defense",
        "foreign",
        "chief",
        "admiral",
        "adm",
        "gen",
        "lord",
        "lady",
        "deputy",
        "commissioner",
        "high",
        "representative",
        "national",
        "security",
        "adviser",
        "advisor",
        "counterpart",
        "leader",
        "head",
        "state",
        "government",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "ambassador",
        "commander",
        "republican",
        "democrat",
        "democratic",
        "labour",
        "conservative",
        "former",
        "then",
        "acting",
        "presidential",
        "retired",
        "colleague",
        "of",
        "the",
        "for",
        "and",
        "staff",
    ]
)
# Words that can only be part of a title when another title word is present ("of the").
_GLUE_WORDS = frozenset({"of", "the", "for", "and"})
# Long title words that a typo can still be recognised as ("Miniser", "Ministe:").
# Party words are left out: "Democartic Republic of Congo" is a misspelt name, not a title.
_FUZZY_TITLE_WORDS = tuple(
    w for w in TITLE_WORDS if len(w) >= 7 and w not in {"democrat", "democratic", "republican", "conservative"}
)
_HONORIFICS = frozenset({"sir", "dame", "lord", "lady"})
_ARTICLES = frozenset({"the", "a", "an"})
_ROMAN = frozenset({"i", "ii", "iii", "iv", "v", "vi"})


def written_variants(name: str) -> list[str]:
    """Other ways writers spell a country's name: "Saint" as "St" and back, "of the X" as "of X".

    ("&" for "and" needs no variant: folding reads it as "and".)
    """
    out = []
    words = name.replace(".", "").split()
    if "Saint" in words or "St" in words:
        swap = {"Saint": "St", "St": "Saint"}
        out.append(" ".join(swap.get(w, w) for w in words))
    if " of the " in name:
        out += [v.replace(" of the ", " of ") for v in [name, *out]]
    return out


def edit_budget(length: int) -> int:
    """How many edits a word of ``length`` characters may carry and still be a typo of it."""
    if length <= 3:
        return 0
    if length <= 7:
        return 1
    if length <= 12:
        return 2
    return 3


def _within_budget(query: str, key: str) -> int | None:
    """Total edit distance if ``query`` is a plausible typo of ``key`` (token by token), else None.

    The name's first letter is fixed; a later word may have a typo anywhere ("Sierra eLone"). In a
    name of ten letters or more, one wrong letter in a short word is a typo ("Côte i'Ivoire").
    """
    if query[:1] != key[:1]:
        return None
    q_tokens, k_tokens = query.split(), key.split()
    if len(q_tokens) == len(k_tokens):
        total = 0
        short_slips = 0
        for q, k in zip(q_tokens, k_tokens, strict=True):
            distance = OSA.distance(q, k)
            if distance > edit_budget(len(k)):
                if distance > 1 or len(key) < 10:
                    return None
                short_slips += 1
            total += distance
        if short_slips and total > 1:
            return None
    else:
        total = OSA.distance(query.replace(" ", ""), key.replace(" ", ""))
    if len(k_tokens) == 1 and len(key) <= 3 and total:
        return None
    return total if total <= edit_budget(len(key)) else None
