"""VTIMEZONE components (RFC 5545, 3.6.5) that calendar applications read alike.

Mozilla's ical.js (Thunderbird) reads only the first date of an RDATE list, and
python-dateutil (vobject, many servers) compares each onset with local wall-clock times:
so every change here is its own STANDARD or DAYLIGHT sub-component whose DTSTART is the
local time just before it (the wall clock of TZOFFSETFROM), and changes that recur on
the same rule every year, such as "the last Sunday of March at 03:00", are one
sub-component with an RRULE. Nothing else is written: dateutil refuses any other property.

The changes come from the zone's tzdata (zoneinfo), over the years a calendar covers.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo

import icalendar

from .zones import zone as zone_named

_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_STEP = 86_400  # seconds between two looks at the zone: no offset lasts less than a day
_NO_DST = timedelta(0)


@dataclass(frozen=True)
class Change:
    """One change of a zone's offset, name or daylight saving time."""

    at: int  # the moment, in seconds since the epoch
    offset_from: timedelta
    offset_to: timedelta
    name: str
    saving_from: timedelta  # daylight saving time before and after, as tzdata has it:
    saving_to: timedelta  # Dublin's winter and Morocco's Ramadan have a negative one

    @property
    def daylight(self) -> bool:
        """Daylight saving time starts (or grows): the clocks go forward by the saving.
        Not when a zone moves to another offset, saving or not (Samoa's lost day)."""
        forward = self.offset_to - self.offset_from
        return forward > _NO_DST and self.saving_to - self.saving_from == forward

    @property
    def onset(self) -> datetime:
        """The local wall-clock time just before the change, as DTSTART is written."""
        return datetime.fromtimestamp(self.at, UTC).replace(tzinfo=None) + self.offset_from

    def rules(self) -> set[str]:
        """The yearly rules (RRULE parts after FREQ=YEARLY) that put a change on this day."""
        day = self.onset.date()
        month, weekday = f"BYMONTH={day.month}", _DAYS[day.weekday()]
        found = {f"{month};BYMONTHDAY={day.day}"}
        if day.day <= 28:
            found.add(f"{month};BYDAY={(day.day - 1) // 7 + 1}{weekday}")
        if day.day + 7 > calendar.monthrange(day.year, day.month)[1]:
            found.add(f"{month};BYDAY=-1{weekday}")
        return found


def _state(zone: ZoneInfo, moment: int) -> tuple[timedelta, str, timedelta]:
    local = datetime.fromtimestamp(moment, zone)
    return local.utcoffset(), local.tzname() or "", local.dst() or _NO_DST


def changes(zone: ZoneInfo, start: int, end: int) -> list[Change]:
    """Every change from the moment `start` to `end`, found to the second."""
    found: list[Change] = []
    moment, current = start, _state(zone, start)
    while moment < end:
        later = min(moment + _STEP, end)
        if _state(zone, later) == current:
            moment = later
            continue
        before, after = moment, later  # the zone changes after `before`, by `after`
        while after - before > 1:
            middle = (before + after) // 2
            before, after = (middle, after) if _state(zone, middle) == current else (before, middle)
        new = _state(zone, after)
        found.append(Change(after, current[0], new[0], new[1], current[2], new[2]))
        moment, current = after, new
    return found


@dataclass
class _Run:
    """Changes of one kind in consecutive years, on one yearly rule."""

    changes: list[Change]
    rules: set[str]


def _runs(found: list[Change]) -> list[_Run]:
    runs: list[_Run] = []
    latest: dict[tuple, _Run] = {}
    for change in found:
        kind = (change.daylight, change.offset_from, change.offset_to, change.name, change.onset.time())
        run = latest.get(kind)
        if run is not None and run.changes[-1].onset.year + 1 == change.onset.year and run.rules & change.rules():
            run.changes.append(change)
            run.rules &= change.rules()
        else:
            latest[kind] = run = _Run([change], change.rules())
            runs.append(run)
    return runs


def _rule(rules: set[str]) -> str:
    """The clearest of the rules a run fits: "last Sunday", then "second Sunday", then a date."""
    return min(rules, key=lambda rule: ("=-1" not in rule, "BYDAY" not in rule, rule))


def _observance(daylight: bool, onset: datetime, offset_from: timedelta, offset_to: timedelta, name: str):
    component = icalendar.TimezoneDaylight() if daylight else icalendar.TimezoneStandard()
    component.add("dtstart", onset)
    component.add("tzoffsetfrom", offset_from)
    component.add("tzoffsetto", offset_to)
    component.add("tzname", name)
    return component


_LOOK_BACK = 400 * 86_400  # for the change that set the clocks as they are at the start


@cache
def vtimezone(tzid: str, first_year: int, last_year: int) -> bytes:
    """The VTIMEZONE of a zone, right for every moment from first_year to last_year.

    It starts with the last change before first_year, so that a reader knows the offset
    before it as well as after (dateutil needs both for a time in an hour that happens
    twice). A rule still followed in last_year has no end, as a calendar application
    would assume.
    """
    zone = zone_named(tzid)
    start = int(datetime.combine(date(first_year, 1, 1), time(), zone).timestamp())
    end = int(datetime.combine(date(last_year + 1, 1, 1), time(), zone).timestamp())
    found = changes(zone, start - _LOOK_BACK, end)
    earlier = [change for change in found if change.at <= start]
    found = earlier[-1:] + found[len(earlier) :]

    component = icalendar.Timezone()
    component.add("tzid", tzid)
    if not earlier:  # the clocks have not changed for a year or more: as they are
        offset, name, _ = _state(zone, start)
        first = datetime.fromtimestamp(start, zone).replace(tzinfo=None)
        component.add_component(_observance(False, first, offset, offset, name))
    for run in _runs(found):
        change = run.changes[0]
        observance = _observance(change.daylight, change.onset, change.offset_from, change.offset_to, change.name)
        if len(run.changes) > 1:
            last = run.changes[-1].onset.year
            rule = f"FREQ=YEARLY;{_rule(run.rules)}"
            if last < last_year:  # the zone changed its rule, or stopped changing
                rule += f";UNTIL={last}1231T235959Z"
            observance.add("rrule", icalendar.vRecur.from_ical(rule))
        component.add_component(observance)
    return component.to_ical()
