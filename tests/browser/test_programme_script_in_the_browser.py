"""programme.js in a real browser: day tabs, now and next by the visitor's clock, and a
starred selection that downloads as a calendar file.

tests/sites/programme: Digital Rights Forum 2027 in Lisbon, 2027-10-29 08:30 to 2027-10-31
17:30, five rooms, three days; the clocks go back on the night of the 30th (WEST, UTC+1, to
WET, UTC+0). Built before the event, on 2027-09-01.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

import icalendar
import pytest
from test_pages_in_the_browser import violations_in_both_schemes

from calendar_readers import content_lines, icaljs
from sitebuild import REPO, ContentFolder, build, build_here, epoch

PROGRAMME = "programme/events/digital-rights-forum-2027/programme/"
DAYS = ["day-2027-10-29", "day-2027-10-30", "day-2027-10-31"]
LISBON = {"timezone_id": "Europe/Lisbon", "locale": "en-GB"}
DAY_2_AT_10_15 = "2027-10-30T10:15+01:00"
UID = "session-digital-rights-forum-2027-{}@events.ifex.org"


@pytest.fixture(scope="module")
def programme_site(sites):
    """The programme site, beside the others the `server` fixture serves: /programme/."""
    result = build(REPO / "tests/sites/programme", sites / "programme", now=epoch("2027-09-01T00:00+00:00"))
    assert result.ok, result
    return result


@pytest.fixture
def opened(visit, server, programme_site):
    def open_page(moment: str | None = None, path: str = PROGRAMME, **context_options):
        tab = visit(**{**LISBON, **context_options})
        if moment is not None:
            tab.page.clock.install(time=datetime.fromisoformat(moment))
        tab.page.goto(f"{server}/{path}")
        return tab

    return open_page


def expected_marks(programme_site, moment: str) -> tuple[set[str], set[str]]:
    """(now, next) as the page's data says, read in Python: the sessions (not the breaks)
    running at the moment, and those starting first after it, on the same day."""
    t = datetime.fromisoformat(moment)
    slots = programme_site.soup(PROGRAMME.removeprefix("programme/")).select("li.slot[data-start]:not(.break)")
    times = [(s["data-uid"], datetime.fromisoformat(s["data-start"]), s.get("data-end")) for s in slots]
    now = {uid for uid, start, end in times if end and start <= t < datetime.fromisoformat(end)}
    later = [start for _, start, _ in times if start > t and start.date() == t.date()]
    return now, {uid for uid, start, _ in times if later and start == min(later)}


def marked(page, state: str) -> set[str]:
    slots = page.locator(f"li.slot.is-{state}")
    badges = page.locator(f"li.slot.is-{state} .now-badge").all_inner_texts()
    assert badges == [state.capitalize()] * slots.count()  # said in words, not by a colour alone
    return {slot.get_attribute("data-uid") for slot in slots.all()}


def selected_day(page) -> str:
    (tab,) = page.get_by_role("tab", selected=True).all()
    return tab.get_attribute("aria-controls")


def visible_days(page) -> list[str]:
    return [day for day in DAYS if page.locator(f"#{day}").is_visible()]


# --- now and next -------------------------------------------------------------------------


def test_during_the_event_the_day_opens_on_today_with_now_and_next_marked(opened, programme_site):
    page = opened(DAY_2_AT_10_15).page
    assert selected_day(page) == "day-2027-10-30"
    assert visible_days(page) == ["day-2027-10-30"]
    now, upcoming = expected_marks(programme_site, DAY_2_AT_10_15)
    assert {UID.format(s) for s in ("age-verification-and-anonymity", "digital-first-aid")} <= now
    assert marked(page, "now") == now
    assert all(
        s.startswith("2027-10-30T11:30")
        for s in page.locator(".is-next").evaluate_all("slots => slots.map(s => s.dataset.start)")
    )
    assert marked(page, "next") == upcoming and len(upcoming) == 5
    assert page.locator(".programme-tools").get_by_role("button", name="Jump to now").is_visible()


def test_the_marks_move_with_the_clock(opened, programme_site):
    page = opened(DAY_2_AT_10_15).page
    page.clock.run_for(75 * 60 * 1000)  # 11:30: the page's own timer, not a reload
    now, upcoming = expected_marks(programme_site, "2027-10-30T11:30+01:00")
    assert marked(page, "now") == now
    assert {UID.format("digital-services-act-in-practice"), UID.format("protecting-sources")} <= now
    assert UID.format("age-verification-and-anonymity") not in marked(page, "now")
    assert marked(page, "next") == upcoming and upcoming


def test_jump_to_now_shows_and_focuses_the_session_running_now(opened):
    page = opened(DAY_2_AT_10_15).page
    page.get_by_role("tab", name="Fri 29 Oct").click()
    assert visible_days(page) == ["day-2027-10-29"]
    page.get_by_role("button", name="Jump to now").click()
    assert selected_day(page) == "day-2027-10-30"
    focused = page.evaluate("document.activeElement.closest('li.slot').className")
    assert "is-now" in focused


def test_before_the_event_nothing_is_marked_and_the_first_day_is_open(opened):
    page = opened("2027-10-20T10:15+01:00").page
    assert page.locator(".is-now, .is-next, .now-badge").count() == 0
    assert selected_day(page) == DAYS[0]
    assert page.get_by_role("button", name="Jump to now").count() == 0


def test_a_day_in_the_address_opens_that_day_and_a_chosen_day_goes_in_it(opened):
    tab = opened(DAY_2_AT_10_15, path=f"{PROGRAMME}#day-2027-10-31")
    assert selected_day(tab.page) == "day-2027-10-31"
    entries = tab.page.evaluate("history.length")
    friday = tab.page.get_by_role("tab", name="Fri 29 Oct")
    friday.scroll_into_view_if_needed()
    scrolled = tab.page.evaluate("scrollY")
    friday.click()
    assert tab.page.url.endswith("#day-2027-10-29")
    assert tab.page.evaluate("history.length") == entries  # replaced, not a new entry
    assert tab.page.evaluate("scrollY") == scrolled  # and no jump to the day's heading


# --- tabs by keyboard, and without scripts -----------------------------------------------------


def test_the_day_tabs_work_by_keyboard(opened):
    page = opened("2027-10-20T10:00+01:00").page
    tablist = page.get_by_role("tablist", name="Days of the programme")
    assert tablist.get_by_role("tab").count() == 3
    page.get_by_role("tab", selected=True).focus()
    page.keyboard.press("ArrowRight")
    assert selected_day(page) == "day-2027-10-30"
    assert page.evaluate("document.activeElement.getAttribute('aria-controls')") == "day-2027-10-30"
    assert visible_days(page) == ["day-2027-10-30"]
    panel = page.get_by_role("tabpanel", name="Sat 30 Oct")
    assert panel.get_attribute("id") == "day-2027-10-30"
    page.keyboard.press("End")
    assert selected_day(page) == "day-2027-10-31"
    page.keyboard.press("ArrowRight")  # round to the first
    assert selected_day(page) == DAYS[0]
    page.keyboard.press("ArrowLeft")
    assert selected_day(page) == DAYS[2]
    page.keyboard.press("Home")
    assert selected_day(page) == DAYS[0]
    tabindexes = page.get_by_role("tab").evaluate_all("tabs => tabs.map(t => t.tabIndex)")
    assert tabindexes == [0, -1, -1]  # one stop in the Tab order: the selected day


def test_without_scripts_every_day_is_shown_and_nothing_is_added(opened):
    page = opened(DAY_2_AT_10_15, java_script_enabled=False).page
    assert visible_days(page) == DAYS
    assert page.locator(".star, .download-selection, .now-badge, [role=tab]").count() == 0
    # What the page has without scripts: the whole programme's calendar file, where the tools go.
    assert page.locator(".programme-tools a").all_inner_texts() == ["Whole programme (.ics)"]


# --- the starred selection --------------------------------------------------------------------


STARRED = {  # session slug: its start in UTC
    "age-verification-and-anonymity": "2027-10-30T09:00:00Z",  # 10:00 WEST
    "vpn-blocking": None,  # inside the lightning talks
    "encryption-backdoors-again": "2027-10-31T10:00:00Z",  # 10:00 WET, after the clocks go back
}


def star(page, slug: str) -> str:
    slot = page.locator(f'li.slot[data-uid="{UID.format(slug)}"]')
    title = slot.locator(":scope > div > a").first.inner_text()
    day = slot.locator("xpath=ancestor::section[@role='tabpanel']").get_attribute("id")
    page.locator(f'[role=tab][aria-controls="{day}"]').click()
    button = page.get_by_role("button", name=f"Star: {title}", exact=True)
    assert button.get_attribute("aria-pressed") == "false"
    button.click()
    assert button.get_attribute("aria-pressed") == "true"
    return title


def test_starred_sessions_stay_starred_and_download_as_a_valid_calendar(opened, tmp_path):
    tab = opened("2027-10-20T10:00+01:00")
    page = tab.page
    download = page.get_by_role("button", name="Download my selection (0)")
    assert download.is_disabled()
    titles = {slug: star(page, slug) for slug in STARRED}
    assert page.locator("[aria-live=polite]").inner_text() == (
        f"Starred: {titles['encryption-backdoors-again']}. Sessions in your selection: 3."
    )
    page.reload()
    assert page.locator(".star[aria-pressed=true]").count() == 3
    assert page.locator(".sessions-inside .star[aria-pressed=true]").count() == 1
    with page.expect_download() as caught:
        page.get_by_role("button", name="Download my selection (3)").click()
    assert caught.value.suggested_filename == "digital-rights-forum-2027-my-selection.ics"
    path = tmp_path / "selection.ics"
    caught.value.save_as(path)
    data = path.read_bytes()

    assert data.endswith(b"\r\n") and b"\n" not in data.replace(b"\r\n", b"")
    assert max(len(line) for line in data.split(b"\r\n")) <= 75
    lines = content_lines(data.decode("utf-8"))
    names = [name for name, _, _ in lines]
    times = [value for name, _, value in lines if name in ("DTSTAMP", "DTSTART", "DTEND")]
    assert len(times) == 9 and all(re.fullmatch(r"\d{8}T\d{6}Z", value) for value in times)  # in UTC
    assert names[:6] == ["BEGIN", "PRODID", "VERSION", "CALSCALE", "METHOD", "X-WR-CALNAME"]

    calendar = icalendar.Calendar.from_ical(data)
    assert str(calendar["prodid"]) == "-//eventsite//Event microsite generator//EN"
    assert str(calendar["version"]) == "2.0"
    events = {str(e["uid"]): e for e in calendar.walk("VEVENT")}
    assert sorted(events) == sorted(UID.format(slug) for slug in STARRED)
    site_calendar = icalendar.Calendar.from_ical(programme_calendar(tab))
    site_events = {str(e["uid"]): e for e in site_calendar.walk("VEVENT")}
    for slug, utc_start in STARRED.items():
        event, theirs = events[UID.format(slug)], site_events[UID.format(slug)]
        assert str(event["summary"]) == str(theirs["summary"]) == f"{titles[slug]} (Digital Rights Forum 2027)"
        assert event["dtstart"].dt == theirs["dtstart"].dt.astimezone(UTC)  # the same moment as the site's file
        assert event["dtend"].dt == theirs["dtend"].dt.astimezone(UTC)
        if utc_start:
            assert event["dtstart"].dt.isoformat() == utc_start.replace("Z", "+00:00")
        assert str(event["url"]).endswith(f"/events/digital-rights-forum-2027/{slug}/")
        assert str(event["location"]).endswith(
            ", Tagus Riverside Congress Centre, Avenida do Exemplo 1, 1990-000 Lisboa, Lisbon, Portugal"
        )

    read = icaljs(path)  # as Thunderbird reads it
    assert read["name"] == "My selection: Digital Rights Forum 2027"
    starts = {e["uid"]: e["start"] for e in read["events"]}
    assert starts[UID.format("age-verification-and-anonymity")] == "2027-10-30T09:00:00Z"
    assert starts[UID.format("encryption-backdoors-again")] == "2027-10-31T10:00:00Z"
    assert {e["uid"]: e["summary"] for e in read["events"]} == {uid: str(e["summary"]) for uid, e in events.items()}


def programme_calendar(tab) -> bytes:
    url = tab.page.url.rsplit("programme/", 1)[0] + "calendar.ics"
    return tab.page.request.get(url).body()


def test_unstarring_takes_a_session_out_and_says_so(opened):
    page = opened("2027-10-20T10:00+01:00").page
    title = star(page, "opening-plenary")
    page.get_by_role("button", name=f"Star: {title}").click()
    assert page.locator("[aria-live=polite]").inner_text() == f"Unstarred: {title}. Sessions in your selection: 0."
    assert page.get_by_role("button", name="Download my selection (0)").is_disabled()
    page.reload()
    assert page.locator(".star[aria-pressed=true]").count() == 0


def test_long_titles_and_text_fold_and_escape_as_rfc_5545_says(opened, tmp_path):
    """Non-ASCII text folds between characters, at 75 octets; commas and semicolons are escaped."""
    page = opened("2027-10-20T10:00+01:00").page
    page.evaluate(
        """() => { const a = document.querySelector('li.slot[data-uid] > div > a');
                   a.textContent = 'Çà et là; ' + 'ünïcödé, '.repeat(12) + '🔐 end'; }"""
    )
    page.locator(".star").first.click()
    with page.expect_download() as caught:
        page.locator(".download-selection").click()
    path = tmp_path / "one.ics"
    caught.value.save_as(path)
    data = path.read_bytes()
    assert max(len(line) for line in data.split(b"\r\n")) <= 75
    text = data.decode("utf-8")  # no character cut in two
    (summary,) = [value for name, _, value in content_lines(text) if name == "SUMMARY"]
    assert summary.startswith(r"Çà et là\; ünïcödé\, ")
    (event,) = icalendar.Calendar.from_ical(data).walk("VEVENT")
    assert str(event["summary"]).startswith("Çà et là; " + "ünïcödé, " * 12 + "🔐 end")
    assert re.search(r"\r\n [^\r]", text)  # it was folded


# --- accessible, and harmless where the programme is short -------------------------------------


def test_the_programme_with_tabs_stars_and_marks_is_accessible_light_and_dark(opened, server):
    tab = opened(DAY_2_AT_10_15, color_scheme="light")
    tab.page.locator(".programme-day:not([hidden]) .star").first.click()
    found = violations_in_both_schemes(tab, f"{server}/{PROGRAMME}")
    assert tab.page.locator("[role=tab], .star[aria-pressed=true], .now-badge").count() > 3
    assert found == {"light": [], "dark": []}


def test_a_one_day_programme_gets_stars_but_no_tabs(visit, server, sites, tmp_path):
    content = ContentFolder(tmp_path / "content")
    content.event("one-day", start="2027-03-10 09:00", end="2027-03-10 17:00", timezone="Europe/Lisbon")
    content.session("one-day", "morning", start="2027-03-10 09:00", end="2027-03-10 10:00")
    content.session("one-day", "afternoon", start="2027-03-10 14:00", end="2027-03-10 15:00")
    content.session("one-day", "drinks", start="2027-03-10 17:00")  # no end
    built = build_here(content.root, sites / "one-day", now=epoch("2027-02-01T00:00+00:00"))
    assert built.ok, built
    tab = visit(**LISBON)
    url = f"{server}/one-day/events/one-day/"
    tab.page.goto(url)
    assert tab.page.locator(".programme-day").count() == 1
    assert tab.page.locator("[role=tablist], [role=tab]").count() == 0
    tab.page.get_by_role("button", name="Star: Session morning").click()
    tab.page.get_by_role("button", name="Star: Session drinks").click()
    with tab.page.expect_download() as caught:
        tab.page.get_by_role("button", name="Download my selection (2)").click()
    caught.value.save_as(tmp_path / "two.ics")
    (morning, drinks) = icalendar.Calendar.from_ical((tmp_path / "two.ics").read_bytes()).walk("VEVENT")
    assert morning["dtend"].dt.isoformat() == "2027-03-10T10:00:00+00:00"
    assert "dtend" not in drinks and "duration" not in drinks  # RFC 5545: it ends as it starts
    assert icaljs(tmp_path / "two.ics")["events"][1]["end"] == "2027-03-10T17:00:00Z"
    assert violations_in_both_schemes(tab, url) == {"light": [], "dark": []}
    assert tab.console_errors == []


def test_the_shipped_sites_untimed_programmes_are_left_as_they_are(visit, server):
    """Past events whose sessions have no time: no tab, no star, nothing to download, no error."""
    tab = visit()
    url = f"{server}/ifex/events/general-meeting-2013/"
    assert violations_in_both_schemes(tab, url) == {"light": [], "dark": []}
    assert tab.page.locator("[role=tablist], .star, .download-selection, .now-badge").count() == 0
    assert tab.console_errors == []


def test_a_day_in_two_parts_is_two_tabs_and_opens_on_the_part_running_now(visit, server, sites, tmp_path):
    content = ContentFolder(tmp_path / "content")
    parts = [
        {"id": "members", "title": "Members' meeting", "start": "2027-03-10 09:00", "end": "2027-03-10 12:00"},
        {"id": "public", "title": "Public conference", "start": "2027-03-10 13:00", "end": "2027-03-10 17:00"},
    ]
    content.event("parts", start="2027-03-10 09:00", end="2027-03-10 17:00", timezone="Europe/Lisbon", parts=parts)
    content.session("parts", "reports", start="2027-03-10 09:00", end="2027-03-10 10:00", part="members")
    content.session("parts", "keynote", start="2027-03-10 13:00", end="2027-03-10 14:00", part="public")
    content.session("parts", "panel", start="2027-03-10 14:30", end="2027-03-10 15:30", part="public")
    built = build_here(content.root, sites / "parts", now=epoch("2027-02-01T00:00+00:00"))
    assert built.ok, built
    tab = visit(**LISBON)
    tab.page.clock.install(time=datetime.fromisoformat("2027-03-10T14:10+00:00"))  # between the keynote and the panel
    tab.page.goto(f"{server}/parts/events/parts/")
    assert tab.page.get_by_role("tab").evaluate_all("tabs => tabs.map(t => t.getAttribute('aria-controls'))") == [
        "members-2027-03-10",
        "public-2027-03-10",
    ]
    assert selected_day(tab.page) == "public-2027-03-10"
    assert marked(tab.page, "next") == {"session-parts-panel@events.ifex.org"}
    tab.page.get_by_role("tab", selected=True).focus()
    tab.page.keyboard.press("ArrowLeft")
    assert selected_day(tab.page) == "members-2027-03-10"
    assert tab.page.locator("#members-2027-03-10").is_visible()
    assert not tab.page.locator("#public-2027-03-10").is_visible()


# --- what the address and the browser's storage may hold (review of issue 15) ---------------


def test_a_malformed_address_fragment_does_not_stop_the_script(opened):
    tab = opened("2027-10-20T10:00+01:00", path=f"{PROGRAMME}#%E0%A4%A")
    assert selected_day(tab.page) == DAYS[0]
    assert tab.page.locator(".star").count() > 3
    assert tab.page.get_by_role("button", name="Download my selection (0)").count() == 1
    assert tab.console_errors == []


@pytest.mark.parametrize("kept", ["{}", "5", '"text"', "null", '[1, "x"]'])
def test_a_selection_kept_in_another_shape_is_an_empty_one(opened, kept):
    tab = opened("2027-10-20T10:00+01:00")
    tab.page.evaluate("kept => localStorage.setItem('stars:digital-rights-forum-2027', kept)", kept)
    tab.page.reload()
    assert tab.page.get_by_role("button", name="Download my selection (0)").count() == 1
    star(tab.page, "opening-plenary")
    assert tab.page.get_by_role("button", name="Download my selection (1)").count() == 1
    assert tab.console_errors == []


def test_starred_sessions_no_longer_on_the_page_are_not_counted(opened):
    """A session starred, then removed from the programme (or renamed): the count is of the
    page's own, and unstarring the last one leaves nothing to download."""
    tab = opened("2027-10-20T10:00+01:00")
    kept = f'["{UID.format("gone-since")}", "{UID.format("opening-plenary")}"]'
    tab.page.evaluate("kept => localStorage.setItem('stars:digital-rights-forum-2027', kept)", kept)
    tab.page.reload()
    assert tab.page.get_by_role("button", name="Download my selection (1)").count() == 1
    title = tab.page.locator(f'li.slot[data-uid="{UID.format("opening-plenary")}"] > div > a').inner_text()
    tab.page.get_by_role("button", name=f"Star: {title}").click()
    assert tab.page.locator("[aria-live=polite]").inner_text() == f"Unstarred: {title}. Sessions in your selection: 0."
    assert tab.page.get_by_role("button", name="Download my selection (0)").is_disabled()


