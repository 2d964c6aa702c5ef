"""The live preview: follows saves, shows content errors in the browser, shows drafts."""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from sitebuild import REPO, ContentFolder

sys.path.insert(0, str(REPO / "plugins"))
from eventsite.preview import PreviewSite  # noqa: E402


@pytest.fixture
def preview(content: ContentFolder, tmp_path: Path, monkeypatch) -> PreviewSite:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")
    content.event("forum", title="The forum", start="2027-03-10", summary="Soon.")
    content.session("forum", "opening", title="Opening", start="2027-03-10 09:00")
    site = PreviewSite(str(REPO / "pelicanconf.py"), str(content.root), str(tmp_path / "output"))
    site.refresh()
    return site


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

        def wait_for_reload(signal: threading.Event) -> None:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
            connection.request("GET", "/_preview/changes")
            response = connection.getresponse()
            while line := response.fp.readline():  # raw lines: chunk sizes come between them
                if line.startswith(b"data:"):
                    signal.set()
                    return

        reloaded = threading.Event()
        threading.Thread(target=wait_for_reload, args=(reloaded,), daemon=True).start()
        time.sleep(0.5)
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
