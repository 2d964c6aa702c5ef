"""What is worth an editor's attention but does not stop a build."""

from __future__ import annotations

import os
import re
from datetime import datetime, timedelta

from .content_types import CONTENT_TYPES
from .linking import Site
from .localtime import TimeSpan, has_time, local_date
from .problems import ProblemLog
from .programme import MAX_ROOMS, MAX_ROWS, clashes_across_days
from .reader import source_of
from .site_files import SITE_FILES, item_files, written_by_pelican

IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif", ".svg")
LARGE_IMAGE = 500 * 1024
# Names editors' tools give Markdown files, in any case; the site reads exactly ".md".
MARKDOWN_EXTENSIONS = (".md", ".markdown", ".mdown", ".mkd", ".mkdn", ".mdwn", ".mdtxt", ".mdtext")
SOON = timedelta(days=14)


_ROOT_LINK = re.compile(r"""<a\s[^>]*href=["'](/(?!/)[^"'#?]*)""")


def warn_about_links(site: Site, log: ProblemLog, content_root: str) -> None:
    """A link in the text to an address of the site where nothing will be: found now, not at publishing."""
    items = [item for content_type in CONTENT_TYPES.values() for item in site.items(content_type.name)]
    written = [i for i in items if getattr(i, "is_written", i.status in ("published", "hidden"))]
    addresses = {f.url for f in SITE_FILES.values() if f.served}
    addresses |= {url for _, url in item_files(site)} | {url for _, url in written_by_pelican(site)}
    for item in sorted(written, key=source_of):
        for path in _ROOT_LINK.findall(item._content or ""):
            address = path.lstrip("/")
            if address in addresses or os.path.isfile(os.path.join(content_root, address)):
                continue
            log.warn(
                source_of(item),
                "text",
                f"the link {path} leads to no page of the site",
                "correct it, or link to the content file with {filename}",
            )


def _hours(span: TimeSpan) -> str:
    start, end = span.start, span.end
    if end == start:
        return f"{start:%Y-%m-%d %H:%M}, with no end"
    shown_end = f"{end:%H:%M}" if local_date(end) == local_date(start) and has_time(end) else _shown(end)
    return f"{start:%Y-%m-%d %H:%M} to {shown_end}"


def _shown(value) -> str:
    return f"{value:%Y-%m-%d %H:%M}" if has_time(value) else value.isoformat()


def warn_about_session_hours(site: Site, log: ProblemLog) -> None:
    """A session before its event's start time, or after its end time, on the same day: an
    error in one of the two times, most often (the dates themselves are checked in linking)."""
    for event in sorted(site.events.values(), key=source_of):
        span = event.span
        for session in getattr(event, "all_sessions", ()):
            if session.span is None:
                continue
            hours = f"the event's hours are {_hours(span)}"
            if has_time(span.start) and has_time(session.span.start) and session.span.starts_at < span.starts_at:
                log.warn(
                    source_of(session),
                    "start",
                    f"the session starts at {session.span.start:%H:%M}, before its event does: {hours}",
                    "correct the session's start, or the event's start in " + source_of(event),
                )
            if has_time(span.end) and has_time(session.span.end) and session.span.ends_at > span.ends_at:
                fix = (
                    "add the event's end: to " + source_of(event)
                    if "end" not in event.metadata
                    else "correct the session's end, or the event's end in " + source_of(event)
                )
                log.warn(
                    source_of(session),
                    "end",
                    f"the session ends at {session.span.end:%H:%M}, after its event does: {hours}",
                    fix,
                )


