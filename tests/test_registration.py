"""The registration state at every boundary: opens, closes, the end, midnight, DST."""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from eventsite.localtime import LocalValue, TimeSpan
from eventsite.model import Registration
from eventsite.registration import RegistrationState as S
from eventsite.registration import registration_state, registration_window

from sitebuild import ContentFolder, epoch, invoke_here

HELSINKI = ZoneInfo("Europe/Helsinki")
MINUTE = timedelta(minutes=1)


@dataclass
class EventAt:
    """What registration_state reads of an event, built with the real time rules."""

    span: TimeSpan
    registration: Registration | None
    event_status: str = "scheduled"

    @property
    def ends_at(self) -> datetime:
        return self.span.ends_at


def event(
    start: LocalValue,
    end: LocalValue | None = None,
    zone: ZoneInfo = HELSINKI,
    status: str = "scheduled",
    with_registration: bool = True,
    **registration,
) -> EventAt:
    span = TimeSpan(start, end or start, zone)
    form = None
    if with_registration:
        form = Registration(url="https://forms.example/x", **registration)
        opens_at, closes_at = registration_window(form.opens, form.closes, zone, span.starts_at)
        form = replace(form, opens_at=opens_at, closes_at=closes_at)
    return EventAt(span, form, status)


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


CONFERENCE = dict(
    start=datetime(2027, 3, 10, 9, 0),
    end=datetime(2027, 3, 11, 17, 30),
    opens=date(2027, 1, 15),
    closes=datetime(2027, 3, 1, 12, 0),
)


@pytest.mark.parametrize(
    ("moment", "state", "changes_at"),
    [
        # opens 2027-01-15 (a date: from local midnight, 22:00 UTC the day before)
        ("2027-01-14T23:59+02:00", S.NOT_OPEN_YET, "2027-01-15T00:00+02:00"),
        ("2027-01-15T00:00+02:00", S.OPEN, "2027-03-01T12:00+02:00"),
        ("2027-01-15T00:01+02:00", S.OPEN, "2027-03-01T12:00+02:00"),
        # closes 2027-03-01 12:00 local
        ("2027-03-01T11:59+02:00", S.OPEN, "2027-03-01T12:00+02:00"),
        ("2027-03-01T12:00+02:00", S.CLOSED, "2027-03-11T17:30+02:00"),
        ("2027-03-01T12:01+02:00", S.CLOSED, "2027-03-11T17:30+02:00"),
        # ends 2027-03-11 17:30 local
        ("2027-03-11T17:29+02:00", S.CLOSED, "2027-03-11T17:30+02:00"),
        ("2027-03-11T17:30+02:00", S.ENDED, None),
        ("2027-03-11T17:31+02:00", S.ENDED, None),
    ],
)
def test_a_timed_conference_at_each_boundary(moment, state, changes_at):
    status = registration_state(event(**CONFERENCE), at(moment))
    assert status.state is state
    assert status.changes_at == (at(changes_at) if changes_at else None)


def test_closes_defaults_to_the_events_start():
    conference = event(start=datetime(2027, 3, 10, 9, 0))
    assert registration_state(conference, at("2027-03-10T08:59+02:00")).state is S.OPEN
    assert registration_state(conference, at("2027-03-10T09:00+02:00")).state is S.ENDED  # a moment-long event


def test_a_date_only_closes_lasts_the_whole_day():
    workshop = event(start=date(2027, 3, 10), closes=date(2027, 3, 5))
    assert registration_state(workshop, at("2027-03-05T23:59+02:00")).state is S.OPEN
    assert registration_state(workshop, at("2027-03-06T00:00+02:00")).state is S.CLOSED


