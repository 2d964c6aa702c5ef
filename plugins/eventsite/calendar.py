"""iCalendar (RFC 5545) files: one per event with its timed sessions, and one for the site.

UIDs come from slugs and the site's domain, so a calendar that imported an event
updates it on the next import instead of adding a copy, even after a title change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache, lru_cache
from urllib.parse import quote_plus

import icalendar

from .i18n import N_, t
from .localtime import TimeSpan
from .model import Event, Session
from .vtimezone import vtimezone

PRODID = "-//eventsite//Event microsite generator//EN"

_STATUS = {"cancelled": "CANCELLED", "postponed": "TENTATIVE"}


def event_uid(event: Event, domain: str) -> str:
    return f"event-{event.slug}@{domain}"


def session_uid(session: Session, domain: str) -> str:
    return f"session-{session.event.slug}-{session.slug}@{domain}"


def location_text(event: Event) -> str | None:
    """Where an event is, as one line: its venue, else its online address."""
    if event.venue is not None:
        return ", ".join(event.venue.lines)
    return event.online


# Line breaks, each written as \n: CR LF, CR, LF, and the others that split lines in
# Python (str.splitlines), as some readers split a file: a vertical tab is Word's line
# break. (The file, group and record separators also split them: they are dropped below.)
_LINE_BREAK = re.compile("\r\n|[\r\n\v\f\x85\u2028\u2029]")
# The other control characters, which RFC 5545 allows in no text (a tab is not one).
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")


def _text(value: str) -> str:
    """Text for a TEXT property (icalendar escapes \\ ; , and line breaks): one kind of
    line break, and no other control character."""
    return _CONTROL.sub("", _LINE_BREAK.sub("\n", value))


def _bare(value: str) -> str:
    """A URI or identifier, which has no escapes: without any line break or control character."""
    return _CONTROL.sub("", _LINE_BREAK.sub("", value))


def _moment(moment: datetime) -> datetime:
    """A time as it is written: in its zone, or in UTC when its local time happens twice
    (the hour clocks go back), which ical.js would read as the second time."""
    if moment.replace(fold=1 - moment.fold).utcoffset() != moment.utcoffset():
        return moment.astimezone(UTC)
    return moment


def _timing(component: icalendar.Event, span) -> None:
    if span.all_day:
        component.add("dtstart", span.first_day)
        component.add("dtend", span.last_day + timedelta(days=1))  # DTEND is exclusive
    else:
        component.add("dtstart", _moment(span.starts_at))
        component.add("dtend", _moment(span.ends_at))


def _vevent(
    uid: str, title: str, span, url: str, description: str, event: Event, now: datetime, room: str | None = None
) -> icalendar.Event:
    url = _bare(url)
    component = icalendar.Event()
    component.add("uid", _bare(uid))
    component.add("dtstamp", now)
    component.add("summary", _text(title))
    _timing(component, span)
    component.add("url", url)
    component.add("description", _text(f"{description}\n\n{url}" if description else url))
    # A session's room first, as the starred selection of the programme says it (programme.js).
    location = ", ".join(part for part in (room, location_text(event)) if part)
    if location:
        component.add("location", _text(location))
    if event.venue is not None and event.venue.lat is not None:
        component.add("geo", (event.venue.lat, event.venue.lon))
    component.add("status", _STATUS.get(event.event_status, "CONFIRMED"))
    return component


@dataclass(frozen=True)
class CalendarEntry:
    """One VEVENT, serialized once, and the span it covers (for its time zone)."""

    vevent: bytes
    span: TimeSpan


def event_entry(event: Event, site_url: str, domain: str, now: datetime) -> CalendarEntry:
    url = f"{site_url}/{event.url}"
    component = _vevent(event_uid(event, domain), event.title, event.span, url, event.summary_text, event, now)
    return CalendarEntry(serialized(component), event.span)


def session_entry(session: Session, site_url: str, domain: str, now: datetime) -> CalendarEntry:
    event = session.event
    links = session_links(session, site_url, now)
    # Said in the description too: few calendar applications show ATTACH or CONFERENCE.
    said = "\n".join(t("%(label)s: %(address)s", label=label, address=url) for _, label, url in links)
    description = "\n\n".join(text for text in (session.summary_text, said) if text)
    component = _vevent(
        session_uid(session, domain),
        t("%(session)s (%(event)s)", session=session.title, event=event.title),
        session.span,
        f"{site_url}/{session.url}",
        description,
        event,
        now,
        session.room,
    )
    for kind, label, url in links:
        if kind == "online":  # RFC 7986: how to join it
            parameters = {"VALUE": "URI", "FEATURE": ["AUDIO", "VIDEO"], "LABEL": label}
            component.add("conference", icalendar.vUri(_bare(url)), parameters=parameters)
        else:  # RFC 5545: a document of the entry, by its address
            parameters = {"VALUE": "URI", **({"FMTTYPE": "application/pdf"} if url.lower().endswith(".pdf") else {})}
            component.add("attach", icalendar.vUri(_bare(url)), parameters=parameters)
    return CalendarEntry(serialized(component), session.span)


# A session's links, by their front matter key: their labels, said in the calendar's language (t())
LINK_LABELS = {"online": N_("Live stream"), "recording": N_("Recording"), "slides": N_("Slides")}


def session_links(session: Session, site_url: str, now: datetime) -> list[tuple[str, str, str]]:
    """(key, label, address) of a session's live stream (until its event is over), recording
    and slides; the label in the language being spoken (i18n.speaking)."""
    event = session.event
    slides = getattr(session, "slides", None)
    if slides is not None and "://" not in slides:
        slides = f"{site_url}/{event.files_url}{slides}"  # the original's folder, in every language
    links = {
        "online": getattr(session, "online", None) if event.is_upcoming(now) else None,
        "recording": getattr(session, "recording", None),
        "slides": slides,
    }
    return [(key, t(LINK_LABELS[key]), url) for key, url in links.items() if url]


def serialized(component: icalendar.Component) -> bytes:
    """component.to_ical(), byte for byte, with its long lines folded faster.

    icalendar folds a line character by character, counting each one's UTF-8 bytes:
    half the time it takes to serialize an entry with a paragraph of description.
    """
    return b"".join(_folded(line) for line in component.content_lines() if line)


_FOLD_AT = 74  # octets in each piece of a folded line, as icalendar cuts them


def _folded(line: str) -> bytes:
    """A content line as icalendar folds it, with its CRLF: pieces of at most 74 octets,
    cut between characters, and never just after a backslash or a caret (so that an
    escape such as \\n stays in one piece)."""
    data = line.encode("utf-8")
    pieces, start = [], 0
    while len(data) - start > _FOLD_AT:
        end = start + _FOLD_AT
        while data[end] & 0xC0 == 0x80:  # the middle of a character's UTF-8 bytes
            end -= 1
        if data[end - 1] in b"\\^":
            end -= 1
        pieces.append(data[start:end])
        start = end
    pieces.append(data[start:])
    return b"\r\n ".join(pieces) + b"\r\n"


def calendar_file(name: str, entries: list[CalendarEntry]) -> bytes:
    """The bytes of one .ics file: its entries, after a VTIMEZONE for each zone they use.

    Each entry and each VTIMEZONE is serialized by icalendar once and reused in every
    file that holds it: a site calendar repeats every event, an event calendar its sessions.
    """
    head = _calendar_properties() + _calendar_name(name)
    return head + _time_zones(entries) + b"".join(entry.vevent for entry in entries) + _END


_END = b"END:VCALENDAR\r\n"


@cache
def _calendar_properties() -> bytes:
    """The start of every calendar file, up to its name (serialized once: it never changes)."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    return calendar.to_ical()[: -len(_END)]


