"""One object for equal values among many records built from rows sent by worker processes (a cold
load, bulk ingest); the cache needs none of this: within each of its pickles equal values are one object."""

from __future__ import annotations

from coalition_tui.store.model import Commitment, trusted_commitment


class Sharing:
    """Builds records from rows (``Commitment.values()``), with one object for equal values: the ids
    of countries, meetings and sources, names as written, confidences, and the quote that several
    records of one sentence share. At 10,000 synthetic articles this saves about 70 MB, much of it
    quotes the generator repeats across articles; real articles repeat fewer."""

    SHARED = (1, 2, 3, 6, 9, 10, 12)  # country summit source quote person as_written confidence

    def __init__(self) -> None:
        self.seen: list[dict[object, object]] = [{} for _ in self.SHARED]

    def record(self, row: tuple[object, ...] | list[object]) -> Commitment:
        (rid, country, summit, source, kind, stance, quote, start, end, person, written, origin, confidence, *rest) = (
            row
        )
        c, m, s, q, p, w, f = self.seen
        return trusted_commitment(
            rid,  # type: ignore[arg-type]
            c.setdefault(country, country),  # type: ignore[arg-type]
            m.setdefault(summit, summit),  # type: ignore[arg-type]
            s.setdefault(source, source),  # type: ignore[arg-type]
            kind,  # type: ignore[arg-type]
            stance,  # type: ignore[arg-type]
            q.setdefault(quote, quote),  # type: ignore[arg-type]
            start,  # type: ignore[arg-type]
            end,  # type: ignore[arg-type]
            p.setdefault(person, person),  # type: ignore[arg-type]
            w.setdefault(written, written),  # type: ignore[arg-type]
            origin,  # type: ignore[arg-type]
            f.setdefault(confidence, confidence),  # type: ignore[arg-type]
            *rest,  # type: ignore[arg-type]
        )