def test_a_date_only_event_ends_at_local_midnight_after_its_last_day():
    workshop = event(start=date(2016, 5, 2))  # the IFEX workshop: Helsinki, EEST (+03:00)
    assert registration_state(workshop, at("2016-05-02T20:59Z")).state is S.CLOSED
    assert registration_state(workshop, at("2016-05-02T23:59+03:00")).state is S.CLOSED
    assert registration_state(workshop, at("2016-05-03T00:00+03:00")).state is S.ENDED
    assert registration_state(workshop, at("2016-05-02T21:01Z")).state is S.ENDED


def test_a_date_only_event_on_the_day_clocks_go_forward():
    # 2027-03-28 in Helsinki has 23 hours; it ends at midnight EEST (+03:00), 21:00 UTC.
    short_day = event(start=date(2027, 3, 28), opens=date(2027, 3, 1), closes=date(2027, 3, 28))
    assert registration_state(short_day, at("2027-03-28T20:59Z")).state is S.OPEN
    assert registration_state(short_day, at("2027-03-28T21:00Z")).state is S.ENDED


def test_a_date_only_event_on_the_day_clocks_go_back():
    # 2027-10-31 in Helsinki has 25 hours; it ends at midnight EET (+02:00), 22:00 UTC.
    long_day = event(start=date(2027, 10, 31), opens=date(2027, 10, 1), closes=date(2027, 10, 31))
    assert registration_state(long_day, at("2027-10-31T21:59Z")).state is S.OPEN
    assert registration_state(long_day, at("2027-10-31T22:00Z")).state is S.ENDED


def test_a_timed_close_across_a_dst_change_uses_the_local_offset_of_that_day():
    # closes 09:00 on the first day of summer time: 06:00 UTC, not 07:00
    meeting = event(start=datetime(2027, 3, 29, 9, 0), closes=datetime(2027, 3, 28, 9, 0))
    assert registration_state(meeting, at("2027-03-28T05:59Z")).state is S.OPEN
    assert registration_state(meeting, at("2027-03-28T06:00Z")).state is S.CLOSED


def test_a_day_whose_midnight_is_skipped_ends_when_the_next_day_starts():
    # Chile moves its clocks from 00:00 to 01:00 on 2026-09-06: that day starts at 01:00 -03.
    santiago = ZoneInfo("America/Santiago")
    day = event(start=date(2026, 9, 5), zone=santiago, with_registration=False)
    assert day.ends_at == datetime(2026, 9, 6, 4, 0, tzinfo=UTC)


@pytest.mark.parametrize("status", ["cancelled", "postponed"])
def test_cancelled_or_postponed_comes_first_and_never_changes(status):
    called_off = event(status=status, **CONFERENCE)
    for moment in ("2027-01-01T00:00Z", "2027-02-01T00:00Z", "2028-01-01T00:00Z"):
        result = registration_state(called_off, at(moment))
        assert result.state == status
        assert result.changes_at is None
        assert not result.has_button


@pytest.mark.parametrize("status", ["rescheduled", "moved-online"])
def test_rescheduled_or_moved_online_events_keep_their_registration(status):
    assert registration_state(event(status=status, **CONFERENCE), at("2027-02-01T00:00Z")).state is S.OPEN


@pytest.mark.parametrize(
    ("override", "state", "button"),
    [("open", S.OPEN, True), ("waitlist", S.WAITLIST, True), ("full", S.FULL, False)],
)
def test_the_state_override_applies_only_while_registration_is_open(override, state, button):
    conference = event(state=override, **CONFERENCE)
    result = registration_state(conference, at("2027-02-01T00:00Z"))
    assert (result.state, result.has_button) == (state, button)
    assert registration_state(conference, at("2027-01-01T00:00Z")).state is S.NOT_OPEN_YET
    assert registration_state(conference, at("2027-03-02T00:00Z")).state is S.CLOSED


def test_an_event_without_registration_has_no_button_until_it_ends():
    plain = event(start=date(2027, 3, 10), with_registration=False)
    result = registration_state(plain, at("2027-03-01T00:00Z"))
    assert result.state is S.NONE and not result.has_button
    assert result.changes_at == plain.ends_at
    assert registration_state(plain, at("2027-03-11T00:00+02:00")).state is S.ENDED


