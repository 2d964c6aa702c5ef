"""An event's programme laid out as visitors read it: day by day, rooms as columns.

A day whose sessions are in two or more rooms is a grid: a column per room (in the event's
`rooms` order), a row between each two moments at which something starts or ends, so a
session spans its duration and parallel sessions sit side by side. The template writes it
as one list in reading order (by start, then room), which a screen reader and a phone read
as it is; the stylesheet places each item on the grid (theme/static/css/site.css) by
the row and column numbers worked out here.

- A session with no room on a grid day (an opening plenary, lunch) spans every room.
- A session whose time lies within a longer one's, in its room or in a break with no room,
  is shown inside it: the talks of a lightning-talk block, a poster set-up during lunch.
- A session with no room while others run on in their rooms (lunch, during a long
  workshop; a plenary while a workshop runs) spans the rooms that are free.
- A session with no end (or ending as it starts) takes its start's row: the rooms in use at
  that moment are not free for it, and it is inside nothing that ends as it starts.
- Two items in one room at once cannot both be drawn: that day is shown as a list, and
  content_warnings.py tells the editor which two they are.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .model import Event, Part, Session

# The stylesheet has a class for each row and span up to this many rows a day (site.css);
# a day with more moments than that is shown as a list.
MAX_ROWS = 48
MAX_ROOMS = 12  # and for each column up to this many rooms
_MOMENT = timedelta(microseconds=1)  # the least time: what a session with no end lasts for its room
TONES = 8  # the colours of tracks (or formats), in order of first appearance; then they repeat


@dataclass
class Slot:
    """One item of a day: a session or a break, with what is shown inside it."""

    session: Session
    row: int = 0  # its first row (1: the first moment of the day); 0 on a list day
    rows: int = 1  # how many rows it spans
    column: int = 0  # its first column (1: the first room's); 0: every room
    columns: int = 1  # how many columns it spans
    # An item with no room while some rooms are busy (lunch, while a workshop runs on) is
    # drawn over the free ones: its first run of free columns here, the others as
    # (column, columns) of empty, hidden cells, so that its words are read once.
    more: list[tuple[int, int]] = field(default_factory=list)
    inside: list[Session] = field(default_factory=list)  # shown within it, by start

    @property
    def starts_at(self) -> datetime:
        return self.session.span.starts_at

    @property
    def ends_at(self) -> datetime:
        return self.session.span.ends_at

    @property
    def until(self) -> datetime:
        """When it stops taking its room: its end; a session with no end (or ending as it
        starts) takes the moment it starts, so the row it is drawn in (busy wherever another
        item starts at or runs through that moment)."""
        return max(self.ends_at, self.starts_at + _MOMENT)


@dataclass
class ProgrammeDay:
    day: date
    untimed: list[Session]  # on this day, at no time of day ("All day")
    slots: list[Slot]  # in reading order: by start, then by room
    rooms: list[str] = field(default_factory=list)  # its columns; [] when shown as a list
    times: list[tuple[int, datetime]] = field(default_factory=list)  # (row, moment): the time ruler
    clash: tuple[Session, Session] | None = None  # why a day with rooms is a list
    # Or: more moments ("moments") or rooms ("rooms") than the stylesheet has places for; "" if not.
    crowded: str = ""
    part_id: str | None = None  # the part of the event it belongs to, if any
    # The zone's abbreviation of its times when it is not the one the programme's note names
    # (the clocks went back: WET after WEST), for a note of its own; else None.
    other_zone: str | None = None

    @property
    def is_grid(self) -> bool:
        return len(self.rooms) >= 2

    @property
    def anchor(self) -> str:
        """Its id on the page: #day-2027-10-29 (a part's: #members-day-2027-10-29)."""
        return f"{self.part_id or 'day'}-{self.day.isoformat()}"

    @property
    def session_count(self) -> int:
        items = [*self.untimed, *(s.session for s in self.slots), *(i for s in self.slots for i in s.inside)]
        return sum(1 for item in items if not item.is_break)


@dataclass
class ProgrammeSection:
    """A part of an event's programme (or the whole of it): its sessions day by day."""

    part: Part | None
    days: list[ProgrammeDay]
    unscheduled: list[Session]


def programme_sections(event: Event) -> list[ProgrammeSection]:
    """Sessions grouped by part, in the parts' order, then by day; no day: last."""
    sections = [_section(event, part, part.sessions) for part in event.parts if part.sessions]
    loose = [s for s in event.sessions if s.part is None]
    if loose or not sections:
        sections.append(_section(event, None, loose))
    return sections


def _section(event: Event, part: Part | None, sessions: list[Session]) -> ProgrammeSection:
    by_day: dict[date, list[Session]] = {}
    for session in sessions:  # in programme order (linking.session_order)
        if session.span is not None:
            by_day.setdefault(session.span.first_day, []).append(session)
    days = [lay_out_day(day, items, event.rooms) for day, items in sorted(by_day.items())]
    from .presentation import zone_abbreviation  # (presentation.py imports this module)

    said = zone_abbreviation(event.starts_at)  # in the programme's note (partials/programme.html)
    for day in days:
        day.part_id = part.id if part else None
        zones = list(dict.fromkeys(zone_abbreviation(s.starts_at) for s in day.slots))
        if zones and zones != [said]:
            day.other_zone = ", ".join(zones)
    return ProgrammeSection(part, days, [s for s in sessions if s.span is None])


