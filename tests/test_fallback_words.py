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
