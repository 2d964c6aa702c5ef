"""Dates, times and states as visitors read them: the helpers the templates call.

Times are always shown in the event's own time zone, with its abbreviation, so that
"09:00 EEST" means the same to everyone; Babel formats them for the page's language
(its locale: DATE_LOCALE for the default language, LANGUAGE_LOCALES or the code itself for
the others; `ar` is Modern Standard Arabic with Latin digits, as CLDR's `ar` has them).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from functools import cache

from babel import Locale
from babel.dates import format_date, format_interval, format_skeleton
from jinja2 import pass_context
from markupsafe import Markup, escape

from .assets import fingerprinted_assets
from .calendar import google_calendar_url, location_text, outlook_calendar_url, session_uid, webcal_url
from .i18n import bdi, fallback_note, format_label, in_words_lang, programme_note, translate, words_attributes
from .images import image
from .localtime import TimeSpan
from .markup import without_footnote_references
from .model import Event, Session
from .programme import Slot
from .registration import proposals_state, registration_state
from .site_files import SITE_NAV, SITE_URLS, item_calendar_url, subpage_url
from .structured_data import event_data, json_ld, session_data
from .urls import absolute_site_url

DAY = "yMMMMEEEEd"  # Monday 17 June – Thursday 20 June 2013: a span of days (format_interval)
SHORT_DAY = "MMMEd"  # Mon 2 May: the programme's day tabs
TIME = "Hm"  # 09:30, in a locale whose clock has 24 hours
TIME_12 = "hm"  # 2:30 م, in a locale whose clock has 12 (ar)


def locale_of(settings: dict, lang: str | None = None) -> str:
    """The Babel locale of a language of the site: LANGUAGE_LOCALES[lang], else DATE_LOCALE
    for the default language and the code itself for the others."""
    default = settings.get("DEFAULT_LANG", "en")
    lang = lang or default
    chosen = (settings.get("LANGUAGE_LOCALES") or {}).get(lang)
    if chosen:
        return chosen
    return settings.get("DATE_LOCALE", "en_GB") if lang == default else lang.replace("-", "_")


@cache
def time_skeleton(locale: str) -> str:
    """The locale's own clock: 12 hours when its short time pattern has them (h), else 24."""
    pattern = Locale.parse(locale).time_formats["short"].pattern
    return TIME_12 if "h" in pattern.replace("'", "") else TIME


def zone_abbreviation(moment: datetime) -> str:
    """EEST, NZDT…; zones without a common abbreviation get an offset: UTC+07."""
    name = moment.tzname() or ""
    if name[:1] in "+-":
        return f"UTC{name}"
    return name


def zone_name(moment: datetime) -> str:
    """The event's zone for a note: "Asia/Phnom Penh, UTC+07"."""
    return f"{moment.tzinfo.key.replace('_', ' ')}, {zone_abbreviation(moment)}"


# A site has few distinct days and times of day, and Babel takes a while over each:
# each is formatted once.


@cache
def format_day(day: date, locale: str) -> str:
    """The full date of the locale: Monday, 2 May 2016 · lundi 2 mai 2016 · الاثنين، 2 مايو 2016."""
    return format_date(day, "full", locale=locale)


@cache
def format_short_day(day: date, locale: str) -> str:
    return format_skeleton(SHORT_DAY, day, locale=locale)


def format_time(moment: datetime, locale: str) -> str:
    return _clock((moment.hour, moment.minute), locale)


@cache
def _clock(hour_minute: tuple[int, int], locale: str) -> str:
    return format_skeleton(time_skeleton(locale), datetime(2000, 1, 1, *hour_minute), locale=locale)


def format_moment(moment: datetime, locale: str, lang: str | None = None, isolate: bool = False) -> str:
    """A moment in its own zone: "Monday, 1 February 2027, 09:00 EET"."""
    day = format_day(moment.date(), locale)
    return _said(isolate, translate(lang, "%(days)s, %(time)s"), days=day, time=_with_zone(moment, locale, isolate))


