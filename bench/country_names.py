"""Generator and accuracy measure: N country names as articles write them, resolved.

    python bench/country_names.py              # 10,000 names, the figures
    python bench/country_names.py --errors     # and every name not resolved right
    python bench/country_names.py --dump F     # write the generated names (name<TAB>expected) to F

A name is one of a country's ISO, common and official names (from pycountry, not from the
gazetteer's aliases), or one of the everyday forms in ``EVERYDAY`` below, then:

* rewritten as writers do ("Saint" -> "St."/"St", "and" -> "&", "of the X" -> "of X", the
  first part of "X and Y", no accents, a leading "the"), 35 % of names;
* given one typo (a letter replaced, dropped, doubled or swapped with the next one) in a word of
  four letters or more, anywhere but the name's first letter, 60 % of names; a typo that makes
  another country's known name is not a typo anyone could correct and is drawn again;
* written in lower case, upper case or as is.

Right: the expected country. Wrong: any other entity. No answer: nothing, or an ambiguity.
The fixed seed makes runs comparable; ``--seed`` draws another list.
"""

from __future__ import annotations

import argparse
import random
import string
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

from coalition_tui.store.gazetteer import load_gazetteer  # noqa: E402
from coalition_tui.store.normalize import fold  # noqa: E402
from coalition_tui.store.resolve import Resolver  # noqa: E402

# Everyday forms of country names that ISO does not list, as newspapers write them.
EVERYDAY: dict[str, str] = {
    "KSA": "SAU",
    "PRC": "CHN",
    "Mainland China": "CHN",
    "DRC": "COD",
    "DR Congo": "COD",
    "Democratic Republic of Congo": "COD",
    "Congo-Kinshasa": "COD",
    "Congo-Brazzaville": "COG",
    "Republic of Congo": "COG",
    "UAE": "ARE",
    "the Emirates": "ARE",
    "Sao Tome": "STP",
    "St. Vincent and the Grenadines": "VCT",
    "St Kitts": "KNA",
    "Ivory Coast": "CIV",
    "Burma": "MMR",
    "East Timor": "TLS",
    "Czechia": "CZE",
    "Czech Republic": "CZE",
    "Swaziland": "SWZ",
    "Cape Verde": "CPV",
    "North Korea": "PRK",
    "South Korea": "KOR",
    "Vatican City": "VAT",
    "Holy See": "VAT",
    "Türkiye": "TUR",
    "Turkey": "TUR",
    "Macedonia": "MKD",
    "North Macedonia": "MKD",
    "Holland": "NLD",
    "the Netherlands": "NLD",
    "Britain": "GBR",
    "Great Britain": "GBR",
    "the UK": "GBR",
    "the US": "USA",
    "America": "USA",
    "USA": "USA",
    "Russia": "RUS",
    "Moldova": "MDA",
    "Syria": "SYR",
    "Laos": "LAO",
    "Vietnam": "VNM",
    "Brunei": "BRN",
    "Bolivia": "BOL",
    "Venezuela": "VEN",
    "Iran": "IRN",
    "Tanzania": "TZA",
    "Micronesia": "FSM",
    "The Gambia": "GMB",
    "Gambia": "GMB",
    "The Bahamas": "BHS",
    "Bosnia": "BIH",
    "Bosnia-Herzegovina": "BIH",
    "Trinidad": "TTO",
    "Antigua": "ATG",
    "Palestine": "PSE",
    "Taiwan": "TWN",
    "Kosovo": "XKX",
    "Eire": "IRL",
}


def _variants(name: str, rng: random.Random) -> str:
    """One rewrite of ``name`` as writers shorten or spell it."""
    options = []
    if "Saint " in name:
        options += [name.replace("Saint ", "St. "), name.replace("Saint ", "St ")]
    if " and " in name:
        options += [name.replace(" and ", " & "), name.split(" and ")[0]]
    if " of the " in name:
        options.append(name.replace(" of the ", " of "))
    if fold(name) != name.lower():
        options.append(fold(name).title())
    options.append(f"the {name}")
    return rng.choice(options)


