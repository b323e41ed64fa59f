"""How a source and a quote are cited: outlet · date · headline (and URL), never a file id.

Plain strings: whoever shows them treats them as untrusted text (they come from articles and pages).
"""

from __future__ import annotations

from coalition_tui.store.model import Commitment, Source


def when(source: Source) -> str:
    """The publication day ("6 Jan 2026"), or "undated"."""
    return source.published.strftime("%-d %b %Y") if source.published else "undated"


def source_line(source: Source | None, url: bool = False) -> str:
    """ "Outlet · 6 Jan 2026 · Headline" (and " · URL"), with "outlet unknown" where none is known."""
    if source is None:
        return "source unknown"
    parts = [source.outlet or "outlet unknown", when(source), source.headline]
    if url and source.url:
        parts.append(source.url)
    return " · ".join(parts)


def citation(record: Commitment, source: Source | None) -> str:
    """One line a journalist can paste: the quote exactly, then outlet, headline, date and URL."""
    if source is None:
        return f"\u201c{record.quote}\u201d ({record.source})"
    parts = [source.outlet or "outlet unknown", f"\u201c{source.headline}\u201d", when(source)]
    if source.url:
        parts.append(source.url)
    return f"\u201c{record.quote}\u201d \u2014 " + ", ".join(parts)


def source_fields(source: Source | None) -> dict[str, str]:
    """The citation fields of a source for JSON and exports ("" where unknown)."""
    if source is None:
        return {"outlet": "", "headline": "", "published": "", "url": ""}
    return {
        "outlet": source.outlet,
        "headline": source.headline,
        "published": source.published.isoformat() if source.published else "",
        "url": source.url,
    }


def short(source: Source | None, fallback: str = "") -> str:
    """A column's worth: the outlet, else the start of the headline."""
    if source is None:
        return fallback
    if source.outlet:
        return source.outlet
    return source.headline if len(source.headline) <= 28 else source.headline[:27].rstrip() + "…"
