"""The live preview: follows saves, shows content errors in the browser, shows drafts."""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from sitebuild import REPO, ContentFolder, invoke_here

sys.path.insert(0, str(REPO / "plugins"))
from eventsite.preview import PreviewSite  # noqa: E402


@pytest.fixture
def preview(content: ContentFolder, tmp_path: Path, monkeypatch) -> Iterator[PreviewSite]:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")
    content.event("forum", title="The forum", start="2027-03-10", summary="Soon.")
    content.session("forum", "opening", title="Opening", start="2027-03-10 09:00")
    site = PreviewSite(str(REPO / "pelicanconf.py"), str(content.root), str(tmp_path / "output"))
    site.refresh()
    yield site
    site.close()


def test_pages_are_rendered_when_asked_for(preview: PreviewSite):
    assert preview.errors == []
    assert not (preview.output / "events/forum/index.html").exists()
    page = preview.file_for("/events/forum/")
    assert page is not None and "The forum" in page.read_text(encoding="utf-8")
    assert not (preview.output / "events/forum/opening/index.html").exists()  # not asked for yet
    assert preview.file_for("/no/such/page/") is None
    assert preview.file_for("/../../etc/passwd") is None


def test_a_save_is_seen_on_the_next_refresh(preview: PreviewSite, content: ContentFolder):
    preview.file_for("/events/forum/")
    content.event("forum", title="The renamed forum", start="2027-03-10", summary="Soon.")
    preview.refresh()
    assert "The renamed forum" in preview.file_for("/events/forum/").read_text(encoding="utf-8")


def test_content_errors_replace_the_site_until_fixed(preview: PreviewSite, content: ContentFolder):
    generation = preview.generation
    content.event("forum", title="The forum", start="2027-03-10", kind="seminar")
    preview.refresh()
    assert preview.generation == generation + 1
    assert any("events/forum/index.md: kind:" in line for line in preview.errors)
    page = preview.error_page().decode("utf-8")
    assert "1 content error" in page and "&#34;seminar&#34; is not one of" in page
    content.event("forum", title="The forum", start="2027-03-10", summary="Soon.")
    preview.refresh()
    assert preview.errors == []
    assert preview.file_for("/events/forum/") is not None


def test_drafts_are_shown_and_marked(preview: PreviewSite, content: ContentFolder):
    content.event("secret", title="Secret plans", start="2027-04-10", status="draft")
    preview.refresh()
    page = preview.file_for("/events/secret/").read_text(encoding="utf-8")
    assert "Draft: this page is shown in the preview only" in page
    assert "Secret plans" in preview.file_for("/events/").read_text(encoding="utf-8")


def test_the_preview_runs_pelicans_own_build_with_a_writer_that_records(preview: PreviewSite, capsys):
    """Pelican.run() itself, with the writer the preview gives through signals.get_writer:
    every signal of a build is sent (here finalized), nothing is written until asked for,
    and Pelican's summary line for builds is not printed on every save."""
    from pelican.log import console
    from pelican.plugins import signals

    from eventsite.deferred import DeferringWriter
    from eventsite.preview import RecordingWriter

    finished = []

    def note(pelican) -> None:
        finished.append(pelican)

    signals.finalized.connect(note)
    try:
        preview.refresh()
    finally:
        signals.finalized.disconnect(note)
    assert finished == [preview.pelican]
    assert isinstance(RecordingWriter(str(preview.output), preview.settings), DeferringWriter)
    assert "events/forum/index.html" in preview.pending and not (preview.output / "events/forum").exists()
    assert "Done: Processed" not in capsys.readouterr().out
    assert console.quiet is False  # Pelican's console speaks again once the site is read


def test_a_folder_the_preview_cannot_write_is_said_once(content: ContentFolder, tmp_path: Path, monkeypatch, capsys):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")
    content.event("forum")
    output = tmp_path / "output"
    site = PreviewSite(str(REPO / "pelicanconf.py"), str(content.root), str(output))
    output.write_text("a file where the folder should be", encoding="utf-8")
    site.refresh()
    site.close()
    assert site.unexpected and len(site.errors) == 1 and site.errors[0].startswith(f"cannot write to {output}")
    assert capsys.readouterr().err.count("cannot write to") == 1


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(port: int, path: str) -> tuple[int, str]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
    connection.request("GET", path)
    response = connection.getresponse()
    return response.status, response.read().decode("utf-8")


