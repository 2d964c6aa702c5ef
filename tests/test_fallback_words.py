"""Words not in the page's language are marked with theirs (issue 16): on /ar/… an event not
translated yet says its English title, sessions, organisations and body with lang="en"
dir="ltr", so that a screen reader reads them with an English voice; a translated event's
own words are not marked, its untranslated neighbours' are. The zone abbreviation of a time
("WEST") is isolated in <bdi>, so that it keeps its place in a line written right to left."""

from __future__ import annotations

import pytest

from sitebuild import REPO, SHIPPED_CONTENT, build_here, epoch

MEETING = "events/general-meeting-2013/"  # no translation
HELSINKI = "events/confronting-impunity-2016/"  # index.ar.md: its words in Arabic
ENGLISH = {"lang": "en", "dir": "ltr"}


@pytest.fixture(scope="module")
def shipped(tmp_path_factory):
    """The shipped site, in pelicanconf.py's four languages."""
    output = tmp_path_factory.mktemp("shipped") / "output"
    result = build_here(SHIPPED_CONTENT, output, now=epoch("2026-11-23T12:00+00:00"))
    assert result.ok, result
    return result


def marks(element) -> dict:
    return {key: element.get(key) for key in ("lang", "dir") if element.get(key)}


def test_an_untranslated_events_arabic_page_says_its_english_words_are_english(shipped):
    page = shipped.soup(f"ar/{MEETING}")
    assert page.html["lang"] == "ar" and page.html["dir"] == "rtl"
    h1 = page.find("h1")
    assert h1.get_text(strip=True).startswith("IFEX General Meeting") and marks(h1) == ENGLISH
    sessions = page.select(".programme a[href*='general-meeting-2013/']")
    assert sessions and all(marks(a) == ENGLISH for a in sessions), [str(a) for a in sessions if marks(a) != ENGLISH]
    hosts = page.select(".facts a[href*='/organizations/']")
    assert hosts and all(marks(a) == ENGLISH for a in hosts)
    assert marks(page.select_one("div.event-body")) == ENGLISH
    # The interface around them is Arabic, unmarked: the page's own language.
    assert marks(page.select_one("#programme-heading")) == {}


def test_a_translated_events_arabic_words_are_not_marked_but_its_english_neighbours_are(shipped):
    page = shipped.soup(f"ar/{HELSINKI}")
    h1 = page.find("h1")
    assert "الإفلات من العقاب" in h1.get_text() and marks(h1) == {}
    assert marks(page.select_one("div.event-body")) == {}  # index.ar.md has a body of its own
    partner = page.select_one(".facts a[href$='/organizations/cpj/']")
    assert partner.get_text(strip=True) == "Committee to Protect Journalists (CPJ)"
    assert marks(partner) == ENGLISH  # organizations/cpj.md is not translated
    # Its sessions are not translated either.
    session = page.select_one(".programme a[href*='campaign-strategy/']")
    assert marks(session) == ENGLISH


def test_the_english_site_marks_no_words(shipped):
    for path in ("", MEETING, HELSINKI, f"{HELSINKI}campaign-strategy/", "organizations/cpj/", "news/"):
        page = shipped.soup(path)
        main = page.find("main")
        marked = [str(tag)[:80] for tag in main.find_all(attrs={"lang": True})]
        assert marked == [], path


def test_an_untranslated_session_page_in_arabic(shipped):
    page = shipped.soup(f"ar/{HELSINKI}campaign-strategy/")
    assert marks(page.find("h1")) == ENGLISH and marks(page.select_one("div.session-body")) == ENGLISH
    # The event it belongs to is translated: its link in Arabic, unmarked.
    event = page.select_one(f"p.kind a[href$='/ar/{HELSINKI}']")
    assert marks(event) == {}


@pytest.fixture(scope="module")
def forum(tmp_path_factory):
    """The Lisbon forum of tests/sites/programme (clocks go back during it: WEST, then WET)."""
    result = build_here(
        REPO / "tests/sites/programme",
        tmp_path_factory.mktemp("programme") / "output",
        now=epoch("2027-02-01T12:00+00:00"),
        overrides={"LANGUAGES": ["en", "fr", "es", "ar"]},
    )
    assert result.ok, result
    return result


