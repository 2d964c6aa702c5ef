"""People in a real browser: a person's page, the people list, and a session and a programme
with ten speakers' photos, accessible in both colour schemes, no sideways scrolling on a phone,
the photos round at 48 CSS pixels."""

from __future__ import annotations

import pytest
from test_pages_in_the_browser import violations_in_both_schemes
from test_people import people_site, photo

from sitebuild import TODAY, ContentFolder, build_here

PAGES = ["people/people/ann/", "people/people/", "people/events/past/opening/", "people/events/coming/"]


@pytest.fixture(scope="module")
def people_built(sites, tmp_path_factory):
    """The people site of tests/test_people.py, and a panel of ten with photos at the coming event."""
    content = ContentFolder(tmp_path_factory.mktemp("people-content"))
    people_site(content)
    for number in range(10):
        photo(content, f"p{number}.jpg")
        content.markdown(
            f"people/p{number}.md",
            {"title": f"Panellist {number}", "photo": f"p{number}.jpg", "photo_alt": f"Panellist {number}"},
        )
    panel = [{"person": f"p{number}"} for number in range(10)]
    content.session("coming", "big-panel", start="2027-03-10 14:00", end="2027-03-10 15:00", speakers=panel)
    result = build_here(content.root, sites / "people", now=TODAY)
    assert result.ok, result
    return sites / "people"


@pytest.mark.parametrize("path", PAGES)
def test_people_pages_are_accessible(people_built, visit, path):
    tab = visit(color_scheme="light")
    assert violations_in_both_schemes(tab, f"{tab.base}/{path}") == {"light": [], "dark": []}
    assert tab.console_errors == [] and tab.failed == [] and tab.off_site == []


def test_ten_speakers_photos_fit_a_phone_round_and_small(people_built, visit):
    tab = visit(viewport={"width": 360, "height": 640})
    tab.page.goto(f"{tab.base}/people/events/coming/")
    assert tab.page.evaluate("document.documentElement.scrollWidth") <= 360
    photos = tab.page.locator(".speaker-photos img")
    assert photos.count() == 11  # the panel of ten, and Ann at the other session
    photos.last.scroll_into_view_if_needed()
    box = photos.first.bounding_box()
    assert (round(box["width"]), round(box["height"])) == (48, 48)
    assert photos.first.evaluate("i => getComputedStyle(i).borderRadius") == "50%"
