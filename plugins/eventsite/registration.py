"""The registration state of an event at a given moment: one pure rule, used everywhere."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Protocol
from zoneinfo import ZoneInfo

from .localtime import LocalValue, end_moment, start_moment


class RegistrationState(StrEnum):
    CANCELLED = "cancelled"  # the event is cancelled: no button
    POSTPONED = "postponed"  # the event is postponed: no button
    ENDED = "ended"  # the event is over: no button
    NONE = "none"  # the event has no registration map: no button
    NOT_OPEN_YET = "not-open-yet"  # "Registration opens <date>"
    OPEN = "open"
    WAITLIST = "waitlist"  # open, but people join a waiting list (editor's override)
    FULL = "full"  # open in time, but no places left (editor's override)
    CLOSED = "closed"  # after `closes`, before the event ends


def registration_window(
    opens: LocalValue | None, closes: LocalValue | None, zone: ZoneInfo, event_starts_at: datetime
) -> tuple[datetime | None, datetime]:
    """When registration opens and closes, as moments.

    `opens` as a date alone: from the start of that day. `closes` as a date alone: to
    the end of that day (people read "closes 1 May" as "you can still register on
    1 May"). No `closes`: the event's start.
    """
    opens_at = start_moment(opens, zone) if opens is not None else None
    closes_at = end_moment(closes, zone) if closes is not None else event_starts_at
    return opens_at, closes_at


class _Registration(Protocol):
    opens_at: datetime | None
    closes_at: datetime
    state: str | None


class _Event(Protocol):
    event_status: str
    ends_at: datetime
    registration: _Registration | None


@dataclass(frozen=True)
class RegistrationStatus:
    state: RegistrationState
    changes_at: datetime | None  # when the state next changes by itself; None: never
    later_states: tuple[RegistrationState, ...] = ()  # what it may become, in order

    @property
    def has_button(self) -> bool:
        return self.state in (RegistrationState.OPEN, RegistrationState.WAITLIST)


def registration_state(event: _Event, now: datetime) -> RegistrationStatus:
    """The state of `event`'s registration at `now`, in the order the content contract gives:
    cancelled or postponed · ended · not open yet · open (or the editor's override) · closed.
    """
    if event.event_status in ("cancelled", "postponed"):
        return RegistrationStatus(RegistrationState(event.event_status), None)
    registration = event.registration
    if registration is None:
        timeline = [(RegistrationState.NONE, event.ends_at), (RegistrationState.ENDED, None)]
    else:
        closes_at = min(registration.closes_at, event.ends_at)
        open_state = RegistrationState(registration.state or RegistrationState.OPEN)
        timeline = [
            (open_state, closes_at),
            (RegistrationState.CLOSED, event.ends_at),
            (RegistrationState.ENDED, None),
        ]
        if registration.opens_at is not None:
            timeline.insert(0, (RegistrationState.NOT_OPEN_YET, registration.opens_at))
    # The first state whose end is still ahead; each state lasts until the moment beside it.
    for index, (state, until) in enumerate(timeline):
        if until is None or now < until:
            later = tuple(s for s, _ in timeline[index + 1 :])
            return RegistrationStatus(state, until, later)
    raise AssertionError("the timeline ends with a state that lasts forever")


class _Call(Protocol):
    opens_at: datetime | None
    closes_at: datetime


def proposals_state(event: _Event, now: datetime) -> RegistrationStatus:
    """The state of `event`'s call for proposals at `now`, by the registration's rule:
    cancelled or postponed · ended (the event is over: nothing shown) · not open yet ·
    open · closed (after `closes`; no `closes`: the event's start). NONE: no call."""
    if event.event_status in ("cancelled", "postponed"):
        return RegistrationStatus(RegistrationState(event.event_status), None)
    call: _Call | None = getattr(event, "call_for_proposals", None)
    if call is None:
        return RegistrationStatus(RegistrationState.NONE, None)
    timeline = [
        (RegistrationState.OPEN, min(call.closes_at, event.ends_at)),
        (RegistrationState.CLOSED, event.ends_at),
        (RegistrationState.ENDED, None),
    ]
    if call.opens_at is not None:
        timeline.insert(0, (RegistrationState.NOT_OPEN_YET, call.opens_at))
    for index, (state, until) in enumerate(timeline):
        if until is None or now < until:
            return RegistrationStatus(state, until, tuple(s for s, _ in timeline[index + 1 :]))
    raise AssertionError("the timeline ends with a state that lasts forever")
