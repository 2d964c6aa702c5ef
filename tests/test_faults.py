"""Faults outside the content: a killed publish, two builds at once, a read-only folder, a full disk."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from sitebuild import REPO, SHIPPED_CONTENT, ContentFolder, build_here

sys.path.insert(0, str(REPO / "plugins"))
from eventsite.output import lock_file_of, replace_folder  # noqa: E402

SITE = "https://events.example.org"


def invoke_command(*arguments: str) -> list[str]:
    return [str(Path(sys.executable).with_name("invoke")), *arguments]


def publish_env(server: Path) -> dict:
    return {**os.environ, "SOURCE_DATE_EPOCH": "1790000000", "SITEURL": SITE, "DEPLOY_METHOD": "none"}


def previous_site(folder: Path) -> Path:
    folder.mkdir()
    (folder / "index.html").write_text("the previous site", encoding="utf-8")
    return folder


# --- replacing output/ -------------------------------------------------------------------


def test_the_output_folder_is_there_at_every_instant_of_a_swap(tmp_path):
    from eventsite.output import _exchange

    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    if not _exchange(tmp_path / "a", tmp_path / "b"):
        pytest.skip("this file system cannot swap two folders in one step: publish uses two renames here")
    output = previous_site(tmp_path / "output")
    missing, looks, done = [], [0], threading.Event()

    def watch() -> None:
        while not done.is_set():
            looks[0] += 1
            if not (output / "index.html").exists():
                missing.append(looks[0])

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        for number in range(300):
            new = tmp_path / f".output.new-{number}"
            new.mkdir()
            (new / "index.html").write_text(f"site {number}", encoding="utf-8")
            replace_folder(new, output)
            assert (new / "index.html").read_text(encoding="utf-8") == (
                "the previous site" if number == 0 else f"site {number - 1}"
            )
            shutil.rmtree(new)
    finally:
        done.set()
        watcher.join()
    assert looks[0] > 1000 and missing == []
    assert (output / "index.html").read_text(encoding="utf-8") == "site 299"


def test_a_killed_publish_leaves_the_site_and_the_next_one_cleans_up(tmp_path):
    output = previous_site(tmp_path / "output")
    command = invoke_command("publish", "--content", str(SHIPPED_CONTENT), "--output", str(output))
    publishing = subprocess.Popen(
        command, cwd=REPO, env=publish_env(tmp_path), start_new_session=True, stdout=subprocess.DEVNULL
    )
    try:
        for _ in range(3000):  # kill it as soon as it builds
            if any(p.name.startswith(".output.new-") for p in tmp_path.iterdir()):
                break
            time.sleep(0.005)
    finally:
        os.killpg(publishing.pid, signal.SIGKILL)
        publishing.wait()
    assert [p.name for p in tmp_path.glob(".output.new-*")], "the publish was not caught building"
    assert (output / "index.html").read_text(encoding="utf-8") == "the previous site"
    # Where no one-step swap exists, a publish killed between its two renames leaves the
    # previous site in .output.previous and no output/ at all.
    os.rename(output, tmp_path / ".output.previous")

    content = ContentFolder(tmp_path / "content")
    content.event("meet", kind="seminar")  # the next publish fails, but cleans up first
    command = invoke_command("publish", "--content", str(content.root), "--output", str(output))
    result = subprocess.run(command, cwd=REPO, env=publish_env(tmp_path), capture_output=True, text=True)
    assert result.returncode == 1 and "events/meet/index.md: kind:" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "output"]
    assert (output / "index.html").read_text(encoding="utf-8") == "the previous site"


# --- two builds at once ------------------------------------------------------------------


def pelican_command(content: Path, output: Path, *settings: str) -> list[str]:
    command = [sys.executable, "-m", "pelican", str(content), "-o", str(output), "-s", str(REPO / "pelicanconf.py")]
    return command + (["-e", *settings] if settings else [])


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file's bytes but Pagefind's index (search.py), which differs from one run to the next."""
    files = (p for p in sorted(folder.rglob("*")) if p.is_file())
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in files
        if not str(p.relative_to(folder)).startswith("pagefind/")
    }


def test_a_second_build_into_the_same_folder_waits_for_the_first(tmp_path, content):
    content.event("meet", summary="A meeting.")
    content.session("meet", "opening", start="2027-03-10 09:00")
    output = tmp_path / "output"
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1790000000"}
    run = {"cwd": REPO, "env": env, "stdout": subprocess.PIPE, "stderr": subprocess.PIPE, "text": True}
    first = subprocess.Popen(pelican_command(content.root, output), start_new_session=True, **run)
    try:
        for _ in range(2000):  # the first build holds the lock: stop it there
            if lock_file_of(output).exists():
                break
            time.sleep(0.005)
        os.killpg(first.pid, signal.SIGSTOP)
        second = subprocess.Popen(pelican_command(content.root, output), **run)
        said = second.stderr.readline()
        assert said == f"Another build is writing to {output}; waiting…\n"
        impatient = subprocess.run(pelican_command(content.root, output, "EVENTSITE_LOCK_WAIT=1"), **run)
        assert impatient.returncode == 1
        assert impatient.stderr.splitlines()[-1] == (
            f"Another build is still writing to {output} after 1 s: wait until it ends, or stop it, then build again"
        )
        assert "Traceback" not in impatient.stderr
    finally:
        os.killpg(first.pid, signal.SIGCONT)
    assert first.wait(60) == 0, first.stderr.read()
    assert second.wait(60) == 0, second.stderr.read()
    reference = build_here(content.root, tmp_path / "reference", now=1790000000)  # to compare with
    assert reference.ok, reference
    assert snapshot(output) == snapshot(reference.output)
    assert not lock_file_of(output).exists()  # deleted by the build that held it last


