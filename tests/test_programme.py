"""The programme (issue 15), as a build writes it: rooms as columns of a grid day by day,
breaks that are pauses and not pages, sessions shown inside a longer one (a block of
lightning talks), tracks with a legend, a long programme on a page of its own, and what an
editor is told when the content asks for what cannot be drawn.

The markup read here is partials/programme.html's: a day is section.programme-day; its
items, li.slot in one list (ol.programme-grid on a grid day), with the classes that place
them (row-N span-N col-N cols-N, or all-rooms) worked out by plugins/eventsite/programme.py.
tests/sites/programme is a 5-room, 3-day conference in Lisbon, built once for the module."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit
from xml.etree import ElementTree

import icalendar
import pytest
from test_errors import assert_stopped

from eventsite.programme import MAX_ROOMS, MAX_ROWS

from sitebuild import REPO, ContentFolder, build_here, epoch

FORUM = REPO / "tests/sites/programme"
FORUM_URL = "events/digital-rights-forum-2027/"
PROGRAMME_URL = FORUM_URL + "programme/"
ROOMS = ["Main hall", "Room Tejo", "Room Douro", "Room Mondego", "Studio"]
BEFORE_THE_FORUM = epoch("2027-09-01T12:00+01:00")  # its registration is open
NOW = epoch("2027-02-01T12:00+00:00")  # before the small events below, on 2027-03-10
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture(scope="module")
def forum(tmp_path_factory):
    built = build_here(FORUM, tmp_path_factory.mktemp("programme") / "output", now=BEFORE_THE_FORUM)
    assert built.ok, built
    return built


def day(page, anchor: str):
    return page.select_one(f"section.programme-day#{anchor}")


def slots(day_section) -> list:
    """The items of a day's list (not those shown inside another), without the hidden cells
    that only draw a break over more rooms."""
    return [li for li in day_section.select("ol.sessions > li.slot") if "slot-more" not in li["class"]]


def title(slot) -> str:
    shown = slot.select_one(":scope > div > a, :scope > div > .break-title")
    return shown.get_text(strip=True)


def placement(slot) -> set[str]:
    return {c for c in slot["class"] if c.startswith(("row-", "span-", "col-", "cols-")) or c == "all-rooms"}


def path_of(page_url: str, href: str) -> str:
    """A link's site path, however the page writes it (relative or from the root)."""
    return urlsplit(urljoin(f"https://site.example/{page_url}", href)).path


def sitemap_paths(built) -> set[str]:
    sitemap = ElementTree.fromstring(built.text("sitemap.xml"))
    return {urlsplit(url.find(f"{SITEMAP}loc").text).path for url in sitemap.iter(f"{SITEMAP}url")}


def calendar_uids(built, path: str) -> set[str]:
    calendar = icalendar.Calendar.from_ical(built.text(path))
    return {str(entry["uid"]) for entry in calendar.walk("VEVENT")}


def small_event(content: ContentFolder, **front) -> None:
    content.event("forum", title="The forum", start="2027-03-10 09:00", end="2027-03-10 18:00", **front)


# Rooms


def test_a_room_not_among_the_events_rooms_is_an_error_naming_the_nearest(content, check_content):
    small_event(content, rooms=["Main hall", "Room Tejo"])
    content.session("forum", "talk", start="2027-03-10 10:00", end="2027-03-10 11:00", room="Room Tjeo")
    line = assert_stopped(check_content(now=NOW), "events/forum/sessions/talk.md", "room", "Room Tjeo")
    assert 'did you mean "Room Tejo"?' in line
    assert '"Main hall", "Room Tejo"' in line  # the rooms it may take


def test_a_room_in_another_case_is_an_error_that_gives_the_spelling(content, check_content):
    small_event(content, rooms=["Main hall", "Room Tejo"])
    content.session("forum", "talk", start="2027-03-10 10:00", end="2027-03-10 11:00", room="main Hall")
    assert_stopped(check_content(now=NOW), "events/forum/sessions/talk.md", "room", 'did you mean "Main hall"?')