def test_make_serve_follows_saves_in_the_browser(content: ContentFolder, tmp_path: Path):
    """The real server: a page, the reload signal after a save, the error page, and recovery."""
    content.event("forum", title="The forum", start="2027-03-10", summary="Soon.")
    port = free_port()
    command = [str(Path(sys.executable).with_name("invoke")), "serve", "--content", str(content.root)]
    command += ["--output", str(tmp_path / "output"), "--port", str(port)]
    server = subprocess.Popen(command, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        for _ in range(100):
            try:
                status, home = get(port, "/")
                break
            except OSError:
                time.sleep(0.1)
        assert status == 200 and '<script src="/_preview/reload.js"></script>' in home

        def wait_for_reload(listening: threading.Event, signal: threading.Event) -> None:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
            connection.request("GET", "/_preview/changes")
            response = connection.getresponse()
            while line := response.fp.readline():  # raw lines: chunk sizes come between them
                if line.startswith(b": connected"):
                    listening.set()
                if line.startswith(b"data:"):
                    signal.set()
                    return

        listening, reloaded = threading.Event(), threading.Event()
        threading.Thread(target=wait_for_reload, args=(listening, reloaded), daemon=True).start()
        assert listening.wait(15), "the server never answered the tab that listens for saves"
        content.event("forum", title="The forum", start="2027-03-10", kind="seminar")
        assert reloaded.wait(15), "the browser was not told to reload"
        status, page = get(port, "/events/forum/")
        assert status == 500 and "events/forum/index.md: kind:" in page

        content.event("forum", title="The fixed forum", start="2027-03-10", summary="Soon.")
        for _ in range(100):
            status, page = get(port, "/events/forum/")
            if status == 200:
                break
            time.sleep(0.1)
        assert status == 200 and "The fixed forum" in page
        assert get(port, "/events/forum")[0] in (301, 302)  # to the address with its slash
        assert get(port, "/nothing-here/")[0] == 404
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
        connection.request("HEAD", "/events/forum/")
        response = connection.getresponse()
        assert response.status == 200 and int(response.getheader("Content-Length")) > 0
        assert response.read() == b""
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=10)
    assert output.count("events/forum/index.md: kind:") == 1  # the terminal shows each error, once
    assert "also shown in the browser: fix them and save" in output


def test_publishing_never_shows_drafts_even_if_asked(content: ContentFolder, tmp_path: Path):
    from sitebuild import build

    content.event("secret", status="draft")
    result = build(content.root, tmp_path / "out", settings="publishconf.py", env={"SITEURL": "https://x.example"})
    assert result.ok, result
    assert not any("secret" in f for f in result.files())
    assert os.environ.get("SHOW_DRAFTS") is None


# --- the preview survives what goes wrong -----------------------------------------------


@pytest.fixture
def server(content: ContentFolder, tmp_path: Path, monkeypatch):
    """The preview's server in this process, so that a test can make the plugin fail; its port."""
    from eventsite.preview import serve

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")
    content.event("forum", title="The forum", start="2027-03-10", summary="Soon.")
    content.session("forum", "opening", title="Opening", start="2027-03-10 09:00")
    port, stop = free_port(), threading.Event()
    arguments = (str(REPO / "pelicanconf.py"), str(content.root), str(tmp_path / "output"), "127.0.0.1", port)
    running = threading.Thread(target=serve, args=(*arguments, [str(content.root)], stop))
    running.start()
    wait_for(port, "/", lambda status, _: status == 200)
    yield port
    stop.set()
    running.join(20)


