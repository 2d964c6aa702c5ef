"""Build times and peak memory: our build against vanilla Pelican on the same Markdown.

    .venv/bin/python bench/build.py                      # 100 × 15 and 1000 × 10
    .venv/bin/python bench/build.py --sizes 100x15 --rounds 5
    .venv/bin/python bench/build.py --sizes 100x15 --languages en,fr,es,ar   # four languages against one

For each size it writes a synthetic site (bench/make_site.py) twice: as our content
(events and sessions) and as the same Markdown bodies as plain Pelican articles. It then
times, in the same run, each tool building its site three ways: cold (empty output,
no cache), again with its cache and no change, and again with its cache after one edited
file. Vanilla Pelican uses its default theme with CACHE_CONTENT and LOAD_CONTENT_CACHE
on; ours uses its reader cache (EVENTSITE_PERSISTENT_CACHE). Peak memory is the
maximum resident set size of the build process. Every build is a fresh process.

Timings on a shared machine vary from minute to minute, so the tools take turns: in
each round, each case is built by one tool right after the other (who goes first
alternates), and each figure is the median of the rounds (peak memory: the largest).
Each build's time is printed on stderr as it comes.
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
from dataclasses import dataclass
from pathlib import Path

from make_site import make_site, require_python_markdown

REPO = Path(__file__).resolve().parents[1]
PELICAN = str(Path(sys.executable).with_name("pelican"))


def timed_with_cpu(command: list[str]) -> tuple[float, float, float]:
    """(seconds, peak MiB, CPU seconds: user + system) of one build, in a process of its own.
    CPU time moves less than wall time when other work shares the machine."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)  # this child's own resource usage
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"the build failed: {' '.join(command)}")
    return elapsed, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def timed(command: list[str]) -> tuple[float, float]:
    """(seconds, peak MiB) of one build, in a process of its own."""
    elapsed, peak, _ = timed_with_cpu(command)
    return elapsed, peak


@dataclass
class Tool:
    name: str
    command: list[str]
    output: Path
    cache: Path
    edited: Path  # the file the third build finds changed


CASES = ("cold", "cached, no change", "cached, one file edited")


def one_round(tools: list[Tool], pages: int) -> dict[str, dict[str, tuple[float, float]]]:
    """Each case built by each tool in turn, so that both meet the machine in the same mood."""
    results: dict[str, dict[str, tuple[float, float]]] = {tool.name: {} for tool in tools}
    for tool in tools:
        shutil.rmtree(tool.output, ignore_errors=True)
        shutil.rmtree(tool.cache, ignore_errors=True)
    os.sync()  # the deletions finished on disk, not competing with the builds that follow
    time.sleep(1)
    for tool in tools:
        results[tool.name]["cold"] = timed(tool.command)
        written = sum(1 for _ in tool.output.rglob("*.html"))
        if written < pages:  # e.g. vanilla Pelican without Python-Markdown reads no .md file
            raise SystemExit(f"{tool.name} wrote {written} pages, not at least {pages}: is its reader installed?")
    for tool in tools:
        results[tool.name]["cached, no change"] = timed(tool.command)
    for tool in tools:
        text = tool.edited.read_text(encoding="utf-8")
        tool.edited.write_text(text.replace('title: "', 'title: "Edited ', 1), encoding="utf-8")
        results[tool.name]["cached, one file edited"] = timed(tool.command)
        tool.edited.write_text(text, encoding="utf-8")
    return results


def summary(rounds: list[dict[str, tuple[float, float]]]) -> dict[str, tuple[float, float]]:
    """Per case: the median time and the largest peak memory over the rounds."""
    return {case: (statistics.median(r[case][0] for r in rounds), max(r[case][1] for r in rounds)) for case in CASES}


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
    our_command += ["LANGUAGES=null"]  # one language, as vanilla's site (--languages: several against one)
    vanilla_command = [PELICAN, str(vanilla / "content"), "-o", str(root / "vanilla-output"), "-s", str(settings)]
    tools = [
        Tool(
            "ours",
            our_command,
            root / "ours-output",
            root / "ours-cache",
            ours / "events/event-7/sessions/session-3.md",
        ),
        Tool(
            "vanilla",
            vanilla_command,
            root / "vanilla-output",
            vanilla / "cache",
            vanilla / "content/event-7-session-3.md",
        ),
    ]
    measured: dict[str, list] = {tool.name: [] for tool in tools}
    for number in range(rounds):
        order = tools if number % 2 == 0 else tools[::-1]  # neither always goes first
        for name, results in one_round(order, files).items():
            measured[name].append(results)
            times = ", ".join(f"{case} {results[case][0]:.2f} s" for case in CASES)
            print(f"  round {number + 1}, {name}: {times}", file=sys.stderr, flush=True)
    our, plain = summary(measured["ours"]), summary(measured["vanilla"])
    lines = [
        f"| {events} × {sessions} ({files} files) | ours | vanilla Pelican | ours vs vanilla |",
        "|---|---|---|---|",
    ]
    for case in CASES:
        (ours_time, ours_peak), (plain_time, plain_peak) = our[case], plain[case]
        lines.append(
            f"| {case} | {ours_time:.2f} s, {ours_peak:.0f} MiB | {plain_time:.2f} s, {plain_peak:.0f} MiB "
            f"| {plain_time / ours_time:.2f}× the throughput |"
        )
    return lines


