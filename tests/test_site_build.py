"""Purpose-made content folders: ordering, linking, drafts, registration states, escaping."""

from __future__ import annotations

import pytest

from sitebuild import ContentFolder, build, epoch


def event_titles(page, selector: str) -> list[str]:
    return [a.get_text() for a in page.select(f"{selector} .event-card a")]


def test_upcoming_events_soonest_first_then_past_by_year_newest_first(content: ContentFolder, build_content):
    content.event("later", title="Later", start="2027-09-01")
    content.event("sooner", title="Sooner", start="2027-03-10")
    content.event("running", title="Running now", start="2026-12-30", end="2027-01-02")
    content.event("last-year", title="Last year", start="2026-02-01")
    content.event("last-year-late", title="Last year, later", start="2026-06-01")
    content.event("long-ago", title="Long ago", start="2019-05-05")
    result = build_content(now=epoch("2027-01-01T12:00+00:00"))
    assert result.ok, result.result.stderr
    page = result.soup("events/")
    upcoming = page.select_one("#upcoming-heading").parent
    assert event_titles(upcoming, "") == ["Running now", "Sooner", "Later"]
    years = [
        (h.get_text(), [a.get_text() for a in h.parent.select(".event-card a")])
        for h in page.select("#past-heading ~ section h3")
    ]
    assert years == [("2026", ["Last year, later", "Last year"]), ("2019", ["Long ago"])]
    home = result.soup("")
    assert home.select_one("#hero-heading").get_text() == "Running now"
    assert [a.get_text() for a in home.select("#next-heading ~ .event-card h3 a")] == ["Sooner", "Later"]


def test_an_event_is_upcoming_until_the_end_of_its_last_day_in_its_zone(content: ContentFolder, build_content):
    content.event("auckland", title="Auckland", start="2027-03-10", timezone="Pacific/Auckland")
    # 23:30 on 10 March in Auckland (NZDT, +13:00) is still the day of the event
    assert (
        "Auckland"
        in build_content(now=epoch("2027-03-10T23:30+13:00"))
        .soup("events/")
        .select_one("#upcoming-heading")
        .parent.get_text()
    )
    assert (
        "Auckland"
        not in build_content(now=epoch("2027-03-11T00:00+13:00"))
        .soup("events/")
        .select_one("#upcoming-heading")
        .parent.get_text()
    )


def test_sessions_by_start_then_order_with_unscheduled_last(content: ContentFolder, build_content):
    content.event("conf", start="2027-03-10", end="2027-03-11")
    content.session("conf", "b-late", title="Day two", start="2027-03-11 09:00")
    content.session("conf", "z-first", title="Opening", start="2027-03-10 09:00", order=1)
    content.session("conf", "a-second", title="Parallel, second", start="2027-03-10 09:00", order=2)
    content.session("conf", "c-noon", title="Lunch", start="2027-03-10 12:00", end="2027-03-10 13:00")
    content.session("conf", "tba-2", title="Later, unscheduled", order=2)
    content.session("conf", "tba-1", title="Unscheduled", order=1)
    result = build_content()
    assert result.ok, result.result.stderr
    page = result.soup("events/conf/")
    assert [a.get_text() for a in page.select(".programme ol a")] == [
        "Opening",
        "Parallel, second",
        "Lunch",
        "Day two",
        "Unscheduled",
        "Later, unscheduled",
    ]
    assert [h.get_text() for h in page.select(".programme h3")] == [
        "Wednesday, 10 March 2027",
        "Thursday, 11 March 2027",
        "Time to be announced",
    ]
    assert "12:00–13:00" in page.select(".programme ol")[0].get_text()


def test_session_audience_comes_from_its_part_then_its_event(content: ContentFolder, build_content):
    content.event(
        "conf",
        start="2027-03-10",
        end="2027-03-11",
        audience="public",
        parts=[{"id": "members-day", "title": "Members' day", "start": "2027-03-10", "audience": "members"}],
    )
    content.session("conf", "own", audience="invitation")
    content.session("conf", "from-part", part="members-day")
    content.session("conf", "from-event")
    result = build_content()
    labels = {
        slug: result.soup(f"events/conf/{slug}/").select_one(".facts").get_text(" ")
        for slug in ("own", "from-part", "from-event")
    }
    assert "By invitation" in labels["own"]
    assert "Members only" in labels["from-part"]
    assert "Open to the public" in labels["from-event"]


