"""Dates, times and states as visitors read them: the helpers the templates call.

Times are always shown in the event's own time zone, with its abbreviation, so that
"09:00 EEST" means the same to everyone; Babel formats them for the site's locale.
"""

from __future__ import annotations

from datetime import date, datetime

from babel.dates import format_interval, format_skeleton

from .localtime import TimeSpan
from .registration import registration_state

DAY = "yMMMMEEEEd"  # Monday, 2 May 2016
TIME = "Hm"  # 09:30


def zone_abbreviation(moment: datetime) -> str:
    """EEST, NZDT…; zones without a common abbreviation get an offset: UTC+07."""
    name = moment.tzname() or ""
    if name[:1] in "+-":
        return f"UTC{name}"
    return name


def format_day(day: date, locale: str) -> str:
    return format_skeleton(DAY, day, locale=locale)


def format_time(moment: datetime, locale: str) -> str:
    return format_skeleton(TIME, moment.replace(tzinfo=None), locale=locale)


def format_moment(moment: datetime, locale: str) -> str:
    """A moment in its own zone: "Monday, 1 February 2027, 09:00 EET"."""
    return f"{format_day(moment.date(), locale)}, {format_time(moment, locale)} {zone_abbreviation(moment)}"


def format_span(span: TimeSpan, locale: str) -> str:
    """When something happens, as one line in its own time zone."""
    if span.all_day:
        if span.first_day == span.last_day:
            return format_day(span.first_day, locale)
        return format_interval(span.first_day, span.last_day, DAY, locale=locale)
    start, end = span.starts_at, span.ends_at
    if not isinstance(span.end, datetime):  # timed start, whole last day
        return f"{format_moment(start, locale)} – {format_day(span.last_day, locale)}"
    if not isinstance(span.start, datetime):  # whole first day, timed end
        return f"{format_day(span.first_day, locale)} – {format_moment(end, locale)}"
    zones = zone_abbreviation(start)
    if zone_abbreviation(end) != zones:  # a DST change during the event
        return f"{format_moment(start, locale)} – {format_moment(end, locale)}"
    if start.date() == end.date():
        if start == end:
            return f"{format_day(start.date(), locale)}, {format_time(start, locale)} {zones}"
        times = format_interval(start.replace(tzinfo=None), end.replace(tzinfo=None), TIME, locale=locale)
        return f"{format_day(start.date(), locale)}, {times} {zones}"
    first = f"{format_day(start.date(), locale)}, {format_time(start, locale)}"
    return f"{first} – {format_day(end.date(), locale)}, {format_time(end, locale)} {zones}"


def format_span_time(span: TimeSpan, locale: str) -> str:
    """Just the times of a session within a day's programme: "09:00–10:30"."""
    if span.all_day or not isinstance(span.start, datetime):
        return "All day"
    if not isinstance(span.end, datetime) or span.start == span.end:
        return format_time(span.starts_at, locale)
    return format_interval(
        span.starts_at.replace(tzinfo=None), span.ends_at.replace(tzinfo=None), TIME, locale=locale
    )


def machine_start(span: TimeSpan) -> str:
    """For <time datetime>: a date, or a moment with its UTC offset."""
    if isinstance(span.start, datetime):
        return span.starts_at.isoformat(timespec="minutes")
    return span.first_day.isoformat()


def machine_end(span: TimeSpan) -> str:
    if isinstance(span.end, datetime):
        return span.ends_at.isoformat(timespec="minutes")
    return span.last_day.isoformat()


def template_helpers(settings: dict) -> tuple[dict, dict]:
    """(filters, globals) for every template of the site."""
    locale = settings.get("DATE_LOCALE", "en_GB")
    filters = {
        "span": lambda span: format_span(span, locale),
        "span_time": lambda span: format_span_time(span, locale),
        "day": lambda day: format_day(day, locale),
        "moment": lambda moment: format_moment(moment, locale),
        "machine_start": machine_start,
        "machine_end": machine_end,
    }
    helpers = {"registration_state": registration_state}
    return filters, helpers
