"""Records as TOML tables (what data/commitments/*.toml holds), and back."""

from __future__ import annotations

from enum import Enum
from typing import Any

from coalition_tui.store.model import Commitment
from coalition_tui.store.tomlio import toml_float, toml_string

FIELD_ORDER = (
    "id",
    "country",
    "summit",
    "source",
    "kind",
    "stance",
    "quote",
    "start",
    "end",
    "person",
    "as_written",
    "origin",
    "confidence",
    "rejected",
    "note",
    "unsure",
    "decided_by",
    "decided_at",
)
OMITTED_WHEN_EMPTY = ("note", "rejected", "unsure", "decided_by", "decided_at")  # left out of a table unless set


def record_table(record: Commitment) -> dict[str, Any]:
    """A ``[[commitment]]`` table: every field, in a readable order, none of them None or empty-note."""
    table: dict[str, Any] = {}
    for key in FIELD_ORDER:
        value = getattr(record, key)
        if value is not None:
            table[key] = value.value if isinstance(value, Enum) else value
    for key in OMITTED_WHEN_EMPTY:
        if not table.get(key):
            table.pop(key, None)
    table["as_written"] = list(table.get("as_written", []))
    return table


def candidates_document(source: str, summit: str, records: list[Commitment]) -> str:
    """A candidates file as bulk ingest writes it: the source and meeting once, then each record's
    table without them and without ``end`` (it follows from start and the quote). The same text
    ``tomlio.dumps`` would give for those tables, written field by field: a quarter of the time."""
    seen: dict[str, str] = {}  # countries, kinds, names and the quote of a sentence recur

    def q(value: str) -> str:
        quoted = seen.get(value)
        if quoted is None:
            quoted = seen[value] = toml_string(value)
        return quoted

    out = [f"source = {q(source)}\nsummit = {q(summit)}\n"]
    for r in records:
        out.append(
            f"\n[[commitment]]\nid = {toml_string(r.id)}\ncountry = {q(r.country)}\nkind = {q(r.kind.value)}\n"
            f"stance = {q(r.stance.value)}\nquote = {q(r.quote)}\nstart = {r.start}\n"
        )
        if r.person is not None:
            out.append(f"person = {q(r.person)}\n")
        out.append(
            f"as_written = [{', '.join(map(q, r.as_written))}]\norigin = {q(r.origin.value)}\n"
            f"confidence = {toml_float(r.confidence)}\n"
        )
        if r.rejected:
            out.append("rejected = true\n")
        if r.note:
            out.append(f"note = {q(r.note)}\n")
    return "".join(out)
