"""The shipped IFEX site: every URL of the contract, and what a visitor reads on it."""

from __future__ import annotations

import pytest

from sitebuild import SHIPPED_CONTENT, build

WORKSHOP = "events/confronting-impunity-2016/"
MEETING = "events/general-meeting-2013/"
MEETING_TITLE = "IFEX General Meeting and Strategy Conference 2013"

CONTRACT_URLS = [
    "index.html",
    "events/index.html",
    f"{WORKSHOP}index.html",
    f"{WORKSHOP}campaign-strategy/index.html",
    f"{WORKSHOP}calendar.ics",
    f"{MEETING}index.html",
    f"{MEETING}tackling-impunity/index.html",
    f"{MEETING}calendar.ics",
    "calendar.ics",
    "campaigns/index.html",
    "campaigns/no-impunity/index.html",
    "campaigns/cpj-impunity-2016/index.html",
    "organizations/index.html",
    "organizations/ifex/index.html",
    "organizations/cchr/index.html",
    "organizations/cpj/index.html",
    "series/ifex-general-meeting/index.html",
    "news/index.html",
    "news/confronting-impunity-workshop/index.html",
    "news/general-meeting-2013/index.html",
    "about/index.html",
    "feeds/all.atom.xml",
    "feeds/events.atom.xml",
    "sitemap.xml",
    "robots.txt",
    "404.html",
]


@pytest.mark.parametrize("path", CONTRACT_URLS)
def test_every_url_of_the_contract_is_written(shipped, path):
    assert (shipped.output / path).is_file()


def test_the_build_prints_nothing_but_its_summary(shipped):
    # Pelican's own Markdown reader is disabled without Python-Markdown; it must not
    # warn about the .md files it sees among the attachments.
    assert shipped.ok
    assert shipped.errors == []
    assert shipped.result.stdout.startswith("Done: Processed 2 articles")


def test_no_page_outside_the_contract_is_written(shipped):
    html = [f for f in shipped.files() if f.endswith(".html")]
    assert not [f for f in html if f.startswith(("category", "tag", "author", "archives", "drafts"))]


def facts(soup) -> dict[str, str]:
    """The event's 'When / Where / For whom / Host' list, as text (Babel's thin spaces as spaces)."""
    terms = soup.select(".facts dt")
    return {dt.get_text(strip=True): " ".join(dt.find_next_sibling("dd").get_text(" ").split()) for dt in terms}


def test_the_workshop_page_answers_what_when_where_for_whom(shipped):
    page = shipped.soup(WORKSHOP)
    assert page.h1.get_text() == "Confronting Impunity: A Strategy Workshop with IFEX Campaigns"
    assert len(page.find_all("h1")) == 1
    summary = facts(page)
    assert summary["When"] == "Monday, 2 May 2016"
    assert page.select_one(".facts time")["datetime"] == "2016-05-02"
    assert summary["Where"] == "Helsinki, Finland"
    assert summary["For whom"] == "Open to the public"
    assert summary["Host"] == "International Freedom of Expression Exchange (IFEX)"
    assert summary["Partners"] == "Committee to Protect Journalists (CPJ)"


def test_the_workshop_is_over_so_it_has_no_register_button(shipped):
    box = shipped.soup(WORKSHOP).select_one(".registration")
    assert box["data-state"] == "ended"
    assert box.find("a", href="https://ifex.wildapricot.org/event-2223372") is None


def test_the_workshop_built_before_its_day_shows_the_form_and_what_it_asks(tmp_path):
    before = build(SHIPPED_CONTENT, tmp_path / "out", now=1461000000)  # 2016-04-18
    box = before.soup(WORKSHOP).select_one(".registration")
    button = box.find("a", href="https://ifex.wildapricot.org/event-2223372")
    assert button.get_text(" ", strip=True).startswith("Register")
    assert "rel" in button.attrs and "external" in button["rel"]
    assert "overview of one priority impunity case" in box.get_text()


def test_the_workshop_programme_keeps_its_order(shipped):
    page = shipped.soup(WORKSHOP)
    titles = [a.get_text() for a in page.select(".programme ol a")]
    assert titles == [
        "The IFEX No Impunity Campaign",
        "Campaigning for justice, from those affected",
        "The elements of a campaign strategy",
        "Building strategies together",
    ]
    assert page.select_one(".programme h3") is None  # over: no "Time to be announced" (test_past_and_home.py)


def test_the_general_meeting_shows_each_parts_audience(shipped):
    page = shipped.soup(MEETING)
    summary = facts(page)
    assert summary["When"] == "Monday 17 June – Thursday 20 June 2013"
    assert "General Meeting: Members only" in summary["For whom"]
    assert "By invitation" in summary["For whom"]
    assert summary["Host"] == "Cambodian Center for Human Rights (CCHR)"
    assert page.select_one(".registration")["data-state"] == "ended"


