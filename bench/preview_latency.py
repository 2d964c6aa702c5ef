"""How long after saving a file the preview shows the change, on a typical site.

    .venv/bin/python bench/preview_latency.py [--events 100] [--sessions 15] [--rounds 15]

For each round it edits one session's title, as an editor saving a file would, and
measures the time from the save to the moment the browser's reload of the event page
(the page the editor is looking at) returns with the new title: the change being
noticed, the site read again, the browser told, and the page rendered. Then it
measures vanilla Pelican (default theme, its content cache on, the same Markdown as
plain articles) rebuilding the same site after one edited file, for comparison.
Figures are written in bench/README.md by hand, with the machine they came from.
"""

from __future__ import annotations

import argparse
import http.client
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from make_site import make_site, require_python_markdown

REPO = Path(__file__).resolve().parents[1]
VENV_BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(port: int, path: str) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", path)
    response = connection.getresponse()
    return response.status, response.read()


def wait_for_change(port: int, ready: threading.Event, done: threading.Event) -> None:
    """What the page's script does: wait for the server's "the site changed" event."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request("GET", "/_preview/changes")
    response = connection.getresponse()
    ready.set()
    while line := response.fp.readline():
        if line.startswith(b"data:"):
            done.set()
            return


def preview_rounds(site: Path, rounds: int) -> list[float]:
    port = free_port()
    output = Path(tempfile.mkdtemp(prefix="preview-output-"))
    server = subprocess.Popen(
        [str(VENV_BIN / "invoke"), "serve", "--content", str(site), "--output", str(output), "--port", str(port)],
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(600):
            try:
                if get(port, "/")[0] == 200:
                    break
            except OSError:
                time.sleep(0.1)
        page = "/events/event-7/"
        session = site / "events/event-7/sessions/session-3.md"
        original = session.read_text(encoding="utf-8")
        get(port, page)  # the editor has the page open
        timings = []
        for number in range(rounds):
            marker = f"Edited title {number}"
            ready, done = threading.Event(), threading.Event()
            threading.Thread(target=wait_for_change, args=(port, ready, done), daemon=True).start()
            ready.wait(10)
            time.sleep(0.3)  # the previous save has settled
            start = time.perf_counter()
            session.write_text(original.replace('title: "Session 3:', f'title: "{marker}:', 1), encoding="utf-8")
            done.wait(30)
            status, body = get(port, page)
            elapsed = time.perf_counter() - start
            assert status == 200 and marker.encode() in body, "the page did not show the change"
            timings.append(elapsed)
        session.write_text(original, encoding="utf-8")
        return timings
    finally:
        server.terminate()
        server.wait(10)
        shutil.rmtree(output, ignore_errors=True)


def vanilla_rounds(articles: Path, rounds: int) -> list[float]:
    """Vanilla Pelican, with its content cache, rebuilding after one edited file."""
    settings = articles.parent / "vanilla_settings.py"
    settings.write_text(
        'SITENAME = "Vanilla"\nTIMEZONE = "UTC"\nDEFAULT_LANG = "en"\n'
        f'CACHE_CONTENT = True\nLOAD_CONTENT_CACHE = True\nCACHE_PATH = "{articles.parent / "cache"}"\n',
        encoding="utf-8",
    )
    output = articles.parent / "vanilla-output"
    command = [str(VENV_BIN / "pelican"), str(articles / "content"), "-o", str(output), "-s", str(settings), "-q"]
    subprocess.run(command, check=True)  # a first build fills the cache
    edited = articles / "content/event-7-session-3.md"
    original = edited.read_text(encoding="utf-8")
    timings = []
    for number in range(rounds):
        edited.write_text(original.replace('title: "Session 3:', f'title: "Edited {number}:', 1), encoding="utf-8")
        start = time.perf_counter()
        subprocess.run(command, check=True)
        timings.append(time.perf_counter() - start)
    return timings


def describe(name: str, timings: list[float]) -> str:
    ordered = sorted(timings)
    p90 = ordered[max(0, round(0.9 * len(ordered)) - 1)]
    return f"{name}: median {statistics.median(timings):.3f} s, 90th percentile {p90:.3f} s ({len(timings)} saves)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100)
    parser.add_argument("--sessions", type=int, default=15)
    parser.add_argument("--rounds", type=int, default=15)
    arguments = parser.parse_args()
    require_python_markdown()
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01: half the events upcoming
    with tempfile.TemporaryDirectory(prefix="bench-preview-") as folder:
        site, articles = Path(folder) / "site", Path(folder) / "articles"
        make_site(site, arguments.events, arguments.sessions)
        make_site(articles, arguments.events, arguments.sessions, articles=True)
        print(f"{arguments.events} events × {arguments.sessions} sessions, {os.cpu_count()} cores")
        print(describe("our preview, save to page shown", preview_rounds(site, arguments.rounds)))
        print(
            describe(
                "vanilla Pelican with its cache, rebuild after one save", vanilla_rounds(articles, arguments.rounds)
            )
        )


if __name__ == "__main__":
    main()