def test_a_build_into_the_same_folder_by_another_name_waits_too(tmp_path, content):
    """One folder, one lock, however it is named (here through a link to it): else the
    second clean build deletes the first's new folder as a killed build's leftover, and
    the first publishes an incomplete site with exit 0."""
    content.event("meet", summary="A meeting.", date="2026-10-01", registration="none")
    content.session("meet", "opening", start="2027-03-10 09:00")
    output = tmp_path / "site" / "output"
    output.mkdir(parents=True)
    other = tmp_path / "alias"
    other.symlink_to(output)
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1790000000"}
    run = {"cwd": REPO, "env": env, "stdout": subprocess.PIPE, "stderr": subprocess.PIPE, "text": True}
    clean = "DELETE_OUTPUT_DIRECTORY=true"
    first = subprocess.Popen(pelican_command(content.root, output, clean), start_new_session=True, **run)
    try:
        for _ in range(4000):  # the first build writes its new folder: stop it there
            if list(output.parent.glob(".output.new-*")):
                break
            time.sleep(0.005)
        os.killpg(first.pid, signal.SIGSTOP)
        second = subprocess.Popen(pelican_command(content.root, other, clean), **run)
        assert second.stderr.readline() == f"Another build is writing to {other}; waiting…\n"
    finally:
        os.killpg(first.pid, signal.SIGCONT)
    assert first.wait(60) == 0, first.stderr.read()
    assert second.wait(60) == 0, second.stderr.read()
    reference = build_here(content.root, tmp_path / "reference", now=1790000000)  # to compare with
    assert snapshot(output) == snapshot(reference.output)
    assert sorted(p.name for p in output.parent.iterdir()) == ["output"]  # no lock, no new folder left
    assert not (tmp_path / ".alias.lock").exists()


# --- a folder that cannot be written -----------------------------------------------------

needs_root = pytest.mark.skipif(os.geteuid() != 0, reason="mounting a small or read-only file system needs root")


@pytest.fixture
def small_disk(tmp_path):
    """A file system of 150 kB, where the old site and a filler leave no room for a new one."""
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=150k", "tmpfs", str(disk)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    output = previous_site(disk / "output")
    (output / "filler.bin").write_bytes(bytes(100_000))
    yield disk
    subprocess.run(["umount", str(disk)], check=True)


def limit_file_size() -> None:
    """In the build's process: no file over 3,000 bytes, so that writing a page fails midway (EFBIG)."""
    import resource

    resource.setrlimit(resource.RLIMIT_FSIZE, (3000, 3000))


def pelican_build(content: Path, output: Path, settings: str, *given: str, **options) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "pelican", str(content), "-o", str(output), "-s", str(REPO / settings)]
    command += ["-e", *given] if given else []
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1790000000", "SITEURL": SITE}
    return subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, **options)


@pytest.mark.parametrize("settings", ["publishconf.py", "pelicanconf.py"])
def test_a_write_that_fails_midway_is_one_line(tmp_path, settings):
    output = previous_site(tmp_path / "output")
    result = pelican_build(SHIPPED_CONTENT, output, settings, preexec_fn=limit_file_size)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"cannot write to {output}: File too large; the previous site is left as it was"
    ]
    assert snapshot(output) == {"index.html": b"the previous site"}  # built beside output/, swapped in whole
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output"]


def test_a_folder_that_keeps_files_between_builds_is_written_in_place_and_says_so(tmp_path):
    """OUTPUT_RETENTION (here .git, a deploy's checkout): the folder itself is kept, so
    the build writes in it, and a failure says the site there is incomplete."""
    output = previous_site(tmp_path / "output")
    (output / ".git").mkdir()
    result = pelican_build(
        SHIPPED_CONTENT, output, "pelicanconf.py", 'OUTPUT_RETENTION=[".git"]', preexec_fn=limit_file_size
    )
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"cannot write to {output}: File too large; the site there is incomplete: build again once fixed"
    ]
    assert (output / ".git").is_dir() and snapshot(output) != {"index.html": b"the previous site"}


