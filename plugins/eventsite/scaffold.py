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

from .content_types import CONTENT_TYPES, NEW_FILE_TYPES, ContentType
from .frontmatter import FrontMatterError, split_front_matter
from .localtime import local_date, parse_local
from .schema import PLACEHOLDERS, SLUG_PATTERN, Field, slug_suggestion

__all__ = ["PLACEHOLDERS", "KINDS", "new_content", "placeholders_left"]

# The names an example may use for dates (example_dates); any other brace is the example's own.
_DATE_NAME = re.compile(r"\{(day|next_day|opens|closes|today)\}")


class ScaffoldError(ValueError):
    """Why a new file cannot be written; the message says what to do instead."""


@dataclass(frozen=True)
class NewFile:
    path: Path
    slug: str


def example(field: Field, dates: dict[str, str]) -> str:
    """The example of one key as YAML lines, with dates that fit the event it belongs to. A key
    without an example says what it takes, so that a new key never stops invoke new."""
    if field.example is None:
        return f"{field.name}:                # {field.kind.description}"
    value = _DATE_NAME.sub(lambda found: dates[found.group(1)], field.example)
    return f"{field.name}:{value}" if value.startswith("\n") else f"{field.name}: {value}"


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
    """A key with a value the editor gave (a title, an event's slug), quoted as YAML needs."""
    return yaml.safe_dump({key: value}, allow_unicode=True, width=1000).strip()


DRAFT_LINE = "status: draft                # a draft: shown in the preview only; remove this line to publish"


def _front_matter(content_type: ContentType, given: dict[str, str], dates: dict[str, str]) -> str:
    """The required keys (what the editor gave, else their example), the keys the type fills
    in for new files, the draft line, then every other key as a commented example."""
    fields = content_type.schema.fields
    filled = [f for f in fields if f.required and f.name not in given]
    filled += [f for name in content_type.new_keys for f in fields if f.name == name and f.name not in given]
    title = {"title": given["title"]} if "title" in given else {}
    lines = [_line(key, value) for key, value in title.items()]
    lines += [example(f, dates) for f in filled if f.required]
    lines += [_line(key, value) for key, value in given.items() if key != "title"]
    lines += [example(f, dates) for f in filled if not f.required]
    lines.append(DRAFT_LINE)
    written = {*given, *(f.name for f in filled), "status"}  # status: the draft line
    if not content_type.by_pelican:
        written.add("translation")  # a translation is a file of its own, <name>.<lang>.md (new_translation)
    lines.append("# Optional keys: remove the '# ' in front of a line to use it.")
    for field in fields:
        if field.name not in written:
            lines += [f"# {line}" for line in example(field, dates).splitlines()]
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


_EVENT = CONTENT_TYPES["event"]


def _events_folder(content: Path) -> Path:
    return content / Path(_EVENT.files).parts[0]


def event_slugs(content: Path) -> list[str]:
    """The events' folder names, the latest event first (unreadable starts last, by name)."""
    folders = sorted(p.parent for p in content.glob(_EVENT.path(slug="*")))
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
    more = f" and {len(slugs) - LISTED_EVENTS} more in {_events_folder(content)}" if len(slugs) > LISTED_EVENTS else ""
    return f"the events are: {shown}{more}"


def is_event(content: Path, event: str) -> bool:
    return bool(SLUG_PATTERN.match(event)) and (content / _EVENT.path(slug=event)).is_file()


def _event_folder(content: Path, event: str) -> Path:
    if not is_event(content, event):
        raise ScaffoldError(f"there is no event {event!r} in {_events_folder(content)}: {events_list(content, event)}")
    return (content / _EVENT.path(slug=event)).parent


def _event_start(folder: Path) -> date | None:
    """The day an existing event starts, for its sessions' examples; None if unreadable."""
    try:
        index = folder / Path(_EVENT.files).name
        start = split_front_matter(index.read_text(encoding="utf-8")).metadata.get("start")
        return local_date(parse_local(str(start)))
    except (FrontMatterError, ValueError, OSError):
        return None


KINDS = tuple(NEW_FILE_TYPES)  # what `invoke new` creates: the types with a body for new files


