"""The programme of tests/sites/programme (5 rooms, 3 days) in a real browser: a grid of rooms
on a desktop, a list on a phone, breaks that are not links, axe in both colour schemes, the
keyboard, and a printed day per A4 page."""

from __future__ import annotations

import io
import re

import pytest
from PIL import Image
from test_pages_in_the_browser import violations_in_both_schemes

from sitebuild import REPO, ContentFolder, build_here, epoch

EVENT = "programme/events/digital-rights-forum-2027/"
PROGRAMME = EVENT + "programme/"
FIRST_DAY = "#day-2027-10-29"
# Two of the five sessions running in parallel on the first day at 10:00.
MAIN_HALL = "session-digital-rights-forum-2027-encryption-under-pressure@events.ifex.org"
ROOM_TEJO = "session-digital-rights-forum-2027-journalists-at-risk-online@events.ifex.org"


@pytest.fixture(scope="module")
def programme_built(sites):
    """Built months before the forum (its registration not yet open)."""
    result = build_here(REPO / "tests/sites/programme", sites / "programme", now=epoch("2027-02-01T12:00+00:00"))
    assert result.ok, result
    return sites / "programme"


def box(page, selector: str) -> dict:
    found = page.locator(selector)
    assert found.count() == 1, selector
    return found.bounding_box()


def slot(uid: str) -> str:
    return f'{FIRST_DAY} li.slot[data-uid="{uid}"]'


@pytest.mark.parametrize("scripts", [True, False], ids=["scripts", "no-scripts"])
def test_parallel_sessions_sit_side_by_side_on_a_desktop(programme_built, visit, scripts):
    tab = visit(viewport={"width": 1280, "height": 900}, java_script_enabled=scripts)
    tab.page.goto(f"{tab.base}/{PROGRAMME}")
    main_hall, tejo = box(tab.page, slot(MAIN_HALL)), box(tab.page, slot(ROOM_TEJO))
    assert abs(main_hall["y"] - tejo["y"]) <= 2
    assert tejo["x"] >= main_hall["x"] + main_hall["width"]  # Room Tejo is the column after the Main hall's
    # The room names head the columns, in the event's order.
    rooms = tab.page.locator(f"{FIRST_DAY} .grid-room")
    assert rooms.all_inner_texts() == ["Main hall", "Room Tejo", "Room Douro", "Room Mondego", "Studio"]
    assert abs(rooms.nth(0).bounding_box()["x"] - main_hall["x"]) <= 2
    # Five rooms fit the screen: nothing to scroll sideways.
    assert tab.page.evaluate("document.documentElement.scrollWidth") <= 1280
    assert tab.console_errors == [] and tab.failed == [] and tab.off_site == []


def test_a_roomless_break_spans_every_room(programme_built, visit):
    tab = visit(viewport={"width": 1280, "height": 900})
    tab.page.goto(f"{tab.base}/{PROGRAMME}")
    (coffee,) = [
        b
        for b in tab.page.locator(f"{FIRST_DAY} li.break").all()
        if b.get_attribute("data-start") == "2027-10-29T11:00+01:00"
    ]
    rooms = tab.page.locator(f"{FIRST_DAY} .grid-room")
    first, last, pause = rooms.first.bounding_box(), rooms.last.bounding_box(), coffee.bounding_box()
    assert abs(pause["x"] - first["x"]) <= 2
    assert abs((pause["x"] + pause["width"]) - (last["x"] + last["width"])) <= 2
    assert pause["y"] > first["y"] + first["height"]  # under the rooms' names, not over them


def test_parallel_sessions_stack_on_a_phone(programme_built, visit):
    tab = visit(viewport={"width": 320, "height": 640})
    tab.page.goto(f"{tab.base}/{PROGRAMME}")
    main_hall, tejo = box(tab.page, slot(MAIN_HALL)), box(tab.page, slot(ROOM_TEJO))
    assert tejo["y"] >= main_hall["y"] + main_hall["height"]
    assert abs(tejo["x"] - main_hall["x"]) <= 2
    # No grid on a phone: the rooms' names and the time ruler are hidden; each item says its room.
    assert not tab.page.locator(f"{FIRST_DAY} .grid-room").first.is_visible()
    assert not tab.page.locator(f"{FIRST_DAY} .grid-time").first.is_visible()
    assert "Room Tejo" in tab.page.locator(slot(ROOM_TEJO)).inner_text()


@pytest.mark.parametrize("path", [PROGRAMME, EVENT], ids=["programme", "event"])
def test_no_sideways_scrolling_at_320_px(programme_built, visit, path):
    tab = visit(viewport={"width": 320, "height": 640})
    tab.page.goto(f"{tab.base}/{path}")
    assert tab.page.evaluate("document.documentElement.scrollWidth") <= 320


def test_breaks_are_not_links(programme_built, visit):
    tab = visit(viewport={"width": 1280, "height": 900})
    tab.page.goto(f"{tab.base}/{PROGRAMME}")
    breaks = tab.page.locator("li.break")
    assert breaks.count() >= 10  # the site's ten breaks, and the cells drawn beside the roomless ones
    assert tab.page.locator("li.break a").count() == 0
    assert tab.page.locator(f"{FIRST_DAY} li.break .break-title").first.inner_text() == "Registration and coffee"


