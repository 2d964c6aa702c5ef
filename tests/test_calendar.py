"""Calendar files, parsed back with icalendar as a calendar application would."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import icalendar

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
    from eventsite.calendar import serialized

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
