"""Link the site together, and check what one file alone cannot show.

Every event gets its moments in time (in its own time zone), its sessions, parts,
hosts, partners, campaigns and news; every reference by slug or id becomes the object
it names, or a problem when nothing has that name. A reference to a draft or hidden
item is valid but not shown: such content appears in no list of another page.

Linking sets attributes on the content objects, which Pelican makes anew for every
build, and never changes the values read from the front matter (registration forms,
parts, speakers: frozen, and kept by the reader between builds): it puts linked
copies of them in their place (dataclasses.replace).
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime
from urllib.parse import unquote, urlsplit
from zoneinfo import ZoneInfo

from pelican.contents import Article, Content, Page

from .content_types import CONTENT_TYPES, OUR_TYPES
from .localtime import LocalValue, TimeSpan, local_date, skipped_by_dst, start_moment
from .model import (
    Appearance,
    CallForProposals,
    Campaign,
    Event,
    Organization,
    Part,
    Person,
    Registration,
    Series,
    Session,
    SiteContent,
    Speaker,
)
from .problems import ProblemLog, nearest
from .reader import source_of
from .registration import registration_window
from .schema import NO_REGISTRATION
from .site_files import EVENT_FILTERS, RESERVED_FOLDERS
from .zones import zone as zone_named

# Top-level URLs of the site itself, which a page's slug must not take (site_files.py).
RESERVED_PAGE_SLUGS = RESERVED_FOLDERS


@dataclass
class Site:
    """Everything read, before and after linking."""

    events: dict[str, Event] = field(default_factory=dict)  # by slug
    event_folders: dict[str, Event] = field(default_factory=dict)  # by folder name
    sessions: list[Session] = field(default_factory=list)
    session_keys: dict[tuple[str, str], Session] = field(default_factory=dict)  # (event folder, slug)
    campaigns: dict[str, Campaign] = field(default_factory=dict)
    organizations: dict[str, Organization] = field(default_factory=dict)
    news: list[Article] = field(default_factory=list)
    pages: list[Page] = field(default_factory=list)
    # By type and slug: the items of a type without an attribute of its own (its entry's collection)
    others: dict[str, dict[str, SiteContent]] = field(default_factory=dict)
    # Translations (<name>.<lang>.md), never in the tables above: (type, item key) -> {lang: item}.
    # The item key is the slug, or "<event folder>/<slug>" for a session (translation_key).
    translations: dict[tuple[str, str], dict[str, SiteContent]] = field(default_factory=dict)

    def listed_events(self) -> list[Event]:
        return sorted((e for e in self.events.values() if e.is_listed), key=event_order)

    def _collection(self, content_type: str) -> dict | list:
        name = CONTENT_TYPES[content_type].collection
        return getattr(self, name) if name else self.others.setdefault(content_type, {})

    def table(self, content_type: str) -> dict[str, SiteContent]:
        """One content type's items by slug (not sessions: their slugs are unique in their event only)."""
        return self._collection(content_type)

    def items(self, content_type: str) -> list:
        """Everything read of one content type, in the order it was read."""
        collection = self._collection(content_type)
        return list(collection.values()) if isinstance(collection, dict) else list(collection)


def translation_key(item: SiteContent) -> tuple[str, str]:
    """Where an item's translations are in Site.translations: (type, slug), or for a
    session (type, "<event folder>/<slug>")."""
    if item.content_type != "session":
        return item.content_type, item.slug
    event_folder = source_of(item).split("/")[1]  # events/<folder>/sessions/…: linking renames event_slug
    return item.content_type, f"{event_folder}/{item.slug}"


def translation_path(item: SiteContent, lang: str) -> str:
    """The file of an item's translation into `lang`: events/x/index.fr.md."""
    return source_of(item).removesuffix(".md") + f".{lang}.md"


def event_order(event: Event) -> tuple:
    return (event.starts_at, event.ends_at, event.slug)


def session_order(session: Session) -> tuple:
    """By start, then `order`, then slug; sessions with no time last."""
    order = getattr(session, "order", None)
    start = session.span.starts_at if session.span else datetime.min.replace(tzinfo=ZoneInfo("UTC"))
    return (session.span is None, start, order is None, order or 0, session.slug)


