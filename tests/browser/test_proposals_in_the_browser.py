"""The call for proposals in a browser: a page built before the call opens follows the
visitor's clock (site.js, the registration's mechanism), and without scripts shows what
was true at the build; the call and a session's stream, recording and slides pass axe."""

from __future__ import annotations

from datetime import datetime

import pytest
from test_pages_in_the_browser import violations

from sitebuild import ContentFolder, build_here, epoch

CALL = "https://proposals.example.org/forum-2027"


@pytest.fixture(scope="module")
def built_before_the_call(sites, tmp_path_factory) -> str:
    content = ContentFolder(tmp_path_factory.mktemp("proposals") / "content")
    content.event(
        "forum",
        start="2027-03-10 09:00",
        end="2027-03-11 17:00",
        timezone="Pacific/Auckland",
        registration="none",
        call_for_proposals={"url": CALL, "opens": "2026-12-01", "closes": "2027-01-15", "note": "A title."},
    )
    links = {"online": "https://stream.example.org/x", "recording": "https://video.example.org/x", "slides": "x.pdf"}
    content.session("forum", "opening", start="2027-03-10 09:00", end="2027-03-10 10:00", **links)
    content.write("events/forum/x.pdf", "%PDF-1.4\n")
    built = build_here(content.root, sites / "proposals", now=epoch("2026-11-01T00:00+00:00"))
    assert built.ok, built
    return "proposals/events/forum/"


def call_at(visit, server, path, moment: str, **context_options) -> tuple[str, str, bool]:
    tab = visit(**context_options)
    tab.page.clock.install(time=datetime.fromisoformat(moment))
    tab.page.goto(f"{server}/{path}")
    box = tab.page.locator(".proposals")
    assert tab.console_errors == []
    text = " ".join(box.locator("[data-proposals-body]").inner_text().split()) if box.is_visible() else ""
    return box.get_attribute("data-state"), text, box.is_visible()


def test_without_scripts_the_call_is_as_at_the_build(visit, server, built_before_the_call):
    state, text, _ = call_at(visit, server, built_before_the_call, "2027-01-01T00:00+13:00", java_script_enabled=False)
    assert (state, text) == ("not-open-yet", "Proposals open Tuesday, 1 December 2026.")


@pytest.mark.parametrize(
    ("moment", "state", "says"),
    [
        ("2026-11-30T23:59+13:00", "not-open-yet", "Proposals open Tuesday, 1 December 2026."),
        ("2026-12-01T00:00+13:00", "open", "Submit a proposal"),
        ("2027-01-16T00:00+13:00", "closed", "The call for proposals closed at the end of Friday, 15 January 2027."),
        ("2027-03-11T17:00+13:00", "ended", None),  # the event is over: no call at all
    ],
)
def test_the_visitors_clock_moves_the_call_without_a_rebuild(visit, server, built_before_the_call, moment, state, says):
    shown_state, text, visible = call_at(visit, server, built_before_the_call, moment)
    assert shown_state == state
    if says is None:
        assert not visible
    else:
        assert says in text


def test_the_open_calls_button_leads_to_the_form(visit, server, built_before_the_call):
    tab = visit()
    tab.page.clock.install(time=datetime.fromisoformat("2026-12-02T00:00+13:00"))
    tab.page.goto(f"{server}/{built_before_the_call}")
    button = tab.page.get_by_role("link", name="Submit a proposal")
    assert button.get_attribute("href") == CALL
    assert "A title." in tab.page.locator(".proposals").inner_text()


@pytest.mark.parametrize("page", ["", "opening/"], ids=["event", "session"])
def test_the_call_and_the_session_links_pass_axe_in_both_colour_schemes(visit, server, built_before_the_call, page):
    tab = visit(color_scheme="light")
    tab.page.clock.install(time=datetime.fromisoformat("2026-12-02T00:00+13:00"))  # the call is open
    tab.page.goto(f"{server}/{built_before_the_call}{page}")
    assert tab.page.locator(".session-links a").count() == 3
    found = {"light": violations(tab.page)}
    tab.page.emulate_media(color_scheme="dark")
    found["dark"] = violations(tab.page)
    assert found == {"light": [], "dark": []}
    assert tab.off_site == []