def warn_about_clashes(site: Site, log: ProblemLog) -> None:  # and days too full for the grid
    """Two items of a programme in one room at once (or an item with no room while every
    room is in use): the grid cannot draw both, so that day is shown as a list."""
    for event in sorted(site.events.values(), key=source_of):
        if not getattr(event, "is_written", True):
            continue
        for first, second in clashes_across_days(event):
            log.warn(
                source_of(first),
                "room",
                f"this session and {source_of(second)} are both in {first.room} at"
                f" {second.span.starts_at:%H:%M} on {second.span.first_day.isoformat()}",
                "give one of them another room: or another start:, or end the first before the second starts",
            )
        for section in event.programme:
            for day in section.days:
                shown = "it is shown as a list, not as a grid of rooms"
                if day.crowded == "rooms":  # the sessions' rooms: the event's `rooms`, or any without them
                    log.warn(
                        source_of(event),
                        "rooms" if event.rooms else "room",
                        f"the programme of {day.day.isoformat()} uses more than {MAX_ROOMS} rooms: {shown}",
                        f"put the day's sessions in at most {MAX_ROOMS} rooms; a session with no room spans them all",
                    )
                elif day.crowded == "moments":  # the sessions' start: and end: times
                    log.warn(
                        source_of(event),
                        "sessions",
                        f"the programme of {day.day.isoformat()} has more than {MAX_ROWS} different start and end"
                        f" times: {shown}",
                        "give the day's sessions fewer different start and end times, e.g. on the quarter hour",
                    )
                if day.clash is None:
                    continue
                first, second = day.clash  # programme.py: both in one room, or one with no room first
                moment = max(first.span.starts_at, second.span.starts_at)
                when = f"{moment:%H:%M} on {day.day.isoformat()}"
                if first.room == second.room:
                    where = f"in {first.room}" if first.room else "with no room"
                    what = f"this session and {source_of(second)} are both {where} at {when}"
                else:
                    what = (
                        f"this session has no room, and at {when} every room is in use"
                        f" ({source_of(second)} is in {second.room})"
                    )
                log.warn(
                    source_of(first),
                    "room",
                    f"{what}: the programme shows that day as a list, not as a grid of rooms",
                    "give one of them another room: or another start:, or end the first before the second starts",
                )


def warn_about(site: Site, log: ProblemLog, content_root: str, now: datetime) -> None:
    warn_about_session_hours(site, log)
    warn_about_clashes(site, log)
    for event in site.listed_events():
        if not event.is_upcoming(now):
            continue
        source = source_of(event)
        if (
            event.audience == "public"
            and event.registration is None
            and not event.needs_no_registration
            and event.event_status == "scheduled"
        ):
            log.warn(
                source,
                "registration",
                "this upcoming public event has no registration",
                "add a registration: url, or registration: none when no one needs to register",
            )
        if "summary" not in event.metadata:
            log.warn(source, "summary", "this upcoming event has no summary", "add a one- or two-sentence summary:")
        # The feeds date an entry by `date` and `modified` (see _event_entry in generators).
        if "date" not in event.metadata and "modified" not in event.metadata:
            log.warn(
                source,
                "date",
                "this upcoming event has no date: the feeds cannot say when it was announced,"
                " and say it changed at every build",
                "add date: with the day it is first published",
            )
        elif event.event_status != "scheduled" and "modified" not in event.metadata:
            log.warn(
                source,
                "modified",
                f"this event is {event.event_status} but has no modified date: feed readers will not hear of it",
                "add modified: with the day of the change",
            )
        if event.starts_at - now <= SOON:
            for session in event.unscheduled_sessions:
                log.warn(
                    source_of(session),
                    "start",
                    "the event starts within 14 days and this session has no time yet",
                    "add start: and end:",
                )
    for folder, _, files in sorted(os.walk(content_root)):
        for name in sorted(files):
            path = os.path.join(folder, name)
            stem, extension = os.path.splitext(name)
            if extension != ".md" and extension.lower() in MARKDOWN_EXTENSIONS:
                log.warn(
                    _source(path, content_root),
                    "file",
                    "only files ending in .md are read: this one is not on the site as a page"
                    " (in an event's folder, it is copied as an attachment)",
                    f'rename it "{stem}.md"',
                )
            if name.lower().endswith(IMAGE_EXTENSIONS) and os.path.getsize(path) > LARGE_IMAGE:
                size = os.path.getsize(path) // 1024
                log.warn(
                    _source(path, content_root),
                    "file",
                    f"this image is {size} KB, more than 500 KB, and slows the page down on phones",
                    "save it smaller, e.g. 1600 pixels wide as JPEG or WebP",
                )
    warn_about_links(site, log, content_root)


def _source(path: str, content_root: str) -> str:
    """A file of the content folder as warnings name it: relative, with forward slashes."""
    return os.path.relpath(path, content_root).replace(os.sep, "/")