def test_two_parts_on_one_day_are_two_tabs_of_their_own_names_each_with_its_heading(visit, server, sites, tmp_path):
    """The tabs say which part they are; the other part's heading, and the sessions whose
    time is to be announced, are not shown under a day they are not part of."""
    content = ContentFolder(tmp_path / "content")
    parts = [
        {"id": "members", "title": "Members' meeting", "start": "2027-03-10 09:00", "end": "2027-03-11 12:00"},
        {"id": "public", "title": "Public conference", "start": "2027-03-11 13:00", "end": "2027-03-11 17:00"},
    ]
    content.event("parts", start="2027-03-10 09:00", end="2027-03-11 17:00", timezone="Europe/Lisbon", parts=parts)
    content.session("parts", "reports", start="2027-03-10 09:00", end="2027-03-10 10:00", part="members")
    content.session("parts", "votes", start="2027-03-11 09:00", end="2027-03-11 10:00", part="members")
    content.session("parts", "keynote", start="2027-03-11 13:00", end="2027-03-11 14:00", part="public")
    content.session("parts", "open-mic", part="public")  # time to be announced
    built = build_here(content.root, sites / "parts2", now=epoch("2027-02-01T00:00+00:00"))
    assert built.ok, built
    tab = visit(**LISBON)
    tab.page.clock.install(time=datetime.fromisoformat("2027-02-01T12:00+00:00"))
    tab.page.goto(f"{server}/parts2/events/parts/")
    names = [re.sub(r"\s+", " ", name).strip() for name in tab.page.get_by_role("tab").all_inner_texts()]
    assert names == [
        "Wed 10 Mar",
        "Thu 11 Mar Members' meeting",
        "Thu 11 Mar Public conference",
        "Time to be announced Public conference",
    ]
    heading = {
        name: tab.page.get_by_role("heading", name=name, exact=True)
        for name in ("Members' meeting", "Public conference", "Time to be announced")
    }
    assert selected_day(tab.page) == "members-2027-03-10"
    assert [name for name, h in heading.items() if h.is_visible()] == ["Members' meeting"]
    tab.page.get_by_role("tab", name="Thu 11 Mar Public conference").click()
    assert [name for name, h in heading.items() if h.is_visible()] == ["Public conference"]
    tab.page.get_by_role("tab", name="Time to be announced Public conference").click()
    assert [name for name, h in heading.items() if h.is_visible()] == ["Public conference", "Time to be announced"]
    assert tab.page.get_by_role("link", name="Session open-mic").is_visible()
    assert tab.console_errors == []


def test_the_days_zone_note_goes_when_the_visitor_shows_their_own_times(opened):
    page = opened("2027-10-20T10:00+01:00", timezone_id="America/New_York").page
    page.get_by_role("tab", name="Sun 31 Oct").click()
    note = page.locator("#day-2027-10-31 .day-zone")
    assert note.inner_text() == "Times are in WET."
    page.get_by_role("button", name="Show the times in my time zone").click()
    assert not note.is_visible()