def test_a_room_listed_twice_is_an_error(content, check_content):
    small_event(content, rooms=["Main hall", "Room Tejo", "main hall"])
    assert_stopped(check_content(now=NOW), "events/forum/index.md", "rooms[3]", '"main hall" is listed already')


def test_without_rooms_any_room_is_a_column_in_the_order_of_first_use(content, build_content):
    """The order an editor reads in the programme: not the alphabet's."""
    small_event(content)
    content.session("forum", "opening", start="2027-03-10 09:00", end="2027-03-10 10:00", room="Zenith hall")
    content.session("forum", "a-talk", start="2027-03-10 10:00", end="2027-03-10 11:00", room="Zenith hall")
    content.session("forum", "b-talk", start="2027-03-10 10:00", end="2027-03-10 11:00", room="Attic")
    content.session("forum", "c-talk", start="2027-03-10 11:00", end="2027-03-10 12:00", room="Mezzanine")
    built = build_content(now=NOW)
    assert built.ok, built
    grid = day(built.soup("events/forum/"), "day-2027-03-10").select_one("ol.programme-grid.rooms-3")
    assert [li.get_text() for li in grid.select("li.grid-room")] == ["Zenith hall", "Attic", "Mezzanine"]
    columns = {title(slot): placement(slot) for slot in slots(grid.parent)}
    assert "col-2" in columns["Session b-talk"] and "col-3" in columns["Session c-talk"]


# Breaks


@pytest.fixture
def with_breaks(content: ContentFolder) -> ContentFolder:
    """Two talks with a coffee break between them and a lunch after, both with a speaker
    and a campaign as a talk has: a break takes none of what a session's page brings."""
    small_event(content)
    content.markdown("people/ann.md", {"title": "Ann Example"})
    content.campaign("safety")
    talk = {"speakers": [{"person": "ann"}], "campaigns": ["safety"]}
    content.session("forum", "first", start="2027-03-10 09:00", end="2027-03-10 10:00", room="Hall", **talk)
    content.session(
        "forum", "coffee", title="Coffee", start="2027-03-10 10:00", end="2027-03-10 10:30", format="Break", **talk
    )
    content.session("forum", "second", start="2027-03-10 10:30", end="2027-03-10 12:00", room="Hall", **talk)
    content.session(
        "forum", "lunch", title="Lunch", start="2027-03-10 12:00", end="2027-03-10 13:00", format="break", room="Hall"
    )
    return content


def test_a_break_is_in_the_programme_without_a_link(with_breaks, build_content):
    built = build_content(now=NOW)
    assert built.ok, built
    items = slots(day(built.soup("events/forum/"), "day-2027-03-10"))
    assert [title(slot) for slot in items] == ["Session first", "Coffee", "Session second", "Lunch"]
    for item in (items[1], items[3]):
        assert "break" in item["class"]
        assert item.a is None and item.select_one(".break-title") is not None
        assert "data-uid" not in item.attrs  # a starred selection has no calendar entry for it
        meta = item.select_one(".session-meta")
        assert meta is None or "break" not in meta.get_text().lower()  # its format is no news
    assert items[0].a is not None and "break" not in items[0]["class"]


def test_a_break_has_no_page_no_calendar_entry_and_no_listing(with_breaks, build_content):
    built = build_content(now=NOW)
    assert built.ok, built
    for name in ("coffee", "lunch"):
        assert not (built.output / f"events/forum/{name}").exists()
    assert (built.output / "events/forum/first/index.html").is_file()
    assert calendar_uids(built, "events/forum/calendar.ics") == {
        "event-forum@events.ifex.org",
        "session-forum-first@events.ifex.org",
        "session-forum-second@events.ifex.org",
    }
    paths = sitemap_paths(built)
    assert "/events/forum/first/" in paths
    assert not [path for path in paths if "coffee" in path or "lunch" in path]
    for page_url in ("campaigns/safety/", "people/ann/"):
        page = built.soup(page_url)
        linked = {path_of(page_url, a["href"]) for a in page.select("main a[href]")}
        assert "/events/forum/first/" in linked, page_url
        assert "Coffee" not in page.main.get_text() and "Lunch" not in page.main.get_text(), page_url


