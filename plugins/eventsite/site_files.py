"""The registry of outputs: every file the site writes, declared once.

SITE_FILES are the site's own files (home, lists, 404, calendar, feeds, sitemap, robots.txt,
_headers); every content item adds its page and, for the types that have one, a calendar
file beside it (ITEM_CALENDAR), and the resized variants of its images (image_files); the events
list has a filtered page for each kind, year, place and campaign of its events (EVENT_FILTERS).
What the generator writes (generators.output_paths), the
sitemap's sections, the slugs a page may not take (linking.py), the addresses a link may
lead to (content_warnings.py), the files a published site must have (site_checks.py) and
the addresses the templates link to (`site_urls`, `site_nav`) are derived from here.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .assets import ASSET_FOLDER
from .content_types import CONTENT_TYPES, OUR_TYPES, type_of
from .i18n import N_
from .search import INDEX_FOLDER

if TYPE_CHECKING:
    from .linking import Site


@dataclass(frozen=True)
class SiteFile:
    name: str  # how the code and the templates name it: site_urls.feed_all
    save_as: str  # relative to the output folder
    url: str  # relative to the site's address, as links give it
    template: str | None = None  # a page rendered from the theme's template; else its bytes are made
    by_pelican: bool = False  # written by Pelican's own generators (the news list)
    in_sitemap: bool = False  # one of the sitemap's sections
    nav: str | None = None  # its label in the main navigation (N_: extracted; base.html says it translated)
    required: bool = False  # a published site without it is broken (invoke check --site)
    served: bool = True  # False: a file for the host (its settings), not one visitors can fetch
    per_language: bool = True  # False: one file at the root for every language (the sitemap)


SITE_FILES: dict[str, SiteFile] = {
    f.name: f
    for f in (
        SiteFile("home", "index.html", "", template="home", in_sitemap=True, required=True),
        SiteFile("events", "events/index.html", "events/", template="events", in_sitemap=True, nav=N_("Events")),
        SiteFile(
            "campaigns",
            "campaigns/index.html",
            "campaigns/",
            template="campaigns",
            in_sitemap=True,
            nav=N_("Campaigns"),
        ),
        SiteFile(
            "organizations",
            "organizations/index.html",
            "organizations/",
            template="organizations",
            in_sitemap=True,
            nav=N_("Organisations"),
        ),
        # Not in the navigation: reached from the people's pages, and from the sessions they speak at
        SiteFile("people", "people/index.html", "people/", template="people", in_sitemap=True),
        # pelicanconf.py's NEWS_SAVE_AS and NEWS_URL; later pages of it: news/page/<n>/ (PAGINATION_PATTERNS)
        SiteFile("news", "news/index.html", "news/", by_pelican=True, in_sitemap=True, nav=N_("News")),
        # The search (search.py, search.js): not in the navigation, the header's search form leads there
        SiteFile("search", "search/index.html", "search/", template="search"),
        SiteFile("404", "404.html", "404.html", template="404", required=True),
        SiteFile("calendar", "calendar.ics", "calendar.ics", required=True),
        SiteFile("feed_all", "feeds/all.atom.xml", "feeds/all.atom.xml"),
        SiteFile("feed_events", "feeds/events.atom.xml", "feeds/events.atom.xml"),
        SiteFile("sitemap", "sitemap.xml", "sitemap.xml", required=True, per_language=False),
        SiteFile("robots", "robots.txt", "robots.txt", required=True, per_language=False),
        SiteFile("headers", "_headers", "_headers", required=True, served=False, per_language=False),
    )
}

ITEM_CALENDAR = "calendar.ics"  # an item's calendar file, beside its page: /events/<slug>/calendar.ics

# For the templates: site_urls.events is "events/"; site_nav: (address without its "/", label).
SITE_URLS = {f.name: f.url for f in SITE_FILES.values()}
SITE_NAV = [(f.url.rstrip("/"), f.nav) for f in SITE_FILES.values() if f.nav]
SITEMAP_SECTIONS = [f.url for f in SITE_FILES.values() if f.in_sitemap]
REQUIRED_FILES = [f.save_as for f in SITE_FILES.values() if f.required]


def _top_folder(path: str) -> str | None:
    head = path.split("/")[0]
    return head if "/" in path and "{" not in head else None


# The first part of every address the site has: a page's slug must not take one (nor the code of
# one of the site's other languages, /fr/: languages.check_page_slugs).
RESERVED_FOLDERS = frozenset(
    {_top_folder(f.save_as) for f in SITE_FILES.values()}
    | {_top_folder(t.save_as) for t in CONTENT_TYPES.values()}
    | {ASSET_FOLDER, INDEX_FOLDER}
) - {None}


def other_languages(site: Site) -> list[str]:
    """The languages of `site` but the default (linking.Site.languages, set by the generator)."""
    return list(getattr(site, "languages", None) or [])[1:]


def language_files(lang: str) -> list[tuple[SiteFile, str, str]]:
    """(site file, save_as, url) of the site's own files in another language: /fr/events/…"""
    return [(f, f"{lang}/{f.save_as}", f"{lang}/{f.url}") for f in SITE_FILES.values() if f.per_language]


