"""The report page: one self-contained HTML file an editor opens in any browser, no network needed.

It holds the country × meeting matrix with the app's glyphs, words and colours (readable without
colour), each cell a link to its records (quote, person, stance, and the source's outlet · date ·
headline · link), a timeline per country across the meetings, the filters used and when it was made.

Everything from the corpus is untrusted (articles, headlines, outlets, names): every text is escaped,
a link is written only for an http(s) address, and the page's Content-Security-Policy allows no
script at all, so nothing an article carries can run in it.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable, Mapping

from coalition_tui.analysis.citation import when
from coalition_tui.analysis.looks import CSS_COLOUR, NOTHING, STANCE_LOOK
from coalition_tui.analysis.matrix import stance_matrix
from coalition_tui.analysis.timeline import timeline
from coalition_tui.store.corpus import Corpus
from coalition_tui.store.model import URL, Commitment, Source

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"


def esc(text: object) -> str:
    """Text as HTML, quotes included (for attributes too)."""
    return html.escape(str(text), quote=True)


def safe_url(url: str) -> str | None:
    """An http(s) address fit for an ``href`` (anything else, ``javascript:`` first, is not a link)."""
    return url if url and URL.fullmatch(url) and url.lower().startswith(("http://", "https://")) else None


def anchor(*parts: str) -> str:
    """An id made of safe characters only (ids of the corpus are, but an id is never trusted)."""
    return "-".join("".join(ch if ch.isascii() and (ch.isalnum() or ch in "-_") else "_" for ch in p) for p in parts)


STYLE = """
body { font-family: system-ui, sans-serif; margin: 2rem; color: #1b1f23; background: #fff; line-height: 1.4; }
h1 { margin-bottom: 0.2rem; } .meta { color: #555; margin-top: 0; }
table { border-collapse: collapse; margin: 0.5rem 0 1.5rem; }
th, td { border: 1px solid #d0d7de; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
thead th { background: #f6f8fa; font-weight: 600; font-size: 0.9rem; }
td.cell a { text-decoration: none; font-weight: 600; }
.legend { display: flex; flex-wrap: wrap; gap: 0.3rem 1rem; } .legend span { white-space: nowrap; }
.timeline td { font-family: ui-monospace, monospace; text-align: center; }
.record { margin: 0.4rem 0 0.9rem; } blockquote { margin: 0.2rem 0 0.2rem 1rem; font-style: italic; }
.src { color: #444; font-size: 0.9rem; } .unreviewed { color: #9a6700; font-size: 0.85rem; }
section.cell-records { border-top: 1px solid #d0d7de; padding-top: 0.3rem; }
""" + "\n".join(f".s-{stance} {{ color: {colour}; }}" for stance, colour in CSS_COLOUR.items())


def _look(value: str) -> str:
    glyph, word, _style = STANCE_LOOK[value]
    return f'<span class="s-{esc(value)}">{esc(glyph)} {esc(word)}</span>'


def _source_html(source: Source | None, fallback: str) -> str:
    if source is None:
        return esc(fallback)
    parts = [esc(source.outlet or "outlet unknown"), esc(when(source)), f"<cite>{esc(source.headline)}</cite>"]
    link = safe_url(source.url)
    if link:
        parts.append(f'<a href="{esc(link)}" rel="noopener noreferrer nofollow">{esc(link)}</a>')
    elif source.url:
        parts.append(esc(source.url))  # shown, never a link
    return " · ".join(parts)


def _record_html(corpus: Corpus, record: Commitment) -> str:
    glyph, _word, _style = STANCE_LOOK[record.stance.value]
    person = f" — {esc(corpus.label(record.person))}" if record.person else ""
    flag = ' <span class="unreviewed">(extracted, not reviewed)</span>' if record.unreviewed else ""
    return (
        f'<div class="record" data-record="{esc(record.id)}">'
        f'<span class="s-{esc(record.stance.value)}">{esc(glyph)} {esc(record.stance.value)}</span> '
        f"{esc(record.kind.value)}{person}{flag}"
        f"<blockquote>“{esc(record.quote)}”</blockquote>"
        f'<div class="src">{_source_html(corpus.sources.get(record.source), record.source)}</div></div>'
    )


def report_html(
    corpus: Corpus,
    records: Iterable[Commitment],
    filters: Mapping[str, str] | None = None,
    now: dt.datetime | None = None,
    version: str = "",
) -> str:
    """The report page for ``records`` (see the module)."""
    chosen = list(records)
    made = (now or dt.datetime.now(dt.UTC)).strftime("%Y-%m-%d %H:%M UTC")
    used = ", ".join(f"{k} = {v}" for k, v in (filters or {}).items() if v) or "none (every record)"
    matrix = stance_matrix(corpus, records=chosen)
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>Coalition of the willing: who committed what</title>",
        f"<style>{STYLE}</style></head><body>",
        '<h1 id="top">Coalition of the willing: who committed what</h1>',
        f'<p class="meta">Made {esc(made)} with coalition-tui {esc(version)} · {len(chosen)} record(s) · '
        f'<span id="filters">filters: {esc(used)}</span></p>',
        '<h2 id="matrix">Countries × meetings</h2>',
        "<p>Each cell is the strongest stance the country took on a contribution at that meeting (attendance "
        "aside); a refusal beside a commitment shows both. Follow a cell to its records.</p>",
        '<table class="matrix"><thead><tr><th scope="col">Country</th>',
    ]
    out += [f'<th scope="col">{esc(s.date.strftime("%-d %b %Y"))}<br>{esc(s.place)}</th>' for s in matrix.summits]
    out.append("</tr></thead><tbody>")
    cells: list[tuple[str, str, list[Commitment]]] = []
    for row in matrix.rows:
        out.append(f'<tr><th scope="row">{esc(corpus.label(row))}</th>')
        for s in matrix.summits:
            value = matrix.cell(row, s.id)
            if value is None:
                out.append('<td class="cell"></td>')
                continue
            target = anchor("r", row, s.id)
            cells.append((row, s.id, matrix.records(row, s.id)))
            refusal = matrix.refusal(row, s.id)
            shown = _look(value) + (" " + _look(refusal.value) + " mixed" if refusal else "")
            flag = " ⚑" if matrix.unreviewed(row, s.id) else ""
            out.append(f'<td class="cell" data-country="{esc(row)}" data-summit="{esc(s.id)}">'
                       f'<a href="#{target}">{shown}{flag}</a></td>')  # fmt: skip
        out.append("</tr>")
    out.append("</tbody></table>")
    legend = "".join(f"<span>{_look(v)} = {esc(v)}</span>" for v in STANCE_LOOK)
    out.append(f'<p class="legend">{legend}<span>⚑ = rests only on records nobody has reviewed</span></p>')
    out.append('<h2 id="timelines">Each country across the meetings</h2>')
    for row in matrix.rows:
        line = timeline(corpus, row, chosen)
        if not line.strips:
            continue
        out.append(f'<h3 id="{anchor("t", row)}">{esc(corpus.label(row))}</h3><table class="timeline"><thead><tr>'
                   '<th scope="col">kind</th>')  # fmt: skip
        out += [f'<th scope="col">{esc(s.date.strftime("%-d %b %Y"))}<br>{esc(s.place)}</th>' for s in line.summits]
        out.append("</tr></thead><tbody>")
        for strip in line.strips:
            out.append(f'<tr><th scope="row">{esc(strip.kind.value)}</th>')
            for stance in strip.stances:
                out.append(
                    f'<td class="s-{esc(stance.value)}" title="{esc(stance.value)}">{esc(STANCE_LOOK[stance.value][0])}</td>'
                    if stance
                    else f'<td title="not reported">{NOTHING}</td>'
                )
            out.append("</tr>")
        out.append("</tbody></table>")
    out.append('<h2 id="records">The records, cell by cell</h2>')
    for row, summit_id, cell_records in cells:
        summit = corpus.summits.get(summit_id)
        title = f"{corpus.label(row)} at {summit.label if summit else summit_id}"
        out.append(f'<section class="cell-records" id="{anchor("r", row, summit_id)}"><h3>{esc(title)}</h3>')
        out += [_record_html(corpus, r) for r in sorted(cell_records, key=lambda r: (r.kind.value, r.source, r.start))]
        out.append('<p><a href="#matrix">back to the matrix</a></p></section>')
    out.append("</body></html>\n")
    return "\n".join(out)
