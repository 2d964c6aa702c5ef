"""What search engines, calendar services and phones get from an event page."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import icalendar
import pytest

from sitebuild import REPO, ContentFolder, build, epoch

UPCOMING = REPO / "tests" / "sites" / "upcoming"
FORUM = "events/media-freedom-forum-2027/"
BEFORE_THE_FORUM = epoch("2027-02-01T00:00+00:00")


@pytest.fixture(scope="module")
def forum(tmp_path_factory):
    result = build(UPCOMING, tmp_path_factory.mktemp("upcoming") / "output", now=BEFORE_THE_FORUM)
    assert result.ok, result
    return result


def json_ld(page) -> dict:
    scripts = page.find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    return json.loads(scripts[0].string)


# --- structured data ----------------------------------------------------------------------


def test_an_upcoming_mixed_event_with_open_registration(forum):
    data = json_ld(forum.soup(FORUM))
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Event"
    assert data["name"] == "Pacific Media Freedom Forum 2027"
    assert data["startDate"] == "2027-03-10T09:00:00+13:00"
    assert data["endDate"] == "2027-03-11T17:30:00+13:00"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    place, online = data["location"]
    assert place["@type"] == "Place"
    assert place["address"] == {
        "@type": "PostalAddress",
        "addressLocality": "Wellington",
        "addressCountry": "New Zealand",
        "streetAddress": "1 Example Quay",
    }
    assert online == {"@type": "VirtualLocation", "url": "https://stream.example.org/forum-2027"}
    assert data["organizer"][0]["name"] == "Pacific Press Network"
    assert "offers" not in data  # its registration gives no price: an offer would lack one
    assert data["url"] == "https://events.ifex.org/events/media-freedom-forum-2027/"


def test_a_past_in_person_all_day_event(shipped):
    data = json_ld(shipped.soup("events/confronting-impunity-2016/"))
    assert (data["startDate"], data["endDate"]) == ("2016-05-02", "2016-05-02")
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["location"]["address"]["addressLocality"] == "Helsinki"
    assert "offers" not in data


def test_an_event_without_registration_has_no_offer(shipped):
    data = json_ld(shipped.soup("events/general-meeting-2013/"))
    assert "offers" not in data
    assert data["organizer"] == [
        {
            "@type": "Organization",
            "name": "Cambodian Center for Human Rights",
            "url": "https://events.ifex.org/organizations/cchr/",
        }
    ]


@pytest.mark.parametrize(
    ("front", "status", "mode"),
    [
        ({"online": "https://meet.example/x"}, "EventScheduled", "OnlineEventAttendanceMode"),
        ({"event_status": "cancelled"}, "EventCancelled", "OfflineEventAttendanceMode"),
        ({"event_status": "postponed"}, "EventPostponed", "OfflineEventAttendanceMode"),
        ({"event_status": "rescheduled"}, "EventRescheduled", "OfflineEventAttendanceMode"),
        (
            {"event_status": "moved-online", "online": "https://meet.example/x"},
            "EventMovedOnline",
            "OnlineEventAttendanceMode",
        ),
    ],
)
def test_event_status_and_attendance_mode(content: ContentFolder, build_content, front, status, mode):
    venue = (
        {} if "online" in front and "event_status" not in front else {"venue": {"city": "Oslo", "country": "Norway"}}
    )
    content.event("conf", **venue, **front)
    data = json_ld(build_content().soup("events/conf/"))
    assert data["eventStatus"] == f"https://schema.org/{status}"
    assert data["eventAttendanceMode"] == f"https://schema.org/{mode}"


def test_a_session_names_its_event_as_super_event(forum):
    data = json_ld(forum.soup(f"{FORUM}opening/"))
    assert data["name"] == "Opening plenary"
    assert data["startDate"] == "2027-03-10T09:00:00+13:00"
    assert data["superEvent"] == {
        "@type": "Event",
        "name": "Pacific Media Freedom Forum 2027",
        "url": "https://events.ifex.org/events/media-freedom-forum-2027/",
    }
    assert data["performer"] == [{"@type": "Person", "name": "Aroha Example"}]


HOSTILE = 'Rights & "wrongs" </script><script>alert(1)</script> <!-- حرية التعبير'


def test_a_hostile_title_cannot_break_out_of_json_ld(content: ContentFolder, build_content):
    content.event("conf", title=HOSTILE, summary=HOSTILE)
    content.session("conf", "talk", title=HOSTILE, start="2027-03-10 09:00")
    result = build_content()
    for path in ("events/conf/index.html", "events/conf/talk/index.html"):
        raw = result.text(path)
        block = raw.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
        assert "<" not in block and ">" not in block
        assert json.loads(block)["name"] == HOSTILE
    assert "<script>alert(1)</script>" not in result.text("events/conf/index.html")


def test_a_hostile_title_in_every_format(content: ContentFolder, build_content):
    content.event("conf", title=HOSTILE)
    result = build_content()
    assert result.soup("events/conf/").h1.get_text() == HOSTILE
    assert result.soup("events/conf/").find("meta", property="og:title")["content"].startswith(HOSTILE)
    calendar = icalendar.Calendar.from_ical(result.text("events/conf/calendar.ics"))
    assert str(next(iter(calendar.walk("VEVENT")))["summary"]) == HOSTILE
    assert "&lt;/script&gt;" in result.text("feeds/events.atom.xml")


# --- page metadata ------------------------------------------------------------------------


def test_meta_description_canonical_and_open_graph(forum):
    page = forum.soup(FORUM)
    summary = "Two days in Wellington, and online, on keeping small newsrooms safe and independent."
    assert page.find("meta", attrs={"name": "description"})["content"] == summary
    assert page.find("link", rel="canonical")["href"] == "https://events.ifex.org/events/media-freedom-forum-2027/"
    assert page.find("meta", property="og:url")["content"] == "https://events.ifex.org/events/media-freedom-forum-2027/"
    assert page.find("meta", property="og:description")["content"] == summary
    assert page.find("meta", attrs={"name": "twitter:card"})["content"] == "summary"


@pytest.mark.parametrize(
    ("path", "canonical", "current"),
    [
        ("", "https://events.ifex.org/", None),
        ("news/", "https://events.ifex.org/news/", ("News", "page")),
        ("news/forum-announced/", "https://events.ifex.org/news/forum-announced/", ("News", "true")),
        ("about/", "https://events.ifex.org/about/", ("About this test site", "page")),
        (f"{FORUM}opening/", f"https://events.ifex.org/{FORUM}opening/", ("Events", "true")),
    ],
)
def test_every_page_names_its_own_canonical_url_and_section(forum, path, canonical, current):
    page = forum.soup(path)
    assert page.find("link", rel="canonical")["href"] == canonical
    marked = page.select_one(".site-nav [aria-current]")  # the section; the language switcher marks the language
    assert (marked.get_text(), marked["aria-current"]) == current if current else marked is None


def test_an_event_image_is_shown_with_its_alt_and_shared(content: ContentFolder, build_content):
    content.event("conf", image="hall.png", image_alt="The conference hall")
    content.picture("events/conf/hall.png")
    page = build_content().soup("events/conf/")
    assert page.find("img", alt="The conference hall")["src"] == "../../events/conf/hall-40w.webp"
    assert page.find("meta", property="og:image")["content"] == "https://events.ifex.org/events/conf/hall.png"
    assert json_ld(page)["image"] == ["https://events.ifex.org/events/conf/hall.png"]


# --- add to calendar ----------------------------------------------------------------------


def calendar_links(page) -> dict[str, str]:
    return {a.get_text(strip=True): a["href"] for a in page.select(".calendar-links a")}


def test_add_to_calendar_links_carry_the_time_zone(forum):
    links = calendar_links(forum.soup(FORUM))
    assert links["Calendar file (.ics)"] == "../../events/media-freedom-forum-2027/calendar.ics"
    google = parse_qs(urlsplit(links["Google Calendar"]).query)
    assert google["dates"] == ["20270310T090000/20270311T173000"]
    assert google["ctz"] == ["Pacific/Auckland"]
    assert google["text"] == ["Pacific Media Freedom Forum 2027"]
    assert "Harbourside Conference Centre" in google["location"][0]
    outlook = parse_qs(urlsplit(links["Outlook.com"]).query)
    assert outlook["startdt"] == ["2027-03-10T09:00:00+13:00"]
    assert outlook["enddt"] == ["2027-03-11T17:30:00+13:00"]
    assert links["Subscribe to all events"] == "webcal://events.ifex.org/calendar.ics"


def test_an_all_day_event_gets_all_day_links(tmp_path):
    before = build(REPO / "content", tmp_path / "out", now=epoch("2016-04-18T00:00+00:00"))  # links: while upcoming
    links = calendar_links(before.soup("events/confronting-impunity-2016/"))
    assert parse_qs(urlsplit(links["Google Calendar"]).query)["dates"] == ["20160502/20160503"]
    outlook = parse_qs(urlsplit(links["Outlook.com"]).query)
    assert (outlook["startdt"], outlook["enddt"], outlook["allday"]) == (
        ["2016-05-02"],
        ["2016-05-03"],
        ["true"],
    )


def test_a_timed_session_has_its_own_calendar_file(forum):
    links = calendar_links(forum.soup(f"{FORUM}digital-safety/"))
    assert links["Calendar file (.ics)"] == "../../../events/media-freedom-forum-2027/digital-safety/calendar.ics"
    calendar = icalendar.Calendar.from_ical(forum.text(f"{FORUM}digital-safety/calendar.ics"))
    (session,) = calendar.walk("VEVENT")
    assert str(session["uid"]) == "session-media-freedom-forum-2027-digital-safety@events.ifex.org"
    assert str(session["summary"]) == "Digital safety for small newsrooms (Pacific Media Freedom Forum 2027)"


def test_a_session_without_a_time_offers_no_calendar_entry(forum):
    assert forum.soup(f"{FORUM}networking/").select_one(".calendar-links") is None
    assert not (forum.output / FORUM / "networking" / "calendar.ics").exists()


def test_the_event_calendar_holds_the_event_and_its_timed_sessions(forum):
    calendar = icalendar.Calendar.from_ical(forum.text(f"{FORUM}calendar.ics"))
    uids = sorted(str(e["uid"]) for e in calendar.walk("VEVENT"))
    assert uids == [
        "event-media-freedom-forum-2027@events.ifex.org",
        "session-media-freedom-forum-2027-digital-safety@events.ifex.org",
        "session-media-freedom-forum-2027-funding@events.ifex.org",
        "session-media-freedom-forum-2027-opening@events.ifex.org",
    ]


# --- the page itself ----------------------------------------------------------------------


def transferred(path: Path) -> int:
    """What a visitor downloads of a file: gzip-compressed, as static hosts serve HTML, CSS and JS."""
    return len(gzip.compress(path.read_bytes(), compresslevel=6, mtime=0))


def test_an_event_page_fits_its_budget(forum):
    """At most 30 KB of HTML, CSS and JS transferred, and at most 4 requests, on the event page.
    Counted as sent (gzip, which every static host applies), as Lighthouse counts a page's weight:
    the programme's grid, tabs, now/next and starred selection made the raw bytes 43 KB."""
    page = forum.soup(FORUM)
    assets = [link["href"] for link in page.find_all("link", rel="stylesheet")]
    assets += [script["src"] for script in page.find_all("script", src=True)]
    images = [img["src"] for img in page.find_all("img")]
    icons = [link["href"] for link in page.find_all("link", rel="icon") if not link["href"].startswith("data:")]
    assert 1 + len(assets) + len(images) + len(icons) <= 4
    page_path = forum.output / FORUM / "index.html"
    weight = transferred(page_path) + sum(transferred((page_path.parent / a).resolve()) for a in assets)
    assert weight <= 30 * 1024


