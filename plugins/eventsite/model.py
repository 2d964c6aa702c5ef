"""The site's content types: events, their sessions and parts, campaigns, organisations.

Event, Session, Campaign and Organization are Pelican content classes, so they get
Pelican's URLs, Markdown bodies, summaries and {filename} links. Their front matter
becomes attributes (already checked and converted by schema.py); linking.py then
fills in the moments in time and replaces slugs by the objects they name.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import TYPE_CHECKING
from urllib.parse import urlencode

from pelican.contents import Content

from .i18n import N_, t
from .localtime import LocalValue, TimeSpan
from .markup import summary_as_text
from .programme import ProgrammeSection, programme_sections, tones

if TYPE_CHECKING:
    from pelican.contents import Article

# More sessions than this (breaks aside): the programme has its own page, /events/<slug>/programme/
LONG_PROGRAMME = 20

# Words the interface writes from Python: in English here (N_ marks them for `invoke
# translations`), in the page's language where they are shown (i18n.t, audience_label()).
AUDIENCE_LABELS = {
    "public": N_("Open to the public"),
    "members": N_("Members only"),
    "invitation": N_("By invitation"),
}

# The same, as one step of "Members, then by invitation" (Event.audience_summary).
AUDIENCE_STEPS = {
    "public": N_("open to the public"),
    "members": N_("members"),
    "invitation": N_("by invitation"),
}

STATUS_LABELS = {
    "cancelled": N_("Cancelled"),
    "postponed": N_("Postponed"),
    "rescheduled": N_("Rescheduled"),
    "moved-online": N_("Moved online"),
}

# An event's kind (schema.EVENT_KINDS), as its page and cards name it
KIND_LABELS = {
    "conference": N_("conference"),
    "meeting": N_("meeting"),
    "workshop": N_("workshop"),
    "webinar": N_("webinar"),
    "other": N_("other"),
}

REGISTER = "Register"  # Registration.label when the editor gives none: said in the page's language


def audience_label(audience: str | None) -> str | None:
    """Who it is for, in the language being spoken: "Open to the public"."""
    return t(AUDIENCE_LABELS[audience]) if audience else None


@dataclass(frozen=True)
class Venue:
    city: str
    country: str
    name: str | None = None
    address: str | None = None
    url: str | None = None
    lat: float | None = None
    lon: float | None = None

    @property
    def map_url(self) -> str | None:
        """An OpenStreetMap link, when the editor gave coordinates."""
        if self.lat is None or self.lon is None:
            return None
        query = urlencode({"mlat": f"{self.lat:.5f}", "mlon": f"{self.lon:.5f}"})
        return f"https://www.openstreetmap.org/?{query}#map=16/{self.lat:.5f}/{self.lon:.5f}"

    @property
    def lines(self) -> list[str]:
        """The venue as lines of an address: name, street, city and country."""
        return [part for part in (self.name, self.address, f"{self.city}, {self.country}") if part]


# Registration, Speaker and Part are what the schema makes of the front matter, and so
# what the reader keeps between builds: frozen, so that linking makes linked copies
# (dataclasses.replace) and never changes what is kept.


class _OpensAndCloses:
    """What a registration and a call for proposals share: `opens` and `closes`, each a
    date alone (a whole day in the event's time zone) or a moment."""

    @property
    def opens_on_a_day(self) -> bool:
        """`opens` is a date alone: it opens as that day begins."""
        return self.opens is not None and not isinstance(self.opens, datetime)

    @property
    def closes_on_a_day(self) -> bool:
        """`closes` is a date alone: it stays open until that day is over."""
        return self.closes is not None and not isinstance(self.closes, datetime)


@dataclass(frozen=True)
class Registration(_OpensAndCloses):
    url: str
    label: str = REGISTER
    note: str | None = None
    state: str | None = None  # open, waitlist or full: the editor's override
    price: float | None = None  # the lowest price, in `currency`; 0: free
    currency: str | None = None  # ISO 4217, e.g. EUR
    opens: LocalValue | None = None
    closes: LocalValue | None = None
    # The moments, once the event's time zone is known (linking.py):
    opens_at: datetime | None = None
    closes_at: datetime | None = None

    @property
    def button_label(self) -> str:
        """The button's words: the editor's label, else "Register" in the page's language."""
        return t("Register") if self.label == REGISTER else self.label


@dataclass(frozen=True)
class CallForProposals(_OpensAndCloses):
    url: str
    note: str | None = None
    opens: LocalValue | None = None
    closes: LocalValue | None = None
    # The moments, once the event's time zone is known (linking.py):
    opens_at: datetime | None = None
    closes_at: datetime | None = None


@dataclass(frozen=True)
class Speaker:
    name: str = ""  # a person's (`person`): their title, once linked
    organization: str | None = None  # a slug or a plain name, as written
    role: str | None = None
    person: str | None = None  # a slug of people/, as written
    linked_organization: Organization | None = None
    linked_person: Person | None = None  # published people only (linking.py)

    @property
    def is_the_organization(self) -> bool:
        """The speaker is the organisation itself ("Committee to Protect Journalists" of CPJ)."""
        if self.linked_organization is not None:
            org = self.linked_organization
            names = {org.title, org.name, getattr(org, "short", None) or org.title}
        else:
            names = {self.organization or ""}
        return self.name.casefold() in {n.casefold() for n in names}


@dataclass(frozen=True)
class SponsorTier:
    """One tier of an event's sponsors, in the editor's order; linking.py fills in its
    position (1: the first tier, whose logos are the largest) and its published sponsors."""

    tier: str
    organizations: tuple[str, ...]  # slugs, as written
    position: int = 0
    sponsors: tuple[Organization, ...] = ()

    @property
    def size(self) -> int:
        """The logos' size class: 1 (largest) to len(LOGO_HEIGHTS), by the tier's position."""
        return min(max(self.position, 1), len(LOGO_HEIGHTS))

    @property
    def logo_display(self) -> str:
        """The display (images.DISPLAYS) of its logos: logo-96 for the first tier … logo-48."""
        return f"logo-{LOGO_HEIGHTS[self.size - 1]}"


# The largest height of a logo in the sponsor tiers, the first tier's first, in CSS pixels: the
# displays logo-96 … logo-48 of images.py (at most three times as wide); the organisation's own
# page shows it as the first tier does.
LOGO_HEIGHTS = (96, 72, 56, 48)


@dataclass(frozen=True)
class Part:
    id: str
    title: str
    start: LocalValue | None = None
    end: LocalValue | None = None
    audience: str | None = None
    summary: str | None = None
    span: TimeSpan | None = None  # linked copies only (linking.py), as sessions
    sessions: list[Session] = field(default_factory=list, compare=False)

    @property
    def audience_label(self) -> str | None:
        return audience_label(self.audience) if self.audience in AUDIENCE_LABELS else None


class SiteContent(Content):
    """What every content type of ours shares. Each type's name (content_type) and
    default_template are its entry's in content_types.py, which sets them."""

    content_type = ""
    mandatory_properties = ("title",)
    default_status = "published"
    # In a language view (languages.py): "fr/" before its URLs, and the default language's item.
    url_prefix = ""
    original: SiteContent | None = None
    # On a site of several languages (languages.py): the language of its pages, of its words,
    # and whether those differ (not translated yet). None on a site of one language.
    page_lang: str | None = None
    words_lang: str | None = None
    is_fallback = False

    def get_url_setting(self, key: str) -> str:
        # One URL per item and language: the contract's, under "<lang>/" in another language.
        if hasattr(self, "override_" + key):
            return getattr(self, "override_" + key)
        # Remembered: Pelican works a URL out from all the metadata each time it is asked,
        # and pages ask for URLs thousands of times.
        urls = self.__dict__.setdefault("_urls", {})
        if key not in urls:
            urls[key] = self.url_prefix + self._expand_settings(key)
        return urls[key]

    @property
    def files_url(self) -> str:
        """Where the files beside it are published (an event's image, a session's slides): its
        page's folder in the default language, in every language (attachments are not copied)."""
        return (self.original or self).url

    @property
    def url_format(self) -> dict:
        # Our URL patterns use only the slug and the metadata (a session's event_slug); Pelican's
        # own version also works out the file's relative path again for every URL.
        return {**self.metadata, "slug": self.slug, "lang": self.lang, "path": self.relative_source_path}

    def get_relative_source_path(self, source_path: str | None = None) -> str | None:
        known = self.__dict__.get("relative_source_path")
        if source_path is None and known is not None:
            return known
        return super().get_relative_source_path(source_path)

    def forget_urls(self) -> None:
        """After a change to what the URL is made of (a session's event slug)."""
        self.__dict__.pop("_urls", None)

    @property
    def is_listed(self) -> bool:
        """Published: on its page, in lists, feeds, calendars and the sitemap."""
        return self.status == "published"

    @property
    def is_written(self) -> bool:
        """Hidden content keeps Pelican's meaning: its own page, listed nowhere."""
        return self.status in ("published", "hidden")

    @cached_property
    def summary_text(self) -> str:
        """The summary as plain text, for meta tags, feeds and calendars (asked for often)."""
        return summary_as_text(self.summary)


class Event(SiteContent):
    # Set by linking.py:
    span: TimeSpan
    sessions: list[Session]
    unscheduled_sessions: list[Session]
    hosts: list[Organization]
    news: list[Article]

    @property
    def starts_at(self) -> datetime:
        return self.span.starts_at

    @property
    def ends_at(self) -> datetime:
        return self.span.ends_at

    @property
    def audience_label(self) -> str:
        return audience_label(self.audience)

    @property
    def kind_label(self) -> str:
        """Its kind in the language being spoken: "workshop", "atelier"."""
        kind = getattr(self, "kind", None) or ""
        return t(KIND_LABELS[kind]) if kind in KIND_LABELS else kind

    @property
    def status_label(self) -> str:
        if self.event_status in STATUS_LABELS:
            return t(STATUS_LABELS[self.event_status])
        return self.event_status.replace("-", " ").capitalize()

    @property
    def status_message(self) -> str:
        """The banner of an event that is not simply scheduled."""
        return {
            "cancelled": t("Cancelled: this event will not take place."),
            "postponed": t("Postponed: new dates will be announced."),
            "rescheduled": t("Rescheduled: the dates below are the new ones."),
            "moved-online": t("Moved online: this event now takes place online."),
        }.get(self.event_status, "")

    @property
    def status_sentence(self) -> str:
        """What a session's page says of its event's state: "The event is cancelled."."""
        return {
            "cancelled": t("The event is cancelled."),
            "postponed": t("The event is postponed."),
            "rescheduled": t("The event is rescheduled."),
            "moved-online": t("The event is moved online."),
        }.get(self.event_status, "")

    @property
    def is_online(self) -> bool:
        return getattr(self, "online", None) is not None

    @property
    def image_url(self) -> str | None:
        image = getattr(self, "image", None)
        return f"{self.files_url}{image}" if image else None

    @cached_property
    def programme(self) -> list[ProgrammeSection]:
        """Sessions by part, then by day, each day a grid of rooms or a list (programme.py)."""
        return programme_sections(self)

    @cached_property
    def tones(self) -> dict[str, int]:
        """The colour of each track (or format) in the programme, with the legend's order."""
        return tones(self)

    @property
    def programme_is_long(self) -> bool:
        """A long programme has a page of its own, linked from the event's page."""
        return sum(1 for s in self.sessions if not s.is_break) > LONG_PROGRAMME

    @property
    def audiences_differ(self) -> bool:
        """True when its parts are for different people (a members' day, then an open one)."""
        return len({part.audience or self.audience for part in self.parts}) > 1

    @property
    def audience_summary(self) -> str:
        """Who it is for, in one line: its parts' audiences in order ("Members, then by invitation")."""
        if not self.audiences_differ:
            return self.audience_label
        steps: list[str] = []
        for part in self.parts:
            step = t(AUDIENCE_STEPS[part.audience or self.audience])
            if not steps or steps[-1] != step:
                steps.append(step)
        text = steps[0]
        for step in steps[1:]:
            text = t("%(before)s, then %(after)s", before=text, after=step)
        return text[0].upper() + text[1:]

    def is_upcoming(self, now: datetime) -> bool:
        """Upcoming until its end has passed (a date-only event: the end of its last day)."""
        return now < self.ends_at

    # Set by linking.py: its sponsors' tiers, its series (published) and the editions before
    # and after it in that series, by start.
    sponsor_tiers: list[SponsorTier]
    series: Series | None = None
    previous_edition: Event | None = None
    next_edition: Event | None = None

    @property
    def edition_label(self) -> str:
        """What a link to it as an edition of its series says: its `edition`, else its title."""
        return getattr(self, "edition", None) or self.title


BREAK = "break"  # the format of a pause (coffee, lunch, the registration desk)


class Session(SiteContent):
    # Set by linking.py (None for a session whose event could not be read):
    event: Event | None = None
    span: TimeSpan | None = None
    previous: Session | None = None
    next: Session | None = None

    @property
    def audience_label(self) -> str:
        return audience_label(self.audience)

    @property
    def is_break(self) -> bool:
        """`format: break`: a pause in the programme, with no page, calendar entry or listing."""
        return (getattr(self, "format", None) or "").casefold() == BREAK

    @property
    def is_listed(self) -> bool:
        return super().is_listed and not self.is_break and self.event is not None and self.event.is_listed

    @property
    def is_written(self) -> bool:
        return super().is_written and not self.is_break and self.event is not None and self.event.is_written

    @property
    def is_scheduled(self) -> bool:
        """It has a day (and maybe a time); else "time to be announced"."""
        return self.span is not None

    @property
    def is_timed(self) -> bool:
        """It has a time of day: it goes into calendars."""
        return self.span is not None and isinstance(self.span.start, datetime)


class Campaign(SiteContent):
    events: list[Event]
    sessions: list[Session]

    @property
    def image_url(self) -> str | None:
        """Its image is a file beside it (in campaigns/), copied where it is."""
        image = getattr(self, "image", None)
        return f"{self.relative_dir}/{image}" if image else None


class Organization(SiteContent):
    hosted_events: list[Event]
    partnered_events: list[Event]
    campaigns: list[Campaign]

    @property
    def name(self) -> str:
        short = getattr(self, "short", None)
        return f"{self.title} ({short})" if short else self.title

    @property
    def facts(self) -> list[str]:
        """Its country and membership, as far as the editor gave them (none: nothing to show)."""
        country = getattr(self, "country", None)
        return [f for f in (country, t("A member of the network") if getattr(self, "member", None) else None) if f]

    @property
    def events(self) -> list[Event]:
        """Every event it hosts or partners, soonest first."""
        both = {e.slug: e for e in self.hosted_events + self.partnered_events}
        return sorted(both.values(), key=lambda e: (e.starts_at, e.slug))

    # Set by linking.py: (event, tier) of every published event it sponsors, soonest first.
    sponsorships: list[tuple[Event, SponsorTier]]

    @property
    def logo_url(self) -> str | None:
        """Its logo is a file beside it (in organizations/), copied where it is."""
        logo = getattr(self, "logo", None)
        return f"{self.relative_dir}/{logo}" if logo else None


class Series(SiteContent):
    """Events that come again (IFEX's General Meeting, every two years): each is an edition."""

    # Set by linking.py:
    organization: Organization | None
    editions: list[Event]  # its published editions, the latest first


@dataclass
class Appearance:
    """What a person does at one event: organise it, and speak at some of its sessions."""

    event: Event
    organizer: bool = False
    sessions: list[tuple[Session, str | None]] = field(default_factory=list)  # (session, role)


class Person(SiteContent):
    # Set by linking.py:
    linked_organization: Organization | None
    appearances: list[Appearance]  # by event, in the order of the events

    @property
    def photo_url(self) -> str | None:
        """Its photo is a file beside it (in people/), copied where it is."""
        photo = getattr(self, "photo", None)
        return f"{self.relative_dir}/{photo}" if photo else None

    @property
    def organization_name(self) -> str | None:
        """Its organisation's name: the linked one's, or the plain text the editor wrote."""
        if self.linked_organization is not None:
            return self.linked_organization.name
        return getattr(self, "organization", None)

    @property
    def labelled_links(self) -> list[tuple[str, str]]:
        """(label, url) of its website and links: each service named from its address."""
        from .services import WEBSITE, service_of

        def said(label: str) -> str:  # a service's name is its own; "Website" is the interface's
            return t("Website") if label == WEBSITE else label

        website = getattr(self, "website", None)
        found = [(said(WEBSITE), website)] if website else []
        return found + [(said(service_of(url)), url) for url in getattr(self, "links", ())]

    def upcoming_and_past(self, now: datetime) -> tuple[list[Appearance], list[Appearance]]:
        """Its events still to come, soonest first, and those over, latest first."""
        upcoming = [a for a in self.appearances if a.event.is_upcoming(now)]
        past = [a for a in self.appearances if not a.event.is_upcoming(now)]
        past.sort(key=lambda a: (a.event.starts_at, a.event.slug), reverse=True)
        return sorted(upcoming, key=lambda a: (a.event.starts_at, a.event.slug)), past
