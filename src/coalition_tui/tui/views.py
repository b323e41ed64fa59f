"""The one registry of views: the app's modes, their number keys, the palette's "Go to" commands, the
help screen and README's keys table are all made from ``VIEWS``."""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding


@dataclass(frozen=True)
class View:
    """A view of the corpus: its mode name, key, title, where its screen is, and what it shows."""

    mode: str
    key: str
    title: str
    module: str  # coalition_tui.tui.<module>
    screen: str  # the Screen class in it
    shows: str

    @property
    def binding(self) -> Binding:
        return Binding(self.key, f"view('{self.mode}')", self.title, id=f"view.{self.mode}")


VIEWS: tuple[View, ...] = (
    View("overview", "1", "Overview", "overview", "OverviewScreen", "countries × meetings, the strongest stance in each cell"),
    View("countries", "2", "Countries", "countries", "CountriesScreen", "each country's people and records, meeting by meeting"),
    View("summits", "3", "Summits", "summits", "SummitsScreen", "the meetings: who came, what each country said, the sources"),
    View("sources", "4", "Sources", "sources", "SourcesScreen", "the articles, their text and records; new records from the text"),
    View("names", "5", "Names", "names", "NamesScreen", "every name seen and what it resolved to; names the gazetteer lacks"),
    View("problems", "6", "Problems", "problems", "ProblemsScreen", "every load error and warning"),
    View("review", "7", "Review", "review", "ReviewScreen", "the extracted candidates left to review"),
    View("selection", "8", "Selection", "selection", "SelectionScreen", "the selected records: what an export writes"),
)  # fmt: skip
