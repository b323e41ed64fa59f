"""``init``: a corpus of one's own, a copy of the bundled one, made whole or not at all.

The copy is made in a staging folder of its own (a unique name beside the target), then renamed onto
the target in one step. Two ``init`` of one folder at once: one wins, the other is told the folder is
taken and leaves nothing behind; a copy stopped half way never shows up as a corpus.
"""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from pathlib import Path

from coalition_tui.store.errors import CoalitionError
from coalition_tui.store.paths import bundled_data_dir
from coalition_tui.store.tomlio import umask


class InitError(CoalitionError):
    """A one-line reason no corpus was made."""


def init_corpus(target: Path) -> Path:
    """Copy the bundled corpus to ``target`` (a new or empty folder). Raises :class:`InitError`."""
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise InitError(f"{target} exists and is not empty; name a new folder")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.init-", dir=target.parent))
    except OSError as exc:
        raise InitError(f"cannot write {target.parent}: {exc.strerror or exc}") from None
    try:
        shutil.copytree(
            bundled_data_dir(), staging, ignore=shutil.ignore_patterns(".*", "__pycache__"), dirs_exist_ok=True
        )
        os.chmod(staging, 0o777 & ~umask())  # mkdtemp made it private; a corpus folder is an ordinary one
        os.rename(staging, target)  # onto a missing or empty folder only: all or nothing
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        if exc.errno in (errno.ENOTEMPTY, errno.EEXIST):
            raise InitError(f"{target} exists and is not empty (made meanwhile?); name a new folder") from None
        raise InitError(f"cannot write {target}: {exc.strerror or exc}") from None
    return target
