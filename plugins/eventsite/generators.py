"""The Pelican generator for events, sessions, campaigns and organisations.

generate_context() reads and links everything (Pelican runs it for every generator
before any writes); generate_output() writes every page, calendar, feed and
machine file of the content contract that Pelican's own generators do not.
"""

from __future__ import annotations

import contextlib
import os
import posixpath
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import cache, partial
from itertools import groupby

from jinja2 import TemplateNotFound, pass_context
from pelican.contents import SkipStub
from pelican.generators import Generator

from .assets import copy_assets, fingerprinted_assets
from .calendar import CalendarEntry, calendar_file, event_entry, session_entry, webcal_url
from .clock import build_moment
from .content_types import CONTENT_TYPES, OUR_TYPES
from .content_warnings import warn_about
from .deferred import DeferringWriter
from .feeds import FeedEntry, atom_feed
from .hosting import headers_file
from .i18n import language_env, speaking, spoken, t, words_lang
from .images import ImageProblem, image_set, probe, variants_bytes
from .languages import (
    X_DEFAULT,
    alternates,
    check_page_slugs,
    forget,
    in_view,
    language_list,
    language_view,
    mark_default,
    page_alternates,
    prefix_of,
    snapshot,
    text_direction,
)
from .languages import site_nav as language_nav
from .languages import site_urls as language_urls
from .linking import Linker, Site, add_session, add_unique, translation_key
from .markup import summary_as_text
from .model import Event
from .parallel import map_in_workers, run_in_workers, worker_count
from .problems import problem_log
from .reader import locate, misplaced_file_fix, source_of
from .security import active_content
from .settings import site_languages
from .site_files import (
    EVENT_FILTERS,
    KIND_TITLES,
    ONLINE,
    SITE_FILES,
    SITEMAP_SECTIONS,
    FilterPage,
    event_filter_files,
    event_filter_pages,
    event_filter_values,
    has_calendar,
    image_files,
    item_calendar_url,
    item_files,
    language_files,
    listed_items,
    pelican_items_in_languages,
    subpages,
    value_slug,
)
from .sitemap import SitemapEntry, robots_txt, sitemap_xml
from .urls import absolute_site_url

SITE_KEY = "eventsite_generator"
# Where events are: their folders in the content (attachments beside them), and their pages.
_EVENTS_FOLDER = CONTENT_TYPES["event"].files.split("/")[0]
_EVENTS_URL_FOLDER = CONTENT_TYPES["event"].save_as.split("/")[0]


