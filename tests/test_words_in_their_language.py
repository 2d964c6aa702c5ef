"""The words an editor writes once, for every language (issue 16, review): on /fr/ /es/ /ar/
a session's usual format is said in the page's language ("atelier"), a format of the
editor's own, its track and room, and an organisation's country keep the original's words
and say so (lang, dir: a screen reader reads them in that voice); speakers' names are
isolated (<bdi>) from the direction of the line around them. Previous/next links keep the
page's direction (their arrows are drawn by site.css inside the <a>), the title inside them
in a <bdi> that says its language."""

from __future__ import annotations

import feedparser
import pytest

from sitebuild import ContentFolder, build_here, epoch

NOW = epoch("2027-02-01T12:00+00:00")
ENGLISH = {"lang": "en", "dir": "ltr"}
EVENT = "events/forum/"


def marks(element) -> dict:
    return {key: element.get(key) for key in ("lang", "dir") if element.get(key)}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("words")
    content = ContentFolder(root / "content")
    content.event("forum", start="2027-03-10", end="2027-03-11", timezone="Europe/Helsinki", registration="none")
    content.markdown("events/forum/index.ar.md", {"title": "المنتدى"}, "عن المنتدى.\n")
    content.session(
        "forum",
        "opening",
        start="2027-03-10 09:00",
        end="2027-03-10 10:00",
        format="workshop",
        track="Safety",
        room="Hall A",
        speakers=["Leena Virtanen", "سارة أحمد"],
    )
    content.session("forum", "middle", start="2027-03-10 11:00", end="2027-03-10 12:00", format="fishbowl")
    content.markdown("events/forum/sessions/middle.ar.md", {"title": "حوار مفتوح"}, "نقاش.\n")
    content.session("forum", "closing", start="2027-03-10 16:00", end="2027-03-10 17:00", format="Panel")
    content.organization("ngo", country="Finland", member=True)
    result = build_here(content.root, root / "output", now=NOW)
    assert result.ok, result
    return result


def session_meta(page, slug: str):
    link = page.select_one(f".programme a[href$='/{slug}/']")
    assert link is not None, slug
    return link.find_parent("li").select_one(".session-meta")


@pytest.mark.parametrize(
    ("prefix", "workshop", "panel"),
    [
        ("", "workshop", "Panel"),
        ("fr/", "atelier", "table ronde"),
        ("es/", "taller", "mesa redonda"),
        ("ar/", "ورشة عمل", "حلقة نقاش"),
    ],
)
def test_the_usual_formats_are_said_in_the_pages_language(built, prefix, workshop, panel):
    page = built.soup(f"{prefix}{EVENT}")
    assert session_meta(page, "opening").get_text(" ", strip=True).startswith(workshop + " ·")
    assert session_meta(page, "closing").get_text(strip=True) == panel  # written "Panel": known all the same
    opening = built.soup(f"{prefix}{EVENT}opening/")
    facts = {dt.get_text(strip=True): dt.find_next_sibling("dd") for dt in opening.select("dl dt")}
    formats = [dd for dd in facts.values() if dd.get_text(strip=True) == workshop[:1].upper() + workshop[1:]]
    assert len(formats) == 1 and marks(formats[0]) == {}


def test_a_format_of_the_editors_own_is_shown_as_written_in_its_language(built):
    # The Arabic session translates its title, not its format: "fishbowl" is the original's English.
    meta = session_meta(built.soup(f"ar/{EVENT}"), "middle")
    span = meta.find("span", string="fishbowl")
    assert span is not None and marks(span) == ENGLISH, meta
    page = built.soup(f"ar/{EVENT}middle/")
    dd = next(dd for dd in page.select("dl dd") if dd.get_text(strip=True) == "Fishbowl")
    assert dd.find(attrs={"lang": "en", "dir": "ltr"}) is not None, dd
    # On the English site it is the page's own language: nothing marked.
    assert session_meta(built.soup(EVENT), "middle").find(attrs={"lang": True}) is None


@pytest.mark.parametrize("prefix", ["fr/", "ar/"])
def test_track_and_room_say_they_are_english_and_speakers_names_are_isolated(built, prefix):
    meta = session_meta(built.soup(f"{prefix}{EVENT}"), "opening")
    assert marks(meta.find("span", string="Safety")) == ENGLISH
    assert marks(meta.find("span", string="Hall A")) == ENGLISH
    assert [bdi.get_text() for bdi in meta.find_all("bdi")] == ["Leena Virtanen", "سارة أحمد"]
    page = built.soup(f"{prefix}{EVENT}opening/")
    for word in ("Safety", "Hall A"):
        dd = next(dd for dd in page.select("dl dd") if dd.get_text(strip=True) == word)
        assert marks(dd) == ENGLISH
    speakers = [bdi.get_text() for bdi in page.select("dl dd li bdi")]
    assert speakers == ["Leena Virtanen", "سارة أحمد"]


