"""Problems found while loading data: where they are, what is wrong, what to do."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from coalition_tui.store.errors import CoalitionError


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Problem:
    """One load problem. ``str()`` gives the one-line message shown to the user."""

    file: str
    message: str
    line: int | None = None
    record: str | None = None
    field: str | None = None
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        parts = [f"{where}: {self.severity.value}"]
        if self.record:
            parts.append(f"record {self.record!r}")
        if self.field:
            parts.append(f"field {self.field!r}")
        return " ".join(parts) + f": {self.message}"

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "record": self.record,
            "field": self.field,
            "severity": self.severity.value,
            "message": self.message,
        }


def display_path(path: Path, base: Path | None = None) -> str:
    """A path as the user should see it: relative to ``base`` (or the cwd) when possible."""
    for root in (base, Path.cwd()):
        if root is None:
            continue
        try:  # the folder resolved, not the file: a symbolic link is shown as itself (and may loop)
            return str((path.parent.resolve() / path.name).relative_to(root.resolve()))
        except (ValueError, OSError, RuntimeError):
            continue
    return str(path)


class NotFound(CoalitionError, ValueError):
    """A look-up (a filter value, a summit, a source) that names nothing, or several things."""
