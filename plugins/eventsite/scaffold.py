"""New content files for editors: required keys filled in, every optional key shown
as a commented example, and a file that passes the checks as it is.

A new file is a draft (`status: draft`): the preview shows it, marked "Draft", and
nothing publishes it until the editor removes that line. Its texts to replace are
PLACEHOLDERS; the check warns about any of them left in a file that is not a draft.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import yaml

from .frontmatter import FrontMatterError, split_front_matter
from .localtime import local_date, parse_local
from .schema import SCHEMAS, SLUG_PATTERN, Field, slug_suggestion

# Texts of new files that stand for the editor's own (the bodies below, and the example
# values marked with _placeholder): left in a published file, they are warned about.
PLACEHOLDERS: set[str] = set()


def _placeholder(text: str) -> str:
    """`text`, remembered as one the editor is meant to replace."""
    PLACEHOLDERS.add(text)
    return text


# The text under the front matter of a new file.
BODIES = {
    "event": _placeholder("What the event is about, for whom, and why it matters: the first paragraph is its summary."),
    "session": _placeholder("What happens in this session."),
    "campaign": _placeholder("What the campaign wants to change."),
    "organization": _placeholder("Who the organisation is and what it does."),
    "news": _placeholder("The announcement."),
}

# One example for every optional key, as YAML lines ("" for the key's own line).
EXAMPLES: dict[str, dict[str, str]] = {
    "event": {
        "end": "end: {next_day} 17:30",
        "timezone": "timezone: Europe/Helsinki",
        "summary": "summary: " + _placeholder("One or two sentences for lists, feeds and search engines."),
        "audience": "audience: public            # public, members or invitation",
        "venue": f"venue:\n  name: {_placeholder('Conference centre')}\n  address: {_placeholder('Main street 1')}\n"
        f"  city: Helsinki\n  country: Finland\n  url: {_placeholder('https://venue.example.org')}\n"
        "  lat: 60.1699\n  lon: 24.9384",
        "online": "online: " + _placeholder("https://stream.example.org/our-event"),
        "host": "host: ifex                   # an organisation's slug, or a list: [ifex, cchr]",
        "partners": "partners: [cpj]",
        "campaigns": "campaigns: [no-impunity]",
        "registration": f"registration:\n  url: {_placeholder('https://forms.example.org/register')}\n"
        "  opens: {opens}\n"
        "  closes: {closes}\n  label: Register\n"
        f"  note: {_placeholder('The form asks for your name and organisation.')}\n"
        "  state: open                # open, waitlist or full, while registration is open",
        "parts": "parts:\n  - id: members-day\n    title: Members' day\n    start: {day}\n    end: {day}\n"
        "    audience: members\n    summary: For members only.",
        "event_status": "event_status: scheduled     # scheduled, cancelled, postponed, rescheduled, moved-online",
        "image": "image: banner.jpg            # a file in this folder",
        "image_alt": "image_alt: " + _placeholder("What the image shows"),
        "tags": "tags: [impunity, campaigns]",
    },
    "session": {
        "start": "start: {day} 09:00",
        "end": "end: {day} 10:30",
        "order": "order: 1                     # among sessions with the same start",
        "part": "part: members-day            # the id of one of the event's parts",
        "format": "format: panel",
        "room": "room: Main hall",
        "speakers": f"speakers:\n  - {_placeholder('Ann Example')}\n  - name: {_placeholder('Bo Example')}\n"
        "    organization: cpj\n    role: chair",
        "campaigns": "campaigns: [no-impunity]",
        "audience": "audience: members           # default: its part's, then its event's",
        "summary": "summary: " + _placeholder("One or two sentences about the session."),
    },
    "campaign": {
        "organization": "organization: ifex",
        "website": "website: " + _placeholder("https://campaign.example.org"),
        "summary": "summary: " + _placeholder("One or two sentences about the campaign."),
        "image": "image: campaign.jpg          # a file in the campaigns folder",
        "image_alt": "image_alt: " + _placeholder("What the image shows"),
    },
    "organization": {
        "short": "short: CPJ",
        "website": "website: " + _placeholder("https://organisation.example.org"),
        "country": "country: Canada",
        "member": "member: true",
        "summary": "summary: " + _placeholder("One or two sentences about the organisation."),
    },
    "news": {
        "event": "event: my-event             # the slug of the event this is about",
        "summary": "summary: " + _placeholder("One or two sentences for lists and feeds."),
        "tags": "tags: [announcement]",
        "author": "author: Communications team",
    },
}
PELICAN_EXAMPLES = {
    "status": "status: draft                # draft: not published; hidden: published, listed nowhere",
    "lang": "lang: fr",
    "translation": "translation: true",
    "date": "date: {today}",
    "modified": "modified: {today}",
    "slug": "slug: another-address",
}


class ScaffoldError(ValueError):
    """Why a new file cannot be written; the message says what to do instead."""


@dataclass(frozen=True)
class NewFile:
    path: Path
    slug: str


def example(content_type: str, field: Field, dates: dict[str, str]) -> str:
    """The commented example of one key, with dates that fit the event it belongs to."""
    text = EXAMPLES.get(content_type, {}).get(field.name) or PELICAN_EXAMPLES[field.name]
    return text.format(**dates)


def example_dates(day: date, today: date) -> dict[str, str]:
    """Dates for the examples: around the event's first day, registration before it."""
    closes = day - timedelta(days=7)
    return {
        "day": day.isoformat(),
        "next_day": (day + timedelta(days=1)).isoformat(),
        "opens": min(today, closes).isoformat(),
        "closes": closes.isoformat(),
        "today": today.isoformat(),
    }


