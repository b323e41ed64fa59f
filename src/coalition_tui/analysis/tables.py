"""Records as data for other tools: JSON (the shape every ``--json`` uses) and CSV for spreadsheets.

CSV is UTF-8 with a header, one row per record with its source's outlet, date, headline and URL. A cell
that a spreadsheet would run as a formula (it starts with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return) gets a leading apostrophe, the usual neutralisation: the spreadsheet shows the text.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping
from enum import Enum

from coalition_tui.analysis.citation import citation, source_fields
from coalition_tui.store.corpus import Corpus
from coalition_tui.store.model import Commitment
from coalition_tui.store.serialize import FIELD_ORDER

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def country_fields(corpus: Corpus, entity_id: str | None) -> dict[str, object]:
    """The one shape of an actor in every ``--json`` output: ``country`` its name, ``country_code`` its
    id (the ISO alpha-3 code of a country, the id of an organization such as NATO)."""
    return {"country": corpus.label(entity_id) if entity_id else None, "country_code": entity_id}


def record_dict(corpus: Corpus, record: Commitment) -> dict[str, object]:
    """A record for JSON: every field of the record schema (``serialize.FIELD_ORDER``, null where
    unset), the actor as its label with its ISO code beside it, and the source's citation."""
    out: dict[str, object] = {}
    for key in FIELD_ORDER:
        value = getattr(record, key)
        value = value.value if isinstance(value, Enum) else list(value) if isinstance(value, tuple) else value
        if key == "country":
            out |= country_fields(corpus, record.country)
        else:
            out[key] = value
    source = corpus.sources.get(record.source)
    out["cited"] = source_fields(source) | {"citation": citation(record, source)}
    return out


def records_json(corpus: Corpus, records: Iterable[Commitment], meta: Mapping[str, object]) -> str:
    """``{"meta": …, "records": […]}``, UTF-8 text."""
    return json.dumps({"meta": dict(meta), "records": [record_dict(corpus, r) for r in records]}, ensure_ascii=False,
                      indent=1) + "\n"  # fmt: skip


CSV_COLUMNS = (
    "id", "country", "country_code", "summit", "summit_date", "kind", "stance", "quote", "person", "as_written",
    "origin", "confidence", "unsure", "decided_by", "decided_at", "note", "source", "outlet", "published",
    "headline", "url", "start", "end",
)  # fmt: skip


def neutral(cell: str) -> str:
    """A cell a spreadsheet shows as text, never runs."""
    return "'" + cell if cell.startswith(FORMULA_START) else cell


def csv_row(corpus: Corpus, record: Commitment) -> dict[str, str]:
    """A record's CSV cells, before neutralisation."""
    summit = corpus.summits.get(record.summit)
    cited = source_fields(corpus.sources.get(record.source))
    return {
        "id": record.id,
        "country": corpus.label(record.country),
        "country_code": record.country,
        "summit": record.summit,
        "summit_date": summit.date.isoformat() if summit else "",
        "kind": record.kind.value,
        "stance": record.stance.value,
        "quote": record.quote,
        "person": corpus.label(record.person) if record.person else "",
        "as_written": "; ".join(record.as_written),
        "origin": record.origin.value,
        "confidence": f"{record.confidence:.2f}",
        "unsure": "yes" if record.unsure else "",
        "decided_by": record.decided_by,
        "decided_at": record.decided_at,
        "note": record.note,
        "source": record.source,
        "outlet": cited["outlet"],
        "published": cited["published"],
        "headline": cited["headline"],
        "url": cited["url"],
        "start": str(record.start),
        "end": str(record.end),
    }


def records_csv(corpus: Corpus, records: Iterable[Commitment]) -> str:
    """The records as CSV text (see the module)."""
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writeheader()
    for record in records:
        writer.writerow({k: neutral(v) for k, v in csv_row(corpus, record).items()})
    return buffer.getvalue()
