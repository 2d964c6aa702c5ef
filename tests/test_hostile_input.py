"""Content and settings that used to crash a build: each is now one line naming the file
(or the setting) and the key, with a fix, a non-zero exit, no traceback, and the previous
site in the output folder left exactly as it was, with no file added.

Most cases are checked by a build run in this process (`stopped`, sitebuild.check); a few,
and those that once crashed or exhausted the process, run the pelican command over a
previous site (`rebuild`)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from sitebuild import TODAY, ContentFolder, build, build_here, invoke_here

EVENT = "events/meet/index.md"
FRONT = "kind: meeting\nstart: 2027-03-10\n"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def previous_site(tmp_path_factory) -> Path:
    """The output of a good build (in this process), copied into each test's output folder."""
    root = tmp_path_factory.mktemp("previous")
    content = ContentFolder(root / "content")
    content.event("meet")
    result = build_here(content.root, root / "output")
    assert result.ok, result
    return root / "output"


def stopped_line(result, file: str, key: str, fragments: tuple[str, ...]) -> str:
    """The line saying `file: key: …` (or `KEY is …` for a setting) with every fragment, in
    a build that stopped without a traceback."""
    said = result.result.stdout + result.result.stderr
    assert result.result.returncode != 0, result
    assert "Traceback" not in said, result
    prefix = f"{file}: {key}: " if file else f"{key} is "
    matching = [line for line in result.errors if prefix in line and all(f in line for f in fragments)]
    assert matching, f"no line with {prefix!r} and {fragments} in\n{result.result.stderr}"
    return matching[0]


@pytest.fixture
def rebuild(content: ContentFolder, tmp_path: Path, previous_site: Path):
    """Build over a copy of the previous site with the real command; check that it stopped
    and left the site alone."""

    def run(file: str, key: str, *fragments: str, env: dict | None = None, overrides: dict | None = None) -> str:
        output = tmp_path / "output"
        shutil.rmtree(output, ignore_errors=True)
        shutil.copytree(previous_site, output)
        before = snapshot(output)
        result = build(content.root, output, env=env, overrides=overrides)
        assert snapshot(output) == before, "a failed build must leave the previous site as it was"
        return stopped_line(result, file, key, fragments)

    return run


@pytest.fixture
def stopped(check_content):
    """The build run in this process (sitebuild.check): it stopped, and wrote nothing."""

    def run(file: str, key: str, *fragments: str, env: dict | None = None, overrides: dict | None = None) -> str:
        result = check_content(env=env, overrides=overrides)
        assert not result.output.exists(), "a failed build must write nothing"
        return stopped_line(result, file, key, fragments)

    return run


# --- Content -------------------------------------------------------------------------


def test_a_title_written_as_a_block_of_lines(content: ContentFolder, rebuild):
    content.write(EVENT, f"---\ntitle: |\n  Media Freedom\n  Forum\n{FRONT}---\nBody\n")
    rebuild(EVENT, "title", "is more than one line", "write it on one line")


def test_a_summary_written_as_a_block_of_lines_is_joined(content: ContentFolder, tmp_path: Path):
    content.write(EVENT, f"---\ntitle: Forum\nsummary: |\n  Two days\n  of talks.\n{FRONT}---\nBody\n")
    result = build_here(content.root, tmp_path / "output")
    assert result.ok, result
    assert "Two days of talks." in result.text("events/meet/index.html")


@pytest.mark.parametrize(
    ("escape", "shown"),
    [
        ("\\v", "U+000B, vertical tab"),
        ("\\0", "U+0000, null"),
        ("\\e", "U+001B, escape"),
        ("\\x85", "U+0085, next line"),
    ],
)
def test_a_control_character_in_a_title(content: ContentFolder, stopped, escape, shown):
    content.write(EVENT, f'---\ntitle: "Media{escape}Forum"\n{FRONT}---\nBody\n')
    stopped(EVENT, "title", f"invisible character ({shown}) after", '"Media"', "delete it")


def test_a_line_separator_in_a_title(content: ContentFolder, stopped):
    content.write(EVENT, f'---\ntitle: "Media\\u2028Forum"\n{FRONT}---\nBody\n')
    stopped(EVENT, "title", "is more than one line")


def test_a_control_character_deep_in_the_front_matter_names_its_key(content: ContentFolder, stopped):
    content.event("meet", venue={"city": "Oslo\x1b[31m", "country": "Norway"}, tags=["ok", "b\x00d"])
    line = stopped(EVENT, "venue.city", "U+001B")
    assert "\x1b" not in line  # nor could it colour the editor's terminal
    stopped(EVENT, "tags[2]", "U+0000")


