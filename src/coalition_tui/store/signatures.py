"""The digests of unchanged files, without reading them again (as git's index does).

Opening a big corpus from the cache hashed every file (20,000 files at 10,000 articles: about 2 s).
A file whose size, modification time and inode are those it had when it was last hashed has the
same content, unless it was written again within the same clock tick: so a signature is taken
*before* the file is read, and one whose modification time was under :data:`RACY` seconds old at that
moment is not trusted (the file is hashed again next time). The table lives beside the cache file,
in the same private folder, and holds only plain values.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import pickle
import stat
import time
from pathlib import Path

from coalition_tui.store.cache_file import SafeUnpickler, private_dir
from coalition_tui.store.tomlio import MAX_TOML_BYTES, read_regular, write_bytes_atomic

RACY = 2.0  # seconds: a file modified this recently when it was signed may change within its mtime tick
MAX_TABLE_BYTES = 64 * 1024 * 1024

Signature = tuple[int, int, int]  # size, mtime in ns, inode


class Signatures:
    """Path -> (signature, digest, trusted) for one data folder."""

    def __init__(self, where: Path | None, table: dict[str, tuple[Signature, bytes, bool]]) -> None:
        self.where = where
        self.table = table
        self.changed = False

    @classmethod
    def load(cls, root: Path) -> Signatures:
        folder = private_dir()
        name = hashlib.sha256(str(root).encode("utf-8", "surrogateescape")).hexdigest()[:20] + ".sig"
        where = folder / name if folder else None
        table: dict[str, tuple[Signature, bytes, bool]] = {}
        if where is not None:
            try:
                loaded = SafeUnpickler(io.BytesIO(read_regular(where, MAX_TABLE_BYTES))).load()
                if isinstance(loaded, dict):
                    table = loaded
            except Exception:  # missing, truncated, another format: every file is hashed again
                table = {}
        return cls(where, table)

    def digest(self, path: Path) -> bytes:
        """sha256 of ``path``'s content (``OSError`` when it cannot be read)."""
        info = os.stat(path)
        signature = (info.st_size, info.st_mtime_ns, info.st_ino)
        key = str(path)
        known = self.table.get(key)
        if stat.S_ISREG(info.st_mode) and known is not None and known[0] == signature and known[2]:
            return known[1]
        value = hashlib.sha256(read_regular(path, MAX_TOML_BYTES)).digest()
        trusted = time.time_ns() - info.st_mtime_ns > RACY * 1e9
        if known != (signature, value, trusted):
            self.table[key] = (signature, value, trusted)
            self.changed = True
        return value

    def save(self) -> None:
        if self.where is None or not self.changed:
            return
        with contextlib.suppress(OSError):  # no table this time: the next open hashes the files
            write_bytes_atomic(self.where, pickle.dumps(self.table, protocol=pickle.HIGHEST_PROTOCOL), durable=False)
