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
from .zones import zone

SKIP = {"status": "skip"}


@dataclass(frozen=True)
class Location:
    """What a file is, from its path relative to the content folder."""

    content_type: str
    name: str  # the file or folder name the slug comes from
    event_name: str | None = None  # a session's event folder


def locate(source: str) -> Location | None:
    """What a file is, by the first content type whose files pattern it matches (content_types.py)."""
    if not source.endswith(".md"):
        return None
    for content_type in CONTENT_TYPES.values():
        names = content_type.match(source)
        if names is not None:
            return Location(content_type.name, names["slug"], names.get("event_slug"))
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
        kept = self.settings.get("EVENTSITE_READER_CACHE") or self.settings.get("EVENTSITE_PERSISTENT_CACHE")
        if kept:
            status = os.stat(source_path)
            stamp = (status.st_mtime_ns, status.st_size)
            cached = self._cache.get(source_path)
            if cached is None or cached[0] != stamp:
                cached = (stamp, self._read_file(source_path, source))
                self._cache[source_path] = cached
            reading = cached[1]
        else:  # read ahead by this build's workers moments ago, and needed only once
            read_ahead = self._cache.pop(source_path, None)
            reading = read_ahead[1] if read_ahead is not None else self._read_file(source_path, source)
        log = problem_log(self.settings)
        for key, what, fix in reading.problems:
            log.add(source, key, what, fix)
        for key, what, fix in reading.warnings:
            log.warn(source, key, what, fix)
        if reading.unreadable is not None:
            log.unreadable.add(reading.unreadable)
        if reading.values is None:
            return "", dict(SKIP)
        # Kept values are shared with later builds: nothing changes them (see linking.py).
        return reading.html, self._pelican_metadata(reading.values, reading.location)

    def _read_file(self, source_path: str, source: str) -> FileReading:
        problems: list[tuple[str, str, str | None]] = []

        def report(key: str, what: str, fix: str | None = None) -> None:
            problems.append((key, what, fix))

        location = locate(source)
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
        values = schema.clean(location.content_type, split.metadata, report) if split else None
        if split is not None and (found := control_characters_by_line(split.body)):
            report("text", *_control_characters_problem(found, split.body_line))
        if values is not None and "slug" not in values and not schema.SLUG_PATTERN.match(location.name):
            what = CONTENT_TYPES[location.content_type].named_by
            report(
                "slug",
                f'the {what} name "{location.name}" is not a valid slug (lowercase letters, digits and hyphens)',
                f'rename the {what} to "{schema.slug_suggestion(location.name)}", or add a slug: key',
            )
            values = None
        if values is None:
            return FileReading("", None, location, problems, (location.content_type, location.name))

        rendered = self._render_markdown(split.body)
        warnings = tuple(  # lines counted from the top of the file, as text editors number them
            (
                "body",
                removed,
                "a page's text may hold only the HTML listed in docs/editing.md: write it in Markdown, or leave it out",
            )
            for removed in markup.describe_removals(rendered.removals, split.body_line)
        )
        if values["status"] != "draft":
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
    settings_read = ("INTRASITE_LINK_REGEX", "SHOW_DRAFTS", "PATH", "EVENTSITE_RAW_HTML")
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
