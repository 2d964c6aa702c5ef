"""The site's interface in its languages (issue 16): the theme's words and ours in Python.

The theme's catalogs are theme/translations/<lang>/LC_MESSAGES/messages.po (messages.pot
beside them is what `invoke translations` extracts from the templates and from the
plugin's `t("…")` calls). They are compiled at build, in the build's process: no .mo file
is committed or written. A problem in a catalog (a line Babel cannot read, a translation
whose %(placeholders)s differ from its msgid's) is one line of the build's problem log.

- `language_env(env, lang, settings)`: the Jinja environment of a language's pages, with
  its catalog installed (newstyle gettext: `_("By %(name)s", name=…)`, variables escaped)
  and presentation.template_helpers(settings, lang): dates and times in that language.
  Each language needs an environment of its own: the theme imports its macros without
  context, and those see the environment's globals and filters, not a page's values.
- `speaking(lang)`: while it lasts, `t("…")` is in that language (the Python side: audience
  labels, status messages, "All day", the feeds' titles). Each job of a language is run
  inside it (generators.py); a process runs one job at a time.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from io import BytesIO

from babel import Locale
from babel.messages import mofile, pofile
from babel.support import NullTranslations, Translations
from jinja2.ext import InternationalizationExtension
from markupsafe import Markup

DOMAIN = "messages"


def catalog_path(theme: str, lang: str) -> str:
    return os.path.join(theme, "translations", lang, "LC_MESSAGES", f"{DOMAIN}.po")


# --- compiling ---------------------------------------------------------------------------

# sha256 of a .po -> (its catalog, its problems)
_compiled: dict[str, tuple[NullTranslations, list[tuple[str, str]]]] = {}
_loaded: dict[str, NullTranslations] = {}  # lang -> its catalog, for t() (filled by catalog())


def compile_catalog(data: bytes, lang: str) -> tuple[NullTranslations, list[tuple[str, str]]]:
    """A .po file's bytes as gettext translations, and its problems: (where, what) each."""
    key = hashlib.sha256(lang.encode() + b"\0" + data).hexdigest()
    if key in _compiled:
        return _compiled[key]
    problems: list[tuple[str, str]] = []
    try:
        catalog = pofile.read_po(BytesIO(data), locale=lang.replace("-", "_"), abort_invalid=True)
    except (pofile.PoFileError, ValueError) as error:
        problems.append(("file", f"Babel cannot read it: {error}"))
        result = (NullTranslations(), problems)
        _compiled[key] = result
        return result
    for message, errors in catalog.check():
        for error in errors:
            problems.append((f"line {message.lineno}", f'msgid "{_one_line(message.id)}": {error}'))
    compiled = BytesIO()
    mofile.write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    result = (Translations(compiled, domain=DOMAIN), problems)
    _compiled[key] = result
    return result


def _one_line(msgid) -> str:
    text = msgid[0] if isinstance(msgid, (tuple, list)) else msgid
    return text if len(text) <= 60 else text[:57] + "…"


def catalog(theme: str, lang: str, default_lang: str, log=None) -> NullTranslations:
    """The interface's translations of `lang`: its .po compiled (cached by its contents), or
    none (NullTranslations: the templates' own words) for a language without one. A problem
    in a catalog is one of the build's (`log`); another language without one, a warning."""
    path = catalog_path(theme, lang)
    try:
        with open(path, "rb") as po:
            data = po.read()
    except FileNotFoundError:
        if lang != default_lang and log is not None:  # its pages are written, in the templates' words
            log.warn(
                os.path.abspath(path),
                "file",
                f"the site's interface has no translation into {lang}: its pages say the templates' words",
                "run `invoke translations` and translate the new messages.po",
            )
        _loaded[lang] = NullTranslations()
        return _loaded[lang]
    translations, problems = compile_catalog(data, lang)
    if log is not None:
        for where, what in problems:
            log.add(os.path.abspath(path), where, what, "correct the translation in the .po file")
    if _loaded.get(lang, translations) is not translations:  # the .po changed (the preview)
        from .presentation import forget_formatted

        forget_formatted()
    _loaded[lang] = translations
    return translations


