"""The registry of content types: every fact about each type of content file, in one place.

A type's entry says where its files are, which keys they may have (its schema, whose
fields carry their own examples for `invoke new`), which class reads them, where its
pages go and with which template, what messages call it, and what `invoke new` writes
into a new one. The reader, the linker, the generator, the scaffold, the key reference
and the settings all derive their tables from CONTENT_TYPES: adding a type is one entry
here, one template and its tests (docs/architecture.md).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from . import model
from .schema import CAMPAIGN, EVENT, NEWS, ORGANIZATION, PAGE, PERSON, SERIES, SESSION, Mapping, placeholder

# The placeholders of a type's files pattern: <slug> (the file or folder the slug comes from)
# and <event-slug> (a session's event folder).
_PLACEHOLDER = re.compile(r"<([a-z-]+)>")
# What follows a file's name: ".md", or ".<lang>.md" for a translation.
TRANSLATION_SUFFIX = r"(?:\.(?P<lang>[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})?))?\.md"


@dataclass(frozen=True)
class SubPage:
    """A page of an item's own beside its page, e.g. an event's long programme:
    /events/<slug>/programme/. Its name is also a slug the item's sessions may not take."""

    name: str  # its folder under the item's URL, and its template's name
    shown: Callable[[model.SiteContent], bool]  # has this item one?

    def url(self, item: model.SiteContent) -> str:
        return f"{item.url}{self.name}/"

    def save_as(self, item: model.SiteContent) -> str:
        return f"{item.url}{self.name}/index.html"


@dataclass(frozen=True)
class ContentType:
    name: str  # how the code names it: Location.content_type, settings' EVENT_URL, the problem log
    files: str  # where its files are in the content folder, e.g. "events/<slug>/index.md"
    schema: Mapping  # its front-matter keys (schema.py)
    noun: str  # what messages call one, e.g. "organisation"
    url: str  # where its pages are, e.g. "events/{slug}/" (news, pages: Pelican's setting says the same)
    save_as: str
    template: str  # the theme's template of its page, without .html
    content_class: type[model.SiteContent] | None = None  # None: Pelican's own generators read it
    collection: str = ""  # the attribute of linking.Site that holds what was read; "": Site.others[name]
    in_subfolders: bool = False  # its files may also be in subfolders of its folder (news, pages)
    new_body: str | None = None  # the text under a new file's front matter; None: `invoke new` makes none
    new_keys: tuple[str, ...] = ()  # optional keys `invoke new` fills in (with their example)
    calendar: Callable[[model.SiteContent], bool] | None = None  # has it a calendar file beside its page?
    page_values: Callable[[model.SiteContent], dict] | None = None  # more names for its template
    subpages: tuple[SubPage, ...] = ()  # its pages beside its own
    # Its image keys and the displays (images.DISPLAYS) its pages show each at: {"image": ("banner",)}
    images: dict[str, tuple[str, ...]] = field(default_factory=dict, hash=False, compare=False)

    @property
    def title(self) -> str:
        """The heading of its section of the key reference (docs/reference.md)."""
        return f"{self.noun[0].upper()}{self.noun[1:]} — `{self.files}`"

    @property
    def by_pelican(self) -> bool:
        """News and pages are Pelican's articles and pages, read and written by its generators."""
        return self.content_class is None

    @property
    def folder(self) -> str:
        """Where an editor puts its files, as messages say it: "campaigns/", "events/<slug>/index.md"."""
        head, _, last = self.files.rpartition("/")
        return f"{head}/" if last == "<slug>.md" else self.files

    @property
    def named_by(self) -> str:
        """What its slug comes from: "folder" (events/<slug>/index.md) or "file"."""
        return "file" if self.files.endswith("/<slug>.md") else "folder"

    def path(self, **names: str) -> str:
        """A file's path in the content folder: path(slug="x", event_slug="y")."""
        return _PLACEHOLDER.sub(lambda match: names[match.group(1).replace("-", "_")], self.files)

    @cached_property
    def _pattern(self) -> re.Pattern:
        def regex(text: str) -> str:
            pieces = re.split(r"(<[a-z-]+>)", text)
            return "".join(
                f"(?P<{piece[1:-1].replace('-', '_')}>[^/]*?)" if piece.startswith("<") else re.escape(piece)
                for piece in pieces
            )

        # A translation: <name>.<lang>.md beside <name>.md (index.fr.md, <slug>.ar.md).
        files = self.files.removesuffix(".md")
        if not self.in_subfolders:
            return re.compile(regex(files) + TRANSLATION_SUFFIX)
        head, _, last = files.rpartition("/")  # news/<slug>.md: news/a/b/<slug>.md too
        return re.compile(f"{regex(head)}/(?:[^/]*/)*{regex(last)}{TRANSLATION_SUFFIX}")

    def match(self, source: str) -> dict[str, str] | None:
        """The names a file's path gives ({"slug": …, "event_slug": …, "lang": …}), or None if
        not one of its files. "lang" is the code of <name>.<lang>.md (a 2–3 letter segment,
        with a region: pt-BR), else None; whether it is a language is the reader's to say."""
        found = self._pattern.fullmatch(source)
        return found.groupdict() if found else None


