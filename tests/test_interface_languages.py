"""The site's interface in its four languages (issue 16, slice 3: plugins/eventsite/i18n.py).

The words of the templates and of the plugin are in theme/translations/<lang>/LC_MESSAGES/
messages.po, compiled at build; dates and times are Babel's for the page's language. Read
back as a visitor would: built sites, BeautifulSoup; and the catalogs as a translator
would leave them: every word translated, the placeholders and tags of each msgid kept."""

from __future__ import annotations

import re
import shutil
import sys
from html.parser import HTMLParser
from pathlib import Path

import jinja2
import pytest
from babel.messages import pofile
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg

from sitebuild import REPO, ContentFolder, build_here, epoch

sys.path.insert(0, str(REPO / "plugins"))
from eventsite import i18n  # noqa: E402
from eventsite.presentation import format_day, format_time  # noqa: E402

THEME = REPO / "theme"
TEMPLATES = THEME / "templates"
OTHERS = ["fr", "es", "ar"]
NOW = epoch("2027-02-01T12:00+00:00")


def po(lang: str):
    with open(i18n.catalog_path(str(THEME), lang), "rb") as file:
        return pofile.read_po(file, locale=lang)


def extracted_messages() -> list[tuple[object, str | None, str]]:
    """(msgid, context, where) of every marked word, each occurrence on its own (not merged)."""
    with open(REPO / "babel.cfg", encoding="utf-8") as config:
        method_map, options_map = parse_mapping_cfg(config)
    keywords = {**DEFAULT_KEYWORDS, **i18n.KEYWORDS}
    return [
        (message, context, f"{filename}:{lineno}")
        for filename, lineno, message, _, context in extract_from_dir(
            str(REPO), method_map, options_map, keywords=keywords
        )
    ]


# --- the catalogs --------------------------------------------------------------------------


def test_the_templates_and_the_plugin_mark_their_words():
    found = {(m if isinstance(m, str) else m[0]) for m, _, _ in extracted_messages()}
    # One of each kind of place: a page, a partial, base.html (slice 4), Python's t() and N_()
    for word in ["Page not found", "Add to your calendar", "Skip to content", "All day", "Open to the public"]:
        assert word in found


@pytest.mark.parametrize("lang", OTHERS)
def test_every_marked_word_is_translated_in_each_language(lang):
    catalog = po(lang)
    untranslated = []
    for msgid, context, where in extracted_messages():
        key = msgid if isinstance(msgid, str) else msgid[0]
        message = catalog.get(key, context)
        if message is None or "fuzzy" in message.flags:
            untranslated.append(f"{where}: {key!r} is not in the catalog (or is fuzzy)")
            continue
        # A word used once with a plural and once without would find one catalog entry for both:
        # gettext would miss the singular one (give it a context, pgettext).
        if isinstance(msgid, tuple) != isinstance(message.id, tuple):
            untranslated.append(f"{where}: {key!r} is used with and without a plural")
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(strings) or (isinstance(msgid, tuple) and len(strings) != catalog.num_plurals):
            untranslated.append(f"{where}: {key!r} has no translation")
    assert untranslated == []


def test_arabic_has_six_plural_forms():
    assert po("ar").num_plurals == 6


@pytest.mark.parametrize("lang", OTHERS)
def test_each_translation_keeps_the_placeholders_and_tags_of_its_msgid(lang):
    path = i18n.catalog_path(str(THEME), lang)
    with open(path, "rb") as file:
        _, problems = i18n.compile_catalog(file.read(), lang)
    assert problems == []  # catalog.check(): a %(name)s missing, unknown or of another type
    tags = re.compile(r"</?[a-zA-Z][^>]*>")
    for message in po(lang):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for string in strings:
            assert sorted(tags.findall(string)) == sorted(tags.findall(ids[0])), (lang, message.id)
            names = set(re.findall(r"%\((\w+)\)", string))
            assert names <= set(re.findall(r"%\((\w+)\)", " ".join(ids))), (lang, message.id)


