"""A real browser (Debian's Chromium, driven by Playwright) on sites built for the tests.

Chromium comes from the system (`apt-get install chromium`), never from a download.
Without it the browser tests are skipped on a developer's machine, and fail in CI.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import threading
from pathlib import Path

import pytest

from sitebuild import REPO, SHIPPED_CONTENT, build_here, epoch

CHROMIUM = Path("/usr/bin/chromium")
UPCOMING = REPO / "tests/sites/upcoming"
# The forum's registration opens 2027-01-10 and closes at the end of 2027-03-05 (NZDT).
BEFORE_REGISTRATION = epoch("2027-01-01T00:00+00:00")


@pytest.fixture(scope="session")
def chromium_path() -> str:
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing: CI must install it (apt-get install chromium)")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    return str(CHROMIUM)


@pytest.fixture(scope="session")
def sites(tmp_path_factory) -> Path:
    """Both sites, built once in this process (build_here: the `pelican` command's own build,
    without a new Python): the shipped one now, the upcoming one before registration opens."""
    root = tmp_path_factory.mktemp("browser-sites")
    for name, content, now in (("ifex", SHIPPED_CONTENT, None), ("upcoming", UPCOMING, BEFORE_REGISTRATION)):
        result = build_here(content, root / name, **({"now": now} if now else {}))
        assert result.ok, result
    return root


@pytest.fixture(scope="session")
def server(sites: Path):
    """A static server for both sites: http://127.0.0.1:<port>/ifex/ and /upcoming/."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(sites))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="session")
def browser(chromium_path: str):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


class Visit:
    """A page opened in a fresh browser context, with what it asked for and what went wrong."""

    def __init__(self, browser, base: str, **context_options) -> None:
        self.context = browser.new_context(**context_options)
        self.page = self.context.new_page()
        self.base = base
        self.console_errors: list[str] = []
        self.failed: list[str] = []
        self.off_site: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.console_errors.append(m.text))
        self.page.on("pageerror", lambda e: self.console_errors.append(str(e)))
        self.page.on("requestfailed", lambda r: self.failed.append(r.url))
        self.page.on("response", lambda r: r.status >= 400 and self.failed.append(f"{r.status} {r.url}"))
        # Nothing may leave the machine; what would, is recorded and refused. The pattern
        # is matched in the browser: the site's own requests never wait for Python.
        self.elsewhere = re.compile(f"^(?!{re.escape(base)}/|{re.escape(base)}$|data:)")
        self.context.route(self.elsewhere, self._refuse)

    def _refuse(self, route) -> None:
        self.off_site.append(route.request.url)
        route.abort()

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def visit(browser, server):
    opened: list[Visit] = []

    def open_visit(**context_options) -> Visit:
        visit = Visit(browser, server, **context_options)
        opened.append(visit)
        return visit

    yield open_visit
    for visit in opened:
        visit.close()