def _calendar_name(name: str) -> bytes:
    """The calendar's X-WR-CALNAME line, as icalendar writes it after the other properties.

    Its value is TEXT, escaped, and says so (VALUE=TEXT): RFC 5545 makes TEXT the type of
    an X- property, but icalendar and ical.js leave one they know nothing of as it is."""
    calendar = icalendar.Calendar()
    calendar.add("x-wr-calname", icalendar.vText(_text(name)), parameters={"VALUE": "TEXT"})
    return _folded(calendar.content_line("X-WR-CALNAME", calendar["X-WR-CALNAME"]))


def _time_zones(entries: list[CalendarEntry]) -> bytes:
    """A VTIMEZONE for each zone with a time of day, in name order, over the years needed.

    (vtimezone.py writes them, as calendar applications read them; each is made once
    per zone and years.)
    """
    timed = [entry.span for entry in entries if not entry.span.all_day]
    if not timed:
        return b""
    years = [day.year for span in timed for day in (span.first_day, span.last_day)]
    zones = sorted({span.zone.key for span in timed})
    return b"".join(vtimezone(zone, min(years) - 1, max(years) + 1) for zone in zones)


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
    return "https://calendar.google.com/calendar/render?" + _query_string(query)


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
    return "https://outlook.live.com/calendar/0/deeplink/compose?" + _query_string(query)


# A page's Google and Outlook links carry the same title, description and place, and an
# event's sessions the same place: each is percent-encoded once (byte by byte, slow).
_quoted = lru_cache(maxsize=256)(quote_plus)


def _query_string(query: dict[str, str]) -> str:
    """What urlencode(query) gives."""
    return "&".join(f"{_quoted(key)}={_quoted(value)}" for key, value in query.items())


def webcal_url(https_url: str) -> str:
    """The subscription address calendar applications open: webcal:// instead of https://."""
    return "webcal://" + https_url.split("://", 1)[1]
