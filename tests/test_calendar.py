"""Calendar files, parsed back with icalendar, and read as calendar applications read
them: with Mozilla's ical.js and python-dateutil (see calendar_readers.py)."""

from __future__ import annotations

import io
import re
from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace

import icalendar
import pytest
from dateutil import tz

from eventsite.calendar import CalendarEntry, _moment, _vevent, calendar_file, serialized
from eventsite.localtime import TimeSpan
from eventsite.model import Venue
from eventsite.vtimezone import changes, vtimezone
from eventsite.zones import zone as pinned_zone  # the tzdata the build reads, not the machine's

from calendar_readers import content_lines, dateutil_times, icaljs, icaljs_times, unescaped
from sitebuild import ContentFolder, build, epoch


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
    span = TimeSpan(datetime(2027, 3, 10, 10), datetime(2027, 3, 10, 12), pinned_zone("Europe/Helsinki"))
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


# Times, as ical.js and python-dateutil read them from the file's own VTIMEZONE ----------

# What the site means by each time (zoneinfo's reading of the editor's local time), in UTC.
EXPECTED_TIMES = {
    "event-helsinki-2013@events.ifex.org": ("2013-06-01T07:00:00Z", "2013-06-01T09:00:00Z"),
    "event-helsinki-2028@events.ifex.org": ("2028-07-05T06:00:00Z", "2028-07-05T14:00:00Z"),
    "event-spring-2027@events.ifex.org": ("2027-03-27T07:00:00Z", "2027-03-28T14:00:00Z"),
    # 04:00 on the morning clocks go from 03:00 to 04:00: an hour after 02:00.
    "session-spring-2027-after-the-change@events.ifex.org": ("2027-03-28T01:00:00Z", "2027-03-28T02:00:00Z"),
    # 02:00 to 05:00 across the change: two hours.
    "session-spring-2027-across-the-change@events.ifex.org": ("2027-03-28T00:00:00Z", "2027-03-28T02:00:00Z"),
    # 03:30 to 04:30 on the morning clocks go back from 04:00 to 03:00: the first 03:30.
    "event-autumn-2027@events.ifex.org": ("2027-10-31T00:30:00Z", "2027-10-31T02:30:00Z"),
    "event-new-york-2027@events.ifex.org": ("2027-11-06T12:00:00Z", "2027-11-07T22:00:00Z"),
    # 01:30 happens twice (EDT, then EST): the first; 02:30 once, in EST.
    "session-new-york-2027-overlap@events.ifex.org": ("2027-11-07T05:30:00Z", "2027-11-07T07:30:00Z"),
    "session-new-york-2027-after-the-change@events.ifex.org": ("2027-11-07T14:00:00Z", "2027-11-07T15:00:00Z"),
    "event-sydney-2029@events.ifex.org": ("2029-01-09T23:00:00Z", "2029-01-10T06:00:00Z"),  # AEDT, +11
    "event-workshop-2021@events.ifex.org": ("2021-05-02", "2021-05-04"),  # whole days, end exclusive
}


def times_content(content: ContentFolder) -> None:
    helsinki, new_york = {"timezone": "Europe/Helsinki"}, {"timezone": "America/New_York"}
    content.event("helsinki-2013", start="2013-06-01 10:00", end="2013-06-01 12:00", **helsinki)
    content.event("helsinki-2028", start="2028-07-05 09:00", end="2028-07-05 17:00", **helsinki)
    content.event("spring-2027", start="2027-03-27 09:00", end="2027-03-28 17:00", **helsinki)
    content.session("spring-2027", "after-the-change", start="2027-03-28 04:00", end="2027-03-28 05:00")
    content.session("spring-2027", "across-the-change", start="2027-03-28 02:00", end="2027-03-28 05:00")
    content.event("autumn-2027", start="2027-10-31 03:30", end="2027-10-31 04:30", **helsinki)
    content.event("new-york-2027", start="2027-11-06 08:00", end="2027-11-07 17:00", **new_york)
    content.session("new-york-2027", "overlap", start="2027-11-07 01:30", end="2027-11-07 02:30")
    content.session("new-york-2027", "after-the-change", start="2027-11-07 09:00", end="2027-11-07 10:00")
    content.event("sydney-2029", start="2029-01-10 10:00", end="2029-01-10 17:00", timezone="Australia/Sydney")
    content.event("workshop-2021", start="2021-05-02", end="2021-05-03", **helsinki)


