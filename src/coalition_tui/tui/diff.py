"""Diff views: two articles side by side (or unified when narrow), their claims, a country over time."""

from __future__ import annotations

import re

from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import SelectionList, Static
from textual.widgets.selection_list import Selection

from coalition_tui.analysis import browse
from coalition_tui.analysis.citation import source_line
from coalition_tui.analysis.diffing import (
    CLAIM_KINDS,
    NO_SHARED_TEXT,
    ArticleDiff,
    Pair,
    across_meetings,
    claims_by_meeting,
    diff_claims,
    diff_sources,
    shares_nothing,
)
from coalition_tui.analysis.timeline import timeline
from coalition_tui.store.corpus import Corpus
from coalition_tui.store.vocab import Level
from coalition_tui.tui import render
from coalition_tui.tui.base import CorpusScreen
from coalition_tui.tui.keymap import BACK, DIFF_BINDINGS
from coalition_tui.tui.messages import DiffReady
from coalition_tui.tui.rows import Row, RowsView

UNIFIED_BELOW = 100  # columns: narrower terminals get the unified layout
# Up to this many characters (two ~60 KB articles, about 0.1 s of work) the diff is computed on the spot:
# a thread would share the GIL with the screen being drawn and double the wait. Longer ones use a worker.
INLINE_CHARS = 120_000
DELETED, INSERTED = "bold red underline", "bold green reverse"
SIDE_STYLE = {"only_a": "red", "only_b": "green"}


def _names(corpus: Corpus, ids: list[str], most: int = 6) -> str:
    shown = ", ".join(corpus.label(e) for e in ids[:most]) or "none"
    return shown + (f" … and {len(ids) - most} more" if len(ids) > most else "")


def _shared_run(pairs: list[Pair]) -> Content:
    first = pairs[0].a.text if pairs[0].a else ""
    trivial = sum(p.kind == "trivial" for p in pairs)
    note = f", {trivial} with trivial differences" if trivial else ""
    preview = first if len(first) <= 70 else first[:67] + "…"
    return Content.styled(f"═ {len(pairs)} shared sentence(s){note}: “{_flat(preview)}”", "dim italic")


def _side(pair: Pair, side: str) -> Content:
    sentence = pair.a if side == "a" else pair.b
    if sentence is None:
        return Content("")
    if pair.kind in SIDE_STYLE:
        mark = "◀ only in A  " if pair.kind == "only_a" else "▶ only in B  "
        return Content.assemble((mark, "bold " + SIDE_STYLE[pair.kind]), (_flat(sentence.text), SIDE_STYLE[pair.kind]))
    if pair.kind == "reworded":  # the same fact in other words: each side as written, no word edits
        return Content.assemble((f"≈ reworded {pair.similarity:.0f}%  ", "bold cyan"), (_flat(sentence.text), "italic"))
    if pair.kind != "changed":
        return Content.styled(_flat(sentence.text), "dim")
    parts: list[str | tuple[str, str]] = [(f"~ {pair.similarity:.0f}%  ", "bold yellow")]
    for w in pair.words:  # each side's own words, as written: joined, they are its sentence
        text = w.a if side == "a" else w.b
        body = text.lstrip()
        if not body:
            continue
        if body != text and len(parts) > 1:
            parts.append(" ")
        parts.append((_flat(body), "" if w.op == "equal" else (DELETED if side == "a" else INSERTED)))
    return Content.assemble(*parts)


_SPACE = re.compile(r"[ \t\n]+")


def _flat(text: str) -> str:
    """Inert and on one line: rows are wrapped by the view, whitespace differences are not shown."""
    return _SPACE.sub(" ", render.inert(text)).strip()