def test_the_sessions_around_a_break_lead_to_each_other(with_breaks, build_content):
    built = build_content(now=NOW)
    first, second = built.soup("events/forum/first/"), built.soup("events/forum/second/")
    assert path_of("events/forum/first/", first.find("a", rel="next")["href"]) == ("/events/forum/second/")
    assert path_of("events/forum/second/", second.find("a", rel="prev")["href"]) == ("/events/forum/first/")
    assert second.find("a", rel="next") is None  # the lunch after it is no page


# The grid of tests/sites/programme


def test_a_five_room_day_is_a_grid_with_the_rooms_in_the_events_order(forum):
    friday = day(forum.soup(PROGRAMME_URL), "day-2027-10-29")
    grid = friday.select_one("ol.sessions.programme-grid.rooms-5")
    rooms = grid.select("li.grid-room")
    assert [li.get_text() for li in rooms] == ROOMS
    assert [li["class"] for li in rooms] == [["grid-room", f"col-{n}"] for n in range(1, 6)]
    assert all(li["aria-hidden"] == "true" for li in rooms)  # each slot says its room itself


def test_parallel_sessions_sit_in_one_row_one_room_each(forum):
    friday = day(forum.soup(PROGRAMME_URL), "day-2027-10-29")
    at_ten = [slot for slot in slots(friday) if slot.get("data-start") == "2027-10-29T10:00+01:00"]
    assert [slot["data-room"] for slot in at_ten] == ROOMS
    assert len({next(c for c in slot["class"] if c.startswith("row-")) for slot in at_ten}) == 1
    assert [next(c for c in slot["class"] if c.startswith("col-")) for slot in at_ten] == [
        f"col-{n}" for n in range(1, 6)
    ]
    assert all(slot.a is not None and "break" not in slot["class"] for slot in at_ten)


def test_a_break_with_no_room_spans_every_room_or_only_those_free(forum):
    friday = day(forum.soup(PROGRAMME_URL), "day-2027-10-29")
    by_start = {slot.get("data-start"): slot for slot in slots(friday)}
    morning = by_start["2027-10-29T11:00+01:00"]
    assert title(morning) == "Coffee break" and morning.a is None
    assert {"break", "all-rooms"} <= set(morning["class"]) and not placement(morning) & {"col-1", "cols-5"}
    # Two 90-minute workshops (Room Mondego, Studio) run on through the afternoon coffee.
    afternoon = by_start["2027-10-29T15:00+01:00"]
    assert title(afternoon) == "Coffee break" and "break" in afternoon["class"]
    assert {"col-1", "cols-3"} <= placement(afternoon) and "all-rooms" not in afternoon["class"]
    workshops = [s for s in slots(friday) if s.get("data-start") == "2027-10-29T14:00+01:00" and "span-2" in s["class"]]
    assert [s["data-room"] for s in workshops] == ["Room Mondego", "Studio"]


def test_lightning_talks_are_inside_their_block_and_not_beside_it(forum):
    saturday = day(forum.soup(PROGRAMME_URL), "day-2027-10-30")
    block = next(slot for slot in slots(saturday) if title(slot) == "Lightning talks")
    assert "block" in block["class"] and {"col-1", "span-1"} <= placement(block)
    inside = block.select("ol.sessions-inside > li.slot a")
    inner = [path_of(PROGRAMME_URL, a["href"]) for a in inside]
    slugs = ["vpn-blocking", "press-card-apps", "consent-banners", "festival-mesh-network", "archiving-deleted-posts"]
    assert inner == [f"/{FORUM_URL}{slug}/" for slug in slugs]  # by their start
    outside = [path_of(PROGRAMME_URL, s.a["href"]) for s in slots(saturday) if s.a and s is not block]
    assert len(outside) == len(set(outside)) and not set(inner) & set(outside)
    assert all((forum.output / FORUM_URL / slug / "index.html").is_file() for slug in slugs)


