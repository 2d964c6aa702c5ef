"""What is worth an editor's attention but does not stop a build."""

from __future__ import annotations

import os
from datetime import datetime, timedelta

from .linking import Site
from .problems import ProblemLog
from .reader import source_of

IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif", ".svg")
LARGE_IMAGE = 500 * 1024
SOON = timedelta(days=14)


def warn_about(site: Site, log: ProblemLog, content_root: str, now: datetime) -> None:
    for event in site.listed_events():
        if not event.is_upcoming(now):
            continue
        source = source_of(event)
        if event.audience == "public" and event.registration is None and event.event_status == "scheduled":
            log.warn(
                source,
                "registration",
                "this upcoming public event has no registration",
                "add a registration: url",
            )
        if "summary" not in event.metadata:
            log.warn(source, "summary", "this upcoming event has no summary", "add a one- or two-sentence summary:")
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
            if name.lower().endswith(IMAGE_EXTENSIONS) and os.path.getsize(path) > LARGE_IMAGE:
                size = os.path.getsize(path) // 1024
                log.warn(
                    os.path.relpath(path, content_root).replace(os.sep, "/"),
                    "file",
                    f"this image is {size} KB, more than 500 KB, and slows the page down on phones",
                    "save it smaller, e.g. 1600 pixels wide as JPEG or WebP",
                )
