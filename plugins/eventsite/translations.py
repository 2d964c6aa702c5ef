"""What is left to translate: for `invoke check`, one line per language of the site.

A translation is missing when an item (not a draft) has no <name>.<lang>.md, or only a
draft of one, and out of
date when its last change is older than its original's (by more than a second: a copy
writes the two a moment apart). The last change of a file is its
last commit's time where the content folder is in a git repository and the file is
committed and unchanged since, else its modification time (git checkouts give every
file the time of the checkout, so the commit says more).
"""

from __future__ import annotations

import os
import subprocess
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from .content_types import CONTENT_TYPES, OUR_TYPES
from .linking import Site, translation_key
from .reader import locate, source_of

LISTED = 5  # how many missing files a language's line names, unless all are asked for
# Seconds a translation's last change may be before its original's and still be up to date:
# a copy (cp, an unzip, a checkout outside git) writes the two files a moment apart.
TOLERANCE = 1


@dataclass(frozen=True)
class LanguageReport:
    lang: str
    total: int  # the items that could have a translation into it
    missing: list[str]  # the originals' files without one
    stale: list[tuple[str, float, float]]  # (translation's file, its last change, its original's)

    def line(self, all_missing: bool = False) -> str:
        if not self.missing:
            said = f"{self.lang}: all {self.total} translated"
        else:
            kinds = Counter(_kind(locate(path.removesuffix(" (a draft)")).content_type) for path in self.missing)
            counts = ", ".join(f"{folder} {count}" for folder, count in sorted(kinds.items()))
            shown = self.missing if all_missing else self.missing[:LISTED]
            more = len(self.missing) - len(shown)
            names = ", ".join(shown) + (
                f" and {more} more (invoke check --translations {self.lang} lists them all)" if more else ""
            )
            said = f"{self.lang}: {len(self.missing)} of {self.total} not translated ({counts}): {names}"
        if not self.stale:
            return f"{said}; none out of date"
        stale = ", ".join(
            f"{path} (its original changed {_when(original, own)}, it {_when(own, original)})"
            for path, own, original in self.stale
        )
        return f"{said}; {len(self.stale)} out of date: {stale}"


def _kind(content_type: str) -> str:
    """What a count calls a type's items: its folder (events, people, news), sessions for sessions."""
    return "sessions" if content_type == "session" else CONTENT_TYPES[content_type].files.split("/")[0]


def _when(moment: float, other: float | None = None) -> str:
    """A moment to the minute; to the second when `other` is in the same minute (else the
    two would read the same)."""
    minutes = "%Y-%m-%d %H:%M UTC"
    at, beside = datetime.fromtimestamp(int(moment), UTC), None
    if other is not None:
        beside = datetime.fromtimestamp(int(other), UTC)
    same_minute = beside is not None and at.strftime(minutes) == beside.strftime(minutes)
    return at.strftime("%Y-%m-%d %H:%M:%S UTC" if same_minute else minutes)


def out_of_date(own: float, original: float) -> bool:
    """A translation changed last before its original, by more than TOLERANCE whole seconds."""
    return int(original) - int(own) > TOLERANCE


def _originals(site: Site) -> list:
    items = [item for content_type in OUR_TYPES for item in site.items(content_type.name)]
    return [*items, *site.news, *site.pages]


def _key(item) -> tuple[str, str]:
    if getattr(item, "content_type", None) in CONTENT_TYPES:
        return translation_key(item)
    return locate(source_of(item)).content_type, item.slug  # news and pages (Pelican's)


def report(site: Site, languages: list[str], content_root: str) -> list[LanguageReport]:
    """For each language but the default: what is missing, and what is out of date."""
    originals = [item for item in _originals(site) if getattr(item, "status", "published") != "draft"]
    pairs = []  # (translation's file, original's file)
    for item in originals:
        for translated in site.translations.get(_key(item), {}).values():
            pairs.append((source_of(translated), source_of(item)))
    changed = last_changes(Path(content_root), sorted({path for pair in pairs for path in pair}))
    reports = []
    for lang in languages[1:]:
        wanted = [item for item in originals if getattr(item, "lang", None) != lang]
        missing = []
        for item in wanted:
            translated = site.translations.get(_key(item), {}).get(lang)
            if translated is None:
                missing.append(source_of(item))
            elif getattr(translated, "status", None) == "draft":  # begun, but not shown yet
                missing.append(f"{source_of(translated)} (a draft)")
        missing.sort()
        stale = []
        for item in wanted:
            translated = site.translations.get(_key(item), {}).get(lang)
            if translated is None:
                continue
            own, original = changed[source_of(translated)], changed[source_of(item)]
            if out_of_date(own, original):
                stale.append((source_of(translated), own, original))
        reports.append(LanguageReport(lang, len(wanted), missing, sorted(stale)))
    return reports


def last_changes(root: Path, sources: list[str]) -> dict[str, float]:
    """{file: the time of its last change} for files relative to the content folder `root`."""
    committed, dirty = _git_times(root)
    times = {}
    for source in sources:
        if source in committed and source not in dirty:
            times[source] = committed[source]
        else:
            times[source] = os.stat(root / source).st_mtime
    return times


def _git(root: Path, *arguments: str) -> str | None:
    try:
        done = subprocess.run(
            ["git", "-C", str(root), *arguments], capture_output=True, text=True, check=False, encoding="utf-8"
        )
    except OSError:  # no git here
        return None
    return done.stdout if done.returncode == 0 else None


def _git_times(root: Path) -> tuple[dict[str, float], set[str]]:
    """({file: its last commit's time}, the files changed or new since), relative to `root`;
    nothing when `root` is not in a git repository."""
    prefix = _git(root, "rev-parse", "--show-prefix")
    if prefix is None:
        return {}, set()
    prefix = prefix.strip()
    log = _git(root, "log", "--format=%x00%ct", "--name-only", "--relative", "--", ".") or ""
    committed: dict[str, float] = {}
    for chunk in log.split("\0")[1:]:
        stamp, *names = chunk.strip("\n").split("\n")
        for name in names:
            if name:
                committed.setdefault(name, float(stamp))  # newest first
    dirty: set[str] = set()
    entries = iter((_git(root, "status", "--porcelain", "-z", "--untracked-files=all", "--", ".") or "").split("\0"))
    for entry in entries:
        if not entry:
            continue
        if entry[0] in "RC":
            next(entries, None)  # a rename's old name
        path = entry[3:]
        dirty.add(path[len(prefix) :] if path.startswith(prefix) else path)
    return committed, dirty