@pytest.mark.parametrize("prefix", ["ar/", "fr/", ""])
def test_the_zones_abbreviations_are_isolated(forum, prefix):
    page = forum.soup(f"{prefix}events/digital-rights-forum-2027/")
    when = page.select_one(".facts time[data-local]")
    assert [bdi.get_text() for bdi in when.find_all("bdi")] == ["WEST", "WET"]
    assert when.get_text().count("WEST") == 1  # not said twice, nor lost
    programme = forum.soup(f"{prefix}events/digital-rights-forum-2027/programme/")  # a long one: its own page
    zone = programme.select_one("[data-programme-zone] bdi")
    assert zone.get_text() == "Europe/Lisbon, WEST"


# --- the visible mark of an item not translated yet ----------------------------------------
# content-contract.md, "Translations": an item not yet translated is listed in its own
# language and marked so: "(en anglais)" after its title, in the page's language.


def card(page, slug: str):
    link = page.select_one(f"article.event-card a[href$='/{slug}']")
    assert link is not None, slug
    return link.find_parent("article")


def notes(element) -> list[str]:
    return [note.get_text(" ", strip=True) for note in element.select(".fallback-note")]


def test_the_french_events_list_says_which_events_are_in_english(shipped):
    page = shipped.soup("fr/events/")
    meeting = card(page, MEETING)
    assert notes(meeting) == ["(en anglais)"]
    # The mark follows the English title, outside its link (whose words stay the title's).
    heading = meeting.find(["h3", "h4"])
    assert heading.get_text(" ", strip=True).endswith("Strategy Conference 2013 (en anglais)"), heading
    assert marks(heading.select_one(".fallback-note")) == {} and marks(heading.find("a")) == ENGLISH
    assert notes(card(page, HELSINKI)) == []  # index.fr.md: its title is French


@pytest.mark.parametrize(
    "path, expected",
    [("es/events/", "(en inglés)"), ("ar/events/", "(باللغة الإنجليزية)"), ("fr/organizations/", "(en anglais)")],
)
def test_each_language_says_the_mark_in_its_own_words(shipped, path, expected):
    assert expected in notes(shipped.soup(path).find("main"))


def test_the_english_site_has_no_mark(shipped):
    for path in ("", "events/", "campaigns/", "organizations/", "people/", "news/", MEETING, HELSINKI):
        assert notes(shipped.soup(path)) == [], path


def test_an_untranslated_programme_says_once_that_it_is_in_english(shipped):
    page = shipped.soup(f"ar/{MEETING}")
    programme = page.select_one("section.programme")
    assert notes(programme) == ["البرنامج باللغة الإنجليزية."]
    assert programme.select(".sessions a") and not programme.select(".sessions .fallback-note")


@pytest.fixture(scope="module")
def half_translated(tmp_path_factory):
    """An event in French with one of its two sessions, built in English and French."""
    from sitebuild import ContentFolder

    root = tmp_path_factory.mktemp("half")
    content = ContentFolder(root / "content")
    content.event("forum", start="2027-03-10 09:00", end="2027-03-10 17:00", timezone="Europe/Paris")
    content.markdown("events/forum/index.fr.md", {"title": "Le forum"}, "De quoi il s'agit.\n")
    content.session("forum", "opening", start="2027-03-10 09:30", end="2027-03-10 10:30")
    content.markdown("events/forum/sessions/opening.fr.md", {"title": "Ouverture"}, "Bonjour.\n")
    content.session("forum", "closing", start="2027-03-10 16:00", end="2027-03-10 17:00")
    result = build_here(
        content.root, root / "output", now=epoch("2027-01-10T12:00+00:00"), overrides={"LANGUAGES": ["en", "fr"]}
    )
    assert result.ok, result
    return result


def test_a_half_translated_programme_marks_its_english_sessions_one_by_one(half_translated):
    programme = half_translated.soup("fr/events/forum/").select_one("section.programme")
    assert not programme.select("p.fallback-note")
    items = {li.find("a").get_text(strip=True): notes(li) for li in programme.select("li.slot")}
    assert items == {"Ouverture": [], "Session closing": ["(en anglais)"]}
    assert notes(half_translated.soup("events/forum/")) == []