def test_a_page_without_a_programme_fits_the_budget_even_uncompressed(forum):
    """The programme's script is loaded only where a programme is; other pages stay under
    30 KB as written to disk, and ask for 3 files."""
    page = forum.soup("campaigns/")
    assets = [link["href"] for link in page.find_all("link", rel="stylesheet")]
    assets += [script["src"] for script in page.find_all("script", src=True)]
    assert not any("programme" in asset for asset in assets) and 1 + len(assets) == 3
    page_path = forum.output / "campaigns/index.html"
    weight = page_path.stat().st_size + sum((page_path.parent / a).resolve().stat().st_size for a in assets)
    assert weight <= 30 * 1024


def test_no_page_asks_another_host_for_anything(forum):
    for path in [p for p in forum.files() if p.endswith(".html")]:
        page = forum.soup(path)
        for tag, attribute in (("link", "href"), ("script", "src"), ("img", "src")):
            for element in page.find_all(tag):
                value = element.get(attribute, "")
                if tag == "link" and element.get("rel") in (["canonical"], ["alternate"]):
                    continue
                assert not urlsplit(value).netloc, f"{path}: {element}"


def test_the_programmes_script_is_small(forum):
    """Day tabs, now and next, and the starred selection's calendar file."""
    (script,) = (forum.output / "theme/js").glob("programme.*.js")
    assert script.stat().st_size <= 9 * 1024


