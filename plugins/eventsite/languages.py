"""The site in its other languages: one *view* of the site per language (issue 16).

The default language is the site as read and linked. For each other language of
`LANGUAGES`, a view is the same site again, item for item: its translation where the
site has one (linking.Site.translations), else a copy of the original that falls back
to the original's words. A view's items have their URLs under `<lang>/`, and the view
is linked again by the same Linker, so that every name, list and link in it is the
view's own (a French event lists its French sessions, at /fr/…). Its problems were all
reported by the default language's pass: the view's linker reports into a log nobody reads.

Each item of a view knows:
- `page_lang`: the language of the pages it is on (the view's);
- `words_lang`: the language of its words (its translation's, else the original's);
- `is_fallback`: its words are not in its page's language (no translation yet);
- `original`: the default language's item (its files stay in the original's folder,
  SiteContent.files_url).

A view is made from a pristine snapshot of what was read (snapshot()), taken before the
default pass links anything: linking changes the items it links (a slug becomes the
object it names), so linking a linked item again would not give the same site.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from dataclasses import replace
from functools import cache

from babel import Locale

from .content_types import CONTENT_TYPES, OUR_TYPES
from .linking import Linker, Site, translation_key
from .model import SiteContent
from .problems import ProblemLog
from .reader import locate, source_of
from .site_files import SITE_FILES, other_languages

X_DEFAULT = "x-default"


@cache
def text_direction(lang: str) -> str:
    """The text direction of a language, "ltr" or "rtl" (Babel's locale data)."""
    return Locale.parse(lang.replace("-", "_")).text_direction


@cache
def own_name(lang: str) -> str:
    """The language's name in itself: "français", "العربية"."""
    return Locale.parse(lang.replace("-", "_")).get_display_name(lang.replace("-", "_")) or lang


def language_list(languages: Iterable[str]) -> list[tuple[str, str, str]]:
    """(code, its own name, its text direction) of each language, for the switcher."""
    return [(code, own_name(code), text_direction(code)) for code in languages]


def prefix_of(lang: str, default: str) -> str:
    """What a language's URLs start with: "" for the default, "fr/" for French."""
    return "" if lang == default else f"{lang}/"


# --- the keys of Site.translations -----------------------------------------------------


def item_key(item) -> tuple[str, str]:
    """(content type name, item key) of an item, as Site.translations is keyed: its slug,
    or "<event folder>/<slug>" for a session."""
    item = getattr(item, "original", None) or item
    if isinstance(item, SiteContent):
        return translation_key(item)
    return locate(source_of(item)).content_type, item.slug  # news and pages (Pelican's)


def translations_of(item, site: Site) -> dict:
    """{lang: translated item} of an item (of the default language): those shown, not drafts
    (a draft translation is begun, not done: its language's page keeps the original's words)."""
    found = getattr(site, "translations", {}).get(item_key(item), {})
    return {lang: t for lang, t in found.items() if getattr(t, "status", "published") != "draft"}


def alternates(item, site: Site, languages: list[str] | None = None) -> dict[str, str]:
    """{lang: URL of the item's page in that language} for the languages its words are in
    (its own, and its translations'), and "x-default": its page in the default language.
    From the default language's item and Site.translations alone: the sitemap and every
    page of every language give the same answer without a view being made."""
    item = getattr(item, "original", None) or item
    url = item.url
    found = {item.lang: url}
    for lang in sorted(translations_of(item, site)):
        if lang != item.lang and (languages is None or lang in languages):
            found[lang] = f"{lang}/{url}"
    found[X_DEFAULT] = url
    return found


def page_alternates(url: str, languages: list[str]) -> dict[str, str]:
    """The alternates of a page every language has in full (a list, the home page, 404):
    `url` is its address in the default language."""
    found = {lang: f"{prefix_of(lang, languages[0])}{url}" for lang in languages}
    found[X_DEFAULT] = url
    return found


def site_urls(lang: str, default: str) -> dict[str, str]:
    """The templates' `site_urls` in a language: its own lists, feeds and calendar."""
    prefix = prefix_of(lang, default)
    return {f.name: (prefix + f.url if f.per_language else f.url) for f in SITE_FILES.values()}


def site_nav(lang: str, default: str) -> list[tuple[str, str]]:
    prefix = prefix_of(lang, default)
    return [((prefix + f.url).rstrip("/"), f.nav) for f in SITE_FILES.values() if f.nav]


def check_page_slugs(site: Site, log) -> None:
    """A page may not take a language's code for its slug: /fr/ is the French site."""
    for page in site.pages:
        if page.slug in other_languages(site):
            log.add(
                source_of(page),
                "slug",
                f'"{page.slug}" is the address of the site in one of its languages (/{page.slug}/)',
                "give the page another file name or slug",
            )


# --- snapshot and views ----------------------------------------------------------------


def _fresh(item):
    """A shallow copy whose own containers (metadata) are its own."""
    fresh = copy.copy(item)
    if isinstance(getattr(item, "metadata", None), dict):
        fresh.metadata = dict(item.metadata)
    fresh.__dict__.pop("_urls", None)
    return fresh


def snapshot(site: Site) -> Site:
    """Copies of everything read, before any linking (see the module's docstring)."""
    return _rebuilt(site, lambda item: _fresh(item))


def _rebuilt(site: Site, make) -> Site:
    """A Site of the same shape as `site`, each item replaced by make(item) (once per item)."""
    made: dict[int, object] = {}

    def one(item):
        if id(item) not in made:
            made[id(item)] = make(item)
        return made[id(item)]

    view = Site(
        events={slug: one(e) for slug, e in site.events.items()},
        event_folders={folder: one(e) for folder, e in site.event_folders.items()},
        sessions=[one(s) for s in site.sessions],
        session_keys={key: one(s) for key, s in site.session_keys.items()},
        campaigns={slug: one(c) for slug, c in site.campaigns.items()},
        organizations={slug: one(o) for slug, o in site.organizations.items()},
        news=[one(a) for a in site.news],
        pages=[one(p) for p in site.pages],
        others={name: {slug: one(i) for slug, i in table.items()} for name, table in site.others.items()},
    )
    if hasattr(site, "translations"):
        view.translations = site.translations
    view.made_from = made  # id(item of `site`) -> its item in the view
    return view


def language_view(pristine: Site, linked: Site, lang: str, content_root: str) -> Site:
    """The site in `lang`: each item its translation, else its original's copy, linked."""
    by_pristine = _pairs(pristine, linked)  # id(pristine item) -> the linked original
    prefix = f"{lang}/"

    def make(read_item):
        original = by_pristine[id(read_item)]
        translation = translations_of(original, linked).get(lang)
        item = _fresh(translation if translation is not None else read_item)
        if translation is not None:  # shown where and as its original is (published, hidden, draft)
            item.status = read_item.status
        item.original = original
        item.page_lang = lang
        item.words_lang = item.lang
        item.is_fallback = item.words_lang != lang
        item.image_sets = {
            key: replace(image, alt=getattr(item, f"{key}_alt", None) or image.alt)
            for key, image in getattr(original, "image_sets", {}).items()
        }
        if getattr(item, "content_type", None) and item.content_type in CONTENT_TYPES and not _by_pelican(item):
            item.url_prefix = prefix
        else:  # Pelican's news and pages: their URLs are the original's, under the prefix
            item.override_url = prefix + original.url
            item.override_save_as = prefix + original.save_as
        return item

    view = _rebuilt(pristine, make)
    view.lang = lang
    view.of_original = {id(by_pristine[read]): item for read, item in view.made_from.items()}
    Linker(view, ProblemLog(), content_root).link()
    return view


def forget(view: Site) -> None:
    """Drop what Pelican remembers of a view's items (memoized get_content and get_summary keep
    every object they were asked about), then collect it: a view is cycles (an event and its
    sessions), which only a full collection frees. At 1000 × 10 in four languages, the build's
    peak memory is 262 MiB with this, 342 MiB without."""
    import gc

    from pelican.contents import Content

    made = {id(item) for item in view.made_from.values()}
    for name in ("get_content", "get_summary"):
        remembered = getattr(Content.__dict__.get(name), "cache", None)
        if isinstance(remembered, dict):
            for key in [k for k in remembered if k and id(k[0]) in made]:
                del remembered[key]
    view.made_from = view.of_original = {}
    gc.collect()


def mark_default(site: Site, lang: str) -> None:
    """The default language's items say so too (page_lang, words_lang, is_fallback, original: None)."""
    for item in all_items(site):
        item.original = None
        item.page_lang = lang
        item.words_lang = item.lang
        item.is_fallback = False


def all_items(site: Site) -> list:
    return [
        *(item for t in OUR_TYPES for item in site.items(t.name)),
        *site.news,
        *site.pages,
    ]


def in_view(view: Site, item):
    """The view's item of a default-language item (None when it has none)."""
    original = getattr(item, "original", None) or item
    return view.of_original.get(id(original))


def _pairs(pristine: Site, linked: Site) -> dict[int, object]:
    """id(pristine copy) -> the linked item it was copied from (same places in both Sites)."""
    pairs: dict[int, object] = {}
    for read, done in zip(all_items(pristine), all_items(linked), strict=True):
        pairs[id(read)] = done
    return pairs


def _by_pelican(item) -> bool:
    content_type = CONTENT_TYPES.get(getattr(item, "content_type", ""))
    return content_type is None or content_type.by_pelican
