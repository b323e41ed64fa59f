"""Records as TOML tables (what data/commitments/*.toml holds), and back."""

from __future__ import annotations

from enum import Enum
from typing import Any

from coalition_tui.model import Commitment

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
)


def record_table(record: Commitment) -> dict[str, Any]:
    """A ``[[commitment]]`` table: every field, in a readable order, none of them None or empty-note."""
    table: dict[str, Any] = {}
    for key in FIELD_ORDER:
        value = getattr(record, key)
        if value is not None:
            table[key] = value.value if isinstance(value, Enum) else value
    if not table.get("note"):
        table.pop("note", None)
    if not table.get("rejected"):
        table.pop("rejected", None)
    table["as_written"] = list(table.get("as_written", []))
    return table