def test_the_poster_set_up_is_inside_lunch(forum):
    saturday = day(forum.soup(PROGRAMME_URL), "day-2027-10-30")
    lunch = next(slot for slot in slots(saturday) if title(slot) == "Lunch")
    assert {"break", "block", "all-rooms"} <= set(lunch["class"])
    (set_up,) = lunch.select("ol.sessions-inside > li.slot")
    assert set_up.select_one(".break-title").get_text() == "Poster set-up" and set_up.a is None
    assert "Poster set-up" not in [title(slot) for slot in slots(saturday)]


def test_the_legend_lists_the_four_tracks(forum):
    legend = forum.soup(PROGRAMME_URL).select_one("ul.programme-legend")
    names = [li.get_text() for li in legend.find_all("li")]
    assert sorted(names) == ["Community", "Policy", "Safety", "Tech"]
    tone = {li.get_text(): li["class"] for li in legend.find_all("li")}
    friday = day(forum.soup(PROGRAMME_URL), "day-2027-10-29")
    for slot in slots(friday):  # each session in its track's colour, a break in none
        track = next((t for t in names if f"· {t} ·" in slot.get_text(" ")), None)
        tones = [c for c in slot["class"] if c.startswith("tone-")]
        assert tones == (tone[track] if track else []), title(slot)


def test_the_time_ruler_says_when_each_row_starts(forum):
    friday = day(forum.soup(PROGRAMME_URL), "day-2027-10-29")
    ruler = {li["class"][1]: li.get_text() for li in friday.select("li.grid-time")}
    assert list(ruler.values())[:4] == ["08:30", "09:00", "10:00", "11:00"]
    assert list(ruler.values())[-1] == "15:30"
    for slot in slots(friday):
        row = next(c for c in slot["class"] if c.startswith("row-"))
        assert ruler[row] == slot.get("data-start")[11:16], title(slot)


def test_the_days_are_anchors_the_programme_links_to(forum):
    page = forum.soup(PROGRAMME_URL)
    days = [a["href"] for a in page.select("nav.programme-days a")]
    assert days == ["#day-2027-10-29", "#day-2027-10-30", "#day-2027-10-31"]
    assert all(page.select_one(f"section.programme-day{anchor} h2 time") for anchor in days)


def test_a_single_room_event_is_a_list_day(content, build_content):
    small_event(content)
    content.session("forum", "one", start="2027-03-10 10:00", end="2027-03-10 11:00", room="Hall")
    content.session("forum", "two", start="2027-03-10 11:00", end="2027-03-10 12:00", room="Hall")
    content.session("forum", "coffee", title="Coffee", start="2027-03-10 12:00", end="2027-03-10 12:15", format="break")
    built = build_content(now=NOW)
    assert built.ok, built
    the_day = day(built.soup("events/forum/"), "day-2027-03-10")
    (ordered,) = the_day.select("ol.sessions")
    assert "programme-grid" not in ordered["class"] and not ordered.select("li.grid-room, li.grid-time")
    assert [title(slot) for slot in slots(the_day)] == ["Session one", "Session two", "Coffee"]
    assert all(not placement(slot) for slot in slots(the_day))


def test_two_sessions_in_one_room_at_once_make_a_list_day_and_a_warning(content, build_content):
    small_event(content, rooms=["Main hall", "Room 2"])
    content.session("forum", "panel", start="2027-03-10 10:00", end="2027-03-10 11:00", room="Main hall")
    content.session("forum", "talk", start="2027-03-10 10:30", end="2027-03-10 11:30", room="Main hall")
    content.session("forum", "other", start="2027-03-10 10:00", end="2027-03-10 11:00", room="Room 2")
    built = build_content(now=NOW)
    assert built.ok, built
    warnings = [line for line in built.errors if ": room: warning: " in line]
    assert len(warnings) == 1, built.errors
    (line,) = warnings
    assert "events/forum/sessions/panel.md: room: warning: " in line  # the first of the two
    assert "events/forum/sessions/panel.md" in line and "events/forum/sessions/talk.md" in line
    assert "Main hall" in line and "10:30" in line and "2027-03-10" in line
    assert "another room" in line  # how to fix it
    the_day = day(built.soup("events/forum/"), "day-2027-03-10")
    assert the_day.select_one("ol.programme-grid") is None
    assert [title(slot) for slot in slots(the_day)] == ["Session other", "Session panel", "Session talk"]