def _session_values(session: model.Session) -> dict:
    return {"event": session.event}


CONTENT_TYPES: dict[str, ContentType] = {
    t.name: t
    for t in (
        ContentType(
            "event",
            "events/<slug>/index.md",
            EVENT,
            "event",
            url="events/{slug}/",
            save_as="events/{slug}/index.html",
            template="event",
            content_class=model.Event,
            images={"image": ("banner",)},
            collection="events",
            new_body=placeholder(
                "What the event is about, for whom, and why it matters: the first paragraph is its summary."
            ),
            # `date`: the feeds' day of announcement (content_warnings.py warns about an upcoming event without it)
            new_keys=("date",),
            calendar=lambda event: True,
            subpages=(SubPage("programme", lambda event: event.programme_is_long),),
        ),
        ContentType(
            "session",
            "events/<event-slug>/sessions/<slug>.md",
            SESSION,
            "session",
            url="events/{event_slug}/{slug}/",
            save_as="events/{event_slug}/{slug}/index.html",
            template="session",
            content_class=model.Session,
            collection="sessions",
            new_body=placeholder("What happens in this session."),
            calendar=lambda session: session.is_timed,
            page_values=_session_values,
        ),
        ContentType(
            "campaign",
            "campaigns/<slug>.md",
            CAMPAIGN,
            "campaign",
            url="campaigns/{slug}/",
            save_as="campaigns/{slug}/index.html",
            template="campaign",
            content_class=model.Campaign,
            images={"image": ("banner",)},
            collection="campaigns",
            new_body=placeholder("What the campaign wants to change."),
        ),
        ContentType(
            "organization",
            "organizations/<slug>.md",
            ORGANIZATION,
            "organisation",
            url="organizations/{slug}/",
            save_as="organizations/{slug}/index.html",
            template="organization",
            content_class=model.Organization,
            collection="organizations",
            new_body=placeholder("Who the organisation is and what it does."),
            images={"logo": tuple(f"logo-{high}" for high in model.LOGO_HEIGHTS)},  # by sponsor tier
        ),
        ContentType(
            "person",
            "people/<slug>.md",
            PERSON,
            "person",
            url="people/{slug}/",
            save_as="people/{slug}/index.html",
            template="person",
            content_class=model.Person,
            new_body=placeholder("Who the person is and what they do: their biography."),
            images={"photo": ("photo-small", "photo")},  # beside their name; on their page
        ),
        ContentType(
            "series",
            "series/<slug>.md",
            SERIES,
            "series",
            url="series/{slug}/",
            save_as="series/{slug}/index.html",
            template="series",
            content_class=model.Series,
            new_body=placeholder("What the series is: what comes back, for whom, and how often."),
        ),
        ContentType(
            "news",
            "news/<slug>.md",
            NEWS,
            "news",
            url="news/{slug}/",  # pelicanconf.py's ARTICLE_URL (tests/test_registry.py)
            save_as="news/{slug}/index.html",
            template="article",
            collection="news",
            in_subfolders=True,
            new_body=placeholder("The announcement."),
        ),
        ContentType(
            "page",
            "pages/<slug>.md",
            PAGE,
            "page",
            url="{slug}/",  # pelicanconf.py's PAGE_URL
            save_as="{slug}/index.html",
            template="page",
            collection="pages",
            in_subfolders=True,
        ),
    )
}

OUR_TYPES = [t for t in CONTENT_TYPES.values() if not t.by_pelican]  # read and written by our generator
NEW_FILE_TYPES = [t.name for t in CONTENT_TYPES.values() if t.new_body is not None]  # what `invoke new` makes

# What each type's class takes from its entry: Pelican reads the template from the class,
# and its URL settings from the class's name (EVENT_URL: settings.DEFAULTS).
for _type in OUR_TYPES:
    _type.content_class.content_type = _type.name
    _type.content_class.default_template = _type.template


def type_of(item) -> ContentType:
    """The entry of one of our content objects."""
    return CONTENT_TYPES[item.content_type]


def url_settings() -> dict[str, str]:
    """Pelican's settings of our types' URLs (EVENT_URL, EVENT_SAVE_AS…), from the registry."""
    settings = {}
    for content_type in OUR_TYPES:
        prefix = content_type.content_class.__name__.upper()  # what Pelican's Content looks up
        settings[f"{prefix}_URL"] = content_type.url
        settings[f"{prefix}_SAVE_AS"] = content_type.save_as
    return settings
