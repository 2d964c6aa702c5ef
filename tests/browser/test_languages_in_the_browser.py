"""The site in four languages in a real browser (issue 16): each page says its language and
direction, the switcher leads to the same page in every language, Arabic pages are drawn
right to left (the header, the programme's grid, its stripes and stars) and fit a 320 px
phone, axe finds nothing in French or Arabic, and the visitor's own time is written in the
page's language.

The shipped site is built with pelicanconf.py's LANGUAGES (en, fr, es, ar); the 5-room
programme of tests/sites/programme is built again here with the same four languages."""

from __future__ import annotations

import re

import pytest
from test_pages_in_the_browser import violations_in_both_schemes

from sitebuild import REPO, build_here, epoch

HELSINKI = "events/confronting-impunity-2016/"
SESSION = HELSINKI + "campaign-strategy/"
FORUM = "events/digital-rights-forum-2027/"
FIRST_DAY = "#day-2027-10-29"
ARABIC_LETTERS = re.compile(r"[\u0621-\u064a]")
ARABIC_INDIC_DIGITS = re.compile(r"[\u0660-\u0669\u06f0-\u06f9]")


@pytest.fixture(scope="module")
def forum(sites):
    """The Lisbon forum (2027-10-29, 08:30 WEST) in four languages, built months before it."""
    output = sites / "programme-languages"
    result = build_here(
        REPO / "tests/sites/programme",
        output,
        now=epoch("2027-02-01T12:00+00:00"),
        overrides={"LANGUAGES": ["en", "fr", "es", "ar"]},
    )
    assert result.ok, result
    return "programme-languages/"


def opened(visit, url: str, **context_options):
    tab = visit(**context_options)
    response = tab.page.goto(url)
    assert response.status == 200, url
    return tab


def page_language(page) -> tuple[str, str, str]:
    """<html lang dir>, and the direction the browser lays the page out in."""
    return page.evaluate(
        "[document.documentElement.lang, document.documentElement.dir, getComputedStyle(document.body).direction]"
    )


@pytest.mark.parametrize(
    ("path", "lang", "direction"),
    [
        ("", "en", "ltr"),
        ("fr/", "fr", "ltr"),
        (f"fr/{HELSINKI}", "fr", "ltr"),
        ("ar/", "ar", "rtl"),
        (f"ar/{HELSINKI}", "ar", "rtl"),
        (f"ar/{SESSION}", "ar", "rtl"),
        ("es/news/", "es", "ltr"),
    ],
)
def test_each_page_says_its_language_and_direction(visit, server, path, lang, direction):
    tab = opened(visit, f"{server}/ifex/{path}")
    assert page_language(tab.page) == [lang, direction, direction]
    assert tab.console_errors == [] and tab.failed == [] and tab.off_site == []


def test_the_switcher_leads_to_the_same_page_in_each_language(visit, server):
    tab = opened(visit, f"{server}/ifex/{SESSION}")
    page = tab.page
    switcher = page.locator("header nav.languages")
    # Every language by its own name, marked with its language and direction.
    links = switcher.get_by_role("link")
    assert [(a.get_attribute("hreflang"), a.get_attribute("lang"), a.get_attribute("dir")) for a in links.all()] == [
        ("en", "en", "ltr"),
        ("fr", "fr", "ltr"),
        ("es", "es", "ltr"),
        ("ar", "ar", "rtl"),
    ]
    assert links.all_inner_texts() == ["English", "Français", "Español", "العربية"]
    for name, prefix, lang in [
        ("Français", "fr/", "fr"),
        ("العربية", "ar/", "ar"),
        ("Español", "es/", "es"),
        ("English", "", "en"),
    ]:
        switcher.get_by_role("link", name=name, exact=True).click()
        page.wait_for_url(f"{server}/ifex/{prefix}{SESSION}")
        assert page_language(page)[0] == lang
        assert switcher.locator("[aria-current=page]").all_inner_texts() == [name]
        canonical = page.locator("link[rel=canonical]").get_attribute("href")
        assert canonical == f"https://events.ifex.org/{prefix}{SESSION}"  # the session's own page in that language
    assert tab.console_errors == [] and tab.failed == []


@pytest.mark.parametrize("path", ["", HELSINKI, SESSION], ids=["home", "event", "session"])
def test_arabic_pages_fit_a_320_px_phone(visit, server, path):
    tab = opened(visit, f"{server}/ifex/ar/{path}", viewport={"width": 320, "height": 640})
    width, client = tab.page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert width <= client


def test_the_arabic_programme_fits_a_320_px_phone(forum, visit, server):
    tab = opened(visit, f"{server}/{forum}ar/{FORUM}programme/", viewport={"width": 320, "height": 640})
    width, client = tab.page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert width <= client


def box(page, selector: str) -> dict:
    found = page.locator(selector)
    assert found.count() == 1, selector
    return found.bounding_box()


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_header_is_mirrored_in_arabic(visit, server, lang):
    prefix = "" if lang == "en" else f"{lang}/"
    tab = opened(visit, f"{server}/ifex/{prefix}{HELSINKI}", viewport={"width": 1280, "height": 800})
    name, nav = box(tab.page, ".site-header .site-name"), box(tab.page, ".site-header .site-nav")
    if lang == "ar":
        assert name["x"] >= nav["x"] + nav["width"]  # the site's name on the right, its sections to its left
    else:
        assert name["x"] + name["width"] <= nav["x"]


