"""New content files for editors: required keys filled in, every optional key shown
as a commented example, and a file that passes the checks as it is."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import yaml

from .frontmatter import FrontMatterError, split_front_matter
from .localtime import local_date, parse_local
from .schema import SCHEMAS, Field, slug_suggestion

# One example for every optional key, as YAML lines ("" for the key's own line).
EXAMPLES: dict[str, dict[str, str]] = {
    "event": {
        "end": "end: {next_day} 17:30",
        "timezone": "timezone: Europe/Helsinki",
        "summary": "summary: One or two sentences for lists, feeds and search engines.",
        "audience": "audience: public            # public, members or invitation",
        "venue": "venue:\n  name: Conference centre\n  address: Main street 1\n  city: Helsinki\n  country: Finland\n"
        "  url: https://venue.example.org\n  lat: 60.1699\n  lon: 24.9384",
        "online": "online: https://stream.example.org/our-event",
        "host": "host: ifex                   # an organisation's slug, or a list: [ifex, cchr]",
        "partners": "partners: [cpj]",
        "campaigns": "campaigns: [no-impunity]",
        "registration": "registration:\n  url: https://forms.example.org/register\n  opens: {opens}\n"
        "  closes: {closes}\n  label: Register\n  note: The form asks for your name and organisation.\n"
        "  state: open                # open, waitlist or full, while registration is open",
        "parts": "parts:\n  - id: members-day\n    title: Members' day\n    start: {day}\n    end: {day}\n"
        "    audience: members\n    summary: For members only.",
        "event_status": "event_status: scheduled     # scheduled, cancelled, postponed, rescheduled, moved-online",
        "image": "image: banner.jpg            # a file in this folder",
        "image_alt": "image_alt: What the image shows",
        "tags": "tags: [impunity, campaigns]",
    },
    "session": {
        "start": "start: {day} 09:00",
        "end": "end: {day} 10:30",
        "order": "order: 1                     # among sessions with the same start",
        "part": "part: members-day            # the id of one of the event's parts",
        "format": "format: panel",
        "room": "room: Main hall",
        "speakers": "speakers:\n  - Ann Example\n  - name: Bo Example\n    organization: cpj\n    role: chair",
        "campaigns": "campaigns: [no-impunity]",
        "audience": "audience: members           # default: its part's, then its event's",
        "summary": "summary: One or two sentences about the session.",
    },
    "campaign": {
        "organization": "organization: ifex",
        "website": "website: https://campaign.example.org",
        "summary": "summary: One or two sentences about the campaign.",
        "image": "image: campaign.jpg          # a file in the campaigns folder",
        "image_alt": "image_alt: What the image shows",
    },
    "organization": {
        "short": "short: CPJ",
        "website": "website: https://organisation.example.org",
        "country": "country: Canada",
        "member": "member: true",
        "summary": "summary: One or two sentences about the organisation.",
    },
    "news": {
        "event": "event: my-event             # the slug of the event this is about",
        "summary": "summary: One or two sentences for lists and feeds.",
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


def _front_matter(content_type: str, required: dict[str, str], dates: dict[str, str]) -> str:
    lines = [_line(key, value) for key, value in required.items()]
    unsupported = {"translation"} if content_type not in ("news", "page") else set()
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


def _event_folder(content: Path, event: str) -> Path:
    folder = content / "events" / event
    if not (folder / "index.md").is_file():
        raise ScaffoldError(f"there is no event {event!r} (no {folder / 'index.md'}): use an event's folder name")
    return folder


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
        required = {"title": title, "kind": "meeting", "start": start or today.isoformat()}
        day = date.fromisoformat(required["start"])
        body = "What the event is about, for whom, and why it matters: the first paragraph is its summary.\n"
    elif kind == "session":
        if event is None:
            raise ScaffoldError("a session belongs to an event: give the event's slug first")
        folder = _event_folder(content, event)
        path = _free(folder / "sessions" / f"{slug}.md")
        required = {"title": title}
        day = _event_start(folder) or today
        body = "What happens in this session.\n"
    elif kind == "campaign":
        path = _free(content / "campaigns" / f"{slug}.md")
        required, body = {"title": title}, "What the campaign wants to change.\n"
    elif kind == "organization":
        path = _free(content / "organizations" / f"{slug}.md")
        required, body = {"title": title}, "Who the organisation is and what it does.\n"
    elif kind == "news":
        path = _free(content / "news" / f"{slug}.md")
        required = {"title": title, "date": today.isoformat()}
        if event is not None:
            _event_folder(content, event)
            required["event"] = event
        body = "The announcement.\n"
    else:
        raise ScaffoldError(f"{kind!r} is not something to create: use {', '.join(KINDS[:-1])} or {KINDS[-1]}")
    text = _front_matter(kind, required, example_dates(day, today)) + "\n" + body
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8") as handle:  # "x": never overwrite, even in a race
        handle.write(text)
    return NewFile(path, slug)
