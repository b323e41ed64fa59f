"""Sources: the articles; the detail is the text with names highlighted and record quotes marked.

Moving through the article's records scrolls the text to each quote.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Static
from textual.widgets.data_table import RowDoesNotExist

from coalition_tui.analysis import browse, same_story
from coalition_tui.analysis.citation import short, source_line, when
from coalition_tui.store.derived import Change, Touched
from coalition_tui.store.model import Commitment
from coalition_tui.tui import render
from coalition_tui.tui.article import ArticleView
from coalition_tui.tui.base import CorpusScreen
from coalition_tui.tui.citing import CitingMixin
from coalition_tui.tui.keymap import CITE, DIFF_MARK, EDIT_CITATION, EDIT_RECORD, NEW_RECORD, SELECT
from coalition_tui.tui.messages import MentionsFound, StoriesFound
from coalition_tui.tui.widgets import Row, Table

LONG_ARTICLE = 50_000  # characters: longer articles have their names found in a worker


class SourcesScreen(CitingMixin, CorpusScreen):
    _finding_stories = False  # the same-story worker is running
    BINDINGS = [SELECT, DIFF_MARK, NEW_RECORD, EDIT_RECORD, EDIT_CITATION, CITE]

    def compose(self) -> ComposeResult:
        header, footer = self.header_footer()
        yield header
        with Horizontal(classes="panes"):
            yield Table(id="sources", cursor_type="row", zebra_stripes=True, classes="list-pane")
            with Vertical(classes="detail-pane"):
                yield Static(id="source-title", classes="title")
                yield Table(id="source-records", cursor_type="row")
                yield Static(render.mention_legend(), classes="hint")
                yield ArticleView(id="article")
        yield footer

    async def on_mount(self) -> None:
        self.sub_title = "Sources"
        self.source_id: str | None = None
        self.current_record: str | None = None
        table = self.query_one("#sources", Table)
        table.add_columns("Date", "Headline", "Outlet")  # the headline first: it says what the article is
        self._fill_sources()
        records = self.query_one("#source-records", Table)
        records.add_columns("Sel", "Stance", "Country", "Kind", "Origin")
        table.focus()
        wanted = self.capp.take_wanted_record()
        if wanted is not None:
            await self.open_record(wanted)
        elif table.row_count:
            await self._show_source(str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value))

    def _fill_sources(self) -> None:
        table = self.query_one("#sources", Table)
        table.fill(
            (
                (
                    render.plain(s.published.isoformat() if s.published else "-"),
                    render.plain(s.headline[:70]),
                    render.plain(short(s, s.id[:12]), "dim"),
                ),
                s.id,
            )
            for s in sorted(
                self.corpus.sources.values(),
                key=lambda s: (s.published.isoformat() if s.published else s.summit or "", s.id),
            )
        )

    async def open_record(self, record_id: str) -> None:
        """The record's article, scrolled to its quote, with the record current in the list."""
        record = self.corpus.record(record_id)
        if record is None or record.source not in self.corpus.sources:
            self.notify("That record is no longer in the corpus", timeout=3)
            return
        table = self.query_one("#sources", Table)
        table.finish_fill()
        with contextlib.suppress(RowDoesNotExist):
            table.move_cursor(row=table.get_row_index(record.source))
        await self._show_source(record.source)
        records = self.query_one("#source-records", Table)
        records.finish_fill()
        with contextlib.suppress(RowDoesNotExist):
            records.move_cursor(row=records.get_row_index(record_id))
        self.set_focus(records)
        self.current_record = record_id
        await self._render_article(scroll=True)

    def cited_record(self) -> Commitment | None:
        return self.corpus.record(self.current_record) if self.current_record else None

    def action_edit_citation(self) -> None:
        """M: correct the article's outlet, date, headline, author or URL."""
        from coalition_tui.tui.source_form import SourceForm

        if not self.acts_on_current() or self.source_id is None:
            return
        self.app.push_screen(SourceForm(self.source_id))

    def records(self) -> list[Commitment]:
        return sorted(self.corpus.by_source.get(self.source_id or "", []), key=lambda r: (r.start, r.id))

    async def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key is None:
            return
        if event.data_table.id == "sources":
            await self._show_source(str(event.row_key.value))
        else:
            self.current_record = str(event.row_key.value)
            await self._render_article(scroll=True)

    async def _show_source(self, source_id: str) -> None:
        if source_id == self.source_id:
            return
        self.source_id, self.current_record = source_id, None
        self.query_one("#source-title", Static).update(self._title(source_id))
        self._fill_records()
        await self._render_article(scroll=False)

    def _title(self, source_id: str) -> Text:
        """The headline; outlet · date · author · URL; file, meeting, sha256; the same story elsewhere."""
        source = self.corpus.sources[source_id]
        meeting = self.corpus.summits.get(source.summit or "")
        by = f" · {source.author}" if source.author else ""
        return Text.assemble(
            (render.inert(source.headline), "bold"),
            "\n",
            render.inert(f"{source.outlet or 'outlet unknown'} · {when(source)}{by} · "),
            (render.inert(source.url or "no URL"), "underline" if source.url else "dim"),
            ("   M: correct", "dim"),
            "\n",
            (
                render.inert(
                    f"{source.file} · {meeting.label if meeting else 'no meeting'} · sha256 {source.sha256[:12]}…"
                ),
                "dim",
            ),
            self._same_story_line(source_id),
        )

    def _same_story_line(self, source_id: str) -> Text:
        """ "Same story as …" when other articles share most of its sentences (a wire story); found in a
        worker the first time (every article's sentences are compared)."""
        found = same_story.known(self.corpus)
        if found is None:
            if not self._finding_stories:  # once: a move to the next article does not start it again
                self._finding_stories = True
                self._find_stories()
            return Text("")
        others = found.get(source_id, [])
        if not others:
            return Text("")
        shown = "; ".join(
            f"{source_line(self.corpus.sources.get(other))} ({share:.0%} of sentences)" for other, share in others[:2]
        )
        more = f" and {len(others) - 2} more" if len(others) > 2 else ""
        return Text.assemble("\n", ("same story as ", "bold yellow"), render.inert(shown + more))

    @work(thread=True, exclusive=True, group="stories", exit_on_error=False)
    def _find_stories(self) -> None:
        same_story.stories(self.corpus)
        self.post_message(StoriesFound())

    def on_stories_found(self, _message: StoriesFound) -> None:
        self._finding_stories = False
        if self.source_id is not None:
            self.query_one("#source-title", Static).update(self._title(self.source_id))

    def _fill_records(self) -> None:
        table = self.query_one("#source-records", Table)
        selected = self.capp.selection
        label = self.corpus.label

        def rows() -> Iterator[Row]:
            for r in self.records():
                glyph, _word, style = render.STANCE_LOOK[r.stance.value]
                yield (
                    (
                        render.plain("[x]" if r.id in selected else "[ ]"),
                        render.plain(f"{glyph} {r.stance.value}", style),
                        render.plain(label(r.country)),
                        render.plain(r.kind.value),
                        render.plain(r.origin.value),
                    ),
                    r.id,
                )

        table.fill(rows())  # a few hundred rows per frame: an article with 20,000 candidates opens at once

    async def _render_article(self, scroll: bool) -> None:
        """Set the article when the source changes; on a record move, mark the record reached and
        scroll to its quote. Only the rows on screen are ever painted (see :class:`ArticleView`)."""
        view = self.query_one("#article", ArticleView)
        if not scroll:
            source = self.source_id or ""
            text = self.corpus.texts.get(source, "")
            if len(text) <= LONG_ARTICLE:
                view.set_article(text, browse.mentions(self.corpus, source), self.records())
            else:  # shown at once, its names styled when a worker has found them
                view.set_article(text, (), self.records())
                self._find_mentions(source)
            return
        view.show_record(self.corpus.record(self.current_record) if self.current_record else None)  # no sort per key

    @work(thread=True, exclusive=True, group="mentions", exit_on_error=False)
    def _find_mentions(self, source: str) -> None:
        """The article's names, found off the UI thread (a long article takes a second), then styled."""
        self.post_message(MentionsFound(source, browse.mentions(self.corpus, source)))

    def on_mentions_found(self, message: MentionsFound) -> None:
        if message.source == self.source_id:
            self.query_one("#article", ArticleView).set_mentions(message.mentions)

    def refresh_selection(self) -> None:
        table = self.query_one("#source-records", Table)
        row = table.cursor_row
        self._fill_records()
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1))

    def action_toggle_selection(self) -> None:
        if self.focused and self.focused.id == "source-records" and self.current_record:
            self.toggle([r for r in self.records() if r.id == self.current_record])
        else:
            self.toggle(self.records())

    def action_diff(self) -> None:
        """The first d marks this article; d on another one compares the two."""
        from coalition_tui.tui.diff import DiffScreen

        marked = getattr(self, "marked", None)
        if marked is None or marked == self.source_id:
            self.marked = self.source_id
            same = browse.same_meeting(self.corpus, self.source_id or "")
            if same:
                listed = "; ".join(f"{s.outlet + ': ' if s.outlet else ''}{s.headline[:50]}" for s in same[:3])
                more = f" and {len(same) - 3} more" if len(same) > 3 else ""
                hint = f" Same meeting: {listed}{more}"
            else:
                hint = " No other article reports its meeting."
            source = self.corpus.sources.get(self.source_id or "")
            marked = source_line(source) if source else self.source_id
            self.notify(f"Marked {marked} as A: move to another article and press d.{hint}", timeout=8, markup=False)
            return
        self.marked = None
        self.app.push_screen(DiffScreen(marked, self.source_id or ""))

    def filters(self) -> dict[str, str]:
        return {"source": self.source_id or ""}

    def action_new_record(self) -> None:
        """n: a record quoting the sentence under the article's cursor (Tab to the article, ↑/↓)."""
        from coalition_tui.tui.record_form import RecordForm

        if not self.acts_on_current():
            return

        view = self.query_one("#article", ArticleView)
        if self.source_id is None:
            return
        if view.sentence is None:
            record = self.corpus.record(self.current_record) if self.current_record else None
            if record is None or self.focused is not self.query_one("#source-records", Table):
                view.focus()
                view.action_sentence(1)
                self.notify("Move to the sentence with ↑/↓, then press n again", timeout=4)
                return
            span = (record.start, record.end)
        else:
            span = view.sentence
        self.app.push_screen(RecordForm(self.source_id, *span), self._saved_new)

    def _saved_new(self, record: Commitment | None) -> None:
        if record is not None:
            self.notify(f"Saved {record.id} (curated) to {record.source}'s records file · u undoes it", timeout=5)

    def action_edit_record(self) -> None:
        """E: the current record's quote span, meeting, kind, stance, actor and person."""
        from coalition_tui.tui.record_form import RecordForm

        if not self.acts_on_current():
            return

        record = self.corpus.record(self.current_record) if self.current_record else None
        if record is None:
            self.notify("Move to a record in the list first (Tab)", timeout=3)
            return

        def saved(new: Commitment | None) -> None:
            if new is not None:
                self.notify(f"Saved {new.id} · u undoes it", timeout=4)

        self.app.push_screen(RecordForm(record.source, record.start, record.end, record), saved)

    def show_change(self, change: Change) -> None:
        """The article shown again with its records, the cursor on the record the change touched (the
        list of articles filled again when their citations changed)."""
        source, self.source_id = self.source_id, None
        if change.touched & Touched.SOURCES:
            table = self.query_one("#sources", Table)
            self._fill_sources()
            table.finish_fill()
            with contextlib.suppress(RowDoesNotExist):
                table.move_cursor(row=table.get_row_index(source or ""))
        self.mark_drawn()
        self.app.call_later(self._reshow, source or "", next(iter(sorted(change.records)), ""))

    async def _reshow(self, source: str, record_id: str) -> None:
        await self._show_source(source)
        table = self.query_one("#source-records", Table)
        for row, record in enumerate(self.records()):
            if record.id == record_id:
                table.move_cursor(row=row)
                break
