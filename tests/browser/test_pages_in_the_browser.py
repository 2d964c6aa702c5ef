"""Every page type in a real browser: no errors, nothing off-site, accessible, phone-sized."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

FORUM = "upcoming/events/media-freedom-forum-2027/"
PAGE_TYPES = {
    "home": "ifex/",
    "home with an upcoming event": "upcoming/",
    "events": "ifex/events/",
    "past event": "ifex/events/general-meeting-2013/",
    "upcoming event": FORUM,
    "session": "ifex/events/confronting-impunity-2016/campaign-strategy/",
    "timed session": f"{FORUM}opening/",
    "campaigns": "ifex/campaigns/",
    "campaign": "ifex/campaigns/no-impunity/",
    "organisations": "ifex/organizations/",
    "organisation": "ifex/organizations/cchr/",
    "series": "ifex/series/ifex-general-meeting/",
    "news": "ifex/news/",
    "news item": "ifex/news/general-meeting-2013/",
    "page": "ifex/about/",
    "not found": "ifex/404.html",
}
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.mark.parametrize("path", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_every_page_type_loads_cleanly(visit, server, path):
    tab = visit()
    response = tab.page.goto(f"{server}/{path}")
    assert response.status == 200
    tab.page.wait_for_load_state("networkidle")
    assert tab.console_errors == []
    assert tab.failed == []
    assert tab.off_site == []


def violations(page) -> list[tuple[str, list]]:
    """axe-core's WCAG 2.2 AA rules on the page as it is shown now (only the violations
    come back: the passes are most of what axe would otherwise send)."""
    only = {"runOnly": {"type": "tag", "values": WCAG_22_AA}, "resultTypes": ["violations"]}
    results = Axe().run(page, options=only)
    return [(v["id"], [n["target"] for n in v["nodes"]]) for v in results.response["violations"]]


def violations_in_both_schemes(tab, url: str) -> dict[str, list]:
    """violations() in the light and the dark colour scheme: the page is loaded once, and
    the visitor's preference switched as the browser would switch it (the colours are CSS alone)."""
    tab.page.goto(url)
    found = {"light": violations(tab.page)}
    tab.page.emulate_media(color_scheme="dark")
    found["dark"] = violations(tab.page)
    return found


@pytest.mark.parametrize("path", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_no_accessibility_violations_at_wcag_22_aa(visit, server, path):
    """In the light and the dark colour scheme: the page is loaded once, and the visitor's
    preference switched as the browser would switch it (the colours are CSS alone)."""
    tab = visit(color_scheme="light")
    assert violations_in_both_schemes(tab, f"{server}/{path}") == {"light": [], "dark": []}


@pytest.mark.parametrize("path", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_no_sideways_scrolling_on_a_small_phone(visit, server, path):
    tab = visit(viewport={"width": 360, "height": 640})
    tab.page.goto(f"{server}/{path}")
    width = tab.page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360


def test_print_shows_the_programme_without_the_sites_navigation(visit, server):
    tab = visit()
    tab.page.goto(f"{server}/{FORUM}")
    tab.page.emulate_media(media="print")
    assert tab.page.locator(".programme").is_visible()
    assert tab.page.locator(".programme li.slot").count() == 4
    assert not any(nav.is_visible() for nav in tab.page.locator(".site-header nav").all())  # sections, languages
    assert not tab.page.locator(".calendar-links").is_visible()