def _rows(result: ArticleDiff, unified: bool) -> tuple[list[Row], dict[int, int]]:
    """The diff as rows (runs of shared sentences collapsed to one) and the row of each difference."""
    rows: list[Row] = []
    row_of: dict[int, int] = {}
    shared: list[Pair] = []
    for index, pair in enumerate([*result.pairs, None]):
        if pair is not None and pair.kind in {"same", "trivial"}:
            shared.append(pair)
            continue
        if shared:  # a run of shared sentences collapses to one line, as context in a diff tool
            rows.append(Row((_shared_run(shared),), gap=True))
            shared = []
        if pair is None:
            break
        gap = pair.kind in ("changed", "reworded") or (bool(rows) and len(rows[-1].cells) == 1 and not unified)
        if unified:
            lines = [c for c in (_side(pair, "a"), _side(pair, "b")) if c.plain]
            row_of[index] = len(rows)
            rows.append(Row((lines[0],), gap=gap))
            rows += [Row((line,)) for line in lines[1:]]
        else:
            row_of[index] = len(rows)
            rows.append(Row((_side(pair, "a"), _side(pair, "b")), gap=gap))
    return rows, row_of


def _compare(corpus: Corpus, a: str, b: str, unified: bool) -> tuple[ArticleDiff, list[Row], dict[int, int]]:
    result = diff_sources(corpus, a, b)
    return (result, *_rows(result, unified))