def item_calendar_url(item) -> str:
    return f"{item.url}{ITEM_CALENDAR}"


def has_calendar(item) -> bool:
    calendar = type_of(item).calendar
    return calendar is not None and calendar(item)


def subpages(item) -> Iterator[tuple[str, str, str]]:
    """(save_as, url, template) of each page an item has beside its own (an event's programme);
    none for Pelican's news and pages."""
    content_type = CONTENT_TYPES.get(getattr(item, "content_type", ""))
    for subpage in content_type.subpages if content_type else ():
        if subpage.shown(item):
            yield subpage.save_as(item), subpage.url(item), subpage.name


def subpage_url(item, name: str) -> str:
    """For the templates: subpage_url(event, "programme") is "events/<slug>/programme/"."""
    return next(s for s in type_of(item).subpages if s.name == name).url(item)


def item_files(site: Site) -> Iterator[tuple[str, str]]:
    """(save_as, url) of every page and calendar file our content types write, in every
    language (each item has its page in each: translated, or falling back to the original)."""
    prefixes = ["", *(f"{lang}/" for lang in other_languages(site))]
    for content_type in OUR_TYPES:
        for item in site.items(content_type.name):
            if item.is_written:
                for prefix in prefixes:
                    yield prefix + item.save_as, prefix + item.url
                    for save_as, url, _ in subpages(item):
                        yield prefix + save_as, prefix + url
                    if has_calendar(item):
                        yield prefix + item_calendar_url(item), prefix + item_calendar_url(item)


def image_files(site: Site) -> Iterator[tuple[str, str]]:
    """(save_as, url) of every resized image (images.py): the variants of written items' images."""
    for content_type in OUR_TYPES:
        if not content_type.images:
            continue
        for item in site.items(content_type.name):
            if item.is_written:
                for image in getattr(item, "image_sets", {}).values():
                    for variant in image.variants:
                        yield variant.save_as, variant.save_as


def written_by_pelican(site: Site) -> Iterator[tuple[str, str]]:
    """(save_as, url) of every page Pelican's own generators write for news and pages."""
    for content_type in CONTENT_TYPES.values():
        if content_type.by_pelican:
            for item in site.items(content_type.name):
                if item.status in ("published", "hidden"):
                    yield item.save_as, item.url


def pelican_items_in_languages(site: Site) -> Iterator[tuple[str, str]]:
    """(save_as, url) of the news and pages in the other languages: written by our generator,
    with the language's lists (Pelican writes the default language's only)."""
    for lang in other_languages(site):
        for save_as, url in written_by_pelican(site):
            yield f"{lang}/{save_as}", f"{lang}/{url}"


def listed_items(site: Site) -> Iterator:
    """Every item that lists, feeds and the sitemap show: published (and, for a session, its
    event too); Pelican's news and pages: published."""
    for content_type in CONTENT_TYPES.values():
        for item in site.items(content_type.name):
            if item.status == "published" if content_type.by_pelican else item.is_listed:
                yield item


