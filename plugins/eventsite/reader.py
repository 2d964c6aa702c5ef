"""Read Markdown files with YAML front matter, checked against the schema of their place.

Where a file lives says what it is (content-contract.md, "Files"): events/<slug>/index.md
is an event, events/<slug>/sessions/<slug>.md a session, and so on. A file with any
problem is reported to the build's ProblemLog and handed to Pelican as `status: skip`,
which Pelican's own generators pass over quietly; the build then stops before writing.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import posixpath
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import partial
from pathlib import Path
from zoneinfo import ZoneInfo

from markupsafe import escape
from pelican.readers import BaseReader
from pelican.urlwrappers import Author, Category, Tag
from pelican.utils import SafeDatetime, posixize_path

from . import markup, schema
from .content_types import CONTENT_TYPES
from .frontmatter import FrontMatterError, control_characters_by_line, describe_character, split_front_matter
from .parallel import map_in_workers
from .problems import problem_log
from .scaffold import placeholders_left
from .settings import known_language, site_languages
from .zones import zone

SKIP = {"status": "skip"}


@dataclass(frozen=True)
class Location:
    """What a file is, from its path relative to the content folder."""

    content_type: str
    name: str  # the file or folder name the slug comes from
    event_name: str | None = None  # a session's event folder
    lang: str | None = None  # a translation's language (<name>.<lang>.md); None: an original

    def original(self, source: str) -> str:
        """A translation's original: events/x/index.fr.md -> events/x/index.md."""
        return source.removesuffix(f".{self.lang}.md") + ".md" if self.lang else source


def locate(source: str, languages: Sequence[str] = ()) -> Location | None:
    """What a file is, by the first content type whose files pattern it matches (content_types.py).

    <name>.<lang>.md is a translation when <lang> is one of `languages` or a code Babel
    knows (so that index.de.md on a site without German is said to be a language it does not
    have); any other segment is part of the name (notes.v2.md, minutes.old.md)."""
    if not source.endswith(".md"):
        return None
    for content_type in CONTENT_TYPES.values():
        names = content_type.match(source)
        if names is None:
            continue
        slug, lang = names["slug"], names.get("lang")
        if lang is not None and lang not in languages and not known_language(lang):
            if content_type.named_by != "file":
                continue  # events/x/index.old.md: not an event's file
            slug, lang = f"{slug}.{lang}", None
        return Location(content_type.name, slug, names.get("event_slug"), lang)
    return None


def misplaced_file_fix(source: str) -> str:
    """Where a Markdown file that fits no place in the layout probably belongs."""
    parts = source.split("/")
    event, session = CONTENT_TYPES["event"], CONTENT_TYPES["session"]
    if parts[0] == event.files.split("/")[0] and len(parts) == 2:
        slug = parts[1][: -len(".md")]
        return f"an event is a folder: move it to {event.path(slug=slug)}"
    if parts[0] == event.files.split("/")[0] and len(parts) >= 3:
        return f"if it is a session, move it to {session.path(event_slug=parts[1], slug=parts[-1][: -len('.md')])}"
    places = [content_type.folder for content_type in CONTENT_TYPES.values()]
    return f"content files go in {', '.join(places[:-1])} or {places[-1]}"


@dataclass(frozen=True)
class FileReading:
    """What reading one file gave: its HTML and checked values, or the problems that stop it.

    Plain data (no Pelican objects, which hold the settings), so that it can be kept
    between builds."""

    html: str
    values: dict | None  # None: the file could not be read
    location: Location | None
    problems: list[tuple[str, str, str | None]]
    unreadable: tuple[str, str] | None  # (content type, name) of a file that could not be read
    warnings: tuple[tuple[str, str, str | None], ...] = ()  # (key, what, fix), e.g. raw HTML removed