@needs_root
@pytest.mark.parametrize("settings", ["publishconf.py", "pelicanconf.py"])
def test_a_full_disk_is_one_line_and_leaves_the_previous_site(small_disk, settings):
    """A clean build and one that keeps what it does not write (pelicanconf.py) alike."""
    output = small_disk / "output"
    before = snapshot(output)
    result = pelican_build(SHIPPED_CONTENT, output, settings)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"cannot write to {output}: No space left on device; the previous site is left as it was"
    ]
    assert snapshot(output) == before
    assert sorted(p.name for p in small_disk.iterdir()) == ["output"]


def test_a_build_that_keeps_old_files_keeps_them_as_they_were(tmp_path, content):
    """pelicanconf.py (DELETE_OUTPUT_DIRECTORY false) builds beside output/ like a clean
    build, then brings over what it did not write, as Pelican in place would have left
    it: files hard-linked (the same file, not a copy), folders, links as links."""
    content.event("meet", summary="A meeting.")
    output = tmp_path / "output"
    (output / "old" / "deeper").mkdir(parents=True)
    (output / "keep-me.txt").write_text("kept", encoding="utf-8")
    (output / "old" / "deeper" / "page.html").write_text("an old page", encoding="utf-8")
    (output / "index.html").write_text("the previous home page", encoding="utf-8")
    (output / "inside").symlink_to("keep-me.txt")
    (output / "events").mkdir()
    (output / "events" / "gone.txt").write_text("of an old event", encoding="utf-8")
    outside = tmp_path / "secret"
    outside.write_text("not for the web", encoding="utf-8")
    (output / "out").symlink_to(outside)
    kept = os.stat(output / "keep-me.txt")

    result = build_here(content.root, output)
    assert result.ok, result
    assert (output / "events/meet/index.html").is_file()
    assert "the previous home page" not in result.text("index.html")  # what the build writes is new
    assert result.text("keep-me.txt") == "kept"
    assert (os.stat(output / "keep-me.txt").st_ino, os.stat(output / "keep-me.txt").st_nlink) == (kept.st_ino, 1)
    assert result.text("old/deeper/page.html") == "an old page"
    assert result.text("events/gone.txt") == "of an old event"
    assert os.readlink(output / "inside") == "keep-me.txt"
    assert os.readlink(output / "out") == str(outside)  # made again, not followed: the site check refuses it
    assert outside.read_text(encoding="utf-8") == "not for the web"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "output", "secret"]


@needs_root
def test_a_full_disk_publishes_nothing(small_disk):
    output = small_disk / "output"
    before = snapshot(output)
    command = invoke_command("publish", "--content", str(SHIPPED_CONTENT), "--output", str(output))
    result = subprocess.run(command, cwd=REPO, env=publish_env(small_disk), capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"cannot write to {output}: No space left on device",
        "Nothing was published.",
    ]
    assert snapshot(output) == before
    assert sorted(p.name for p in small_disk.iterdir()) == ["output"]


@needs_root
@pytest.mark.parametrize("settings", ["publishconf.py", "pelicanconf.py"])
def test_a_read_only_output_folder_is_one_line_and_left_as_it_was(tmp_path, settings):
    output = tmp_path / "output"
    output.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(output)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        (output / "index.html").write_text("the previous site", encoding="utf-8")
        subprocess.run(["mount", "-o", "remount,ro", str(output)], check=True)
        result = pelican_build(SHIPPED_CONTENT, output, settings)
        assert result.returncode == 1
        assert result.stderr.splitlines() == [f"cannot write to {output}: Read-only file system; nothing was written"]
        assert snapshot(output) == {"index.html": b"the previous site"}
    finally:
        subprocess.run(["umount", str(output)], check=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output"]


def test_a_worker_that_cannot_write_reports_the_error_itself(capfd):
    """The build says what a worker could not write, in one line, as for its own writes."""
    from eventsite.parallel import run_in_workers

    builder = os.getpid()

    def job() -> None:
        time.sleep(0.02)  # slow enough that the worker takes some of the jobs
        if os.getpid() != builder:
            raise OSError(28, "No space left on device", "/site/events/x/index.html")

    with pytest.raises(OSError) as raised:
        run_in_workers([(str(n), job) for n in range(20)], workers=2)
    assert (raised.value.errno, raised.value.filename) == (28, "/site/events/x/index.html")
    assert "Traceback" not in capfd.readouterr().err


def test_a_build_into_a_folder_whose_parents_do_not_exist_yet_makes_them(tmp_path, content):
    content.event("meet")
    result = build_here(content.root, tmp_path / "not/yet/output")
    assert result.ok, result
    assert (tmp_path / "not/yet/output/events/meet/index.html").is_file()
    assert sorted(p.name for p in (tmp_path / "not/yet").iterdir()) == ["output"]  # no lock file left


@needs_root
def test_a_folder_that_cannot_be_made_is_one_line(tmp_path):
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=100k,ro", "tmpfs", str(disk)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        result = pelican_build(SHIPPED_CONTENT, disk / "output", "publishconf.py")
    finally:
        subprocess.run(["umount", str(disk)], check=True)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"cannot write to {disk / 'output'}: Read-only file system; nothing was written"
    ]
