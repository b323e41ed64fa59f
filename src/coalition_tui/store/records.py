"""One ``[[commitment]]`` table validated against a corpus: its entities resolved, its meeting and
source known, its quote found verbatim in the article at its offsets. Any value of a wrong type is a
problem for that record, never an exception."""

from __future__ import annotations

from typing import Any

from coalition_tui.store.corpus import Corpus
from coalition_tui.store.model import Commitment, EntityKind
from coalition_tui.store.problems import Problem
from coalition_tui.store.tomlio import build

RECORD_TABLE = "commitment"


def _resolve_field(corpus: Corpus, value: object, person: bool) -> tuple[str | None, str]:
    """An entity id for a record's country/person field, or None and the reason."""
    if not isinstance(value, str) or not value.strip():
        return None, "must be a non-empty string"
    if corpus.gazetteer.entity(value):
        return value, ""
    kinds: frozenset[EntityKind] = frozenset({"person"}) if person else frozenset({"country", "org"})
    res = corpus.resolver.resolve(value, codes=not person, kinds=kinds)
    if res.entity and res.method in {"exact", "alias"}:
        return res.entity, ""
    what = "person" if person else "country"
    hint = f" (did you mean {res.entity!r}?)" if res.entity else ""
    where = "gazetteer/people.toml" if person else "gazetteer/countries.toml or organizations.toml"
    return None, f"unknown {what} {value!r}{hint}; use an id or name from {where}"


_TEXT_FIELDS = ("source", "summit", "country", "person", "quote", "kind", "stance", "origin")


def record_from_table(
    corpus: Corpus, table: object, defaults: dict[str, Any], shown: str, line: int | None
) -> tuple[Commitment | None, list[Problem]]:
    """Validate one [[commitment]] table against the corpus: entities, summit, source, quote. Any
    value of a wrong type, anywhere, is a problem for this record, never an exception."""
    if not isinstance(table, dict):
        return None, [
            Problem(
                shown, f"a [[{RECORD_TABLE}]] entry must be a table of fields, not {type(table).__name__}", line=line
            )
        ]
    rid = table.get("id") if isinstance(table.get("id"), str) else None
    try:
        return _record_from_table(corpus, table, defaults, shown, line, rid)
    except (TypeError, ValueError, AttributeError, KeyError, IndexError, RecursionError) as exc:
        return None, [
            Problem(
                shown,
                f"a field has a value of the wrong type ({type(exc).__name__}); check each field",
                line=line,
                record=rid,
            )
        ]


def _record_from_table(
    corpus: Corpus, table: dict[str, Any], defaults: dict[str, Any], shown: str, line: int | None, rid: str | None
) -> tuple[Commitment | None, list[Problem]]:
    data = {**defaults, **table}
    problems: list[Problem] = []

    def fail(field: str, message: str) -> tuple[None, list[Problem]]:
        problems.append(Problem(shown, message, line=line, record=rid, field=field))
        return None, problems

    if rid is None:
        return fail("id", "missing or not a string; give every record a unique id")
    for name in _TEXT_FIELDS:
        if name in data and not isinstance(data[name], str):
            return fail(name, f"must be a string, not {type(data[name]).__name__}")
    source_id = data.get("source")
    if source_id not in corpus.sources:
        return fail("source", f"unknown source {source_id!r}; use an id from sources.toml")
    data.setdefault("summit", corpus.sources[source_id].summit)
    if data.get("summit") not in corpus.summits:
        return fail("summit", f"unknown summit {data.get('summit')!r}; use an id from summits.toml")
    country, why = _resolve_field(corpus, data.get("country"), person=False)
    if country is None:
        return fail("country", why)
    data["country"] = country
    if data.get("person") is not None:
        person, why = _resolve_field(corpus, data["person"], person=True)
        if person is None:
            return fail("person", why)
        data["person"] = person
    quote = data.get("quote")
    text = corpus.texts[source_id]
    if not isinstance(quote, str) or not quote.strip():
        return fail("quote", "missing or not a string; copy the sentence verbatim from the article")
    if "start" in data and (not isinstance(data["start"], int) or isinstance(data["start"], bool)):
        return fail("start", f"must be a whole number (the quote's offset in the article), not {data['start']!r}")
    if quote:
        start = data.get("start")
        if isinstance(start, int) and not isinstance(start, bool):
            if text[start : start + len(quote)] != quote:
                found = text.find(quote)
                where = f"; it occurs at {found}" if found >= 0 else ""
                return fail("start", f"the quote is not at offset {start} of {source_id}{where}")
        else:
            start = text.find(quote)
            if start < 0:
                return fail("quote", f"quote not found verbatim in source {source_id}; copy it from the article")
        data["start"] = start
        data.setdefault("end", start + len(quote))
    record, built = build(Commitment, data, shown, line, rid)
    return record, problems + built
