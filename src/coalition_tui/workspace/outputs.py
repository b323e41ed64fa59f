"""What leaves the corpus, as bytes to write or to hand to a browser: an export in TOML (which
``import`` merges), CSV or JSON, and the report page. The command line and the app make them here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from coalition_tui import __version__
from coalition_tui.actions.export import export_document, toml_bytes
from coalition_tui.analysis.report import report_html
from coalition_tui.analysis.tables import records_csv, records_json
from coalition_tui.store.corpus import Corpus
from coalition_tui.store.model import Commitment

MIME = {"toml": "application/toml", "csv": "text/csv", "json": "application/json", "html": "text/html"}


def export_payload(
    corpus: Corpus, records: Sequence[Commitment], fmt: str, filters: Mapping[str, str] | None = None
) -> bytes:
    """The records in ``fmt`` (toml, csv or json)."""
    if fmt == "csv":
        return records_csv(corpus, records).encode("utf-8")
    document = export_document(corpus, records, filters)
    if fmt == "json":
        meta = dict(document["meta"]) | {"exported": document["meta"]["exported"].isoformat()}
        return records_json(corpus, records, meta).encode("utf-8")
    if fmt != "toml":
        raise ValueError(f"unknown export format {fmt!r}; one of: toml, csv, json")
    return toml_bytes(document)


def report_payload(
    corpus: Corpus,
    records: Sequence[Commitment],
    filters: Mapping[str, str] | None = None,
    now: dt.datetime | None = None,
) -> bytes:
    """The report page (``analysis.report``)."""
    return report_html(corpus, records, filters, now, __version__).encode("utf-8")