class FrontMatterReader(BaseReader):
    """Markdown with YAML front matter between two '---' lines."""

    enabled = True
    file_extensions = ["md"]

    def __init__(self, settings: dict) -> None:
        super().__init__(settings)
        self._render_markdown = markup.markdown_renderer(
            settings["INTRASITE_LINK_REGEX"], raw_html=bool(settings.get("EVENTSITE_RAW_HTML"))
        )

    # For the preview server, which reads the site again on every save, and for builds
    # that keep a cache: a file whose size and modification time are unchanged is not
    # parsed again.
    _cache: dict[str, tuple[tuple[int, int], FileReading]] = {}

    def read(self, source_path: str) -> tuple[str, dict]:
        source = posixize_path(os.path.relpath(source_path, self.settings["PATH"]))
        reading = self._reading(source_path, source, once=True)
        log = problem_log(self.settings)
        for key, what, fix in reading.problems:
            log.add(source, key, what, fix)
        for key, what, fix in reading.warnings:
            log.warn(source, key, what, fix)
        if reading.unreadable is not None:
            log.unreadable.add(reading.unreadable)
        if reading.location is not None and reading.location.lang is not None:
            return self._translation(source, reading, log)
        if reading.values is None:
            return "", dict(SKIP)
        # Kept values are shared with later builds: nothing changes them (see linking.py).
        return reading.html, self._pelican_metadata(reading.values, reading.location)

    def _reading(self, source_path: str, source: str, once: bool) -> FileReading:
        """The file's reading: from the cache when its size and time are unchanged. `once`:
        a reading that was read ahead for this build is needed once, and dropped."""
        kept = self.settings.get("EVENTSITE_READER_CACHE") or self.settings.get("EVENTSITE_PERSISTENT_CACHE")
        if kept:
            status = os.stat(source_path)
            stamp = (status.st_mtime_ns, status.st_size)
            cached = self._cache.get(source_path)
            if cached is None or cached[0] != stamp:
                cached = (stamp, self._read_file(source_path, source))
                self._cache[source_path] = cached
            return cached[1]
        # read ahead by this build's workers moments ago
        read_ahead = self._cache.pop(source_path, None) if once else self._cache.get(source_path)
        return read_ahead[1] if read_ahead is not None else self._read_file(source_path, source)

    def _translation(self, source: str, reading: FileReading, log) -> tuple[str, dict]:
        """A translation (<name>.<lang>.md): its original's values with its words in place,
        merged on every read, so that an edit to the original reaches it (schema.merge_translation)."""
        location = reading.location
        languages = site_languages(self.settings)
        origin = location.original(source)
        if location.lang == languages[0]:
            log.add(
                source,
                "file",
                f"{location.lang} is the site's default language (DEFAULT_LANG): its words are in {origin}",
                f"put them there, and remove this file; or add a language of the site: {_others(languages)}",
            )
            return "", dict(SKIP)
        if location.lang not in languages:
            log.add(
                source,
                "file",
                f"{location.lang} is not one of the site's LANGUAGES ({', '.join(languages)})",
                f"rename the file for one of {_others(languages)}, or add {location.lang} to LANGUAGES"
                if len(languages) > 1
                else f"add {location.lang} to LANGUAGES in pelicanconf.py: LANGUAGES = {[languages[0], location.lang]}",
            )
            return "", dict(SKIP)
        origin_path = os.path.join(self.settings["PATH"], origin)
        if not os.path.isfile(origin_path):
            log.add(
                source,
                "file",
                f"there is no {origin} for this translation",
                f"a translation is named after its original, beside it: write {origin} first, or correct the name",
            )
            return "", dict(SKIP)
        if reading.values is None:
            return "", dict(SKIP)
        original = self._reading(origin_path, origin, once=False)
        if original.values is None:  # its problems are said where it is read
            return "", dict(SKIP)
        merged = schema.merge_translation(
            original.values, reading.values, location.lang, origin, partial(log.add, source)
        )
        if merged is None:
            return "", dict(SKIP)
        values, words_lang = merged
        given = [key for key in reading.values if key not in ("status", "lang", "translation")]
        untranslated = all(values[key] == original.values.get(key) for key in given)
        if values.get("status") != "draft" and untranslated and reading.html.strip() in ("", original.html.strip()):
            log.warn(
                source,
                "text",
                f"its words are still those of {origin}: nothing in it is translated",
                "translate them, or add status: draft until it is ready",
            )
        original_lang = original.values.get("lang") or self.settings.get("DEFAULT_LANG", languages[0])
        words_lang = {key: lang or original_lang for key, lang in words_lang.items()}
        # No body of its own: the original's text, in the original's language.
        words_lang["body"] = location.lang if reading.html.strip() else original_lang
        values["words_lang"], values["body_lang"] = words_lang, words_lang["body"]
        html = reading.html if reading.html.strip() else original.html
        return html, self._pelican_metadata(values, location)

    def _read_file(self, source_path: str, source: str) -> FileReading:
        problems: list[tuple[str, str, str | None]] = []

        def report(key: str, what: str, fix: str | None = None) -> None:
            problems.append((key, what, fix))

        location = locate(source, site_languages(self.settings))
        if location is None:
            report("file", "this Markdown file is not in a place the site reads", misplaced_file_fix(source))
            return FileReading("", None, None, problems, None)

        try:
            with open(source_path, encoding="utf-8") as handle:
                split = split_front_matter(handle.read())
        except UnicodeDecodeError:
            report("file", "the file is not UTF-8 text", "save it again as UTF-8 in your editor")
            split = None
        except FrontMatterError as error:
            report("front matter", str(error))
            split = None
        if split is None:
            values = None
        elif location.lang is not None:  # a translation: its words only
            origin = location.original(source)
            values = schema.clean_translation(location.content_type, split.metadata, origin, location.lang, report)
        else:
            values = schema.clean(location.content_type, split.metadata, report)
        if split is not None and (found := control_characters_by_line(split.body)):
            report("text", *_control_characters_problem(found, split.body_line))
        if (
            values is not None
            and location.lang is None  # a translation's name is its original's
            and "slug" not in values
            and not schema.SLUG_PATTERN.match(location.name)
        ):
            what = CONTENT_TYPES[location.content_type].named_by
            report(
                "slug",
                f'the {what} name "{location.name}" is not a valid slug (lowercase letters, digits and hyphens)',
                f'rename the {what} to "{schema.slug_suggestion(location.name)}", or add a slug: key',
            )
            values = None
        if values is None:
            # A translation's original may still be read: references to it are valid.
            unreadable = (location.content_type, location.name) if location.lang is None else None
            return FileReading("", None, location, problems, unreadable)

        rendered = self._render_markdown(split.body)
        warnings = tuple(  # lines counted from the top of the file, as text editors number them
            (
                "body",
                removed,
                "a page's text may hold only the HTML listed in docs/editing.md: write it in Markdown, or leave it out",
            )
            for removed in markup.describe_removals(rendered.removals, split.body_line)
        )
        if values.get("status") != "draft":
            warnings += tuple(
                _placeholder_warning(key, text) for key, text in placeholders_left(split.metadata, split.body)
            )
        return FileReading(rendered.html, values, location, problems, None, warnings)

    def _pelican_metadata(self, values: dict, location: Location) -> dict:
        """Our checked values, in the shapes Pelican's content classes expect."""
        metadata = dict(values)
        metadata.setdefault("slug", location.name)
        if self.settings.get("SHOW_DRAFTS") and metadata.get("status") == "draft":
            # The preview shows drafts like published content, marked "Draft" on the page.
            metadata["status"], metadata["draft_preview"] = "published", True
        if location.event_name is not None:
            metadata["event_slug"] = location.event_name
        if "summary" in metadata:  # plain text, made safe HTML like a rendered summary
            metadata["summary"] = f"<p>{escape(metadata['summary'])}</p>"
        for key in ("date", "modified"):
            if key in metadata:
                metadata[key] = _pelican_datetime(
                    metadata[key], zone(metadata.get("timezone") or self.settings["TIMEZONE"])
                )
        if "translation" in metadata and CONTENT_TYPES[location.content_type].by_pelican:
            # Pelican's translation grouping compares the text "true", as its own reader gives it.
            metadata["translation"] = "true" if metadata["translation"] else "false"
        if location.content_type == "news":
            metadata["tags"] = [Tag(name, self.settings) for name in metadata.get("tags", ())]
            if "author" in metadata:
                metadata["author"] = Author(metadata["author"], self.settings)
            # Pelican's draft writer reads .category even when no category page is made.
            metadata["category"] = Category(self.settings["DEFAULT_CATEGORY"], self.settings)
        return metadata


