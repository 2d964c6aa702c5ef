"""The live preview behind `make serve`: fast enough to follow every save.

A full build renders every page; on a site of 100 events with 15 sessions each that
takes seconds. The preview instead keeps the site in memory: on every save it reads
the site again (only changed files are parsed again: see FrontMatterReader's cache)
and links it, which takes a fraction of a second, and renders a page only when a
browser asks for it. Browsers are told to reload by server-sent events.

While the content has mistakes, every page shows them, and the terminal too; the
next save that fixes them brings the site back. Drafts are shown, marked "Draft".
"""

from __future__ import annotations

import asyncio
import mimetypes
import os
import sys
import threading
from collections.abc import Callable
from functools import partial
from pathlib import Path

import jinja2
import jinja2.bccache
import tornado.web
from markupsafe import escape
from pelican import Pelican
from pelican.plugins import signals
from pelican.settings import read_settings
from pelican.writers import Writer

from .problems import ContentErrors, format_problems, problem_log

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


class LazyWriter(Writer):
    """Pelican's writer, recording what to write instead of writing it."""

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

    def defer(self, save_as: str, write: Callable[[], None]) -> None:
        self.pending[os.path.normpath(save_as)] = write


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
        self.pending: dict[str, Callable[[], None]] = {}
        self.errors: list[str] = []
        self.generation = 0
        self._lock = threading.Lock()

    def refresh(self) -> None:
        """Read and link the whole site again, as Pelican.run() does, but render nothing yet."""
        with self._lock:
            self.pending, self.errors = {}, []
            try:
                self.pending = self._read_and_link()
            except ContentErrors as stop:
                self.errors = stop.lines
            warnings = format_problems(sorted(set(problem_log(self.settings).warnings)), self.settings["PATH"])
            if warnings != self.warnings:
                self.warnings = warnings
                for line in warnings:
                    print(line, file=sys.stderr)
            self.generation += 1

    def _read_and_link(self) -> dict[str, Callable[[], None]]:
        pelican, settings = self.pelican, self.settings
        context = settings.copy()
        context.update(generated_content={}, static_links=set(), static_content={}, localsiteurl=settings["SITEURL"])
        generators = [
            cls(
                context=context,
                settings=settings,
                path=pelican.path,
                theme=pelican.theme,
                output_path=pelican.output_path,
            )
            for cls in pelican._get_generator_classes()
        ]
        for generator in generators:
            generator.generate_context()
        signals.all_generators_finalized.send(generators)  # stops here when the content has mistakes
        for generator in generators:
            if hasattr(generator, "refresh_metadata_intersite_links"):
                generator.refresh_metadata_intersite_links()
        writer = LazyWriter(str(self.output), settings)
        for generator in generators:
            generator.generate_output(writer)  # static files are copied now; pages wait
        return writer.pending

    def file_for(self, url_path: str) -> Path | None:
        """The output file for a URL path, written first if it was waiting; None if there is none."""
        relative = url_path.lstrip("/")
        if relative == "" or relative.endswith("/"):
            relative += "index.html"
        relative = os.path.normpath(relative)
        if relative.startswith(".."):
            return None
        with self._lock:
            write = self.pending.pop(relative, None)
            if write is not None:
                write()
        path = self.output / relative
        return path if path.is_file() else None

    def error_page(self) -> bytes:
        items = "".join(f"<li><code>{escape(line)}</code></li>" for line in self.errors)
        return (
            '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Content errors</title>'
            '<meta name="viewport" content="width=device-width, initial-scale=1"></head>'
            '<body style="font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem">'
            f"<h1>The site has {len(self.errors)} content error{'s' if len(self.errors) != 1 else ''}</h1>"
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
        self.write(": connected\n\n")  # sends the headers now: the browser knows it is listening
        await self.flush()
        while True:
            await self.settings["changed"].wait()
            if site.generation != seen:
                self.write(f"data: {site.generation}\n\n")
                await self.flush()
                return


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
        path = site.file_for(url_path)
        if path is None and not url_path.endswith("/") and site.file_for(url_path + "/") is not None:
            self.redirect(f"/{url_path}/")
            return
        if path is None:
            self.set_status(404)
            path = site.file_for("404.html")
            if path is None:
                self.finish("Not found")
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


def _watch(site: PreviewSite, folders: list[str], on_change: Callable[[], None], plugin_folder: str) -> None:
    """Read the site again after every change (watchfiles groups a burst of saves)."""
    from watchfiles import watch

    for changes in watch(*folders, debounce=200, step=20):
        if any(path.startswith(plugin_folder) and path.endswith(".py") for _, path in changes):
            print("The plugin's code changed: restarting the preview.", flush=True)
            os.execv(sys.executable, [sys.executable, *sys.argv])
        site.refresh()  # prints the errors, if any
        if not site.errors:
            print(f"Site read again: {', '.join(sorted(os.path.relpath(p) for _, p in changes))}", flush=True)
        on_change()


def serve(settings_file: str, content: str, output: str, host: str, port: int, watched: list[str]) -> None:
    """Serve the preview until Ctrl+C."""
    site = PreviewSite(settings_file, content, output)
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
        app.listen(port, address=host)
        loop = asyncio.get_running_loop()

        def notify() -> None:  # from the watching thread, into the server's loop
            def wake() -> None:
                changed.set()
                changed.clear()

            loop.call_soon_threadsafe(wake)

        plugin_folder = os.path.dirname(os.path.abspath(__file__))
        folders = [*watched, plugin_folder]
        threading.Thread(target=_watch, args=(site, folders, notify, plugin_folder), daemon=True).start()
        print(f"Preview at http://{host}:{port}/ — drafts shown. Ctrl+C to stop.", flush=True)
        await asyncio.Event().wait()

    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        print("Preview stopped.")
