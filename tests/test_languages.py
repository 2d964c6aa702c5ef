"""The site in its other languages (issue 16): /fr/…, /es/…, /ar/… (languages.py).

Each page of the site is also at /<lang>/ + the same path: its translation where the
content has one (<name>.<lang>.md), else the original's words, marked as falling back.
Built sites of four languages (pelicanconf.py's LANGUAGES), read back as a visitor, a
feed reader, a calendar and a search engine would read them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import feedparser
import icalendar
import pytest
from bs4 import BeautifulSoup

from sitebuild import REPO, SHIPPED_CONTENT, ContentFolder, build, build_here, check, epoch

sys.path.insert(0, str(REPO / "plugins"))
from eventsite import generators  # noqa: E402
from eventsite.languages import X_DEFAULT, all_items, alternates, language_view  # noqa: E402
from eventsite.site_checks import BuiltSite, check_hreflang, check_site  # noqa: E402

NOW = epoch("2027-02-01T12:00+00:00")
SITE = "https://events.ifex.org"  # pelicanconf.py's SITE_DOMAIN: the absolute URLs of a relative site
OTHERS = ["fr", "es", "ar"]


def forum(content: ContentFolder) -> None:
    """An event translated into French (not Spanish or Arabic), with a translated session,
    an untranslated one, a news item and a page."""
    content.event(
        "forum",
        start="2027-03-10 09:00",
        end="2027-03-10 17:00",
        timezone="Europe/Helsinki",
        summary="The forum.",
        date="2027-01-02",
        registration="none",
    )
    content.markdown(
        "events/forum/index.fr.md", {"title": "Le forum", "summary": "Le forum en bref."}, "De quoi il s'agit.\n"
    )
    content.session("forum", "opening", start="2027-03-10 09:30", end="2027-03-10 10:30")
    content.markdown("events/forum/sessions/opening.fr.md", {"title": "Ouverture"}, "Bonjour.\n")
    content.session("forum", "closing", start="2027-03-10 16:00", end="2027-03-10 17:00")
    content.news("announced", event="forum")
    content.page("about")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The forum, built once with the `pelican` command, and the generator of a check of it."""
    root = tmp_path_factory.mktemp("languages")
    content = ContentFolder(root / "content")
    forum(content)
    result = build(content.root, root / "output", now=NOW)
    assert result.ok, result
    return result


@pytest.fixture(scope="module")
def generator(built, tmp_path_factory):
    """The generator of a check of the same content: its default site, and its views."""
    seen = []
    read = generators.EventSiteGenerator.generate_context

    def keep(self):
        read(self)
        seen.append(self)

    monkeypatch = pytest.MonkeyPatch()
    monkeypatch.setattr(generators.EventSiteGenerator, "generate_context", keep)
    try:
        checked = check(built.output.parent / "content", tmp_path_factory.mktemp("unused"), now=NOW)
    finally:
        monkeypatch.undo()
    assert checked.ok, checked
    return seen[0]


def json_ld(soup: BeautifulSoup) -> dict:
    return json.loads(soup.find("script", type="application/ld+json").string)


def test_the_french_event_page_is_translated_and_links_to_the_french_sessions(built):
    page = built.soup("fr/events/forum/")
    assert page.h1.get_text(strip=True) == "Le forum"
    links = {a.get_text(strip=True): a["href"] for a in page.select("main a")}
    assert links["Ouverture"] == "../../../fr/events/forum/opening/"  # the French session, in French
    assert links["Session closing"] == "../../../fr/events/forum/closing/"  # not translated: still the French site
    assert built.soup("fr/events/forum/opening/").h1.get_text(strip=True) == "Ouverture"
    assert built.soup("events/forum/").h1.get_text(strip=True) == "Event forum"  # the original is untouched
    assert built.soup("events/forum/opening/").h1.get_text(strip=True) == "Session opening"