def _others(languages: list[str]) -> str:
    return ", ".join(languages[1:]) or "none yet"


def _placeholder_warning(key: str, text: str) -> tuple[str, str, str]:
    """A text that `invoke new` wrote for the editor to replace, in a file that is published."""
    shown = text if len(text) <= 60 else text[:50].rsplit(" ", 1)[0] + "…"
    what = f'"{shown}" is still the example text of invoke new, in a file that is not a draft'
    if key == "text":
        return key, what, "replace it with your own words, or add status: draft until the page is ready"
    return key, what, "write the real value, remove the line, or add status: draft until the page is ready"


def _control_characters_problem(found: list[tuple[int, str]], first_line: int) -> tuple[str, str]:
    """One problem for every line of a body that has an invisible character: XML,
    and so the feeds, cannot carry them, and no editor meant to type them."""
    lines = [str(first_line - 1 + number) for number, _ in found]
    characters = "; ".join(sorted({describe_character(character) for _, character in found}))
    if len(lines) == 1:
        where = f"line {lines[0]} has"
    elif len(lines) <= 5:
        where = f"lines {', '.join(lines[:-1])} and {lines[-1]} have"
    else:
        where = f"lines {', '.join(lines[:4])} and {len(lines) - 4} more have"
    return (
        f"{where} an invisible character ({characters})",
        "delete it, or type the text again: it often comes with text pasted from another program",
    )


