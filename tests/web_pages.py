"""Pages written for the tests and a loopback HTTP server that serves them (issue 25): an article with
navigation, adverts, related links, JSON-LD and <meta> dates; a PDF generated here; hostile answers (a
huge body, a slow server, a redirect loop, a wrong content type, a redirect to a file, scripts)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ARTICLE_HTML = (Path(__file__).parent / "articles" / "harbour-ledger.html").read_text(encoding="utf-8")

FURNITURE = ("SPECIAL OFFER", "Ferry timetables", "Ten recipes", "All rights reserved", "Front page", "pwned")

HOSTILE_HTML = """<!doctype html><html><head>
<title><b>Bold</b> claims &lt;script&gt;alert(1)&lt;/script&gt; [red]markup[/red]</title>
<meta property="og:title" content="&lt;script&gt;alert('headline')&lt;/script&gt; [bold red]Leaders[/] meet">
<meta property="og:site_name" content="[link=https://evil.example]Evil Wire[/link]">
<meta property="og:url" content="javascript:alert(document.cookie)">
<script>alert("page")</script></head><body>
<article><h1>Leaders meet</h1>
<p>PARIS, 6 January 2026 — Estonia said on Tuesday it was ready to send troops to Ukraine after a ceasefire,
<a href="javascript:alert(2)">read more</a> as the coalition of the willing met in Paris.</p>
<p onclick="alert(3)">Latvia will fund drones for Kyiv [bold]this year[/bold], its prime minister said.</p>
<script>alert("body")</script>
</article></body></html>
"""


def pdf_bytes(lines: list[str], title: str, author: str = "Ministry Press Office", day: str = "20260106") -> bytes:
    """A one-page PDF with ``lines`` of text and a title, author and creation date, built by hand."""

    def esc(text: str) -> str:
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    content = "BT /F1 11 Tf 60 740 Td 15 TL " + " ".join(f"({esc(line)}) Tj T*" for line in lines) + " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        f"<< /Title ({esc(title)}) /Author ({esc(author)}) /CreationDate (D:{day}120000Z) >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info 6 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


STATEMENT_PDF = pdf_bytes(
    [
        "Joint statement, Paris, 6 January 2026.",
        "Portugal will send naval vessels to help secure the Black Sea after a ceasefire.",
        "Greece said it was not prepared to send troops to Ukraine.",
    ],
    title="Statement on the reassurance force",
)

Route = Callable[[BaseHTTPRequestHandler], None]


def _send(body: bytes, kind: str, status: int = 200) -> Route:
    def handle(h: BaseHTTPRequestHandler) -> None:
        h.send_response(status)
        h.send_header("Content-Type", kind)
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        h.wfile.write(body)

    return handle


def _redirect(to: str) -> Route:
    def handle(h: BaseHTTPRequestHandler) -> None:
        h.send_response(302)
        h.send_header("Location", to)
        h.send_header("Content-Length", "0")
        h.end_headers()

    return handle


def _huge(announced: bool) -> Route:
    """100 MB streamed, with its length announced (refused before reading) or not (stopped while reading)."""

    def handle(h: BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        if announced:
            h.send_header("Content-Length", str(100 * 1024 * 1024))
        h.end_headers()
        chunk = b"<p>" + b"x" * 65530 + b"</p>"
        try:
            for _ in range(1600):
                h.wfile.write(chunk)
        except OSError:
            pass

    return handle


def _slow(h: BaseHTTPRequestHandler) -> None:  # a byte every 0.2 s, for ever
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    h.end_headers()
    try:
        for _ in range(10_000):
            h.wfile.write(b"<")
            h.wfile.flush()
            time.sleep(0.2)
    except OSError:
        pass


class Site:
    """The loopback server's pages; ``routes`` may be changed while it runs."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {
            "/world/nordic-pledge": _send(ARTICLE_HTML.encode(), "text/html; charset=utf-8"),
            "/statement.pdf": _send(STATEMENT_PDF, "application/pdf"),
            "/hostile": _send(HOSTILE_HTML.encode(), "text/html"),
            "/image": _send(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "image/png"),
            "/huge": _huge(announced=True),
            "/huge-unannounced": _huge(announced=False),
            "/slow": _slow,
            "/loop": _redirect("/loop-b"),
            "/loop-b": _redirect("/loop"),
            "/to-file": _redirect("file:///etc/passwd"),
            "/moved": _redirect("/world/nordic-pledge"),
        }
        self.base = ""

    def url(self, path: str) -> str:
        return self.base + path


@contextmanager
def serving() -> Iterator[Site]:
    site = Site()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            route = site.routes.get(self.path.split("?")[0])
            if route is None:
                _send(b"not here", "text/plain", 404)(self)
            else:
                route(self)

        def log_message(self, *args: object) -> None:  # quiet
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
