"""The events list's filters (issue 17): a page for each kind, year, place and campaign of the
listed events, /events/kind/workshop/…, written in every language, in the sitemap, and linked
from the filter bar of every events list page; each lists exactly its events, as cards that say
their kind, year, places and campaigns for events.js (tests/browser: the filters in place)."""

from __future__ import annotations

from xml.etree import ElementTree

import pytest
from test_errors import assert_stopped

from eventsite.site_files import value_slug

from sitebuild import ContentFolder, build_here, epoch

NOW = epoch("2027-02-01T12:00+00:00")
HOSTILE_CITY = '<img src=x onerror=alert(1)> "Zürich"'
HOSTILE_TITLE = "Free <b>speech</b> & \"safety\" <script>alert('x')</script>"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("filters")
    content = ContentFolder(root / "content")
    content.campaign("no-impunity", title="No Impunity")
    content.campaign("safety", title=HOSTILE_TITLE)
    content.campaign("secret", title="A hidden campaign", status="hidden")
    content.event(
        "forum",
        title="Forum",
        kind="conference",
        start="2027-03-10",
        venue={"city": "Helsinki", "country": "Finland"},
        online="https://stream.example.org/forum",
        campaigns=["no-impunity"],
    )
    content.event(
        "lab",
        title="Lab",
        kind="workshop",
        start="2026-05-02",
        venue={"city": HOSTILE_CITY, "country": "Switzerland"},
        campaigns=["safety", "secret"],
    )
    content.event("talk", title="Talk", kind="webinar", start="2026-09-01", online="https://stream.example.org/talk")
    content.event(
        "old", title="Old meeting", kind="meeting", start="2013-11-04", venue={"city": "Helsinki", "country": "Finland"}
    )
    content.event("draft", title="Draft workshop", kind="workshop", start="2026-06-01", status="draft")
    built = build_here(content.root, root / "output", now=NOW)
    assert built.ok, built
    return built


HOSTILE_PLACE = value_slug(f"{HOSTILE_CITY}-Switzerland")
EXPECTED = {
    "kind/conference/": {"Forum"},
    "kind/meeting/": {"Old meeting"},
    "kind/workshop/": {"Lab"},
    "kind/webinar/": {"Talk"},
    "year/2027/": {"Forum"},
    "year/2026/": {"Lab", "Talk"},
    "year/2013/": {"Old meeting"},
    "place/helsinki-finland/": {"Forum", "Old meeting"},
    "place/online/": {"Forum", "Talk"},
    f"place/{HOSTILE_PLACE}/": {"Lab"},
    "campaign/no-impunity/": {"Forum"},
    "campaign/safety/": {"Lab"},
}


def titles(soup) -> set[str]:
    return {card.find(["h3", "h4"]).a.get_text(strip=True) for card in soup.select("article.event-card")}


@pytest.mark.parametrize("path", sorted(EXPECTED))
def test_each_filtered_page_lists_exactly_its_events(site, path):
    soup = site.soup(f"events/{path}")
    assert titles(soup) == EXPECTED[path]
    current = soup.select(".event-filters a[aria-current=page]")
    assert [a["href"].rstrip("/").endswith(path.rstrip("/")) for a in current] == [True]
    back = soup.select_one(".event-filters a:not([data-filter])")
    assert back.get_text(strip=True) == "All events" and back["href"].endswith("events/")
    assert soup.select_one("[role=status]").get_text(strip=True) == f"{len(EXPECTED[path])} event" + (
        "s" if len(EXPECTED[path]) > 1 else ""
    )
    assert soup.select_one('link[rel="canonical"]')["href"].endswith(f"/events/{path}")
    assert not soup.select('meta[name="robots"]')  # landing pages: indexable


def test_only_the_values_the_listed_events_have_get_a_page(site):
    written = {p for p in site.files() if p.startswith("events/") and p.count("/") == 3}
    assert written == {f"events/{path}index.html" for path in EXPECTED}  # no other, webinar's draft nor hidden campaign
    assert not (site.output / "events/kind/other").exists()
    assert not (site.output / "events/campaign/secret").exists()


def test_the_filter_bar_links_every_filtered_page_and_names_it(site):
    soup = site.soup("events/")
    links = {
        a["href"].split("events/", 1)[1]: a.get_text(strip=True) for a in soup.select(".event-filters a[data-filter]")
    }
    assert set(links) == set(EXPECTED)
    assert links["kind/workshop/"] == "Workshops" and links["place/online/"] == "Online"
    assert links["campaign/safety/"] == HOSTILE_TITLE  # as text: escaped, never markup
    assert links[f"place/{HOSTILE_PLACE}/"] == f"{HOSTILE_CITY}, Switzerland"
    assert not soup.select(".event-filters img, .event-filters script, .event-filters b")
    assert soup.select_one(".event-filters a[aria-current=page]").get_text(strip=True) == "All events"
    assert soup.title.get_text().startswith("Events · ")


def test_a_hostile_city_becomes_a_safe_address(site):
    assert HOSTILE_PLACE == "img-src-x-onerror-alert-1-zurich-switzerland"
    assert value_slug("القاهرة").startswith("x") and value_slug("القاهرة") == value_slug("القاهرة")
    assert value_slug("../..") not in ("", "..") and "/" not in value_slug("a/b")


def test_a_filtered_page_is_titled_by_its_filter(site):
    assert site.soup("events/kind/workshop/").title.get_text().startswith("Workshops · Events · ")
    assert site.soup("events/place/online/").h1.get_text() == "Online"


def test_cards_say_their_filters_for_the_script(site):
    cards = {c.h3.a.get_text() if c.h3 else c.h4.a.get_text(): c for c in site.soup("events/").select(".event-card")}
    forum = cards["Forum"]
    assert (forum["data-kind"], forum["data-year"], forum["data-place"], forum["data-campaign"]) == (
        "conference",
        "2027",
        "helsinki-finland online",
        "no-impunity",
    )
    assert cards["Lab"]["data-campaign"] == "safety"  # the hidden campaign is not one of its filters


def test_the_filtered_pages_are_in_french_too_and_in_the_sitemap(site):
    soup = site.soup("fr/events/kind/workshop/")
    assert titles(soup) == {"Lab"}
    assert soup.title.get_text().startswith("Ateliers · Événements · ")
    assert soup.select_one(".event-filters a[aria-current=page]")["href"].endswith("fr/events/kind/workshop/")
    sitemap = ElementTree.fromstring((site.output / "sitemap.xml").read_bytes())
    locs = {loc.text for loc in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    for path in EXPECTED:
        for prefix in ("", "fr/", "es/", "ar/"):
            assert any(loc.endswith(f"/{prefix}events/{path}") for loc in locs), prefix + path


def test_an_arabic_count_takes_its_plural_form(site):
    soup = site.soup("ar/events/year/2026/")
    assert soup.select_one("[role=status]").get_text(strip=True) == "فعاليتان"


@pytest.mark.parametrize("slug", ["kind", "year", "place", "campaign"])
def test_an_event_may_not_take_a_filters_address(content, check_content, slug):
    content.event(slug)
    assert_stopped(check_content(), f"events/{slug}/index.md", "slug", "events list filtered by")
