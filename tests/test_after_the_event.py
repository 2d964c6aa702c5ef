"""A session's live stream, recording and slides, and an event's playlist of recordings:
shown once given, with text labels, in the programme and on the session page; a past
event shows what happened (recordings, slides), not what was planned (the stream); in
JSON-LD (recordedIn, workFeatured) and in the calendar entries (ATTACH, CONFERENCE);
and the errors of their keys."""

from __future__ import annotations

import json

import icalendar
import pytest
from test_errors import assert_stopped

from calendar_readers import content_lines, icaljs
from sitebuild import ContentFolder, epoch

STREAM = "https://stream.example.org/forum/opening"
RECORDING = "https://video.example.org/forum/opening"
PLAYLIST = "https://video.example.org/playlists/forum-2027"
UPCOMING = epoch("2027-03-01T00:00+02:00")
PAST = epoch("2027-03-12T00:00+02:00")


@pytest.fixture
def forum(content: ContentFolder) -> ContentFolder:
    content.event(
        "forum",
        start="2027-03-10 09:00",
        end="2027-03-11 17:00",
        timezone="Europe/Helsinki",
        registration="none",
        recordings=PLAYLIST,
    )
    content.session(
        "forum",
        "opening",
        start="2027-03-10 09:00",
        end="2027-03-10 10:00",
        online=STREAM,
        recording=RECORDING,
        slides="opening-slides.pdf",
    )
    content.session(
        "forum", "panel", start="2027-03-10 11:00", end="2027-03-10 12:00", slides="https://slides.example.org/p"
    )
    content.session("forum", "lunch", start="2027-03-10 12:00", end="2027-03-10 13:00")
    content.write("events/forum/opening-slides.pdf", "%PDF-1.4\n")
    return content


def links(soup, selector: str) -> dict[str, str]:
    """Each link's visible label (its hidden words left out) and address."""
    found = {}
    for a in soup.select(f"{selector} .session-links a"):
        label = "".join(a.find_all(string=True, recursive=False)).strip()
        found[label] = a["href"]
    return found


def row(soup, title: str):
    return next(li for li in soup.select(".programme li") if li.a.get_text() == f"Session {title}")


def test_an_upcoming_event_shows_the_stream_recording_and_slides(forum, build_content):
    built = build_content(now=UPCOMING)
    assert built.ok, built
    page = built.soup("events/forum/")
    opening = row(page, "opening")
    shown = {a.get_text(" ", strip=True): a["href"] for a in opening.select(".session-links a")}
    assert shown == {
        "Live stream : Session opening": STREAM,
        "Recording : Session opening": RECORDING,
        "Slides : Session opening": "../../events/forum/opening-slides.pdf",
    }
    assert all(svg["aria-hidden"] == "true" for svg in opening.select(".session-links svg"))
    assert row(page, "panel").select_one(".session-links a")["href"] == "https://slides.example.org/p"
    assert row(page, "lunch").select_one(".session-links") is None  # nothing given, nothing shown
    assert page.select_one(".recordings a")["href"] == PLAYLIST
    session = built.soup("events/forum/opening/")
    assert set(links(session, ".session")) == {"Live stream", "Recording", "Slides"}
    assert (built.output / "events/forum/opening-slides.pdf").read_text() == "%PDF-1.4\n"  # the file is published


def test_a_past_event_shows_what_happened_not_the_stream(forum, build_content):
    built = build_content(now=PAST)
    assert built.ok, built
    page = built.soup("events/forum/")
    assert [a.get_text(" ", strip=True).split(" :")[0] for a in row(page, "opening").select(".session-links a")] == [
        "Recording",
        "Slides",
    ]
    assert STREAM not in built.text("events/forum/index.html")
    assert set(links(built.soup("events/forum/opening/"), ".session")) == {"Recording", "Slides"}
    assert STREAM not in built.text("events/forum/opening/index.html")
    assert page.select_one(".recordings a")["href"] == PLAYLIST


def test_no_third_party_player_or_request(forum, build_content):
    built = build_content(now=UPCOMING)
    for path in ("events/forum/index.html", "events/forum/opening/index.html"):
        soup = built.soup(path.removesuffix("index.html"))
        assert not soup.select("iframe, video, audio, embed, object"), path
        for a in soup.select(".session-links a[href^='https://'], .recordings a"):
            assert "external" in a["rel"] and "noopener" in a["rel"]


def json_ld(built, path: str) -> dict:
    return json.loads(built.soup(path).find("script", type="application/ld+json").string)