def _line(key: str, value: str) -> str:
    if key in ("start", "date"):  # dates read best without the quotes YAML would add
        return f"{key}: {value}"
    return yaml.safe_dump({key: value}, allow_unicode=True, width=1000).strip()


DRAFT_LINE = "status: draft                # a draft: shown in the preview only; remove this line to publish"


def _front_matter(content_type: str, required: dict[str, str], dates: dict[str, str]) -> str:
    lines = [_line(key, value) for key, value in required.items()]
    lines.append(DRAFT_LINE)
    unsupported = {"translation"} if content_type not in ("news", "page") else set()
    unsupported.add("status")  # written above
    optional = [f for f in SCHEMAS[content_type].fields if f.name not in required and f.name not in unsupported]
    lines.append("# Optional keys: remove the '# ' in front of a line to use it.")
    for field in optional:
        for line in example(content_type, field, dates).splitlines():
            lines.append(f"# {line}")
    return "---\n" + "\n".join(lines) + "\n---\n"


def _slug(title: str) -> str:
    slug = slug_suggestion(title)
    if not slug:
        raise ScaffoldError(f'"{title}" gives no slug: use a title with some letters or digits')
    return slug


def _free(path: Path) -> Path:
    if path.exists():
        raise ScaffoldError(f"{path} already exists: edit it, or choose another title")
    return path


def event_slugs(content: Path) -> list[str]:
    """The events' folder names, the latest event first (unreadable starts last, by name)."""
    folders = sorted(p.parent for p in (content / "events").glob("*/index.md"))
    starts = {folder.name: _event_start(folder) for folder in folders}
    return sorted(starts, key=lambda name: (starts[name] is None, -(starts[name] or date.min).toordinal(), name))


LISTED_EVENTS = 10  # how many of the events a message names


def events_list(content: Path, near: str | None = None) -> str:
    """The events there are, for a message: those nearest to `near` first, else the latest."""
    slugs = event_slugs(content)
    if not slugs:
        return 'there are no events yet: create one first with invoke new event "Title"'
    if near:
        close = difflib.get_close_matches(near.lower(), slugs, n=3, cutoff=0.6)
        if close:
            return "did you mean " + " or ".join(close) + "?"
    shown = ", ".join(slugs[:LISTED_EVENTS])
    more = f" and {len(slugs) - LISTED_EVENTS} more in {content / 'events'}" if len(slugs) > LISTED_EVENTS else ""
    return f"the events are: {shown}{more}"


def is_event(content: Path, event: str) -> bool:
    return bool(SLUG_PATTERN.match(event)) and (content / "events" / event / "index.md").is_file()


def _event_folder(content: Path, event: str) -> Path:
    if not is_event(content, event):
        raise ScaffoldError(f"there is no event {event!r} in {content / 'events'}: {events_list(content, event)}")
    return content / "events" / event


def _event_start(folder: Path) -> date | None:
    """The day an existing event starts, for its sessions' examples; None if unreadable."""
    try:
        start = split_front_matter((folder / "index.md").read_text(encoding="utf-8")).metadata.get("start")
        return local_date(parse_local(str(start)))
    except (FrontMatterError, ValueError, OSError):
        return None


KINDS = ("event", "session", "campaign", "organization", "news")  # what `invoke new` creates


def new_content(
    content: Path, kind: str, title: str, *, today: date, start: str | None = None, event: str | None = None
) -> NewFile:
    """Write a new content file of `kind` and return where; never overwrites a file."""
    slug = _slug(title)
    day = today
    if kind == "event":
        path = _free(content / "events" / slug / "index.md")
        # `date`: the feeds' day of announcement (content_warnings.py warns about an upcoming event without it)
        required = {"title": title, "kind": "meeting", "start": start or today.isoformat(), "date": today.isoformat()}
        day = date.fromisoformat(required["start"])
    elif kind == "session":
        if event is None:
            raise ScaffoldError("a session belongs to an event: give the event's slug first")
        folder = _event_folder(content, event)
        path = _free(folder / "sessions" / f"{slug}.md")
        required = {"title": title}
        day = _event_start(folder) or today
    elif kind == "campaign":
        path = _free(content / "campaigns" / f"{slug}.md")
        required = {"title": title}
    elif kind == "organization":
        path = _free(content / "organizations" / f"{slug}.md")
        required = {"title": title}
    elif kind == "news":
        path = _free(content / "news" / f"{slug}.md")
        required = {"title": title, "date": today.isoformat()}
        if event is not None:
            _event_folder(content, event)
            required["event"] = event
    else:
        raise ScaffoldError(f"{kind!r} is not something to create: use {', '.join(KINDS[:-1])} or {KINDS[-1]}")
    text = _front_matter(kind, required, example_dates(day, today)) + "\n" + BODIES[kind] + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8") as handle:  # "x": never overwrite, even in a race
        handle.write(text)
    return NewFile(path, slug)


def placeholders_left(metadata: dict, body: str) -> list[tuple[str, str]]:
    """(key, text) for every placeholder of a new file still in this front matter (as
    YAML gave it) and body ("text"): a value that is one, or a paragraph that is one."""
    found: list[tuple[str, str]] = []

    def walk(value, key: str) -> None:
        if isinstance(value, dict):
            for name, item in value.items():
                walk(item, f"{key}.{name}" if key else str(name))
        elif isinstance(value, list):
            for number, item in enumerate(value, start=1):
                walk(item, f"{key}[{number}]")
        elif isinstance(value, str) and " ".join(value.split()) in PLACEHOLDERS:
            found.append((key, " ".join(value.split())))

    walk(metadata, "")
    for paragraph in re.split(r"\n\s*\n", body):
        text = " ".join(paragraph.split())
        if text in PLACEHOLDERS:
            found.append(("text", text))
    return found