@pytest.fixture(scope="module")
def times_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("times")
    content = ContentFolder(root / "content")
    times_content(content)
    result = build(content.root, root / "output", now=epoch("2026-01-01T00:00+00:00"))
    assert result.ok, result
    return result


CALENDARS = [
    "calendar.ics",  # 2013 to 2029, in three zones
    "events/helsinki-2028/calendar.ics",
    "events/spring-2027/calendar.ics",
    "events/new-york-2027/calendar.ics",
    "events/spring-2027/across-the-change/calendar.ics",
]


@pytest.mark.parametrize("path", CALENDARS)
def test_ical_js_reads_every_time_as_the_site_means_it(times_site, path):
    read = icaljs(times_site.output / path)
    found = {e["uid"]: (e["start"], e["end"]) for e in read["events"]}
    assert found == {uid: EXPECTED_TIMES[uid] for uid in found}
    assert found
    # Every time was read in its zone (or in UTC), none as a floating local time.
    timed = [e for e in read["events"] if "T" in e["start"]]
    assert all("floating" not in e["zones"] for e in timed)


@pytest.mark.parametrize("path", CALENDARS)
def test_python_dateutil_reads_every_time_as_the_site_means_it(times_site, path):
    found = dateutil_times(times_site.text(path).replace("\n", "\r\n"))
    assert found == {uid: EXPECTED_TIMES[uid] for uid in found}
    assert found


def test_the_site_calendar_has_every_time(times_site):
    assert set(dateutil_times(times_site.text("calendar.ics").replace("\n", "\r\n"))) == {
        uid for uid in EXPECTED_TIMES if uid.startswith("event-")
    }


def test_whole_days_are_dates_to_every_reader(shipped):
    """VALUE=DATE, with no zone: a whole day is the same days wherever the calendar is read."""
    expected = {
        "event-confronting-impunity-2016@events.ifex.org": ("2016-05-02", "2016-05-03"),
        "event-general-meeting-2013@events.ifex.org": ("2013-06-17", "2013-06-21"),
    }
    text = shipped.text("calendar.ics").replace("\n", "\r\n")
    assert "DTSTART;VALUE=DATE:20160502\r\n" in text and "VTIMEZONE" not in text
    assert dateutil_times(text) == expected
    assert icaljs_times(shipped.output / "calendar.ics") == expected


def test_time_zones_are_yearly_rules_that_start_before_each_change(times_site):
    """DTSTART is the wall-clock time before the change (RFC 5545, 3.6.5), and a rule is
    one RRULE, not one DTSTART and a list of dates (ical.js reads only the first)."""
    calendar = icalendar.Calendar.from_ical(times_site.text("calendar.ics"))
    zones = {str(zone["tzid"]): zone for zone in calendar.walk("VTIMEZONE")}
    assert sorted(zones) == ["America/New_York", "Australia/Sydney", "Europe/Helsinki"]
    helsinki = [
        (c.name, c.decoded("dtstart"), c["rrule"].to_ical().decode() if "rrule" in c else None)
        for c in zones["Europe/Helsinki"].subcomponents
    ]
    assert helsinki == [  # from the last change before 2012 (a year before the first event)
        ("STANDARD", datetime(2011, 10, 30, 4), "FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10"),  # 04:00 EEST
        ("DAYLIGHT", datetime(2012, 3, 25, 3), "FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3"),  # 03:00 EET
    ]
    assert "RDATE" not in times_site.text("calendar.ics")


# Every zone's changes, read back around each change ------------------------------------

