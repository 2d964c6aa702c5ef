"""The Pelican generator for events, sessions, campaigns and organisations.

generate_context() reads and links everything (Pelican runs it for every generator
before any writes); generate_output() writes every page, calendar, feed and
machine file of the content contract that Pelican's own generators do not.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import sys
from collections.abc import Callable
from datetime import datetime
from functools import cache, partial
from itertools import groupby

from pelican.contents import SkipStub
from pelican.generators import Generator

from .assets import copy_assets, fingerprinted_assets
from .calendar import CalendarEntry, calendar_file, event_entry, session_entry
from .clock import BadSourceDateEpoch, build_moment
from .content_warnings import warn_about
from .deferred import DeferringWriter
from .feeds import FeedEntry, atom_feed
from .hosting import headers_file
from .linking import Linker, Site, add_session, add_unique
from .markup import summary_as_text
from .model import CONTENT_CLASSES, Event
from .parallel import run_in_workers, worker_count
from .problems import ContentErrors, problem_log
from .reader import locate, misplaced_file_fix
from .security import active_content
from .sitemap import SitemapEntry, robots_txt, sitemap_xml
from .urls import absolute_site_url

SITE_KEY = "eventsite_generator"


class EventSiteGenerator(Generator):
    def generate_context(self) -> None:
        self.log = problem_log(self.settings)
        try:
            self.now: datetime = build_moment()
        except BadSourceDateEpoch as error:
            print(error, file=sys.stderr)
            raise ContentErrors([str(error)]) from None
        self.site = self._read()
        Linker(self.site, self.log, self.path).link()
        warn_about(self.site, self.log, self.path, self.now)
        self._share_with_templates()
        self.context[SITE_KEY] = self  # for place_attachments, which runs after Pelican's static reader

    # --- reading ---------------------------------------------------------------------

    def _read(self) -> Site:
        site = Site()
        for source in sorted(self.get_files([""], extensions=["md"])):
            source = source.replace(os.sep, "/")
            location = locate(source)
            if location is None:
                self.log.add(
                    source,
                    "file",
                    "this Markdown file is not in a place the site reads",
                    misplaced_file_fix(source),
                )
                continue
            content_class = CONTENT_CLASSES.get(location.content_type)
            if content_class is None:  # news and pages: Pelican's own generators read them
                continue
            item = self.readers.read_file(
                base_path=self.path, path=source, content_class=content_class, context=self.context
            )
            if isinstance(item, SkipStub):
                continue
            self.add_source_path(item)
            if location.content_type == "session":
                add_session(site, item, self.log)
            else:
                table = {"event": site.events, "campaign": site.campaigns, "organization": site.organizations}
                if add_unique(table[location.content_type], item, self.log) and location.content_type == "event":
                    site.event_folders[location.name] = item
        context = self.context
        site.news = [
            *context.get("articles", []),
            *context.get("hidden_articles", []),
            *context.get("drafts", []),
        ]
        site.pages = [
            *context.get("pages", []),
            *context.get("hidden_pages", []),
            *context.get("draft_pages", []),
        ]
        return site

    def _share_with_templates(self) -> None:
        events = self.site.listed_events()
        upcoming = [e for e in events if e.is_upcoming(self.now)]
        past = sorted(
            (e for e in events if not e.is_upcoming(self.now)),
            key=lambda e: (e.starts_at, e.slug),
            reverse=True,
        )
        # Pelican's news list is ordered by date only; ties would follow file-system order.
        self.context["articles"].sort(key=lambda a: (a.date, a.slug), reverse=True)
        self.context.update(
            now=self.now,
            events=events,
            upcoming_events=upcoming,
            past_events=past,
            past_events_by_year=[
                (year, list(group)) for year, group in groupby(past, key=lambda e: e.span.first_day.year)
            ],
            campaigns=sorted((c for c in self.site.campaigns.values() if c.is_listed), key=lambda c: c.title.lower()),
            organizations=sorted(
                (o for o in self.site.organizations.values() if o.is_listed), key=lambda o: o.title.lower()
            ),
        )

    # --- writing ---------------------------------------------------------------------

    def generate_output(self, writer) -> None:
        # Every file is a job: written by the build's workers, or, for a writer that
        # defers jobs (the preview's), when a browser asks for it (see deferred.py).
        jobs: list[tuple[str, Callable[[], None]]] = []
        if isinstance(writer, DeferringWriter):
            self._defer, rendering = writer.defer, writer.renderer
        else:  # grouped by event folder: an event's page, sessions and calendars share their entries
            self._defer, rendering = (lambda save_as, job: jobs.append((_group_of(save_as), job))), writer

        def page(save_as: str, template: str, url: str, **values) -> None:
            render = partial(
                rendering.write_file,
                save_as,
                self.get_template(template),
                self.context,
                relative_urls=self.settings["RELATIVE_URLS"],
                template_name=template,
                page_url=url,  # Pelican's writer keeps `url` for pagination only
                **values,
            )
            self._defer(save_as, render)

        page("index.html", "home", "")
        page("events/index.html", "events", "events/")
        page("campaigns/index.html", "campaigns", "campaigns/")
        page("organizations/index.html", "organizations", "organizations/")
        page("404.html", "404", "404.html")
        for event in self._written(self.site.events.values()):
            page(event.save_as, event.template, event.url, event=event, item=event)
        for session in self._written(self.site.sessions):
            page(session.save_as, session.template, session.url, session=session, event=session.event, item=session)
        for campaign in self._written(self.site.campaigns.values()):
            page(campaign.save_as, campaign.template, campaign.url, campaign=campaign, item=campaign)
        for organization in self._written(self.site.organizations.values()):
            page(
                organization.save_as,
                organization.template,
                organization.url,
                organization=organization,
                item=organization,
            )
        self._write_calendars()
        self._write_feeds()
        self._write_machine_files()
        workers = worker_count(self.settings)
        if jobs and workers > 1:
            self._compile_templates()
        run_in_workers(jobs, workers)
        copy_assets(self.theme, self.output_path, fingerprinted_assets(self.theme))

    def _compile_templates(self) -> None:
        """Compile what pages extend and include before the workers fork, so that each
        does not compile it again (a page's own template is compiled by page())."""
        shared = self.env.list_templates(filter_func=lambda name: name == "base.html" or name.startswith("partials/"))
        for name in shared:
            self.env.get_template(name)

    def output_paths(self) -> set[str]:
        """Every file this generator writes, relative to the output folder."""
        fixed = [
            "index.html",
            "events/index.html",
            "campaigns/index.html",
            "organizations/index.html",
            "404.html",
        ]
        fixed += [
            "calendar.ics",
            "feeds/all.atom.xml",
            "feeds/events.atom.xml",
            "sitemap.xml",
            "robots.txt",
            "_headers",
        ]
        items = [*self.site.events.values(), *self.site.sessions, *self.site.campaigns.values()]
        items += self.site.organizations.values()
        written = [i for i in items if i.is_written]
        pages = [i.save_as for i in written]
        calendars = [i.calendar_url for i in written if isinstance(i, Event) or getattr(i, "is_timed", False)]
        return {*fixed, *pages, *calendars}

    def place_attachments(self, static_generator) -> None:
        """Attachments of an event follow its page: none for a draft, and its slug's folder.
        None that a web server would run or serve as active content (security.py)."""
        by_folder = self.site.event_folders
        ours = self.output_paths()
        kept = []
        for static in static_generator.staticfiles:
            source = static.get_relative_source_path()
            refused = active_content(source, static.source_path)
            if refused is not None:
                self.log.add(source, "file", *refused)
                continue
            parts = source.split("/")
            event = by_folder.get(parts[1]) if parts[0] == "events" and len(parts) > 2 else None
            if event is not None and not event.is_written:
                continue
            if event is not None and event.slug != parts[1]:
                moved = "/".join(["events", event.slug, *parts[2:]])
                static.override_save_as = static.override_url = moved
            if static.save_as in ours:
                self.log.add(
                    source,
                    "file",
                    f"this attachment would replace the page the site writes at /{static.save_as}",
                    "give the file another name",
                )
            kept.append(static)
        static_generator.staticfiles = kept
        static_generator.context["staticfiles"] = kept  # what Pelican copies

    @staticmethod
    def _written(items):
        return sorted((i for i in items if i.is_written), key=lambda i: i.save_as)

    def _write_bytes(self, save_as: str, produce: Callable[[], bytes]) -> None:
        """A file to write: its job runs with the others (see generate_output)."""

        def write() -> None:
            path = os.path.join(self.output_path, save_as)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            replace_file(path, produce())

        self._defer(save_as, write)

    def _write_calendars(self) -> None:
        url, domain, now = absolute_site_url(self.settings), self.settings["SITE_DOMAIN"], self.now

        @cache
        def entry(item) -> CalendarEntry:
            return (event_entry if isinstance(item, Event) else session_entry)(item, url, domain, now)

        def event_calendar(event: Event) -> bytes:
            return calendar_file(event.title, [entry(event), *(entry(s) for s in event.sessions if s.is_timed)])

        for event in self._written(self.site.events.values()):
            self._write_bytes(event.calendar_url, partial(event_calendar, event))
        for session in self._written(self.site.sessions):
            if session.is_timed:
                self._write_bytes(session.calendar_url, lambda s=session: calendar_file(s.title, [entry(s)]))
        name = self.settings["SITENAME"]
        self._write_bytes("calendar.ics", lambda: calendar_file(name, [entry(e) for e in self.context["events"]]))

    def _write_feeds(self) -> None:
        url, name = absolute_site_url(self.settings), self.settings["SITENAME"]

        def entries(with_news: bool) -> list[FeedEntry]:
            events = [self._event_entry(e, url) for e in self.context["events"]]
            if not with_news:
                return events
            news = [
                FeedEntry(
                    a.title,
                    f"{url}/{a.url}",
                    a.date,
                    _last_change(a.date, getattr(a, "modified", None)),
                    summary_as_text(a.summary),
                    a.get_content(url),
                )
                for a in self.context["articles"]
            ]
            return [*news, *events]

        for save_as, title, with_news in (
            ("feeds/all.atom.xml", name, True),
            ("feeds/events.atom.xml", f"{name}: events", False),
        ):
            feed_url = f"{url}/{save_as}"
            self._write_bytes(
                save_as,
                lambda t=title, f=feed_url, w=with_news: atom_feed(t, url, f, name, entries(w), self.now).encode(
                    "utf-8"
                ),
            )

    @staticmethod
    def _event_entry(event: Event, url: str) -> FeedEntry:
        # Published when it was announced (`date`); last changed at `modified` (a
        # cancellation, new dates). Without either the site knows neither: no published
        # date, and "changed" when it starts (atom_feed never dates anything after now).
        published = getattr(event, "date", None)
        updated = _last_change(published, getattr(event, "modified", None)) or event.starts_at
        return FeedEntry(
            event.title,
            f"{url}/{event.url}",
            published,
            updated,
            event.summary_text,
            event.get_content(url),
        )

    def _write_machine_files(self) -> None:
        url = absolute_site_url(self.settings)

        def sitemap() -> bytes:
            listed = [
                *self.context["events"],
                *(s for e in self.context["events"] for s in e.sessions),
                *self.context["campaigns"],
                *self.context["organizations"],
                *self.context["articles"],
                *self.context.get("pages", []),
            ]
            sections = ("", "events/", "campaigns/", "organizations/", "news/")
            entries = [SitemapEntry(f"{url}/{path}", None) for path in sections]
            entries += [
                SitemapEntry(f"{url}/{item.url}", getattr(item, "modified", None) or getattr(item, "date", None))
                for item in listed
            ]
            return sitemap_xml(entries)

        self._write_bytes("sitemap.xml", sitemap)
        self._write_bytes("robots.txt", lambda: robots_txt(url).encode("utf-8"))
        self._write_bytes("_headers", lambda: headers_file().encode("utf-8"))


def replace_file(path: str, data: bytes) -> None:
    """Write a file whole or not at all: into a new file beside it, then renamed over it,
    so that a write that fails midway leaves the file as it was, never empty or cut short."""
    folder, name = os.path.split(path)
    temporary = os.path.join(folder, f".{name}.{secrets.token_hex(4)}.tmp")
    try:
        # O_EXCL: never through a file or link already there; 0o666: the umask's modes, as open() gives
        with os.fdopen(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666), "wb") as handle:
            handle.write(data)
        os.replace(temporary, path)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(error, OSError) and error.filename == temporary:  # say the file the build writes
            raise OSError(error.errno, error.strerror, path) from None
        raise


def _last_change(*moments: datetime | None) -> datetime | None:
    """The latest of the moments given (`date`, `modified`), or None."""
    return max((m for m in moments if m is not None), default=None)


def _group_of(save_as: str) -> str:
    parts = save_as.split("/")
    return parts[1] if parts[0] == "events" and len(parts) > 2 else save_as