def _typo(name: str, rng: random.Random) -> str:
    """``name`` with one typo in a word of 4+ letters, never on the first letter of the name."""
    words = name.split(" ")
    candidates = [i for i, w in enumerate(words) if sum(ch.isalpha() for ch in w) >= 4]
    if not candidates:
        return name
    i = rng.choice(candidates)
    word = words[i]
    first = next((j for j, w in enumerate(words) if w.lower() != "the"), 0)
    lo = 1 if i == first else 0
    op = rng.choice(["replace", "drop", "double", "swap"])
    if op == "drop" and len(word) < 5:
        op = "replace"
    pos = rng.randrange(lo, len(word) - (1 if op == "swap" else 0))
    if op == "replace":
        letter = rng.choice([c for c in string.ascii_lowercase if c != word[pos].lower()])
        word = word[:pos] + letter + word[pos + 1 :]
    elif op == "drop":
        word = word[:pos] + word[pos + 1 :]
    elif op == "double":
        word = word[:pos] + word[pos] + word[pos:]
    else:
        word = word[:pos] + word[pos + 1] + word[pos] + word[pos + 2 :]
    words[i] = word
    return " ".join(words)


def make_names(n: int, seed: int = 16) -> list[tuple[str, str]]:
    """``n`` (name, expected country id) pairs."""
    import pycountry

    gaz, _ = load_gazetteer(REPO / "data" / "gazetteer")
    resolver = Resolver(gaz)
    known = {fold(f.text): f.entity for f in resolver.known_forms()}
    pool: list[tuple[str, str]] = []
    for country in gaz.countries.values():
        iso = pycountry.countries.get(alpha_3=country.id)
        names = {country.name, country.iso_name, country.official_name}
        if iso is not None:
            names |= {getattr(iso, key) for key in ("name", "common_name", "official_name") if hasattr(iso, key)}
        pool += [(name, country.id) for name in sorted(names) if name]
    pool += list(EVERYDAY.items())
    rng = random.Random(seed)
    out: list[tuple[str, str]] = []
    while len(out) < n:
        name, expected = rng.choice(pool)
        if rng.random() < 0.35 and len(name) > 3:
            name = _variants(name, rng)
        if rng.random() < 0.6:
            typo = _typo(name, rng)
            if known.get(fold(typo), expected) != expected:
                continue  # another country's name: no one could correct it
            name = typo
        case = rng.random()
        if case < 0.15 and not name.isupper():
            name = name.lower()
        elif case < 0.2:
            name = name.upper()
        out.append((name, expected))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--errors", action="store_true", help="list every name not resolved right")
    parser.add_argument("--dump", type=Path, help="write the names and the expected ids to this file")
    args = parser.parse_args()
    names = make_names(args.n, args.seed)
    if args.dump:
        args.dump.write_text("".join(f"{n}\t{e}\n" for n, e in names), encoding="utf-8")
    gaz, _ = load_gazetteer(REPO / "data" / "gazetteer")
    resolver = Resolver(gaz)
    tally: Counter[str] = Counter()
    errors: list[str] = []
    for name, expected in names:
        got = resolver.resolve(name)
        if got.entity == expected:
            tally["right"] += 1
        elif got.entity is None:
            tally["none"] += 1
            errors.append(f"none   {name!r} (want {expected}; {got.reason})")
        else:
            tally["wrong"] += 1
            errors.append(f"WRONG  {name!r} -> {got.entity} (want {expected})")
    total = len(names)
    print(f"names: {total:,} ({len({n for n, _ in names}):,} distinct), seed {args.seed}")
    for key, label in (("right", "right"), ("wrong", "wrong country"), ("none", "no answer")):
        print(f"{label:>14}: {tally[key]:6,}  {tally[key] / total:7.2%}")
    if args.errors:
        for line in sorted(set(errors)):
            print(line, file=sys.stdout)


if __name__ == "__main__":
    main()