def test_a_control_character_typed_into_the_front_matter(content: ContentFolder, stopped):
    content.write(EVENT, f"---\n{FRONT}title: Media\x0bForum\n---\nBody\n")
    stopped(EVENT, "front matter", "line 4:", "U+000B", "delete it")


def test_a_line_separator_typed_into_the_front_matter(content: ContentFolder, stopped):
    content.write(EVENT, f"---\ntitle: Media\u2028Forum\n{FRONT}---\nBody\n")
    stopped(EVENT, "front matter", "line 2:", "U+2028")


def test_control_characters_in_the_text(content: ContentFolder, stopped):
    content.write(EVENT, f"---\ntitle: Forum\n{FRONT}---\nFirst line.\nPasted\x0bfrom Word.\n\nAnd \x1b here.\n")
    stopped(EVENT, "text", "lines 7 and 9 have an invisible character", "U+000B", "U+001B", "delete it")


def test_a_number_of_thousands_of_digits(content: ContentFolder, stopped):
    content.event("meet")
    content.write("events/meet/sessions/talk.md", f"---\ntitle: Talk\norder: {'9' * 5000}\n---\n")
    stopped("events/meet/sessions/talk.md", "front matter", "line 3:", "5000 digits", "at most 18 digits")


@pytest.mark.parametrize("depth", [10_000, 100_000])  # 100,000 crashed the process itself
def test_deeply_nested_yaml(content: ContentFolder, rebuild, depth):
    content.write(EVENT, f"---\ntitle: Forum\n{FRONT}tags: {'[' * depth}{']' * depth}\n---\n")
    rebuild(EVENT, "front matter", "line 5:", "nested more than")


def test_a_merge_key(content: ContentFolder, stopped):
    content.write(EVENT, f"---\ntitle: Forum\n{FRONT}venue:\n  <<: {{city: Oslo, country: Norway}}\n---\n")
    stopped(EVENT, "front matter", "line 6:", "merge keys", "write the keys out")


def test_anchors_and_aliases(content: ContentFolder, rebuild):
    laughs = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
        f"{b}: &{b} [{', '.join([f'*{a}'] * 9)}]\n" for a, b in zip("abcdefgh", "bcdefghi", strict=True)
    )
    content.write(EVENT, f"---\ntitle: Forum\n{FRONT}{laughs}tags: *i\n---\n")
    rebuild(EVENT, "front matter", "line 5:", '"&a"', "anchors")


def test_an_alias(content: ContentFolder, stopped):
    content.write(EVENT, f"---\ntitle: Forum\n{FRONT}tags: *here\n---\n")
    stopped(EVENT, "front matter", "line 5:", '"*here"', "write the value out")


@pytest.mark.parametrize("value", ["!!timestamp 2027-02-30", "!!binary aGVsbG8=", "!!float abc", "!!set {a}"])
def test_a_yaml_tag(content: ContentFolder, stopped, value):
    content.write(EVENT, f"---\ntitle: Forum\n{FRONT}end: {value}\n---\n")
    stopped(EVENT, "front matter", "line 5:", "YAML tag", value.split()[0])


# --- Settings and the clock --------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "fragment"),
    [
        ("https://events.example.org\r\nX-Evil: 1", "a line break"),
        ("http://", "no host name"),
        ('https://events.example.org/"onload="x', "'\"'"),
        ("https://events.example.org\t", "a tab"),
        ("https://events example.org", "a space"),
        ("ftp://events.example.org", "must start with https://"),
        ("javascript:alert(1)", "must start with https://"),
    ],
)
def test_a_wrong_siteurl_stops_every_build(content: ContentFolder, stopped, url, fragment):
    content.event("meet")
    stopped("", "SITEURL", fragment, "give the site's full address", overrides={"SITEURL": url})


@pytest.mark.parametrize(
    ("name", "fragment"),
    [("IFEX\r\nEvents", "a line break"), ("IFEX\x0bEvents", "an invisible character"), ("  ", "must be text")],
)
def test_a_wrong_sitename_stops_every_build(content: ContentFolder, stopped, name, fragment):
    content.event("meet")
    stopped("", "SITENAME", fragment, "on one line", overrides={"SITENAME": name})


