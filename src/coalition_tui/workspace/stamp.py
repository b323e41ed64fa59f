"""A cheap fingerprint of a data folder, to notice what another process wrote.

Every write coalition-tui makes is a new file renamed into its folder (atomic writes), which changes
that folder's modification time; so the times of the data folder and its few sub-folders say whether
anything was written since, with a handful of ``stat`` calls whatever the corpus's size. The few
files a person edits by hand in place (an editor that does not rename) are stat'ed too: ``sources.toml``,
``summits.toml`` and the gazetteer's files. A records file edited in place is not noticed.
"""

from __future__ import annotations

import os
from pathlib import Path

WATCHED = ("", "commitments", "gazetteer", "articles", "sources.toml", "summits.toml", "gazetteer/countries.toml",
           "gazetteer/people.toml", "gazetteer/organizations.toml", "gazetteer/aliases.toml")  # fmt: skip

Stamp = tuple[tuple[int, int], ...]


def folder_stamp(root: Path) -> Stamp:
    """(inode, modification time in ns) of the data folder and each watched sub-folder and file (0s
    if missing)."""
    out = []
    for name in WATCHED:
        try:
            info = os.stat(root / name if name else root)
            out.append((info.st_ino, info.st_mtime_ns))
        except OSError:
            out.append((0, 0))
    return tuple(out)
