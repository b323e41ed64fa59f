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
        self.query_one("#names-hint", Static).update(
            Text(f"Collecting names: {message.done} of {message.total} sources…")
        )

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
        self.app.push_screen(AliasForm(row.written, guess), self._taught)

    def action_add_person(self) -> None:
        """p: the name under the cursor is a person the gazetteer lacks."""
        from coalition_tui.tui.name_form import PersonForm

        if not self.acts_on_current():
            return
        row = self.current()
        if row is None:
            return
        country = self.corpus.gazetteer.country_of(row.entity)
        self.app.push_screen(PersonForm(row.written, country.id if country else ""), self._taught)

    def _taught(self, entity: str | None) -> None:
        if entity is None:
            return
        self.notify(f"Saved: names now resolve to {self.corpus.label(entity)} · collecting the names again", timeout=5)

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
        render.plain(f"? a person of {r.label}" if unknown else r.label, style if unknown else ""),
        render.plain(r.kind),
        render.plain(f"{r.score:5.1f}", style),
        render.plain(r.method, style),
        render.plain(str(r.count)),
        render.plain(", ".join(s[:3] for s in r.sources)),
    )