def listed(items: Iterable) -> list:
    """What may be shown on another page: published content only."""
    return [item for item in items if item.status == "published"]


class Linker:
    def __init__(self, site: Site, log: ProblemLog, content_root: str) -> None:
        self.site = site
        self.log = log
        self.root = content_root

    def report(self, content, key: str, what: str, fix: str | None = None) -> None:
        self.log.add(source_of(content), key, what, fix)

    # --- entry point ------------------------------------------------------------------

    def link(self) -> None:
        for event in self.site.events.values():
            self._link_event(event)
        sessions_of: dict[int, list[Session]] = {}  # by id(event)
        for session in self.site.sessions:
            self._link_session(session)
            sessions_of.setdefault(id(session.event), []).append(session)
        for event in self.site.events.values():
            self._order_sessions(event, sessions_of.get(id(event), []))
        for campaign in self.site.campaigns.values():
            organization = self._one("organization", campaign, "organization", getattr(campaign, "organization", None))
            campaign.organization = organization if organization and organization.is_listed else None
            self._check_file(campaign, "image", getattr(campaign, "image", None))
            campaign.events, campaign.sessions = [], []
        for organization in self.site.organizations.values():
            organization.hosted_events, organization.partnered_events, organization.campaigns = [], [], []
        for person in self.site.table("person").values():
            self._link_person(person)
        self._link_news()
        self._check_pages()
        self._link_sponsors_and_series()
        for item in self._domain_content():
            if getattr(item, "translation", False):  # an original that says it is a translation
                self.report(
                    item,
                    "translation",
                    "is true, but this file is not named as a translation: a translation is a file "
                    f"beside its original, {translation_path(item, getattr(item, 'lang', None) or 'fr')}",
                    "put its words in that file, and remove this one",
                )
        for item in [*self._domain_content(), *self.site.news, *self.site.pages]:
            self._check_body_links(item)
        self._fill_reverse_links()

    # --- references --------------------------------------------------------------------

    def _one(self, content_type: str, item, key: str, slug: str | None):
        if slug is None:
            return None
        found = self.site.table(content_type).get(slug)
        if found is None and (content_type, slug) not in self.log.unreadable:
            guess = nearest(slug, self.site.table(content_type))
            hint = f'did you mean "{guess}"?' if guess else f"add {CONTENT_TYPES[content_type].path(slug=slug)}"
            self.report(item, key, f'there is no {CONTENT_TYPES[content_type].noun} "{slug}"', hint)
        return found

    def _many(self, content_type: str, item, key: str, slugs: Iterable[str] | None) -> list:
        """The published items that slugs name; every slug is checked, drafts included."""
        found = (self._one(content_type, item, key, slug) for slug in slugs or ())
        return listed(f for f in found if f is not None)

    def _check_file(self, item, key: str, name: str | None) -> None:
        if name is None:
            return
        path = os.path.join(self.root, item.relative_dir, name)
        if not os.path.isfile(path):
            folder = item.relative_dir or "the content folder"
            self.report(
                item,
                key,
                f'there is no file "{name}" in {folder}/',
                "put the file there, or correct its name",
            )

    def _check_event_file(self, item, event: Event, key: str, name: str) -> None:
        """A file that `item` names in its event's folder (published beside the event's page)."""
        path = os.path.join(self.root, event.relative_dir, name)
        if not os.path.isfile(path):
            self.report(
                item,
                key,
                f'there is no file "{name}" in {event.relative_dir}/',
                "put the file in the event's folder (beside its index.md), or correct its name",
            )

    def _check_body_links(self, item: Content) -> None:
        """{static}, {attach} and {filename} links in the text must name files that exist."""
        for match in item._get_intrasite_link_regex().finditer(item._content or ""):
            if match.group("what") not in ("static", "attach", "filename"):
                continue
            target = unquote(urlsplit(match.group("value")).path)
            if not target:
                continue
            folder = "" if target.startswith("/") else item.relative_dir
            path = os.path.normpath(os.path.join(folder, target.lstrip("/")))
            if not os.path.isfile(os.path.join(self.root, path)):
                shown = re.sub(r"\s+", " ", match.group("path"))
                where = os.path.dirname(path)
                self.report(
                    item,
                    "text",
                    f"the link {shown} names a file that does not exist",
                    f"put the file in {where + '/' if where else 'the content folder'} or correct the link",
                )

    # --- time --------------------------------------------------------------------------

    def _check_moment(self, item, key: str, value: LocalValue | None, zone: ZoneInfo) -> None:
        if isinstance(value, datetime) and skipped_by_dst(value, zone):
            moved = start_moment(value, zone).strftime("%H:%M")
            self.report(
                item,
                key,
                f"{value:%Y-%m-%d %H:%M} does not exist in {zone.key}: the clocks go forward that night",
                f"use a time outside the skipped hour, e.g. {moved}",
            )

    def _span(self, item, zone: ZoneInfo, start: LocalValue | None, end: LocalValue | None, prefix: str = ""):
        if start is None:
            return None
        self._check_moment(item, f"{prefix}start", start, zone)
        self._check_moment(item, f"{prefix}end", end, zone)
        return TimeSpan(start, end if end is not None else start, zone)

    # --- events ------------------------------------------------------------------------

    def _link_event(self, event: Event) -> None:
        if event.slug in {f.name for f in EVENT_FILTERS}:  # /events/kind/… is the list filtered by kind
            self.report(
                event,
                "slug",
                f'"{event.slug}" is the address of the events list filtered by {event.slug}',
                "rename the event's folder, or give the event another slug: key",
            )
        # Pelican's Content made the name a ZoneInfo from the machine's zone files: ours is tzdata's.
        zone = event.timezone = zone_named(event.timezone.key)
        event.span = self._span(event, zone, event.start, getattr(event, "end", None))
        event.end = event.span.end
        event.venue = getattr(event, "venue", None)
        event.online = getattr(event, "online", None)
        event.hosts = self._many("organization", event, "host", getattr(event, "host", None))
        event.partners = self._many("organization", event, "partners", getattr(event, "partners", None))
        event.campaigns = self._many("campaign", event, "campaigns", getattr(event, "campaigns", None))
        event.organizers = self._many("person", event, "organizers", getattr(event, "organizers", None))
        event.tags = list(getattr(event, "tags", ()))
        event.news = []
        self._check_file(event, "image", getattr(event, "image", None))
        registration = getattr(event, "registration", None)
        event.needs_no_registration = registration == NO_REGISTRATION  # the editor said so: registration: none
        event.registration = None if event.needs_no_registration else registration
        if event.registration is not None:
            event.registration = self._link_registration(event, event.registration, zone)
        event.parts = self._link_parts(event, getattr(event, "parts", ()), zone)
        event.rooms = list(getattr(event, "rooms", ()))
        event.recordings = getattr(event, "recordings", None)
        call = getattr(event, "call_for_proposals", None)
        event.call_for_proposals = self._link_call(event, call, zone) if call is not None else None

    def _link_registration(self, event: Event, form: Registration, zone: ZoneInfo) -> Registration:
        """The form with its moments in time, checked."""
        self._check_moment(event, "registration.opens", form.opens, zone)
        self._check_moment(event, "registration.closes", form.closes, zone)
        opens_at, closes_at = registration_window(form.opens, form.closes, zone, event.starts_at)
        registration = replace(form, opens_at=opens_at, closes_at=closes_at)
        if registration.opens_at is not None and registration.opens_at >= registration.closes_at:
            closes = "its closes date" if registration.closes else "the event's start, when it closes"
            self.report(
                event,
                "registration.opens",
                f"is not before {closes}",
                "open registration earlier, or set closes",
            )
        # Closing on the last day of the event is fine (it closes when the event ends at the latest).
        if registration.closes is not None and local_date(registration.closes) > event.span.last_day:
            self.report(
                event,
                "registration.closes",
                f"is after the event's last day ({event.span.last_day.isoformat()})",
                "close registration by the end of the event, or remove closes to close it at the start",
            )
        return registration

    def _link_call(self, event: Event, call: CallForProposals, zone: ZoneInfo) -> CallForProposals:
        """The call for proposals with its moments in time (the registration's rule), checked."""
        key = "call_for_proposals"
        self._check_moment(event, f"{key}.opens", call.opens, zone)
        self._check_moment(event, f"{key}.closes", call.closes, zone)
        opens_at, closes_at = registration_window(call.opens, call.closes, zone, event.starts_at)
        call = replace(call, opens_at=opens_at, closes_at=closes_at)
        if call.opens_at is not None and call.closes is None and call.opens_at >= call.closes_at:
            self.report(
                event,
                f"{key}.opens",
                "is not before the event's start, when the call closes",
                "open the call earlier, or set closes",
            )
        if call.closes is not None and local_date(call.closes) > event.span.last_day:
            self.report(
                event,
                f"{key}.closes",
                f"is after the event's last day ({event.span.last_day.isoformat()})",
                "close the call before the event, or remove closes to close it at the event's start",
            )
        return call

    def _link_parts(self, event: Event, written: Iterable[Part], zone: ZoneInfo) -> list[Part]:
        """The parts with their spans, checked; their sessions are filled in by _order_sessions."""
        seen_ids: set[str] = set()
        parts = []
        for number, part in enumerate(written, start=1):
            prefix = f"parts[{number}]."
            if part.id in seen_ids:
                self.report(
                    event,
                    f"{prefix}id",
                    f'"{part.id}" is the id of another part too',
                    "give each part its own id",
                )
            seen_ids.add(part.id)
            part = replace(part, span=self._span(event, zone, part.start, part.end, prefix), sessions=[])
            parts.append(part)
            if part.span and not event.span.contains_days_of(part.span):
                self.report(
                    event,
                    f"{prefix}start",
                    f"{part.title} is not inside the event's dates ({_days(event.span)})",
                    "correct the part's dates or the event's",
                )
        return parts

    # --- sessions ----------------------------------------------------------------------

    def _link_session(self, session: Session) -> None:
        folder = session.event_slug  # the folder the session is in, until linked
        event = self.site.event_folders.get(folder)
        session.event = event
        if event is None:
            if ("event", folder) not in self.log.unreadable:
                self.report(
                    session,
                    "file",
                    f"there is no {CONTENT_TYPES['event'].path(slug=folder)} for this session's event",
                    "add the event's index.md, or move the session into an event's sessions/ folder",
                )
            return
        session.event_slug = session.metadata["event_slug"] = event.slug  # its URL follows the event's slug
        for subpage in CONTENT_TYPES["event"].subpages:  # /events/<slug>/programme/ is the programme's
            if session.slug == subpage.name:
                self.report(
                    session,
                    "slug",
                    f'"{session.slug}" is the address of its event\'s {subpage.name} page',
                    "rename the file, or give the session another slug: key",
                )
        session.forget_urls()
        session.timezone = event.timezone
        session.span = self._span(
            session, event.timezone, getattr(session, "start", None), getattr(session, "end", None)
        )
        if session.span and not event.span.contains_days_of(session.span):
            self.report(
                session,
                "start",
                f"the session is not inside its event's dates ({_days(event.span)})",
                "correct the session's start and end, or the event's dates",
            )
        self._link_session_part(session, event)
        for key in ("format", "room", "track"):
            setattr(session, key, getattr(session, key, None))
        self._check_room(session, event)
        own_audience = getattr(session, "audience", None)
        session.audience = own_audience or (session.part and session.part.audience) or event.audience
        session.campaigns = self._many("campaign", session, "campaigns", getattr(session, "campaigns", None))
        session.speakers = [
            self._linked_speaker(session, number, speaker)
            for number, speaker in enumerate(getattr(session, "speakers", ()), start=1)
        ]
        for key in ("online", "recording", "slides"):
            setattr(session, key, getattr(session, key, None))
        if session.slides is not None and "://" not in session.slides:
            self._check_event_file(session, event, "slides", session.slides)

    def _linked_speaker(self, session: Session, number: int, speaker: Speaker) -> Speaker:
        if speaker.person is not None:  # a person of people/: named as their file names them
            person = self._one("person", session, f"speakers[{number}].person", speaker.person)
            if person is None:
                return replace(speaker, name=speaker.person)
            return replace(speaker, name=person.title, linked_person=person if person.is_listed else None)
        organization = self.site.organizations.get(speaker.organization or "")
        if organization is None:  # a plain name, or none
            return speaker
        # A slug, not a plain name: the organisation is shown only when published.
        return replace(speaker, organization=None, linked_organization=organization if organization.is_listed else None)

    def _link_session_part(self, session: Session, event: Event) -> None:
        part_id = getattr(session, "part", None)
        session.part = None
        if part_id is None:
            return
        parts = {p.id: p for p in event.parts}
        session.part = parts.get(part_id)
        if session.part is None:
            known = ", ".join(parts) if parts else "none"
            self.report(
                session,
                "part",
                f'its event has no part "{part_id}" (its parts: {known})',
                "use the id of one of the event's parts",
            )
        elif session.span and session.part.span and not session.part.span.contains_days_of(session.span):
            self.report(
                session,
                "start",
                f"the session is not inside its part's dates ({_days(session.part.span)})",
                "correct the session's dates or the part's",
            )

    def _check_room(self, session: Session, event: Event) -> None:
        """When its event lists its rooms, a session is in one of them (the programme's columns)."""
        if session.room is None or not event.rooms or session.room in event.rooms:
            return
        by_case = {room.casefold(): room for room in event.rooms}
        nearest = by_case.get(session.room.casefold()) or next(
            iter(difflib.get_close_matches(session.room, event.rooms, n=1, cutoff=0.5)), None
        )
        rooms = ", ".join(f'"{room}"' for room in event.rooms)
        self.report(
            session,
            "room",
            f'"{session.room}" is not one of its event\'s rooms ({rooms})',
            f'did you mean "{nearest}"?' if nearest else "use one of them, or add the room to the event's rooms",
        )

    def _order_sessions(self, event: Event, sessions: list[Session]) -> None:
        event.all_sessions = sorted(sessions, key=session_order)
        # The event's own page shows its published sessions, even when the event is hidden.
        programme = listed(event.all_sessions)
        event.sessions = programme
        event.unscheduled_sessions = [s for s in programme if not s.is_scheduled]
        with_pages = [s for s in programme if not s.is_break]  # breaks have no page to lead to
        for before, after in zip(with_pages, with_pages[1:], strict=False):
            before.next, after.previous = after, before
        for part in event.parts:  # linked copies, made for this build
            part.sessions[:] = [s for s in programme if s.part is part]

    # --- people ----------------------------------------------------------------------

    def _link_person(self, person: Person) -> None:
        written = getattr(person, "organization", None)
        organization = self.site.organizations.get(written or "")
        # A slug, not a plain name: the organisation is shown only when published (as a speaker's).
        person.linked_organization = organization if organization is not None and organization.is_listed else None
        if organization is not None:
            person.organization = None
        person.links = tuple(getattr(person, "links", ()))
        person.appearances = []
        self._check_file(person, "photo", getattr(person, "photo", None))

    @staticmethod
    def _add_appearances(event: Event) -> None:
        by_person: dict[int, Appearance] = {}

        def appearance(person: Person) -> Appearance:
            if id(person) not in by_person:
                by_person[id(person)] = Appearance(event)
                person.appearances.append(by_person[id(person)])
            return by_person[id(person)]

        for person in event.organizers:
            appearance(person).organizer = True
        for session in event.sessions:
            for speaker in [] if session.is_break else session.speakers:
                if speaker.linked_person is not None:
                    appearance(speaker.linked_person).sessions.append((session, speaker.role))

    # --- sponsors and series ------------------------------------------------------------

    def _link_sponsors_and_series(self) -> None:
        """Logos, sponsor tiers (and each organisation's sponsorships), series and their editions."""
        for organization in self.site.organizations.values():
            self._check_file(organization, "logo", getattr(organization, "logo", None))  # images.py reads it
            organization.sponsorships = []
        for event in self.site.events.values():
            event.sponsor_tiers = [
                replace(
                    tier,
                    position=number,
                    sponsors=tuple(
                        self._many(
                            "organization",
                            event,
                            f"sponsors[{number}].organizations",
                            tier.organizations,
                        )
                    ),
                )
                for number, tier in enumerate(getattr(event, "sponsors", ()), start=1)
            ]
        for event in self.site.listed_events():
            for tier in event.sponsor_tiers:
                for organization in tier.sponsors:
                    organization.sponsorships.append((event, tier))
        for series in self.site.table("series").values():
            organization = self._one("organization", series, "organization", getattr(series, "organization", None))
            series.organization = organization if organization is not None and organization.is_listed else None
            series.editions = []
        series_of: dict[int, Series] = {}  # by id(event): the series it names
        for event in self.site.events.values():
            event.edition = getattr(event, "edition", None)
            series = self._one("series", event, "series", getattr(event, "series", None))
            if series is not None:
                series_of[id(event)] = series
        for event in self.site.listed_events():  # soonest first: the latest edition ends up first
            if id(event) in series_of:
                series_of[id(event)].editions.insert(0, event)
        for event in self.site.events.values():
            series = series_of.get(id(event))
            event.series = series if series is not None and series.is_listed else None
            editions = series.editions if series is not None else []
            order = event_order(event)
            earlier = [e for e in editions if event_order(e) < order]
            later = [e for e in editions if event_order(e) > order]
            event.previous_edition = earlier[0] if earlier else None
            event.next_edition = later[-1] if later else None

    # --- news and pages ----------------------------------------------------------------

    def _link_news(self) -> None:
        self._check_duplicates(self.site.news)
        for article in self.site.news:
            event = self._one("event", article, "event", getattr(article, "event", None))
            article.event = event if event is not None and event.is_listed else None
            if article.event is not None and article.status == "published":
                article.event.news.append(article)
        for event in self.site.events.values():
            event.news.sort(key=lambda a: (a.date, a.slug), reverse=True)

    def _check_pages(self) -> None:
        self._check_duplicates(self.site.pages)
        for page in self.site.pages:
            if page.slug in RESERVED_PAGE_SLUGS:
                self.report(
                    page,
                    "slug",
                    f'"{page.slug}" is the address of one of the site\'s own pages (/{page.slug}/)',
                    "give the page another file name or slug",
                )

    def _check_duplicates(self, items: Iterable) -> None:
        first: dict[tuple[str, str], object] = {}
        for item in sorted(items, key=source_of):
            key = (item.slug, item.lang)
            if key in first:
                self.report(
                    item,
                    "slug",
                    f'"{item.slug}" is also the slug of {source_of(first[key])}',
                    "give one of the two files another name or slug",
                )
            else:
                first[key] = item

    # --- the other direction -----------------------------------------------------------

    def _domain_content(self) -> list[SiteContent]:
        """Everything of our own content types (not Pelican's news and pages)."""
        return [item for content_type in OUR_TYPES for item in self.site.items(content_type.name)]

    def _fill_reverse_links(self) -> None:
        for event in self.site.listed_events():
            for campaign in event.campaigns:
                campaign.events.append(event)
            for organization in event.hosts:
                organization.hosted_events.append(event)
            for organization in event.partners:
                organization.partnered_events.append(event)
            for session in event.sessions:
                for campaign in [] if session.is_break else session.campaigns:
                    campaign.sessions.append(session)
        for event in self.site.listed_events():  # what each person takes part in, event by event
            self._add_appearances(event)
        for campaign in sorted(self.site.campaigns.values(), key=lambda c: c.slug):
            if campaign.is_listed and campaign.organization is not None:
                campaign.organization.campaigns.append(campaign)


def _days(span: TimeSpan) -> str:
    if span.first_day == span.last_day:
        return span.first_day.isoformat()
    return f"{span.first_day.isoformat()} to {span.last_day.isoformat()}"


def add_unique(table: dict[str, SiteContent], item: SiteContent, log: ProblemLog) -> bool:
    """Put an item in its table by slug; a second file with the same slug is a problem."""
    other = table.get(item.slug)
    if other is None:
        table[item.slug] = item
        return True
    log.add(
        source_of(item),
        "slug",
        f'"{item.slug}" is also the slug of {source_of(other)}',
        "give one of the two files another name or slug",
    )
    return False


def add_session(site: Site, session: Session, log: ProblemLog) -> None:
    """Add a session; a second one with the same slug in the same event folder is a problem."""
    key = (session.event_slug, session.slug)
    other = site.session_keys.get(key)
    if other is not None:
        log.add(
            source_of(session),
            "slug",
            f'"{session.slug}" is also the slug of {source_of(other)}',
            "give one of the two sessions another file name or slug",
        )
        return
    site.session_keys[key] = session
    site.sessions.append(session)
