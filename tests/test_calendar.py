"""Calendar files, parsed back with icalendar, and read as calendar applications read
them: with Mozilla's ical.js and python-dateutil (see calendar_readers.py)."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import icalendar

from eventsite.calendar import CalendarEntry, _vevent, calendar_file, serialized
from eventsite.localtime import TimeSpan
from eventsite.model import Venue

from calendar_readers import content_lines, icaljs, unescaped
from sitebuild import ContentFolder, epoch


def events_in(result, path: str) -> dict[str, icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(result.text(path))
    return {str(e["uid"]): e for e in calendar.walk("VEVENT")}


def test_the_shipped_workshop_is_an_all_day_event_with_an_exclusive_end(shipped):
    workshop = events_in(shipped, "events/confronting-impunity-2016/calendar.ics")[
        "event-confronting-impunity-2016@events.ifex.org"
    ]
    assert workshop.decoded("dtstart") == date(2016, 5, 2)
    assert workshop.decoded("dtend") == date(2016, 5, 3)
    assert str(workshop["summary"]) == "Confronting Impunity: A Strategy Workshop with IFEX Campaigns"
    assert str(workshop["location"]) == "Helsinki, Finland"
    assert str(workshop["url"]) == "https://events.ifex.org/events/confronting-impunity-2016/"


def test_the_site_calendar_has_every_event(shipped):
    calendar = icalendar.Calendar.from_ical(shipped.text("calendar.ics"))
    assert str(calendar["prodid"]).startswith("-//eventsite//")
    assert sorted(events_in(shipped, "calendar.ics")) == [
        "event-confronting-impunity-2016@events.ifex.org",
        "event-general-meeting-2013@events.ifex.org",
    ]
    meeting = events_in(shipped, "calendar.ics")["event-general-meeting-2013@events.ifex.org"]
    assert meeting.decoded("dtend") - meeting.decoded("dtstart") == timedelta(days=4)


def test_timed_events_and_sessions_carry_their_zone_and_dst_offset(content: ContentFolder, build_content):
    content.event(
        "conf",
        start="2027-03-27 09:00",
        end="2027-03-29 17:00",
        timezone="Europe/Helsinki",
        venue={"name": "Hall", "city": "Helsinki", "country": "Finland", "lat": 60.17, "lon": 24.94},
    )
    content.session("conf", "before", title="Before the change", start="2027-03-27 10:00", end="2027-03-27 11:00")
    content.session("conf", "after", title="After the change", start="2027-03-29 10:00", end="2027-03-29 11:00")
    content.session("conf", "tba", title="No time yet")
    result = build_content(now=epoch("2027-01-01T00:00+00:00"))
    found = events_in(result, "events/conf/calendar.ics")
    assert sorted(found) == [
        "event-conf@events.ifex.org",
        "session-conf-after@events.ifex.org",
        "session-conf-before@events.ifex.org",
    ]
    before = next(e for e in found.values() if "Before" in str(e["summary"]))
    after = next(e for e in found.values() if "After" in str(e["summary"]))
    assert before["dtstart"].params["TZID"] == "Europe/Helsinki"
    assert before.decoded("dtstart").utcoffset() == timedelta(hours=2)
    assert after.decoded("dtstart").utcoffset() == timedelta(hours=3)
    calendar = icalendar.Calendar.from_ical(result.text("events/conf/calendar.ics"))
    assert [str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Helsinki"]
    event = next(e for e in found.values() if str(e["uid"]).startswith("event-"))
    assert event["geo"].latitude == 60.17 and event["geo"].longitude == 24.94
    assert event.decoded("dtstamp") == datetime.fromisoformat("2027-01-01T00:00+00:00")


def test_uids_are_stable_across_builds_and_title_changes(content: ContentFolder, build_content):
    content.event("conf", title="First title")
    first = set(events_in(build_content(), "calendar.ics"))
    content.event("conf", title="A better title")
    second = set(events_in(build_content(), "calendar.ics"))
    assert first == second == {"event-conf@events.ifex.org"}


def test_a_cancelled_event_stays_in_the_calendar_as_cancelled(content: ContentFolder, build_content):
    content.event("conf", event_status="cancelled")
    event = events_in(build_content(), "calendar.ics")["event-conf@events.ifex.org"]
    assert str(event["status"]) == "CANCELLED"


def test_hostile_text_is_escaped_for_icalendar(content: ContentFolder, build_content):
    title = 'A; B, "C" \\ D </script> حرية'
    content.event("conf", title=title, summary="Line one;\nline two, too")
    result = build_content()
    raw = result.text("events/conf/calendar.ics")
    event = events_in(result, "events/conf/calendar.ics")["event-conf@events.ifex.org"]
    assert str(event["summary"]) == title
    assert "SUMMARY:A\\; B\\, " in raw


def test_entries_are_folded_exactly_as_icalendar_folds_them():
    """calendar.serialized folds lines itself (icalendar's folding is slow): the bytes
    must be icalendar's wherever an escape or a multi-byte character meets a fold."""
    # Escaped in iCalendar text (\\ \; \, \n), a caret, and 2-, 3- and 4-byte characters.
    markers = ["\\", ";", ",", "\n", "^", "é", "–", "😀"]
    # After "SUMMARY:", the marker falls on each side of the folds at 74 and 148 octets.
    places = [*range(58, 70), *range(132, 144)]
    for marker in markers:
        for place in places:
            for tail in ("", "b" * 200):
                text = "a" * place + marker * 2 + tail
                component = icalendar.Event()
                component.add("summary", text)
                component.add("description", "é" * place + marker + tail)
                assert serialized(component) == component.to_ical(), (marker, place, tail)


# Text: escaped, one kind of line break, no control character ---------------------------

HOSTILE = "A\rB\nC\r\nD; E, F \\ G\x0bH\x00I\x7fJ\u2028K\x85L\tM"
# As a reader gives it back: each line break a \n, other control characters gone, tabs kept.
HOSTILE_READ = "A\nB\nC\nD; E, F \\ G\nHIJ\nK\nL\tM"


def test_every_calendar_text_is_escaped_and_free_of_control_characters(tmp_path):
    """Titles, site names, places and descriptions are checked for control characters
    before a build, but the calendar does not count on it: it writes TEXT as RFC 5545
    says, whatever it is given. (A CR used to reach X-WR-CALNAME raw.)"""
    span = TimeSpan(datetime(2027, 3, 10, 10), datetime(2027, 3, 10, 12), ZoneInfo("Europe/Helsinki"))
    event = SimpleNamespace(venue=Venue(name=HOSTILE, city="Helsinki", country="Finland"), event_status="")
    now = datetime.fromisoformat("2027-01-01T00:00+00:00")
    vevent = _vevent("uid\r\n@x", HOSTILE, span, "https://x.org/\r\nevents/a/", HOSTILE, event, now)
    data = calendar_file(HOSTILE, [CalendarEntry(serialized(vevent), span)])

    text = data.decode("utf-8")
    for line in text.split("\r\n"):
        assert not re.search("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]", line), repr(line)
    lines = {name: value for name, _, value in content_lines(text)}
    assert lines["X-WR-CALNAME"] == "A\\nB\\nC\\nD\\; E\\, F \\\\ G\\nHIJ\\nK\\nL\tM"
    assert lines["SUMMARY"] == lines["X-WR-CALNAME"]
    assert unescaped(lines["LOCATION"]) == f"{HOSTILE_READ}, Helsinki, Finland"
    assert (lines["UID"], lines["URL"]) == ("uid@x", "https://x.org/events/a/")

    calendar = icalendar.Calendar.from_ical(data)
    assert str(calendar["X-WR-CALNAME"]) == HOSTILE_READ
    entry = calendar.walk("VEVENT")[0]
    assert str(entry["summary"]) == HOSTILE_READ
    assert str(entry["description"]) == f"{HOSTILE_READ}\n\nhttps://x.org/events/a/"

    (tmp_path / "calendar.ics").write_bytes(data)
    read = icaljs(tmp_path / "calendar.ics")
    assert read["name"] == HOSTILE_READ
    [entry] = read["events"]
    assert (entry["summary"], entry["location"]) == (HOSTILE_READ, f"{HOSTILE_READ}, Helsinki, Finland")
    assert entry["description"] == f"{HOSTILE_READ}\n\nhttps://x.org/events/a/"
    assert entry["start"] == "2027-03-10T08:00:00Z"


def test_a_site_name_with_escapes_is_escaped_in_every_calendar(content: ContentFolder, build_content):
    content.event("conf", title="A; B, C \\ D", venue={"name": "Hall; 1", "city": "Helsinki", "country": "Finland"})
    result = build_content(overrides={"SITENAME": "Events; news, \\ notes"})
    assert result.ok, result
    site = icaljs(result.output / "calendar.ics")
    assert site["name"] == "Events; news, \\ notes"
    assert "X-WR-CALNAME;VALUE=TEXT:Events\\; news\\, \\\\ notes\n" in result.text("calendar.ics")
    event = icaljs(result.output / "events/conf/calendar.ics")
    assert event["name"] == event["events"][0]["summary"] == "A; B, C \\ D"
    assert event["events"][0]["location"] == "Hall; 1, Helsinki, Finland"
