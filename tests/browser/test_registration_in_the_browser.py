"""The registration box in a browser: by keyboard, by the visitor's clock, and without scripts.

The upcoming site was built on 2027-01-01, before registration opens (2027-01-10, NZDT).
"""

from __future__ import annotations

from datetime import datetime

import pytest

from sitebuild import ContentFolder, build_here, epoch

FORUM = "upcoming/events/media-freedom-forum-2027/"
FORM = "https://forms.example.org/forum-2027?source=site&lang=en"


def state_at(visit, server, moment: str | None, **context_options) -> tuple[str, str]:
    tab = visit(**context_options)
    if moment is not None:
        tab.page.clock.install(time=datetime.fromisoformat(moment))
    tab.page.goto(f"{server}/{FORUM}")
    box = tab.page.locator(".registration")
    return box.get_attribute("data-state"), " ".join(box.locator("[data-registration-body]").inner_text().split())


def test_without_scripts_the_page_shows_the_state_at_build_time(visit, server):
    state, text = state_at(visit, server, "2027-02-01T00:00+13:00", java_script_enabled=False)
    assert state == "not-open-yet"
    assert text == "Registration opens Sunday, 10 January 2027."


@pytest.mark.parametrize(
    ("moment", "state", "says"),
    [
        ("2027-01-09T23:59+13:00", "not-open-yet", "Registration opens Sunday, 10 January 2027."),
        ("2027-01-10T00:00+13:00", "open", "Register for the forum"),
        ("2027-03-05T23:59+13:00", "open", "Registration is open until the end of Friday, 5 March 2027."),
        ("2027-03-06T00:00+13:00", "closed", "Registration closed at the end of Friday, 5 March 2027."),
        ("2027-03-11T17:29+13:00", "closed", "Registration closed"),
        ("2027-03-11T17:30+13:00", "ended", "This event is over."),
    ],
)
def test_the_visitors_clock_moves_the_box_without_a_rebuild(visit, server, moment, state, says):
    shown_state, text = state_at(visit, server, moment)
    assert shown_state == state
    assert says in text


def test_the_register_button_is_reachable_and_operable_by_keyboard(visit, server):
    tab = visit()
    tab.page.clock.install(time=datetime.fromisoformat("2027-02-01T00:00+13:00"))
    tab.page.goto(f"{server}/{FORUM}")
    tab.context.unroute(tab.elsewhere)
    tab.context.route("https://forms.example.org/**", lambda route: route.fulfill(body="<title>The form</title>"))
    for _ in range(40):
        tab.page.keyboard.press("Tab")
        focused = tab.page.evaluate("document.activeElement.className")
        if "button" in focused:
            break
    else:
        pytest.fail("Tab never reached the Register button")
    name = tab.page.evaluate("document.activeElement.textContent")
    assert name.startswith("Register for the forum")
    outline = tab.page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"  # focus is visible
    with tab.page.expect_navigation():
        tab.page.keyboard.press("Enter")
    assert tab.page.url == FORM


CARD_PAGES = ["upcoming/events/", "upcoming/campaigns/safe-newsrooms/", "upcoming/organizations/pacific-press-network/"]


@pytest.mark.parametrize(
    ("moment", "state", "says"),
    [
        ("2027-01-09T23:59+13:00", "not-open-yet", "Registration opens Sunday, 10 January 2027"),
        ("2027-01-10T00:00+13:00", "open", "Registration open"),
        ("2027-03-06T00:00+13:00", "closed", None),  # the card then makes no claim
        ("2027-03-11T17:30+13:00", "ended", None),
    ],
)
def test_event_cards_follow_the_visitors_clock_like_the_event_page(visit, server, moment, state, says):
    """One visitor, whose clock says `moment`, goes from the event page to the lists."""
    tab = visit()
    tab.page.clock.install(time=datetime.fromisoformat(moment))
    tab.page.goto(f"{server}/{FORUM}")
    assert tab.page.locator(".registration").get_attribute("data-state") == state  # the event page's box
    for path in CARD_PAGES:
        tab.page.goto(f"{server}/{path}")
        line = tab.page.locator(".event-card [data-registration]")
        assert line.get_attribute("data-state") == state, path
        if says is None:
            assert not line.is_visible(), path
        else:
            assert " ".join(line.inner_text().split()) == says, path
        assert tab.console_errors == []


def test_without_scripts_a_card_shows_the_state_at_build_time(visit, server):
    tab = visit(java_script_enabled=False)
    tab.page.goto(f"{server}/upcoming/events/")
    line = tab.page.locator(".event-card [data-registration]")
    assert line.inner_text() == "Registration opens Sunday, 10 January 2027"


def test_a_box_with_nothing_to_say_appears_when_the_event_is_over(visit, server, sites, tmp_path):
    """No registration, and the editor did not say none is needed: no box until the event is
    over, when a visitor's clock shows "This event is over." on a page built before."""
    content = ContentFolder(tmp_path / "content")
    content.event("forum", start="2027-03-10 09:00", end="2027-03-10 17:00", timezone="Europe/Helsinki")
    built = build_here(content.root, sites / "no-registration", now=epoch("2027-02-01T00:00+00:00"))
    assert built.ok, built
    for moment, shown in (("2027-03-10T16:59+02:00", None), ("2027-03-10T17:00+02:00", "This event is over.")):
        tab = visit()
        tab.page.clock.install(time=datetime.fromisoformat(moment))
        tab.page.goto(f"{server}/no-registration/events/forum/")
        box = tab.page.locator(".registration")
        if shown is None:
            assert not box.is_visible()
        else:
            assert box.is_visible() and " ".join(box.inner_text().split()) == f"Registration {shown}"
        assert tab.console_errors == []