class EventSiteGenerator(Generator):
    def generate_context(self) -> None:
        self.log = problem_log(self.settings)
        self.now: datetime = build_moment()  # a bad SOURCE_DATE_EPOCH stopped the build in configure
        self.site = self._read()
        self.languages = site_languages(self.settings)
        self.site.languages = self.languages
        # What the other languages' views are made of: the items as read, before linking (languages.py)
        self._pristine = snapshot(self.site) if len(self.languages) > 1 else None
        Linker(self.site, self.log, self.path).link()
        check_page_slugs(self.site, self.log)
        if self._pristine is not None:
            mark_default(self.site, self.languages[0])
        self._read_images()
        warn_about(self.site, self.log, self.path, self.now)
        self._share_with_templates()
        self._envs: dict = {}
        for lang in self.languages[1:]:  # each language's templates: its catalog's problems are the build's
            self._language_env(lang)
        self.context[SITE_KEY] = self  # for place_attachments, which runs after Pelican's static reader

    # --- reading ---------------------------------------------------------------------

    def _read(self) -> Site:
        site = Site()
        for source in sorted(self.get_files([""], extensions=["md"])):
            source = source.replace(os.sep, "/")
            location = locate(source, site_languages(self.settings))
            if location is None:
                self.log.add(
                    source,
                    "file",
                    "this Markdown file is not in a place the site reads",
                    misplaced_file_fix(source),
                )
                continue
            content_type = CONTENT_TYPES[location.content_type]
            if content_type.by_pelican:  # news and pages: Pelican's own generators read them
                continue
            item = self.readers.read_file(
                base_path=self.path, path=source, content_class=content_type.content_class, context=self.context
            )
            if isinstance(item, SkipStub):
                continue
            self.add_source_path(item)
            if location.lang is not None:  # a translation: beside the tables, which stay the default language's
                site.translations.setdefault(translation_key(item), {})[location.lang] = item
            elif location.event_name is not None:  # a session: its slug is unique in its event's folder only
                add_session(site, item, self.log)
            elif add_unique(site.table(content_type.name), item, self.log) and content_type.name == "event":
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
        for item in [*site.news, *site.pages]:  # Pelican put their translations beside them
            for translated in getattr(item, "translations", ()):
                if translated.lang in site_languages(self.settings)[1:]:
                    site.translations.setdefault((locate(source_of(item)).content_type, item.slug), {})[
                        translated.lang
                    ] = translated
        return site

    def _read_images(self) -> None:
        """Open each image of a written item once (images.py), in the build's workers: its
        size for the pages, and a broken file (not an image, cut short, too big) is one line."""
        wanted = []  # (item, key, displays, its source in the content folder)
        for content_type in OUR_TYPES:
            for item in self.site.items(content_type.name):
                item.image_sets = {}
                for key, displays in content_type.images.items():
                    name = getattr(item, key, None)
                    source = posixpath.join(item.relative_dir, name) if name else None
                    if source and item.is_written and os.path.isfile(os.path.join(self.path, source)):
                        wanted.append((item, key, displays, source))
        paths = sorted({os.path.join(self.path, source) for *_, source in wanted})
        found = map_in_workers(
            partial(probe, cache_path=self.settings.get("CACHE_PATH")),
            paths,
            worker_count(self.settings),
            chunksize=4,
        )
        probed = dict(zip(paths, found, strict=True))
        for item, key, displays, source in wanted:
            path = os.path.join(self.path, source)
            result = probed[path]
            if isinstance(result, ImageProblem):
                self.log.add(source_of(item), key, f"{source} {result.what}", result.fix)
                continue
            url, alt = getattr(item, f"{key}_url"), getattr(item, f"{key}_alt", None)
            item.image_sets[key] = image_set(source, path, url, alt, result, displays)

    def _share_with_templates(self) -> None:
        # Pelican's news list is ordered by date only; ties would follow file-system order.
        self.context["articles"].sort(key=lambda a: (a.date, a.slug), reverse=True)
        # The events list's filtered pages: the default language's events say which there are
        # (a city's name may be translated; its page's address is the same in every language)
        self._filter_pages = event_filter_pages(self.site)
        self.context.update(self._lists(self.site))
        self.context.update(self._language_values(self.languages[0]))

    def _language_values(self, lang: str) -> dict:
        """What the templates know of the language of the page (issue 16; one language: "en")."""
        site, languages = self.site, self.languages
        url = absolute_site_url(self.settings)

        @pass_context
        def current_alternates(context) -> dict[str, str]:
            """{lang: URL} of this page in each language it has its words in, and x-default;
            none for a page whose words fall back to another language's."""
            item = context.get("item") or context.get("article") or context.get("page")
            if getattr(item, "url", None) is not None and hasattr(item, "lang"):
                return {} if getattr(item, "is_fallback", False) else alternates(item, site, languages)
            path = context.get("output_file") or ""
            path = path[: -len("index.html")] if path.endswith("index.html") else path
            prefix = prefix_of(context.get("LANG", languages[0]), languages[0])
            return page_alternates(path[len(prefix) :] if path.startswith(prefix) else path, languages)

        urls = language_urls(lang, languages[0])
        return {
            "LANG": lang,
            "TEXT_DIR": text_direction(lang),
            "languages": language_list(languages),
            "alternates": current_alternates,
            "site_urls": urls,
            "site_nav": language_nav(lang, languages[0]),
            "site_calendar_subscription": webcal_url(f"{url}/{urls['calendar']}"),
        }

    def _lists(self, site: Site, articles: list | None = None, pages: list | None = None) -> dict:
        """The lists the templates show (events by time, campaigns, organisations, people)."""
        events = site.listed_events()
        upcoming = [e for e in events if e.is_upcoming(self.now)]
        past = sorted(
            (e for e in events if not e.is_upcoming(self.now)),
            key=lambda e: (e.starts_at, e.slug),
            reverse=True,
        )
        more = {} if articles is None else {"articles": articles, "dates": sorted(articles, key=lambda a: a.date)}
        if pages is not None:
            more["pages"] = pages
        return dict(
            **more,
            now=self.now,
            events=events,
            upcoming_events=upcoming,
            past_events=past,
            past_events_by_year=[
                (year, list(group)) for year, group in groupby(past, key=lambda e: e.span.first_day.year)
            ],
            campaigns=sorted((c for c in site.campaigns.values() if c.is_listed), key=lambda c: c.title.lower()),
            organizations=sorted(
                (o for o in site.organizations.values() if o.is_listed), key=lambda o: o.title.lower()
            ),
            people=sorted(
                (p for p in site.table("person").values() if p.is_listed), key=lambda p: (p.title.lower(), p.slug)
            ),
            event_filters=self._filter_bar(site),
            event_filter_values=event_filter_values,
        )

    def _filter_bar(self, site: Site) -> list[tuple[object, list[FilterLink]]]:
        """The events list's filters (EVENT_FILTERS), each with its links to its filtered pages."""
        links: dict[str, list[FilterLink]] = {f.name: [] for f in EVENT_FILTERS}
        for filter_page in self._filter_pages:
            links[filter_page.filter].append(_filter_link(site, filter_page))
        return [(f, links[f.name]) for f in EVENT_FILTERS if links[f.name]]

    # --- writing ---------------------------------------------------------------------

    def generate_output(self, writer) -> None:
        # Every file is a job: written by the build's workers, or, for a writer that
        # defers jobs (the preview's), when a browser asks for it (see deferred.py).
        deferring = isinstance(writer, DeferringWriter)
        self._jobs: list[tuple[str, Callable[[], None]]] = []
        if deferring:
            self._defer, self._rendering = writer.defer, writer.renderer
        else:  # grouped by event folder: an event's page, sessions and calendars share their entries
            self._defer, self._rendering = (lambda save_as, job: self._jobs.append((_group_of(save_as), job))), writer
        self._write_language(self.site, self.context, self.languages[0])
        self._write_images(deferred=deferring)
        workers = worker_count(self.settings)
        if workers > 1 and (self._jobs or len(self.languages) > 1):
            self._compile_templates()
        run_in_workers(self._jobs, workers)
        # Then each other language, one after another: its view, its files, and the view is dropped.
        # The preview makes a language's view only when a browser first asks for one of its pages.
        for lang in self.languages[1:]:
            if deferring:
                self._defer_language(lang)
                continue
            self._jobs = []
            view, context = self._view(lang)
            self._write_language(view, context, lang)
            if workers > 1 and self._jobs:
                self._compile_templates(self._language_env(lang))
            run_in_workers(self._jobs, workers)
            self._jobs = []
            forget(view)  # the view goes with its jobs: at most two sites in memory (issue 19)
            del view, context
        self._jobs = []
        copy_assets(self.theme, self.output_path, fingerprinted_assets(self.theme))

    def _view(self, lang: str) -> tuple[Site, dict]:
        """The site in another language (languages.py), and its templates' context."""
        view = language_view(self._pristine, self.site, lang, self.path)
        articles = [in_view(view, a) for a in self.context["articles"]]
        pages = [in_view(view, p) for p in self.context.get("pages", [])]
        return view, {**self.context, **self._lists(view, articles, pages), **self._language_values(lang)}

    def _defer_language(self, lang: str) -> None:
        """For the preview: every file of a language, each a job that makes the language's view
        the first time one is run (once per read of the site), then writes its file."""
        defer = self._defer

        @cache
        def jobs() -> dict[str, Callable[[], None]]:
            found: dict[str, Callable[[], None]] = {}
            self._defer = lambda save_as, job: found.__setitem__(os.path.normpath(save_as), job)
            try:
                view, context = self._view(lang)
                self._write_language(view, context, lang)
            finally:
                self._defer = defer
            return found

        def write(save_as: str) -> None:
            job = jobs().get(save_as)
            if job is None:
                raise LookupError(f"the {lang} site has no {save_as}")
            job()

        prefix = f"{lang}/"
        paths = {save_as for _, save_as, _ in language_files(lang)}
        paths |= {
            s
            for s, _ in [*item_files(self.site), *pelican_items_in_languages(self.site), *event_filter_files(self.site)]
            if s.startswith(prefix)
        }
        for save_as in sorted(paths):
            defer(save_as, partial(write, os.path.normpath(save_as)))

    def _template(self, lang: str, name: str):
        """A template of the theme, from the language's templates (_language_env)."""
        if lang == self.languages[0]:
            return self.get_template(name)
        env = self._language_env(lang)
        for extension in self.settings["TEMPLATE_EXTENSIONS"]:
            with contextlib.suppress(TemplateNotFound):
                return env.get_template(name + extension)
        return self.get_template(name)  # says which template is missing, and where it looked

    def _language_env(self, lang: str):
        """The Jinja environment of another language's pages (i18n.language_env): its catalog and
        its dates, made once per language and build (generate_context: a problem in a catalog is
        the build's, reported before anything is written)."""
        if lang not in self._envs:
            self._envs[lang] = language_env(self.env, lang, self.settings, self.log)
        return self._envs[lang]

    def _write_language(self, site: Site, context: dict, lang: str) -> None:
        """_write_files in `lang`: while it queues them (the feeds' titles) and when each job runs
        (a worker's, or the preview's on request), t() speaks that language (i18n.speaking)."""
        defer = self._defer
        self._defer = lambda save_as, job: defer(save_as, spoken(lang, job))
        try:
            with speaking(lang):
                self._write_files(site, context, lang)
        finally:
            self._defer = defer

    def _write_files(self, site: Site, context: dict, lang: str) -> None:
        """Every file of one language: the site's own pages, each item's, its calendars and feeds;
        in another language than the default, the news and pages too (Pelican writes the default's)."""
        prefix = prefix_of(lang, self.languages[0])
        rendering = self._rendering

        def page(save_as: str, template: str, url: str, **values) -> None:
            render = partial(
                rendering.write_file,
                save_as,
                self._template(lang, template),
                context,
                relative_urls=self.settings["RELATIVE_URLS"],
                template_name=template,
                page_url=url,  # Pelican's writer keeps `url` for pagination only
                **values,
            )
            self._defer(save_as, render)

        for site_file in SITE_FILES.values():
            if site_file.template is not None and not site_file.by_pelican:
                page(prefix + site_file.save_as, site_file.template, prefix + site_file.url)
        for filter_page in self._filter_pages:  # the events list, filtered: the same template
            events = [e for e in context["events"] if e.slug in filter_page.events]
            upcoming = [e for e in context["upcoming_events"] if e.slug in filter_page.events]
            past = [
                (y, [e for e in group if e.slug in filter_page.events]) for y, group in context["past_events_by_year"]
            ]
            page(
                prefix + filter_page.save_as,
                "events",
                prefix + filter_page.url,
                event_filter=_filter_link(site, filter_page),
                filtered_events=events,
                upcoming_events=upcoming,
                past_events_by_year=[(y, group) for y, group in past if group],
            )
        for content_type in OUR_TYPES:  # each item's page: the template has it by its type's name, and as item
            for item in self._written(site.items(content_type.name)):
                values = content_type.page_values(item) if content_type.page_values else {}
                page(item.save_as, item.template, item.url, **{content_type.name: item, **values, "item": item})
                for save_as, url, template in subpages(item):
                    page(save_as, template, url, **{content_type.name: item, **values, "item": item})
        if prefix:
            self._write_news_and_pages(site, context, prefix, page)
        made = self._file_makers(site, context, prefix, self._write_calendars(site, context))
        for site_file in SITE_FILES.values():
            if site_file.template is None and not site_file.by_pelican and (site_file.per_language or not prefix):
                self._write_bytes(prefix + site_file.save_as, made[site_file.name])

    def _write_news_and_pages(self, view: Site, context: dict, prefix: str, page) -> None:
        """A language's news, pages and news list, as Pelican writes the default language's."""
        for article in sorted(view.news, key=lambda a: a.save_as):
            if article.status in ("published", "hidden"):
                page(article.save_as, article.template, article.url, article=article, category=None, blog=True)
        for item in sorted(view.pages, key=lambda p: p.save_as):
            if item.status in ("published", "hidden"):
                page(item.save_as, item.template, item.url, page=item)
        news = SITE_FILES["news"]
        save_as, url = prefix + news.save_as, prefix + news.url
        write = partial(  # every page of the list, in one job
            self._rendering.write_file,
            save_as,
            self._template(context["LANG"], "news"),
            context,
            relative_urls=self.settings["RELATIVE_URLS"],
            paginated={"articles": context["articles"], "dates": context["dates"]},
            template_name="news",
            url=url,
            page_name=os.path.splitext(save_as)[0],
            articles=context["articles"],
            dates=context["dates"],
            blog=True,
        )
        self._defer(save_as, write)

    def _compile_templates(self, env=None) -> None:
        """Compile what pages extend and include before the workers fork, so that each
        does not compile it again (a page's own template is compiled by page())."""
        env = env or self.env
        shared = env.list_templates(filter_func=lambda name: name == "base.html" or name.startswith("partials/"))
        for name in shared:
            env.get_template(name)

    def output_paths(self) -> set[str]:
        """Every file this generator writes, relative to the output folder (site_files.py)."""
        fixed = {f.save_as for f in SITE_FILES.values() if not f.by_pelican}
        fixed |= {save_as for lang in self.languages[1:] for _, save_as, _ in language_files(lang)}
        found = [*item_files(self.site), *image_files(self.site), *pelican_items_in_languages(self.site)]
        found += event_filter_files(self.site)
        return fixed | {save_as for save_as, _ in found}

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
            event = by_folder.get(parts[1]) if parts[0] == _EVENTS_FOLDER and len(parts) > 2 else None
            if event is not None and not event.is_written:
                continue
            if event is not None and event.slug != parts[1]:
                moved = event.url + "/".join(parts[2:])  # events/<slug>/…, as the event's page
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

    def _write_images(self, deferred: bool) -> None:
        """Each resized image (site_files.image_files): made, or taken from the cache. A build
        makes an image's variants in one job, the image decoded once; the preview, each when asked."""
        cache_path = self.settings.get("CACHE_PATH")

        def write(image, variants) -> None:
            for variant, data in zip(variants, variants_bytes(image, variants, cache_path), strict=True):
                path = os.path.join(self.output_path, variant.save_as)
                os.makedirs(os.path.dirname(path), exist_ok=True)
                replace_file(path, data)

        for content_type in OUR_TYPES:
            for item in self._written(self.site.items(content_type.name)):
                for image in item.image_sets.values():
                    for variants in [[v] for v in image.variants] if deferred else [list(image.variants)]:
                        if variants:
                            self._defer(variants[0].save_as, partial(write, image, variants))

    def _write_calendars(self, site: Site, context: dict) -> Callable[[], bytes]:
        """Write each item's calendar file (site_files.py: the types that have one); return
        the maker of the site's calendar, which shares their entries. The entries' UIDs are
        the same in every language: it is the same event."""
        url, domain, now = absolute_site_url(self.settings), self.settings["SITE_DOMAIN"], self.now

        @cache
        def entry(item) -> CalendarEntry:
            return (event_entry if isinstance(item, Event) else session_entry)(item, url, domain, now)

        def item_calendar(item) -> bytes:
            if isinstance(item, Event):  # the event and its timed sessions (breaks are no entries)
                timed = [s for s in item.sessions if s.is_timed and not s.is_break]
                return calendar_file(item.title, [entry(item), *(entry(s) for s in timed)])
            return calendar_file(item.title, [entry(item)])

        for content_type in OUR_TYPES:
            for item in self._written(site.items(content_type.name)):
                if has_calendar(item):
                    self._write_bytes(item_calendar_url(item), partial(item_calendar, item))
        name, events = self.settings["SITENAME"], context["events"]
        return lambda: calendar_file(name, [entry(e) for e in events])

    def _file_makers(self, site: Site, context: dict, prefix: str, site_calendar) -> dict[str, Callable[[], bytes]]:
        """What makes each of the site's own files that is not a page (SITE_FILES), by its name:
        in one language (`prefix`: "" for the default, "fr/")."""
        url, name = absolute_site_url(self.settings), self.settings["SITENAME"]
        events, articles = context["events"], context["articles"]
        lang = context.get("LANG") if len(self.languages) > 1 else None  # the feeds' xml:lang

        def entries(with_news: bool) -> list[FeedEntry]:
            listed = [self._event_entry(e, url, lang) for e in events]
            if not with_news:
                return listed
            news = [
                FeedEntry(
                    a.title,
                    f"{url}/{a.url}",
                    a.date,
                    _last_change(a.date, getattr(a, "modified", None)),
                    summary_as_text(a.summary),
                    a.get_content(url),
                    words_lang(a) if lang else None,
                )
                for a in articles
            ]
            return [*news, *listed]

        def feed(file: str, title: str, with_news: bool) -> bytes:
            feed_url = f"{url}/{prefix}{SITE_FILES[file].url}"
            return atom_feed(
                title, url, feed_url, name, entries(with_news), self.now, language=lang, home_url=f"{url}/{prefix}"
            ).encode("utf-8")

        return {
            "calendar": site_calendar,
            # Titled as base.html's <link rel="alternate"> to it, in the page's language.
            "feed_all": partial(feed, "feed_all", t("%(site)s: news and events", site=name), True),
            "feed_events": partial(feed, "feed_events", t("%(site)s: events", site=name), False),
            "sitemap": partial(self._sitemap, url),
            "robots": lambda: robots_txt(url, SITE_FILES["sitemap"].url).encode("utf-8"),
            "headers": lambda: headers_file().encode("utf-8"),
        }

    def _sitemap(self, url: str) -> bytes:
        """One sitemap for every language: each page in each language its words are in, with
        its alternates (xhtml:link); a page that falls back to another language's words is not in it."""
        languages, site = self.languages, self.site
        several = len(languages) > 1

        def links(cluster: dict[str, str]) -> tuple[tuple[str, str], ...]:
            if len([lang for lang in cluster if lang != X_DEFAULT]) < 2:
                return ()
            return tuple((lang, f"{url}/{address}") for lang, address in cluster.items())

        entries = []
        for path in [*SITEMAP_SECTIONS, *(f.url for f in self._filter_pages)]:
            cluster = page_alternates(path, languages)
            for lang in languages if several else languages[:1]:
                entries.append(SitemapEntry(f"{url}/{cluster[lang]}", None, links(cluster) if several else ()))
        for item in listed_items(site):
            lastmod = getattr(item, "modified", None) or getattr(item, "date", None)
            found = alternates(item, site, languages) if several else {item.lang: item.url}
            for page_url in [item.url, *(page for _, page, _ in subpages(item))]:
                cluster = {lang: address[: len(address) - len(item.url)] + page_url for lang, address in found.items()}
                for lang, address in cluster.items():
                    if lang != X_DEFAULT:
                        entries.append(SitemapEntry(f"{url}/{address}", lastmod, links(cluster)))
        return sitemap_xml(entries)

    @staticmethod
    def _event_entry(event: Event, url: str, lang: str | None = None) -> FeedEntry:
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
            words_lang(event) if lang else None,  # a site of several languages: its words' own
        )


