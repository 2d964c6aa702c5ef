"""Sponsor tiers with logos and a series of three editions, in a real browser: accessible
in both colour schemes, no sideways scrolling on a phone, the logos at the size reserved."""

from __future__ import annotations

import pytest
from test_pages_in_the_browser import violations_in_both_schemes
from test_sponsors_and_series import NOW, add_logo

from sitebuild import ContentFolder, build_here

PAGES = ["sponsors/events/forum/", "sponsors/organizations/gold/", "sponsors/series/general-meeting/"]


@pytest.fixture(scope="module")
def sponsors_site(sites, tmp_path_factory):
    """Three tiers (logos and a name) and three editions, built beside the other test sites."""
    content = ContentFolder(tmp_path_factory.mktemp("sponsors-content"))
    add_logo(content, "gold.png", 400, 200)
    add_logo(content, "square.png", 100, 100)
    add_logo(content, "wide.png", 1000, 100)
    content.organization("gold", title="Gold Foundation", logo="gold.png", logo_alt="Gold Foundation")
    content.organization("square", title="Square Trust", logo="square.png", logo_alt="Square Trust")
    content.organization("plain", title="Plain Press")
    content.organization("wide", title="Wide Media", logo="wide.png", logo_alt="Wide Media")
    content.markdown("series/general-meeting.md", {"title": "The General Meeting", "organization": "gold"})
    tiers = [
        {"tier": "Gold", "organizations": ["gold"]},
        {"tier": "Silver", "organizations": ["square", "plain"]},
        {"tier": "Friends", "organizations": ["wide"]},
    ]
    for year, slug in ((2025, "earlier"), (2027, "forum"), (2029, "later")):
        content.event(
            slug,
            title=f"General Meeting {year}",
            start=f"{year}-03-10",
            series="general-meeting",
            edition=str(year),
            sponsors=tiers,
        )
    result = build_here(content.root, sites / "sponsors", now=NOW)
    assert result.ok, result
    return sites / "sponsors"


@pytest.mark.parametrize("path", PAGES)
def test_sponsors_and_series_pages_are_accessible(sponsors_site, visit, path):
    tab = visit(color_scheme="light")
    assert violations_in_both_schemes(tab, f"{tab.base}/{path}") == {"light": [], "dark": []}
    assert tab.console_errors == [] and tab.failed == [] and tab.off_site == []


def test_logos_fit_a_small_phone_at_their_tiers_sizes(sponsors_site, visit):
    tab = visit(viewport={"width": 360, "height": 640})
    tab.page.goto(f"{tab.base}/sponsors/events/forum/")
    assert tab.page.evaluate("document.documentElement.scrollWidth") <= 360
    logos = tab.page.locator(".sponsor-tier img")
    logos.last.scroll_into_view_if_needed()
    tab.page.wait_for_function("[...document.querySelectorAll('.sponsor-tier img')].every(i => i.complete)")
    heights = [round(box["height"]) for box in (logos.nth(n).bounding_box() for n in range(logos.count()))]
    assert heights == [96 + 8, 72 + 8, 17 + 8]  # the height each tier gives, and its white ground's padding