def test_a_break_with_no_room_while_every_room_is_in_use_is_a_warning(content, build_content):
    small_event(content, rooms=["Main hall", "Room 2"])
    content.session("forum", "panel", start="2027-03-10 10:00", end="2027-03-10 11:00", room="Main hall")
    content.session("forum", "other", start="2027-03-10 10:00", end="2027-03-10 11:00", room="Room 2")
    content.session("forum", "coffee", title="Coffee", start="2027-03-10 10:45", end="2027-03-10 11:15", format="break")
    built = build_content(now=NOW)
    assert built.ok, built
    (line,) = [line for line in built.errors if ": room: warning: " in line]
    assert "events/forum/sessions/coffee.md: room: warning: this session has no room" in line
    assert "10:45" in line and "events/forum/sessions/other.md is in Room 2" in line
    assert day(built.soup("events/forum/"), "day-2027-03-10").select_one("ol.programme-grid") is None


def test_a_day_with_more_moments_than_the_grid_has_rows_is_a_list_and_a_warning(content, build_content):
    small_event(content, rooms=["Main hall", "Room 2"])
    for minute in range(MAX_ROWS + 2):  # MAX_ROWS + 2 moments: one more row than the stylesheet has
        hour, rest = divmod(9 * 60 + minute * 5, 60)
        content.session("forum", f"talk-{minute}", start=f"2027-03-10 {hour:02}:{rest:02}", room="Main hall")
    content.session("forum", "other", start="2027-03-10 09:00", end="2027-03-10 10:00", room="Room 2")
    built = build_content(now=NOW)
    assert built.ok, built
    (line,) = [line for line in built.errors if "index.md: sessions: warning: " in line]
    assert "events/forum/index.md: sessions: warning: the programme of 2027-03-10 has more than 48" in line
    assert "quarter hour" in line and "rooms:" not in line
    assert day(built.soup("events/forum/programme/"), "day-2027-03-10").select_one("ol.programme-grid") is None


def test_a_programme_that_can_be_drawn_gives_no_warning(forum):
    assert not [line for line in forum.errors if ": room: " in line], forum.errors


def test_a_session_may_not_take_the_programme_pages_slug(content, check_content):
    small_event(content)
    content.session("forum", "programme", start="2027-03-10 10:00", end="2027-03-10 11:00")
    assert_stopped(check_content(now=NOW), "events/forum/sessions/programme.md", "slug", "programme page")


# A long programme has its own page


def test_a_long_programme_has_its_own_page_linked_from_the_event(forum):
    event = forum.soup(FORUM_URL)
    section = event.select_one("section.programme")
    links = {path_of(FORUM_URL, a["href"]) for a in section.select("a[href]")}
    assert f"/{PROGRAMME_URL}" in links
    assert section.select_one("section.programme-day") is None  # the days are on the programme's page
    assert (forum.output / PROGRAMME_URL / "index.html").is_file()
    assert f"/{PROGRAMME_URL}" in sitemap_paths(forum)
    page = forum.soup(PROGRAMME_URL)
    assert page.h1.get_text() == "Programme"
    assert len(page.select("section.programme-day")) == 3
    assert len(page.select("ol.programme-grid.rooms-5")) == 3
    assert "Europe/Lisbon" in page.select_one("p.programme-zone").get_text()
    assert page.select_one("[data-programme]")["data-programme"] == "digital-rights-forum-2027"


def test_the_programme_comes_right_after_registration(forum):
    article = forum.soup(FORUM_URL).select_one("article.event")
    order = [tag for tag in article.find_all(recursive=False) if tag.name != "header"]
    classes = [tag.get("class", []) for tag in order]
    assert "registration" in classes[0] and "programme" in classes[1], classes
    assert classes.index(["event-body"]) > 1