@dataclass(frozen=True)
class FilterLink:
    """A link of the events list's filter bar, and what its filtered page says of itself."""

    page: FilterPage
    label: str  # what the link says: a city's name, a campaign's title, a year
    translated: bool  # True: `label` is a word of the interface (KIND_TITLES, "Online"): said by _()
    count: int  # how many events it lists
    url: str  # the filtered page's, in the language of `site`: fr/events/kind/workshop/


def _filter_link(site: Site, filter_page: FilterPage) -> FilterLink:
    """The link to a filtered page in `site` (the default language's, or another's view):
    the names of its place and campaign as that language's events and campaigns say them."""
    name, value = filter_page.filter, filter_page.value
    events = [site.events[slug] for slug in sorted(filter_page.events) if slug in site.events]
    url = (f"{site.lang}/" if getattr(site, "lang", None) else "") + filter_page.url
    if name == "kind":
        return FilterLink(filter_page, KIND_TITLES[value], True, len(events), url)
    if name == "place" and value == ONLINE:
        return FilterLink(filter_page, "Online", True, len(events), url)
    label = value
    if name == "place":
        for event in events:
            venue = getattr(event, "venue", None)
            if venue and event_filter_values(event)["place"][:1] == [value]:
                label = f"{venue.city}, {venue.country}"
                break
    elif name == "campaign":
        titles = [c.title for e in events for c in e.campaigns if c.is_listed and value_slug(c.slug) == value]
        label = titles[0] if titles else value
    return FilterLink(filter_page, label, False, len(events), url)


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
    return parts[1] if parts[0] == _EVENTS_URL_FOLDER and len(parts) > 2 else save_as
