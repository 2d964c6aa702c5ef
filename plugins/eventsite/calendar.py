"""iCalendar (RFC 5545) files: one per event with its timed sessions, and one for the site.

UIDs come from slugs and the site's domain, so a calendar that imported an event
updates it on the next import instead of adding a copy, even after a title change.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

import icalendar

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


def _vevent(
    uid: str, title: str, span, url: str, description: str, event: Event, now: datetime
) -> icalendar.Event:
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


def _event_components(
    event: Event, with_sessions: bool, site_url: str, domain: str, now: datetime
) -> Iterable[icalendar.Event]:
    yield _vevent(
        event_uid(event, domain),
        event.title,
        event.span,
        f"{site_url}/{event.url}",
        event.summary_text,
        event,
        now,
    )
    if not with_sessions:
        return
    for session in event.scheduled_sessions:
        title = f"{session.title} ({event.title})"
        yield _vevent(
            session_uid(session, domain),
            title,
            session.span,
            f"{site_url}/{session.url}",
            session.summary_text,
            event,
            now,
        )


def calendar_file(
    name: str, events: Iterable[Event], with_sessions: bool, site_url: str, domain: str, now: datetime
) -> bytes:
    """The bytes of one .ics file: every given event, with its timed sessions if asked."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    for event in events:
        for component in _event_components(event, with_sessions, site_url, domain, now):
            calendar.add_component(component)
    calendar.add_missing_timezones()
    return calendar.to_ical()