def test_a_short_programme_is_on_the_event_page_and_has_no_page_of_its_own(shipped):
    for slug in ("general-meeting-2013", "confronting-impunity-2016"):
        page = shipped.soup(f"events/{slug}/")
        programme = page.select_one("section.programme")
        assert programme.select("li.slot a[href]"), slug  # the sessions themselves, here
        assert not programme.select(".programme-day-links") and programme.select_one(".button") is None, slug
        assert not (shipped.output / f"events/{slug}/programme").exists(), slug
        children = page.select_one("article.event").find_all(recursive=False)
        assert children.index(programme) < children.index(page.select_one("div.event-body")), slug


# Tracks


def test_the_track_is_on_the_session_page_and_in_the_programme(forum):
    page = forum.soup(FORUM_URL + "age-verification-and-anonymity/")
    facts = {dt.get_text(): dt.find_next_sibling("dd").get_text() for dt in page.select("dl dt")}
    assert facts["Track"] == "Policy"
    saturday = day(forum.soup(PROGRAMME_URL), "day-2027-10-30")
    slot = next(slot for slot in slots(saturday) if title(slot) == "Age verification and anonymity")
    assert slot.select_one(".session-meta").get_text().split(" · ")[:3] == ["panel", "Policy", "Main hall"]


def test_the_stylesheet_can_place_every_row_and_room_the_layout_gives():
    """programme.py lays out up to MAX_ROWS rows and MAX_ROOMS rooms a day (more: a list);
    the stylesheet must have a class for each, or a session would sit in the wrong place."""
    css = (REPO / "theme/static/css/site.css").read_text(encoding="utf-8")

    def numbers(prefix: str) -> set[int]:
        return {int(n) for n in re.findall(rf"\.{prefix}-(\d+)\b", css)}

    assert numbers("row") >= set(range(1, MAX_ROWS + 1))
    assert numbers("span") >= set(range(2, MAX_ROWS + 1))  # span-1: one row, the default
    assert numbers("col") >= set(range(1, MAX_ROOMS + 1))
    assert numbers("cols") >= set(range(2, MAX_ROOMS + 1))
    assert numbers("rooms") >= set(range(2, MAX_ROOMS + 1))
    assert ".all-rooms" in css


# A session with no end (review of issue 15)


def test_a_roomless_session_with_no_end_is_not_drawn_over_the_rooms_in_use(content, build_content):
    """Doors open at 10:00 (no end, no room) while a talk starts in each room: it takes its
    start's row, where no room is free, so the day is a list and the editor is told."""
    small_event(content, rooms=["A", "B"])
    content.session("forum", "doors", title="Doors open", start="2027-03-10 10:00")
    content.session("forum", "a-one", start="2027-03-10 10:00", end="2027-03-10 11:00", room="A")
    content.session("forum", "b-one", start="2027-03-10 10:00", end="2027-03-10 11:00", room="B")
    built = build_content(now=NOW)
    assert built.ok, built
    (line,) = [line for line in built.errors if ": room: warning: " in line]
    assert "events/forum/sessions/doors.md: room: warning: this session has no room" in line
    the_day = day(built.soup("events/forum/"), "day-2027-03-10")
    assert the_day.select_one("ol.programme-grid") is None
    assert not [slot for slot in slots(the_day) if "all-rooms" in slot["class"]]


def test_a_roomless_session_with_no_end_takes_the_rooms_free_at_its_start(content, build_content):
    small_event(content, rooms=["A", "B"])
    content.session("forum", "doors", title="Doors open", start="2027-03-10 10:00")
    content.session("forum", "a-one", start="2027-03-10 09:00", end="2027-03-10 11:00", room="A")
    content.session("forum", "b-one", start="2027-03-10 11:00", end="2027-03-10 12:00", room="B")
    built = build_content(now=NOW)
    assert built.ok, built
    assert not [line for line in built.errors if ": room: " in line], built.errors
    the_day = day(built.soup("events/forum/"), "day-2027-03-10")
    doors = next(slot for slot in slots(the_day) if title(slot) == "Doors open")
    assert {"col-2"} <= placement(doors) and "all-rooms" not in doors["class"]