def test_a_catalog_whose_placeholder_differs_stops_the_build_naming_the_file(tmp_path):
    theme = tmp_path / "theme"
    shutil.copytree(THEME, theme)
    french = Path(i18n.catalog_path(str(theme), "fr"))
    text = french.read_text(encoding="utf-8")
    assert 'msgstr "%(site)s\u00a0: événements"' in text
    french.write_text(text.replace('msgstr "%(site)s\u00a0: événements"', 'msgstr "%(nom)s : événements"'), "utf-8")
    content = ContentFolder(tmp_path / "content")
    content.event("forum")
    result = build_here(content.root, tmp_path / "output", now=NOW, overrides={"THEME": str(theme)})
    assert not result.ok
    said = result.result.stdout + result.result.stderr
    assert "LC_MESSAGES/messages.po" in said and "%(site)s: events" in said and "nom" in said
    assert not (tmp_path / "output" / "fr").exists()


# --- no words outside gettext in the templates ---------------------------------------------

HUMAN_ATTRIBUTES = {"alt", "title", "aria-label", "placeholder"}


# What a template writes for machines, not people: a macro's attributes (data-*, hidden…),
# Open Graph's type of a page.
MACHINE_TEXT = re.compile(r'(?<![\w-])(data-[\w-]+|hidden|download)(="[^"]*")?|\b(article|website)\b')


class _Words(HTMLParser):
    """Letters in text or in the attributes people read, of a template's own text (what its
    Jinja expressions print, 0 here, comes from gettext or from the content)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_data(self, data: str) -> None:
        if any(c.isalpha() for c in MACHINE_TEXT.sub("", data)):
            self.found.append(data.strip())

    def handle_starttag(self, tag: str, attrs) -> None:
        for name, value in attrs:
            if name in HUMAN_ATTRIBUTES and value and any(c.isalpha() for c in value):
                self.found.append(f'{name}="{value}"')


def template_text(source: str) -> str:
    """A template's own text (Jinja's lexer): each expression a 0 (no letters, and a tag name
    stays one: <h{{ level }}>), each tag and comment nothing."""
    env = jinja2.Environment(extensions=["jinja2.ext.i18n"], trim_blocks=True, lstrip_blocks=True)
    pieces = []
    for _, token, value in env.lex(source):
        if token == "data":
            pieces.append(value)
        elif token == "variable_begin":
            pieces.append("0")
    return "".join(pieces)


def test_template_text_finds_a_word_outside_gettext():
    parser = _Words()
    parser.feed(template_text('<p title="{{ x }} more">{{ _("Fine") }} Not fine{# comment #}</p>'))
    assert parser.found == ['title="0 more"', "0 Not fine"]


@pytest.mark.parametrize("template", sorted(str(p.relative_to(TEMPLATES)) for p in TEMPLATES.rglob("*.html")))
def test_no_template_has_words_outside_gettext(template):
    parser = _Words()
    parser.feed(template_text((TEMPLATES / template).read_text(encoding="utf-8")))
    assert parser.found == []


# --- the environments ------------------------------------------------------------------------


def settings() -> dict:
    return {"THEME": str(THEME), "DEFAULT_LANG": "en", "SITEURL": "", "SITE_DOMAIN": "example.org"}


def test_each_language_has_its_own_words_and_the_default_keeps_its_own():
    base = jinja2.Environment(autoescape=True)
    i18n.install(base, i18n.catalog(str(THEME), "en", "en"))
    french = i18n.language_env(base, "fr", settings())
    arabic = i18n.language_env(base, "ar", settings())
    template = '{{ _("When") }}'
    assert base.from_string(template).render() == "When"
    assert french.from_string(template).render() == "Quand"
    assert arabic.from_string(template).render() == "متى"


def test_an_arabic_plural_takes_the_form_of_its_number():
    arabic = i18n.language_env(jinja2.Environment(autoescape=True), "ar", settings())
    template = arabic.from_string('{{ ngettext("%(num)d session", "%(num)d sessions", n) }}')
    said = {n: template.render(n=n) for n in (1, 2, 3, 11, 100)}
    assert said == {1: "جلسة واحدة", 2: "جلستان", 3: "3 جلسات", 11: "11 جلسة", 100: "100 جلسة"}


def test_python_words_are_said_in_the_language_being_spoken():
    i18n.catalog(str(THEME), "es", "en")
    with i18n.speaking("es"):
        assert i18n.t("All day") == "Todo el día"
        assert i18n.t("%(site)s: events", site="IFEX") == "IFEX: eventos"
    assert i18n.t("All day") == "All day"


def test_dates_and_times_follow_each_language():
    from datetime import date, datetime

    assert format_day(date(2016, 5, 2), "en_GB") == "Monday, 2 May 2016"
    assert format_day(date(2016, 5, 2), "fr") == "lundi 2 mai 2016"
    assert format_day(date(2016, 5, 2), "es") == "lunes, 2 de mayo de 2016"
    assert format_day(date(2027, 2, 1), "ar") == "الاثنين، 1 فبراير 2027"  # Latin digits: CLDR's ar
    assert format_time(datetime(2027, 2, 1, 14, 30), "ar") == "2:30 م"  # the locale's 12-hour clock
    assert format_time(datetime(2027, 2, 1, 14, 30), "fr") == "14:30"


# --- built pages ------------------------------------------------------------------------------

TITLE = 'Press <freedom> & "safety"'


@pytest.fixture(scope="module")
def forum(tmp_path_factory):
    """An event whose title has HTML's characters, with a timed session, in four languages."""
    root = tmp_path_factory.mktemp("interface")
    content = ContentFolder(root / "content")
    content.event(
        "forum",
        title=TITLE,
        kind="workshop",
        start="2027-03-01 14:30",
        end="2027-03-01 17:00",
        timezone="Europe/Helsinki",
        registration="none",
    )
    content.session("forum", "opening", start="2027-03-01 14:30", end="2027-03-01 15:00")
    content.session("forum", "closing", start="2027-03-01 16:00", end="2027-03-01 17:00")
    result = build_here(content.root, root / "output", now=NOW)
    assert result.ok, result
    return result