def test_drafts_appear_nowhere_and_hidden_content_only_on_its_own_page(content: ContentFolder, build_content):
    content.organization("host")
    content.campaign("camp")
    content.event("public-one", title="Shown", host="host", campaigns=["camp"])
    content.event("draft-one", title="Draft event", status="draft", host="host", campaigns=["camp"])
    content.event("hidden-one", title="Hidden event", status="hidden", host="host")
    content.session("public-one", "draft-session", title="Draft session", status="draft")
    content.session("draft-one", "orphan", title="Session of a draft")
    content.news("draft-news", title="Draft news", status="draft")
    content.page("secret", title="Hidden page", status="hidden")
    result = build_content()
    assert result.ok, result.result.stderr
    files = result.files()
    assert "events/draft-one/index.html" not in files
    assert "events/draft-one/orphan/index.html" not in files
    assert "events/public-one/draft-session/index.html" not in files
    assert "news/draft-news/index.html" not in files
    assert "events/draft-one/calendar.ics" not in files
    hidden = result.soup("events/hidden-one/")
    assert hidden.find("meta", attrs={"name": "robots", "content": "noindex"}) is not None
    assert "secret/index.html" in files
    everything_listed = "".join(
        result.text(path)
        for path in (
            "index.html",
            "events/index.html",
            "organizations/host/index.html",
            "campaigns/camp/index.html",
            "events/public-one/index.html",
            "news/index.html",
            "feeds/all.atom.xml",
            "feeds/events.atom.xml",
            "calendar.ics",
            "sitemap.xml",
        )
    )
    for unlisted in (
        "Draft event",
        "Hidden event",
        "Draft session",
        "Session of a draft",
        "Draft news",
        "Hidden page",
        "hidden-one",
        "secret",
    ):
        assert unlisted not in everything_listed, unlisted


@pytest.mark.parametrize(
    ("now", "state", "says"),
    [
        ("2027-01-09T12:00+02:00", "not-open-yet", "Registration opens Sunday, 10 January 2027."),
        ("2027-02-01T12:00+02:00", "open", "Registration is open until Friday, 5 March 2027, 23:59 EET"),
        ("2027-03-07T12:00+02:00", "closed", "Registration closed"),
        ("2027-03-12T12:00+02:00", "ended", "This event is over."),
    ],
)
def test_the_registration_box_shows_the_state_at_build_time(content: ContentFolder, build_content, now, state, says):
    content.event(
        "conf",
        start="2027-03-10 09:00",
        end="2027-03-11 17:00",
        timezone="Europe/Helsinki",
        registration={
            "url": "https://forms.example/register?id=1&x=2",
            "opens": "2027-01-10",
            "closes": "2027-03-05 23:59",
            "label": "Book a place",
            "note": "The form asks for your organisation.",
        },
    )
    box = build_content(now=epoch(now)).soup("events/conf/").select_one(".registration")
    assert box["data-state"] == state
    shown = box.select_one("[data-registration-body]")  # not the <template>s kept for the script
    assert says in " ".join(shown.get_text().split())
    button = shown.find("a", class_="button")
    if state == "open":
        assert button["href"] == "https://forms.example/register?id=1&x=2"
        assert button.get_text(" ", strip=True).startswith("Book a place")
        assert "The form asks for your organisation." in shown.get_text()
    else:
        assert button is None
    later = {
        "not-open-yet": ["open", "closed", "ended"],
        "open": ["closed", "ended"],
        "closed": ["ended"],
        "ended": [],
    }
    assert [t["data-state"] for t in box.find_all("template")] == later[state]


def test_a_cancelled_event_says_so_and_has_no_button(content: ContentFolder, build_content):
    content.event("conf", event_status="cancelled", registration={"url": "https://forms.example/x"})
    page = build_content(now=epoch("2027-01-01T00:00+00:00")).soup("events/conf/")
    assert page.select_one(".status-banner").get_text() == "Cancelled: this event will not take place."
    assert page.select_one(".registration a.button") is None
    assert page.select_one(".registration template") is None  # cancelled never changes


def test_a_hostile_title_is_escaped_in_html(content: ContentFolder, build_content):
    title = 'Rights & "wrongs" </script><script>alert(1)</script> حرية التعبير'
    content.event("conf", title=title, summary=title)
    result = build_content()
    raw = result.text("events/conf/index.html")
    assert "<script>alert(1)</script>" not in raw
    page = result.soup("events/conf/")
    assert page.h1.get_text() == title
    assert page.find("meta", attrs={"name": "description"})["content"] == title


