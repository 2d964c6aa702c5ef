"""An event's call for proposals: its state by the registration's time rule (dates alone
are whole days in the event's time zone; no `closes`: it closes when the event starts),
what the event page says in each state, what the page carries for the visitor's browser
to correct it, and the errors of its keys. (Its state in a browser: tests/browser/.)"""

from __future__ import annotations

import pytest
from test_errors import assert_stopped

from sitebuild import ContentFolder, epoch

CALL = "https://proposals.example.org/forum-2027"
FORUM = {
    "start": "2027-03-10 09:00",
    "end": "2027-03-11 17:00",
    "timezone": "Pacific/Auckland",
    "call_for_proposals": {
        "url": CALL,
        "opens": "2026-12-01",
        "closes": "2027-01-15",
        "note": "A title and 200 words about your session.",
    },
}


def proposals(built):
    box = built.soup("events/forum/").select_one(".proposals")
    return box, (" ".join(box.select_one("[data-proposals-body]").get_text(" ").split()) if box else None)


@pytest.mark.parametrize(
    ("moment", "state", "says"),
    [
        # 1 December begins in Auckland (NZDT, +13:00) at 11:00 UTC the day before.
        ("2026-11-30T10:59+00:00", "not-open-yet", "Proposals open Tuesday, 1 December 2026 ."),
        ("2026-11-30T11:00+00:00", "open", "Submit a proposal"),
        ("2027-01-15T23:59+13:00", "open", "open until the end of Friday, 15 January 2027"),
        ("2027-01-16T00:00+13:00", "closed", "The call for proposals closed at the end of Friday, 15 January 2027 ."),
        ("2027-03-11T16:59+13:00", "closed", "closed at the end of Friday, 15 January 2027"),
    ],
)
def test_the_call_follows_the_registration_time_rule(content: ContentFolder, build_content, moment, state, says):
    content.event("forum", **FORUM)
    built = build_content(now=epoch(moment))
    assert built.ok, built
    box, text = proposals(built)
    assert box["data-state"] == state
    assert box.h2.get_text() == "Call for proposals"
    assert says in text
    button = box.select_one("a.button")
    if state == "open":
        assert button["href"] == CALL and button.get_text(" ", strip=True).startswith("Submit a proposal")
        assert "A title and 200 words about your session." in text  # the note beside the button
    else:
        assert button is None


def test_a_past_event_shows_no_call(content: ContentFolder, build_content):
    content.event("forum", **FORUM)
    built = build_content(now=epoch("2027-03-11T17:00+13:00"))
    assert built.ok, built
    assert proposals(built)[0] is None
    assert "proposal" not in built.text("events/forum/index.html").lower()


def test_without_closes_the_call_is_open_until_the_event_starts(content: ContentFolder, build_content):
    content.event("forum", **{**FORUM, "call_for_proposals": {"url": CALL}})
    for moment, state in (("2027-03-10T08:59+13:00", "open"), ("2027-03-10T09:00+13:00", "closed")):
        built = build_content(now=epoch(moment))
        assert built.ok, built
        box, text = proposals(built)
        assert box["data-state"] == state, moment
        assert "Wednesday, 10 March 2027, 09:00" in text


def test_the_page_carries_the_moments_and_every_later_state_for_the_browser(content: ContentFolder, build_content):
    content.event("forum", **FORUM)
    built = build_content(now=epoch("2026-11-01T00:00+00:00"))
    box, _ = proposals(built)
    assert box["data-opens"] == "2026-12-01T00:00:00+13:00"
    assert box["data-closes"] == "2027-01-16T00:00:00+13:00"  # the end of the 15th
    assert box["data-ends"] == "2027-03-11T17:00:00+13:00"
    later = {t["data-state"]: " ".join(t.decode_contents().split()) for t in box.find_all("template")}
    assert list(later) == ["open", "closed", "ended"]
    assert CALL in later["open"] and "closed" in later["closed"] and later["ended"] == ""
    script = next(p for p in built.files() if p.startswith("theme/js/site."))
    assert "[data-proposals]" in built.text(script)


def test_an_event_without_a_call_has_no_box(content: ContentFolder, build_content):
    content.event("forum", **{k: v for k, v in FORUM.items() if k != "call_for_proposals"})
    built = build_content(now=epoch("2026-11-01T00:00+00:00"))
    assert built.ok, built
    assert proposals(built)[0] is None


@pytest.mark.parametrize(
    ("call", "key", "fragments"),
    [
        ({"url": "http://proposals.example.org/"}, "call_for_proposals.url", ("is not a secure address", "https://")),
        ({"url": "proposals.example.org"}, "call_for_proposals.url", ("is not an absolute https address",)),
        ({"opens": "2026-12-01"}, "call_for_proposals.url", ("is missing",)),
        (
            {"url": CALL, "opens": "2027-01-20", "closes": "2027-01-15"},
            "call_for_proposals.closes",
            ("is before opens", "make closes the same as opens or later"),
        ),
        ({"url": CALL, "closes": "2027-04-01"}, "call_for_proposals.closes", ("is after the event's last day",)),
        ({"url": CALL, "opens": "2027-03-10 10:00"}, "call_for_proposals.opens", ("is not before the event's start",)),
        ({"url": CALL, "close": "2027-01-15"}, "call_for_proposals.close", ('did you mean "closes"?',)),
        ({"url": CALL, "opens": "2027-02-30"}, "call_for_proposals.opens", ("check the calendar",)),
    ],
)
def test_mistakes_in_the_call_are_one_line_each(content: ContentFolder, check_content, call, key, fragments):
    content.event("forum", **{**FORUM, "call_for_proposals": call})
    result = check_content()
    assert_stopped(result, "events/forum/index.md", key, *fragments)
    assert len([line for line in result.errors if "index.md: " in line and ": warning: " not in line]) == 1, (
        result.errors
    )


def test_an_unknown_event_key_suggests_the_call(content: ContentFolder, check_content):
    content.event("forum", call_for_proposal={"url": CALL})
    assert_stopped(check_content(), "events/forum/index.md", "call_for_proposal", 'did you mean "call_for_proposals"?')


@pytest.mark.parametrize("status", ["cancelled", "postponed"])
def test_a_cancelled_or_postponed_event_shows_no_call(content: ContentFolder, build_content, status):
    content.event("forum", event_status=status, **FORUM)
    built = build_content(now=epoch("2026-12-05T00:00+00:00"))  # the call would be open
    assert built.ok, built
    assert proposals(built)[0] is None