@cache  # event cards repeat the same span on many pages
def format_span(span: TimeSpan, locale: str, lang: str | None = None, isolate: bool = False) -> str:
    """When something happens, as one line in its own time zone.

    Monday, 2 May 2016 · Monday 17 June – Thursday 20 June 2013 ·
    Wednesday, 10 March 2027, 09:00–17:30 NZDT · Wednesday 10 March – Thursday 11 March 2027, 09:00–17:30 NZDT

    isolate: the zone's abbreviation in a <bdi> (Markup, the rest escaped), so that a Latin
    "EEST" keeps its place in a sentence written right to left ("8:30 ص WEST – 5:30 م WET").
    """
    if span.first_day == span.last_day:
        days = format_day(span.first_day, locale)
    else:
        days = format_interval(span.first_day, span.last_day, DAY, locale=locale)
    if span.all_day:
        return _said(isolate, "%(days)s", days=days)
    start, end = span.starts_at, span.ends_at
    if not isinstance(span.end, datetime):  # timed start, whole last day
        said = translate(lang, "%(days)s, from %(time)s")
        return _said(isolate, said, days=days, time=_with_zone(start, locale, isolate))
    if not isinstance(span.start, datetime):  # whole first day, timed end
        said = translate(lang, "%(days)s, until %(time)s")
        return _said(isolate, said, days=days, time=_with_zone(end, locale, isolate))

    def clock(moment: datetime) -> str:
        return _with_zone(moment, locale, isolate)

    if start == end:
        times = clock(start)
    elif zone_abbreviation(start) != zone_abbreviation(end):  # clocks change during the event
        times = _said(isolate, "%(start)s – %(end)s", start=clock(start), end=clock(end))
    else:
        times = _said(isolate, "%(time)s %(zone)s", time=_time_interval(start, end, locale), zone=_zone(start, isolate))
    return _said(isolate, translate(lang, "%(days)s, %(time)s"), days=days, time=times)


def _said(isolate: bool, pattern: str, **values) -> str:
    """`pattern` % values; when isolating, as Markup: the pattern and plain values escaped,
    the <bdi> of a zone kept."""
    return escape(pattern) % values if isolate else pattern % values


def _zone(moment: datetime, isolate: bool) -> str:
    return bdi(zone_abbreviation(moment)) if isolate else zone_abbreviation(moment)


def _with_zone(moment: datetime, locale: str, isolate: bool = False) -> str:
    return _said(isolate, "%(time)s %(zone)s", time=format_time(moment, locale), zone=_zone(moment, isolate))


def _time_interval(start: datetime, end: datetime, locale: str) -> str:
    return _clock_interval((start.hour, start.minute), (end.hour, end.minute), locale)


@cache
def _clock_interval(start: tuple[int, int], end: tuple[int, int], locale: str) -> str:
    # Wall-clock times of one day: Babel would add dates to a multi-day interval.
    if end <= start:
        return f"{_clock(start, locale)}–{_clock(end, locale)}"
    return format_interval(
        datetime(2000, 1, 1, *start), datetime(2000, 1, 1, *end), time_skeleton(locale), locale=locale
    )


@cache
def format_span_time(span: TimeSpan, locale: str, lang: str | None = None) -> str:
    """Just the times of a session within a day's programme: "09:00–10:30"."""
    if span.all_day or not isinstance(span.start, datetime):
        return translate(lang, "All day")
    start, end = span.starts_at, span.ends_at
    if not isinstance(span.end, datetime) or span.start == span.end:
        return format_time(start, locale)
    if start.date() == end.date():
        return _time_interval(start, end, locale)
    return format_interval(start.replace(tzinfo=None), end.replace(tzinfo=None), time_skeleton(locale), locale=locale)


def grid_place(slot: Slot, column: int | None = None, columns: int | None = None) -> str:
    """The classes that put a programme item on its day's grid (site.css): row-3 span-2 col-1 cols-3."""
    column = slot.column if column is None else column
    columns = slot.columns if columns is None else columns
    where = [f"row-{slot.row}", f"span-{slot.rows}"]
    if not column:
        return " ".join([*where, "all-rooms"])
    return " ".join([*where, f"col-{column}", *([f"cols-{columns}"] if columns > 1 else [])])


def machine_start(span: TimeSpan) -> str:
    """For <time datetime>: a date, or a moment with its UTC offset."""
    if isinstance(span.start, datetime):
        return span.starts_at.isoformat(timespec="minutes")
    return span.first_day.isoformat()


def machine_end(span: TimeSpan) -> str:
    """The end moment with its UTC offset, for the visitor's own time (site.js); "" when
    there is no end time of its own (an end date, or the same moment as the start)."""
    if not isinstance(span.end, datetime) or span.end == span.start:
        return ""
    return span.ends_at.isoformat(timespec="minutes")


@dataclass(frozen=True)
class CalendarLinks:
    ics: str  # site-relative path of the .ics file
    google: str
    outlook: str


def calendar_links(item: Event | Session, site_url: str) -> CalendarLinks | None:
    """ "Add to calendar" for an event or a timed session; None for a session with no time yet."""
    event = item if isinstance(item, Event) else item.event
    span = item.span
    if span is None or (item is not event and not item.is_timed):
        return None
    title = item.title if item is event else f"{item.title} ({event.title})"
    details = "\n\n".join(part for part in (item.summary_text, f"{site_url}/{item.url}") if part)
    location = location_text(event)
    return CalendarLinks(
        ics=item_calendar_url(item),
        google=google_calendar_url(title, span, details, location),
        outlook=outlook_calendar_url(title, span, details, location),
    )