def test_two_sessions_with_no_end_in_one_room_at_once_are_a_clash(content, build_content):
    small_event(content, rooms=["A", "B"])
    content.session("forum", "first", start="2027-03-10 10:00", room="A")
    content.session("forum", "second", start="2027-03-10 10:00", room="A")
    content.session("forum", "other", start="2027-03-10 10:00", end="2027-03-10 11:00", room="B")
    built = build_content(now=NOW)
    assert built.ok, built
    (line,) = [line for line in built.errors if ": room: warning: " in line]
    assert "are both in A at 10:00" in line


def test_a_session_with_no_end_starting_as_another_ends_is_not_inside_it(content, build_content):
    small_event(content, rooms=["A", "B"])
    content.session("forum", "talk", start="2027-03-10 10:00", end="2027-03-10 11:00", room="A")
    content.session("forum", "questions", start="2027-03-10 11:00", room="A")
    content.session("forum", "other", start="2027-03-10 10:00", end="2027-03-10 11:00", room="B")
    built = build_content(now=NOW)
    assert built.ok, built
    the_day = day(built.soup("events/forum/"), "day-2027-03-10")
    assert [title(slot) for slot in slots(the_day)] == ["Session talk", "Session other", "Session questions"]
    assert not the_day.select("ol.sessions-inside")


def test_a_roomless_plenary_spans_the_free_rooms_and_holds_no_workshop(content, build_content):
    """Only a break with no room holds the sessions in rooms at its time (a poster set-up in
    lunch); a plenary with no room is drawn over the rooms that are free, in its own colour."""
    small_event(content, rooms=["A", "B", "C"])
    content.session("forum", "keynote", start="2027-03-10 10:00", end="2027-03-10 12:00", format="keynote")
    content.session("forum", "workshop", start="2027-03-10 10:00", end="2027-03-10 11:00", room="B", format="workshop")
    for room in "AC":
        content.session("forum", f"after-{room.lower()}", start="2027-03-10 12:00", end="2027-03-10 13:00", room=room)
    built = build_content(now=NOW)
    assert built.ok, built
    the_day = day(built.soup("events/forum/"), "day-2027-03-10")
    assert not the_day.select("ol.sessions-inside")
    items = {title(slot): slot for slot in slots(the_day)}
    assert set(items) == {"Session keynote", "Session workshop", "Session after-a", "Session after-c"}
    keynote = items["Session keynote"]
    assert {"col-1", "row-1", "span-2"} <= placement(keynote) and "break" not in keynote["class"]
    assert "col-2" in placement(items["Session workshop"])
    (more,) = the_day.select("li.slot-more")
    assert {"col-3", "row-1", "span-2"} <= placement(more) and more["aria-hidden"] == "true"
    tone = [c for c in keynote["class"] if c.startswith("tone-")]
    assert tone and tone[0] in more["class"] and "break" not in more["class"]


# Across midnight


def test_a_session_running_past_midnight_says_so_and_clashes_with_the_next_days(content, build_content):
    content.event("forum", title="The forum", start="2027-03-10 09:00", end="2027-03-11 18:00", rooms=["A", "B"])
    content.session("forum", "party", start="2027-03-10 22:00", end="2027-03-11 01:00", room="A")
    content.session("forum", "other", start="2027-03-10 22:00", end="2027-03-10 23:00", room="B")
    content.session("forum", "late", start="2027-03-11 00:30", end="2027-03-11 01:30", room="A")
    content.session("forum", "late-b", start="2027-03-11 00:30", end="2027-03-11 01:30", room="B")
    built = build_content(now=NOW)
    assert built.ok, built
    (line,) = [line for line in built.errors if ": room: warning: " in line]
    assert "events/forum/sessions/party.md: room: warning: this session and events/forum/sessions/late.md" in line
    assert "both in A at 00:30 on 2027-03-11" in line
    party = next(s for s in slots(day(built.soup("events/forum/"), "day-2027-03-10")) if title(s) == "Session party")
    assert party.select_one(".session-time").get_text(" ", strip=True) == "22:00–01:00 (+1 day)"
    other = next(s for s in slots(day(built.soup("events/forum/"), "day-2027-03-10")) if title(s) == "Session other")
    assert "day" not in other.select_one(".session-time").get_text()


