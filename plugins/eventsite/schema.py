"""The front-matter keys of every content type: their types, defaults and rules.

This table is the content contract in code. `clean(content_type, front_matter, report)`
checks one file's front matter against it, reports every problem through `report`,
and returns the values converted to Python types (dates stay local and naive: the
time zone is applied when the event is known, see linking.py).

Every key carries its own example (Field.example), which `invoke new` writes into new
files (scaffold.py); the types themselves are in content_types.py.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import urlsplit

from pelican.utils import slugify

from .frontmatter import CONTROL_CHARACTERS, describe_character
from .localtime import FORMAT_HINT, LocalValue, local_date, parse_local
from .model import CallForProposals, Part, Registration, Speaker, SponsorTier, Venue
from .problems import nearest
from .zones import zone, zone_names

Report = Callable[[str, str, str | None], None]  # (key, what is wrong, how to fix it)

SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_LANG_PATTERN = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")
_INVALID = object()  # a value that was reported; the key is then left out
_LINE_BREAKS = re.compile("[\n\r\u2028\u2029]")


class Invalid(Exception):
    def __init__(self, what: str, fix: str | None = None) -> None:
        super().__init__(what)
        self.what = what
        self.fix = fix


def _yaml_kind(value: Any) -> str:
    if isinstance(value, bool):
        return "yes/no (true/false)"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a group of keys"
    return _quoted(str(value))


def _quoted(text: str) -> str:
    """A value as a message shows it: in quotes, and short."""
    return f'"{text}"' if len(text) <= 60 else f'"{text[:50]}…" ({len(text)} characters)'


def slug_suggestion(text: str) -> str:
    """The slug an editor probably meant: ASCII, lowercase, hyphens (Pelican's own slugify)."""
    return slugify(text, regex_subs=[(r"[^\w\s-]", ""), (r"[-\s_]+", "-")])


class Kind:
    """A type of value. `clean` returns the value converted, or raises Invalid."""

    description = ""

    def clean(self, value: Any, key: str, report: Report) -> Any:
        raise NotImplementedError


class Text(Kind):
    """One line of text; `paragraph`: line breaks are allowed, and joined with spaces."""

    description = "text"

    def __init__(self, paragraph: bool = False) -> None:
        self.paragraph = paragraph

    def clean(self, value, key, report):
        if isinstance(value, bool | float):
            raise Invalid(f"is {_yaml_kind(value)}, not text", 'put the value in quotes, e.g. "NO" or "3.10"')
        if isinstance(value, int):
            return str(value)
        if not isinstance(value, str):
            raise Invalid(f"must be text, not {_yaml_kind(value)}", "write it on one line after the key")
        text = value.strip()
        if not text:
            raise Invalid("is empty", "write the text, or remove the key")
        if self.paragraph and (_LINE_BREAKS.search(text) or "\t" in text):
            return " ".join(text.split())
        if _LINE_BREAKS.search(text):
            raise Invalid(
                "is more than one line",
                "write it on one line after the key, without '|' or '>' before it",
            )
        if "\t" in text:
            raise Invalid("has a tab in it", "replace the tab with a space")
        return text


class Language(Text):
    description = "a language code such as en, fr or pt-BR"

    def clean(self, value, key, report):
        text = super().clean(value, key, report)
        if not _LANG_PATTERN.match(text):
            raise Invalid(f"{_quoted(text)} is not a language code", "use a code such as en, fr, es or pt-BR")
        return text


@dataclass
class Choice(Kind):
    options: Sequence[str]

    @property
    def description(self) -> str:
        return "one of " + ", ".join(self.options)

    def clean(self, value, key, report):
        if isinstance(value, str) and value.strip().lower() in self.options:
            return value.strip().lower()
        guess = nearest(str(value), self.options) if isinstance(value, str) else None
        fix = f'did you mean "{guess}"?' if guess else "use one of them"
        raise Invalid(f"{_yaml_kind(value)} is not one of: {', '.join(self.options)}", fix)


class When(Kind):
    description = "a date (YYYY-MM-DD) or a date and time (YYYY-MM-DD HH:MM)"

    def clean(self, value, key, report):
        if not isinstance(value, str):
            raise Invalid(f"{_yaml_kind(value)} is not a date", FORMAT_HINT)
        try:
            return parse_local(value)
        except ValueError as error:
            fix = FORMAT_HINT if "is not a date or" in str(error) else "check the calendar"
            raise Invalid(str(error), fix) from None


# In tzdata but the zone of no place: "Factory", its zone for "not set yet" (named "-00").
_NOT_PLACES = frozenset({"Factory"})


class TimeZoneName(Kind):
    description = "an IANA time zone name such as Europe/Helsinki"

    def clean(self, value, key, report):
        name = value.strip() if isinstance(value, str) else value
        if isinstance(name, str) and name in _NOT_PLACES:
            raise Invalid(
                f"{_quoted(value)} is the time zone of no place",
                "use the zone of the event's city, e.g. Europe/Helsinki or Africa/Nairobi",
            )
        if isinstance(name, str) and name in zone_names():
            zone(name)  # loads now, so that a broken zone fails here, not mid-build
            return name
        if isinstance(value, str) and re.match(r"^\s*(UTC|GMT)\s*[+-]\s*\d", value, re.IGNORECASE):
            # An offset is not a zone: it does not follow the place's summer time.
            raise Invalid(
                f"{_quoted(value)} is an offset from UTC, not a time zone",
                "use the zone of the event's city, e.g. Europe/Helsinki or Africa/Nairobi",
            )
        guess = nearest(str(value), zone_names() - _NOT_PLACES) if isinstance(value, str) else None
        fix = f'did you mean "{guess}"?' if guess else "use a name such as Europe/Helsinki or Asia/Phnom_Penh"
        raise Invalid(f"{_yaml_kind(value)} is not a known time zone", fix)


class HttpsURL(Kind):
    description = "a full web address starting with https://"
    allow_http = False

    def clean(self, value, key, report):
        if not isinstance(value, str):
            raise Invalid(f"{_yaml_kind(value)} is not a web address", "write the full address, starting with https://")
        text = value.strip()
        parts = urlsplit(text)
        if parts.scheme == "http" and self.allow_http and parts.hostname:
            return text
        if parts.scheme == "http":
            raise Invalid(f"{_quoted(text)} is not a secure address", "use the address that starts with https://")
        if parts.scheme != "https" or not parts.hostname or any(c.isspace() for c in text):
            raise Invalid(
                f"{_quoted(text)} is not an absolute https address",
                "copy the full address from the browser's address bar, starting with https://",
            )
        return text


class WebURL(HttpsURL):
    description = "a full web address starting with https:// (or http://)"
    allow_http = True


class URLOrFile(Kind):
    """An https address, or the name of a file in the event's folder (linking.py checks it is there)."""

    description = "a full web address starting with https://, or a file in the event's folder"

    def clean(self, value, key, report):
        if isinstance(value, str) and ("://" in value or value.strip().lower().startswith(("http:", "www."))):
            return HttpsURL().clean(value, key, report)
        try:
            return FileName().clean(value, key, report)
        except Invalid as error:
            raise Invalid(
                error.what,
                "write the full address starting with https://, or the name of a file in the event's folder",
            ) from None


class Slug(Kind):
    description = "a slug: lowercase letters, digits and hyphens"

    def clean(self, value, key, report):
        if isinstance(value, str) and SLUG_PATTERN.match(value.strip()):
            return value.strip()
        if isinstance(value, str | int) and not isinstance(value, bool):
            suggestion = slug_suggestion(str(value))
            fix = f'write "{suggestion}"' if suggestion else "use lowercase letters, digits and hyphens"
            raise Invalid(f"{_quoted(str(value))} is not a slug (lowercase letters, digits and hyphens)", fix)
        raise Invalid(f"{_yaml_kind(value)} is not a slug", "write the slug, e.g. cpj")


@dataclass
class ListOf(Kind):
    """A list; a single item is accepted as a list of one."""

    item: Kind

    @property
    def description(self) -> str:
        return f"a list; each item {self.item.description}"

    def clean(self, value, key, report):
        items = value if isinstance(value, list) else [value]
        cleaned = []
        for number, item in enumerate(items, start=1):
            item_key = f"{key}[{number}]" if isinstance(value, list) else key
            result = clean_value(self.item, item, item_key, report)
            if result is not _INVALID:
                cleaned.append(result)
        return tuple(cleaned)


class Integer(Kind):
    description = "a whole number"

    def clean(self, value, key, report):
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        raise Invalid(f"{_yaml_kind(value)} is not a whole number", "write a number such as 1, 2 or 10")


class Boolean(Kind):
    description = "true or false"

    def clean(self, value, key, report):
        if isinstance(value, bool):
            return value
        raise Invalid(f"{_yaml_kind(value)} is not true or false", "write true or false, without quotes")


@dataclass
class Number(Kind):
    low: float
    high: float
    example: str = "60.1699"  # what the fix shows: a number as this key takes it

    @property
    def description(self) -> str:
        return f"a number from {self.low:g} to {self.high:g}"

    def clean(self, value, key, report):
        if isinstance(value, int | float) and not isinstance(value, bool) and self.low <= value <= self.high:
            return float(value)
        raise Invalid(f"{_yaml_kind(value)} is not {self.description}", f"write a number, e.g. {self.example}")


class Currency(Kind):
    description = "a three-letter currency code such as EUR, USD or KHR"

    def clean(self, value, key, report):
        if isinstance(value, str) and re.fullmatch(r"[A-Za-z]{3}", value.strip()):
            return value.strip().upper()
        raise Invalid(f"{_yaml_kind(value)} is not a currency code", "write its three letters, e.g. EUR or USD")


class FileName(Kind):
    description = "a file name, in the same folder as this file"

    def clean(self, value, key, report):
        if not isinstance(value, str) or not value.strip():
            raise Invalid(f"{_yaml_kind(value)} is not a file name", "write the file's name, e.g. banner.jpg")
        name = value.strip()
        if name.startswith("/") or ".." in name.split("/") or "://" in name:
            raise Invalid(
                f"{_quoted(name)} is not a file in this folder",
                "put the file next to this Markdown file and write just its name",
            )
        return name


Rule = Callable[[dict[str, Any], str, Report], None]

# Texts of new files that stand for the editor's own (examples marked with placeholder(),
# and the bodies of content_types.py): left in a published file, they are warned about.
PLACEHOLDERS: set[str] = set()


def placeholder(text: str) -> str:
    """`text`, remembered as one the editor is meant to replace."""
    PLACEHOLDERS.add(text)
    return text


@dataclass
class Field:
    name: str
    kind: Kind
    required: bool = False
    default: Any = None
    doc: str = ""
    # What `invoke new` writes after "name: " (commented out, unless the key is required);
    # a value that starts with a line break is a block of indented lines. {day}, {next_day},
    # {opens}, {closes} and {today} are dates that fit the new file (scaffold.example_dates).
    example: str | None = None
    # A word: text a translation gives in its own language (content-contract.md, "Translations");
    # every other key of a translation comes from its original (see WORDS below).
    word: bool = False


@dataclass
class Mapping(Kind):
    """A group of keys: each known, typed, and required or defaulted; `build` makes the object."""

    fields: Sequence[Field]
    rules: Sequence[Rule] = ()
    build: Callable[..., Any] | None = None
    description: str = "a group of keys"
    _by_name: dict[str, Field] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._by_name = {f.name: f for f in self.fields}

    def clean(self, value, key, report):
        if not isinstance(value, dict):
            raise Invalid(
                f"must be a group of keys, not {_yaml_kind(value)}",
                f"write the keys indented under it: {', '.join(self._by_name)}",
            )
        prefix = f"{key}." if key else ""
        cleaned: dict[str, Any] = {}
        counted = _Counter(report)
        for name, raw in value.items():
            if not isinstance(name, str):
                counted(f"{prefix}{name}", "is not a word, so it cannot be a key", "write a key such as title:")
                continue
            if name not in self._by_name:
                guess = nearest(str(name), self._by_name)
                fix = f'did you mean "{guess}"?' if guess else "valid keys are " + ", ".join(self._by_name)
                shown = name if name.strip() else f'"{name}"'  # a key of no letters at all
                counted(f"{prefix}{shown}", "is not a key this file can have", fix)
                continue
            if raw is None:  # "key:" with nothing after it: as if absent
                continue
            result = clean_value(self._by_name[name].kind, raw, f"{prefix}{name}", counted)
            if result is not _INVALID:
                cleaned[name] = result
        for spec in self.fields:
            if spec.name in cleaned:
                continue
            if spec.required and (value.get(spec.name) is None):
                counted(
                    f"{prefix}{spec.name}",
                    "is missing",
                    f"add a line '{spec.name}: …', with {spec.kind.description}",
                )
            elif spec.default is not None:
                cleaned[spec.name] = spec.default
        if counted.count:
            raise _AlreadyReported
        for rule in self.rules:
            rule(cleaned, prefix, counted)
        if counted.count:
            raise _AlreadyReported
        return self.build(**cleaned) if self.build else cleaned


class _AlreadyReported(Exception):
    """The value's own problems were reported key by key; leave it out."""


class _Counter:
    """Passes problems on, counting them, so a group knows whether its keys were all valid."""

    def __init__(self, report: Report) -> None:
        self.report = report
        self.count = 0

    def __call__(self, key: str, what: str, fix: str | None = None) -> None:
        self.count += 1
        self.report(key, what, fix)


def clean_value(kind: Kind, value: Any, key: str, report: Report) -> Any:
    if isinstance(value, str) and (found := CONTROL_CHARACTERS.search(value)):
        before = value[: found.start()].strip()[-20:]
        where = f" after {_quoted(before)}" if before else ""
        report(
            key,
            f"has an invisible character ({describe_character(found.group())}){where}",
            "delete it, or type the text again: it often comes with text pasted from another program",
        )
        return _INVALID
    try:
        return kind.clean(value, key, report)
    except Invalid as error:
        report(key, error.what, error.fix)
    except _AlreadyReported:
        pass
    return _INVALID


# Rules that need several keys of one file ---------------------------------------------


def ends_after_start(start: str = "start", end: str = "end", end_needs_start: bool = True) -> Rule:
    def rule(values: dict, prefix: str, report: Report) -> None:
        first, last = values.get(start), values.get(end)
        if last is not None and first is None and end_needs_start:
            report(f"{prefix}{end}", f"is given without {start}", f"add {prefix}{start}, or remove {prefix}{end}")
        elif first is not None and last is not None and not not_before(last, first):
            report(
                f"{prefix}{end}",
                f"{_show(last)} is before {start} {_show(first)}",
                f"make {end} the same as {start} or later",
            )

    return rule


def not_before(later: LocalValue, earlier: LocalValue) -> bool:
    """A date alone means the whole day, so an end date equal to the start date is fine."""
    if hasattr(later, "hour") and hasattr(earlier, "hour"):
        return later >= earlier
    return local_date(later) >= local_date(earlier)


def _show(value: LocalValue) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if hasattr(value, "hour") else value.isoformat()


def together(first: str, second: str) -> Rule:
    def rule(values: dict, prefix: str, report: Report) -> None:
        if (first in values) != (second in values):
            given, missing = (first, second) if first in values else (second, first)
            report(f"{prefix}{missing}", f"is missing: {prefix}{given} needs it", f"add {prefix}{missing}")

    return rule


def price_needs_currency(values: dict, prefix: str, report: Report) -> None:
    price, currency = values.get("price"), values.get("currency")
    if price and currency is None:
        report(f"{prefix}currency", "is missing: a price needs its currency", f"add {prefix}currency, e.g. EUR")
    elif currency is not None and price is None:
        report(f"{prefix}price", f"is missing: {prefix}currency is given without it", f"add {prefix}price (0: free)")


def logo_needs_alt(values: dict, prefix: str, report: Report) -> None:
    if "logo" in values and "logo_alt" not in values:
        report(
            f"{prefix}logo_alt",
            "is missing: a logo needs a text alternative for people who cannot see it",
            "add logo_alt: what the logo says, most often the organisation's name",
        )


def edition_needs_series(values: dict, prefix: str, report: Report) -> None:
    if "edition" in values and "series" not in values:
        report(
            f"{prefix}edition",
            "is given without series: an edition is one of a series",
            "add series: the slug of its series (series/<slug>.md), or remove edition",
        )


def each_sponsor_once(values: dict, prefix: str, report: Report) -> None:
    """An organisation sponsors an event in one tier, and is named there once."""
    first: dict[str, str] = {}
    for number, tier in enumerate(values.get("sponsors", ()), start=1):
        for place, slug in enumerate(tier.organizations, start=1):
            if slug in first:
                report(
                    f"{prefix}sponsors[{number}].organizations[{place}]",
                    f'"{slug}" is a sponsor in {first[slug]} already',
                    "name each sponsor once, in its tier",
                )
            else:
                first[slug] = f'the tier "{tier.tier}"'


def _tier_names_sponsors(values: dict, prefix: str, report: Report) -> None:
    if "organizations" in values and not values["organizations"]:
        report(
            f"{prefix}organizations",
            "is empty: a tier names at least one organisation",
            "add the slugs of its sponsors, e.g. [cpj], or remove the tier",
        )


def each_room_once(values: dict, prefix: str, report: Report) -> None:
    """The programme's columns: a room listed twice would be two columns of one room."""
    seen: set[str] = set()
    for number, room in enumerate(values.get("rooms", ()), start=1):
        if room.casefold() in seen:
            report(f"{prefix}rooms[{number}]", f'"{room}" is listed already', "list each room once")
        seen.add(room.casefold())


def image_needs_alt(values: dict, prefix: str, report: Report) -> None:
    if "image" in values and "image_alt" not in values:
        report(
            f"{prefix}image_alt",
            "is missing: an image needs a text alternative for people who cannot see it",
            "add image_alt: a short description of what the image shows",
        )


# The content types ---------------------------------------------------------------------

AUDIENCES = ("public", "members", "invitation")
EVENT_KINDS = ("conference", "meeting", "workshop", "webinar", "other")
EVENT_STATUSES = ("scheduled", "cancelled", "postponed", "rescheduled", "moved-online")
STATUSES = ("published", "draft", "hidden")


def _pelican_fields() -> list[Field]:
    """Pelican's own keys, with their Pelican meaning, on every content type."""
    return [
        Field(
            "status",
            Choice(STATUSES),
            default="published",
            doc="draft: not published; hidden: published but not listed",
            example="draft                # draft: not published; hidden: published, listed nowhere",
        ),
        Field(
            "lang",
            Language(),
            doc="the language of this file, if not the site's; a translation's is in its name (<name>.<lang>.md)",
            example="fr",
        ),
        Field(
            "translation",
            Boolean(),
            doc="a translation is a file <name>.<lang>.md beside its original (docs/editing.md); "
            "news and pages may also say true here, with the original's slug",
            example="true",
        ),
        Field("date", When(), doc="when this was first published", example="{today}"),
        Field("modified", When(), doc="when this was last changed", example="{today}"),
        Field("slug", Slug(), doc="overrides the slug taken from the file or folder name", example="another-address"),
    ]


VENUE = Mapping(
    [
        Field("name", Text(), doc="the building or venue"),
        Field("address", Text(), doc="street address"),
        Field("city", Text(), required=True),
        Field("country", Text(), required=True),
        Field("url", WebURL(), doc="the venue's own web page"),
        Field("lat", Number(-90, 90), doc="latitude, for a map link"),
        Field("lon", Number(-180, 180, example="24.9384"), doc="longitude, for a map link"),
    ],
    rules=[together("lat", "lon")],
    build=Venue,
    description="name, address, city, country, url, lat, lon",
)

NO_REGISTRATION = "none"  # `registration: none`: the editor says no one needs to register


@dataclass
class RegistrationOrNone(Mapping):
    """The registration form's keys, or the word `none`: no one needs to register."""

    def clean(self, value, key, report):
        if isinstance(value, str) and value.strip().lower() == NO_REGISTRATION:
            return NO_REGISTRATION
        if isinstance(value, dict):
            return super().clean(value, key, report)
        # `registration: no` is YAML's false
        said = f'"{"yes" if value else "no"}" ({str(value).lower()})' if isinstance(value, bool) else _yaml_kind(value)
        raise Invalid(
            f"{said} is not a registration",
            'did you mean "registration: none", when no one needs to register? '
            "Else give the form's keys indented under it: url, opens, closes…",
        )


REGISTRATION = RegistrationOrNone(
    [
        Field("url", HttpsURL(), required=True, doc="the external registration form"),
        Field("opens", When(), doc="when registration opens; before it: 'Registration opens <date>'"),
        Field(
            "closes",
            When(),
            doc="when registration closes; default: the event's start; a date alone: the end of that day",
        ),
        Field("label", Text(), default="Register", doc="the button's text"),
        Field("note", Text(paragraph=True), doc="what the form will ask of people, shown beside the button"),
        Field("state", Choice(("open", "waitlist", "full")), doc="an override while registration is open"),
        Field(
            "price",
            Number(0, 999999, example="25, or 0 when it is free"),
            doc="the lowest price to register, in `currency`; 0: free. Without it search engines are told no price",
        ),
        Field("currency", Currency(), doc="the price's currency; needed with a price other than 0"),
    ],
    rules=[ends_after_start("opens", "closes", end_needs_start=False), price_needs_currency],
    build=Registration,
    description="none, or the form's keys: url, opens, closes, label, note, state, price, currency",
)

CALL_FOR_PROPOSALS = Mapping(
    [
        Field("url", HttpsURL(), required=True, doc="where proposals are submitted"),
        Field("opens", When(), doc="when the call opens; before it: 'Proposals open <date>'"),
        Field(
            "closes",
            When(),
            doc="when the call closes; default: the event's start; a date alone: the end of that day",
        ),
        Field("note", Text(paragraph=True), doc="what the call asks for, shown beside the button"),
    ],
    rules=[ends_after_start("opens", "closes", end_needs_start=False)],
    build=CallForProposals,
    description="url, opens, closes, note",
)

PART = Mapping(
    [
        Field("id", Slug(), required=True, doc="how sessions name this part (their `part` key)"),
        Field("title", Text(), required=True),
        Field("start", When()),
        Field("end", When()),
        Field("audience", Choice(AUDIENCES)),
        Field("summary", Text(paragraph=True)),
    ],
    rules=[ends_after_start()],
    build=Part,
    description="id, title, start, end, audience, summary",
)

SPONSOR_TIER = Mapping(
    [
        Field("tier", Text(), required=True, doc="the tier's name, shown as its heading, e.g. Gold"),
        Field("organizations", ListOf(Slug()), required=True, doc="its sponsors: organisations' slugs"),
    ],
    rules=[_tier_names_sponsors],
    build=SponsorTier,
    description="tier (its name) and organizations (their slugs)",
)


def _name_or_person(values: dict, prefix: str, report: Report) -> None:
    """A speaker is a name (with an organisation), or a person of people/ (whose file says the rest)."""
    if "person" not in values:
        if "name" not in values:
            report(f"{prefix}name", "is missing", "add name: the speaker's name, or person: a slug of people/")
        return
    for key in ("name", "organization"):
        if key in values:
            report(
                f"{prefix}{key}",
                "is given with person: the person's own file in people/ says it",
                f"remove {prefix}{key}, or person",
            )


_SPEAKER_MAP = Mapping(
    [
        Field("name", Text(), doc="required without person"),
        Field("organization", Text(), doc="an organisation's slug (linked), or its name"),
        Field("role", Text(), doc="e.g. chair, moderator"),
        Field("person", Slug(), doc="a person's slug (people/<slug>.md), instead of name and organization"),
    ],
    rules=[_name_or_person],
    build=Speaker,
    description="name, organization, role; or person and role",
)


class SpeakerKind(Kind):
    description = "a name, or a map: name, organization and role, or person (a slug of people/) and role"

    def clean(self, value, key, report):
        if isinstance(value, dict):
            return _SPEAKER_MAP.clean(value, key, report)
        return Speaker(name=Text().clean(value, key, report))


EVENT = Mapping(
    [
        Field("title", Text(), required=True),
        Field("kind", Choice(EVENT_KINDS), required=True, example="meeting"),
        Field("start", When(), required=True, doc="local time at the event", example="{day}"),
        Field("end", When(), doc="defaults to start; never before start", example="{next_day} 17:30"),
        Field("timezone", TimeZoneName(), doc="defaults to the site's TIMEZONE", example="Europe/Helsinki"),
        Field(
            "summary",
            Text(paragraph=True),
            doc="one or two sentences; default: the first paragraph",
            example=placeholder("One or two sentences for lists, feeds and search engines."),
        ),
        Field(
            "audience", Choice(AUDIENCES), default="public", example="public            # public, members or invitation"
        ),
        Field(
            "venue",
            VENUE,
            doc="a venue has at least city and country",
            example=f"\n  name: {placeholder('Conference centre')}\n  address: {placeholder('Main street 1')}\n"
            f"  city: Helsinki\n  country: Finland\n  url: {placeholder('https://venue.example.org')}\n"
            "  lat: 60.1699\n  lon: 24.9384",
        ),
        Field(
            "online",
            HttpsURL(),
            doc="an online event or stream; with a venue, a mixed event",
            example=placeholder("https://stream.example.org/our-event"),
        ),
        Field(
            "host",
            ListOf(Slug()),
            doc="an organisation's slug, or a list of them",
            example="ifex                   # an organisation's slug, or a list: [ifex, cchr]",
        ),
        Field("partners", ListOf(Slug()), doc="organisations' slugs", example="[cpj]"),
        Field("campaigns", ListOf(Slug()), doc="campaigns' slugs", example="[no-impunity]"),
        Field(
            "registration",
            REGISTRATION,
            doc="none: the page says no one needs to register; without the key: no button, and nothing said",
            example=f"\n  url: {placeholder('https://forms.example.org/register')}\n"
            "  opens: {opens}\n"
            "  closes: {closes}\n  label: Register\n"
            f"  note: {placeholder('The form asks for your name and organisation.')}\n"
            "  state: open                # open, waitlist or full, while registration is open",
        ),
        Field(
            "call_for_proposals",
            CALL_FOR_PROPOSALS,
            doc="a call for proposals: not open yet, open (its button), closed; not shown once the event is over",
            example=f"\n  url: {placeholder('https://forms.example.org/proposals')}\n"
            "  opens: {opens}\n  closes: {closes}\n"
            f"  note: {placeholder('Send a title and a few lines about your session.')}",
        ),
        Field(
            "recordings",
            HttpsURL(),
            doc="the playlist of the event's recordings, shown once it is given",
            example=placeholder("https://video.example.org/playlists/our-event"),
        ),
        Field(
            "rooms",
            ListOf(Text()),
            doc="the rooms, in the order the programme shows them as columns; a session's room must be one of them",
            example="[Main hall, Room 2]",
        ),
        Field(
            "parts",
            ListOf(PART),
            doc="an event made of parts",
            example="\n  - id: members-day\n    title: Members' day\n    start: {day}\n    end: {day}\n"
            "    audience: members\n    summary: For members only.",
        ),
        Field(
            "event_status",
            Choice(EVENT_STATUSES),
            default="scheduled",
            example="scheduled     # scheduled, cancelled, postponed, rescheduled, moved-online",
        ),
        Field(
            "sponsors",
            ListOf(SPONSOR_TIER),
            doc="its sponsors, tier by tier in the order to show them (the first tier's logos are the largest)",
            example="\n  - tier: Gold\n    organizations: [ifex]\n  - tier: Friends\n    organizations: [cpj]",
        ),
        Field(
            "series",
            Slug(),
            doc="the series this event is an edition of: a slug of series/",
            example="general-meeting        # a slug of series/",
        ),
        Field("edition", Text(), doc='which edition of its series, e.g. "2013"; needs series', example='"2027"'),
        Field(
            "image",
            FileName(),
            doc="a file in the event's folder",
            example="banner.jpg            # a file in this folder",
        ),
        Field("image_alt", Text(), doc="required with image", example=placeholder("What the image shows")),
        Field("tags", ListOf(Text()), example="[impunity, campaigns]"),
        Field(
            "organizers",
            ListOf(Slug()),
            doc="the people who organise it: slugs of people/",
            example="[ann-example]         # slugs of people/",
        ),
        *_pelican_fields(),
    ],
    rules=[ends_after_start(), image_needs_alt, edition_needs_series, each_sponsor_once, each_room_once],
)

SESSION = Mapping(
    [
        Field("title", Text(), required=True),
        Field("start", When(), doc="in the event's time zone; none: time to be announced", example="{day} 09:00"),
        Field("end", When(), example="{day} 10:30"),
        Field(
            "order",
            Integer(),
            doc="position among sessions with the same start",
            example="1                     # among sessions with the same start",
        ),
        Field(
            "part",
            Slug(),
            doc="the id of one of the event's parts",
            example="members-day            # the id of one of the event's parts",
        ),
        Field(
            "format",
            Text(),
            doc="talk, panel, workshop, plenary, networking, social…; break: a pause, shown in the programme, "
            "with no page and no calendar entry",
            example="panel                 # break: a pause, with no page of its own",
        ),
        Field("room", Text(), doc="one of its event's rooms, when the event lists them", example="Main hall"),
        Field(
            "track",
            Text(),
            doc="the programme's colour and legend follow it (else the format)",
            example="Safety",
        ),
        Field(
            "speakers",
            ListOf(SpeakerKind()),
            example=f"\n  - {placeholder('Ann Example')}\n  - name: {placeholder('Bo Example')}\n"
            "    organization: cpj\n    role: chair\n"
            "  - person: cy-example        # a slug of people/\n    role: moderator",
        ),
        Field("campaigns", ListOf(Slug()), example="[no-impunity]"),
        Field(
            "audience",
            Choice(AUDIENCES),
            doc="defaults to its part's, then its event's",
            example="members           # default: its part's, then its event's",
        ),
        Field("summary", Text(paragraph=True), example=placeholder("One or two sentences about the session.")),
        Field(
            "online",
            HttpsURL(),
            doc="the session's live stream; shown until the event is over",
            example=placeholder("https://stream.example.org/our-session"),
        ),
        Field(
            "recording",
            HttpsURL(),
            doc="the session's recording, once it is published",
            example=placeholder("https://video.example.org/our-session"),
        ),
        Field(
            "slides",
            URLOrFile(),
            doc="the session's slides: an https address, or a file in the event's folder (PDF, PPTX, ODP…)",
            example="slides.pdf            # a file in the event's folder, or an https address",
        ),
        *_pelican_fields(),
    ],
    rules=[ends_after_start()],
)

CAMPAIGN = Mapping(
    [
        Field("title", Text(), required=True),
        Field("organization", Slug(), doc="the organisation running it", example="ifex"),
        Field("website", HttpsURL(), doc="its own page elsewhere", example=placeholder("https://campaign.example.org")),
        Field("summary", Text(paragraph=True), example=placeholder("One or two sentences about the campaign.")),
        Field(
            "image",
            FileName(),
            doc="a file in the campaigns folder",
            example="campaign.jpg          # a file in the campaigns folder",
        ),
        Field("image_alt", Text(), doc="required with image", example=placeholder("What the image shows")),
        *_pelican_fields(),
    ],
    rules=[image_needs_alt],
)

ORGANIZATION = Mapping(
    [
        Field("title", Text(), required=True),
        Field("short", Text(), doc="an abbreviation such as CPJ", example="CPJ"),
        Field("website", HttpsURL(), example=placeholder("https://organisation.example.org")),
        Field("country", Text(), example="Canada"),
        Field("member", Boolean(), default=False, doc="a member of the network", example="true"),
        Field("summary", Text(paragraph=True), example=placeholder("One or two sentences about the organisation.")),
        Field(
            "logo",
            FileName(),
            doc="a file beside this one, in organizations/ (PNG, JPEG or WebP; no SVG)",
            example="cpj.png               # a file in the organizations folder",
        ),
        Field("logo_alt", Text(), doc="required with logo", example=placeholder("The organisation's name")),
        *_pelican_fields(),
    ],
    rules=[logo_needs_alt],
)

SERIES = Mapping(
    [
        Field("title", Text(), required=True),
        Field(
            "summary",
            Text(paragraph=True),
            example=placeholder("One or two sentences about the series: what comes back, and how often."),
        ),
        Field("organization", Slug(), doc="the organisation behind the series", example="ifex"),
        *_pelican_fields(),
    ]
)


def photo_needs_alt(values: dict, prefix: str, report: Report) -> None:
    if "photo" in values and "photo_alt" not in values:
        report(
            f"{prefix}photo_alt",
            "is missing: a photo needs a text alternative for people who cannot see it",
            "add photo_alt: a short description of the photo, e.g. Ann Example, smiling, in a blue jacket",
        )


PERSON = Mapping(
    [
        Field("title", Text(), required=True, doc="the person's name as shown"),
        Field("pronouns", Text(), example="she/her"),
        Field("role", Text(), doc='e.g. "Director"', example="Director"),
        Field(
            "organization",
            Text(),
            doc="an organisation's slug (linked), or its name",
            example="cpj                   # an organisation's slug, or its name",
        ),
        Field(
            "photo",
            FileName(),
            doc="a file beside this one, in people/",
            example="ann-example.jpg       # a file in the people folder",
        ),
        Field("photo_alt", Text(), doc="required with photo", example=placeholder("What the photo shows")),
        Field("website", HttpsURL(), example=placeholder("https://person.example.org")),
        Field(
            "links",
            ListOf(HttpsURL()),
            doc="Mastodon, Bluesky, LinkedIn, GitHub…: the site names each service from its address",
            example=f"\n  - {placeholder('https://mastodon.social/@example')}\n"
            f"  - {placeholder('https://www.linkedin.com/in/example')}",
        ),
        *_pelican_fields(),
    ],
    rules=[photo_needs_alt],
)

NEWS = Mapping(
    [
        Field("title", Text(), required=True),
        Field(
            "event",
            Slug(),
            doc="the event this announcement is about",
            example="my-event             # the slug of the event this is about",
        ),
        Field("summary", Text(paragraph=True), example=placeholder("One or two sentences for lists and feeds.")),
        Field("tags", ListOf(Text()), example="[announcement]"),
        Field("author", Text(), example="Communications team"),
        *[f for f in _pelican_fields() if f.name != "date"],
        Field("date", When(), required=True, doc="when this was published", example="{today}"),
    ]
)

PAGE = Mapping(
    [
        Field("title", Text(), required=True),
        Field("summary", Text(paragraph=True)),
        *_pelican_fields(),
    ]
)


# Translations ----------------------------------------------------------------------------
# The keys that are words, type by type (content-contract.md, "Translations"): a
# translation (<name>.<lang>.md) gives these, in its language, and the body; every other
# key comes from its original. Parts are matched by their id.
_WORDS = ("title", "summary", "image_alt", "photo_alt", "logo_alt")
for _mapping, _names in (
    *((m, _WORDS) for m in (EVENT, SESSION, CAMPAIGN, ORGANIZATION, PERSON, SERIES, NEWS, PAGE)),
    (VENUE, ("name", "address")),
    (REGISTRATION, ("label", "note")),
    (CALL_FOR_PROPOSALS, ("note",)),
    (PART, ("title", "summary")),
):
    for _field in _mapping.fields:
        _field.word = _field.word or _field.name in _names

# What a translation may say besides its words: whether it is published, and what it is.
_TRANSLATION_KEYS = ("status", "lang", "translation")
_PART_KEY = "id"  # how a translation names the part it translates


def _translation_kind(kind: Kind, top: bool = False) -> Kind | None:
    """The keys of `kind` a translation may give: its words (and a part's id), none required."""
    if isinstance(kind, ListOf):
        item = _translation_kind(kind.item)
        return ListOf(item) if item is not None else None
    if not isinstance(kind, Mapping):
        return None
    fields = []
    for spec in kind.fields:
        nested = _translation_kind(spec.kind)
        if spec.word:
            fields.append(Field(spec.name, spec.kind, doc=spec.doc, word=True))
        elif nested is not None:
            fields.append(Field(spec.name, nested, doc=spec.doc))
        elif spec.name == _PART_KEY and kind is PART:
            fields.append(Field(spec.name, spec.kind, required=True, doc=spec.doc))
        elif top and spec.name in _TRANSLATION_KEYS:
            fields.append(Field(spec.name, spec.kind, doc=spec.doc))
    if not any(f.word or isinstance(f.kind, Mapping | ListOf) for f in fields):
        return None
    names = ", ".join(f.name for f in fields)
    return Mapping(fields, description=names)


_TRANSLATION_SCHEMAS: dict[str, Mapping] = {}


def translation_schema(content_type: str) -> Mapping:
    """The keys a translation of `content_type` may have: its words, status, lang, translation."""
    if content_type not in _TRANSLATION_SCHEMAS:
        from .content_types import CONTENT_TYPES

        _TRANSLATION_SCHEMAS[content_type] = _translation_kind(CONTENT_TYPES[content_type].schema, top=True)
    return _TRANSLATION_SCHEMAS[content_type]


def word_keys(content_type: str) -> list[str]:
    """The words of a type, as the docs and messages name them: title, registration.label, parts[].title."""
    from .content_types import CONTENT_TYPES

    found: list[str] = []

    def walk(kind: Kind, prefix: str) -> None:
        if isinstance(kind, ListOf):
            walk(kind.item, f"{prefix}[]")
        elif isinstance(kind, Mapping):
            for spec in kind.fields:
                name = f"{prefix}.{spec.name}" if prefix else spec.name
                if spec.word:
                    found.append(name)
                else:
                    walk(spec.kind, name)

    walk(CONTENT_TYPES[content_type].schema, "")
    return found


def _only_words(kind: Kind, words: Kind | None, value: Any, prefix: str, origin: str, report: Report) -> Any:
    """`value` without the keys of the original's schema that are not words, each reported:
    they come from the original (`origin`), and a translation cannot change them."""
    if isinstance(kind, ListOf) and isinstance(words, ListOf) and isinstance(value, list):
        return [
            _only_words(kind.item, words.item, item, f"{prefix}[{number}]", origin, report)
            for number, item in enumerate(value, start=1)
        ]
    if not (isinstance(kind, Mapping) and isinstance(words, Mapping) and isinstance(value, dict)):
        return value
    dot = f"{prefix}." if prefix else ""
    kept = {}
    for name, raw in value.items():
        if isinstance(name, str) and name in kind._by_name and name not in words._by_name:
            report(
                f"{dot}{name}",
                f"a translation holds only words; {dot}{name} comes from {origin}",
                "remove it here",
            )
            continue
        if isinstance(name, str) and name in words._by_name:
            raw = _only_words(kind._by_name[name].kind, words._by_name[name].kind, raw, f"{dot}{name}", origin, report)
        kept[name] = raw
    return kept


def clean_translation(
    content_type: str, front_matter: dict[str, Any], origin: str, lang: str, report: Report
) -> dict[str, Any] | None:
    """A translation's words, checked (see translation_schema); None when any problem was reported.
    `origin` is its original's file, which messages name; `lang` the language of its file name."""
    from .content_types import CONTENT_TYPES

    counted = _Counter(report)
    words = translation_schema(content_type)
    if not isinstance(front_matter, dict):
        front_matter = {}
    stripped = _only_words(CONTENT_TYPES[content_type].schema, words, front_matter, "", origin, counted)
    result = clean_value(words, stripped, "", counted)
    if result is _INVALID or counted.count:
        return None
    if "lang" in result and result["lang"] != lang:
        counted(
            "lang",
            f'is "{result["lang"]}", but the file\'s name says {lang}',
            "remove the line: the name of a translation says its language",
        )
    if result.get("translation") is False:
        counted("translation", "is false in a translation", "remove the line: the file's name makes it a translation")
    return None if counted.count else result


def merge_translation(
    original: dict[str, Any], words: dict[str, Any], lang: str, origin: str, report: Report
) -> tuple[dict[str, Any], dict[str, str]] | None:
    """The translated item's values: the original's, with the translation's words in place
    (nested words by dataclasses.replace; parts matched by id). Also {word key: language}
    of every word it has, so that words left in the original's language can be marked.
    None when a word has nothing to translate in the original (reported)."""
    counted = _Counter(report)
    merged = dict(original)
    source_lang = original.get("lang")  # None: the site's default; the caller knows it
    said: dict[str, str] = {}
    for name, value in words.items():
        if name in ("lang", "translation"):
            continue
        if name == "status":
            merged[name] = value
            continue
        base = original.get(name)
        if isinstance(value, dict):  # registration, call_for_proposals, venue
            if base is None or base == NO_REGISTRATION:
                counted(name, f"{origin} has no {name} whose words to translate", f"remove {name} here")
                continue
            merged[name] = replace(base, **value)
            said.update({f"{name}.{key}": lang for key in value})
        elif name == "parts":
            parts = list(base or ())
            index = {part.id: number for number, part in enumerate(parts)}
            for number, part_words in enumerate(value, start=1):
                part_id = part_words[_PART_KEY]
                if part_id not in index:
                    guess = nearest(part_id, index)
                    fix = f'did you mean "{guess}"?' if guess else "use the id of one of its parts"
                    counted(f"parts[{number}].id", f'{origin} has no part "{part_id}"', fix)
                    continue
                changes = {key: text for key, text in part_words.items() if key != _PART_KEY}
                parts[index[part_id]] = replace(parts[index[part_id]], **changes)
                said.update({f"parts.{part_id}.{key}": lang for key in changes})
            merged["parts"] = tuple(parts)
        else:
            merged[name] = value
            said[name] = lang
    if counted.count:
        return None
    merged["lang"], merged["translation"] = lang, True
    words_lang = {key: source_lang for key in _words_of(original)}
    words_lang.update(said)
    return merged, words_lang


def _words_of(values: dict[str, Any]) -> list[str]:
    """The word keys an item's values have (as merge_translation names them)."""
    found = [key for key in _WORDS if key in values]
    for name, keys in (
        ("venue", ("name", "address")),
        ("registration", ("label", "note")),
        ("call_for_proposals", ("note",)),
    ):
        value = values.get(name)
        found += [f"{name}.{key}" for key in keys if getattr(value, key, None) is not None]
    for part in values.get("parts", ()):
        found += [f"parts.{part.id}.{key}" for key in ("title", "summary") if getattr(part, key, None) is not None]
    return found


def __getattr__(name: str):
    """SCHEMAS: each content type's schema, by its name, from the registry (content_types.py)."""
    if name == "SCHEMAS":
        from .content_types import CONTENT_TYPES

        return {type_name: content_type.schema for type_name, content_type in CONTENT_TYPES.items()}
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def clean(content_type: str, front_matter: dict[str, Any], report: Report) -> dict[str, Any] | None:
    """The front matter's values, converted; None when any problem was reported."""
    from .content_types import CONTENT_TYPES

    result = clean_value(CONTENT_TYPES[content_type].schema, front_matter, "", report)
    return None if result is _INVALID else result
