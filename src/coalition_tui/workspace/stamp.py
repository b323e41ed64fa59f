"""A cheap fingerprint of a data folder, to notice what another process wrote.

Every write to a corpus is a new file renamed into its folder (atomic writes), which changes that
folder's modification time; so the times of the data folder and its few sub-folders say whether
anything was written since, with a handful of ``stat`` calls whatever the corpus's size.
"""

from __future__ import annotations

import os
from pathlib import Path

WATCHED = ("", "commitments", "gazetteer", "articles")

Stamp = tuple[tuple[int, int], ...]


def folder_stamp(root: Path) -> Stamp:
    """(inode, modification time in ns) of the data folder and each watched sub-folder (0s if missing)."""
    out = []
    for name in WATCHED:
        try:
            info = os.stat(root / name if name else root)
            out.append((info.st_ino, info.st_mtime_ns))
        except OSError:
            out.append((0, 0))
    return tuple(out)
