"""Build times and peak memory: our build against vanilla Pelican on the same Markdown.

    .venv/bin/python bench/build.py                      # 100 × 15 and 1000 × 10
    .venv/bin/python bench/build.py --sizes 100x15 --rounds 5

For each size it writes a synthetic site (bench/make_site.py) twice: as our content
(events and sessions) and as the same Markdown bodies as plain Pelican articles. It then
times, in the same run, each tool building its site three ways: cold (empty output,
no cache), again with its cache and no change, and again with its cache after one edited
file. Vanilla Pelican uses its default theme with CACHE_CONTENT and LOAD_CONTENT_CACHE
on; ours uses its reader cache (EVENTSITE_PERSISTENT_CACHE). Peak memory is the
maximum resident set size of the build process. Every build is a fresh process.

Timings on a shared machine vary from run to run, so the tools take turns, round after
round, and each figure is the median of the rounds (peak memory: the largest).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from make_site import make_site

REPO = Path(__file__).resolve().parents[1]
PELICAN = str(Path(sys.executable).with_name("pelican"))


def timed(command: list[str]) -> tuple[float, float]:
    """(seconds, peak MiB) of one build, in a process of its own."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)  # this child's own resource usage
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"the build failed: {' '.join(command)}")
    return elapsed, usage.ru_maxrss / 1024


def measure(command: list[str], output: Path, cache: Path, edited: Path, pages: int) -> dict[str, tuple[float, float]]:
    shutil.rmtree(output, ignore_errors=True)
    shutil.rmtree(cache, ignore_errors=True)
    os.sync()  # the deletion finished on disk, not competing with the build that follows
    time.sleep(1)
    results = {"cold": timed(command)}
    written = sum(1 for _ in output.rglob("*.html"))
    if written < pages:  # e.g. vanilla Pelican without Python-Markdown reads no .md file
        raise SystemExit(f"{' '.join(command)} wrote {written} pages, not at least {pages}: is its reader installed?")
    results["cached, no change"] = timed(command)
    text = edited.read_text(encoding="utf-8")
    edited.write_text(text.replace('title: "', 'title: "Edited ', 1), encoding="utf-8")
    results["cached, one file edited"] = timed(command)
    edited.write_text(text, encoding="utf-8")
    return results


def summary(rounds: list[dict[str, tuple[float, float]]]) -> dict[str, tuple[float, float]]:
    """Per case: the median time and the largest peak memory over the rounds."""
    return {
        case: (statistics.median(r[case][0] for r in rounds), max(r[case][1] for r in rounds)) for case in rounds[0]
    }


def run_size(events: int, sessions: int, root: Path, rounds: int) -> list[str]:
    ours, vanilla = root / "ours", root / "vanilla"
    make_site(ours, events, sessions)
    make_site(vanilla, events, sessions, articles=True)
    settings = vanilla / "settings.py"
    settings.write_text(
        'SITENAME = "Vanilla"\nTIMEZONE = "UTC"\nDEFAULT_LANG = "en"\n'
        f'CACHE_CONTENT = True\nLOAD_CONTENT_CACHE = True\nCACHE_PATH = "{vanilla / "cache"}"\n',
        encoding="utf-8",
    )
    files = sum(1 for _ in (vanilla / "content").glob("*.md"))
    our_command = [PELICAN, str(ours), "-o", str(root / "ours-output"), "-s", str(REPO / "pelicanconf.py")]
    our_command += ["-e", "EVENTSITE_PERSISTENT_CACHE=true", f'CACHE_PATH="{root / "ours-cache"}"']
    vanilla_command = [PELICAN, str(vanilla / "content"), "-o", str(root / "vanilla-output"), "-s", str(settings)]
    our_rounds, plain_rounds = [], []
    for _ in range(rounds):
        our_edit = ours / "events/event-7/sessions/session-3.md"
        our_rounds.append(measure(our_command, root / "ours-output", root / "ours-cache", our_edit, files))
        plain_edit = vanilla / "content/event-7-session-3.md"
        plain_rounds.append(measure(vanilla_command, root / "vanilla-output", vanilla / "cache", plain_edit, files))
    our, plain = summary(our_rounds), summary(plain_rounds)
    lines = [
        f"| {events} × {sessions} ({files} files) | ours | vanilla Pelican | ours vs vanilla |",
        "|---|---|---|---|",
    ]
    for case in our:
        (ours_time, ours_peak), (plain_time, plain_peak) = our[case], plain[case]
        lines.append(
            f"| {case} | {ours_time:.2f} s, {ours_peak:.0f} MiB | {plain_time:.2f} s, {plain_peak:.0f} MiB "
            f"| {plain_time / ours_time:.2f}× the throughput |"
        )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100x15,1000x10", help="events x sessions, comma-separated")
    parser.add_argument("--rounds", type=int, default=3, help="builds of each kind per tool; figures are medians")
    arguments = parser.parse_args()
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1767225600")
    print(f"{os.cpu_count()} cores; every build a fresh process; wall-clock medians of {arguments.rounds} rounds")
    for size in arguments.sizes.split(","):
        events, sessions = (int(n) for n in size.split("x"))
        with tempfile.TemporaryDirectory(prefix="bench-build-") as folder:
            print("\n".join(run_size(events, sessions, Path(folder), arguments.rounds)), flush=True)
            print()


if __name__ == "__main__":
    main()
