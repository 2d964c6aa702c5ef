"""The search page in a real browser (issue 17), served with the site's own CSP (hosting.py):
Pagefind's index of the built site, read by search.js, in English and in French."""

from __future__ import annotations

import functools
import http.server
import re
import threading
from pathlib import Path

import pytest
from conftest import Visit
from playwright.sync_api import expect
from test_pages_in_the_browser import violations_in_both_schemes

from eventsite.hosting import CONTENT_SECURITY_POLICY

from sitebuild import REPO, SHIPPED_CONTENT, ContentFolder, build_here, epoch

ZINE = "events/digital-rights-forum-2027/digital-safety-zine/"


@pytest.fixture(scope="module")
def search_sites(tmp_path_factory) -> Path:
    """The programme site; a small site with a hidden event; the shipped site (Helsinki in French)."""
    root = tmp_path_factory.mktemp("search-sites")
    small = ContentFolder(root / "small-content")
    small.event("open-day", body="A zanzibarish gathering.\n")
    small.event("quiet-one", body="Only quixotical words here.\n", status="hidden")
    for name, content, now in (
        ("programme", REPO / "tests/sites/programme", epoch("2027-02-01T12:00+00:00")),
        ("small", small.root, epoch("2027-02-01T12:00+00:00")),
        ("ifex", SHIPPED_CONTENT, None),
    ):
        result = build_here(content, root / name, **({"now": now} if now else {}))
        assert result.ok, result
    return root


@pytest.fixture(scope="module")
def search_server(search_sites: Path):
    """A static server that sends the site's Content-Security-Policy, as its host would."""

    class WithPolicy(http.server.SimpleHTTPRequestHandler):
        def end_headers(self) -> None:
            self.send_header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
            super().end_headers()

        def log_message(self, *args) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(WithPolicy, directory=str(search_sites))
    )
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture
def tab(browser, search_server):
    opened = Visit(browser, search_server)
    yield opened
    assert opened.console_errors == [] and opened.off_site == []  # the CSP refused nothing
    opened.close()


def results(tab) -> list[str]:
    """The results' links, once the status line has said how many (not "Searching…")."""
    expect(tab.page.locator(".search-status")).to_have_text(re.compile(r"[^…]$"))
    return tab.page.locator(".search-results h2 a").evaluate_all("links => links.map(a => a.href)")


def test_a_word_of_one_sessions_body_finds_that_session_alone(tab, search_server):
    tab.page.goto(f"{search_server}/programme/search/?q=kaleidoscopic")
    assert results(tab) == [f"{search_server}/programme/{ZINE}"]
    assert "1" in tab.page.locator(".search-status").inner_text()
    assert tab.page.locator(".search-results mark").first.inner_text().lower() == "kaleidoscopic"


def test_the_header_form_leads_to_the_results_by_keyboard(tab, search_server):
    tab.page.goto(f"{search_server}/programme/events/")
    tab.page.get_by_role("searchbox", name="Search").fill("kaleidoscopic")
    tab.page.keyboard.press("Enter")
    tab.page.wait_for_url("**/search/?q=kaleidoscopic")
    assert results(tab) == [f"{search_server}/programme/{ZINE}"]


def test_a_hidden_events_words_find_nothing(tab, search_server):
    tab.page.goto(f"{search_server}/small/search/?q=quixotical")
    assert results(tab) == []
    tab.page.goto(f"{search_server}/small/search/?q=zanzibarish")
    assert results(tab) == [f"{search_server}/small/events/open-day/"]


def count(tab) -> int:
    return int(re.search(r"\d+", tab.page.locator(".search-status").inner_text()).group())


def test_a_filter_narrows_the_results(tab, search_server):
    tab.page.goto(f"{search_server}/programme/search/?q=digital")
    results(tab)
    every = count(tab)
    assert every > 1
    tab.page.get_by_role("group", name="Type").get_by_role("checkbox", name="Event").check()
    expect(tab.page).to_have_url(re.compile(r"type=Event"))
    found = results(tab)
    assert 0 < count(tab) < every
    assert found == [f"{search_server}/programme/events/digital-rights-forum-2027/"]


def test_the_french_search_finds_the_french_words_of_a_translated_page(tab, search_server):
    """The Helsinki workshop has its words in French (index.fr.md): "impunité" is in them alone."""
    french = (SHIPPED_CONTENT / "events/confronting-impunity-2016/index.fr.md").read_text(encoding="utf-8")
    english = (SHIPPED_CONTENT / "events/confronting-impunity-2016/index.md").read_text(encoding="utf-8")
    assert "impunité" in french and "impunité" not in english
    tab.page.goto(f"{search_server}/ifex/fr/search/?q=impunité")
    found = results(tab)
    assert f"{search_server}/ifex/fr/events/confronting-impunity-2016/" in found
    assert all("/ifex/fr/" in url for url in found)


def test_the_search_page_has_no_accessibility_violations(tab, search_server):
    found = violations_in_both_schemes(tab, f"{search_server}/programme/search/?q=kaleidoscopic")
    assert found == {"light": [], "dark": []}