def template_helpers(settings: dict, lang: str | None = None) -> tuple[dict, dict]:
    """(filters, globals) for the templates of one language's pages (the default's: lang None)."""
    default = settings.get("DEFAULT_LANG", "en")
    lang = lang or default
    locale = locale_of(settings, lang)
    said = lang  # its words in Python (i18n.translate: the templates' own words without a catalog)
    site_url = absolute_site_url(settings)
    multilingual = len(settings.get("LANGUAGES") or ()) > 1
    # Zones' abbreviations in <bdi> where a page may be written right to left (on a site of one
    # language written left to right, its pages are as they were).
    isolate = multilingual or Locale.parse(locale).text_direction == "rtl"
    assets = fingerprinted_assets(settings["THEME"])
    subtitles = settings.get("SITESUBTITLES")
    own_subtitle = subtitles.get(lang) if isinstance(subtitles, dict) else None
    subtitle = own_subtitle or settings.get("SITESUBTITLE") or ""
    # SITESUBTITLE on a page of another language: its words say they are the default's.
    subtitle_attributes = (
        Markup(' lang="%s" dir="%s"') % (default, Locale.parse(default.replace("-", "_")).text_direction)
        if multilingual and subtitle and not own_subtitle and lang != default
        else Markup("")
    )

    @pass_context
    def event_json_ld(context, event: Event):
        return json_ld(event_data(event, site_url, context["now"]))

    filters = {
        "span": lambda span: format_span(span, locale, said, isolate),
        "span_time": lambda span: format_span_time(span, locale, said),
        "day": lambda day: format_day(day, locale),
        "short_day": lambda day: format_short_day(day, locale),
        "clock": lambda moment: format_time(moment, locale),
        "session_uid": lambda session: session_uid(session, settings["SITE_DOMAIN"]),
        "moment": lambda moment: format_moment(moment, locale, said, isolate),
        "machine_start": machine_start,
        "grid_place": grid_place,
        "location_line": location_text,  # where an event is, in one line (as its calendar entries say)
        "machine_end": machine_end,
        "absolute": lambda path: f"{site_url}/{path}",
        "zone_name": zone_name,
        "without_footnotes": without_footnote_references,  # for summaries shown in lists
    }
    helpers = {
        "registration_state": registration_state,
        "proposals_state": proposals_state,
        "event_json_ld": event_json_ld,
        "session_json_ld": lambda session: json_ld(session_data(session, site_url)),
        "calendar_links": lambda item: calendar_links(item, site_url),
        "site_calendar_subscription": webcal_url(f"{site_url}/{SITE_URLS['calendar']}"),
        "site_urls": SITE_URLS,  # the site's own files by name (site_files.py): site_urls.feed_all
        "site_nav": SITE_NAV,  # the main navigation: (address without its "/", label)
        "asset": assets.__getitem__,  # asset("css/site.css") -> its fingerprinted path
        "subpage_url": subpage_url,  # subpage_url(event, "programme"): "events/<slug>/programme/"
        "image": image,  # image(person, "photo", "photo-small"): its resized <img> (images.py)
        "site_subtitle": subtitle,  # SITESUBTITLES[the page's language], else SITESUBTITLE
        "site_subtitle_attrs": subtitle_attributes,  # lang and dir of SITESUBTITLE where it falls back
        "bdi": bdi,  # bdi(name): a name, zone or address isolated from the sentence's direction
        # <h1{{ words_attrs(event) }}>: lang and dir of words not in the page's language (a
        # translation not written yet); words(item, key): the same, as a <span> around them.
        # Nothing on a site of one language.
        "words_attrs": (lambda item, key="title": words_attributes(item, key, lang)) if multilingual else _nothing,
        "words": (lambda item, key="title", text=None, tag="span": in_words_lang(item, key, lang, text, tag))
        if multilingual
        else _as_written,
        # fallback_note(item): " (in English)" after the title of an item in a list when its
        # words are not the page's; programme_note(event): "The programme is in English." at
        # the top of a programme all of whose sessions are (their own notes then unsaid).
        "fallback_note": (lambda item, key="title": fallback_note(item, lang, key)) if multilingual else _nothing,
        "programme_note": (lambda event: programme_note(event, lang)) if multilingual else _nothing_of,
        # session_format(session): "atelier" for format: workshop on a French page (i18n.FORMATS);
        # a format of the editor's own as written, with its words' lang and dir if not the page's.
        "session_format": lambda session, capital=False: format_label(session, lang, capital, multilingual),
    }
    return filters, helpers


def _nothing(item, key="title") -> Markup:
    return Markup("")


def _nothing_of(event) -> Markup:
    return Markup("")


def _as_written(item, key="title", text=None, tag="span") -> Markup:
    """words() on a site of one language: the words, in a <bdi> if asked for one."""
    text = getattr(item, key, "") if text is None else text
    return bdi(text) if tag == "bdi" else Markup("%s") % text


def forget_formatted() -> None:
    """The cached lines that hold words of a catalog (i18n.catalog: a catalog has changed)."""
    format_span.cache_clear()
    format_span_time.cache_clear()