def test_the_script_is_small(forum):
    """Registration by the visitor's clock, calendar links, the visitor's own time and its switch."""
    (script,) = (forum.output / "theme/js").glob("site.*.js")
    assert script.stat().st_size <= 5 * 1024


def test_visitor_local_times_are_offered_only_for_timed_values(forum, shipped):
    assert forum.soup(FORUM).select("time[data-local]")
    assert not shipped.soup("events/confronting-impunity-2016/").select("time[data-local]")


def test_the_home_page_leads_with_the_next_event_and_its_registration(forum):
    home = forum.soup("")
    assert home.select_one("#hero-heading").get_text() == "Pacific Media Freedom Forum 2027"
    button = home.select_one(".hero [data-registration-body] a.button")
    assert button["href"] == "https://forms.example.org/forum-2027?source=site&lang=en"


def test_event_cards_show_date_place_audience_and_state(forum):
    card = forum.soup("events/").select_one(".event-card")
    text = " ".join(card.get_text(" ").split())
    assert "Wednesday 10 March – Thursday 11 March 2027, 09:00–17:30 NZDT" in text
    assert "Wellington, New Zealand, and online" in text
    assert "Open to the public" in text
    assert "Registration open" in text


def test_the_theme_ships_no_fonts_and_requests_nothing_elsewhere():
    css = (REPO / "theme/static/css/site.css").read_text(encoding="utf-8")
    assert "@import" not in css and "url(" not in css and "@font-face" not in css
    assert "prefers-color-scheme: dark" in css
    assert "@media print" in css


def test_every_page_type_has_landmarks_and_a_skip_link(forum):
    for path in (
        "",
        "events/",
        FORUM,
        f"{FORUM}opening/",
        "campaigns/safe-newsrooms/",
        "organizations/",
        "news/",
    ):
        page = forum.soup(path)
        assert page.find("main", id="main") is not None, path
        assert page.find("header") and page.find("footer") and page.find("nav"), path
        assert page.find("a", href="#main").get_text() == "Skip to content"


def test_headings_never_skip_a_level(forum, shipped):
    """h1, then h2, h3… in order: screen-reader users navigate by them."""
    for site in (forum, shipped):
        for path in [p for p in site.files() if p.endswith(".html")]:
            levels = [int(h.name[1]) for h in site.soup(path).find_all(["h1", "h2", "h3", "h4", "h5", "h6"])]
            for before, after in zip([1, *levels], levels, strict=False):
                assert after <= before + 1, (path, levels)
