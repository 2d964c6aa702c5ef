"""A past event reads as a record of what happened; the home page with nothing upcoming
still shows a living site; the visitor's own time is asked for once a page."""

from __future__ import annotations

import re

import pytest

from sitebuild import ContentFolder, epoch

MEETING = "events/general-meeting-2013/"
WORKSHOP = "events/confronting-impunity-2016/"
BEFORE = epoch("2027-01-01T00:00+00:00")
AFTER = epoch("2027-03-12T00:00+00:00")


def page_text(soup) -> str:
    """The main text as read, one space between words (isolated runs such as <bdi> join their sentence)."""
    text = " ".join((soup.select_one("main") or soup).get_text(" ").split())
    return re.sub(r"\( ", "(", re.sub(r" ([).,:;])", r"\1", text))


# --- past events -----------------------------------------------------------------------


@pytest.mark.parametrize("path", [MEETING, WORKSHOP])
def test_a_past_event_lists_its_sessions_without_empty_time_slots(shipped, path):
    page = shipped.soup(path)
    assert "announced" not in page_text(page)
    assert not page.select(".programme .session-time")
    assert page.select(".programme ol.sessions--untimed a")
    assert page.select_one(".programme-zone") is None  # no times, nothing to say of their zone


def test_the_2013_meeting_keeps_its_eleven_sessions_by_part(shipped):
    programme = shipped.soup(MEETING).select_one(".programme")
    assert [h.get_text() for h in programme.select("h3")] == [
        "Strategy Conference: Overcoming Obstacles to Defending and Promoting Free Expression"
    ]
    assert len(programme.select("ol a")) == 11


def test_a_past_session_says_when_it_was_not_that_its_time_is_to_be_announced(shipped):
    def when(path: str) -> str:  # Babel's thin spaces as spaces
        return " ".join(shipped.soup(path).select(".facts dd")[0].get_text().split())

    assert when(f"{WORKSHOP}campaign-strategy/") == "During the event (Monday, 2 May 2016)"
    assert when(f"{MEETING}tackling-impunity/") == "During the event (Wednesday 19 June – Thursday 20 June 2013)"


@pytest.fixture
def timed_event(content: ContentFolder):
    content.event("conf", start="2027-03-10 09:00", end="2027-03-11 17:00", timezone="Europe/Helsinki")
    content.session("conf", "opening", title="Opening", start="2027-03-10 09:00", end="2027-03-10 10:00")
    content.session("conf", "later", title="Networking")
    return content


@pytest.mark.parametrize("path", ["events/conf/", "events/conf/opening/"])
def test_a_past_event_offers_no_calendar_links_but_keeps_its_calendar_files(timed_event, build_content, path):
    assert build_content(now=BEFORE).soup(path).select_one(".calendar-links") is not None
    after = build_content(now=AFTER)  # into the same folder
    assert after.soup(path).select_one(".calendar-links") is None
    assert "Add to your calendar" not in after.text(f"{path}index.html")
    for calendar in ("events/conf/calendar.ics", "events/conf/opening/calendar.ics", "calendar.ics"):
        assert "BEGIN:VEVENT" in after.text(calendar)  # the contract's URLs stay


def test_an_upcoming_event_says_which_times_are_still_to_be_announced(timed_event, build_content):
    page = build_content(now=BEFORE).soup("events/conf/")
    assert [h.get_text() for h in page.select(".programme h3")][-1] == "Time to be announced"
    assert page.select(".programme .session-time")[-1].get_text() == "To be announced"


def test_a_past_event_lists_its_untimed_sessions_after_the_timed_ones(timed_event, build_content):
    page = build_content(now=AFTER).soup("events/conf/")
    assert [h.get_text() for h in page.select(".programme h3")] == ["Wednesday, 10 March 2027", "Other sessions"]
    assert "announced" not in page_text(page.select_one(".programme"))
    assert page.select_one(".programme ol.sessions--untimed").get_text(strip=True) == "Networking"
    assert "Times are local times at the event (Europe/Helsinki, EET)." in page_text(page)


def test_a_page_built_before_the_end_tells_the_script_when_to_hide_its_calendar_links(timed_event, build_content):
    links = build_content(now=BEFORE).soup("events/conf/opening/").select_one(".calendar-links")
    assert links["data-ends"] == "2027-03-11T17:00:00+02:00"  # the event's end, for site.js


# --- the home page ---------------------------------------------------------------------


def test_the_shipped_home_page_shows_its_recent_events_and_campaigns(shipped):
    home = shipped.soup("")
    recent = home.select_one("#recent-heading").parent
    assert [a.get_text() for a in recent.select(".event-card h3 a")] == [
        "Confronting Impunity: A Strategy Workshop with IFEX Campaigns",
        "IFEX General Meeting and Strategy Conference 2013",
    ]
    assert recent.find("a", string="All past events")["href"] == "./events/"
    campaigns = home.select_one("#campaigns-heading").parent
    assert [a.get_text() for a in campaigns.select(".campaign-card h3 a")] == [
        "CPJ 2016 Impunity Campaign",
        "IFEX No Impunity Campaign",
    ]
    assert "By International Freedom of Expression Exchange (IFEX)" in campaigns.get_text()


def test_with_nothing_upcoming_the_home_page_shows_the_last_three_events(content: ContentFolder, build_content):
    for year in (2019, 2020, 2021, 2022):
        content.event(f"meet-{year}", title=f"Meeting {year}", start=f"{year}-05-05")
    home = build_content(now=BEFORE).soup("")
    cards = home.select("#recent-heading ~ .event-card h3 a")
    assert [a.get_text() for a in cards] == ["Meeting 2022", "Meeting 2021", "Meeting 2020"]
    assert "No upcoming events are announced yet" in page_text(home)


def test_with_an_upcoming_event_the_home_page_leads_with_it_not_with_the_past(content: ContentFolder, build_content):
    content.event("old", title="Old meeting", start="2022-05-05")
    content.event("next", title="Next meeting", start="2027-05-05", campaigns=["safety"])
    content.campaign("safety", title="Safety")
    home = build_content(now=BEFORE).soup("")
    assert home.select_one("#hero-heading").get_text() == "Next meeting"
    assert home.select_one("#recent-heading") is None
    card = home.select_one(".campaign-card")
    assert " ".join(card.get_text(" ").split()).startswith("Safety Next event: Next meeting , Wednesday, 5 May 2027")


# --- the visitor's own time: asked for once a page ---------------------------------------


def test_only_the_pages_own_time_and_the_programme_ask_for_the_visitors_time(timed_event, build_content):
    result = build_content(now=BEFORE)
    event = result.soup("events/conf/")
    (own,) = event.select(".facts time[data-local]")
    assert (own["datetime"], own["data-end"]) == ("2027-03-10T09:00+02:00", "2027-03-11T17:00+02:00")
    (programme,) = event.select(".programme time[data-local]")
    assert (programme["datetime"], programme["data-end"]) == ("2027-03-10T09:00+02:00", "2027-03-10T10:00+02:00")
    assert len(event.select("time[data-local]")) == 2
    assert event.select_one("[data-programme-zone]").get_text() == (
        "Times are local times at the event (Europe/Helsinki, EET)."
    )
    assert len(result.soup("events/conf/opening/").select("time[data-local]")) == 1
    for listing in ("", "events/"):
        assert not result.soup(listing).select("time[data-local]"), listing  # cards: the event's time only