def test_the_day_after_the_clocks_go_back_says_its_zone(forum):
    """The note above the days names the zone of the forum's first day (WEST); Sunday's
    times are in WET, and its day says so."""
    page = forum.soup(PROGRAMME_URL)
    assert "WEST" in page.select_one("p.programme-zone").get_text()
    notes = {anchor: day(page, anchor).select_one(".day-zone") for anchor in ("day-2027-10-29", "day-2027-10-30")}
    assert notes == {"day-2027-10-29": None, "day-2027-10-30": None}
    sunday = day(page, "day-2027-10-31").select_one("h2 + p.day-zone")
    assert sunday.get_text() == "Times are in WET." and sunday.bdi.get_text() == "WET"


# The site's calendar and the starred selection say the same


def test_a_sessions_calendar_entry_says_its_room_before_the_venue(forum):
    calendar = icalendar.Calendar.from_ical(forum.text(FORUM_URL + "calendar.ics"))
    entries = {str(e["uid"]): e for e in calendar.walk("VEVENT")}
    talk = entries["session-digital-rights-forum-2027-age-verification-and-anonymity@events.ifex.org"]
    assert str(talk["location"]).startswith("Main hall, Tagus Riverside Congress Centre, ")
    event = entries["event-digital-rights-forum-2027@events.ifex.org"]
    assert str(event["location"]).startswith("Tagus Riverside Congress Centre, ")


def test_a_session_ending_on_a_date_gives_the_programme_its_calendar_end(content, build_content):
    """Its calendar entry ends at the next midnight: the starred selection's (programme.js
    reads data-end) must too."""
    small_event(content)
    content.session("forum", "evening", start="2027-03-10 20:00", end="2027-03-10")
    built = build_content(now=NOW)
    assert built.ok, built
    (slot,) = slots(day(built.soup("events/forum/"), "day-2027-03-10"))
    calendar = icalendar.Calendar.from_ical(built.text("events/forum/calendar.ics"))
    (entry,) = [e for e in calendar.walk("VEVENT") if "evening" in str(e["uid"])]
    assert slot["data-end"] == entry["dtend"].dt.isoformat(timespec="minutes")
    assert slot["data-end"].startswith("2027-03-11T00:00")


@pytest.mark.parametrize("listed", [True, False])
def test_a_day_in_more_rooms_than_the_grid_has_columns_is_a_list_and_says_so(content, build_content, listed):
    """The warning names the rooms, not the start times; and the event's `rooms` only when it has them."""
    rooms = [f"Room {n}" for n in range(1, MAX_ROOMS + 2)]
    small_event(content, **({"rooms": rooms} if listed else {}))
    for n, room in enumerate(rooms, start=1):
        content.session("forum", f"talk-{n}", start="2027-03-10 10:00", end="2027-03-10 11:00", room=room)
    built = build_content(now=NOW)
    assert built.ok, built
    key = "rooms" if listed else "room"
    (line,) = [line for line in built.errors if "the programme of" in line]
    assert f"events/forum/index.md: {key}: warning: the programme of 2027-03-10 uses more than 12 rooms" in line
    assert "quarter hour" not in line and "start and end" not in line
    assert day(built.soup("events/forum/"), "day-2027-03-10").select_one("ol.programme-grid") is None


def test_a_day_of_breaks_only_gives_no_count_of_sessions_on_the_event_page(content, build_content):
    content.event("forum", title="The forum", start="2027-03-10 09:00", end="2027-03-11 18:00")
    for number in range(21):  # more than 20: the programme has a page of its own
        content.session("forum", f"talk-{number}", start=f"2027-03-10 {9 + number // 3:02}:{number % 3 * 20:02}")
    content.session("forum", "coffee", title="Coffee", start="2027-03-11 10:00", end="2027-03-11 10:30", format="break")
    built = build_content(now=NOW)
    assert built.ok, built
    links = [li.get_text(" ", strip=True) for li in built.soup("events/forum/").select(".programme-day-links li")]
    assert links == ["Wednesday, 10 March 2027 : 21 sessions", "Thursday, 11 March 2027"]