def run_languages(events: int, sessions: int, root: Path, rounds: int, languages: list[str]) -> list[str]:
    """Our cold build in one language and in `languages` (issue 16: each other language is the
    whole site again under /<lang>/, every page falling back to the original's words here)."""
    site = root / "ours"
    make_site(site, events, sessions)
    files = sum(1 for _ in site.rglob("*.md"))

    def command(chosen: list[str]) -> list[str]:
        output = root / f"output-{len(chosen)}"
        shutil.rmtree(output, ignore_errors=True)
        return [
            PELICAN,
            str(site),
            "-o",
            str(output),
            "-s",
            str(REPO / "pelicanconf.py"),
            "-e",
            f"LANGUAGES={chosen!r}".replace("'", '"'),
        ]

    one, several = [languages[0]], languages
    times: dict[int, list[tuple[float, float, float]]] = {1: [], len(several): []}
    for number in range(rounds):
        order = [one, several] if number % 2 == 0 else [several, one]  # neither always goes first
        for chosen in order:
            measured = timed_with_cpu(command(chosen))
            times[len(chosen)].append(measured)
            print(
                f"  round {number + 1}, {len(chosen)} language(s): {measured[0]:.2f} s, {measured[2]:.2f} s CPU",
                file=sys.stderr,
                flush=True,
            )
    (t1, m1, c1), (tn, mn, cn) = (
        (
            statistics.median(t for t, _, _ in times[k]),
            max(m for _, m, _ in times[k]),
            statistics.median(c for _, _, c in times[k]),
        )
        for k in (1, len(several))
    )
    rounds_ratio = ", ".join(f"{b[0] / a[0]:.2f}" for a, b in zip(times[1], times[len(several)], strict=True))
    return [
        f"| {events} × {sessions} ({files} files), cold build | time | CPU | peak memory |",
        "|---|---|---|---|",
        f"| 1 language ({one[0]}) | {t1:.2f} s | {c1:.2f} s | {m1:.0f} MiB |",
        f"| {len(several)} languages ({', '.join(several)}) | {tn:.2f} s | {cn:.2f} s | {mn:.0f} MiB |",
        f"| {len(several)} against 1 | **{tn / t1:.2f}×** the time (rounds: {rounds_ratio}) "
        f"| **{cn / c1:.2f}×** the CPU | {mn / m1:.2f}× the memory |",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100x15,1000x10", help="events x sessions, comma-separated")
    parser.add_argument("--rounds", type=int, default=5, help="builds of each kind per tool; figures are medians")
    parser.add_argument(
        "--languages",
        help="e.g. en,fr,es,ar: our build in these languages against the first alone (no vanilla Pelican)",
    )
    arguments = parser.parse_args()
    if not arguments.languages:  # vanilla Pelican's reader
        require_python_markdown()
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1767225600")
    # Python keeps compiled bytecode, as pip did for Pelican when it installed it, unless
    # told not to (some sandboxes are): our plugin's modules get the same treatment.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    print(f"{os.cpu_count()} cores; every build a fresh process; wall-clock medians of {arguments.rounds} rounds")
    for size in arguments.sizes.split(","):
        events, sessions = (int(n) for n in size.split("x"))
        with tempfile.TemporaryDirectory(prefix="bench-build-") as folder:
            if arguments.languages:
                lines = run_languages(events, sessions, Path(folder), arguments.rounds, arguments.languages.split(","))
            else:
                lines = run_size(events, sessions, Path(folder), arguments.rounds)
            print("\n".join(lines), flush=True)
            print()


if __name__ == "__main__":
    main()