def wait_for(port: int, path: str, wanted, seconds: float = 15) -> tuple[int, str]:
    """GET a path until `wanted(status, body)`; the last answer."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            answer = get(port, path)
            if wanted(*answer) or time.monotonic() > deadline:
                return answer
        except OSError:
            if time.monotonic() > deadline:
                raise
        time.sleep(0.1)


def test_the_preview_survives_an_unexpected_error_shows_it_and_recovers(server, content, monkeypatch, capsys):
    reading = PreviewSite._read_and_link

    def failing(site):  # a bug that only some content sets off
        if "Crash" in (content.root / "events/forum/index.md").read_text(encoding="utf-8"):
            raise RuntimeError("something no one thought of")
        return reading(site)

    monkeypatch.setattr(PreviewSite, "_read_and_link", failing)
    content.event("forum", title="Crash", start="2027-03-10", summary="Soon.")
    status, page = wait_for(server, "/events/forum/", lambda status, _: status == 500)
    assert status == 500 and "The preview could not show the site" in page
    assert "RuntimeError: something no one thought of" in page
    said = [line for line in capsys.readouterr().err.splitlines() if "RuntimeError" in line]
    assert len(said) == 1 and "Traceback" not in said[0]
    assert said[0].startswith("The site could not be read: RuntimeError: something no one thought of at ")
    for title in ("The mended forum", "The forum, saved again"):  # the watcher still follows saves
        content.event("forum", title=title, start="2027-03-10", summary="Soon.")
        status, page = wait_for(server, "/events/forum/", lambda status, page, t=title: t in page)
        assert status == 200 and title in page


def test_a_deleted_file_s_page_is_gone_from_the_preview(server, content):
    assert get(server, "/events/forum/opening/")[0] == 200
    (content.root / "events/forum/sessions/opening.md").unlink()
    status, _ = wait_for(server, "/events/forum/opening/", lambda status, _: status != 200)
    assert status == 404
    assert "Opening" not in get(server, "/events/forum/")[1]


def test_a_calendar_that_fails_to_render_shows_the_error_not_an_empty_file(server, monkeypatch, capsys):
    import eventsite.generators

    def failing(*arguments):
        raise ValueError("no calendar today")

    calendar_file = eventsite.generators.calendar_file
    monkeypatch.setattr(eventsite.generators, "calendar_file", failing)
    for _ in range(2):  # and again: not an empty file the second time
        status, body = get(server, "/events/forum/calendar.ics")
        assert status == 500
        assert body.startswith("/events/forum/calendar.ics: ValueError: no calendar today at ")
    assert capsys.readouterr().err.count("ValueError: no calendar today") == 1  # said once
    assert get(server, "/events/forum/")[0] == 200  # the rest of the site is served
    monkeypatch.setattr(eventsite.generators, "calendar_file", calendar_file)
    status, body = get(server, "/events/forum/calendar.ics")
    assert status == 200 and body.startswith("BEGIN:VCALENDAR")


def test_a_second_preview_into_the_same_folder_refuses_at_once(content: ContentFolder, tmp_path: Path):
    from eventsite.output import lock_output, release_output

    content.event("forum")
    output = tmp_path / "output"
    lock_output(output)  # as a first preview, or a build, holds it
    try:
        command = [str(Path(sys.executable).with_name("invoke")), "serve", "--content", str(content.root)]
        command += ["--output", str(output), "--port", str(free_port())]
        result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=20)
    finally:
        release_output(output)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"Another build or preview is writing to {output}: stop it, or give this one another folder"
    ]


# --- setting up and everyday use: ports, closed tabs, editors' files -------------------


def serve_command(content: ContentFolder, output: Path, port: int) -> list[str]:
    """`invoke serve` for the content folder; without its first word, what invoke_here()
    takes, for the refusals of a port that come before the server starts (in this
    process: the same messages and exit code, without a new Python each). A lock held
    by another build must be held by another process: that test runs the command."""
    command = [str(Path(sys.executable).with_name("invoke")), "serve", "--content", str(content.root)]
    return command + ["--output", str(output), "--port", str(port)]


def test_a_port_in_use_is_one_line_that_suggests_another(content: ContentFolder, tmp_path: Path):
    content.event("forum")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = invoke_here(*serve_command(content, tmp_path / "output", port)[1:])
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"Port {port} is in use (another preview, or another program): "
        f"preview at another port, e.g. make serve PORT={port + 1} (or invoke serve --port {port + 1})"
    ]
    assert "Traceback" not in result.stdout + result.stderr
    assert not (tmp_path / "output").exists()  # refused before the site was read


def test_make_serve_passes_its_port_on():
    result = subprocess.run(["make", "-n", "serve", "PORT=8001"], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "invoke serve --port 8001" in result.stdout
    assert (
        "invoke serve --port 8000"
        in subprocess.run(["make", "-n", "serve"], cwd=REPO, capture_output=True, text=True).stdout
    )


def test_a_closed_browser_tab_leaves_no_traceback(content: ContentFolder, tmp_path: Path):
    """A tab listening for saves is closed; the next save must not print a traceback."""
    content.event("forum", title="The forum", start="2027-03-10", summary="Soon.")
    port = free_port()
    command = serve_command(content, tmp_path / "output", port)
    server = subprocess.Popen(command, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        wait_for(port, "/", lambda status, _: status == 200, seconds=60)
        for _ in range(3):  # tabs that listen, then are closed
            tab = socket.create_connection(("127.0.0.1", port), timeout=20)
            tab.sendall(b"GET /_preview/changes HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            assert b": connected" in tab.recv(4096)
            tab.close()
        listening, reloaded = threading.Event(), threading.Event()

        def open_tab() -> None:  # one tab still open: it hears of the save
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
            connection.request("GET", "/_preview/changes")
            response = connection.getresponse()
            while line := response.fp.readline():
                if line.startswith(b": connected"):
                    listening.set()
                if line.startswith(b"data:"):
                    reloaded.set()
                    return

        threading.Thread(target=open_tab, daemon=True).start()
        assert listening.wait(15), "the server never answered the open tab"
        content.event("forum", title="The forum, saved", start="2027-03-10", summary="Soon.")
        assert reloaded.wait(15), "the open tab was not told to reload"
        time.sleep(0.5)
    finally:
        server.terminate()
        out, err = server.communicate(timeout=10)
    assert "Traceback" not in out + err and "StreamClosedError" not in out + err, err


EDITORS_FILES = [
    ".index.md.swp",  # vim
    ".index.md.swx",
    "4913",  # vim, testing that it may write here
    "#index.md#",  # emacs's autosave
    ".#index.md",  # emacs's lock
    "index.md~",  # backups
    ".DS_Store",  # macOS
    "._index.md",
    ".~lock.programme.odt#",  # LibreOffice
    ".goutputstream-4XZ2Q1",  # GNOME
]


@pytest.mark.parametrize("name", EDITORS_FILES)
def test_editors_temporary_files_are_no_reason_to_read_the_site_again(name, tmp_path: Path, capsys):
    from watchfiles import Change

    from eventsite.preview import _changed, saved_file

    path = str(tmp_path / "content/events/forum" / name)
    assert not saved_file(Change.added, path)

    class Site:  # what _changed uses of a PreviewSite
        errors: list[str] = []
        refreshed = 0

        def refresh(self) -> None:
            self.refreshed += 1

    site, told = Site(), []
    _changed(site, {(Change.added, path), (Change.deleted, path)}, lambda: told.append(1), str(REPO / "plugins"))
    assert site.refreshed == 0 and told == [] and capsys.readouterr().out == ""


def test_the_terminal_says_which_files_were_saved_and_deleted(tmp_path: Path, capsys, monkeypatch):
    from watchfiles import Change

    from eventsite.preview import _changed, saved_file

    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "content/events/forum"
    folder.mkdir(parents=True)
    (folder / "index.md").write_text("saved", encoding="utf-8")
    assert saved_file(Change.modified, str(folder / "index.md"))

    class Site:
        errors: list[str] = []

        def refresh(self) -> None:
            pass

    changes = {
        (Change.modified, str(folder / "index.md")),
        (Change.deleted, str(folder / "index.md")),  # as editors save: delete, then write
        (Change.added, str(folder / ".index.md.swp")),
        (Change.added, str(folder / "#index.md#")),
        (Change.deleted, str(folder / "sessions/old.md")),
    }
    _changed(Site(), changes, lambda: None, str(REPO / "plugins"))
    assert capsys.readouterr().out.splitlines() == [
        "You saved content/events/forum/index.md and deleted content/events/forum/sessions/old.md: "
        "the preview shows the site as it is now."
    ]


def test_a_port_that_does_not_exist_is_one_line(content: ContentFolder, tmp_path: Path):
    content.event("forum")
    result = invoke_here(*serve_command(content, tmp_path / "output", 70000)[1:])
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "Port 70000 does not exist: choose one from 1024 to 65535, e.g. make serve PORT=8001"
    ]