def _pelican_datetime(value: date | datetime, zone: ZoneInfo) -> SafeDatetime:
    """In the item's zone (an event's own, else the site's TIMEZONE), from tzdata (zones.py):
    Pelican would give a naive date the machine's."""
    if isinstance(value, datetime):
        return SafeDatetime(value.year, value.month, value.day, value.hour, value.minute, tzinfo=zone)
    return SafeDatetime(value.year, value.month, value.day, tzinfo=zone)


def source_of(content) -> str:
    """A content object's file, relative to the content folder, with forward slashes."""
    return posixpath.normpath(content.get_relative_source_path())


def _cache_file(settings: dict) -> str:
    return os.path.join(settings["CACHE_PATH"], "eventsite-readings.pickle")


def _cache_version(settings: dict) -> str:
    """Readings are valid for this plugin's code and these reading settings only."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.read_bytes())
    settings_read = ("INTRASITE_LINK_REGEX", "SHOW_DRAFTS", "PATH", "EVENTSITE_RAW_HTML", "LANGUAGES", "DEFAULT_LANG")
    digest.update(repr([markup.VERSION, *(settings.get(name) for name in settings_read)]).encode())
    return digest.hexdigest()


def load_reader_cache(settings: dict) -> None:
    """Readings kept by an earlier build, if it used the same code and settings."""
    try:
        with open(_cache_file(settings), "rb") as handle:
            version, readings = pickle.load(handle)
    except (OSError, pickle.PickleError, EOFError, ValueError, AttributeError):
        return
    if version == _cache_version(settings):
        FrontMatterReader._cache.update(readings)


def save_reader_cache(settings: dict) -> None:
    os.makedirs(settings["CACHE_PATH"], exist_ok=True)
    with open(_cache_file(settings), "wb") as handle:
        pickle.dump((_cache_version(settings), FrontMatterReader._cache), handle, protocol=pickle.HIGHEST_PROTOCOL)


def _reading_for_cache(reader: FrontMatterReader, source_path: str) -> tuple[str, tuple[tuple[int, int], FileReading]]:
    status = os.stat(source_path)
    source = posixize_path(os.path.relpath(source_path, reader.settings["PATH"]))
    return source_path, ((status.st_mtime_ns, status.st_size), reader._read_file(source_path, source))


def read_ahead(settings: dict, workers: int) -> None:
    """Read every Markdown file of the content folder in `workers` processes, into the cache
    the generators then read from: parsing YAML and Markdown is most of a build's reading."""
    paths = []
    for folder, subfolders, files in os.walk(settings["PATH"]):
        subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
        # Not dotfiles: none is content, and Emacs's lock ".#index.md" is a link to nowhere.
        paths += [os.path.join(folder, name) for name in sorted(files) if name.endswith(".md") and name[0] != "."]
    cache = FrontMatterReader._cache
    stale = []
    for path in paths:
        status = os.stat(path)
        entry = cache.get(path)
        if entry is None or entry[0] != (status.st_mtime_ns, status.st_size):
            stale.append(path)
    # The workers are forked with the reader: it is never pickled (see map_in_workers).
    cache.update(map_in_workers(partial(_reading_for_cache, FrontMatterReader(settings)), stale, workers))