def new_content(
    content: Path, kind: str, title: str, *, today: date, start: str | None = None, event: str | None = None
) -> NewFile:
    """Write a new content file of `kind` and return where; never overwrites a file.

    Every type is made the same way, from its registry entry (content_types.py); an event
    starts on `start` (else today), a session is in `event`'s folder and a news item may
    name an `event`."""
    if kind not in KINDS:
        raise ScaffoldError(f"{kind!r} is not something to create: use {', '.join(KINDS[:-1])} or {KINDS[-1]}")
    content_type = CONTENT_TYPES[kind]
    slug = _slug(title)
    given = {"title": title}
    day = today
    names = {"slug": slug}
    if kind == "event" and start is not None:
        day = date.fromisoformat(start)
    if kind == "session":
        if event is None:
            raise ScaffoldError("a session belongs to an event: give the event's slug first")
        folder = _event_folder(content, event)
        names["event_slug"] = folder.name
        day = _event_start(folder) or today
    elif event is not None and any(field.name == "event" for field in content_type.schema.fields):
        _event_folder(content, event)
        given["event"] = event
    path = _free(content / content_type.path(**names))
    text = _front_matter(content_type, given, example_dates(day, today)) + "\n" + content_type.new_body + "\n"
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


TRANSLATION_DRAFT_LINE = "status: draft                # remove this line once it is translated, to publish it"


def original_file(content: Path, kind: str, slug: str, event: str | None = None) -> Path:
    """The file of the item `slug` of `kind` (for news and pages: in any subfolder of theirs)."""
    content_type = CONTENT_TYPES[kind]
    if kind == "session":
        if event is None:
            raise ScaffoldError("a session belongs to an event: give its event with --event")
        folder = _event_folder(content, event)
        path = content / content_type.path(slug=slug, event_slug=folder.name)
    else:
        path = content / content_type.path(slug=slug)
    if not path.is_file() and content_type.in_subfolders:
        found = sorted(p for p in path.parent.rglob(f"{slug}.md"))
        path = found[0] if found else path
    if not path.is_file():
        what = content_type.noun
        hint = f"; {events_list(content, slug)}" if kind == "event" else ""
        raise ScaffoldError(f"there is no {what} {slug!r}: {path} does not exist{hint}")
    return path


def _words(kind_fields, values: dict) -> dict:
    """The words of raw front matter (as YAML gave it), by the schema's word flags."""
    from .schema import ListOf, Mapping

    by_name = {f.name: f for f in kind_fields}
    words: dict = {}
    for name, value in values.items():
        spec = by_name.get(name)
        if spec is None or value is None:
            continue
        if spec.word:
            words[name] = value
        elif isinstance(spec.kind, Mapping) and isinstance(value, dict):
            nested = _words(spec.kind.fields, value)
            if nested:
                words[name] = nested
        elif isinstance(spec.kind, ListOf) and isinstance(spec.kind.item, Mapping) and isinstance(value, list):
            items = [
                {"id": item["id"], **_words(spec.kind.item.fields, item)}
                for item in value
                if isinstance(item, dict) and "id" in item and _words(spec.kind.item.fields, item)
            ]
            if items:
                words[name] = items
    return words


def new_translation(
    content: Path, kind: str, slug: str, lang: str, languages: list[str], event: str | None = None
) -> NewFile:
    """Write <name>.<lang>.md beside the original of `slug`: a draft holding the original's
    words (its word keys and its text) to translate. Never overwrites a file."""
    if kind not in CONTENT_TYPES:
        kinds = list(CONTENT_TYPES)
        raise ScaffoldError(f"{kind!r} is not something to translate: use {', '.join(kinds[:-1])} or {kinds[-1]}")
    if lang not in languages[1:]:
        others = ", ".join(languages[1:]) or "none: add them to LANGUAGES in pelicanconf.py"
        if lang == languages[0]:
            raise ScaffoldError(
                f"{lang} is the site's default language: the original is in it (other languages: {others})"
            )
        raise ScaffoldError(
            f"{lang} is not one of the site's LANGUAGES ({', '.join(languages)}); other languages: {others}"
        )
    original = original_file(content, kind, slug, event)
    path = original.with_name(f"{original.name.removesuffix('.md')}.{lang}.md")
    if path.exists():
        raise ScaffoldError(f"{path} already exists: edit it")
    try:
        split = split_front_matter(original.read_text(encoding="utf-8"))
    except (FrontMatterError, UnicodeDecodeError) as error:
        raise ScaffoldError(f"{original} cannot be read ({error}): fix it first (invoke check)") from None
    words = _words(CONTENT_TYPES[kind].schema.fields, split.metadata)
    shown = yaml.safe_dump(words, sort_keys=False, allow_unicode=True, width=1000) if words else ""
    relative = original.relative_to(content).as_posix()
    text = (
        f"---\n# {lang}: a translation of {relative}. Translate the words below and the text under the\n"
        "# front matter; every other key comes from the original, and giving one here is an error.\n"
        f"{shown}{TRANSLATION_DRAFT_LINE}\n---\n{split.body}"
    )
    with open(path, "x", encoding="utf-8") as handle:
        handle.write(text)
    return NewFile(path, slug)
