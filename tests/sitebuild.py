"""Helpers for the tests: build real sites into temporary folders with the real `pelican`
command, write content folders as an editor would, and read what was built."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import yaml
from bs4 import BeautifulSoup

REPO = Path(__file__).resolve().parents[1]
SHIPPED_CONTENT = REPO / "content"
# 2026-11-23 12:00 UTC: both IFEX events are in the past.
TODAY = int(datetime(2026, 11, 23, 12, tzinfo=UTC).timestamp())


def epoch(text: str) -> int:
    """SOURCE_DATE_EPOCH for an ISO moment with its offset, e.g. '2027-03-10T09:00+02:00'."""
    return int(datetime.fromisoformat(text).timestamp())


@dataclass
class Build:
    result: subprocess.CompletedProcess
    output: Path

    @property
    def ok(self) -> bool:
        return self.result.returncode == 0

    def __repr__(self) -> str:  # what a failed assertion shows: what the build printed
        return f"Build(exit {self.result.returncode})\n{self.result.stdout}\n{self.result.stderr}"

    @property
    def errors(self) -> list[str]:
        return [line for line in self.result.stderr.splitlines() if line.strip()]

    def soup(self, url_path: str) -> BeautifulSoup:
        """The built page at a site URL such as 'events/x/'."""
        path = self.output / url_path
        if url_path == "" or url_path.endswith("/"):
            path = path / "index.html"
        return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")

    def text(self, path: str) -> str:
        return (self.output / path).read_text(encoding="utf-8")

    def files(self) -> list[str]:
        return sorted(str(p.relative_to(self.output)) for p in self.output.rglob("*") if p.is_file())


def build(
    content: Path,
    output: Path,
    *,
    now: int = TODAY,
    settings: str = "pelicanconf.py",
    env: dict | None = None,
    overrides: dict | None = None,
) -> Build:
    """`overrides`: settings given on the command line (`pelican -e KEY=JSON`)."""
    environment = {**os.environ, "SOURCE_DATE_EPOCH": str(now), **(env or {})}
    command = [sys.executable, "-m", "pelican", str(content), "-o", str(output), "-s", str(REPO / settings)]
    if overrides:
        command += ["-e", *(f"{key}={json.dumps(value)}" for key, value in overrides.items())]
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, env=environment, check=False)
    return Build(result, output)


class ContentFolder:
    """A content folder written file by file, the way an editor would."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)

    def write(self, path: str, text: str) -> Path:
        target = self.root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        return target

    def markdown(self, path: str, front: dict, body: str = "Some words about it.\n") -> Path:
        yaml_text = yaml.safe_dump(front, sort_keys=False, allow_unicode=True)
        return self.write(path, f"---\n{yaml_text}---\n{body}")

    def event(self, name: str, body: str = "What the event is about.\n", **front) -> Path:
        values = {"title": f"Event {name}", "kind": "conference", "start": "2027-03-10", **front}
        return self.markdown(f"events/{name}/index.md", values, body)

    def session(self, event: str, name: str, **front) -> Path:
        return self.markdown(f"events/{event}/sessions/{name}.md", {"title": f"Session {name}", **front})

    def organization(self, name: str, **front) -> Path:
        return self.markdown(f"organizations/{name}.md", {"title": f"Organisation {name}", **front})

    def campaign(self, name: str, **front) -> Path:
        return self.markdown(f"campaigns/{name}.md", {"title": f"Campaign {name}", **front})

    def news(self, name: str, **front) -> Path:
        return self.markdown(f"news/{name}.md", {"title": f"News {name}", "date": "2027-01-05", **front})

    def page(self, name: str, **front) -> Path:
        return self.markdown(f"pages/{name}.md", {"title": f"Page {name}", **front})