def test_json_ld_gives_the_recording_and_slides(forum, build_content):
    built = build_content(now=PAST)
    opening = json_ld(built, "events/forum/opening/")
    assert opening["recordedIn"] == {"@type": "CreativeWork", "name": "Recording of Session opening", "url": RECORDING}
    assert opening["workFeatured"] == {
        "@type": "PresentationDigitalDocument",
        "name": "Slides of Session opening",
        "url": "https://events.ifex.org/events/forum/opening-slides.pdf",
    }
    assert "recordedIn" not in json_ld(built, "events/forum/lunch/")
    event = json_ld(built, "events/forum/")
    assert event["recordedIn"] == {"@type": "CreativeWork", "name": "Recordings of Event forum", "url": PLAYLIST}


def vevent(built, path: str, uid: str) -> icalendar.Event:
    calendar = icalendar.Calendar.from_ical(built.text(path))
    return next(c for c in calendar.walk("VEVENT") if str(c["UID"]).startswith(uid))


def test_the_calendar_attaches_the_recording_and_slides_and_names_the_stream(forum, build_content):
    built = build_content(now=UPCOMING)
    lines = content_lines((built.output / "events/forum/opening/calendar.ics").read_bytes().decode())
    assert ("CONFERENCE", {"VALUE": "URI", "FEATURE": "AUDIO,VIDEO", "LABEL": "Live stream"}, STREAM) in lines
    assert ("ATTACH", {"VALUE": "URI"}, RECORDING) in lines
    slides = "https://events.ifex.org/events/forum/opening-slides.pdf"
    assert ("ATTACH", {"VALUE": "URI", "FMTTYPE": "application/pdf"}, slides) in lines
    entry = vevent(built, "events/forum/calendar.ics", "session-forum-opening")
    assert f"Recording: {RECORDING}" in str(entry["DESCRIPTION"])  # for applications that show no ATTACH
    lunch = vevent(built, "events/forum/calendar.ics", "session-forum-lunch")
    assert "ATTACH" not in lunch and "CONFERENCE" not in lunch


def test_a_past_events_calendar_has_no_stream(forum, build_content):
    built = build_content(now=PAST)
    text = built.text("events/forum/opening/calendar.ics")
    assert "CONFERENCE" not in text and STREAM not in text
    assert RECORDING in text


def test_icaljs_reads_the_entries_with_their_links(forum, build_content):
    built = build_content(now=UPCOMING)
    read = icaljs(built.output / "events/forum/calendar.ics")
    opening = next(e for e in read["events"] if e["uid"].startswith("session-forum-opening"))
    assert (opening["start"], opening["end"]) == ("2027-03-10T07:00:00Z", "2027-03-10T08:00:00Z")
    assert f"Live stream: {STREAM}" in opening["description"]
    assert f"Recording: {RECORDING}" in opening["description"]


@pytest.mark.parametrize(
    ("key", "value", "fragments"),
    [
        ("recording", "http://video.example.org/x", ("is not a secure address",)),
        ("online", "stream.example.org/x", ("is not an absolute https address",)),
        ("slides", "http://slides.example.org/x", ("is not a secure address",)),
        ("slides", "../other/slides.pdf", ("is not a file in this folder", "https://")),
        ("slides", "missing.pdf", ('there is no file "missing.pdf" in events/forum/', "event's folder")),
        ("recordings", "https://video.example.org/x", ("is not a key this file can have", 'did you mean "recording"?')),
    ],
)
def test_mistakes_in_a_sessions_links_are_one_line_each(content: ContentFolder, check_content, key, value, fragments):
    content.event("forum", start="2027-03-10", registration="none")
    content.session("forum", "opening", **{key: value})
    result = check_content()
    assert_stopped(result, "events/forum/sessions/opening.md", key, *fragments)
    assert len([line for line in result.errors if ".md: " in line and ": warning: " not in line]) == 1, result.errors


def test_an_events_playlist_must_be_an_https_address(content: ContentFolder, check_content):
    content.event("forum", start="2027-03-10", recordings="http://video.example.org/x")
    assert_stopped(check_content(), "events/forum/index.md", "recordings", "is not a secure address")


def test_slides_that_are_active_content_are_refused(content: ContentFolder, check_content):
    content.event("forum", start="2027-03-10", registration="none")
    content.session("forum", "opening", slides="slides.html")
    content.write("events/forum/slides.html", "<script>alert(1)</script>")
    result = check_content()
    assert result.result.returncode != 0
    assert any("events/forum/slides.html" in line for line in result.errors), result.errors