def test_every_page_is_in_every_language_and_falls_back_to_the_original(built):
    for lang in OTHERS:
        for path in (
            "index.html",
            "events/",
            "news/",
            "about/",
            "news/announced/",
            "events/forum/closing/",
            "404.html",
        ):
            assert (built.output / lang / path / ("index.html" if path.endswith("/") else "")).is_file(), (lang, path)
    spanish = built.soup("es/events/forum/")
    assert spanish.h1.get_text(strip=True) == "Event forum"  # no Spanish translation: the original's words
    assert json_ld(spanish)["inLanguage"] == "en"  # and it says they are English
    assert json_ld(built.soup("fr/events/forum/"))["inLanguage"] == "fr"


def test_falling_back_items_carry_the_original_language_on_their_words(generator):
    view = language_view(generator._pristine, generator.site, "es", generator.path)
    event = view.events["forum"]
    assert (event.page_lang, event.words_lang, event.is_fallback) == ("es", "en", True)
    assert event.original is generator.site.events["forum"]
    assert event.url == "es/events/forum/" and event.files_url == "events/forum/"
    french = language_view(generator._pristine, generator.site, "fr", generator.path).events["forum"]
    assert (french.title, french.page_lang, french.words_lang, french.is_fallback) == ("Le forum", "fr", "fr", False)
    assert french.sessions[0].event is french  # linked again: the French session's event is the French one
    original = generator.site.events["forum"]
    assert (original.title, original.url, original.page_lang, original.is_fallback) == (
        "Event forum",
        "events/forum/",
        "en",
        False,
    )


def test_every_item_alternates_are_reciprocal_across_the_built_site(generator, built):
    site, languages = generator.site, generator.languages
    views = {lang: language_view(generator._pristine, site, lang, generator.path) for lang in languages[1:]}
    pages_by_url = {item.url: item for item in all_items(site) if getattr(item, "is_written", True)}
    for view in views.values():
        pages_by_url.update({item.url: item for item in all_items(view)})
    clusters = 0
    for item in pages_by_url.values():
        if getattr(item, "is_fallback", False) or item.status not in ("published", "hidden"):
            continue
        found = alternates(item, site, languages)
        assert found[X_DEFAULT] == (item.original or item).url
        for lang, url in found.items():
            assert (built.output / url / "index.html").is_file(), url
            other = pages_by_url[url]
            assert alternates(other, site, languages) == found  # it names this page back, with this language
            if lang != X_DEFAULT:
                assert other.words_lang == lang
        clusters += len(found) > 2
    assert clusters == 4  # the event and its session, each in English and French


def test_the_sitemap_has_alternates_for_translated_pages_and_no_fallback_pages(built):
    namespaces = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ElementTree.fromstring(built.text("sitemap.xml"))
    by_loc = {
        url.find("s:loc", namespaces).text: {
            link.get("hreflang"): link.get("href") for link in url.findall("x:link", namespaces)
        }
        for url in root.findall("s:url", namespaces)
    }
    cluster = {"en": f"{SITE}/events/forum/", "fr": f"{SITE}/fr/events/forum/", X_DEFAULT: f"{SITE}/events/forum/"}
    assert by_loc[f"{SITE}/fr/events/forum/"] == cluster == by_loc[f"{SITE}/events/forum/"]
    assert f"{SITE}/es/events/forum/" not in by_loc  # falls back to English: not in the sitemap
    assert f"{SITE}/fr/events/forum/closing/" not in by_loc
    assert by_loc[f"{SITE}/events/forum/closing/"] == {}  # in one language only: no cluster
    assert set(by_loc[f"{SITE}/ar/events/"]) == {"en", "fr", "es", "ar", X_DEFAULT}  # lists: every language
    assert by_loc[f"{SITE}/ar/events/"]["ar"] == f"{SITE}/ar/events/"


