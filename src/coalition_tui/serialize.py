"""Records as TOML tables (what data/commitments/*.toml holds), and back."""

from __future__ import annotations

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
    data = record.model_dump(mode="json")
    table = {key: data[key] for key in FIELD_ORDER if data.get(key) is not None}
    if not table.get("note"):
        table.pop("note", None)
    if not table.get("rejected"):
        table.pop("rejected", None)
    table["as_written"] = list(table.get("as_written", []))
    return table
