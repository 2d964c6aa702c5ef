"""Feeds, sitemap, robots.txt and the publishing settings."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from xml.etree import ElementTree

import feedparser

from sitebuild import SHIPPED_CONTENT, ContentFolder, build, epoch

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


HOSTILE = "<img src=x onerror=alert(1)> & more"


def test_a_summary_reaches_the_feeds_as_text_never_as_markup(content: ContentFolder, build_content):
    content.event("conf", summary=HOSTILE)
    content.news("launch", summary=HOSTILE)
    result = build_content()
    assert result.ok, result
    for path in ("feeds/all.atom.xml", "feeds/events.atom.xml"):
        feed = ElementTree.fromstring(result.text(path))
        summaries = [e.find(f"{ATOM}summary") for e in feed.iter(f"{ATOM}entry")]
        assert summaries and all(s is not None for s in summaries)
        for summary in summaries:
            # type="text": what the parser decodes is shown as it is; "html" would make it an <img>.
            assert summary.get("type") == "text"
            assert summary.text == HOSTILE
            assert len(summary) == 0


RFC3339 = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)")


def atom_problems(feeds: dict[str, str], now: datetime) -> list[str]:
    """What the W3C feed validator (https://validator.w3.org/feed/) finds against
    RFC 4287 in these feeds (their URL: their text): each rule it checks that our
    feeds could break. The validator itself is not on PyPI."""
    problems = []
    feed_ids = []

    def moment(element, where: str) -> datetime | None:
        if element is None:
            return None
        text = element.text or ""
        if not RFC3339.fullmatch(text):
            problems.append(f"{where}: {text!r} is not an RFC 3339 date-time")
            return None
        value = datetime.fromisoformat(text.replace("Z", "+00:00"))
        if value > now:
            problems.append(f"{where}: {text} is after the build's now")
        return value

    for url, text in feeds.items():
        feed = ElementTree.fromstring(text)
        for name in ("id", "title", "updated"):
            if len(feed.findall(f"{ATOM}{name}")) != 1:
                problems.append(f"{url}: the feed needs exactly one <{name}>")
        feed_ids.append(feed.findtext(f"{ATOM}id"))
        selves = [link.get("href") for link in feed.findall(f"{ATOM}link") if link.get("rel") == "self"]
        if selves != [url]:
            problems.append(f"{url}: rel=self is {selves}")
        feed_author = feed.find(f"{ATOM}author/{ATOM}name") is not None
        moment(feed.find(f"{ATOM}updated"), f"{url} updated")
        entry_ids = []
        for entry in feed.iter(f"{ATOM}entry"):
            where = f"{url} {entry.findtext(f'{ATOM}id')}"
            for name in ("id", "title", "updated"):
                if len(entry.findall(f"{ATOM}{name}")) != 1:
                    problems.append(f"{where}: an entry needs exactly one <{name}>")
            entry_ids.append(entry.findtext(f"{ATOM}id"))
            if not feed_author and entry.find(f"{ATOM}author/{ATOM}name") is None:
                problems.append(f"{where}: no author, in the entry or the feed")
            alternates = [link for link in entry.findall(f"{ATOM}link") if link.get("rel") in (None, "alternate")]
            if len(alternates) != 1 or not alternates[0].get("href", "").startswith("https://"):
                problems.append(f"{where}: an entry needs one absolute alternate link")
            if entry.find(f"{ATOM}content") is None and entry.find(f"{ATOM}summary") is None:
                problems.append(f"{where}: an entry needs a summary or content")
            updated = moment(entry.find(f"{ATOM}updated"), f"{where} updated")
            published = moment(entry.find(f"{ATOM}published"), f"{where} published")
            if updated and published and published > updated:
                problems.append(f"{where}: published after updated")
        if len(set(entry_ids)) != len(entry_ids):
            problems.append(f"{url}: two entries share an id")
    if len(set(feed_ids)) != len(feed_ids):
        problems.append(f"the feeds share one id: {feed_ids}")
    return problems


def test_the_feeds_follow_rfc_4287_as_the_w3c_validator_reads_it(content: ContentFolder, build_content):
    now = datetime(2027, 2, 1, 12, tzinfo=UTC)
    content.event("past", start="2026-05-10")
    content.event("undated", start="2027-03-10 09:00", timezone="Pacific/Auckland")
    content.event("dated", start="2027-06-01", date="2026-12-01", modified="2027-01-15")
    content.event("early", start="2027-06-01", date="2027-05-01")  # a `date` in the future
    content.news("launch", date="2026-12-02")
    content.news("later", date="2027-04-01")
    result = build_content(now=int(now.timestamp()))
    assert result.ok, result
    feeds = {f"https://events.ifex.org/{p}": result.text(p) for p in ("feeds/all.atom.xml", "feeds/events.atom.xml")}
    assert atom_problems(feeds, now) == []


def test_feedparser_reads_both_feeds_whole(content: ContentFolder, build_content):
    """A second, independent reader (feedparser, as many feed readers use): no parse error,
    and every entry keeps its id, title, link, dates and summary as plain text."""
    content.event("undated", start="2027-03-10 09:00", summary="<img src=x onerror=alert(1)> & more")
    content.event("dated", start="2027-06-01", date="2026-12-01", modified="2027-01-15")
    content.news("launch", date="2026-12-02")
    result = build_content(now=epoch("2027-02-01T12:00+00:00"))
    assert result.ok, result
    for path, count in (("feeds/all.atom.xml", 3), ("feeds/events.atom.xml", 2)):
        parsed = feedparser.parse(result.text(path))
        assert not parsed.bozo, (path, parsed.get("bozo_exception"))
        assert parsed.version == "atom10"
        assert parsed.feed.author and parsed.feed.id == f"https://events.ifex.org/{path}"
        assert len(parsed.entries) == count
        for entry in parsed.entries:
            assert entry.id and entry.title and entry.link and entry.updated_parsed, entry
            assert entry.summary_detail.type == "text/plain", entry.summary_detail
    undated = next(e for e in feedparser.parse(result.text("feeds/events.atom.xml")).entries if "undated" in e.id)
    assert undated.summary == "<img src=x onerror=alert(1)> & more"


def test_the_rules_find_what_feedgenerator_leaves_by_default():
    # The check above would pass anything if it found nothing: here is what it caught before.
    bad = (
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><id>https://s.example/</id>'
        '<link href="https://s.example/a.xml" rel="self"/><updated>2030-01-01T00:00:00+00:00</updated>'
        '<entry><title>E</title><link href="https://s.example/e/" rel="alternate"/>'
        "<published>2030-01-01T00:00:00+00:00</published><updated>2030-01-01T00:00:00+00:00</updated>"
        '<id>https://s.example/e/</id><summary type="html">x</summary></entry></feed>'
    )
    now = datetime(2027, 1, 1, tzinfo=UTC)
    found = atom_problems(
        {"https://s.example/a.xml": bad, "https://s.example/b.xml": bad.replace("/a.xml", "/b.xml")}, now
    )
    assert any("no author" in p for p in found)
    assert any("after the build's now" in p for p in found)
    assert any("share one id" in p for p in found)


def entry_dates(result, path: str) -> dict[str, tuple[str | None, str]]:
    feed = ElementTree.fromstring(result.text(path))
    return {
        e.findtext(f"{ATOM}id").split("/")[-2]: (e.findtext(f"{ATOM}published"), e.findtext(f"{ATOM}updated"))
        for e in feed.iter(f"{ATOM}entry")
    }


def test_feed_dates_say_when_an_entry_was_published_and_changed_never_a_future_moment(
    content: ContentFolder, build_content
):
    content.event("past", start="2026-05-10", timezone="UTC")
    content.event("undated", start="2027-03-10", timezone="UTC")
    content.event(
        "cancelled",
        start="2027-06-01",
        timezone="UTC",
        date="2026-12-01",
        modified="2027-01-15",
        event_status="cancelled",
    )
    content.event("early", start="2027-06-01", timezone="UTC", date="2027-05-01")
    result = build_content(now=epoch("2027-02-01T12:00+00:00"))
    assert result.ok, result
    now = "2027-02-01T12:00:00+00:00"
    assert entry_dates(result, "feeds/events.atom.xml") == {
        # no `date`, long over: last known to change when it started
        "past": (None, "2026-05-10T00:00:00+00:00"),
        # no `date`, upcoming: nothing says when; never its future start
        "undated": (None, now),
        # announced, then cancelled: a reader hears of the change
        "cancelled": ("2026-12-01T00:00:00+00:00", "2027-01-15T00:00:00+00:00"),
        # a `date` after the build: not published in the future
        "early": (now, now),
    }
    feed = ElementTree.fromstring(result.text("feeds/events.atom.xml"))
    assert feed.findtext(f"{ATOM}updated") == now
    assert feed.findtext(f"{ATOM}author/{ATOM}name") == "IFEX Events"


def test_each_feed_has_its_own_id(shipped):
    ids = [
        ElementTree.fromstring(shipped.text(p)).findtext(f"{ATOM}id")
        for p in ("feeds/all.atom.xml", "feeds/events.atom.xml")
    ]
    assert ids == ["https://events.ifex.org/feeds/all.atom.xml", "https://events.ifex.org/feeds/events.atom.xml"]


def test_an_upcoming_event_is_dated_or_the_build_warns(content: ContentFolder, build_content):
    content.event("undated", start="2027-03-10", summary="S.", registration={"url": "https://f.example/x"})
    content.event("called-off", start="2027-03-10", summary="S.", date="2026-10-01", event_status="cancelled")
    content.event(
        "fine", start="2027-03-10", summary="S.", date="2026-10-01", registration={"url": "https://f.example/x"}
    )
    result = build_content()
    assert result.ok, result
    warnings = sorted(line.split("content/")[-1].split(" (")[0] for line in result.errors if "warning:" in line)
    assert warnings == [
        "events/called-off/index.md: modified: warning: this event is cancelled but has no modified date:"
        " feed readers will not hear of it",
        "events/undated/index.md: date: warning: this upcoming event has no date: the feeds cannot say when it was"
        " announced, and say it changed at every build",
    ]
