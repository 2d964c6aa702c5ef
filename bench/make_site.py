"""Write a synthetic content folder: N events × M sessions, with realistic bodies.

    .venv/bin/python bench/make_site.py /tmp/site-100x15 --events 100 --sessions 15

The same arguments always write the same files (the text is drawn from a fixed seed).
With --articles, it writes the same bodies as plain Pelican articles instead, for
comparing with a vanilla Pelican build (bench/build.py).
"""

from __future__ import annotations

import argparse
import importlib.util
import random
from datetime import date, timedelta
from pathlib import Path

WORDS = [
    "freedom",
    "expression",
    "journalists",
    "network",
    "members",
    "campaign",
    "impunity",
    "justice",
    "press",
    "rights",
    "safety",
    "digital",
    "security",
    "privacy",
    "advocacy",
    "monitoring",
    "strategy",
    "coalition",
    "regional",
    "media",
    "independent",
    "reporting",
    "cases",
    "protection",
    "defenders",
    "artists",
    "bloggers",
    "collaboration",
    "workshop",
    "evidence",
    "accountability",
    "public",
    "policy",
]
ZONES = ["Europe/Helsinki", "Asia/Phnom_Penh", "America/Toronto", "Africa/Nairobi", "Pacific/Auckland", "Europe/London"]
CITIES = [("Helsinki", "Finland"), ("Phnom Penh", "Cambodia"), ("Toronto", "Canada"), ("Nairobi", "Kenya")]


def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 18))]
    return " ".join(words).capitalize() + "."


def paragraph(rng: random.Random) -> str:
    return " ".join(sentence(rng) for _ in range(rng.randint(3, 6)))


def body(rng: random.Random, paragraphs: int) -> str:
    parts = [paragraph(rng)]
    for number in range(1, paragraphs):
        if number % 2 == 0:
            parts.append(f"## {sentence(rng)[:-1]}")
        if number % 3 == 0:
            parts.append("\n".join(f"- {sentence(rng)}" for _ in range(3)))
        parts.append(paragraph(rng))
    return "\n\n".join(parts) + "\n"


def write(path: Path, front: str, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\n{front}---\n{text}", encoding="utf-8")


def require_python_markdown() -> None:
    """Vanilla Pelican reads .md files only with Python-Markdown, which the site itself
    does not use: it is installed for the benchmarks alone."""
    if importlib.util.find_spec("markdown") is None:
        raise SystemExit("vanilla Pelican needs Python-Markdown: .venv/bin/pip install -r bench/requirements.txt")


def make_site(root: Path, events: int, sessions: int, articles: bool = False) -> None:
    rng = random.Random(20261123)
    summaries = random.Random(1)  # apart, so that adding summaries left the rest of the text as it was
    first = date(2026, 1, 5)
    if not articles:
        for slug in ("ifex", "cpj", "cchr"):
            write(root / "organizations" / f"{slug}.md", f"title: Organisation {slug}\n", body(rng, 2))
        write(root / "campaigns" / "no-impunity.md", "title: No Impunity\norganization: ifex\n", body(rng, 2))
    for number in range(events):
        day = first + timedelta(days=7 * number)
        zone = ZONES[number % len(ZONES)]
        city, country = CITIES[number % len(CITIES)]
        title = f"Event {number}: {sentence(rng)[:-1]}"
        summary = sentence(summaries)  # as editors are asked to write for every upcoming event
        if articles:
            front = f'title: "{title}"\ndate: {day}\nsummary: {summary}\n'
            write(root / "content" / f"event-{number}.md", front, body(rng, 6))
        else:
            front = (
                f'title: "{title}"\nsummary: {summary}\nkind: conference\n'
                f"date: {day - timedelta(days=90)}\n"  # when it was announced, as editors are asked to write
                f"start: {day} 09:00\nend: {day + timedelta(days=1)} 17:00\n"
                f"timezone: {zone}\nvenue:\n  city: {city}\n  country: {country}\nhost: ifex\npartners: [cpj]\n"
                f"campaigns: [no-impunity]\nregistration:\n  url: https://forms.example.org/{number}\n"
                f"  opens: {day - timedelta(days=60)}\n"
            )
            write(root / "events" / f"event-{number}" / "index.md", front, body(rng, 6))
        for session in range(sessions):
            session_day = day + timedelta(days=session % 2)
            hour = 9 + (session // 2) % 8
            title = f"Session {session}: {sentence(rng)[:-1]}"
            if articles:
                write(
                    root / "content" / f"event-{number}-session-{session}.md",
                    f'title: "{title}"\ndate: {day}\n',
                    body(rng, 3),
                )
            else:
                front = (
                    f'title: "{title}"\nstart: {session_day} {hour:02d}:00\nend: {session_day} {hour:02d}:45\n'
                    f"format: panel\nspeakers:\n  - name: Speaker {session}\n    organization: cpj\n"
                )
                write(root / "events" / f"event-{number}" / "sessions" / f"session-{session}.md", front, body(rng, 3))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--events", type=int, default=100)
    parser.add_argument("--sessions", type=int, default=15)
    parser.add_argument("--articles", action="store_true", help="the same bodies as plain Pelican articles")
    arguments = parser.parse_args()
    make_site(arguments.folder, arguments.events, arguments.sessions, arguments.articles)
    print(f"Wrote {arguments.folder}")


if __name__ == "__main__":
    main()
