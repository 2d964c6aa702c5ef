"""Feeds, sitemap, robots.txt and the publishing settings."""

from __future__ import annotations

from xml.etree import ElementTree

from sitebuild import SHIPPED_CONTENT, ContentFolder, build

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def entries(result, path: str) -> list[tuple[str, str]]:
    feed = ElementTree.fromstring(result.text(path))
    return [(e.find(f"{ATOM}title").text, e.find(f"{ATOM}link").get("href")) for e in feed.iter(f"{ATOM}entry")]


def test_the_events_feed_has_each_event(shipped):
    assert [title for title, _ in entries(shipped, "feeds/events.atom.xml")] == [
        "Confronting Impunity: A Strategy Workshop with IFEX Campaigns",
        "IFEX General Meeting and Strategy Conference 2013",
    ]


def test_the_all_feed_has_news_and_events_newest_first(shipped):
    titles = [title for title, _ in entries(shipped, "feeds/all.atom.xml")]
    assert titles[0] == "Confronting Impunity: A Strategy Workshop with IFEX Campaigns"
    assert "Phnom Penh to host the 2013 General Meeting and Strategy Conference" in titles
    assert len(titles) == 4


def test_an_empty_feed_is_dated_by_the_build_not_the_clock(content: ContentFolder, build_content):
    content.page("about")
    feed = ElementTree.fromstring(build_content(now=1700000000).text("feeds/events.atom.xml"))
    assert feed.find(f"{ATOM}updated").text == "2023-11-14T22:13:20+00:00"


def test_a_hostile_title_is_escaped_in_the_feed(content: ContentFolder, build_content):
    title = 'Rights & "wrongs" </script> حرية'
    content.event("conf", title=title)
    assert entries(build_content(), "feeds/events.atom.xml")[0][0] == title


def test_the_sitemap_lists_every_published_page_with_absolute_urls(shipped):
    sitemap = ElementTree.fromstring(shipped.text("sitemap.xml"))
    locations = [url.find(f"{SITEMAP}loc").text for url in sitemap.iter(f"{SITEMAP}url")]
    assert "https://events.ifex.org/events/confronting-impunity-2016/" in locations
    assert "https://events.ifex.org/events/general-meeting-2013/tackling-impunity/" in locations
    assert "https://events.ifex.org/about/" in locations
    assert all(loc.startswith("https://events.ifex.org/") for loc in locations)
    news = next(
        url
        for url in sitemap.iter(f"{SITEMAP}url")
        if url.find(f"{SITEMAP}loc").text.endswith("/news/general-meeting-2013/")
    )
    assert news.find(f"{SITEMAP}lastmod").text.startswith("2013-05-20")


def test_robots_txt_names_the_sitemap(shipped):
    assert "Sitemap: https://events.ifex.org/sitemap.xml" in shipped.text("robots.txt")


def test_the_publishing_settings_use_siteurl_from_the_environment(tmp_path):
    result = build(SHIPPED_CONTENT, tmp_path / "out", settings="publishconf.py", env={"SITEURL": "https://x.example"})
    assert result.ok, result
    page = result.soup("events/general-meeting-2013/")
    assert (
        page.find("a", string="Cambodian Center for Human Rights (CCHR)")["href"]
        == "https://x.example/organizations/cchr/"
    )
    assert "Sitemap: https://x.example/sitemap.xml" in result.text("robots.txt")
