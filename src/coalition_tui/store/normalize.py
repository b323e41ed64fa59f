"""Text folding for name matching: accents, case, punctuation, possessives."""

from __future__ import annotations

import re
import unicodedata

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})
_POSSESSIVE = re.compile(r"'s?$|'s(?=\s)", re.IGNORECASE)
_NON_WORD = re.compile(r"[^\w\s-]+")
_SPACES = re.compile(r"[\s_-]+")
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)


def strip_accents(text: str) -> str:
    """``Nausėda`` -> ``Nauseda``; also folds ``ı`` (dotless i) and ``ø``/``ł``."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.translate(_EXTRA_FOLDS)


_EXTRA_FOLDS = str.maketrans({"ı": "i", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ß": "ss"})


def fold(text: str) -> str:
    """The key a surface form is matched on: no accents, case, dots, possessive or leading 'the'.

    ``"the Kremlin’s"`` -> ``"kremlin"``; ``"Prime Ministe:"`` -> ``"prime ministe"``.
    """
    text = strip_accents(text.translate(_APOSTROPHES)).strip()
    text = _LEADING_THE.sub("", text)
    text = _POSSESSIVE.sub("", text)
    text = text.replace(".", "").replace("&", " and ")
    text = _NON_WORD.sub(" ", text)
    return _SPACES.sub(" ", text).strip().casefold()


def cased_key(text: str) -> str:
    """The key for forms that must match as written ("US", "U.S."): dots and 'the' removed."""
    text = _LEADING_THE.sub("", text.translate(_APOSTROPHES).strip())
    return _POSSESSIVE.sub("", text).replace(".", "").strip()


def is_cased_form(form: str) -> bool:
    """True for short all-caps forms ("US", "U.S.", "UK", "EU") that are words when lower-cased."""
    key = cased_key(form)
    return 0 < len(key) <= 3 and key.isalpha() and key.isupper()
