"""The live preview behind `make serve`: fast enough to follow every save.

A full build renders every page; on a site of 100 events with 15 sessions each that
takes seconds. The preview instead keeps the site in memory: on every save it reads
the site again (only changed files are parsed again: see FrontMatterReader's cache)
and links it, which takes a fraction of a second, and renders a page only when a
browser asks for it. Browsers are told to reload by server-sent events.

While the content has mistakes, every page shows them, and the terminal too; the
next save that fixes them brings the site back. So with anything else that goes wrong
reading the site or rendering a page (a bug, a broken template): the preview shows
it, says it in one line, and keeps watching. It serves only what the site as last
read has: a deleted file's page is gone at once. Drafts are shown, marked "Draft".
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import mimetypes
import os
import re
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path

import jinja2
import jinja2.bccache
import tornado.httpserver
import tornado.web
from markupsafe import escape
from pelican import Pelican
from pelican.log import console
from pelican.plugins import signals
from pelican.settings import read_settings
from pelican.writers import Writer
from tornado.iostream import StreamClosedError
from tornado.netutil import bind_sockets

from .assets import fingerprinted_assets
from .output import OutputProblem, lock_output, release_output
from .problems import ContentErrors, format_problems, problem_log
from .site_files import SITE_FILES

RELOAD_SCRIPT = """(function () {
  var events = new EventSource("/_preview/changes");
  events.onmessage = function () { location.reload(); };
})();
"""
_SCRIPT_TAG = b'<script src="/_preview/reload.js"></script>'


class _MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates, kept between refreshes; a changed template has a new key."""

    def __init__(self) -> None:
        self._compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self._compiled:
            bucket.bytecode_from_string(self._compiled[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._compiled[bucket.key] = bucket.bytecode_to_string()


class PageFailed(Exception):
    """A page or file that could not be rendered: what to show instead of it."""

    def __init__(self, lines: list[str], unexpected: bool) -> None:
        super().__init__("\n".join(lines))
        self.lines, self.unexpected = lines, unexpected


def unexpected(doing: str, error: BaseException) -> str:
    """One line for an error that is not a content mistake (those have their own lines)."""
    where = ""
    frames = traceback.extract_tb(error.__traceback__)
    if frames:
        where = f" at {os.path.basename(frames[-1].filename)}:{frames[-1].lineno}"
        if frames[-1].filename.endswith(".html"):  # a template: the theme's line
            where = f" in the template {os.path.basename(frames[-1].filename)}, line {frames[-1].lineno}"
    message = " ".join(str(error).split()) or "(no message)"
    return f"{doing}: {type(error).__name__}: {message}{where} (the preview keeps watching: save to try again)"


class RecordingWriter(Writer):
    """Pelican's writer, recording what to write instead of writing it: a DeferringWriter
    (deferred.py), which the preview gives Pelican through signals.get_writer."""

    def __init__(self, output_path: str, settings: dict) -> None:
        super().__init__(output_path, settings=settings)
        self.pending: dict[str, Callable[[], None]] = {}
        self.renderer = Writer(output_path, settings)  # what the recorded jobs write with

    def write_file(self, name, template, context, relative_urls=False, paginated=None, *args, **kwargs):
        if paginated:  # a list over several pages: few, written now
            return Writer(self.output_path, self.settings).write_file(
                name, template, context, relative_urls, paginated, *args, **kwargs
            )
        render = partial(
            Writer(self.output_path, self.settings).write_file,
            name,
            template,
            context,
            relative_urls,
            paginated,
            *args,
            **kwargs,
        )
        self.defer(name, render)

    def defer(self, save_as: str, job: Callable[[], None]) -> None:
        self.pending[os.path.normpath(save_as)] = job


@contextlib.contextmanager
def _without_pelicans_summary() -> Iterator[None]:
    """Pelican.run() ends with a line on Pelican's console ("Done: Processed 2 articles…"),
    which is for builds: the preview says what was saved instead. Nothing else prints on
    that console here (Pelican's log goes to it only from the pelican command)."""
    quiet, console.quiet = console.quiet, True
    try:
        yield
    finally:
        console.quiet = quiet


class PreviewSite:
    """The site as the preview serves it: read and linked in memory, rendered on request."""

    def __init__(self, settings_file: str, content: str, output: str) -> None:
        override = {
            "PATH": os.path.abspath(content),
            "OUTPUT_PATH": os.path.abspath(output),
            "SHOW_DRAFTS": True,
            "EVENTSITE_READER_CACHE": True,
            "EVENTSITE_PRINT_WARNINGS": False,  # the preview prints them when they change
            "EVENTSITE_PREVIEW": True,
            "EVENTSITE_PRIVATE_OUTPUT": True,  # the preview holds the folder's lock itself
            "RELATIVE_URLS": True,
        }
        self.settings = read_settings(settings_file, override=override)
        # Templates compiled once, not for every generator of every refresh.
        self.settings["JINJA_ENVIRONMENT"] = {
            **self.settings["JINJA_ENVIRONMENT"],
            "bytecode_cache": _MemoryBytecodeCache(),
            "auto_reload": True,  # a template edited while the preview runs shows on the next page
        }
        self.warnings: list[str] = []
        self.pelican = Pelican(self.settings)
        self.output = Path(self.settings["OUTPUT_PATH"])
        lock_output(self.output, wait=0)  # one preview per folder: each removes what the other wrote
        # Pelican.run() reads, links and "writes" the site: with a writer that records
        # (signals.get_writer, for this Pelican only); the context is kept for its static files.
        self._writers: list[RecordingWriter] = []
        self._contexts: list[dict] = []
        signals.get_writer.connect(self._recording_writer, sender=self.pelican)
        signals.all_generators_finalized.connect(self._keep_context)
        self.pending: dict[str, Callable[[], None]] = {}
        self.served: set[str] = set()  # what the site as last read has, relative to the output folder
        self.errors: list[str] = []
        self.unexpected = False  # the errors are not content mistakes
        self._said: set[str] = set()  # errors of pages already printed in the terminal
        self.generation = 0
        self._lock = threading.Lock()

    def close(self) -> None:
        """Let go of the output folder's lock (else held until the process ends)."""
        release_output(self.output)

    def refresh(self) -> None:
        """Read and link the whole site again, as Pelican.run() does, but render nothing yet."""
        with self._lock:
            self.pending, self.served, self.errors, self._said = {}, set(), [], set()
            self.unexpected = False
            try:
                self.pending, self.served = self._read_and_link()
            except ContentErrors as stop:
                self.errors = stop.lines
            except OutputProblem as problem:  # said in the terminal by the build (see configure)
                self.errors, self.unexpected = [problem.line], True
            except Exception as error:  # not a content mistake: a bug, or the machine
                self.errors, self.unexpected = [unexpected("The site could not be read", error)], True
                print(self.errors[0], file=sys.stderr, flush=True)
            warnings = format_problems(sorted(set(problem_log(self.settings).warnings)), self.settings["PATH"])
            if warnings != self.warnings:
                self.warnings = warnings
                for line in warnings:
                    print(line, file=sys.stderr)
            self.generation += 1

    def _recording_writer(self, pelican) -> type[RecordingWriter]:
        """signals.get_writer: the class Pelican makes this preview's writer of."""
        made = self._writers

        class Recording(RecordingWriter):
            def __init__(self, output_path: str, settings: dict) -> None:
                super().__init__(output_path, settings)
                made.append(self)

        return Recording

    def _keep_context(self, generators) -> None:
        """signals.all_generators_finalized, of any build in this process: this one's context."""
        if generators and generators[0].settings is self.settings:
            self._contexts.append(generators[0].context)

    def _read_and_link(self) -> tuple[dict[str, Callable[[], None]], set[str]]:
        """Pelican.run(), with the recording writer: what each file's job is, and what the site has."""
        written: list[str] = []  # lists over several pages, written now

        def note(path, **_) -> None:
            written.append(os.path.relpath(path, self.output))

        self._writers.clear()
        self._contexts.clear()
        signals.content_written.connect(note)
        try:
            with _without_pelicans_summary():
                self.pelican.run()  # stops at all_generators_finalized when the content has mistakes
        finally:
            signals.content_written.disconnect(note)
        (writer,) = self._writers
        (context,) = self._contexts
        served = {*writer.pending, *map(os.path.normpath, written)}
        served.update(os.path.normpath(s.save_as) for s in context.get("staticfiles", []))
        served.update(fingerprinted_assets(self.pelican.theme).values())
        return writer.pending, served

    @staticmethod
    def _relative(url_path: str) -> str | None:
        relative = url_path.lstrip("/")
        if relative == "" or relative.endswith("/"):
            relative += "index.html"
        relative = os.path.normpath(relative)
        return None if relative.startswith("..") else relative

    def has(self, url_path: str) -> bool:
        """Whether the site as last read has something at a URL path (without rendering it)."""
        return self._relative(url_path) in self.served

    def file_for(self, url_path: str) -> Path | None:
        """The output file for a URL path, written first if it was waiting; None if there is none.
        Raises PageFailed if it could not be written."""
        relative = self._relative(url_path)
        if relative is None:
            return None
        with self._lock:
            if relative not in self.served:  # e.g. the page of a file deleted since it was shown
                return None
            write = self.pending.get(relative)
            if write is not None:
                self._render(relative, write)
        path = self.output / relative
        if os.path.commonpath([os.path.realpath(path), os.path.realpath(self.output)]) != os.path.realpath(self.output):
            return None  # a link out of the output folder: nothing from outside the site is served
        return path if path.is_file() else None

    def _render(self, relative: str, write: Callable[[], None]) -> None:
        """Write a waiting page; on failure, nothing is left of it and it stays waiting."""
        try:
            write()
        except (Exception, ContentErrors) as error:
            with contextlib.suppress(OSError):
                os.unlink(self.output / relative)  # never serve what was half written
            lines = error.lines if isinstance(error, ContentErrors) else [unexpected(f"/{relative}", error)]
            for line in lines:
                if line not in self._said:
                    self._said.add(line)
                    print(line, file=sys.stderr, flush=True)
            raise PageFailed(lines, not isinstance(error, ContentErrors)) from None
        del self.pending[relative]

    def error_page(self, errors: list[str] | None = None, unexpected: bool | None = None) -> bytes:
        errors = self.errors if errors is None else errors
        unexpected = self.unexpected if unexpected is None else unexpected
        count = f"{len(errors)} content error{'s' if len(errors) != 1 else ''}"
        heading = "The preview could not show the site" if unexpected else f"The site has {count}"
        items = "".join(f"<li><code>{escape(line)}</code></li>" for line in errors)
        return (
            '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Content errors</title>'
            '<meta name="viewport" content="width=device-width, initial-scale=1"></head>'
            '<body style="font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem">'
            f"<h1>{heading}</h1>"
            "<p>Fix them and save: this page reloads by itself.</p>"
            f'<ul style="line-height: 1.6">{items}</ul></body></html>'
        ).encode()


class _ChangesHandler(tornado.web.RequestHandler):
    """Server-sent events: one message each time the site was read again."""

    async def get(self) -> None:
        site: PreviewSite = self.settings["site"]
        self.set_header("Content-Type", "text/event-stream")
        self.set_header("Cache-Control", "no-store")
        seen = site.generation
        try:
            self.write(": connected\n\n")  # sends the headers now: the browser knows it is listening
            await self.flush()
            while True:
                await self.settings["changed"].wait()
                if site.generation != seen:
                    self.write(f"data: {site.generation}\n\n")
                    await self.flush()
                    return
        except StreamClosedError:  # the tab was closed or reloaded: nothing to tell it
            pass


class _ReloadScriptHandler(tornado.web.RequestHandler):
    def get(self) -> None:
        self.set_header("Content-Type", "text/javascript")
        self.write(RELOAD_SCRIPT)


class _PageHandler(tornado.web.RequestHandler):
    def get(self, url_path: str) -> None:
        site: PreviewSite = self.settings["site"]
        self.set_header("Cache-Control", "no-store")
        is_page = url_path == "" or url_path.endswith(("/", ".html"))
        if site.errors and is_page:
            self.set_status(500)
            self._send_html(site.error_page())
            return
        try:
            path = site.file_for(url_path)
            if path is None and not url_path.endswith("/") and site.has(url_path + "/"):
                self.redirect(f"/{url_path}/")
                return
            if path is None:
                self.set_status(404)
                path = site.file_for(SITE_FILES["404"].save_as)
                if path is None:
                    self.finish("Not found")
                    return
        except PageFailed as failed:
            self.set_status(500)
            if is_page:
                self._send_html(site.error_page(failed.lines, failed.unexpected))
            else:  # a calendar or a feed: the error, never an empty file
                self.set_header("Content-Type", "text/plain; charset=utf-8")
                self.finish("\n".join(failed.lines) + "\n")
            return
        data = path.read_bytes()
        if path.suffix == ".html":
            self._send_html(data)
        else:
            self.set_header("Content-Type", mimetypes.guess_type(path.name)[0] or "application/octet-stream")
            self.finish(data)

    def head(self, url_path: str) -> None:  # link checkers ask before they get; tornado sends no body
        self.get(url_path)

    def _send_html(self, html: bytes) -> None:
        self.set_header("Content-Type", "text/html; charset=utf-8")
        if b"</body>" in html:
            html = html.replace(b"</body>", _SCRIPT_TAG + b"</body>", 1)
        self.finish(html)


def _watch(
    site: PreviewSite,
    folders: list[str],
    on_change: Callable[[], None],
    plugin_folder: str,
    stop: threading.Event | None = None,
) -> None:
    """Read the site again after every change (watchfiles groups a burst of saves), come
    what may: an error is said in one line, and the watching goes on (until `stop`)."""
    from watchfiles import watch

    while stop is None or not stop.is_set():
        try:
            for changes in watch(*folders, watch_filter=saved_file, debounce=200, step=20, stop_event=stop):
                _changed(site, changes, on_change, plugin_folder)
        except Exception as error:
            print(unexpected("Watching for saves", error), file=sys.stderr, flush=True)
            time.sleep(1)


# What editors and systems leave beside the files they save (vim's .name.swp and its
# 4913 test file, emacs's #name# and .#name, name~ backups, macOS's .DS_Store,
# LibreOffice's .~lock.name#, GNOME's .goutputstream-…): never a reason to read the site
# again, and never named as a change.
_EDITOR_FILES = re.compile(
    r"""(?x) ^\..*\.s[a-w][a-z]$ | ^\.?\#.*$ | ~$ | ^4913$ | ^\.DS_Store$ | ^\._ | ^Thumbs\.db$
    | ^\.~lock\..*\#$ | ^\.goutputstream- | ^flycheck_ | \.(tmp|bak|orig|swp)$ | \.___jb_...___$"""
)
_NOT_WATCHED_FOLDERS = {"__pycache__", ".git", ".hg", ".svn", ".venv", "node_modules", ".pytest_cache"}


def editor_file(path: str) -> bool:
    """Whether a path is a temporary or backup file of an editor or a system, not content."""
    return bool(_EDITOR_FILES.search(os.path.basename(path)))


def saved_file(change, path: str) -> bool:
    """watchfiles' filter: a change worth reading the site again for."""
    parts = set(Path(path).parts)
    return not (editor_file(path) or parts & _NOT_WATCHED_FOLDERS or path.endswith((".pyc", ".pyo")))


def what_was_done(changes) -> str:
    """ "You saved a.md and deleted b.md", from watchfiles' changes."""
    from watchfiles import Change

    gone = {p for change, p in changes if change == Change.deleted and not os.path.exists(p)}
    deleted = sorted(os.path.relpath(p) for p in gone)
    saved = sorted({os.path.relpath(p) for _, p in changes if p not in gone})  # a save may delete, then add
    done = [f"{verb} {', '.join(paths)}" for verb, paths in (("saved", saved), ("deleted", deleted)) if paths]
    return "You " + " and ".join(done)


def _changed(site: PreviewSite, changes, on_change: Callable[[], None], plugin_folder: str) -> None:
    changes = {(change, path) for change, path in changes if saved_file(change, path)}
    if not changes:
        return
    if any(path.startswith(plugin_folder) and path.endswith(".py") for _, path in changes):
        print("The plugin's code changed: restarting the preview.", flush=True)
        os.execv(sys.executable, [sys.executable, *sys.argv])
    try:
        site.refresh()  # prints the errors, if any
        if not site.errors:
            print(f"{what_was_done(changes)}: the preview shows the site as it is now.", flush=True)
    finally:
        on_change()


def port_problem(host: str, port: int, error: OSError) -> str:
    """One line for a port the preview cannot listen at, suggesting one that may do."""
    other = port + 1 if port < 65535 else 8001
    suggestion = f"preview at another port, e.g. make serve PORT={other} (or invoke serve --port {other})"
    if error.errno == errno.EADDRINUSE:
        return f"Port {port} is in use (another preview, or another program): {suggestion}"
    if error.errno == errno.EACCES:
        return f"Port {port} is reserved for the system: {suggestion}"
    return f"Cannot listen at {host}:{port}: {error.strerror or error}: {suggestion}"


def serve(
    settings_file: str,
    content: str,
    output: str,
    host: str,
    port: int,
    watched: list[str],
    stop: threading.Event | None = None,
) -> None:
    """Serve the preview until Ctrl+C, or until `stop` is set: that is for running it
    inside another program (the tests), whose own code changes are then not followed
    by a restart."""
    if not 0 < port < 65536:
        print(f"Port {port} does not exist: choose one from 1024 to 65535, e.g. make serve PORT=8001", file=sys.stderr)
        raise SystemExit(1)
    try:
        sockets = bind_sockets(port, address=host)  # first: a port in use is said at once
    except OSError as error:
        print(port_problem(host, port, error), file=sys.stderr)
        raise SystemExit(1) from None
    try:
        site = PreviewSite(settings_file, content, output)
    except OutputProblem as problem:
        print(problem.line, file=sys.stderr)
        for bound in sockets:
            bound.close()
        raise SystemExit(1) from None
    site.refresh()

    async def main() -> None:
        changed = asyncio.Event()
        app = tornado.web.Application(
            [
                (r"/_preview/changes", _ChangesHandler),
                (r"/_preview/reload.js", _ReloadScriptHandler),
                (r"/(.*)", _PageHandler),
            ],
            site=site,
            changed=changed,
        )
        server = tornado.httpserver.HTTPServer(app)
        server.add_sockets(sockets)
        loop = asyncio.get_running_loop()

        def notify() -> None:  # from the watching thread, into the server's loop
            def wake() -> None:
                changed.set()
                changed.clear()

            loop.call_soon_threadsafe(wake)

        plugin_folder = os.path.dirname(os.path.abspath(__file__))
        folders = [*watched, plugin_folder] if stop is None else watched
        watching = threading.Thread(target=_watch, args=(site, folders, notify, plugin_folder, stop), daemon=True)
        watching.start()
        print(f"Preview at http://{host}:{port}/ — drafts shown. Ctrl+C to stop.", flush=True)
        if stop is None:
            await asyncio.Event().wait()
        await loop.run_in_executor(None, stop.wait)
        server.stop()
        await loop.run_in_executor(None, watching.join)

    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        print("Preview stopped.")
    finally:
        site.close()