def test_the_french_feed_has_prefixed_links_and_says_its_language(built):
    parsed = feedparser.parse(built.text("fr/feeds/all.atom.xml"))
    assert not parsed.bozo, parsed.bozo_exception
    assert parsed.feed.language == "fr"
    links = {entry.title: entry.link for entry in parsed.entries}
    assert links["Le forum"].endswith("/fr/events/forum/")
    assert links["News announced"].endswith("/fr/news/announced/")
    assert parsed.feed.id.endswith("/fr/feeds/all.atom.xml")
    assert feedparser.parse(built.text("feeds/all.atom.xml")).feed.language == "en"
    events = feedparser.parse(built.text("es/feeds/events.atom.xml"))
    assert [e.link.split("/", 3)[3] for e in events.entries] == ["es/events/forum/"]


def test_the_french_calendar_has_the_same_events_as_the_site_calendar(built):
    def read(path: str) -> dict[str, str]:
        calendar = icalendar.Calendar.from_ical(built.text(path))
        return {str(e["UID"]): str(e["SUMMARY"]) for e in calendar.walk("VEVENT")}

    english, french = read("calendar.ics"), read("fr/calendar.ics")
    assert english.keys() == french.keys() and english
    assert "Le forum" in french.values() and "Event forum" in english.values()
    assert read("fr/events/forum/calendar.ics").keys() == read("events/forum/calendar.ics").keys()


def test_a_draft_translation_is_not_shown_and_its_page_keeps_the_original_words(content, tmp_path):
    forum(content)
    content.markdown("events/forum/index.es.md", {"title": "El foro", "status": "draft"}, "Borrador.\n")
    result = build_here(content.root, tmp_path / "output", now=NOW)
    assert result.ok, result
    assert result.soup("es/events/forum/").h1.get_text(strip=True) == "Event forum"
    assert result.soup("fr/events/forum/").h1.get_text(strip=True) == "Le forum"
    cluster = {link["hreflang"] for link in result.soup("events/forum/").select('link[rel="alternate"][hreflang]')}
    assert cluster == {"en", "fr", X_DEFAULT}  # no Spanish page of its own yet
    assert "El foro" not in result.text("es/feeds/all.atom.xml")


def test_a_site_of_one_language_has_no_other_language(content, tmp_path):
    forum(content)
    for name in ("events/forum/index.fr.md", "events/forum/sessions/opening.fr.md"):
        (content.root / name).unlink()
    result = build_here(content.root, tmp_path / "output", now=NOW, overrides={"LANGUAGES": None})
    assert result.ok, result
    assert not [f for f in result.files() if f.split("/")[0] in OTHERS]
    assert "xhtml" not in result.text("sitemap.xml")
    assert "xml:lang" not in result.text("feeds/all.atom.xml")
    assert "inLanguage" not in result.text("events/forum/index.html")


def test_a_page_may_not_take_a_language_code_for_its_slug(content, tmp_path):
    content.page("fr")
    checked = check(content.root, tmp_path / "unused", now=NOW)
    assert not checked.ok
    assert 'pages/fr.md: slug: "fr" is the address of the site in one of its languages (/fr/)' in checked.result.stderr


@pytest.fixture(scope="module")
def shipped_output(tmp_path_factory) -> Path:
    result = build(SHIPPED_CONTENT, tmp_path_factory.mktemp("shipped") / "output", env={"SITEURL": ""})
    assert result.ok, result
    return result.output


def test_the_shipped_site_in_four_languages_passes_the_site_checks(shipped_output):
    assert (shipped_output / "ar/events/confronting-impunity-2016/index.html").is_file()
    assert check_site(shipped_output, "https://events.ifex.org", validate_html=False) == []


def write_page(folder: Path, path: str, links: dict[str, str]) -> None:
    heads = "".join(f'<link rel="alternate" hreflang="{lang}" href="{href}">' for lang, href in links.items())
    (folder / path).parent.mkdir(parents=True, exist_ok=True)
    (folder / path).write_text(f"<!doctype html><html><head>{heads}</head><body></body></html>", encoding="utf-8")