def grid(page) -> dict:
    """Where the first day's rooms, a stripe and a star are drawn (at 1280 px: the grid)."""
    return page.evaluate(
        """(selector) => {
          const day = document.querySelector(selector);
          const rooms = [...day.querySelectorAll(".grid-room")].map(r => r.getBoundingClientRect());
          const words = document.createRange();  // the time ruler's first time, as drawn
          words.selectNodeContents(day.querySelector(".grid-time"));
          const time = words.getBoundingClientRect();
          const slot = day.querySelector("li.slot:not(.break):has(> div > .star)");
          const style = getComputedStyle(slot), star = slot.querySelector(".star").getBoundingClientRect();
          const box = slot.getBoundingClientRect();
          return {
            first: rooms[0].left, last: rooms[rooms.length - 1].left,
            stripe: {left: parseFloat(style.borderLeftWidth), right: parseFloat(style.borderRightWidth)},
            star: star.left + star.width / 2 - (box.left + box.width / 2),
            ruler: {left: time.left, right: time.right}, room: {left: rooms[0].left, right: rooms[0].right},
          };
        }""",
        FIRST_DAY,
    )


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_programme_grid_runs_right_to_left_in_arabic(forum, visit, server, lang):
    prefix = "" if lang == "en" else f"{lang}/"
    tab = opened(visit, f"{server}/{forum}{prefix}{FORUM}programme/", viewport={"width": 1280, "height": 900})
    drawn = grid(tab.page)
    if lang == "ar":  # the first room's column on the right; a slot's stripe on its right, its star on its left
        assert drawn["first"] > drawn["last"]
        assert drawn["stripe"]["right"] > drawn["stripe"]["left"]
        assert drawn["star"] < 0
        assert drawn["ruler"]["left"] >= drawn["room"]["right"]  # "8:30 ص" beside the rooms, not under them
    else:
        assert drawn["first"] < drawn["last"]
        assert drawn["stripe"]["left"] > drawn["stripe"]["right"]
        assert drawn["star"] > 0
        assert drawn["ruler"]["right"] <= drawn["room"]["left"]
    assert tab.page.evaluate("document.documentElement.scrollWidth") <= 1280
    assert tab.console_errors == [] and tab.failed == [] and tab.off_site == []


def test_the_day_tabs_follow_the_arrow_keys_on_screen_in_arabic(forum, visit, server):
    tab = opened(visit, f"{server}/{forum}ar/{FORUM}programme/", viewport={"width": 1280, "height": 900})
    tabs = tab.page.get_by_role("tab")
    assert tabs.count() == 3
    first, second = tabs.nth(0).bounding_box(), tabs.nth(1).bounding_box()
    assert second["x"] < first["x"]  # the next day is to the left
    tabs.nth(0).focus()
    tab.page.keyboard.press("ArrowLeft")
    assert tabs.nth(1).get_attribute("aria-selected") == "true"
    tab.page.keyboard.press("ArrowRight")
    assert tabs.nth(0).get_attribute("aria-selected") == "true"


def test_marks_that_point_a_way_are_mirrored_in_arabic(visit, server):
    """A session's link to the next one ends with an arrow that points along the line."""
    arrows = {}
    for lang, prefix in (("en", ""), ("ar", "ar/")):
        tab = opened(visit, f"{server}/ifex/{prefix}{SESSION}")
        arrows[lang] = tab.page.evaluate(
            "getComputedStyle(document.querySelector('.session-nav a[rel=next]'), '::after').content"
        )
    assert arrows["en"].startswith('" →"') and arrows["ar"].startswith('" ←"')


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_no_accessibility_violations_in_french_and_arabic(visit, server, lang):
    tab = visit()
    assert violations_in_both_schemes(tab, f"{server}/ifex/{lang}/{HELSINKI}") == {"light": [], "dark": []}


@pytest.mark.parametrize("locale", ["en-US", "ar-EG"])
def test_the_visitors_time_is_written_in_arabic_with_latin_digits(forum, visit, server, locale):
    """Whatever the visitor's own locale: the page's language, its 12-hour clock (م, ص) and
    Latin digits, as the build writes the page's own times; the words are the page's."""
    tab = opened(visit, f"{server}/{forum}ar/{FORUM}", timezone_id="America/New_York", locale=locale)
    line = tab.page.locator(".facts .local-time").inner_text()
    words = tab.page.evaluate("document.body.dataset")
    assert line.startswith(words["inZone"].split("{zone}")[0])
    assert words["namedZone"].replace("{zone}", "America/New York") in line
    assert ARABIC_LETTERS.search(line.split("America/New York")[-1])  # the day's name, the month's, ص
    assert "3:30" in line and not ARABIC_INDIC_DIGITS.search(line)  # 08:30 in Lisbon is 03:30 in New York
    assert "ص" in line  # before noon, on a 12-hour clock


def test_the_visitors_time_is_written_in_french(forum, visit, server):
    tab = opened(visit, f"{server}/{forum}fr/{FORUM}", timezone_id="America/New_York", locale="en-US")
    line = tab.page.locator(".facts .local-time").inner_text()
    assert "ven. 29 oct., 03:30" in line  # French names and the 24-hour clock