class DiffScreen(CorpusScreen):
    """Article A against article B; t switches to their claims."""

    BINDINGS = [BACK, *DIFF_BINDINGS]

    def __init__(self, a: str, b: str) -> None:
        super().__init__()
        self.a, self.b = a, b
        self.unified: bool | None = None  # None: by terminal width
        self.claims = False
        self.current = -1
        self.result: ArticleDiff | None = None
        self.row_of: dict[int, int] = {}

    def compose(self) -> ComposeResult:
        header, footer = self.header_footer()
        yield header
        yield Static(id="diff-summary", classes="hint")
        yield RowsView(id="diff-rows")
        yield VerticalScroll(id="diff-body")
        yield footer

    def on_mount(self) -> None:
        self.sub_title = "Diff"
        self._build()

    def _is_unified(self) -> bool:
        return self.unified if self.unified is not None else self.app.size.width < UNIFIED_BELOW

    def _build(self) -> None:
        body = self.query_one("#diff-body", VerticalScroll)
        rows_view = self.query_one("#diff-rows", RowsView)
        body.remove_children()
        self.current = -1
        body.display, rows_view.display = self.claims, not self.claims
        if self.claims:
            self._build_claims(body)
            return
        size = sum(len(self.corpus.texts.get(s, "")) for s in (self.a, self.b))
        if size <= INLINE_CHARS:
            self._show(self.a, self.b, *_compare(self.corpus, self.a, self.b, self._is_unified()))
            return
        self.query_one("#diff-summary", Static).update(Content(render.inert(f"Comparing {self.a} with {self.b}…")))
        self._compare_in_thread(self.a, self.b, self._is_unified())

    @work(thread=True, exclusive=True, group="diff")
    def _compare_in_thread(self, a: str, b: str, unified: bool) -> None:
        """Long articles are compared in a thread: two 5 MB articles take seconds and the UI keeps answering."""
        self.post_message(DiffReady(a, b, *_compare(self.corpus, a, b, unified)))

    def on_diff_ready(self, message: DiffReady) -> None:
        self._show(message.a, message.b, message.result, message.rows, message.row_of)

    def _show(self, a: str, b: str, result: ArticleDiff, rows: list[Row], row_of: dict[int, int]) -> None:
        if (a, b) != (self.a, self.b) or self.claims:
            return  # swapped or switched while computing
        corpus = self.corpus
        self.result, self.row_of = result, row_of
        s = result.summary()
        only_a, only_b = (_names(corpus, ids) for ids in (result.entities_only_a, result.entities_only_b))
        self.query_one("#diff-summary", Static).update(
            Content.assemble(
                ("A ", "bold red"),
                render.inert(source_line(corpus.sources.get(a))),
                "\n",
                ("B ", "bold green"),
                render.inert(source_line(corpus.sources.get(b))),
                "\n",
                f"{s['same']} shared · {s['changed']} changed · {s['reworded']} reworded · {s['only_a']} only in A · "
                f"{s['only_b']} only in B · "
                f"{s['trivial']} trivial suppressed   n/p: next/previous · w: swap · v: layout · t: claims\n",
                (NO_SHARED_TEXT + "\n", "bold yellow") if shares_nothing(s) else "",
                ("names only in A: ", "bold"),
                only_a,
                ("   only in B: ", "bold"),
                only_b,
            )
        )
        self.query_one("#diff-rows", RowsView).set_rows(rows)

    def _build_claims(self, body: VerticalScroll) -> None:
        corpus = self.corpus
        rows = diff_claims(corpus, self.a, self.b)
        counts = {k: sum(r.kind == k for r in rows) for k in CLAIM_KINDS}
        self.query_one("#diff-summary", Static).update(
            Content(
                f"Claims: {counts['both']} in both · {counts['differs']} differ · {counts['conflicting']} conflict · "
                f"{counts['only_a']} only in A · "
                f"{counts['only_b']} only in B   t: back to the text"
            )
        )
        widgets = []
        for summit, groups in claims_by_meeting(rows):  # a record is only set against its own meeting's
            meeting = corpus.summits.get(summit)
            title = render.inert(f"{meeting.label if meeting else summit}  ({summit})")
            widgets.append(Static(Content.styled(f"══ {title}", "bold underline"), classes="diff-row -meeting"))
            for kind, group, chosen in groups:
                widgets.append(Static(Content.styled(f"{group} ({len(chosen)})", "bold reverse"), classes="diff-row"))
                for r in chosen:
                    parts: list[Content] = [
                        Content.assemble((render.inert(corpus.label(r.country)), "bold"), f"  {r.what.value}")
                    ]
                    for side, records in (("A", r.a), ("B", r.b)):
                        for x in records:  # every record of each side
                            glyph, _w, style = render.STANCE_LOOK[x.stance.value]
                            parts.append(
                                Content.assemble(
                                    f"  {side} ",
                                    (f"{glyph} {x.stance.value}", style),
                                    "  “",
                                    (render.inert(x.quote), "italic"),
                                    "”",
                                )
                            )
                    widgets.append(Static(Content("\n").join(parts), classes=f"diff-row -{kind}"))
        body.mount_all(widgets)

    def _go(self, step: int) -> None:
        if self.claims or self.result is None or not self.result.differences:
            self.notify("No differences", timeout=2)
            return
        diffs = self.result.differences
        position = diffs.index(self.current) if self.current in diffs else (-1 if step > 0 else len(diffs))
        self.current = diffs[(position + step) % len(diffs)]
        self.query_one("#diff-rows", RowsView).show(self.row_of[self.current])

    def action_next(self) -> None:
        self._go(1)

    def action_previous(self) -> None:
        self._go(-1)

    def action_swap(self) -> None:
        self.a, self.b = self.b, self.a
        self.result = None
        self._build()

    def action_layout(self) -> None:
        self.unified = not self._is_unified()
        self._build()

    def action_claims(self) -> None:
        self.claims = not self.claims
        self._build()

    def action_back(self) -> None:
        self.dismiss()


