"""Local dates and times as editors write them, and the moments they mean.

An editor writes `2027-03-10` or `2027-03-10 09:30`, in the event's time zone. A
date alone means the whole day: it starts at local midnight and ends at the next one.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cached_property
from zoneinfo import ZoneInfo

LocalValue = date | datetime  # a date, or a naive local datetime

_PATTERN = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}))?$")
FIRST_YEAR, LAST_YEAR = 1900, 2199  # no placeholder such as 9999-12-31 reaches the calendars
FORMAT_HINT = "write a date like 2027-03-10, or a date and time like 2027-03-10 09:30"


def parse_local(text: str) -> LocalValue:
    """`YYYY-MM-DD` -> date; `YYYY-MM-DD HH:MM` -> naive datetime. ValueError says why not."""
    match = _PATTERN.match(text.strip())
    if not match:
        raise ValueError(f'"{text}" is not a date or a date and time')
    year, month, day = (int(g) for g in match.group(1, 2, 3))
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(f'"{text}" is not a date the site can show: use a year from {FIRST_YEAR} to {LAST_YEAR}')
    if not 1 <= month <= 12:
        raise ValueError(f'"{text}" is not a date: there is no month {month}')
    days_in_month = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days_in_month:
        month_name = calendar.month_name[month]
        raise ValueError(f'"{text}" is not a date: {month_name} {year} has {days_in_month} days')
    if match.group(4) is None:
        return date(year, month, day)
    hour, minute = int(match.group(4)), int(match.group(5))
    if hour > 23 or minute > 59:
        raise ValueError(f'"{text}" is not a time of day: use 00:00 to 23:59')
    return datetime(year, month, day, hour, minute)


def has_time(value: LocalValue) -> bool:
    return isinstance(value, datetime)


def day_start(day: date, zone: ZoneInfo) -> datetime:
    """The first moment of a local day (midnight, or later when DST skips midnight)."""
    return resolve(datetime.combine(day, time()), zone)


def day_end(day: date, zone: ZoneInfo) -> datetime:
    """The moment a local day is over: the start of the next day."""
    return day_start(day + timedelta(days=1), zone)


def resolve(naive: datetime, zone: ZoneInfo) -> datetime:
    """A local wall-clock time as an aware datetime; a time skipped by DST moves forward."""
    aware = naive.replace(tzinfo=zone)
    return aware.astimezone(UTC).astimezone(zone)


def skipped_by_dst(naive: datetime, zone: ZoneInfo) -> bool:
    """True for a wall-clock time that never happens, e.g. 03:30 when clocks go 03:00→04:00."""
    return resolve(naive, zone).replace(tzinfo=None) != naive


def start_moment(value: LocalValue, zone: ZoneInfo) -> datetime:
    """When something written as `value` begins."""
    if isinstance(value, datetime):
        return resolve(value, zone)
    return day_start(value, zone)


def end_moment(value: LocalValue, zone: ZoneInfo) -> datetime:
    """When something written as `value` is over: a date alone lasts the whole day."""
    if isinstance(value, datetime):
        return resolve(value, zone)
    return day_end(value, zone)


def local_date(value: LocalValue) -> date:
    return value.date() if isinstance(value, datetime) else value


@dataclass(frozen=True)
class TimeSpan:
    """From a start to an end, as written by an editor, in one time zone."""

    start: LocalValue
    end: LocalValue
    zone: ZoneInfo

    @property
    def all_day(self) -> bool:
        """Dates only, no times: shown and exported as whole days."""
        return not has_time(self.start) and not has_time(self.end)

    # Worked out once: pages, calendars and checks ask for them thousands of times.
    @cached_property
    def starts_at(self) -> datetime:
        return start_moment(self.start, self.zone)

    @cached_property
    def ends_at(self) -> datetime:
        """The moment it is over (exclusive): a date-only end lasts to the next midnight."""
        return end_moment(self.end, self.zone)

    @property
    def first_day(self) -> date:
        return local_date(self.start)

    @property
    def last_day(self) -> date:
        return local_date(self.end)

    def days(self) -> list[date]:
        count = (self.last_day - self.first_day).days + 1
        return [self.first_day + timedelta(days=n) for n in range(count)]

    def contains_days_of(self, other: TimeSpan) -> bool:
        return self.first_day <= other.first_day and other.last_day <= self.last_day
