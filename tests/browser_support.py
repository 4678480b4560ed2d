"""Shared fixtures of the browser tests (tests/test_browser*.py): the site built once per session,
an HTTP server for it, one chromium for the whole session and a fresh page per test with its
console watched. They are registered once, through conftest.py: Playwright's sync API cannot run
two browsers in one thread, so each test module must use these, never define its own.

Playwright drives Debian's chromium (`/usr/bin/chromium`, or the browser named by the `CHROMIUM`
environment variable); without a browser the tests skip with the reason, except in CI (`CI`
set), where a missing browser fails.
"""
from __future__ import annotations

import contextlib
import functools
import http.server
import os
import threading
from pathlib import Path

import pytest

from edition import paths

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
# Flags for a headless browser in a container: no sandbox (no user namespaces there), no GPU,
# and nothing that phones home, so a test never depends on the network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"



def _unavailable(reason: str):
    """Skip locally, fail in CI: a CI run must never pass without having run the browser."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set, so the browser tests must run)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The edition built once per test session into a temporary folder."""
    from edition.build import build

    out = tmp_path_factory.mktemp("site")
    status = build(paths.TEI, out, jobs=None, quiet=True)
    assert status == 0, f"edition build failed with status {status}: run `edition build` to see why"
    assert (out / "index.html").is_file(), "the build wrote no index.html"
    return out


@pytest.fixture(scope="session")
def base_url(site: Path):
    """An HTTP server on 127.0.0.1 (free port) serving the built site, shut down at the end.

    Served over HTTP rather than file:// so the pages run under the same rules as on the
    web (CSP, same-origin, fragment navigation).
    """

    with serve(site) as url:
        yield url


@contextlib.contextmanager
def serve(root: Path):
    """A plain static server over `root` on 127.0.0.1 (a free port); yields its base URL."""

    class QuietHandler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format, *args):  # noqa: A002 - signature of the base class
            pass

    handler = functools.partial(QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def browser():
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        _unavailable(f"no chromium at {CHROMIUM}: install it with `apt-get install chromium` or set CHROMIUM to a Chrome/Chromium binary")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is not installed: pip install -e '.[test]'")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


class ConsoleLog:
    """Everything a page reports as going wrong: console errors, uncaught exceptions, failed loads.

    Every page links the site icon (assets/favicon.svg), so Chromium never asks for a missing
    /favicon.ico; an icon that fails to load is a problem like any other. A request the browser
    aborts itself (net::ERR_ABORTED: the test navigated on before the icon arrived) is not a
    failure of the page; a missing file still shows as an HTTP error in the response handler.
    """

    def __init__(self, page):
        self.problems: list[str] = []
        page.on("console", lambda msg: self._console(page, msg))
        page.on("pageerror", lambda exc: self.problems.append(f"uncaught exception on {page.url}: {exc}"))
        page.on("requestfailed", lambda req: "ERR_ABORTED" not in str(req.failure)
                and self.problems.append(f"request failed: {req.url} ({req.failure})"))
        page.on("response", lambda res: res.status >= 400 and self.problems.append(f"HTTP {res.status} for {res.url}"))

    def _console(self, page, msg) -> None:
        if msg.type != "error":
            return
        source = (msg.location or {}).get("url", "")
        self.problems.append(f"console error on {page.url}: {msg.text} (source: {source or 'the page'})")

    def assert_clean(self):
        assert not self.problems, "the browser reported problems:\n" + "\n".join(self.problems)


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1200, "height": 800})
    page = context.new_page()
    page.console_log = ConsoleLog(page)
    try:
        yield page
    finally:
        context.close()