def lay_out_day(day: date, sessions: list[Session], event_rooms: list[str]) -> ProgrammeDay:
    """One day's sessions (in programme order) as a grid, or as a list when they are in one room.
    Its columns: the event's `rooms` in their order; without them, the rooms in the order
    they first appear in the day's programme."""
    untimed = [s for s in sessions if not s.is_timed]
    slots = _group([s for s in sessions if s.is_timed])
    used = list(dict.fromkeys(s.session.room for s in slots if s.session.room))  # in order of first use
    rooms = [r for r in event_rooms if r in used] + [r for r in used if r not in event_rooms]
    result = ProgrammeDay(day, untimed, slots)
    if len(rooms) < 2:
        return result
    column_of = {room: number for number, room in enumerate(rooms, start=1)}
    result.clash = _clash(slots) or _place_columns(slots, column_of)
    moments = sorted({m for s in slots for m in (s.starts_at, s.ends_at)})
    result.crowded = "rooms" if len(rooms) > MAX_ROOMS else "moments" if len(moments) - 1 > MAX_ROWS else ""
    if result.clash or result.crowded:
        for slot in slots:
            slot.column, slot.columns, slot.more = 0, 1, []
        return result
    row_of = {moment: number for number, moment in enumerate(moments, start=1)}
    for slot in slots:
        slot.row = row_of[slot.starts_at]
        slot.rows = max(1, row_of[slot.ends_at] - slot.row)
    slots.sort(key=lambda s: (s.row, s.column))
    result.rooms = rooms
    result.times = [(row_of[m], m) for m in moments if any(s.starts_at == m for s in slots)]
    return result


def _group(sessions: list[Session]) -> list[Slot]:
    """Each session in its own slot, but those within a longer one's time and room: inside it."""
    slots = [Slot(s) for s in sessions]
    outer = sorted(slots, key=lambda s: (s.starts_at, s.starts_at - s.ends_at))  # longest first
    kept: list[Slot] = []
    for slot in outer:
        container = next((c for c in kept if _holds(c, slot)), None)
        if container is None:
            kept.append(slot)
        else:
            container.inside.append(slot.session)
    placed = {id(s) for s in kept}
    return [s for s in slots if id(s) in placed]


def _place_columns(slots: list[Slot], column_of: dict[str, int]) -> tuple[Session, Session] | None:
    """Each slot's columns: its room's; an item with no room, the rooms free while it lasts.
    The first item found with no room free at all, and what fills them, when there is one."""
    count = len(column_of)
    for slot in slots:
        if slot.session.room is not None:
            slot.column = column_of[slot.session.room]
    for slot in slots:
        if slot.session.room is not None:
            continue
        busy = {
            other.column: other
            for other in slots
            if other.session.room is not None and other.starts_at < slot.until and slot.starts_at < other.until
        }
        runs = _free_runs(count, set(busy))
        if not runs:
            return slot.session, next(iter(busy.values())).session
        if len(runs) == 1 and runs[0] == (1, count):
            slot.column, slot.columns = 0, 1  # every room: .all-rooms
        else:
            (slot.column, slot.columns), *slot.more = runs
    return None


def _free_runs(count: int, busy: set[int]) -> list[tuple[int, int]]:
    """The runs of columns 1…count not in `busy`, as (first, how many)."""
    runs: list[tuple[int, int]] = []
    for column in range(1, count + 1):
        if column in busy:
            continue
        if runs and sum(runs[-1]) == column:
            runs[-1] = (runs[-1][0], runs[-1][1] + 1)
        else:
            runs.append((column, 1))
    return runs


def _holds(container: Slot, slot: Slot) -> bool:
    longer = container.ends_at - container.starts_at > slot.ends_at - slot.starts_at
    # A session with no end that starts as the container ends is after it, not in it.
    within = container.starts_at <= slot.starts_at < container.ends_at and slot.ends_at <= container.ends_at
    room = container.session.room
    # In its room; or, a break with no room (lunch), anything. A plenary with no room holds
    # only what has no room either: the workshops at its time are in theirs, beside it.
    same = room == slot.session.room or (room is None and container.session.is_break)
    return longer and within and same


def _clash(slots: list[Slot]) -> tuple[Session, Session] | None:
    """The first two items in one room at once, or both with no room (_place_columns gives
    an item with no room the rooms that are free)."""
    ordered = sorted(slots, key=lambda s: s.starts_at)
    for index, first in enumerate(ordered):
        for second in ordered[index + 1 :]:
            if second.starts_at >= first.until:
                break
            rooms = first.session.room, second.session.room
            if rooms[0] == rooms[1]:
                return first.session, second.session
    return None


def clashes_across_days(event: Event) -> list[tuple[Session, Session]]:
    """Two sessions in one room at once, the first begun on an earlier day (a party from
    22:00 to 01:00, a talk at 00:30): each day's layout sees only its own sessions."""
    timed = sorted((Slot(s) for s in event.sessions if s.is_timed and s.room), key=lambda s: s.starts_at)
    found = []
    for index, first in enumerate(timed):
        for second in timed[index + 1 :]:
            if second.starts_at >= first.until:
                break
            if (
                second.session.room == first.session.room
                and second.session.span.first_day > first.session.span.first_day
            ):
                found.append((first.session, second.session))
    return found


def tones(event: Event) -> dict[str, int]:
    """Each track's colour number (1…TONES), in order of first appearance; formats' when no
    session has a track. Breaks have their own look, and no tone."""
    key = "track" if any(getattr(s, "track", None) for s in event.sessions) else "format"
    names: dict[str, int] = {}
    for session in event.sessions:
        name = getattr(session, key, None)
        if name and not session.is_break and name not in names:
            names[name] = len(names) % TONES + 1
    return names