@pytest.mark.parametrize("path", [PROGRAMME, EVENT], ids=["programme", "event"])
def test_no_accessibility_violations_light_and_dark(programme_built, visit, path):
    tab = visit(color_scheme="light", viewport={"width": 1280, "height": 900})
    assert violations_in_both_schemes(tab, f"{tab.base}/{path}") == {"light": [], "dark": []}
    assert tab.console_errors == [] and tab.failed == [] and tab.off_site == []


FOCUSED = """() => {
  const e = document.activeElement;
  if (e.closest(".programme-days")) return "day:" + e.textContent.trim();
  const item = e.closest("li.slot");
  if (item && e.matches("a")) return "session:" + item.getAttribute("data-uid");
  return "other";
}"""


def test_the_keyboard_reaches_the_days_then_the_sessions_in_reading_order(programme_built, visit):
    tab = visit(viewport={"width": 1280, "height": 900})
    tab.page.goto(f"{tab.base}/{PROGRAMME}")
    reached = []
    for _ in range(40):
        tab.page.keyboard.press("Tab")
        reached.append(tab.page.evaluate(FOCUSED))
    days = [i for i, what in enumerate(reached) if what.startswith("day:")]
    sessions = [what.removeprefix("session:") for what in reached if what.startswith("session:")]
    assert days and reached[days[0]] == "day:Fri 29 Oct"
    assert sessions and reached.index("session:" + sessions[0]) > days[0]
    in_the_page = tab.page.eval_on_selector_all(
        f"{FIRST_DAY} li.slot[data-uid]", "items => items.map(i => i.getAttribute('data-uid'))"
    )
    assert sessions == in_the_page[: len(sessions)]
    assert MAIN_HALL in sessions and sessions.index(MAIN_HALL) + 1 == sessions.index(ROOM_TEJO)


def test_the_printed_programme_has_a_day_per_a4_page(programme_built, visit):
    tab = visit()
    tab.page.goto(f"{tab.base}/{PROGRAMME}")
    tab.page.emulate_media(media="print")
    # On paper: no day links, no star buttons (programme.js adds them), and rooms still as columns.
    assert not tab.page.locator(".programme-days").is_visible()
    stars = tab.page.locator(".star")
    assert stars.count() > 0 and not any(star.is_visible() for star in stars.all())
    main_hall, tejo = box(tab.page, slot(MAIN_HALL)), box(tab.page, slot(ROOM_TEJO))
    assert abs(main_hall["y"] - tejo["y"]) <= 2 and tejo["x"] > main_hall["x"]
    pdf = tab.page.pdf(format="A4")
    pages = re.findall(rb"/Type\s*/Page(?!s)", pdf)
    assert len(pages) == 3


def test_on_paper_every_part_is_printed_and_the_speakers_photos_are_left_out(visit, server, sites, tmp_path):
    """programme.js hides the parts of the days not chosen; paper has them all. A speaker's
    photo would make a dense day spill onto a second page: only the names, in a smaller line."""
    content = ContentFolder(tmp_path / "content")
    data = io.BytesIO()
    Image.new("RGB", (400, 300), (200, 80, 40)).save(data, "JPEG")
    (content.root / "people").mkdir(parents=True)
    (content.root / "people/ann.jpg").write_bytes(data.getvalue())
    content.markdown("people/ann.md", {"title": "Ann Example", "photo": "ann.jpg", "photo_alt": "Ann"})
    parts = [
        {"id": "members", "title": "Members' meeting", "start": "2027-03-10 09:00", "end": "2027-03-10 17:00"},
        {"id": "public", "title": "Public conference", "start": "2027-03-11 09:00", "end": "2027-03-11 17:00"},
    ]
    content.event("parts", start="2027-03-10 09:00", end="2027-03-11 17:00", rooms=["A", "B"], parts=parts)
    for day, part in (("10", "members"), ("11", "public")):
        for room in "AB":
            content.session(
                "parts",
                f"talk-{day}-{room.lower()}",
                start=f"2027-03-{day} 10:00",
                end=f"2027-03-{day} 11:00",
                room=room,
                part=part,
                speakers=[{"person": "ann"}],
            )
    built = build_here(content.root, sites / "parts-print", now=epoch("2027-02-01T00:00+00:00"))
    assert built.ok, built
    tab = visit(viewport={"width": 1280, "height": 900})
    tab.page.goto(f"{server}/parts-print/events/parts/")
    assert tab.page.locator(".speaker-photos img").first.is_visible()
    assert not tab.page.get_by_role("heading", name="Public conference").is_visible()  # the first day's tab
    tab.page.emulate_media(media="print")
    assert tab.page.get_by_role("heading", name="Public conference").is_visible()
    assert tab.page.locator("#public-2027-03-11 li.slot").first.is_visible()
    assert not any(photo.is_visible() for photo in tab.page.locator(".speaker-photos").all())
    sizes = tab.page.locator("#members-2027-03-10 li.slot").first.evaluate(
        "s => [s.querySelector('a'), s.querySelector('.session-meta')]"
        ".map(e => parseFloat(getComputedStyle(e).fontSize))"
    )
    assert sizes[1] < sizes[0]