# --- environments ------------------------------------------------------------------------


def install(env, translations: NullTranslations) -> None:
    """gettext in `env`, newstyle: `_()` and `{% trans %}` escape their variables.

    Through the extension bound to `env` itself: an overlay's `install_gettext_translations`
    attribute is its parent's (copied), and would install into the parent's globals."""
    extension = next((e for e in env.extensions.values() if isinstance(e, InternationalizationExtension)), None)
    if extension is None:
        env.add_extension(InternationalizationExtension)
        extension = next(e for e in env.extensions.values() if isinstance(e, InternationalizationExtension))
    extension._install(translations, newstyle=True)


def language_env(env, lang: str, settings: dict, log=None):
    """The Jinja environment of `lang`'s pages: an overlay of `env` (its loader and settings)
    with a cache of its own (the parent's would give templates bound to the parent), its own
    filters and globals (copies: an overlay shares the parent's dicts), the language's
    catalog and the helpers that write dates and times in it."""
    from .presentation import template_helpers

    default = settings.get("DEFAULT_LANG", "en")
    translations = catalog(settings["THEME"], lang, default, log)
    overlay = env.overlay(cache_size=400)
    overlay.filters = dict(env.filters)
    overlay.globals = dict(env.globals)
    overlay.tests = dict(env.tests)
    filters, helpers = template_helpers(settings, lang)
    overlay.filters.update(filters)
    overlay.globals.update(helpers)
    install(overlay, translations)
    overlay.page_lang = lang
    return overlay


# --- Python's words ----------------------------------------------------------------------

_speaking: ContextVar[str | None] = ContextVar("eventsite_speaking", default=None)


@contextmanager
def speaking(lang: str | None) -> Iterator[None]:
    """While it lasts, t() speaks `lang` (its catalog, once catalog() has compiled it)."""
    token = _speaking.set(lang)
    try:
        yield
    finally:
        _speaking.reset(token)


def spoken(lang: str | None, job):
    """`job` run in `lang` (a job deferred by the preview, or run by a worker)."""

    def run(*args, **kwargs):
        with speaking(lang):
            return job(*args, **kwargs)

    return run


def current_language() -> str | None:
    return _speaking.get()


def translate(lang: str | None, text: str, **values) -> str:
    """`text` in `lang` (its catalog's msgstr, or itself), its %(values)s filled in."""
    found = _loaded.get(lang) if lang else None
    said = found.gettext(text) if found is not None else text
    return said % values if values else said


def t(text: str, **values) -> str:
    """`text` in the language being spoken (speaking()), else as written: for words the
    plugin writes in Python. Marked for `invoke translations`, which extracts t("…")."""
    return translate(_speaking.get(), text, **values)


def N_(text: str) -> str:  # noqa: N802 (gettext's name for it)
    """Marks words for `invoke translations` where they are written, not said (a table of
    labels): t(…) says them in the page's language where they are shown."""
    return text


def NP_(context: str, text: str) -> str:  # noqa: N802
    """N_() with a context (pgettext's): `text` is said by translate_in(lang, context, text)."""
    return text


def translate_in(lang: str | None, context: str, text: str) -> str:
    """`text` of `context` in `lang` (its catalog's pgettext msgstr, or itself)."""
    found = _loaded.get(lang) if lang else None
    return found.pgettext(context, text) if found is not None else text


def bdi(text) -> Markup:
    """`text` isolated from the direction of the sentence around it (<bdi>): a name, a zone,
    an address in another script than the page's stays as written."""
    return Markup("<bdi>%s</bdi>") % text


# --- words in another language than the page's ----------------------------------------


