"""eventsite: events, sessions, campaigns and organisations for Pelican.

register() only connects signals; each handler says which step of a build it is.
"""

from __future__ import annotations

import atexit
import errno
import gc
import os
import shutil
import sys
from pathlib import Path

from pelican import signals
from pelican.readers import MarkdownReader
from pelican.utils import clean_output_dir

from .generators import SITE_KEY, EventSiteGenerator
from .i18n import catalog, install
from .output import (
    WAIT_SECONDS,
    OutputProblem,
    cannot_write,
    check_writable,
    keep_old_files,
    lock_output,
    release_output,
    remove_leftovers,
    replace_folder,
    staging_folder,
)
from .parallel import worker_count
from .presentation import template_helpers
from .problems import ContentChecked, print_warnings, problem_log, start_problem_log, stop_build
from .reader import FrontMatterReader, load_reader_cache, read_ahead, save_reader_cache
from .search import index_after_writing
from .security import EDITORS_LITTER, refused_files
from .settings import DEFAULTS, check_build_settings

_DEFERRED_DELETE = "EVENTSITE_DELETE_OUTPUT"


def configure(pelican) -> None:
    """For each Pelican (each build): our defaults, checked settings, a safe output delete. The time
    zones come from the pinned tzdata (zones.py), without changing zoneinfo's search path."""
    for key, value in DEFAULTS.items():
        pelican.settings.setdefault(key, value)
    ignored = pelican.settings["IGNORE_FILES"]
    pelican.settings["IGNORE_FILES"] = [*ignored, *(name for name in EDITORS_LITTER if name not in ignored)]
    check_build_settings(pelican.settings)  # SITEURL and SOURCE_DATE_EPOCH, before anything is read
    # Pelican empties the output folder before reading; we do it only once the content
    # has passed every check, so a mistake never leaves visitors with no site.
    pelican.settings[_DEFERRED_DELETE] = pelican.delete_outputdir
    pelican.delete_outputdir = False
    if pelican.settings.get("EVENTSITE_PERSISTENT_CACHE"):
        load_reader_cache(pelican.settings)
    pelican.run = _one_build_at_a_time(pelican, pelican.run)


def _one_build_at_a_time(pelican, run):
    """Pelican.run, holding the output folder's lock (see output.py), and saying in one
    line, without a traceback, when the folder cannot be written (read-only, disk full).

    EVENTSITE_PRIVATE_OUTPUT: the caller made the folder for this build alone (invoke
    publish and check --site, which hold the lock of the folder they will replace); its
    value may name the folder to speak of in messages."""

    def guarded_run() -> None:
        settings = pelican.settings
        output, locked, staging = settings["OUTPUT_PATH"], False, None
        try:
            if not settings.get("EVENTSITE_PRIVATE_OUTPUT"):
                locked = lock_output(output, settings.get("EVENTSITE_LOCK_WAIT", WAIT_SECONDS))
                remove_leftovers(Path(os.path.realpath(output)))  # of a build that was killed
                # Into a new folder, swapped in at the end: a failure leaves the previous site.
                staging = staging_folder(output, settings["PATH"], settings["OUTPUT_RETENTION"])
            if staging is not None:
                pelican.output_path = settings["OUTPUT_PATH"] = str(staging)
            run()
            if staging is not None:
                previous = Path(os.path.realpath(output))
                if not settings.get(_DEFERRED_DELETE) and previous.is_dir():
                    keep_old_files(previous, staging)  # what a build in place would have left there
                replace_folder(staging, previous)  # staging now holds the previous site
        except OutputProblem as problem:
            print(problem.line, file=sys.stderr)
            raise
        except OSError as error:
            if not _is_writing(error, staging or output) and not _is_writing(error, output):
                raise
            private = settings.get("EVENTSITE_PRIVATE_OUTPUT")
            problem = cannot_write(private if isinstance(private, str) else output, error, staging or output)
            if staging is not None:
                print(f"{problem.line}; the previous site is left as it was", file=sys.stderr)
            elif private:
                print(problem.line, file=sys.stderr)
            else:
                print(f"{problem.line}; the site there is incomplete: build again once fixed", file=sys.stderr)
            raise problem from None
        finally:
            if staging is not None:
                pelican.output_path = settings["OUTPUT_PATH"] = output
                shutil.rmtree(staging, ignore_errors=True)
            if locked:
                release_output(output)

    return guarded_run


_FULL_OR_READ_ONLY = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EROFS}


def _is_writing(error: OSError, output: str) -> bool:
    """An error writing into the output folder, not one reading the content."""
    if error.filename is None:
        return error.errno in _FULL_OR_READ_ONLY  # a write that failed midway names no file
    output = os.path.realpath(output)
    return os.path.commonpath([output, os.path.realpath(error.filename)]) == output


def skip_the_last_collection() -> None:
    """At exit: Python's last garbage collection would walk every object left, here the
    whole site (about 0.2 s at 1,600 files), for memory the system takes back anyway.
    Frozen objects are left out of it; our files are closed where they are written.
    The one thing the plugin leaves to the end of the process (register())."""
    gc.freeze()


