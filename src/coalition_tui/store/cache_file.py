"""Where the cache file lives, and how it is read safely: a private folder of this user, and an
unpickler that accepts only the classes a cache file holds."""

from __future__ import annotations

import os
import pickle
import stat
from pathlib import Path
from typing import Any

CACHE_ENV = "COALITION_TUI_CACHE"


def cache_dir() -> Path:
    env = os.environ.get(CACHE_ENV)
    if env:
        return Path(env)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "coalition-tui"


def private_dir() -> Path | None:
    """The cache folder, created 0700 if missing; None (no cache, read or written) unless it is a
    folder of this user that nobody else can write: a cache that someone else can replace is not read."""
    folder = cache_dir()
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = folder.stat()
    except OSError:
        return None
    if not stat.S_ISDIR(info.st_mode):
        return None
    if hasattr(os, "getuid") and (info.st_uid != os.getuid() or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)):
        return None
    return folder


class SafeUnpickler(pickle.Unpickler):
    """Unpickles only the classes a cache file holds (this package's, pathlib, datetime, collections,
    pydantic's and plain containers): a forged cache cannot name ``os.system`` or ``builtins.eval``."""

    _BUILTINS = frozenset(
        {
            "set",
            "frozenset",
            "dict",
            "list",
            "tuple",
            "str",
            "bytes",
            "int",
            "float",
            "bool",
            "complex",
            "slice",
            "range",
            "object",
        }
    )
    _MODULES = ("coalition_tui.", "pydantic.", "pydantic_core.")
    _STDLIB = frozenset({"pathlib", "datetime", "collections", "enum", "copyreg", "decimal"})
    _STDLIB_NAMES = frozenset({"_reconstructor", "__newobj__", "_make_dataclass"})

    def find_class(self, module: str, name: str) -> Any:
        if module == "builtins" and name in self._BUILTINS:
            return super().find_class(module, name)
        if module.startswith(self._MODULES) or module in self._STDLIB:
            if module == "copyreg" and name != "_reconstructor":
                raise pickle.UnpicklingError(f"refused {module}.{name}")
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"the cache names {module}.{name}, which a cache never holds")
