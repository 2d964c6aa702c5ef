"""iCalendar (RFC 5545) files: one per event with its timed sessions, and one for the site.

UIDs come from slugs and the site's domain, so a calendar that imported an event
updates it on the next import instead of adding a copy, even after a title change.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from urllib.parse import urlencode

import icalendar

from .localtime import TimeSpan
from .model import Event, Session

PRODID = "-//eventsite//Event microsite generator//EN"

_STATUS = {"cancelled": "CANCELLED", "postponed": "TENTATIVE"}


def event_uid(event: Event, domain: str) -> str:
    return f"event-{event.slug}@{domain}"


def session_uid(session: Session, domain: str) -> str:
    return f"session-{session.event.slug}-{session.slug}@{domain}"


def _location(event: Event) -> str | None:
    if event.venue is not None:
        return ", ".join(event.venue.lines)
    return event.online


def _timing(component: icalendar.Event, span) -> None:
    if span.all_day:
        component.add("dtstart", span.first_day)
        component.add("dtend", span.last_day + timedelta(days=1))  # DTEND is exclusive
    else:
        component.add("dtstart", span.starts_at)
        component.add("dtend", span.ends_at)


def _vevent(uid: str, title: str, span, url: str, description: str, event: Event, now: datetime) -> icalendar.Event:
    component = icalendar.Event()
    component.add("uid", uid)
    component.add("dtstamp", now)
    component.add("summary", title)
    _timing(component, span)
    component.add("url", url)
    component.add("description", f"{description}\n\n{url}" if description else url)
    location = _location(event)
    if location:
        component.add("location", location)
    if event.venue is not None and event.venue.lat is not None:
        component.add("geo", (event.venue.lat, event.venue.lon))
    component.add("status", _STATUS.get(event.event_status, "CONFIRMED"))
    return component


def event_component(event: Event, site_url: str, domain: str, now: datetime) -> icalendar.Event:
    url = f"{site_url}/{event.url}"
    return _vevent(event_uid(event, domain), event.title, event.span, url, event.summary_text, event, now)


def session_component(session: Session, site_url: str, domain: str, now: datetime) -> icalendar.Event:
    event = session.event
    return _vevent(
        session_uid(session, domain),
        f"{session.title} ({event.title})",
        session.span,
        f"{site_url}/{session.url}",
        session.summary_text,
        event,
        now,
    )


def calendar_file(name: str, components: Iterable[icalendar.Event]) -> bytes:
    """The bytes of one .ics file holding the given events, with the time zones they use."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    components = list(components)
    for component in components:
        calendar.add_component(component)
    _add_time_zones(calendar, components)
    return calendar.to_ical()


def _add_time_zones(calendar: icalendar.Calendar, components: list[icalendar.Event]) -> None:
    """A VTIMEZONE for each zone used, in name order, covering only the years the events need.

    (icalendar's add_missing_timezones walks a set: its order would change from run to run.)
    """
    days = [c.decoded(key) for c in components for key in ("dtstart", "dtend")]
    days = [d.date() if isinstance(d, datetime) else d for d in days]
    if not days:
        return
    first, last = min(days) - timedelta(days=366), max(days) + timedelta(days=366)
    for position, tzid in enumerate(sorted(calendar.get_missing_tzids())):
        calendar.subcomponents.insert(position, icalendar.Timezone.from_tzid(tzid, first_date=first, last_date=last))


# Links that open a calendar service's "new event" form, filled in ---------------------


def _compact(moment: datetime) -> str:
    return moment.strftime("%Y%m%dT%H%M%S")


def google_calendar_url(title: str, span: TimeSpan, details: str, location: str | None) -> str:
    """Google Calendar: local wall-clock times with the zone (ctz), so DST is Google's to apply."""
    if span.all_day:
        dates = f"{span.first_day:%Y%m%d}/{span.last_day + timedelta(days=1):%Y%m%d}"
    else:
        start, end = span.starts_at, span.ends_at
        dates = f"{_compact(start)}/{_compact(end.astimezone(start.tzinfo))}"
    query = {"action": "TEMPLATE", "text": title, "dates": dates, "details": details}
    if not span.all_day:
        query["ctz"] = span.zone.key
    if location:
        query["location"] = location
    return "https://calendar.google.com/calendar/render?" + urlencode(query)


def outlook_calendar_url(title: str, span: TimeSpan, details: str, location: str | None) -> str:
    """Outlook.com: moments with their UTC offset; whole days as dates."""
    if span.all_day:
        start, all_day = span.first_day.isoformat(), "true"
        end = (span.last_day + timedelta(days=1)).isoformat()
    else:
        start = span.starts_at.isoformat(timespec="seconds")
        end = span.ends_at.isoformat(timespec="seconds")
        all_day = "false"
    query = {
        "path": "/calendar/action/compose",
        "rru": "addevent",
        "subject": title,
        "startdt": start,
        "enddt": end,
        "allday": all_day,
        "body": details,
    }
    if location:
        query["location"] = location
    return "https://outlook.live.com/calendar/0/deeplink/compose?" + urlencode(query)


def webcal_url(https_url: str) -> str:
    """The subscription address calendar applications open: webcal:// instead of https://."""
    return "webcal://" + https_url.split("://", 1)[1]


def location_text(event: Event) -> str | None:
    return _location(event)
