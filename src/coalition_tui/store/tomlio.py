"""Reading TOML with useful error locations, and writing it atomically."""

from __future__ import annotations

import contextlib
import errno
import functools
import hashlib
import itertools
import os
import re
import stat
import tempfile
import tomllib
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

import tomli_w

from coalition_tui.store.errors import CoalitionError
from coalition_tui.store.problems import Problem

if TYPE_CHECKING:  # pydantic is imported when something is validated: the app's first frame needs none of it
    from pydantic import TypeAdapter, ValidationError

_LINE_IN_ERROR = re.compile(r"\(at line (\d+), column \d+\)")


MAX_TOML_BYTES = 64 * 1024 * 1024  # a data file larger than this is refused, not read into memory
MAX_DEPTH = 24  # arrays and tables nested deeper than this are refused (the data files nest at most 4)


class TooDeep(CoalitionError, ValueError):
    """A document nested deeper than :data:`MAX_DEPTH`."""


def check_depth(value: object, limit: int = MAX_DEPTH) -> None:
    """Raise :class:`TooDeep` if ``value`` nests lists and dicts deeper than ``limit`` (walked without
    recursion, so no document can exhaust the stack here)."""
    stack: list[tuple[object, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            if depth >= limit:
                raise TooDeep(f"nested more than {limit} levels deep")
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children)


def parse_toml(text: str) -> dict[str, Any]:
    """``tomllib.loads`` bounded: a document nested deeper than :data:`MAX_DEPTH` (or deep enough to
    exhaust the parser's stack) is :class:`TooDeep`; malformed TOML is ``tomllib.TOMLDecodeError``."""
    try:
        data = tomllib.loads(text)
    except RecursionError:
        raise TooDeep("nested too deeply") from None
    check_depth(data)
    return data


def read_toml(
    path: Path, shown: str, digests: dict[Path, bytes] | None = None
) -> tuple[dict[str, Any] | None, str, list[Problem]]:
    """Parse ``path``; on failure return None and one problem naming the line. ``digests``: the
    sha256 of the bytes parsed is stored there under ``path`` (what a cache must be keyed by)."""
    try:
        raw = read_regular(path, MAX_TOML_BYTES)
    except OSError as exc:
        return None, "", [Problem(shown, f"cannot read: {exc.strerror or exc}")]
    if digests is not None:
        digests[path] = hashlib.sha256(raw).digest()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, "", [Problem(shown, f"not UTF-8 ({exc.reason} at byte {exc.start}); save it as UTF-8")]
    try:
        return parse_toml(text), text, []
    except TooDeep as exc:
        return None, text, [Problem(shown, f"malformed TOML: {exc}; flatten the arrays or tables")]
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        match = _LINE_IN_ERROR.search(message)
        line = int(match.group(1)) if match else None
        reason = _LINE_IN_ERROR.sub("", message).strip()
        return None, text, [Problem(shown, f"malformed TOML: {reason}; fix the syntax", line=line)]


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of ``path`` if it is a regular file of at most ``limit`` bytes; else ``OSError`` saying
    why. A FIFO, a device (``/dev/zero``) or a socket is refused without reading (opening a FIFO does
    not wait for a writer), and at most ``limit + 1`` bytes are ever read, whatever the size on disk says."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(errno.EISDIR, "is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise OSError(errno.EINVAL, "not a regular file (a device, FIFO or socket); only plain files are read")
        if info.st_size > limit:
            raise OSError(errno.EFBIG, f"is {info.st_size:,} bytes; files over {limit:,} bytes are refused")
        raw = handle.read(limit + 1)
    if len(raw) > limit:
        raise OSError(errno.EFBIG, f"is over {limit:,} bytes; files over {limit:,} bytes are refused")
    return raw


class UnreadableFile(CoalitionError):
    """A TOML file that cannot be used: not a regular file, too large, not UTF-8, malformed, too deep."""


def load_toml_file(path: Path, limit: int = MAX_TOML_BYTES) -> dict[str, Any]:
    """The parsed TOML of ``path`` through the checked reader (regular file, ``limit`` bytes, bounded
    nesting); else :class:`UnreadableFile` with a one-line reason naming the file (and line)."""
    try:
        text = read_regular(path, limit).decode("utf-8")
    except OSError as exc:
        raise UnreadableFile(f"{path}: cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise UnreadableFile(f"{path}: not UTF-8 ({exc.reason} at byte {exc.start}); save it as UTF-8") from None
    try:
        return parse_toml(text)
    except TooDeep as exc:
        raise UnreadableFile(f"{path}: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise UnreadableFile(f"{path}: malformed TOML ({exc})") from None


def read_tables(
    path: Path, shown: str, digests: dict[Path, bytes] | None = None
) -> tuple[dict[str, dict[str, Any]], str, list[Problem]]:
    """A file of ``[id]`` tables: (tables by id, the text, problems). A missing file is a problem too."""
    if not path.exists():
        return {}, "", [Problem(shown, "file is missing; create it (see README, 'Data files')")]
    data, text, problems = read_toml(path, shown, digests)
    tables: dict[str, dict[str, Any]] = {}
    line_of = table_lines(text)
    for key, value in (data or {}).items():
        if isinstance(value, dict):
            tables[key] = value
        else:
            problems.append(Problem(shown, "expected a table [id] with fields", line=line_of(key), record=key))
    return tables, text, problems


def table_line(text: str, key: str) -> int | None:
    """Line number of the table header ``[key]`` (bare or quoted) in ``text``."""
    pattern = re.compile(r'^[ \t]*\[[ \t]*(?:"' + re.escape(key) + r'"|' + re.escape(key) + r")[ \t]*\]", re.M)
    match = pattern.search(text)
    return text.count("\n", 0, match.start()) + 1 if match else None


_TABLE_HEADER = re.compile(r'^[ \t]*\[(?!\[)[ \t]*(?:"([^"\\\n]*)"|([A-Za-z0-9_-]+))[ \t]*\]', re.M)


def table_lines(text: str) -> Callable[[str], int | None]:
    """``table_line`` for many keys of one file: every header's line found in one pass (a search per
    key over a 10,000-table sources.toml took minutes)."""
    lines: dict[str, int] = {}
    line, last = 1, 0
    for match in _TABLE_HEADER.finditer(text):
        line += text.count("\n", last, match.start())
        last = match.start()
        lines.setdefault(match.group(1) if match.group(1) is not None else match.group(2), line)
    return lambda key: lines[key] if key in lines else table_line(text, key)


def array_table_offsets(text: str, name: str) -> list[int]:
    """Where every ``[[name]]`` header starts in ``text``, in order."""
    return [m.start() for m in re.finditer(r"^[ \t]*\[\[[ \t]*" + re.escape(name) + r"[ \t]*\]\]", text, re.M)]


def array_table_lines(text: str, name: str) -> list[int]:
    """Line numbers of every ``[[name]]`` header, in order."""
    out, line, last = [], 1, 0
    for start in array_table_offsets(text, name):
        line += text.count("\n", last, start)
        last = start
        out.append(line)
    return out


def validation_problems(exc: ValidationError, shown: str, line: int | None, record: str | None) -> list[Problem]:
    """One problem per pydantic error, naming the field."""
    problems = []
    for error in exc.errors():
        field = ".".join(str(part) for part in error["loc"]) or None
        message = error["msg"]
        if error["type"] in ("extra_forbidden", "unexpected_keyword_argument"):
            message = "unknown field; remove it or check its spelling"
        elif error["type"] == "enum":
            message = f"{error['msg']} (got {error['input']!r})"
        problems.append(Problem(shown, message, line=line, record=record, field=field))
    return problems


@functools.cache
def _adapter(model: type) -> TypeAdapter[Any]:
    from pydantic import TypeAdapter

    return TypeAdapter(model)


def build(
    model: type, data: Mapping[str, Any], shown: str, line: int | None, record: str | None
) -> tuple[Any, list[Problem]]:
    """Validate ``data`` as ``model`` (a pydantic model or dataclass); return (instance or None, problems)."""
    from pydantic import ValidationError

    try:
        return _adapter(model).validate_python(data), []
    except ValidationError as exc:
        return None, validation_problems(exc, shown, line, record)


def strip_none(value: Any) -> Any:
    """Drop None values recursively: TOML has no null."""
    if isinstance(value, Mapping):
        return {k: strip_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list | tuple):
        return [strip_none(v) for v in value if v is not None]
    return value


# ----------------------------------------------------------------------------------- writing TOML
_MUST_ESCAPE = re.compile(r'["\\\x00-\x08\x0a-\x1f\x7f]')
_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\n": "\\n", "\f": "\\f", "\r": "\\r"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    return _ESCAPES.get(char) or f"\\u{ord(char):04x}"


def toml_string(value: str) -> str:
    """A TOML basic string: quotes, backslashes and control characters escaped."""
    return '"' + _MUST_ESCAPE.sub(_escape, value) + '"'


def toml_float(value: float) -> str:
    return repr(value) if value == value and value not in (float("inf"), float("-inf")) else str(value)


def dumps(data: Mapping[str, Any]) -> str:
    """``data`` as TOML text: tomli-w, the one writer (the bulk candidates writer in ``serialize`` is
    the only other, for its measured hot path: docs/benchmarks.md)."""
    return tomli_w.dumps(data)


def write_atomic(path: Path, fill: Callable[[BinaryIO], object], durable: bool = True) -> None:
    """Write ``path`` through ``fill(handle)`` into a temp file in the same folder, then ``os.replace``:
    never half a file. ``durable`` waits for the bytes to reach the disk first (fsync); a bulk writer
    passes False and syncs once at the end (see :func:`coalition_tui.actions.ingest.ingest_many`)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        _keep_mode(fd, path)
        with os.fdopen(fd, "wb") as handle:
            fill(handle)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _keep_mode(fd: int, path: Path) -> None:
    """Give the temp file (created 0600) the mode of the file it replaces, or a new file's usual mode."""
    if not hasattr(os, "fchmod"):  # not on Windows, where modes barely apply
        return
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        mode = 0o666 & ~umask()
    with contextlib.suppress(OSError):  # a file system without modes (some network shares): keep 0600
        os.fchmod(fd, mode)


@functools.cache
def umask() -> int:
    """This process's umask, read without changing it (os.umask sets it: a race with other threads)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_bytes_new(path: Path, payload: bytes, durable: bool = True) -> None:
    """Create ``path`` with ``payload`` atomically, never replacing a file: ``FileExistsError`` if it
    exists (written to a temp file, then hard-linked into place, which fails rather than replaces)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        _keep_mode(fd, path)
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        try:
            os.link(tmp, path)
        except FileExistsError:
            raise
        except OSError:  # a file system without hard links: exclusive create, then the bytes
            with open(path, "xb") as handle:
                handle.write(payload)
                if durable:
                    handle.flush()
                    os.fsync(handle.fileno())
    finally:
        Path(tmp).unlink(missing_ok=True)


def write_bytes_atomic(path: Path, payload: bytes, durable: bool = True) -> None:
    """Write ``payload`` to ``path`` atomically (see :func:`write_atomic`)."""
    write_atomic(path, lambda handle: handle.write(payload), durable)


def write_toml_atomic(path: Path, data: Mapping[str, Any], header: str = "", durable: bool = True) -> None:
    """Write ``data`` as TOML (None values dropped: TOML has no null) atomically."""
    write_bytes_atomic(path, (header + dumps(strip_none(data))).encode("utf-8"), durable)


_HEADER = re.compile(r"^[ \t]*\[", re.M)


def replace_array_table(
    path: Path,
    name: str,
    index: int,
    table: Mapping[str, Any],
    text: str | None = None,
    data: dict[str, Any] | None = None,
) -> None:
    """Rewrite the ``index``-th ``[[name]]`` table of ``path`` atomically, keeping the rest of the file as written.

    Only the lines of that table change, so comments elsewhere survive. The new text is parsed back
    before it is written; if it would not give exactly the old tables with this one replaced (an
    unusual layout, say a multi-line string that starts a line with "["), the whole file is written
    from its parsed data instead, keeping its leading comment block.
    """
    if text is None or data is None:  # the caller may pass the file as it read and parsed it
        text = read_regular(path, MAX_TOML_BYTES).decode("utf-8")
        data = parse_toml(text)
    block = dumps({name: [strip_none(dict(table))]})
    new_table = tomllib.loads(block)[name][0]
    expected = {**data, name: [*data[name][:index], new_table, *data[name][index + 1 :]]}
    starts = array_table_offsets(text, name)
    new_text = None
    if index < len(starts):
        begin = starts[index]
        following = _HEADER.search(text, text.index("\n", begin) + 1 if "\n" in text[begin:] else len(text))
        end = following.start() if following else len(text)
        body = text[begin:end]
        kept = len(body.rstrip()) if not following else _end_of_table(body)
        rest = text[begin + kept :].lstrip("\n")
        new_text = text[:begin] + block.rstrip("\n") + "\n" + ("\n" + rest if rest.strip() else "")
        try:
            if tomllib.loads(new_text) != expected:
                new_text = None
        except tomllib.TOMLDecodeError:
            new_text = None
    if new_text is None:
        lead = "".join(itertools.takewhile(lambda line: line.startswith("#"), text.splitlines(keepends=True)))
        new_text = lead + tomli_w.dumps(strip_none(expected))
    write_bytes_atomic(path, new_text.encode("utf-8"))


def _end_of_table(body: str) -> int:
    """Length of a table's own lines: comment and blank lines at its end belong to what follows."""
    lines = body.splitlines(keepends=True)
    while lines and (not lines[-1].strip() or lines[-1].lstrip().startswith("#")):
        lines.pop()
    return sum(len(line) for line in lines)
