"""schema.org Event data (JSON-LD) for search engines, and page metadata.

JSON-LD sits inside a <script> element, where HTML escaping does not apply: the JSON is
written with <, > and & as \\u escapes, so no title can close the element early.

It claims only what the editor said: an offer only with a price (`registration.price`,
0 when free) and only while registration is to open or is open (full or a waiting list
included); none for a cancelled or postponed event, one whose registration has closed
or one that is over: schema.org has no availability for "registration closed", and
SoldOut, which was said, would be false. Google reads no offer as "no tickets on
sale", which is the truth then. A session with no time
yet has no data at all (schema.org's Event needs a start, and the event's own would
be false); a session names its event's organisers and image, having none of its own.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from markupsafe import Markup

from .i18n import t
from .localtime import TimeSpan
from .model import Event, Session
from .registration import RegistrationState, registration_state

SCHEMA = "https://schema.org/"

_EVENT_STATUS = {
    "scheduled": "EventScheduled",
    "cancelled": "EventCancelled",
    "postponed": "EventPostponed",
    "rescheduled": "EventRescheduled",
    "moved-online": "EventMovedOnline",
}

# What schema.org calls the states in which registration offers a place, or will; in
# any other state (closed, ended, cancelled, postponed, none) there is no offer.
_AVAILABILITY = {
    RegistrationState.NOT_OPEN_YET: "PreOrder",
    RegistrationState.OPEN: "InStock",
    RegistrationState.WAITLIST: "LimitedAvailability",
    RegistrationState.FULL: "SoldOut",
}


def schema_date(span: TimeSpan, end: bool = False) -> str:
    """A date alone for all-day spans; otherwise a moment with its UTC offset."""
    value = span.end if end else span.start
    if isinstance(value, datetime):
        return (span.ends_at if end else span.starts_at).isoformat(timespec="seconds")
    return value.isoformat()


def attendance_mode(event: Event) -> str:
    if event.event_status == "moved-online" or (event.is_online and event.venue is None):
        return SCHEMA + "OnlineEventAttendanceMode"
    if event.is_online:
        return SCHEMA + "MixedEventAttendanceMode"
    return SCHEMA + "OfflineEventAttendanceMode"


def _locations(event: Event) -> list[dict[str, Any]]:
    locations: list[dict[str, Any]] = []
    if event.venue is not None:
        venue = event.venue
        address = {"@type": "PostalAddress", "addressLocality": venue.city, "addressCountry": venue.country}
        if venue.address:
            address["streetAddress"] = venue.address
        place: dict[str, Any] = {"@type": "Place", "name": venue.name or venue.city, "address": address}
        if venue.lat is not None:
            place["geo"] = {"@type": "GeoCoordinates", "latitude": venue.lat, "longitude": venue.lon}
        if venue.url:
            place["url"] = venue.url
        locations.append(place)
    if event.is_online:
        locations.append({"@type": "VirtualLocation", "url": event.online})
    return locations


def _add_language(data: dict[str, Any], item) -> None:
    """inLanguage: the language of its words (a site of several languages only: languages.py
    marks each item; a page that falls back to the original's words says the original's)."""
    words_lang = getattr(item, "words_lang", None)
    if words_lang:
        data["inLanguage"] = words_lang


def event_data(event: Event, site_url: str, now: datetime) -> dict[str, Any]:
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "url": f"{site_url}/{event.url}",
        "startDate": schema_date(event.span),
        "endDate": schema_date(event.span, end=True),
        "eventStatus": SCHEMA + _EVENT_STATUS[event.event_status],
        "eventAttendanceMode": attendance_mode(event),
        "description": event.summary_text,
    }
    _add_language(data, event)
    locations = _locations(event)
    if locations:
        data["location"] = locations[0] if len(locations) == 1 else locations
    people = {
        id(s.linked_person): s.linked_person
        for x in event.sessions
        if not x.is_break
        for s in x.speakers
        if s.linked_person
    }
    if people:  # the people of its sessions (people/); plain names are their sessions' only
        data["performer"] = [_person(person, site_url) for person in people.values()]
    data.update(_organizer_and_image(event, site_url))
    offer = _offer(event, now)
    if offer is not None:
        data["offers"] = offer
    if event.recordings:  # the playlist: a work that captured the event
        data["recordedIn"] = {
            "@type": "CreativeWork",
            "name": t("Recordings of %(event)s", event=event.title),
            "url": event.recordings,
        }
    data.update(_sponsors_and_series(event, site_url))
    return data


def _sponsors_and_series(event: Event, site_url: str) -> dict[str, Any]:
    """Its sponsors (tier by tier, with their logos), and its series as the Event it is a
    part of: schema.org's EventSeries as its superEvent (the way a session names its event)."""
    data: dict[str, Any] = {}
    sponsors = [org for tier in event.sponsor_tiers for org in tier.sponsors]
    if sponsors:
        data["sponsor"] = [_organization(org, site_url, with_logo=True) for org in sponsors]
    if event.series is not None:
        series = event.series
        data["superEvent"] = {"@type": "EventSeries", "name": series.title, "url": f"{site_url}/{series.url}"}
    return data