def test_a_french_page_has_french_dates_and_interface(forum):
    page = forum.soup("fr/events/forum/")
    facts = {dt.get_text(strip=True): dt.find_next_sibling("dd").get_text(" ", strip=True) for dt in page("dt")}
    assert facts["Quand"].startswith("lundi 1 mars 2027, 14:30\u2009–\u200917:00 EET")  # CLDR's French interval
    assert page.select_one(".kind").get_text(strip=True) == "atelier"
    assert "Ajouter à votre agenda" in page.get_text()


def test_an_arabic_page_has_arabic_months_and_its_clock(forum):
    page = forum.soup("ar/events/forum/")
    when = page.find("dt", string="متى").find_next_sibling("dd").get_text(" ", strip=True)
    assert when.startswith("الاثنين، 1 مارس 2027")  # March, by its Arabic name; Latin digits
    assert "، 2:30–5:00 م EET" in when  # the locale's 12-hour clock (م: after noon)
    assert page.find("h2", id="programme-heading").get_text(strip=True) == "البرنامج"


def test_a_title_with_html_characters_stays_text_inside_a_translation(forum):
    page = forum.soup("fr/events/forum/opening/")
    link = page.select_one(".session-nav a[href$='events/forum/']")
    assert link.get_text() == f"Tout sur {TITLE}"
    assert link.bdi.get_text() == TITLE  # isolated from the sentence's direction
    assert page.find("freedom") is None
    # Marked as English too: the event is not translated into French.
    assert 'Tout sur <bdi lang="en" dir="ltr">Press &lt;freedom&gt; &amp; &#34;safety&#34;</bdi>' in forum.text(
        "fr/events/forum/opening/index.html"
    )


def test_the_french_page_of_the_helsinki_workshop_is_in_french(shipped):
    page = shipped.soup("fr/events/confronting-impunity-2016/")
    assert page.html["lang"] == "fr"
    assert page.h1.get_text() == "Combattre l’impunité : un atelier de stratégie avec les campagnes de l’IFEX"
    facts = {dt.get_text(strip=True): dt.find_next_sibling("dd").get_text(" ", strip=True) for dt in page("dt")}
    assert facts["Quand"] == "lundi 2 mai 2016"
    assert facts["Pour qui"] == "Ouvert au public"
    assert "Les crimes commis contre des journalistes" in page.select_one(".event-body").get_text()
    assert page.find("h2", string="Inscription") is not None


def test_a_language_without_a_catalog_is_built_in_the_templates_words_with_a_warning(tmp_path):
    content = ContentFolder(tmp_path / "content")
    content.event("forum", start="2027-03-01")
    result = build_here(content.root, tmp_path / "output", now=NOW, overrides={"LANGUAGES": ["en", "de"]})
    assert result.ok, result
    assert "the site's interface has no translation into de" in result.result.stdout + result.result.stderr
    page = result.soup("de/events/forum/")
    assert page.find("dt", string="When") is not None
    assert "Montag, 1. März 2027" in page.get_text()  # its dates are still German