def keep_readings(pelican) -> None:
    """After a build that keeps a cache: its readings, for the next build."""
    if pelican.settings.get("EVENTSITE_PERSISTENT_CACHE"):
        save_reader_cache(pelican.settings)


def use_front_matter_reader(readers) -> None:
    """Markdown with YAML front matter is the only content format."""
    for extension in list(readers.reader_classes):
        if extension != "static":  # the reader Pelican copies attachments with
            readers.reader_classes[extension] = None
    readers.reader_classes["md"] = FrontMatterReader


def forget_pelicans_markdown_reader(generator) -> None:
    """Ours reads Markdown: Pelican's own reader, disabled without Python-Markdown, must not
    warn about every .md file it sees ("Could not import 'markdown.Markdown'")."""
    for extension in MarkdownReader.file_extensions:
        generator.readers.disabled_readers.pop(extension, None)


def add_generator(pelican):
    """The first signal of every build: start its problem log, refuse links out of the
    content folder, read ahead, add our generator."""
    log = start_problem_log(pelican.settings)
    refuse_links_out(pelican.settings, log)
    if not pelican.settings.get("EVENTSITE_READER_CACHE"):  # the preview reads as it goes
        read_ahead(pelican.settings, worker_count(pelican.settings))
    return EventSiteGenerator


def refuse_links_out(settings: dict, log) -> None:
    """Before any generator walks or reads the content folder: Pelican follows every link,
    so one to /proc/self/environ or to / would be read, walked or published."""
    for source, what, fix in refused_files(settings["PATH"], settings["IGNORE_FILES"]):
        log.add(source, "file", what, fix)
    if len(log):
        stop_build(log, settings["PATH"], preview=settings.get("EVENTSITE_PREVIEW", False), run=_run(settings))


def add_template_helpers(generator) -> None:
    """Our filters and globals, and gettext (`_()`, `{% trans %}`) in the default language, on
    every generator's templates: Pelican's news and pages too (i18n.py)."""
    settings = generator.settings
    filters, helpers = template_helpers(settings)
    generator.env.filters.update(filters)
    generator.env.globals.update(helpers)
    default = settings.get("DEFAULT_LANG", "en")
    install(generator.env, catalog(settings["THEME"], default, default, problem_log(settings)))


def place_attachments(static_generator) -> None:
    """Pelican's static reader has found the attachments; ours decides where they go."""
    generator = static_generator.context.get(SITE_KEY)
    if generator is not None:
        generator.place_attachments(static_generator)


def _run(settings: dict) -> str:
    """What the editor ran, as stop_build words its last line."""
    if settings.get("EVENTSITE_CHECK_ONLY"):
        return "check"
    return "quiet" if settings.get("EVENTSITE_QUIET_STOP") else "build"


def stop_on_problems(generators) -> None:
    """After everything is read and linked, before anything is written."""
    settings = generators[0].settings
    log = problem_log(settings)
    if settings.get("EVENTSITE_PRINT_WARNINGS", True):
        print_warnings(log, settings["PATH"])
    if len(log):
        stop_build(log, settings["PATH"], preview=settings.get("EVENTSITE_PREVIEW", False), run=_run(settings))
    if settings.get("EVENTSITE_CHECK_ONLY"):
        print("All content passed the checks.")
        print_translations(generators, settings)
        raise ContentChecked
    check_writable(settings["OUTPUT_PATH"])  # before anything is deleted or written
    if settings.get(_DEFERRED_DELETE):
        output, content = os.path.realpath(settings["OUTPUT_PATH"]), os.path.realpath(settings["PATH"])
        if os.path.commonpath([output, content]) != output:  # never delete the content
            clean_output_dir(settings["OUTPUT_PATH"], settings["OUTPUT_RETENTION"])


def print_translations(generators, settings: dict) -> None:
    """invoke check: per language of the site, what is not translated or out of date (translations.py).
    EVENTSITE_TRANSLATIONS_LISTED: a language whose missing files are all named, not the first few."""
    from .settings import site_languages
    from .translations import report

    generator = generators[0].context.get(SITE_KEY)
    languages = site_languages(settings)
    if generator is None or len(languages) < 2:
        return
    for language in report(generator.site, languages, settings["PATH"]):
        print(language.line(all_missing=settings.get("EVENTSITE_TRANSLATIONS_LISTED") == language.lang))


def register() -> None:
    """Pelican calls it for each Pelican it makes: what it connects or registers, it does
    once a process (blinker connects a receiver once; atexit is told to forget it first)."""
    atexit.unregister(skip_the_last_collection)
    atexit.register(skip_the_last_collection)
    signals.initialized.connect(configure)
    signals.readers_init.connect(use_front_matter_reader)
    signals.get_generators.connect(add_generator)
    signals.generator_init.connect(forget_pelicans_markdown_reader)
    signals.generator_init.connect(add_template_helpers)
    signals.static_generator_finalized.connect(place_attachments)
    signals.all_generators_finalized.connect(stop_on_problems)
    signals.finalized.connect(keep_readings)
    signals.finalized.connect(index_after_writing)  # the search index, of the written pages
