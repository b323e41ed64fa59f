"""Fetching an article by URL, bounded: http(s) only, a time limit for the whole fetch, a size limit
checked before and while reading, a content-type check, a bounded number of redirects (never to
another scheme). What went wrong is one line naming the URL; nothing is written here.
"""

from __future__ import annotations

import http.client
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from http.client import HTTPMessage
from typing import IO, Any

from coalition_tui.actions.documents import MAX_ORIGINAL_BYTES
from coalition_tui.store.errors import CoalitionError
from coalition_tui.store.model import URL

TIME_LIMIT = 30.0  # seconds for the whole fetch, however slowly the server sends
MAX_REDIRECTS = 5
CHUNK = 64 * 1024
USER_AGENT = "coalition-tui (article fetch for analysis; one request per article)"
KINDS = {  # media type -> what the body is
    "text/html": ".html",
    "application/xhtml+xml": ".html",
    "application/pdf": ".pdf",
    "text/plain": ".txt",
}


class FetchError(CoalitionError):
    """One line: the URL and what went wrong."""


@dataclass(frozen=True)
class Fetched:
    url: str  # where the body came from, after redirects
    body: bytes
    suffix: str  # ".html", ".pdf" or ".txt"
    charset: str = ""


def is_url(text: str) -> bool:
    return text.lower().startswith(("http://", "https://"))


class _Redirects(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS
    max_repeats = 1  # the same address twice is a loop

    def http_error_302(
        self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str, headers: HTTPMessage
    ) -> Any:
        target = urllib.parse.urljoin(req.full_url, headers.get("location") or headers.get("uri") or "")
        if not is_url(target):
            raise FetchError(f"{req.full_url}: redirects to {target[:80]!r}, which is not an http(s) address")
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


def _opener() -> urllib.request.OpenerDirector:
    return urllib.request.build_opener(_Redirects())


def fetch(url: str, time_limit: float | None = None, limit: int | None = None, opener: Any = None) -> Fetched:
    """The body of ``url`` if it is a web page, a PDF or plain text, at most ``limit`` bytes, fetched
    within ``time_limit`` seconds; :class:`FetchError` otherwise."""
    if not URL.fullmatch(url):
        raise FetchError(f"{url[:200]}: not an http:// or https:// address")
    time_limit = TIME_LIMIT if time_limit is None else time_limit
    limit = MAX_ORIGINAL_BYTES if limit is None else limit
    deadline = time.monotonic() + time_limit
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": ", ".join(KINDS)})
    try:
        with (opener or _opener()).open(request, timeout=min(time_limit, 15.0)) as response:
            final = response.geturl()
            media = response.headers.get_content_type()
            suffix = KINDS.get(media)
            if suffix is None:
                raise FetchError(f"{url}: the server sends {media}, not a web page, a PDF or plain text")
            length = response.headers.get("Content-Length", "")
            if length.isdigit() and int(length) > limit:
                raise FetchError(f"{url}: {int(length):,} bytes, over the limit of {limit:,}; save the article alone")
            body = _read(response, url, limit, deadline, deadline - time_limit)
            return Fetched(final, body, suffix, response.headers.get_content_charset() or "")
    except FetchError:
        raise
    except urllib.error.HTTPError as exc:
        if exc.code in (301, 302, 303, 307, 308):
            raise FetchError(f"{url}: too many redirects (a loop?); stopped after {MAX_REDIRECTS}") from None
        raise FetchError(f"{url}: the server answered {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, (TimeoutError, socket.timeout)):
            raise FetchError(_late(url, time_limit)) from None
        raise FetchError(f"{url}: cannot connect ({reason})") from None
    except TimeoutError:
        raise FetchError(_late(url, time_limit)) from None
    except (http.client.HTTPException, OSError, ValueError) as exc:
        raise FetchError(f"{url}: the fetch failed ({type(exc).__name__}: {str(exc)[:80]})") from None


def _late(url: str, seconds: float) -> str:
    return f"{url}: no complete answer within the time limit of {seconds:g} s; try again later or save the page"


def _read(response: Any, url: str, limit: int, deadline: float, started: float) -> bytes:
    parts: list[bytes] = []
    size = 0
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            raise FetchError(_late(url, deadline - started))
        sock = getattr(getattr(getattr(response, "fp", None), "raw", None), "_sock", None)
        if sock is not None:
            sock.settimeout(max(0.1, min(left, 15.0)))
        chunk = response.read1(CHUNK) if hasattr(response, "read1") else response.read(CHUNK)
        if not chunk:
            return b"".join(parts)
        size += len(chunk)
        if size > limit:
            raise FetchError(f"{url}: over {limit:,} bytes; stopped reading (save the article alone)")
        parts.append(chunk)