# --- what the site says without a registration form --------------------------------------

NOW = epoch("2027-02-01T12:00+00:00")  # before the events below


def _registration_box(page):
    return page.find("section", class_="registration")


def test_an_event_without_registration_says_nothing_about_it(content: ContentFolder, build_content):
    """The editor gave no registration: the site does not claim that none is needed."""
    content.event("forum", start="2027-03-10", summary="A forum.")
    result = build_content(now=NOW)
    assert result.ok, result
    page = result.soup("events/forum/")
    box = _registration_box(page)
    assert box.has_attr("hidden") and not box.find("div", attrs={"data-registration-body": True}).get_text(strip=True)
    assert box.find("template", attrs={"data-state": "ended"})  # what a visitor's clock may show later
    for soup in (page, result.soup(""), result.soup("events/")):
        text = " ".join(soup.get_text(" ").split())
        assert "registration is needed" not in text.lower() and "registration needed" not in text.lower()
    assert result.soup("events/").find("li", attrs={"data-card": True}) is None  # the card has no line for it


def test_registration_none_says_no_one_needs_to_register(content: ContentFolder, build_content):
    content.event("forum", start="2027-03-10", summary="A forum.", registration="none")
    content.event("members", start="2027-04-10", summary="For members.", registration="None", audience="members")
    result = build_content(now=NOW)
    assert result.ok, result
    page = result.soup("events/forum/")
    box = _registration_box(page)
    assert not box.has_attr("hidden")
    assert box.find("div", attrs={"data-registration-body": True}).get_text(strip=True) == (
        "No registration is needed: come along."
    )
    assert not box.find("a")  # no button
    card = result.soup("events/").find("li", attrs={"data-card": True})
    assert card.get_text(strip=True) == "No registration needed" and not card.has_attr("hidden")
    members = _registration_box(result.soup("events/members/"))
    assert members.get_text(" ", strip=True) == "Registration Members only: no registration is needed."
    (data,) = [json.loads(s.string) for s in page.find_all("script", type="application/ld+json")]
    assert "offers" not in data and "isAccessibleForFree" not in data  # not free: nothing was said of a price


def test_registration_none_is_not_warned_about(content: ContentFolder):
    content.event("forum", start="2027-03-10", date="2027-01-10", summary="A forum.", registration="none")
    content.event("other", start="2027-03-10", date="2027-01-10", summary="A forum.")
    result = run_check(content.root, NOW)
    assert result.returncode == 0, result.stderr
    assert "events/forum/index.md" not in result.stderr
    assert "events/other/index.md: registration: warning: this upcoming public event has no registration" in (
        result.stderr
    )
    assert "or registration: none when no one needs to register" in result.stderr


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("no", '"no" (false) is not a registration'),
        ("false", '"no" (false) is not a registration'),
        ('"no"', '"no" is not a registration'),
        ("free", '"free" is not a registration'),
        ("[none]", "a list is not a registration"),
    ],
)
def test_a_wrong_word_for_registration_says_to_write_none(content: ContentFolder, build_content, written, said):
    content.write(
        "events/forum/index.md", f"---\ntitle: Forum\nkind: meeting\nstart: 2027-03-10\nregistration: {written}\n---\n"
    )
    result = build_content(now=NOW)
    assert not result.ok
    assert result.errors[0] == (
        f"{content.root}/events/forum/index.md: registration: {said} "
        '(did you mean "registration: none", when no one needs to register? '
        "Else give the form's keys indented under it: url, opens, closes…)"
    )
    assert "Traceback" not in result.result.stderr


def run_check(root: Path, now: int) -> subprocess.CompletedProcess:
    """`invoke check --content ROOT`, run in this process (sitebuild.invoke_here)."""
    return invoke_here("check", "--content", str(root), env={"SOURCE_DATE_EPOCH": str(now)})
