"""The commands as a newcomer meets them: their help, their messages, what they need."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

from eventsite.scaffold import KINDS

from sitebuild import REPO, ContentFolder, invoke_here


def invoke(*arguments: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """`invoke ARGUMENTS` in the repository, by invoke's own entry point in this process
    (sitebuild.invoke_here): the same help and messages, without a new Python each time."""
    return invoke_here(*arguments, env={"SOURCE_DATE_EPOCH": "1790000000", "COLUMNS": "200", **(env or {})})


def task_names() -> set[str]:
    listed = invoke("--list", "--list-format=json")
    assert listed.returncode == 0, listed.stderr
    return {task["name"] for task in json.loads(listed.stdout)["tasks"]}


def test_the_tasks_docstring_names_exactly_the_tasks_that_exist():
    docstring = (REPO / "tasks.py").read_text(encoding="utf-8").split('"""', 2)[1]
    named = set(re.findall(r"^invoke ([a-z-]+)", docstring, re.MULTILINE))
    assert named == task_names()


def test_the_list_of_tasks_gives_each_first_line_whole():
    listed = invoke("--list")
    assert listed.returncode == 0, listed.stderr
    # invoke shows a docstring's first line, wrapped: put the wrapped lines together again
    entries: dict[str, str] = {}
    for line in listed.stdout.splitlines()[2:]:
        if match := re.match(r"  (\S+)\s+(.*)", line):
            name, text = match.groups()
            entries[name] = text
        elif line.strip():
            entries[name] += " " + line.strip()
    assert set(entries) == task_names()
    for name, text in entries.items():
        assert text.endswith((".", ")")), (name, text)  # a sentence, not cut off
        assert not text.endswith(","), (name, text)
    # `new` names every kind it creates, from the registry: a new content type is in its help
    assert entries["new"].startswith("Create an event, session, campaign, organization"), entries["new"]
    assert all(re.search(rf"\b{kind}\b", entries["new"]) for kind in KINDS), (entries["new"], KINDS)


def test_serve_help_gives_the_port_as_an_option():
    shown = invoke("serve", "--help").stdout
    assert "127.0.0.1:8000" not in shown
    assert re.search(r"--port=INT\s+the port to listen at, 8000 unless given \(make\s+serve PORT=8001\)", shown)


def test_invoke_check_words_its_errors_as_a_check(tmp_path: Path):
    content = ContentFolder(tmp_path / "content")
    content.event("meet", kind="seminar")
    result = invoke("check", "--content", str(content.root))
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[-1] == "Check found 1 content error: fix the lines above and check again (invoke check)."
    assert "Build stopped" not in result.stderr and "build again" not in result.stderr


def test_invoke_check_site_words_its_errors_as_a_check_of_the_site(tmp_path: Path):
    content = ContentFolder(tmp_path / "content")
    content.event("meet", kind="seminar", timezon="UTC")
    result = invoke("check", "--site", "--content", str(content.root), env={"SITEURL": "https://events.example.org"})
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert (
        lines[-1]
        == "The site did not pass: 2 content errors, listed above. Fix them and run invoke check --site again."
    )
    assert len(lines) == 3 and "Build stopped" not in result.stderr