def all_output_paths(site: Site) -> set[str]:
    """Every file a build of `site` writes but the theme's assets and the attachments: ours,
    and the news and pages that Pelican's generators write (a news list of one page)."""
    paths = {f.save_as for f in SITE_FILES.values()} | {save_as for save_as, _ in image_files(site)}
    paths |= {save_as for lang in other_languages(site) for _, save_as, _ in language_files(lang)}
    paths |= {save_as for save_as, _ in pelican_items_in_languages(site)}
    paths |= {save_as for save_as, _ in event_filter_files(site)}
    return paths | {save_as for save_as, _ in item_files(site)} | {save_as for save_as, _ in written_by_pelican(site)}


# --- the events list, filtered --------------------------------------------------------------
# /events/kind/workshop/, /events/year/2026/, /events/place/helsinki-finland/ (or online),
# /events/campaign/<slug>/: one page per value that a listed event has, written in every
# language and in the sitemap (landing pages: indexable). One filter at a time.


@dataclass(frozen=True)
class EventFilter:
    name: str  # its folder under events/, and the cards' data- attribute
    label: str  # N_: the filter bar's name for it, said translated by events.html


EVENT_FILTERS = (
    EventFilter("kind", N_("Kind")),
    EventFilter("year", N_("Year")),
    EventFilter("place", N_("Place")),
    EventFilter("campaign", N_("Campaign")),
)
EVENT_FILTER_SAVE_AS = "events/{filter}/{value}/index.html"
EVENT_FILTER_URL = "events/{filter}/{value}/"
ONLINE = "online"  # the place of an event that takes place online (besides its venue's, if it has one)
# The filtered pages' titles for each kind, in the order of schema.EVENT_KINDS
KIND_TITLES = {
    "conference": N_("Conferences"),
    "meeting": N_("Meetings"),
    "workshop": N_("Workshops"),
    "webinar": N_("Webinars"),
    "other": N_("Other events"),
}


def value_slug(text: str) -> str:
    """A filter's value as the last part of its address: ASCII letters, digits and hyphens;
    a name with none of those (القاهرة) is named by a digest of it."""
    ascii_text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:60].strip("-")
    return slug or "x" + hashlib.sha256(str(text).encode("utf-8")).hexdigest()[:8]


def event_filter_values(event) -> dict[str, list[str]]:
    """{filter: [its values' slugs]} of an event: its kind, its year, its places, its campaigns."""
    venue = getattr(event, "venue", None)
    places = [value_slug(f"{venue.city}-{venue.country}")] if venue else []
    if event.is_online:
        places.append(ONLINE)
    campaigns = [c for c in getattr(event, "campaigns", None) or [] if c.is_listed]
    return {
        "kind": [event.kind] if getattr(event, "kind", None) in KIND_TITLES else [],
        "year": [str(event.span.first_day.year)],
        "place": places,
        "campaign": [value_slug(c.slug) for c in campaigns],
    }


@dataclass(frozen=True)
class FilterPage:
    filter: str  # kind, year, place, campaign
    value: str  # its slug
    events: frozenset[str]  # the slugs of the events it lists

    @property
    def url(self) -> str:
        return EVENT_FILTER_URL.format(filter=self.filter, value=self.value)

    @property
    def save_as(self) -> str:
        return EVENT_FILTER_SAVE_AS.format(filter=self.filter, value=self.value)


def event_filter_pages(site: Site) -> list[FilterPage]:
    """Each filtered page of the events list, for the values the listed events have: the kinds
    in schema order, the years latest first, the places and campaigns by their slugs."""
    found: dict[tuple[str, str], set[str]] = {}
    for event in site.listed_events():
        for name, values in event_filter_values(event).items():
            for value in values:
                found.setdefault((name, value), set()).add(event.slug)
    order = {f.name: i for i, f in enumerate(EVENT_FILTERS)}
    kinds = list(KIND_TITLES)

    def key(item):
        (name, value), _ = item
        if name == "kind":
            return (order[name], kinds.index(value), "")
        if name == "year":
            return (order[name], -int(value), "")
        return (order[name], value == ONLINE, value)

    return [FilterPage(name, value, frozenset(slugs)) for (name, value), slugs in sorted(found.items(), key=key)]


def event_filter_files(site: Site) -> Iterator[tuple[str, str]]:
    """(save_as, url) of the filtered pages of the events list, in every language."""
    pages = event_filter_pages(site)
    for prefix in ["", *(f"{lang}/" for lang in other_languages(site))]:
        for page in pages:
            yield prefix + page.save_as, prefix + page.url
