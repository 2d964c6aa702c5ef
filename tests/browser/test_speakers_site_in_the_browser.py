"""tests/sites/speakers in a real browser: the pages of people shared across two editions,
three sponsor tiers and a series pass axe in both colour schemes."""

from __future__ import annotations

import pytest
from test_pages_in_the_browser import violations_in_both_schemes

from sitebuild import REPO, build_here, epoch

PAGES = [
    "speakers/events/newsroom-safety-summit-2027/",
    "speakers/events/newsroom-safety-summit-2025/",
    "speakers/people/aroha-tane/",
    "speakers/series/newsroom-safety-summit/",
    "speakers/organizations/kauri-trust/",
]


@pytest.fixture(scope="module")
def speakers_built(sites):
    result = build_here(REPO / "tests/sites/speakers", sites / "speakers", now=epoch("2027-02-01T12:00+00:00"))
    assert result.ok, result
    return sites / "speakers"


@pytest.mark.parametrize("path", PAGES)
def test_the_speakers_site_is_accessible(speakers_built, visit, path):
    tab = visit(color_scheme="light")
    assert violations_in_both_schemes(tab, f"{tab.base}/{path}") == {"light": [], "dark": []}
    assert tab.console_errors == [] and tab.failed == [] and tab.off_site == []
    assert tab.page.evaluate("document.documentElement.scrollWidth") <= tab.page.viewport_size["width"]
