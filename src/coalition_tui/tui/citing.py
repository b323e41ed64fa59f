"""What every screen with a current record can do with it: copy its citation (the quote with outlet,
headline, date and URL, one line a journalist can paste) and open its article at the quote."""

from __future__ import annotations

from coalition_tui.analysis.citation import citation
from coalition_tui.store.model import Commitment


class CitingMixin:
    """For a :class:`~coalition_tui.tui.base.CorpusScreen` that has a current record."""

    def cited_record(self) -> Commitment | None:
        """The record under the cursor, if any."""
        raise NotImplementedError

    def action_copy_citation(self) -> None:
        record = self.cited_record()
        app = self.app  # type: ignore[attr-defined]
        if record is None:
            app.notify("No record under the cursor", timeout=2)
            return
        line = citation(record, app.corpus.sources.get(record.source))
        app.copy_to_clipboard(line)
        app.notify(f"Copied: {line}", title="Citation", markup=False, timeout=6)

    def action_open_article(self) -> None:
        record = self.cited_record()
        if record is None:
            self.app.notify("No record under the cursor", timeout=2)  # type: ignore[attr-defined]
            return
        self.app.open_at_quote(record)  # type: ignore[attr-defined]