def test_check_hreflang_finds_a_pair_that_is_not_reciprocal(tmp_path):
    url = "https://x.example"
    both = {"en": f"{url}/a/", "fr": f"{url}/fr/a/", X_DEFAULT: f"{url}/a/"}
    write_page(tmp_path, "a/index.html", both)
    write_page(tmp_path, "fr/a/index.html", both)
    assert list(check_hreflang(BuiltSite(tmp_path, url))) == []
    write_page(tmp_path, "fr/a/index.html", {"fr": f"{url}/fr/a/"})  # does not name the English page back
    write_page(tmp_path, "b/index.html", {"en": f"{url}/b/", "es": f"{url}/es/b/"})  # no such Spanish page
    problems = [str(p) for p in check_hreflang(BuiltSite(tmp_path, url))]
    assert problems == [
        "a/index.html: names fr/a/index.html as its fr version, but fr/a/index.html does not name it back as en",
        "b/index.html: its hreflang es link leads to a missing page (es/b/index.html)",
    ]


def test_invoke_check_site_fails_on_a_broken_hreflang_pair(shipped_output, tmp_path):
    """check --site runs check_hreflang: a page of the built shipped site whose French page
    does not name it back is reported."""
    page = shipped_output / "about/index.html"
    html = page.read_text(encoding="utf-8")
    url = "https://events.ifex.org"
    broken = html.replace(
        "</head>",
        f'<link rel="alternate" hreflang="en" href="{url}/about/">'
        f'<link rel="alternate" hreflang="fr" href="{url}/fr/about/"></head>',
        1,
    )
    page.write_text(broken, encoding="utf-8")
    try:
        problems = [str(p) for p in check_site(shipped_output, url, validate_html=False)]
    finally:
        page.write_text(html, encoding="utf-8")
    assert problems == [
        "about/index.html: names fr/about/index.html as its fr version, "
        "but fr/about/index.html does not name it back as en"
    ]


def test_invoke_check_site_passes_on_the_shipped_site_of_four_languages():
    """The command itself: the shipped content, built with the publishing settings, checked."""
    if subprocess.run(["which", "java"], capture_output=True, check=False).returncode:
        pytest.skip("the HTML checker needs Java")
    invoke = str(Path(sys.executable).with_name("invoke"))
    env = {**os.environ, "SITEURL": SITE, "SOURCE_DATE_EPOCH": "1790000000"}
    result = subprocess.run([invoke, "check", "--site"], cwd=REPO, capture_output=True, text=True, env=env, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "The site passed every check." in result.stdout


def test_the_preview_serves_every_language_and_makes_a_view_when_first_asked(content, tmp_path, monkeypatch):
    from eventsite import languages
    from eventsite.preview import PreviewSite

    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(NOW))
    forum(content)
    made = []
    monkeypatch.setattr(
        generators, "language_view", lambda *args: made.append(args[2]) or languages.language_view(*args)
    )
    preview = PreviewSite(str(REPO / "pelicanconf.py"), str(content.root), str(tmp_path / "output"))
    try:
        preview.refresh()
        assert preview.errors == []
        assert "Event forum" in preview.file_for("/events/forum/").read_text(encoding="utf-8")
        assert made == []  # an editor working in English waits for no other language
        for path in ("/fr/", "/fr/events/forum/opening/", "/fr/news/", "/fr/news/announced/", "/fr/calendar.ics"):
            assert preview.has(path), path
        assert "Ouverture" in preview.file_for("/fr/events/forum/opening/").read_text(encoding="utf-8")
        assert "Le forum" in preview.file_for("/fr/events/forum/").read_text(encoding="utf-8")
        assert "News announced" in preview.file_for("/fr/news/").read_text(encoding="utf-8")
        assert made == ["fr"]  # one view for all of its pages
        assert "Event forum" in preview.file_for("/es/events/forum/").read_text(encoding="utf-8")
        assert made == ["fr", "es"]
        content.markdown("events/forum/index.fr.md", {"title": "Le grand forum"}, "Texte.\n")
        preview.refresh()
        assert "Le grand forum" in preview.file_for("/fr/events/forum/").read_text(encoding="utf-8")
    finally:
        preview.close()