def words_lang(item, key: str = "title") -> str | None:
    """The language of an item's words under `key` ("title", "summary", "body", "venue.name",
    "parts.<id>.title"…): a translation's own where it translates them (its reader's
    words_lang table, body_lang for its body), else its original's. A fallback copy's words
    are all its original's (its `lang`)."""
    if item is None:
        return None
    if key == "body":
        found = getattr(item, "body_lang", None)
        if found:
            return found
    said = (getattr(item, "metadata", None) or {}).get("words_lang")
    if isinstance(said, dict):  # a translation: what it does not translate is its original's
        original = getattr(item, "original", None)
        return said.get(key) or getattr(original, "lang", None) or getattr(item, "lang", None)
    return getattr(item, "lang", None)


def words_attributes(item, key: str, page_lang: str) -> Markup:
    """` lang="en" dir="ltr"` for an element holding words of `item` whose language is not
    the page's (a translation not written yet: screen readers switch voice), else ""."""
    from .languages import text_direction

    lang = words_lang(item, key)
    if not lang or lang == page_lang:
        return Markup("")
    return Markup(' lang="%s" dir="%s"') % (lang, text_direction(lang))


def in_words_lang(item, key: str, page_lang: str, text=None, tag: str = "span") -> Markup:
    """The words (the item's `key`, or `text`) escaped, in a <span lang dir> when their
    language is not the page's: for words with no element of their own. tag="bdi": always
    in a <bdi> (isolated from the sentence around them), with lang and dir when they differ."""
    if text is None:
        text = getattr(item, key, "")
    attributes = words_attributes(item, key, page_lang)
    if not attributes and tag != "bdi":
        return Markup("%s") % text
    return Markup("<%s%s>%s</%s>") % (Markup(tag), attributes, text, Markup(tag))


def language_name(lang: str, in_lang: str) -> str:
    """A language's name in another (Babel's locale data): "anglais" for en in fr."""
    name = Locale.parse(lang.replace("-", "_")).get_display_name(in_lang.replace("-", "_"))
    return name or lang


def fallback_note(item, page_lang: str, key: str = "title") -> Markup:
    """After an item's title in a list: " (in English)", in the page's language, when its
    words are not the page's (not translated yet: content-contract.md, "Translations"), else ""."""
    lang = words_lang(item, key)
    if not lang or lang == page_lang:
        return Markup("")
    # Translators: after the title of something not translated yet, in a list: "(in English)".
    said = translate(page_lang, "(in %(language)s)", language=language_name(lang, page_lang))
    return Markup(' <small class="fallback-note">%s</small>') % said


def programme_language(event, page_lang: str) -> str | None:
    """The language of all an event's sessions' titles when it is one, not the page's (a
    programme not translated yet, said once at its top), else None (each session says its own)."""
    langs = {words_lang(session, "title") for session in getattr(event, "sessions", None) or ()}
    if len(langs) != 1:
        return None
    (lang,) = langs
    return lang if lang and lang != page_lang else None


def programme_note(event, page_lang: str) -> Markup:
    """At the top of a programme whose sessions are all in another language: "The programme
    is in English." (their own notes unsaid), else ""."""
    lang = programme_language(event, page_lang)
    if lang is None:
        return Markup("")
    # Translators: atop a programme not translated yet: "The programme is in English."
    said = translate(page_lang, "The programme is in %(language)s.", language=language_name(lang, page_lang))
    return Markup('<p class="fallback-note">%s</p>') % said


# --- a session's format ---------------------------------------------------------------------

FORMAT = "session format"  # the catalog's context of the usual formats' names
# The usual formats of a session, as an editor writes them (format: talk), by their casefold;
# another is shown as written. NP_: Babel extracts each with its context.
FORMATS = {
    "talk": NP_("session format", "talk"),
    "keynote": NP_("session format", "keynote"),
    "panel": NP_("session format", "panel"),
    "workshop": NP_("session format", "workshop"),
    "plenary": NP_("session format", "plenary"),
    "networking": NP_("session format", "networking"),
    "social": NP_("session format", "social"),
    "presentation": NP_("session format", "presentation"),
    "break": NP_("session format", "break"),
    "lightning": NP_("session format", "lightning"),
    "lightning talk": NP_("session format", "lightning talk"),
    "poster": NP_("session format", "poster"),
    "discussion": NP_("session format", "discussion"),
    "training": NP_("session format", "training"),
    "webinar": NP_("session format", "webinar"),
    "q&a": NP_("session format", "q&a"),
}


