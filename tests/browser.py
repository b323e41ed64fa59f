"""Headless Chromium for the browser tests: Debian's chromium and chromedriver, driven by Selenium.

``.ci/run`` installs both; on a machine without them the tests are skipped with a line saying what to
install (under CI they fail instead: a browser test that does not run proves nothing)."""

from __future__ import annotations

import os
import shutil
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
MISSING = "no Chromium here: apt-get install chromium chromium-driver (Debian's), then run the browser tests again"

# Every websocket frame the page receives, kept as text, so a test can read what the served app drew
# (xterm.js paints on a canvas: its text is not in the page).
RECORD_FRAMES = """
(() => {
  const Original = window.WebSocket;
  window.__frames = [];
  function Recording(...args) {
    const ws = new Original(...args);
    ws.addEventListener("message", async (event) => {
      let text = event.data;
      if (typeof text !== "string") {
        const buffer = event.data instanceof Blob ? await event.data.arrayBuffer() : event.data;
        text = new TextDecoder("utf-8", { fatal: false }).decode(buffer);
      }
      window.__frames.push(text);
    });
    return ws;
  }
  Recording.prototype = Original.prototype;
  Object.assign(Recording, Original);
  window.WebSocket = Recording;
})();
"""


def need_browser() -> None:
    if CHROMIUM and CHROMEDRIVER:
        return
    if os.environ.get("CI"):
        pytest.fail(MISSING)
    pytest.skip(MISSING)


@contextmanager
def chromium(width: int = 1280, height: int = 1000) -> Iterator[object]:
    """A headless Chromium session (Selenium's webdriver), closed afterwards."""
    need_browser()
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = CHROMIUM or ""
    for flag in (
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        f"--window-size={width},{height}",
    ):  # fmt: skip
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER or ""), options=options)
    try:
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": RECORD_FRAMES})
        yield driver
    finally:
        driver.quit()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for_port(port: int, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise AssertionError(f"nothing listens on port {port} after {seconds} s")


def drawn(driver: object, since: int = 0) -> str:
    """What the served app has sent the page since frame ``since``, as text."""
    return str(driver.execute_script("return (window.__frames || []).slice(arguments[0]).join('')", since))  # type: ignore[attr-defined]


def frames(driver: object) -> int:
    return int(driver.execute_script("return (window.__frames || []).length"))  # type: ignore[attr-defined]


def until_drawn(driver: object, text: str, since: int = 0, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in drawn(driver, since):
            return
        time.sleep(0.2)
    raise AssertionError(f"the served app never drew {text!r}")
