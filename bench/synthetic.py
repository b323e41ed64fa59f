"""A deterministic generator of synthetic coalition articles (realistic sentences, name typos,
every kind and stance), for benchmarks.

    python bench/synthetic.py --n 3 --size 5000     # print three articles
"""

from __future__ import annotations

import argparse
import random

LEADERS = [
    ("French President", "Emmanuel Macron", "France"),
    ("British Prime Minister", "Keir Starmer", "Britain"),
    ("German Chancellor", "Friedrich Merz", "Germany"),
    ("Italian Prime Minister", "Giorgia Melono", "Italy"),
    ("Polish Prime Minister", "Donald Tusk", "Poland"),
    ("Spanish Prime Minister", "Pedro Sanchez", "Spain"),
    ("Danish Prime Minister", "Mette Frederiksen", "Denmark"),
    ("Finland's President", "Alexander Stubb", "Finland"),
    ("Lithuanian President", "Gitanas Nauseda", "Lithuania"),
    ("Canadian Prime Minister", "Mark Carney", "Canada"),
    ("Australian Prime Minister", "Anthony Albanese", "Australia"),
    ("Ukrainian President", "Volodymyr Zelenskiy", "Ukraine"),
    ("Dutch Prime Minister", "Dick Schoof", "the Netherlands"),
    ("Swedish Prime Minister", "Ulf Kristersson", "Sweden"),
]
CONTRIBUTIONS = [
    "send troops to Ukraine",
    "deploy peacekeepers",
    "provide logistical support",
    "offer air support",
    "contribute naval vessels",
    "share intelligence",
    "supply air defence systems",
    "provide funding",
    "tighten sanctions on Russia",
    "back a security guarantee",
    "help with ceasefire monitoring",
    "host the headquarters",
    "train Ukrainian soldiers",
]
PATTERNS = [
    "{title} {name} said {country} would {what}.",
    "{title} {name} said {country} would not {what}.",
    "{country} is ready to {what} once a ceasefire is in place, {name} told reporters.",
    "{title} {name} said {country} was considering whether to {what}.",
    "{country} and {country2} have declared their readiness to {what}.",
    "{title} {name} expressed openness to contributing to future peacekeeping efforts.",
    "Russia has categorically rejected the presence of Western forces on Ukrainian soil.",
    "The meeting in Paris was attended by leaders from {country} and {country2}.",
    "Officials said the talks at Lancaster House in London would continue next week.",
    "{title} {name} joined the call from Rome alongside officials from {country2}.",
]
FILLER = [
    "Analysts said the coming weeks would test the unity of the alliance.",
    "The Kremlin has said any broader work towards peace would take time.",
    "European officials privately acknowledge that many details remain unresolved.",
    "The talks took place against a complicated geopolitical backdrop.",
]


def article(rng: random.Random, size: int, filler: float = 0.25) -> str:
    """``filler``: share of sentences without a commitment (0.65 gives the seeds' ~20 records per 4.7 KB)."""
    parts: list[str] = []
    length = 0
    while length < size:
        if rng.random() < filler:
            sentence = rng.choice(FILLER)
        else:
            title, name, country = rng.choice(LEADERS)
            country2 = rng.choice([c for _, _, c in LEADERS if c != country])
            sentence = rng.choice(PATTERNS).format(
                title=title, name=name, country=country, country2=country2, what=rng.choice(CONTRIBUTIONS)
            )
        parts.append(sentence)
        length += len(sentence) + 1
        if rng.random() < 0.2:
            parts.append("\n")
    return " ".join(parts).replace(" \n ", "\n")


def corpus(n: int, size: int = 5000, seed: int = 1) -> list[str]:
    rng = random.Random(seed)
    return [article(rng, size) for _ in range(n)]


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=1)
    parser.add_argument("--size", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    for text in corpus(args.n, args.size, args.seed):
        print(text, end="\n\n")