def test_the_general_meeting_programme_is_grouped_by_part(shipped):
    programme = shipped.soup(MEETING).select_one(".programme")
    assert programme.h3.get_text().startswith("Strategy Conference")
    titles = [a.get_text() for a in programme.select("ol a")]
    assert len(titles) == 11
    assert titles[0] == "Stories from Southeast Asia"
    assert titles[-1] == "Closing: a rock concert at the Cambodia Space Project"


def test_a_session_page_links_to_its_event_part_and_neighbours(shipped):
    page = shipped.soup(f"{MEETING}tackling-impunity/")
    assert page.h1.get_text() == "Tackling Impunity"
    links = {a.get_text(strip=True): a["href"] for a in page.find_all("a")}
    assert links["IFEX General Meeting and Strategy Conference 2013"] == "../../../events/general-meeting-2013/"
    assert links["IFEX No Impunity Campaign"] == "../../../campaigns/no-impunity/"
    assert links["Regional Networking in Africa"].endswith("regional-networking-africa/")
    assert links["Closing: a rock concert at the Cambodia Space Project"].endswith("closing-concert/")
    assert facts(page)["For whom"] == "By invitation"  # from its part
    assert facts(page)["When"] == "During the event (Wednesday 19 June – Thursday 20 June 2013)"  # its part's days


def test_a_speaker_links_to_their_organisation(shipped):
    page = shipped.soup(f"{WORKSHOP}campaign-strategy/")
    assert page.find("a", href="../../../organizations/cpj/").get_text() == "Committee to Protect Journalists (CPJ)"


def test_the_general_meeting_is_the_2013_edition_of_its_series(shipped):
    series = shipped.soup("series/ifex-general-meeting/")
    assert series.h1.get_text() == "IFEX General Meeting and Strategy Conference"
    assert "every two years" in series.main.get_text()
    assert series.find("a", href="../../organizations/ifex/") is not None
    editions = [li.select_one(".event-card a") for li in series.select(".editions > li")]
    assert [(a.get_text(), a["href"]) for a in editions] == [(MEETING_TITLE, f"../../{MEETING}")]
    assert series.select_one(".edition").get_text() == "Edition 2013"
    meeting = shipped.soup(MEETING)
    assert facts(meeting)["Series"] == "IFEX General Meeting and Strategy Conference · edition 2013"
    nav = meeting.select_one("nav.edition-nav")  # the only edition yet: no previous, no next
    every_edition = "Every edition of IFEX General Meeting and Strategy Conference"
    assert [a.get_text() for a in nav.find_all("a")] == [every_edition]


def test_a_campaign_lists_the_events_and_sessions_that_name_it(shipped):
    page = shipped.soup("campaigns/no-impunity/")
    events = [a.get_text() for a in page.select(".event-card a")]
    assert events == ["Confronting Impunity: A Strategy Workshop with IFEX Campaigns"]
    sessions = page.select_one("#sessions-heading").find_next("ul").get_text(" ")
    assert "Tackling Impunity" in sessions and "The IFEX No Impunity Campaign" in sessions
    assert page.find("a", href="../../organizations/ifex/") is not None


def test_an_organisation_lists_the_events_it_hosts_or_partners(shipped):
    hosts = [a.get_text() for a in shipped.soup("organizations/cchr/").select(".event-card a")]
    assert hosts == ["IFEX General Meeting and Strategy Conference 2013"]
    partners = [a.get_text() for a in shipped.soup("organizations/cpj/").select(".event-card a")]
    assert partners == ["Confronting Impunity: A Strategy Workshop with IFEX Campaigns"]


def test_news_and_event_link_to_each_other(shipped):
    news = shipped.soup("news/general-meeting-2013/")
    assert news.find("a", href="../../events/general-meeting-2013/") is not None
    event = shipped.soup(MEETING)
    assert event.find("a", href="../../news/general-meeting-2013/") is not None


def test_the_events_index_lists_past_events_by_year_newest_first(shipped):
    page = shipped.soup("events/")
    assert "No upcoming events" in page.select_one("#upcoming-heading").parent.get_text()
    assert [h.get_text() for h in page.select("#past-heading ~ section h3")] == ["2016", "2013"]


def test_the_home_page_has_news_and_campaigns(shipped):
    page = shipped.soup("")
    news = [a.get_text() for a in page.select("#news-heading ~ ul a")]
    assert news[0] == "Workshop in Helsinki: confronting impunity together"
    assert len(page.select("#campaigns-heading ~ .campaign-card")) == 2


def test_every_page_has_a_language_a_title_and_one_h1(shipped):
    for path in [f for f in shipped.files() if f.endswith(".html")]:
        page = shipped.soup(path)
        first = path.split("/")[0]
        assert page.html["lang"] == (first if first in ("fr", "es", "ar") else "en"), path  # its language's
        assert page.title.get_text().strip(), path
        assert len(page.find_all("h1")) == 1, path


