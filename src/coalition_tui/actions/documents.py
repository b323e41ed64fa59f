"""An article's text and its metadata from a saved web page (trafilatura), a PDF (pypdf) or plain text.

Everything here is untrusted input: the page's scripts are never run (trafilatura parses, it does not
execute), its markup never reaches a screen (only the extracted text and metadata strings do), and
the bytes read are bounded before any parser sees them. The extracted text is what is kept and what
quotes' offsets refer to; the original bytes are kept beside it by the caller.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass, replace
from pathlib import Path

from coalition_tui.store.errors import CoalitionError
from coalition_tui.store.model import URL

MAX_ORIGINAL_BYTES = 20 * 1024 * 1024  # a saved page or PDF larger than this is refused unread
MAX_PDF_PAGES = 300
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
DOCUMENT_SUFFIXES = (*HTML_SUFFIXES, ".pdf")
_LANG = re.compile(rb"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})?)", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class DocumentError(CoalitionError):
    """Why a page or PDF gives no article text (one line, without the file's name: the caller adds it)."""


@dataclass(frozen=True)
class Metadata:
    """What a citation needs, as found in the document (each may be empty and corrected later)."""

    headline: str = ""
    published: dt.date | None = None
    outlet: str = ""
    author: str = ""
    url: str = ""
    language: str = ""

    def merged(self, given: Metadata) -> Metadata:
        """These values, each replaced by ``given``'s where the user gave one."""
        return replace(self, **{k: v for k, v in vars(given).items() if v})


@dataclass(frozen=True)
class Document:
    text: str  # the article's text as kept: quotes' offsets refer to it
    meta: Metadata
    original: bytes = b""  # the bytes given or fetched (HTML, PDF), kept beside the text; b"" for text
    suffix: str = ".txt"  # the original's kind: ".html", ".pdf" or ".txt"


def kind_of(name: str) -> str:
    """ ".html", ".pdf" or ".txt" for a file name (anything else is read as text)."""
    low = name.lower()
    if low.endswith(HTML_SUFFIXES):
        return ".html"
    if low.endswith(".pdf"):
        return ".pdf"
    return ".txt"


def _one_line(value: object, limit: int = 300) -> str:
    text = " ".join(str(value or "").split())
    text = _CONTROL.sub("", text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})", str(value or ""))
    if not match:
        return None
    try:
        return dt.date(*(int(g) for g in match.groups()))
    except ValueError:
        return None


def _url(value: object) -> str:
    text = str(value or "").strip()
    return text if URL.fullmatch(text) else ""


def from_html(raw: bytes, url: str = "") -> Document:
    """The main text of a web page without its furniture (navigation, adverts, related links), and its
    headline, publication date, site name, author, canonical URL and language."""
    import trafilatura  # imported here: it is only needed when a page is added

    if len(raw) > MAX_ORIGINAL_BYTES:
        raise DocumentError(f"the page is over {MAX_ORIGINAL_BYTES // 1024 // 1024} MB; save the article alone")
    found = trafilatura.bare_extraction(
        raw, url=url or None, with_metadata=True, include_comments=False, include_tables=False, favor_precision=True
    )
    text = str(getattr(found, "text", "") or "").strip() if found is not None else ""
    if not text:
        raise DocumentError("no article text found in the page (is it an article, or a page that needs a browser?)")
    lang = _LANG.search(raw[:65536])
    meta = Metadata(
        headline=_one_line(getattr(found, "title", "")),
        published=_date(getattr(found, "date", None)),
        outlet=_one_line(getattr(found, "sitename", "") or getattr(found, "hostname", "")),
        author=_one_line(getattr(found, "author", "")),
        url=_url(getattr(found, "url", "")) or _url(url),
        language=lang.group(1).decode("ascii").lower() if lang else "",
    )
    return Document(text + "\n", meta, raw, ".html")


def from_pdf(raw: bytes, url: str = "") -> Document:
    """The text of a PDF's pages and its title, author and creation date."""
    from pypdf import PdfReader  # imported here: it is only needed when a PDF is added
    from pypdf.errors import PyPdfError

    if len(raw) > MAX_ORIGINAL_BYTES:
        raise DocumentError(f"the PDF is over {MAX_ORIGINAL_BYTES // 1024 // 1024} MB")
    try:
        reader = PdfReader(io.BytesIO(raw))
        if reader.is_encrypted:
            raise DocumentError("the PDF is encrypted; save an unprotected copy")
        if len(reader.pages) > MAX_PDF_PAGES:
            raise DocumentError(f"the PDF has over {MAX_PDF_PAGES} pages; save the article's pages alone")
        pages = [page.extract_text() or "" for page in reader.pages]
        info = reader.metadata
    except DocumentError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, OSError, RecursionError) as exc:
        raise DocumentError(f"not a readable PDF ({_one_line(exc, 80) or type(exc).__name__})") from None
    text = "\n\n".join(page.strip() for page in pages if page.strip())
    if not text:
        raise DocumentError("the PDF has no text layer (a scan?); save its text as .txt")
    meta = Metadata(
        headline=_one_line(info.title if info else ""),
        published=_date(info.creation_date if info else None),
        author=_one_line(info.author if info else ""),
        url=_url(url),
    )
    return Document(_CONTROL.sub("", text) + "\n", meta, raw, ".pdf")


def convert(raw: bytes, suffix: str, url: str = "") -> Document:
    """A document from bytes of the given kind (".html", ".pdf"); plain text is read by the caller."""
    if suffix == ".pdf" or raw.startswith(b"%PDF-"):
        return from_pdf(raw, url)
    return from_html(raw, url)


def read_document(path: Path) -> Document:
    """A saved page or PDF read through the checked reader (a regular file, at most
    :data:`MAX_ORIGINAL_BYTES`), converted."""
    from coalition_tui.store.tomlio import read_regular

    return convert(read_regular(path, MAX_ORIGINAL_BYTES), kind_of(path.name))