# Zones whose rules are regular, changed within the years, stopped or never were; south
# of the equator; with half-hour and 45-minute offsets or changes; with a negative DST
# (Dublin) and changes in Ramadan (Casablanca).
ZONES = [
    "Europe/Helsinki",
    "America/New_York",
    "Australia/Sydney",
    "Australia/Lord_Howe",
    "Pacific/Chatham",
    "Europe/Dublin",
    "Europe/Istanbul",
    "Europe/Moscow",
    "America/Sao_Paulo",
    "America/Santiago",
    "America/St_Johns",
    "Africa/Casablanca",
    "Asia/Tehran",
    "Asia/Gaza",
    "Pacific/Apia",
    "Asia/Kathmandu",
    "UTC",
]
FIRST_YEAR, LAST_YEAR = 2008, 2030


def moments_around_changes(key: str) -> list[datetime]:
    """UTC moments just before, at and after each change from FIRST_YEAR to LAST_YEAR,
    and the middle of each year."""
    start = int(datetime(FIRST_YEAR, 1, 2, tzinfo=UTC).timestamp())
    end = int(datetime(LAST_YEAR, 12, 30, tzinfo=UTC).timestamp())
    found = [datetime(year, 7, 1, 12, tzinfo=UTC) for year in range(FIRST_YEAR, LAST_YEAR + 1)]
    for change in changes(pinned_zone(key), start, end):
        moment = datetime.fromtimestamp(change.at, UTC)
        found += [moment + timedelta(minutes=m) for m in (-61, -31, -1, 0, 1, 29, 59, 61)]
    return sorted(found)


# dateutil finds the local time of a moment with Python's default tzinfo.fromutc, which
# cannot tell the two readings of an hour that happens twice unless daylight saving
# time ends in it (Moscow 2014, Morocco's Ramadan), nor a change of 24 hours (Samoa 2011).
FROMUTC_CANNOT = {"Europe/Moscow", "Africa/Casablanca", "Pacific/Apia"}


@pytest.mark.parametrize("key", ZONES)
def test_dateutil_reads_each_vtimezone_as_zoneinfo_has_it(key):
    """The moment of a local time (the first or second of an hour that happens twice:
    dateutil knows fold), and the local time of a moment."""
    zone = pinned_zone(key)
    read = tz.tzical(io.StringIO(vtimezone(key, FIRST_YEAR, LAST_YEAR).decode())).get(key)
    for moment in moments_around_changes(key):
        local = moment.astimezone(zone)
        assert local.replace(tzinfo=read).astimezone(UTC) == moment, (moment, local)
        if key not in FROMUTC_CANNOT:
            assert moment.astimezone(read).utcoffset() == local.utcoffset(), (moment, local)


def test_ical_js_reads_each_vtimezone_as_zoneinfo_has_it(tmp_path):
    """One calendar of entries at local times around every change of every zone, each
    time written in its zone (a time that happens twice is written in UTC)."""
    entries, expected = [], {}
    for key in ZONES:
        zone = pinned_zone(key)
        for moment in moments_around_changes(key):
            local = _moment(moment.astimezone(zone))
            uid = f"{key}-{moment:%Y%m%dT%H%M}"
            component = icalendar.Event()
            component.add("uid", uid)
            component.add("dtstamp", datetime(2026, 1, 1, tzinfo=UTC))
            component.add("dtstart", local)
            component.add("dtend", local)
            wall = moment.astimezone(zone).replace(tzinfo=None)
            span = TimeSpan(wall, wall, zone)
            entries.append(CalendarEntry(serialized(component), span))
            expected[uid] = (f"{moment:%Y-%m-%dT%H:%M:%SZ}",) * 2
    (tmp_path / "calendar.ics").write_bytes(calendar_file("Changes", entries))
    found = icaljs_times(tmp_path / "calendar.ics")
    wrong = {uid: (found[uid][0], expected[uid][0]) for uid in expected if found[uid] != expected[uid]}
    assert not wrong, f"{len(wrong)} of {len(expected)} read wrong, e.g. {sorted(wrong.items())[:5]}"
