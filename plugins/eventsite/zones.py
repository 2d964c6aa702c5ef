"""Time zones from the tzdata package we pin (requirements.txt), never the machine's.

zoneinfo.ZoneInfo looks in the machine's zone files first (TZPATH) and only then in
tzdata; their versions differ from machine to machine, and so would the times and
calendars of a build. Every zone the site uses comes from zone(), which reads tzdata
alone, and leaves zoneinfo's search path, which the rest of the process shares, alone.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


@cache
def zone_names() -> frozenset[str]:
    """Every zone tzdata has (its list, `tzdata/zones`)."""
    return frozenset(resources.files("tzdata").joinpath("zones").read_text(encoding="utf-8").split())


@cache
def zone(name: str) -> ZoneInfo:
    """The zone called `name`, from tzdata: one object per name, as ZoneInfo(name) gives."""
    if name not in zone_names():
        raise ZoneInfoNotFoundError(f"No time zone found with key {name}")
    with resources.files("tzdata.zoneinfo").joinpath(*name.split("/")).open("rb") as data:
        return ZoneInfo.from_file(data, key=name)
