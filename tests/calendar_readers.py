"""Calendar files read as calendar applications read them, not with the icalendar that
wrote them: Mozilla's ical.js (Thunderbird; from npm, run with node) and python-dateutil's
VTIMEZONE reader (vobject and many servers).

Without node or node_modules/ical.js, the tests that need them are skipped on a
developer's machine (`npm ci` installs it), and fail in CI (`CI` set).
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from dateutil import tz

from sitebuild import REPO

ICALJS_SCRIPT = Path(__file__).with_name("icaljs_read.mjs")


def _need_icaljs() -> str:
    node = shutil.which("node")
    missing = None
    if node is None:
        missing = "node is not installed (apt-get install nodejs npm)"
    elif not (REPO / "node_modules/ical.js/package.json").exists():
        missing = "node_modules/ical.js is missing (run npm ci)"
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"{missing}: CI must install it")
        pytest.skip(missing)
    return node


def icaljs(path: Path) -> dict:
    """What ical.js reads in a file: {"name", "zones", "events": [{uid, summary, ..., start, end}]},
    times as UTC instants "2028-07-05T06:00:00Z" and whole days as dates "2016-05-02"."""
    node = _need_icaljs()
    done = subprocess.run([node, str(ICALJS_SCRIPT), str(path)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def icaljs_times(path: Path) -> dict[str, tuple[str, str]]:
    return {e["uid"]: (e["start"], e["end"]) for e in icaljs(path)["events"]}


def content_lines(text: str) -> list[tuple[str, dict[str, str], str]]:
    """(name, parameters, value) of each line, unfolded as RFC 5545 says: by hand,
    so that neither icalendar nor any other reader is involved."""
    assert text.endswith("\r\n") and "\r\n\r\n" not in text
    lines = []
    for line in re.sub(r"\r\n[ \t]", "", text).split("\r\n")[:-1]:
        head, value = line.split(":", 1)
        name, *params = head.split(";")
        lines.append((name, dict(p.split("=", 1) for p in params), value))
    return lines


def unescaped(value: str) -> str:
    """A TEXT value as RFC 5545 (3.3.11) reads it."""
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m[1] in "nN" else m[1], value)


def dateutil_times(text: str) -> dict[str, tuple[str, str]]:
    """Each VEVENT's start and end, with the times in a zone read by dateutil.tz.tzical
    from the file's own VTIMEZONE; in the form icaljs_times gives."""
    zones = tz.tzical(io.StringIO(text))
    found, event = {}, None
    for name, params, value in content_lines(text):
        if (name, value) == ("BEGIN", "VEVENT"):
            event = {}
        elif (name, value) == ("END", "VEVENT"):
            found[event["UID"][1]] = (_moment(zones, *event["DTSTART"]), _moment(zones, *event["DTEND"]))
            event = None
        elif event is not None:
            event[name] = (params, value)
    return found


def _moment(zones: tz.tzical, params: dict[str, str], value: str) -> str:
    if params.get("VALUE") == "DATE":
        return date(int(value[:4]), int(value[4:6]), int(value[6:])).isoformat()
    if value.endswith("Z"):
        moment = datetime.strptime(value, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    else:
        moment = datetime.strptime(value, "%Y%m%dT%H%M%S").replace(tzinfo=zones.get(params["TZID"]))
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