class AcrossScreen(CorpusScreen):
    """A country's commitments from one meeting to the next: new, dropped, changed.

    The list on the left holds every meeting in date order; Space ticks or unticks one, and the
    comparison runs over the ticked meetings (two of them, or all the country took part in, by default).
    """

    BINDINGS = [BACK]

    def __init__(self, country: str) -> None:
        super().__init__()
        self.country = country

    def compose(self) -> ComposeResult:
        header, footer = self.header_footer()
        yield header
        yield Static(id="across-title", classes="title")
        with Horizontal():
            yield SelectionList[str](id="across-meetings")
            with VerticalScroll(id="across-scroll"):
                yield Static(id="across-body")
        yield footer

    def on_mount(self) -> None:
        corpus = self.corpus
        self.sub_title = "Across meetings"
        self.query_one("#across-title", Static).update(
            Content(
                f"{corpus.label(self.country)} from meeting to meeting   "
                "Space: tick/untick a meeting (compared in date order) · Esc: back"
            )
        )
        attended = {r.summit for r in corpus.by_country.get(self.country, [])}
        meetings = self.query_one("#across-meetings", SelectionList)
        meetings.border_title = "Meetings"
        self.meetings = [
            s
            for s in corpus.summits_by_date()
            if s.level is Level.LEADERS or s.id in attended  # ministers' and chiefs' meetings only where it spoke
        ]
        meetings.add_options(
            [Selection(self._prompt(s.label, s.id in attended), s.id, s.id in attended) for s in self.meetings]
        )
        meetings.highlighted = 0
        meetings.focus()
        self._show()

    @staticmethod
    def _prompt(label: str, ticked: bool) -> Content:
        """A meeting in the list: ticked ones read "[x]" as well as being coloured, so a monochrome
        terminal tells them apart."""
        return Content.assemble(("[x] " if ticked else "[ ] ", "bold" if ticked else "dim"), render.inert(label))

    def on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged) -> None:
        event.stop()
        meetings = self.query_one("#across-meetings", SelectionList)
        chosen = set(meetings.selected)
        for index, summit in enumerate(self.meetings):
            meetings.replace_option_prompt_at_index(index, self._prompt(summit.label, summit.id in chosen))
        self._show()

    def _show(self) -> None:
        corpus = self.corpus
        chosen = self.query_one("#across-meetings", SelectionList).selected
        parts: list[Content] = []
        look = {
            "new": ("+ new", "bold green"),
            "dropped": ("- dropped", "bold red"),
            "differs": ("~ differs", "yellow"),
            "not_reported": ("? not reported", "dim"),
            "changed": ("~ changed", "bold yellow"),
            "same": ("= same", "dim"),
        }
        for step in across_meetings(corpus, self.country, chosen):
            people = {}
            for summit in (step.before.id, step.after.id):
                ids = browse.people_of(corpus, self.country, summit)
                people[summit] = ", ".join(corpus.label(p) for p in ids) or "none named"
            parts.append(
                Content.assemble(
                    "\n",
                    (f"{step.before.label}  →  {step.after.label}", "bold reverse"),
                    "\n",
                    ("people  ", "bold"),
                    f"{people[step.before.id]}  →  {people[step.after.id]}",
                )
            )
            if not step.changes:
                parts.append(Content.styled("  attendance only: no commitments recorded at either meeting", "italic"))
            for change in step.changes:
                label, style = look[change.kind]
                before = "/".join(sorted({r.stance.value for r in change.before})) or "-"
                after = "/".join(sorted({r.stance.value for r in change.after})) or "-"
                parts.append(Content.assemble((f"  {label:<10}", style), f"{change.what.value}: {before} → {after}"))
                for r in (*change.before[:1], *change.after[:1]):
                    cited = render.inert(source_line(corpus.sources.get(r.source)))
                    parts.append(Content.assemble("      “", (render.inert(r.quote), "italic"), "”"))
                    parts.append(Content.styled(f"        — {cited}", "dim"))
        if not parts:
            parts.append(Content("Tick at least two meetings with records to compare them."))
        else:  # the whole run at a glance first: each kind's stance meeting by meeting
            wanted = set(chosen)
            mine = [r for r in corpus.by_country.get(self.country, []) if r.summit in wanted]
            parts.insert(0, render.timeline_strip(timeline(corpus, self.country, mine, all_levels=True)))
        self.query_one("#across-body", Static).update(Content("\n").join(parts))

    def action_back(self) -> None:
        self.dismiss()
