"""The events list's filters in a browser (events.html, events.js), on the shipped site:
without scripts a filter's link loads its pre-built page; with them the cards are filtered
in place, the address becomes the filtered page's, and the count is announced."""

from __future__ import annotations

import pytest
from test_pages_in_the_browser import violations_in_both_schemes


def shown_titles(page) -> list[str]:
    return page.eval_on_selector_all(
        ".event-card",
        "cards => cards.filter(c => c.getClientRects().length).map(c => c.querySelector('a').textContent)",
    )


def test_without_scripts_a_filter_link_loads_its_page(visit, server):
    tab = visit(java_script_enabled=False)
    tab.page.goto(f"{server}/ifex/events/")
    assert len(shown_titles(tab.page)) == 2
    tab.page.get_by_role("link", name="Workshops").click()
    tab.page.wait_for_url("**/ifex/events/kind/workshop/")
    assert len(shown_titles(tab.page)) == 1
    assert tab.page.title().startswith("Workshops · Events")
    assert tab.page.locator(".event-filters a[aria-current=page]").inner_text() == "Workshops"
    assert not tab.failed


def test_with_scripts_the_cards_are_filtered_in_place_and_the_address_changes(visit, server):
    tab = visit()
    tab.page.goto(f"{server}/ifex/events/")
    before = tab.page.evaluate("performance.getEntriesByType('navigation').length && performance.timeOrigin")
    tab.page.get_by_role("link", name="Workshops").click()
    tab.page.wait_for_url("**/ifex/events/kind/workshop/")
    assert tab.page.evaluate("performance.timeOrigin") == before  # the same document: no page was loaded
    assert len(shown_titles(tab.page)) == 1
    assert tab.page.locator("[role=status]").inner_text() == "1 event"
    assert tab.page.locator("h1").inner_text() == "Workshops"
    assert tab.page.title().startswith("Workshops · Events")
    assert tab.page.locator(".event-filters a[aria-current=page]").inner_text() == "Workshops"
    tab.page.go_back()
    tab.page.wait_for_url("**/ifex/events/")
    assert len(shown_titles(tab.page)) == 2 and tab.page.locator("[role=status]").inner_text() == "2 events"
    # Forward to a pushed address: Chromium may filter in place or load the filtered page itself;
    # either way the visitor sees the one workshop.
    tab.page.go_forward(wait_until="load")
    tab.page.wait_for_url("**/ifex/events/kind/workshop/", wait_until="load")
    tab.page.wait_for_function("document.querySelector('[role=status]')?.textContent.trim() === '1 event'")
    assert len(shown_titles(tab.page)) == 1
    tab.page.reload()  # the filtered address is a page of its own: a reload shows the same
    tab.page.wait_for_load_state()
    assert len(shown_titles(tab.page)) == 1 and tab.page.locator("h1").inner_text() == "Workshops"
    assert not tab.console_errors and not tab.failed


@pytest.mark.parametrize("path", ["ifex/events/", "ifex/events/kind/workshop/", "ifex/ar/events/year/2016/"])
def test_the_filtered_pages_have_no_accessibility_violations(visit, server, path):
    tab = visit(color_scheme="light")
    assert violations_in_both_schemes(tab, f"{server}/{path}") == {"light": [], "dark": []}