def test_any_content_folder_builds_with_the_projects_settings(content: ContentFolder, build_content):
    content.event("solo")
    result = build_content()
    assert result.ok, result.result.stderr
    assert "events/solo/index.html" in result.files()


def test_event_attachments_are_copied_as_they_are(content: ContentFolder, build_content):
    content.event("conf", image="banner.png", image_alt="The hall", body="See [the agenda]({static}agenda.pdf).\n")
    banner = content.picture("events/conf/banner.png").read_bytes()
    (content.root / "events/conf/agenda.pdf").write_bytes(b"%PDF fake")
    result = build_content()
    assert result.ok, result.result.stderr
    assert (result.output / "events/conf/banner.png").read_bytes() == banner
    assert result.soup("events/conf/").find("a", string="the agenda")["href"] == "../../events/conf/agenda.pdf"
    assert "events/conf/index.md" not in result.files()


def test_text_is_read_as_commonmark_with_tables_footnotes_and_typographic_quotes(content: ContentFolder, build_content):
    body = (
        'The "hall" -- it\'s upstairs... Doors (a), (b) and (c) open at 9.\n'
        "- Arrive\n"
        "  - Sign in\n\n"  # CommonMark: a list needs no blank line before it; two spaces nest
        "| Room | Floor |\n|---|---|\n| Hall | 1 |\n\n"
        "Bring ID[^id]. See ![the map]({static}map.png).\n\n"
        "[^id]: A passport or a national identity card.\n"
    )
    content.event("conf", body=body)
    (content.root / "events/conf/map.png").write_bytes(b"\x89PNG fake")
    result = build_content()
    assert result.ok, result.result.stderr
    text = result.soup("events/conf/").select_one(".event-body")
    assert "The “hall” – it’s upstairs… Doors (a), (b) and (c) open at 9." in text.get_text()
    assert text.select_one("ul > li").contents[0].strip() == "Arrive"
    assert text.select_one("ul > li > ul > li").get_text() == "Sign in"
    assert [td.get_text() for td in text.select("table td")] == ["Hall", "1"]
    assert text.select_one("img[alt='the map']")["src"] == "../../events/conf/map.png"
    assert text.select_one("a[href='#fn1']").get_text() == "[1]"
    assert text.select_one("#fn1").get_text().startswith("A passport or a national identity card.")
    assert text.select_one("#fn1 a[href='#fnref1']")["aria-label"] == "Back to the text"


def test_a_footnote_mark_in_a_summary_stays_with_its_text(content: ContentFolder, build_content):
    for name in ("first", "second"):  # two would also repeat the mark's id on the list
        content.markdown(
            f"news/{name}.md",
            {"title": f"News {name}", "date": "2027-01-05"},
            "The report[^1] is out.\n\n[^1]: Published in January.\n",
        )
    result = build_content()
    assert result.ok, result.result.stderr
    listing = result.soup("news/").select_one("main")
    assert [p.get_text() for p in listing.select(".card div p")] == ["The report is out.", "The report is out."]
    assert listing.select("a[href='#fn1']") == []
    article = result.soup("news/first/")
    assert article.select_one("a[href='#fn1']").get_text() == "[1]"  # the article itself keeps it
    assert article.find("meta", attrs={"name": "description"})["content"] == "The report is out."


def test_a_news_translation_shares_its_slug_and_gets_its_own_url(content: ContentFolder, build_content):
    content.news("hello", title="Hello")
    content.news("hello-fr", title="Bonjour", slug="hello", lang="fr", translation=True)
    result = build_content()
    assert result.ok, result
    assert result.soup("news/hello/").h1.get_text() == "Hello"
    translated = result.soup("fr/news/hello/")  # the contract's /<lang>/ + the same path
    assert translated.h1.get_text() == "Bonjour"
    assert translated.html["lang"] == "fr"
    assert not (result.output / "news/hello/fr").exists()  # where Pelican put it before
    assert result.soup("es/news/hello/").h1.get_text() == "Hello"  # not in Spanish: the original's words


def test_a_translation_by_keys_instead_of_its_file_name_is_told_the_name(content: ContentFolder, build_content):
    content.event("conf")
    content.event("conf-fr", slug="conf", lang="fr", translation=True)
    result = build_content()
    assert not result.ok
    assert any(
        "events/conf-fr/index.md: translation: is true, but this file is not named as a translation" in line
        for line in result.errors
    ), result


