"""Key bindings as data, each with an id so a user keymap can remap it (``App.set_keymap``)."""

from __future__ import annotations

from textual.binding import Binding, BindingType

from coalition_tui.tui.views import VIEWS

APP_BINDINGS: list[BindingType] = [
    *(view.binding for view in VIEWS),
    Binding("plus", "add_articles", "Add articles", id="corpus.add", key_display="+"),
    Binding("e", "export", "Export", id="selection.export"),
    Binding("H", "report", "Report page (HTML)", id="selection.report", show=False),
    Binding("u", "undo", "Undo", id="app.undo"),
    Binding("X", "clear_selection", "Clear selection", id="selection.clear", show=False),
    Binding("question_mark", "help", "Help", id="app.help", key_display="?"),
    Binding("q", "quit", "Quit", id="app.quit"),
]

# Vim-style movement for every table, on top of the arrows, Home/End and Page keys.
TABLE_BINDINGS: list[BindingType] = [
    Binding("j", "cursor_down", "Down", id="table.down", show=False),
    Binding("k", "cursor_up", "Up", id="table.up", show=False),
    Binding("h", "cursor_left", "Left", id="table.left", show=False),
    Binding("l", "cursor_right", "Right", id="table.right", show=False),
    Binding("g", "scroll_top", "Top", id="table.top", show=False),
    Binding("G", "scroll_bottom", "Bottom", id="table.bottom", show=False),
]

# A list too long to show at once (the review queue, a cell's evidence) is shown a part at a time.
WINDOW_BINDINGS: list[BindingType] = [
    Binding(
        "right_square_bracket", "next_window", "Next part of a long list", id="list.next", key_display="]", show=False
    ),
    Binding("left_square_bracket", "previous_window", "Previous part", id="list.previous", key_display="[", show=False),
]

SELECT = Binding("space", "toggle_selection", "Select", id="selection.toggle")
FILTER = Binding("slash", "filter", "Filter", id="list.filter", key_display="/")
CLEAR = Binding("escape", "clear_filter", "Clear", id="list.clear", show=False)
OPEN = Binding("enter", "open", "Evidence", id="overview.open")
BACK = Binding("escape", "back", "Back", id="screen.back")
SORT = Binding("s", "sort_score", "Sort by score", id="names.sort")
MAP_NAME = Binding("m", "map_name", "Map to entity", id="names.map")
ADD_PERSON = Binding("p", "add_person", "Add person", id="names.person")
UNRESOLVED = Binding("x", "unresolved", "Only unknown", id="names.unresolved")
ACROSS = Binding("a", "across", "Across meetings", id="country.across")
LEVELS = Binding("L", "levels", "All levels", id="overview.levels")
KIND_FILTER = Binding("K", "kind", "Kind", id="overview.kind")
DIFF_MARK = Binding("d", "diff", "Diff: mark / compare", id="sources.diff")
NEW_RECORD = Binding("n", "new_record", "New record", id="sources.new_record")
EDIT_RECORD = Binding("E", "edit_record", "Edit record", id="sources.edit_record")
NEW_MEETING = Binding("n", "new_meeting", "New meeting", id="summits.new")
ALL_RECORDS = Binding("enter", "open", "Records", id="countries.open")
CITE = Binding("y", "copy_citation", "Copy citation", id="record.cite")
OPEN_ARTICLE = Binding("o", "open_article", "Article at quote", id="record.open")
EDIT_CITATION = Binding("M", "edit_citation", "Edit outlet/date/headline", id="sources.citation")
# Countries, once Enter browses a country's records (priority: before the list's own keys).
RECORD_BINDINGS: list[BindingType] = [
    Binding("j,down", "records_move(1)", "Next record", id="records.down", show=False, priority=True),
    Binding("k,up", "records_move(-1)", "Previous record", id="records.up", show=False, priority=True),
    Binding("pagedown", "records_page(1)", "Page down", id="records.page_down", show=False, priority=True),
    Binding("pageup", "records_page(-1)", "Page up", id="records.page_up", show=False, priority=True),
    Binding("g,home", "records_ends(0)", "First record", id="records.first", show=False, priority=True),
    Binding("G,end", "records_ends(1)", "Last record", id="records.last", show=False, priority=True),
    Binding("space", "records_toggle", "Select record", id="records.select", priority=True),
    Binding("enter,o", "records_open", "Article at quote", id="records.open", priority=True),
    Binding("y", "records_cite", "Copy citation", id="records.cite", priority=True),
    Binding("escape", "records_leave", "Back to the list", id="records.back", priority=True),
]
DIFF_BINDINGS: list[BindingType] = [
    Binding("n", "next", "Next difference", id="diff.next"),
    Binding("p", "previous", "Previous", id="diff.previous"),
    Binding("w", "swap", "Swap sides", id="diff.swap"),
    Binding("v", "layout", "Unified / side by side", id="diff.layout"),
    Binding("t", "claims", "Text / claims", id="diff.claims"),
]

AGREE_BINDINGS: list[BindingType] = [
    Binding("t", "take", "Take theirs", id="agree.take"),
    Binding("m", "keep", "Keep mine (this copy's)", id="agree.keep"),
]

REVIEW_BINDINGS: list[BindingType] = [
    Binding("a", "accept", "Accept", id="review.accept"),
    Binding("r", "reject", "Reject / restore", id="review.reject"),
    Binding("n", "unsure", "Unsure", id="review.unsure"),
    Binding("E", "edit", "Edit", id="review.edit"),
    Binding("x", "toggle_rejected", "Queue / unsure / rejected", id="review.rejected"),
    Binding("c", "confidence_band", "Confidence band", id="review.band"),
    Binding("s", "sort", "Sort", id="review.sort"),
    Binding("A", "decide_all('accept')", "Accept all listed", id="review.accept_all", show=False),
    Binding("R", "decide_all('reject')", "Reject (restore) all listed", id="review.reject_all", show=False),
]
