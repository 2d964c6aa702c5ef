"""Content problems: what is wrong in a content file, said so an editor can fix it.

Every check in the plugin records a Problem instead of raising, so that one build
reports every mistake in every file at once. The log lives in the build's settings
because Pelican hands its readers the settings and nothing else.
"""

from __future__ import annotations

import difflib
import os
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

_LOG_SETTING = "EVENTSITE_PROBLEM_LOG"


_LINE = re.compile(r"(?:warning: )?lines? (\d+)")


@dataclass(frozen=True)
class Problem:
    """One mistake: the file (relative to the content folder), the key, and what to do.

    Problems sort by file and key, then by the line of the file they name ("line 6"
    before "line 42"), those that name none first, then by their text."""

    source: str
    key: str
    message: str

    def _order(self) -> tuple:
        line = _LINE.match(self.message)
        return (self.source, self.key, int(line.group(1)) if line else -1, self.message)

    def __lt__(self, other: Problem) -> bool:
        return self._order() < other._order()


class ProblemLog:
    """The problems found in one build, and which content could not be read at all."""

    def __init__(self) -> None:
        self._problems: list[Problem] = []
        self.warnings: list[Problem] = []  # worth fixing, but the site is right without it
        # (content type, slug) of files that failed to read, so that a reference to
        # them is not reported a second time as "does not exist".
        self.unreadable: set[tuple[str, str]] = set()

    def add(self, source: str, key: str, what: str, fix: str | None = None) -> None:
        message = f"{what} ({fix})" if fix else what
        self._problems.append(Problem(source, key, message))

    def warn(self, source: str, key: str, what: str, fix: str | None = None) -> None:
        message = f"{what} ({fix})" if fix else what
        self.warnings.append(Problem(source, key, f"warning: {message}"))

    def __iter__(self) -> Iterator[Problem]:
        return iter(sorted(set(self._problems)))

    def __len__(self) -> int:
        return len(set(self._problems))


def start_problem_log(settings: dict) -> ProblemLog:
    """Give this build a fresh, empty log (a server rebuilds many times in one process)."""
    settings[_LOG_SETTING] = ProblemLog()
    return settings[_LOG_SETTING]


def problem_log(settings: dict) -> ProblemLog:
    if _LOG_SETTING not in settings:
        return start_problem_log(settings)
    return settings[_LOG_SETTING]


def display_path(content_root: str, source: str) -> str:
    """The path an editor can open: relative to where they ran the build when possible."""
    full = os.path.join(content_root, source)
    relative = os.path.relpath(full)
    return full if relative.startswith("..") else relative


# Line ends, tabs and other controls, written as Python writes them ("\n", "\x1b"): a
# problem stays one line, and a value cannot send commands to the editor's terminal.
_INVISIBLE = {n: repr(chr(n))[1:-1] for n in [*range(0x20), *range(0x7F, 0xA0), 0x2028, 0x2029]}


def format_problems(problems: Iterable[Problem], content_root: str) -> list[str]:
    lines = (f"{display_path(content_root, p.source)}: {p.key}: {p.message}" for p in problems)
    return [line.translate(_INVISIBLE) for line in lines]


class ContentErrors(SystemExit):
    """Stops a build whose content has mistakes.

    A SystemExit, not an Exception: Pelican prints a traceback for any Exception that
    leaves a build, and a content mistake is not a crash.
    """

    def __init__(self, lines: list[str]) -> None:
        super().__init__(1)
        self.lines = lines


class ContentChecked(SystemExit):
    """Ends a check-only run once the content passed: nothing is written."""

    def __init__(self) -> None:
        super().__init__(0)


def print_warnings(log: ProblemLog, content_root: str, stream=None) -> None:
    for line in format_problems(sorted(set(log.warnings)), content_root):
        print(line, file=stream or sys.stderr)


def stop_build(log: ProblemLog, content_root: str, stream=None, preview: bool = False, run: str = "build") -> None:
    """Print every problem, one line each, then stop before any output is written.

    The last line says what the editor ran: a build, the preview, `invoke check`
    (run="check"), or a command that says its own last line (run="quiet")."""
    lines = format_problems(log, content_root)
    stream = stream or sys.stderr
    for line in lines:
        print(line, file=stream)
    errors = count_errors(len(lines))
    if preview:
        print(f"{errors}, also shown in the browser: fix them and save.", file=stream)
    elif run == "check":
        print(f"Check found {errors}: fix the lines above and check again (invoke check).", file=stream)
    elif run != "quiet":
        print(f"Build stopped: {errors}; nothing was written. Fix the lines above and build again.", file=stream)
    raise ContentErrors(lines)


def count_errors(count: int) -> str:
    return f"{count} content error{'s' if count != 1 else ''}"


def nearest(word: str, choices: Iterable[str]) -> str | None:
    """The valid name closest to a misspelt one, for "did you mean …"."""
    choices = sorted(choices)
    lowered = {c.lower(): c for c in choices}
    if word.lower() in lowered:
        return lowered[word.lower()]
    found = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=0.6)
    return lowered[found[0]] if found else None
