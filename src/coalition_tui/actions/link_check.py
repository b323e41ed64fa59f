"""``sources check``: do the sources' URLs still answer, with the page that was kept?

Each URL is fetched as ``ingest`` fetches (bounded in time, size, type and redirects); its bytes'
sha256 is compared with the original kept at ingest. Nothing in the corpus is changed: the kept text
and its records stay what they were.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from coalition_tui.actions.fetch import Fetched, FetchError, fetch
from coalition_tui.store.loader import Progress
from coalition_tui.store.model import Source


@dataclass(frozen=True)
class LinkStatus:
    source: str
    url: str
    state: str  # "same", "changed", "answers" (nothing kept to compare with), "gone"
    detail: str = ""

    @property
    def line(self) -> str:
        words = {
            "same": "answers with the page that was kept",
            "changed": "answers, but the page changed since it was kept (new sha256)",
            "answers": "answers (no original kept to compare with)",
            "gone": "does not answer",
        }
        return f"{self.source}: {self.url}: {words[self.state]}" + (f": {self.detail}" if self.detail else "")


def check_links(
    sources: list[Source], get: Callable[[str], Fetched] = fetch, progress: Progress | None = None
) -> list[LinkStatus]:
    """A status per source that has a URL, in the order given."""
    found = []
    with_url = [s for s in sources if s.url]
    for n, source in enumerate(with_url):
        if progress:
            progress("checking links", n, len(with_url))
        try:
            page = get(source.url)
        except FetchError as exc:
            found.append(LinkStatus(source.id, source.url, "gone", str(exc).removeprefix(f"{source.url}: ")))
            continue
        digest = hashlib.sha256(page.body).hexdigest()
        same = digest == source.original_sha256
        state = ("same" if same else "changed") if source.original_sha256 else "answers"
        found.append(LinkStatus(source.id, source.url, state, f"sha256 {digest[:12]}…" if state == "changed" else ""))
    return found