def test_the_same_content_and_moment_give_identical_bytes(shipped, tmp_path):
    again = build(SHIPPED_CONTENT, tmp_path / "again", env={"PYTHONHASHSEED": "12345"})
    assert again.files() == shipped.files()
    for path in shipped.files():
        assert (again.output / path).read_bytes() == (shipped.output / path).read_bytes(), path


def test_the_events_list_gives_the_meetings_audiences_part_by_part(shipped):
    cards = {card.a.get_text(strip=True): card for card in shipped.soup("events/").select(".event-card")}
    facts_line = [li.get_text(" ", strip=True) for li in cards[MEETING_TITLE].select(".card-facts li")]
    assert "Members, then by invitation" in facts_line
    assert "By invitation" not in facts_line


def test_a_speaker_who_is_the_organisation_is_named_once(shipped):
    speakers = shipped.soup(f"{WORKSHOP}campaign-strategy/").select(".facts dd ul li")
    assert [li.get_text(strip=True) for li in speakers] == ["Committee to Protect Journalists (CPJ)"]


def test_no_page_holds_an_empty_paragraph(shipped):
    for path in [f for f in shipped.files() if f.endswith(".html")]:
        empty = [p for p in shipped.soup(path).find_all("p") if not p.get_text(strip=True) and not p.find(True)]
        assert empty == [], path


def test_the_cpj_page_says_nothing_it_was_not_told(shipped):
    page = shipped.soup("organizations/cpj/")
    assert page.h1.find_next_sibling().name == "div"  # no line of country and membership
    assert page.find("a", rel="external") is None  # no website: the announcements give none


def test_no_session_lists_the_invented_ifex_campaigns_team(shipped):
    for path in [f for f in shipped.files() if f.startswith("events/") and f.endswith(".html")]:
        assert "campaigns team" not in shipped.soup(path).get_text().lower(), path


# The 2013 sessions the announcements give by their title alone.
TITLE_ONLY = [
    "clicktivism-and-beyond",
    "speed-dating-digital-tools",
    "content-development",
    "communications-strategy",
    "meet-the-specialist",
    "regional-networking-africa",
    "tackling-impunity",
    "closing-concert",
]


@pytest.mark.parametrize("slug", TITLE_ONLY)
def test_a_session_the_announcements_give_by_title_alone_has_no_body(shipped, slug):
    page = shipped.soup(f"{MEETING}{slug}/")
    assert page.select_one(".session-body").get_text(strip=True) == ""
    assert "Format" not in facts(page)

    # Its page describes the event, not an invented session.
    def description(path):
        return shipped.soup(path).find("meta", attrs={"name": "description"})["content"]

    assert description(f"{MEETING}{slug}/") == description(MEETING)


# The workshop's programme, in the announcement's order: the campaign each item is about, and
# who speaks at it, as the announcement says (sessions 1 and 2: IFEX's No Impunity Campaign and
# its cases; session 3: CPJ, on its 2016 Impunity Campaign Plan); no names of people, no times.
WORKSHOP_PROGRAMME = [
    ("no-impunity-campaign", {"IFEX No Impunity Campaign": "../../../campaigns/no-impunity/"}, None),
    ("affected-voices", {"IFEX No Impunity Campaign": "../../../campaigns/no-impunity/"}, None),
    (
        "campaign-strategy",
        {"CPJ 2016 Impunity Campaign": "../../../campaigns/cpj-impunity-2016/"},
        ("Committee to Protect Journalists (CPJ)", "../../../organizations/cpj/"),
    ),
    ("collaborative-strategies", {}, None),
]


def test_the_workshops_programme_items_name_their_campaign_and_cpj(shipped):
    programme = shipped.soup(WORKSHOP).select_one("#programme-heading").find_next("ol")
    slugs = [a["href"].rstrip("/").rsplit("/", 1)[-1] for a in programme.select("li > div > a")]
    assert slugs == [slug for slug, _, _ in WORKSHOP_PROGRAMME]
    for slug, campaigns, speaker in WORKSHOP_PROGRAMME:
        page = shipped.soup(f"{WORKSHOP}{slug}/")
        found = facts(page)
        links = page.select_one(".facts").find_all("a")
        named = {a.get_text(strip=True): a["href"] for a in links if "/campaigns/" in a["href"]}
        assert named == campaigns, slug
        speakers = [(a.get_text(strip=True), a["href"]) for a in links if "/organizations/" in a["href"]]
        assert speakers == ([speaker] if speaker else []), slug
        assert ("Speaker" in found) == (speaker is not None) and "Speakers" not in found, slug
        assert found["When"] == "During the event (Monday, 2 May 2016)", slug  # no time is known
    assert not [f for f in shipped.files() if f.startswith("people/") and f != "people/index.html"]