def format_label(session, page_lang: str | None, capital: bool = False, mark: bool = True) -> Markup:
    """A session's format in the page's language when it is one of the usual ones (FORMATS,
    the catalog's), else as the editor wrote it, marked with its words' language when that
    is not the page's (lang, dir; not on a site of one language: `mark` false). `capital`: its
    first letter upper case (a definition list's)."""
    written = (getattr(session, "format", None) or "").strip()
    if not written:
        return Markup("")
    known = FORMATS.get(written.casefold())
    said = translate_in(page_lang, FORMAT, known) if known else written
    if said == known:  # the catalog's word is the editor's (English): as they wrote it, "Panel"
        said = written
    if capital:
        said = said[:1].upper() + said[1:]
    if known or not mark or page_lang is None:
        return Markup("%s") % said
    return in_words_lang(session, "format", page_lang, said)


# --- invoke translations -------------------------------------------------------------------

KEYWORDS = {
    "t": None,
    "N_": None,
    "NP_": ((1, "c"), 2),
    "translate": (2,),
}  # besides Babel's own: _, gettext, ngettext…


def extracted(root: str):
    """The words the theme and the plugin mark (babel.cfg at `root`), as a Babel Catalog."""
    from babel.messages.catalog import Catalog
    from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
    from babel.messages.frontend import parse_mapping_cfg

    with open(os.path.join(root, "babel.cfg"), encoding="utf-8") as config:
        method_map, options_map = parse_mapping_cfg(config)
    catalog = Catalog(project="eventsite", charset="utf-8", fuzzy=False)
    keywords = {**DEFAULT_KEYWORDS, **KEYWORDS}
    for filename, lineno, message, comments, context in extract_from_dir(
        root, method_map, options_map, keywords=keywords, comment_tags=("Translators:",), strip_comment_tags=True
    ):
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return catalog


def _po_bytes(catalog) -> bytes:
    out = BytesIO()
    pofile.write_po(out, catalog, width=0, sort_output=True, include_lineno=False)
    return out.getvalue()


def _without_dates(data: bytes) -> bytes:
    return b"\n".join(
        line for line in data.split(b"\n") if not line.startswith((b'"POT-Creation-Date:', b'"PO-Revision-Date:'))
    )


def _write_if_changed(path: str, data: bytes) -> bool:
    """Write `data` unless the file says the same but for its dates (no churn in git)."""
    try:
        with open(path, "rb") as old:
            if _without_dates(old.read()) == _without_dates(data):
                return False
    except FileNotFoundError:
        pass
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as new:
        new.write(data)
    return True


def update_translations(root: str, theme: str, languages: list[str]) -> list[str]:
    """`invoke translations`: messages.pot from what the templates and the plugin mark, then
    each language's messages.po updated to it (new words empty, gone ones kept as obsolete,
    near ones fuzzy for a translator to check). Sorted, unwrapped, locations without line
    numbers: a commit shows words, not moves. Returns what it changed."""
    from babel.messages.catalog import Catalog

    template = extracted(root)
    changed = []
    pot = os.path.join(theme, "translations", f"{DOMAIN}.pot")
    if _write_if_changed(pot, _po_bytes(template)):
        changed.append(pot)
    for lang in languages:
        path = catalog_path(theme, lang)
        if os.path.exists(path):
            with open(path, "rb") as po:
                catalog = pofile.read_po(po, locale=lang.replace("-", "_"))
        else:
            catalog = Catalog(
                locale=lang.replace("-", "_"),
                project="eventsite",
                charset="utf-8",
                fuzzy=False,
                header_comment=f"# The site's interface in {lang} (theme/templates and plugins/eventsite).\n"
                "# `invoke translations` updates it; a translator fills each msgstr (docs/editing.md).",
            )
        catalog.update(template, update_header_comment=False, update_creation_date=False)
        if _write_if_changed(path, _po_bytes(catalog)):
            changed.append(path)
    return changed