def test_references_to_drafts_are_valid_but_never_shown(content: ContentFolder, build_content):
    content.organization("draft-org", title="Draft organisation", status="draft")
    content.campaign("draft-camp", title="Draft campaign", status="draft", organization="draft-org")
    content.event("draft-event", title="Draft event", status="draft")
    (content.root / "events/draft-event/agenda.pdf").write_bytes(b"%PDF")
    content.event("shown", host="draft-org", partners=["draft-org"], campaigns=["draft-camp"])
    content.session("shown", "talk", campaigns=["draft-camp"], speakers=[{"name": "Ann", "organization": "draft-org"}])
    content.news("hello", event="draft-event")
    result = build_content()
    assert result.ok, result
    published = "".join(result.text(p) for p in result.files() if p.endswith((".html", ".xml", ".ics")))
    for draft in (
        "Draft organisation",
        "Draft campaign",
        "Draft event",
        "draft-org",
        "draft-camp",
        "draft-event",
    ):
        assert draft not in published, draft
    assert not any(p.startswith("events/draft-event/") for p in result.files())


def test_a_hidden_event_shows_its_own_programme(content: ContentFolder, build_content):
    content.event("quiet", status="hidden", start="2027-03-10")
    content.session("quiet", "talk", title="A talk", start="2027-03-10 10:00")
    result = build_content()
    assert [a.get_text() for a in result.soup("events/quiet/").select(".programme ol a")] == ["A talk"]
    assert "A talk" in result.text("events/quiet/calendar.ics")
    assert "quiet" not in result.text("sitemap.xml") + result.text("calendar.ics")


def test_an_event_with_a_slug_key_takes_its_sessions_and_files_along(content: ContentFolder, build_content):
    content.event("folder-name", slug="better-name", image="hall.png", image_alt="The hall")
    content.picture("events/folder-name/hall.png")
    content.session("folder-name", "talk")
    content.news("hello", event="better-name")
    result = build_content()
    assert result.ok, result
    files = result.files()
    assert "events/better-name/index.html" in files
    assert "events/better-name/talk/index.html" in files
    assert "events/better-name/hall.png" in files
    assert not any(p.startswith("events/folder-name/") for p in files)
    assert result.soup("events/better-name/").find("img")["src"] == "../../events/better-name/hall-40w.webp"
    assert "events/better-name/hall-40w.webp" in files


def test_registration_may_close_on_the_last_day_of_a_timed_event(content: ContentFolder, build_content):
    content.event(
        "conf",
        start="2027-03-10 09:00",
        end="2027-03-11 17:00",
        registration={"url": "https://forms.example/x", "closes": "2027-03-11"},
    )
    result = build_content(now=epoch("2027-03-11T12:00-05:00"))
    assert result.ok, result
    assert result.soup("events/conf/").select_one(".registration")["data-state"] == "open"


def test_sessions_with_a_day_but_no_time_stay_out_of_calendars(content: ContentFolder, build_content):
    content.event("conf", start="2027-03-10", end="2027-03-11")
    content.session("conf", "day-two", title="Day two workshop", start="2027-03-11")
    result = build_content()
    assert "Day two workshop" not in result.text("events/conf/calendar.ics")
    assert result.soup("events/conf/day-two/").select_one(".calendar-links") is None


def test_a_venue_may_have_a_plain_http_website(content: ContentFolder, build_content):
    content.event("conf", venue={"city": "Oslo", "country": "Norway", "url": "http://old-venue.example"})
    assert build_content().ok


def test_several_time_zones_give_identical_bytes_whatever_the_hash_seed_and_workers(content: ContentFolder, tmp_path):
    for number, zone in enumerate(["Europe/Helsinki", "Asia/Phnom_Penh", "Pacific/Auckland", "America/Toronto"]):
        content.event(f"e{number}", start=f"2027-0{number + 3}-10 09:00", timezone=zone)
        content.session(f"e{number}", "talk", start=f"2027-0{number + 3}-10 10:00")
    first = build(content.root, tmp_path / "one", env={"PYTHONHASHSEED": "1"}, overrides={"EVENTSITE_WORKERS": 1})
    for name, seed, workers in (("two", "4", 2), ("three", "7", 3)):
        other = build(
            content.root, tmp_path / name, env={"PYTHONHASHSEED": seed}, overrides={"EVENTSITE_WORKERS": workers}
        )
        assert other.files() == first.files()
        for path in first.files():
            assert (other.output / path).read_bytes() == (first.output / path).read_bytes(), (path, workers)
