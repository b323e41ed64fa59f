"""Names: every surface form seen in the corpus, what it resolved to, how and how surely."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from coalition_tui.analysis import browse
from coalition_tui.store.derived import Change
from coalition_tui.store.normalize import fold
from coalition_tui.tui import render
from coalition_tui.tui.base import CorpusScreen, FilterMixin
from coalition_tui.tui.keymap import ADD_PERSON, MAP_NAME, SORT, UNRESOLVED
from coalition_tui.tui.messages import NamesCollected, WorkFailed, WorkProgress
from coalition_tui.tui.widgets import FilterInput, Table

COLUMNS = ("As written", "Entity", "Kind", "Score", "Method", "Seen", "Sources")


class NamesScreen(FilterMixin, CorpusScreen):
    BINDINGS = [*FilterMixin.BINDINGS, SORT, MAP_NAME, ADD_PERSON, UNRESOLVED]

    def compose(self) -> ComposeResult:
        header, footer = self.header_footer()
        yield header
        with Vertical():
            yield Static(id="names-hint", classes="hint")
            yield FilterInput(placeholder="filter names or entities…", id="filter")
            yield Table(id="names", cursor_type="row", zebra_stripes=True)
        yield footer

    def on_mount(self) -> None:
        self.sub_title = "Names"
        self.rows: list[browse.NameRow] = []
        self.shown: list[browse.NameRow] = []
        self.ascending = True
        self.unresolved_only = False
        table = self.query_one("#names", Table)
        for column in COLUMNS:
            table.add_column(column, key=column)
        table.focus()
        self.query_one("#names-hint", Static).update(Text(f"Collecting names from {len(self.corpus.sources)} sources…"))
        self.collect()

    @work(thread=True, exclusive=True, group="names", description="Collecting names")
    def collect(self) -> None:
        """Every source's mentions: seconds on a big corpus, so off the UI thread."""

        def progress(done: int, total: int) -> None:
            self.post_message(WorkProgress("sources", done, total))

        try:
            rows = browse.names_seen(self.corpus, progress)
        except (OSError, RuntimeError) as exc:  # worker processes could not start or died (BrokenProcessPool)
            self.post_message(WorkFailed(f"Could not collect the names: {exc}"))
            return
        self.post_message(NamesCollected(rows))

    def on_work_progress(self, message: WorkProgress) -> None:
        what = "Extracting again" if message.stage == "reextract" else "Collecting names"
        self.query_one("#names-hint", Static).update(Text(f"{what}: {message.done} of {message.total} sources…"))

    def on_work_failed(self, message: WorkFailed) -> None:
        self.query_one("#names-hint", Static).update(Text(message.reason, style="bold red"))

    def on_names_collected(self, message: NamesCollected) -> None:
        self.rows = message.rows
        self.apply_filter(self.filter_box().value)

    def apply_filter(self, text: str) -> None:
        wanted = fold(text)
        rows = [r for r in self.rows if not wanted or wanted in fold(r.written) or wanted in fold(r.label)]
        if self.unresolved_only:
            rows = [r for r in rows if r.kind == browse.UNKNOWN_PERSON]
        rows.sort(key=lambda r: (r.score, r.written), reverse=not self.ascending)
        self.shown = rows
        table = self.query_one("#names", Table)
        table.fill((_cells(r), str(i)) for i, r in enumerate(rows))
        order = "lowest score first" if self.ascending else "highest score first"
        fuzzy = sum(r.method == "fuzzy" for r in rows)
        unknown = sum(r.kind == browse.UNKNOWN_PERSON for r in rows)
        self.query_one("#names-hint", Static).update(
            Text(
                f"{len(rows)} surface forms, {unknown} the gazetteer lacks (red), {fuzzy} matched by similarity "
                f"(yellow), {order}. m: map to an entity · p: add as a person · x: only those it lacks · "
                "s: reverse · /: filter"
            )
        )

    def focus_list(self) -> None:
        self.query_one("#names", Table).focus()

    def action_sort_score(self) -> None:
        self.ascending = not self.ascending
        self.apply_filter(self.filter_box().value)

    def current(self) -> browse.NameRow | None:
        table = self.query_one("#names", Table)
        if not table.row_count or not self.shown:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return self.shown[int(str(key))] if key is not None else None

    def action_unresolved(self) -> None:
        self.unresolved_only = not self.unresolved_only
        self.apply_filter(self.filter_box().value)

    def action_map_name(self) -> None:
        """m: the name under the cursor becomes an alias of an entity the gazetteer has."""
        from coalition_tui.tui.name_form import AliasForm

        if not self.acts_on_current():
            return
        row = self.current()
        if row is None:
            return
        guess = "" if row.kind == browse.UNKNOWN_PERSON else row.label
        self.app.push_screen(AliasForm(row.written, guess), lambda entity: self._taught(entity, row.written))

    def action_add_person(self) -> None:
        """p: the name under the cursor is a person the gazetteer lacks."""
        from coalition_tui.tui.name_form import PersonForm

        if not self.acts_on_current():
            return
        row = self.current()
        if row is None:
            return
        country = self.corpus.gazetteer.country_of(row.entity)
        self.app.push_screen(
            PersonForm(row.written, country.id if country else ""), lambda entity: self._taught(entity, row.written)
        )

    def _taught(self, entity: str | None, written: str) -> None:
        if entity is None:
            return
        self.notify(
            f"Saved: names now resolve to {self.corpus.label(entity)} · collecting the names again",
            timeout=5,
            markup=False,
        )
        self._offer_reextract(written)

    # ------------------------------------------------------------------ teaching pays back
    @work(thread=True, exclusive=True, group="reextract-find")
    def _offer_reextract(self, written: str) -> None:
        """Which articles mention the name just taught (a scan of every text: off the UI thread)."""
        from coalition_tui.actions.reextract import mentioning

        sources = mentioning(self.corpus, written)
        if sources:
            self.app.call_from_thread(self._ask_reextract, written, sources)

    def _ask_reextract(self, written: str, sources: list[str]) -> None:
        from coalition_tui.tui.dialogs import ConfirmScreen

        question = (
            f"{len(sources)} article(s) mention “{written}”. Extract them again with what you just taught? "
            "Every decision already made is kept; only the candidates nobody decided are proposed afresh."
        )

        def answered(yes: bool | None) -> None:
            if yes:
                self._reextract(sources)

        self.app.push_screen(ConfirmScreen(question, yes=f"Yes, extract {len(sources)} again"), answered)

    @work(thread=True, exclusive=True, group="reextract")
    def _reextract(self, sources: list[str]) -> None:
        """Extract again, then read the corpus again (the views are rebuilt on it)."""
        from coalition_tui.actions.opening import open_corpus
        from coalition_tui.actions.reextract import reextract
        from coalition_tui.tui.loading import keep_out_of_collections, prepare_views

        corpus = self.corpus

        def progress(done: int, total: int) -> None:
            self.post_message(WorkProgress("reextract", done, total))

        result = reextract(corpus, sources, progress)
        fresh = None
        if result.sources:
            try:
                fresh = prepare_views(open_corpus(corpus.root))
            finally:
                keep_out_of_collections()
        self.app.call_from_thread(self._reextracted, result, fresh)

    def _reextracted(self, result: object, fresh: object) -> None:
        from coalition_tui.actions.reextract import Reextracted

        assert isinstance(result, Reextracted)
        if fresh is not None:
            self.capp.replace_corpus(fresh)  # type: ignore[arg-type]
        problems = f" · {len(result.problems)} problem(s), the first: {result.problems[0]}" if result.problems else ""
        self.app.notify(
            f"Extracted again: {result.line()}{problems} (7: Review)",
            severity="warning" if result.problems else "information",
            timeout=10,
            markup=False,
        )

    def show_change(self, change: Change) -> None:
        """The names are collected again (what the change made stale is found again, the rest is kept)."""
        self.collect()
        self.mark_drawn()

    def on_data_table_header_selected(self, event: DataTable.HeaderSelected) -> None:
        if str(event.column_key.value) == "Score":
            self.action_sort_score()


def _cells(r: browse.NameRow) -> tuple[Text, ...]:
    unknown = r.kind == browse.UNKNOWN_PERSON
    style = "bold red" if unknown else "bold yellow" if r.method == "fuzzy" else ""
    return (
        render.plain(r.written, style),
        render.plain(
            (f"? a person of {r.label}" if r.entity else "? a person (country unknown)") if unknown else r.label,
            style if unknown else "",
        ),
        render.plain(r.kind),
        render.plain(f"{r.score:5.1f}", style),
        render.plain(r.method, style),
        render.plain(str(r.count)),
        render.plain(", ".join(s[:3] for s in r.sources)),
    )
