"""tests/sites/speakers, the site of issue 14's "done when": people shared across two
editions of a series, three sponsor tiers, read back from a real build. The browser
tests check the same pages with axe; `invoke audit` scores its event page."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitebuild import REPO, build_here, epoch

SPEAKERS = REPO / "tests/sites/speakers"
EVENT = "events/newsroom-safety-summit-2027/"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    result = build_here(
        SPEAKERS, Path(tmp_path_factory.mktemp("speakers")) / "output", now=epoch("2027-02-01T12:00+00:00")
    )
    assert result.ok, result
    return result


def test_a_person_at_both_editions_lists_the_upcoming_one_first(site):
    page = site.soup("people/aroha-tane/")
    headings = [h.get_text(" ", strip=True) for h in page.select("main h2")]
    assert headings == ["Upcoming", "Past events"]
    upcoming, past = (h.find_next(["ul", "ol"]) for h in page.select("main h2"))
    assert "Newsroom Safety Summit 2027" in upcoming.get_text() and "2025" not in upcoming.get_text()
    assert "Newsroom Safety Summit 2025" in past.get_text()


def test_the_event_shows_its_three_sponsor_tiers_in_the_editors_order(site):
    page = site.soup(EVENT)
    section = page.find(lambda t: t.name == "section" and t.find("h2", string="Sponsors"))
    assert [h.get_text(strip=True) for h in section.find_all("h3")] == ["Lead sponsor", "Partners", "Friends"]
    links = {a.get_text(strip=True): a["href"] for a in section.find_all("a")}
    assert list(links) == ["Harbour Foundation", "Kauri Trust", "Tide Media", "Open Wave Radio"]
    assert links["Kauri Trust"].endswith("organizations/kauri-trust/")


def test_the_series_lists_both_editions_newest_first_and_each_links_the_other(site):
    series = [a.get_text(strip=True) for a in site.soup("series/newsroom-safety-summit/").select("main li a")]
    assert [t for t in series if t.startswith("Newsroom")] == [
        "Newsroom Safety Summit 2027",
        "Newsroom Safety Summit 2025",
    ]
    nav = site.soup(EVENT).select_one("nav.edition-nav")
    assert [a.get_text(strip=True) for a in nav.find_all("a")][0] == "2025"
    previous = site.soup("events/newsroom-safety-summit-2025/").select_one("nav.edition-nav")
    assert "2027" in [a.get_text(strip=True) for a in previous.find_all("a")]


def test_a_sponsor_lists_the_events_it_sponsors(site):
    text = site.soup("organizations/kauri-trust/").get_text(" ", strip=True)
    assert "Newsroom Safety Summit 2027" in text and "Newsroom Safety Summit 2025" in text