@pytest.mark.parametrize(
    "value", ["abc", "１７００００００００", "-5", "99999999999999", " 1700000000", "1700000000\n", " "]
)
def test_a_wrong_source_date_epoch(content: ContentFolder, stopped, value):
    content.event("meet")
    stopped("", "SOURCE_DATE_EPOCH", repr(value), env={"SOURCE_DATE_EPOCH": value})


@pytest.mark.parametrize(
    ("setting", "value", "fragment"),
    [
        ("SITEURL", "https://events.example.org\r\nX-Evil: 1", "a line break"),
        ("SITENAME", "IFEX\x0bEvents", "invisible"),
    ],
)
def test_a_wrong_setting_stops_the_pelican_command_and_leaves_the_site(
    content: ContentFolder, rebuild, setting, value, fragment
):
    content.event("meet")
    rebuild("", setting, fragment, overrides={setting: value})


def invoke(*arguments: str, env: dict) -> subprocess.CompletedProcess:
    """`invoke ARGUMENTS` with `env` added, by invoke's entry point in this process (invoke_here)."""
    return invoke_here(*arguments, env=env)


@pytest.mark.parametrize("task", ["build", "serve"])
def test_a_wrong_source_date_epoch_through_invoke(content: ContentFolder, tmp_path: Path, task):
    content.event("meet")
    result = invoke(
        task, "--content", str(content.root), "--output", str(tmp_path / "out"), env={"SOURCE_DATE_EPOCH": "１２３"}
    )
    assert result.returncode != 0
    assert "Traceback" not in result.stdout + result.stderr
    assert "SOURCE_DATE_EPOCH is '１２３'" in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_wrong_source_date_epoch_through_invoke_new(content: ContentFolder):
    result = invoke("new", "news", "Hello", "--content", str(content.root), env={"SOURCE_DATE_EPOCH": "abc"})
    assert result.returncode != 0
    assert "Traceback" not in result.stdout + result.stderr
    assert "SOURCE_DATE_EPOCH is 'abc'" in result.stderr
    assert not (content.root / "news").exists()


def test_siteurl_may_be_empty_for_a_relative_build(content: ContentFolder, tmp_path: Path):
    content.event("meet")
    assert build_here(content.root, tmp_path / "output", overrides={"SITEURL": ""}).ok


def test_a_good_source_date_epoch_and_siteurl(content: ContentFolder, tmp_path: Path):
    content.event("meet")
    result = build_here(
        content.root, tmp_path / "output", now=TODAY, overrides={"SITEURL": "https://events.example.org"}
    )
    assert result.ok, result
    assert json.dumps("https://events.example.org/events/meet/")[1:-1] in result.text("sitemap.xml")


# --- Files written whole or not at all ----------------------------------------------------


def test_a_file_whose_writing_fails_is_left_as_it_was(tmp_path: Path, monkeypatch):
    from eventsite import generators

    target = tmp_path / "calendar.ics"
    target.write_bytes(b"the previous calendar")

    def full_disk(*_):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(generators.os, "replace", full_disk)
    with pytest.raises(OSError):
        generators.replace_file(str(target), b"BEGIN:VCALENDAR")
    assert target.read_bytes() == b"the previous calendar"
    assert [p.name for p in tmp_path.iterdir()] == ["calendar.ics"]  # nothing left beside it


def test_a_file_whose_making_fails_is_never_written_empty(tmp_path: Path):
    from types import SimpleNamespace

    from eventsite.generators import EventSiteGenerator

    jobs = []
    generator = SimpleNamespace(output_path=str(tmp_path), _defer=lambda save_as, job: jobs.append(job))

    def broken() -> bytes:
        raise ValueError("a feed that cannot be made")

    EventSiteGenerator._write_bytes(generator, "feeds/all.atom.xml", broken)
    with pytest.raises(ValueError):
        jobs[0]()
    assert not any(p.is_file() for p in tmp_path.rglob("*"))


def test_a_file_that_cannot_be_written_is_named_as_itself(tmp_path: Path):
    from eventsite.generators import replace_file

    with pytest.raises(OSError) as raised:
        replace_file(str(tmp_path / "gone" / "calendar.ics"), b"x")
    assert raised.value.filename == str(tmp_path / "gone" / "calendar.ics")  # not the temporary file's name


def test_written_files_get_the_modes_open_gives(tmp_path: Path):
    from eventsite.generators import replace_file

    replace_file(str(tmp_path / "a.xml"), b"x")
    umask = os.umask(0)
    os.umask(umask)
    assert (tmp_path / "a.xml").stat().st_mode & 0o777 == 0o666 & ~umask
