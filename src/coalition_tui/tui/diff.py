"""Diff views: two articles side by side (or unified when narrow), their claims, a country over time."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from coalition_tui.corpus import Corpus
from coalition_tui.diffing import ArticleDiff, Pair, across_meetings, diff_claims, diff_sources
from coalition_tui.tui import render
from coalition_tui.tui.base import CorpusScreen
from coalition_tui.tui.keymap import BACK, DIFF_BINDINGS

UNIFIED_BELOW = 100  # columns: narrower terminals get the unified layout
FIRST_BATCH = 12  # rows mounted before the first paint; the rest follow in batches
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
    return Content.styled(f"═ {len(pairs)} shared sentence(s){note}: “{render.inert(preview)}”", "dim italic")


def _side(pair: Pair, side: str) -> Content:
    sentence = pair.a if side == "a" else pair.b
    if sentence is None:
        return Content("")
    if pair.kind in SIDE_STYLE:
        mark = "◀ only in A  " if pair.kind == "only_a" else "▶ only in B  "
        return Content.assemble(
            (mark, "bold " + SIDE_STYLE[pair.kind]), (render.inert(sentence.text), SIDE_STYLE[pair.kind])
        )
    if pair.kind != "changed":
        return Content.styled(render.inert(sentence.text), "dim")
    parts: list[str | tuple[str, str]] = [(f"~ {pair.similarity:.0f}%  ", "bold yellow")]
    for w in pair.words:
        text = w.a if side == "a" else w.b
        if not text:
            continue
        parts += [(render.inert(text), "" if w.op == "equal" else (DELETED if side == "a" else INSERTED)), " "]
    return Content.assemble(*parts)


class DiffScreen(CorpusScreen):
    """Article A against article B; t switches to their claims."""

    BINDINGS = [BACK, *DIFF_BINDINGS]

    def __init__(self, a: str, b: str) -> None:
        super().__init__()
        self.a, self.b = a, b
        self.unified: bool | None = None  # None: by terminal width
        self.claims = False
        self.current = -1

    def compose(self) -> ComposeResult:
        header, footer = self.header_footer()
        yield header
        yield Static(id="diff-summary", classes="hint")
        yield VerticalScroll(id="diff-body")
        yield footer

    def on_mount(self) -> None:
        self.sub_title = "Diff"
        self._build()

    def _is_unified(self) -> bool:
        return self.unified if self.unified is not None else self.app.size.width < UNIFIED_BELOW

    def _build(self) -> None:
        corpus = self.corpus
        body = self.query_one("#diff-body", VerticalScroll)
        body.remove_children()
        self.current = -1
        if self.claims:
            self._build_claims(body)
            return
        self.result: ArticleDiff = diff_sources(corpus, self.a, self.b)
        s = self.result.summary()
        only_a, only_b = (_names(corpus, ids) for ids in (self.result.entities_only_a, self.result.entities_only_b))
        self.query_one("#diff-summary", Static).update(
            Content.assemble(
                ("A ", "bold red"),
                self.a,
                ("  B ", "bold green"),
                self.b,
                "\n",
                f"{s['same']} shared · {s['changed']} changed · {s['only_a']} only in A · {s['only_b']} only in B · "
                f"{s['trivial']} trivial suppressed   n/p: next/previous · w: swap · u: layout · t: claims\n",
                ("names only in A: ", "bold"),
                only_a,
                ("   only in B: ", "bold"),
                only_b,
            )
        )
        rows: list[Widget] = []
        self.row_of: dict[int, Widget] = {}
        shared: list[Pair] = []
        for index, pair in enumerate([*self.result.pairs, None]):
            if pair is not None and pair.kind in {"same", "trivial"}:
                shared.append(pair)
                continue
            if shared:  # a run of shared sentences collapses to one line, as context in a diff tool
                rows.append(Static(_shared_run(shared), classes="diff-row -same"))
                shared = []
            if pair is None:
                break
            if self._is_unified():
                lines = [c for c in (_side(pair, "a"), _side(pair, "b")) if c.plain]
                row: Widget = Static(Content("\n").join(lines), classes=f"diff-row -{pair.kind}")
            else:
                row = Horizontal(
                    Static(_side(pair, "a"), classes="diff-a"),
                    Static(_side(pair, "b"), classes="diff-b"),
                    classes=f"diff-row -{pair.kind}",
                )
            rows.append(row)
            self.row_of[index] = row
        self.rows = rows
        self._mount_batches(body, rows)

    def _mount_batches(self, body: VerticalScroll, rows: list[Widget]) -> None:
        """Mount the first screenful at once and the rest in batches: the diff paints at once, even for long articles."""
        body.mount_all(rows[:FIRST_BATCH])
        rest = rows[FIRST_BATCH:]
        if rest:
            self.call_after_refresh(self._mount_batches, body, rest)

    def _build_claims(self, body: VerticalScroll) -> None:
        corpus = self.corpus
        rows = diff_claims(corpus, self.a, self.b)
        counts = {k: sum(r.kind == k for r in rows) for k in ("both", "conflicting", "only_a", "only_b")}
        self.query_one("#diff-summary", Static).update(
            Content(
                f"Claims: {counts['both']} in both · {counts['conflicting']} conflicting · {counts['only_a']} only in A · "
                f"{counts['only_b']} only in B   t: back to the text"
            )
        )
        widgets = []
        for title, kind in (
            ("Conflicting", "conflicting"),
            ("Only in A", "only_a"),
            ("Only in B", "only_b"),
            ("In both", "both"),
        ):
            chosen = [r for r in rows if r.kind == kind]
            if not chosen:
                continue
            widgets.append(Static(Content.styled(f"{title} ({len(chosen)})", "bold reverse"), classes="diff-row"))
            for r in chosen:
                parts: list[Content] = [Content.assemble((corpus.label(r.country), "bold"), f"  {r.what.value}")]
                for side, records in (("A", r.a), ("B", r.b)):
                    for x in records[:1]:
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
        if self.claims or not self.result.differences:
            self.notify("No differences", timeout=2)
            return
        diffs = self.result.differences
        position = diffs.index(self.current) if self.current in diffs else (-1 if step > 0 else len(diffs))
        self.current = diffs[(position + step) % len(diffs)]
        for row in self.rows:
            row.remove_class("-current")
        target = self.row_of[self.current]
        target.add_class("-current")
        self.query_one("#diff-body", VerticalScroll).scroll_to_widget(target, top=True, animate=False)

    def action_next(self) -> None:
        self._go(1)

    def action_previous(self) -> None:
        self._go(-1)

    def action_swap(self) -> None:
        self.a, self.b = self.b, self.a
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
    """A country's commitments from one meeting to the next: new, dropped, changed."""

    BINDINGS = [BACK]

    def __init__(self, country: str) -> None:
        super().__init__()
        self.country = country

    def compose(self) -> ComposeResult:
        header, footer = self.header_footer()
        yield header
        with Vertical():
            yield Static(id="across-title", classes="title")
            with VerticalScroll():
                yield Static(id="across-body")
        yield footer

    def on_mount(self) -> None:
        corpus = self.corpus
        self.sub_title = "Across meetings"
        self.query_one("#across-title", Static).update(
            Content(f"{corpus.label(self.country)} from meeting to meeting   Esc: back")
        )
        parts: list[Content] = []
        look = {
            "new": ("+ new", "bold green"),
            "dropped": ("- dropped", "bold red"),
            "changed": ("~ changed", "bold yellow"),
            "same": ("= same", "dim"),
        }
        for step in across_meetings(corpus, self.country):
            people = {}
            for summit in (step.before.id, step.after.id):
                ids = dict.fromkeys(r.person for r in corpus.filter(country=self.country, summit=summit) if r.person)
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
                    parts.append(Content.assemble("      “", (render.inert(r.quote), "italic"), f"”  {r.source[:3]}"))
        if not parts:
            parts.append(Content("Records at fewer than two meetings: nothing to compare."))
        self.query_one("#across-body", Static).update(Content("\n").join(parts))

    def action_back(self) -> None:
        self.dismiss()