def _organizer_and_image(event: Event, site_url: str) -> dict[str, Any]:
    data: dict[str, Any] = {}
    organizers = [_organization(org, site_url) for org in event.hosts]
    organizers += [_person(person, site_url) for person in getattr(event, "organizers", ())]
    if organizers:
        data["organizer"] = organizers
    if event.image_url:
        data["image"] = [f"{site_url}/{event.image_url}"]
    return data


def _offer(event: Event, now: datetime) -> dict[str, Any] | None:
    """The registration as an Offer: only with the price the editor gave, and only
    while registration is to open or is open (see _AVAILABILITY)."""
    registration = event.registration
    if registration is None or registration.price is None:
        return None
    state = registration_state(event, now).state
    if state not in _AVAILABILITY:
        return None
    price = registration.price
    offer: dict[str, Any] = {
        "@type": "Offer",
        "url": registration.url,
        "price": int(price) if price == int(price) else price,
        "availability": SCHEMA + _AVAILABILITY[state],
    }
    if registration.currency is not None:
        offer["priceCurrency"] = registration.currency
    if registration.opens_at is not None:
        offer["validFrom"] = registration.opens_at.isoformat(timespec="seconds")
    offer["validThrough"] = registration.closes_at.isoformat(timespec="seconds")
    return offer


def session_data(session: Session, site_url: str) -> dict[str, Any] | None:
    """None for a session with no time yet: it has no start of its own to claim."""
    event = session.event
    if session.span is None:
        return None
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": session.title,
        "url": f"{site_url}/{session.url}",
        "eventStatus": SCHEMA + _EVENT_STATUS[event.event_status],
        "eventAttendanceMode": attendance_mode(event),
        "description": session.summary_text,
        "superEvent": {"@type": "Event", "name": event.title, "url": f"{site_url}/{event.url}"},
    }
    _add_language(data, session)
    data["startDate"] = schema_date(session.span)
    data["endDate"] = schema_date(session.span, end=True)
    locations = _locations(event)
    if locations:
        data["location"] = locations[0] if len(locations) == 1 else locations
    if session.speakers:
        data["performer"] = [
            _person(s.linked_person, site_url) if s.linked_person else {"@type": "Person", "name": s.name}
            for s in session.speakers
        ]
    data.update(_organizer_and_image(event, site_url))  # a session has neither of its own
    data.update(_recording_and_slides(session, site_url))
    return data


def _person(person, site_url: str) -> dict[str, Any]:
    """A person of people/: their page, photo and organisation (a linked one's page, else its name)."""
    data: dict[str, Any] = {"@type": "Person", "name": person.title, "url": f"{site_url}/{person.url}"}
    if person.photo_url:
        data["image"] = f"{site_url}/{person.photo_url}"
    if person.linked_organization is not None:
        data["affiliation"] = _organization(person.linked_organization, site_url)
    elif person.organization_name:
        data["affiliation"] = {"@type": "Organization", "name": person.organization_name}
    return data


def _recording_and_slides(session: Session, site_url: str) -> dict[str, Any]:
    """schema.org's Event.recordedIn (the work that captured it) for the recording, and
    Event.workFeatured for the slides: a CreativeWork with its address, not a VideoObject,
    which Google reads as a video on the page and needs a thumbnail and upload date for."""
    data: dict[str, Any] = {}
    if session.recording:
        name = t("Recording of %(session)s", session=session.title)
        data["recordedIn"] = {"@type": "CreativeWork", "name": name, "url": session.recording}
    if session.slides:
        url = session.slides if "://" in session.slides else f"{site_url}/{session.event.files_url}{session.slides}"
        name = t("Slides of %(session)s", session=session.title)
        data["workFeatured"] = {"@type": "PresentationDigitalDocument", "name": name, "url": url}
    return data


def _organization(org, site_url: str, with_logo: bool = False) -> dict[str, Any]:
    data = {
        "@type": "Organization",
        "name": org.title,
        "url": getattr(org, "website", None) or f"{site_url}/{org.url}",
    }
    if with_logo and "logo" in getattr(org, "image_sets", {}):  # a logo the site shows (images.py)
        data["logo"] = f"{site_url}/{org.logo_url}"
    return data


def json_ld(data: dict[str, Any] | None) -> Markup:
    """A <script type="application/ld+json"> element that no content can break out of
    (nothing for no data)."""
    if data is None:
        return Markup("")
    text = json.dumps(data, ensure_ascii=False, indent=None, separators=(",", ":"))
    for char, escaped in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, escaped)
    return Markup(f'<script type="application/ld+json">{text}</script>')