def test_the_english_site_marks_no_track_room_or_format(built):
    for path in (EVENT, f"{EVENT}opening/", "organizations/", "organizations/ngo/"):
        main = built.soup(path).find("main")
        assert [str(tag)[:80] for tag in main.find_all(attrs={"lang": True})] == [], path
    assert [b.get_text() for b in session_meta(built.soup(EVENT), "opening").find_all("bdi")] == [
        "Leena Virtanen",
        "سارة أحمد",
    ]


@pytest.mark.parametrize("prefix", ["es/", "ar/"])
def test_an_organisations_country_says_it_is_english(built, prefix):
    listed = built.soup(f"{prefix}organizations/").select_one("main li:has(a[href$='/organizations/ngo/'])")
    assert marks(listed.find("span", string="Finland")) == ENGLISH
    page = built.soup(f"{prefix}organizations/ngo/")
    country = page.find("span", string="Finland")
    assert country is not None and marks(country) == ENGLISH
    assert "Finland · " in country.parent.get_text()  # and then its membership, in the page's words


def test_previous_and_next_keep_the_pages_direction_their_titles_their_own(built):
    page = built.soup(f"ar/{EVENT}middle/")
    assert page.html["dir"] == "rtl"
    for rel, title in (("prev", "Session opening"), ("next", "Session closing")):
        link = page.select_one(f"a[rel='{rel}']")
        assert marks(link) == {}, link  # the arrow site.css draws in it follows the page
        assert link.bdi.get_text() == title and marks(link.bdi) == ENGLISH
    # A translated neighbour's title is the page's language: its <bdi> unmarked.
    opening = built.soup(f"ar/{EVENT}opening/").select_one("a[rel='next']")
    assert opening.bdi.get_text() == "حوار مفتوح" and marks(opening.bdi) == {} and marks(opening) == {}


# --- SITESUBTITLES: the site's subtitle in the page's language --------------------------------


def subtitle(page):
    return page.find("h1").find_next_sibling("p")


@pytest.mark.parametrize(
    ("prefix", "start"),
    [("", "Meetings, workshops"), ("fr/", "Réunions, ateliers"), ("es/", "Reuniones, talleres"), ("ar/", "اجتماعات")],
)
def test_the_home_page_says_the_sites_subtitle_in_its_language(built, prefix, start):
    page = built.soup(prefix)
    line = subtitle(page)
    assert line.get_text().startswith(start) and marks(line) == {}
    assert page.find("meta", attrs={"name": "description"})["content"] == line.get_text()


def test_a_language_without_a_subtitle_says_the_english_one_and_that_it_is_english(tmp_path):
    content = ContentFolder(tmp_path / "content")
    content.event("forum", start="2027-03-10", registration="none")
    result = build_here(
        content.root, tmp_path / "output", now=NOW, overrides={"SITESUBTITLES": {"fr": "Le sous-titre"}}
    )
    assert result.ok, result
    assert subtitle(result.soup("fr/")).get_text() == "Le sous-titre"
    spanish = subtitle(result.soup("es/"))
    assert spanish.get_text().startswith("Meetings, workshops") and marks(spanish) == ENGLISH
    assert marks(subtitle(result.soup(""))) == {}


# --- the feeds of each language -----------------------------------------------------------------


def feed_link_title(page, href_end: str) -> str:
    return page.find("link", rel="alternate", type="application/atom+xml", href=lambda h: h.endswith(href_end))["title"]


@pytest.mark.parametrize("prefix", ["", "fr/", "ar/"])
def test_each_languages_feed_links_to_its_home_and_is_titled_as_its_pages_say(built, prefix):
    parsed = feedparser.parse(built.text(f"{prefix}feeds/all.atom.xml"))
    assert not parsed.bozo, parsed.bozo_exception
    home = next(link.href for link in parsed.feed.links if link.rel == "alternate")
    assert home.split("/", 3)[3] == prefix
    assert parsed.feed.title == feed_link_title(built.soup(prefix), "feeds/all.atom.xml")
    events = feedparser.parse(built.text(f"{prefix}feeds/events.atom.xml"))
    assert events.feed.title == feed_link_title(built.soup(prefix), "feeds/events.atom.xml")


def test_a_feeds_entry_in_another_language_says_its_own(built):
    arabic = feedparser.parse(built.text("ar/feeds/all.atom.xml"))
    assert arabic.feed.language == "ar"
    entries = {entry.title: entry for entry in arabic.entries}
    assert "<entry xml:lang" not in built.text("feeds/all.atom.xml")  # the English feed's entries are its own
    assert entries["المنتدى"].get("language") in (None, "ar")  # translated: the feed's language
    french = feedparser.parse(built.text("fr/feeds/all.atom.xml"))
    (forum,) = french.entries
    assert forum.title == "Event forum" and forum.title_detail.language == "en"
