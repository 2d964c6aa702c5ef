"""Commands for working on the site, run as `.venv/bin/invoke <command>`.

invoke serve          preview the site, following every save (--port, default 8000)
invoke build          build output/ with the development settings
invoke preview        build output/ with the publishing settings
invoke clean          remove output/
invoke check          check all content, writing nothing
invoke check --site   build with the publishing settings into a temporary folder and check the site
invoke new            create an event, session, campaign, organisation or news file
invoke docs           regenerate docs/reference.md from the schema
invoke translations   extract the interface's words and update theme/translations/<lang>/…/messages.po
invoke publish        build, check, swap into output/ and deploy (see docs/deploying.md)
invoke screenshots    take the README's pictures again
invoke audit          Lighthouse's scores of the built site, into bench/README.md
"""

import json
import os
import shlex
import shutil
import sys
import tempfile
from pathlib import Path

from invoke import Exit, task

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "plugins"))

from pelican import main as pelican_main  # noqa: E402
from pelican.settings import DEFAULT_CONFIG, get_settings_from_file  # noqa: E402

SETTINGS_FILE_BASE = str(HERE / "pelicanconf.py")
SETTINGS_FILE_PUBLISH = str(HERE / "publishconf.py")
SETTINGS = {**DEFAULT_CONFIG, **get_settings_from_file(SETTINGS_FILE_BASE)}

CONFIG = {
    "content": str(HERE / SETTINGS["PATH"]),
    "output": str(HERE / SETTINGS["OUTPUT_PATH"]),
    "host": "127.0.0.1",
    "port": 8000,
}


# For a folder made for one build alone: no lock (see plugins/eventsite/output.py).
PRIVATE_OUTPUT = "EVENTSITE_PRIVATE_OUTPUT=true"


def private_output(shown_as: str | None) -> str:
    """PRIVATE_OUTPUT, naming the folder that messages speak of (the one it will replace)."""
    return PRIVATE_OUTPUT if shown_as is None else f"EVENTSITE_PRIVATE_OUTPUT={json.dumps(shown_as)}"


def pelican_run(*arguments: str) -> None:
    """Run Pelican in this process; a content error raises ContentErrors (a SystemExit)."""
    pelican_main(list(arguments))


@task
def clean(c):
    """Remove the generated site."""
    shutil.rmtree(CONFIG["output"], ignore_errors=True)


@task
def build(c, content=CONFIG["content"], output=CONFIG["output"]):
    """Build the site into output/ with the development settings."""
    pelican_run(content, "-o", output, "-s", SETTINGS_FILE_BASE)


@task
def preview(c, content=CONFIG["content"], output=CONFIG["output"]):
    """Build the site into output/ with the publishing settings."""
    pelican_run(content, "-o", output, "-s", SETTINGS_FILE_PUBLISH)


@task(help={"port": "the port to listen at, 8000 unless given (make serve PORT=8001)"})
def serve(c, content=CONFIG["content"], output=str(HERE / ".preview"), port=CONFIG["port"]):
    """Preview the site at http://127.0.0.1:PORT/, following every save; drafts shown.

    It renders into its own folder, never output/, which holds what is published
    (docs/editing.md)."""
    from eventsite.preview import serve as serve_preview

    watched = [content, str(HERE / SETTINGS["THEME"]), SETTINGS_FILE_BASE]
    serve_preview(SETTINGS_FILE_BASE, content, output, CONFIG["host"], int(port), watched)


def _publish_settings() -> dict:
    return {**DEFAULT_CONFIG, **get_settings_from_file(SETTINGS_FILE_PUBLISH)}


def _check_publish_settings(settings: dict, deploying: bool) -> None:
    """Mistakes in the settings stop a publish before anything is built or replaced."""
    from eventsite.urls import site_url_line, site_url_problem

    if problem := site_url_problem(settings["SITEURL"], required=True):  # as every build checks it, and not empty
        raise Exit(site_url_line(settings["SITEURL"], problem))
    if not deploying:
        return
    method, target = settings["DEPLOY_METHOD"], settings["DEPLOY_TARGET"]
    if method not in ("rsync", "github-pages", "none"):
        raise Exit(f"DEPLOY_METHOD is {method!r}: use rsync, github-pages or none")
    if method == "rsync" and not target:
        raise Exit("DEPLOY_METHOD is rsync but DEPLOY_TARGET is empty (e.g. user@host:/var/www/site/)")


def _build_and_check(content: str, folder: str, outcome: str, command: str, shown_as: str | None = None) -> None:
    """Build with the publishing settings into `folder`, then check the result; Exit on failure."""
    from eventsite.output import OutputProblem
    from eventsite.problems import ContentErrors, count_errors
    from eventsite.site_checks import check_site, html_checker_missing
    from eventsite.urls import absolute_site_url

    quiet = "EVENTSITE_QUIET_STOP=true"  # the last line is this command's, below
    try:
        pelican_run(content, "-o", folder, "-s", SETTINGS_FILE_PUBLISH, "-e", private_output(shown_as), quiet)
    except ContentErrors as stop:
        errors = count_errors(len(stop.lines))
        raise Exit(f"{outcome}: {errors}, listed above. Fix them and run {command} again.", code=1) from None
    except OutputProblem:  # its line is printed
        raise Exit(f"{outcome}.", code=1) from None
    if missing := html_checker_missing():  # the content is right, but the site cannot be checked
        raise Exit(f"{outcome}: its content is right, but {missing}.", code=1)
    problems = check_site(Path(folder), absolute_site_url(_publish_settings()))
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        raise Exit(f"{outcome}: the site check found {len(problems)} problem(s), listed above.", code=1)


@task(help={"translations": "a language (e.g. fr) whose missing translations to list in full"})
def check(c, site=False, translations=None, content=CONFIG["content"]):
    """Check all content, writing nothing; --site: build the site and check it too.

    The content check ends with a line per language of the site (LANGUAGES): what is not
    translated yet and which translations are older than their original's last change."""
    from eventsite.problems import ContentErrors

    if not site:
        listed = [f"EVENTSITE_TRANSLATIONS_LISTED={json.dumps(translations)}"] if translations else []
        with tempfile.TemporaryDirectory(prefix="content-check-") as unused_output:
            try:
                pelican_run(
                    content,
                    "-o",
                    unused_output,
                    "-s",
                    SETTINGS_FILE_BASE,
                    "-e",
                    "EVENTSITE_CHECK_ONLY=true",
                    PRIVATE_OUTPUT,
                    *listed,
                )
            except ContentErrors:
                raise Exit(code=1) from None
            except SystemExit as done:  # ContentChecked: the content passed
                if done.code:
                    raise
        return
    _check_publish_settings(_publish_settings(), deploying=False)
    with tempfile.TemporaryDirectory(prefix="site-check-") as folder:
        _build_and_check(content, folder, "The site did not pass", "invoke check --site")
    print("The site passed every check.")


def deploy(c, output: Path, settings: dict) -> None:
    method, target = settings["DEPLOY_METHOD"], settings["DEPLOY_TARGET"]
    if method == "rsync":
        # --delay-updates --delete-after: the new files appear together, at the end;
        # --chmod: readable by the web server, whatever the modes here
        c.run(
            f"rsync -a --chmod=D755,F644 --delete --checksum --delay-updates --delete-after "
            f"{shlex.quote(str(output))}/ {shlex.quote(target)}"
        )
    elif method == "github-pages":
        c.run(f"ghp-import --no-jekyll --push --force --branch gh-pages {shlex.quote(str(output))}")


@task
def publish(c, content=CONFIG["content"], output=CONFIG["output"]):
    """Build with publishconf.py, check it, put it in output/ and deploy it."""
    from eventsite.output import (
        OutputProblem,
        lock_output,
        make_readable,
        new_folder_prefix,
        release_output,
        remove_leftovers,
        replace_folder,
    )

    settings = _publish_settings()
    _check_publish_settings(settings, deploying=True)
    output_path = Path(output).resolve()
    try:
        output_path.parent.mkdir(parents=True, exist_ok=True)
        lock_output(output_path)  # until the site is deployed: one publish or build at a time
        remove_leftovers(output_path)  # of a publish that was killed
        folder = Path(tempfile.mkdtemp(prefix=new_folder_prefix(output_path), dir=output_path.parent))
    except OutputProblem as problem:
        raise Exit(problem.line) from None
    except OSError as error:
        raise Exit(f"cannot write to {output_path.parent}: {error.strerror}") from None
    try:
        try:
            _build_and_check(content, str(folder), "Nothing was published", "invoke publish", str(output_path))
            make_readable(folder)  # mkdtemp made it 0700, and the umask decides the rest
            replace_folder(folder, output_path)  # folder now holds the previous site
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        deploy(c, output_path, settings)
    finally:
        release_output(output_path)
    print(f"Published {output_path}.")


@task(
    positional=["kind", "title"],
    help={
        "kind": "event, session, campaign, organization or news",
        "title": "the title, in quotes (with --lang: the slug of what to translate)",
        "event": "the event's slug: a session's event (required), or a news item's",
        "start": "an event's first day, YYYY-MM-DD",
        "lang": "a translation: KIND SLUG --lang fr writes <name>.fr.md beside the original, to translate",
    },
)
def new(c, kind, title, start=None, event=None, lang=None, content=CONFIG["content"]):
    """Create an event, session, campaign, organization, news, person or series file (never overwrites one).

    invoke new event "Title" [--start YYYY-MM-DD], new session --event EVENT-SLUG "Title",
    new campaign "Title", new organization "Title", new news "Title" [--event SLUG],
    new person "Name", new series "Title".
    Both words are needed; a title of several words goes in quotes.
    A translation: invoke new event SLUG --lang fr (a session: --event EVENT-SLUG too) writes
    index.fr.md or SLUG.fr.md beside the original, a draft holding its words to translate."""
    from datetime import date

    from eventsite.clock import BadSourceDateEpoch, build_moment
    from eventsite.scaffold import KINDS, ScaffoldError, events_list, is_event, new_content

    if lang is not None:
        _new_translation(kind, title, lang, event, Path(content))
        return
    if kind not in KINDS:
        said = f'"{kind}" is not something to create' if kind else "Say what to create"
        raise Exit(f'{said}: invoke new {" | ".join(KINDS)} "Title", e.g. invoke new event "Media Freedom Forum"')
    said = f"{kind} --event {event}" if event else kind  # as the command was given, for examples
    if kind == "session" and event is None:
        if is_event(Path(content), title):  # the event's slug, as `new session SLUG "Title"` once had it
            raise Exit(f'invoke new session takes its event as --event: invoke new session --event {title} "My title"')
        raise Exit(
            f'invoke new session needs its event: invoke new session --event <event-slug> "{title}"; '
            f"{events_list(Path(content), title)}"
        )
    if not title:
        raise Exit(f'Give a title, e.g. invoke new {said} "My title"')
    if start is not None:
        try:
            date.fromisoformat(start)
        except ValueError:
            raise Exit(f"--start {start}: write the date as YYYY-MM-DD, e.g. 2027-03-10") from None
    try:
        created = new_content(Path(content), kind, title, today=build_moment().date(), start=start, event=event)
    except (ScaffoldError, BadSourceDateEpoch) as error:
        raise Exit(str(error)) from None
    print(f'Created {created.path}, a draft: the preview (make serve) shows it, marked "Draft"; it is not published.')
    print(f"Fill it in, then remove its line status: draft to publish it at /{_url_of(kind, created.slug, event)}")


def _new_translation(kind: str, slug: str, lang: str, event: str | None, content: Path) -> None:
    """invoke new KIND SLUG --lang LANG: the original's words, in a draft beside it."""
    from eventsite.scaffold import ScaffoldError, new_translation
    from eventsite.settings import site_languages

    if not slug:
        raise Exit(f"Give the slug of what to translate, e.g. invoke new {kind or 'event'} my-event --lang {lang}")
    if kind == "session" and event is None:
        raise Exit(f"invoke new session needs its event: invoke new session --event <event-slug> {slug} --lang {lang}")
    try:
        created = new_translation(content, kind, slug, lang, site_languages(SETTINGS), event=event)
    except ScaffoldError as error:
        raise Exit(str(error)) from None
    print(f"Created {created.path}, a draft holding the words of its original: translate them.")
    print("Then remove its line status: draft to publish it; invoke check lists what is left to translate.")


def _url_of(kind: str, slug: str, event: str | None) -> str:
    """Where a new file's page will be (its type's URL, plugins/eventsite/content_types.py)."""
    from eventsite.content_types import CONTENT_TYPES

    return CONTENT_TYPES[kind].url.format(slug=slug, event_slug=event)


@task
def docs(c):
    """Regenerate the key reference in docs/reference.md from the schema."""
    from eventsite.reference import update_reference

    path = HERE / "docs" / "reference.md"
    changed = update_reference(path)
    print(f"{path} {'updated' if changed else 'was up to date'}.")


@task
def translations(c):
    """Extract the interface's words into the catalogs, for translators to fill in.

    babel.cfg says where the words are; theme/translations/messages.pot gets them all, and
    each language's messages.po is updated to it: new words come in empty."""
    from eventsite.i18n import update_translations
    from eventsite.settings import site_languages

    settings = {**SETTINGS, "THEME": str(HERE / SETTINGS["THEME"])}
    languages = site_languages(settings)[1:]
    changed = update_translations(str(HERE), settings["THEME"], languages)
    for path in changed:
        print(f"{os.path.relpath(path, HERE)} updated.")
    if not changed:
        print("The translations were up to date.")


def _static_server(folder: str, port: int = 0):
    """A quiet local web server for a built site, running in a thread until shutdown()."""
    import functools
    import http.server
    import threading

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(Quiet, directory=folder))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd


# The README's pictures (docs/screenshots/<set>-<page>-<size>.png): the shipped site as
# `make serve` shows it, built at this moment, and the purpose-made upcoming event of the
# tests while its registration is open (2027-02-01, the forum ahead), and the programme of the
# tests' 5-room, 3-day conference, taller than the others to show its first day's grid; the
# Helsinki workshop in Arabic and in French.
SCREENSHOT_SETS = {
    "shipped": (
        "content",
        None,
        {
            "home": "",
            "event": "events/general-meeting-2013/",
            "session": "events/confronting-impunity-2016/campaign-strategy/",
            "event-ar": "ar/events/confronting-impunity-2016/",
            "event-fr": "fr/events/confronting-impunity-2016/",
        },
    ),
    "upcoming": (
        "tests/sites/upcoming",
        "1801440000",
        {"home": "", "event": "events/media-freedom-forum-2027/"},
    ),
    "programme": (
        "tests/sites/programme",
        "1801440000",
        {"page": "events/digital-rights-forum-2027/programme/"},
    ),
}
SCREENSHOT_SIZES = {"phone": (390, 844), "desktop": (1280, 900)}
SCREENSHOT_SIZES_OF = {"programme": {"phone": (360, 1400), "desktop": (1280, 1300)}}


@task
def screenshots(c, folder=str(HERE / "docs" / "screenshots")):
    """Take the README's screenshots again, in Debian's Chromium.

    The shipped site (home, event, session), the tests' upcoming event with its
    registration open (home, event) and the tests' 5-room programme (its own page),
    each at phone and desktop sizes; made smaller
    by pngquant where it is installed (apt-get install pngquant)."""
    import subprocess

    from playwright.sync_api import sync_playwright

    Path(folder).mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as root, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        for name, (content, moment, pages) in SCREENSHOT_SETS.items():
            # Each site in a Pelican of its own: one process builds one site.
            env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
            env.update({"SOURCE_DATE_EPOCH": moment} if moment else {})
            site = str(Path(root) / name)
            pelican = [sys.executable, "-m", "pelican", str(HERE / content), "-o", site, "-s", SETTINGS_FILE_BASE]
            subprocess.run([*pelican, "-e", PRIVATE_OUTPUT], cwd=HERE, env=env, check=True, stdout=subprocess.DEVNULL)
            httpd = _static_server(site)
            base = f"http://127.0.0.1:{httpd.server_address[1]}"
            for size, (width, height) in SCREENSHOT_SIZES_OF.get(name, SCREENSHOT_SIZES).items():
                context = browser.new_context(viewport={"width": width, "height": height}, timezone_id="UTC")
                page = context.new_page()
                for page_name, path in pages.items():
                    page.goto(f"{base}/{path}")
                    page.wait_for_load_state("networkidle")
                    shot = Path(folder) / f"{name}-{page_name}-{size}.png"
                    page.screenshot(path=str(shot))
                    if shutil.which("pngquant"):  # a third of the size, no visible change
                        subprocess.run(["pngquant", "--quality=70-95", "--strip", "--force", "--ext=.png", str(shot)])
                    print(f"Saved {shot}")
                context.close()
            httpd.shutdown()
        browser.close()


AUDITED = [  # (site, page, label)
    ("content", "", "home"),
    ("content", "events/", "events"),
    ("content", "events/confronting-impunity-2016/", "event (past, IFEX)"),
    ("content", "ar/events/confronting-impunity-2016/", "event in Arabic (right to left)"),
    ("tests/sites/upcoming", "events/media-freedom-forum-2027/", "event (upcoming, registration open)"),
    ("tests/sites/speakers", "events/newsroom-safety-summit-2027/", "event with ten speaker photos"),
    ("tests/sites/programme", "events/digital-rights-forum-2027/programme/", "programme (5 rooms, 3 days)"),
    ("content", "search/?q=impunity", "search, with its results (Pagefind's index)"),
]
LIGHTHOUSE_CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]


@task
def audit(c):
    """Score the built site with Lighthouse (mobile), into bench/README.md.

    Lighthouse comes from npm and runs Debian's Chromium."""
    import json

    if not (HERE / "node_modules/.bin/lighthouse").exists():
        c.run("npm ci --no-audit --no-fund", echo=True)
    os.environ["SOURCE_DATE_EPOCH"] = "1801440000"  # 2027-02-01: the forum's registration is open
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for site, path, label in AUDITED:
            httpd = _static_server(str(Path(folder) / site))  # its port is needed to build the site
            base = f"http://127.0.0.1:{httpd.server_address[1]}"
            os.environ["SITEURL"] = base
            pelican_run(
                str(HERE / site),
                "-o",
                str(Path(folder) / site),
                "-s",
                SETTINGS_FILE_PUBLISH,
                "-q",
                "-e",
                PRIVATE_OUTPUT,
            )
            report = Path(folder) / "report.json"
            page = shlex.quote(f"{base}/{path}")  # a query (?q=) is no pattern for the shell
            flags = "--headless=new --no-sandbox --disable-gpu --disable-background-networking --no-first-run"
            c.run(
                f"node_modules/.bin/lighthouse {page} --quiet --output=json --output-path={report} "
                f"--only-categories={','.join(LIGHTHOUSE_CATEGORIES)} --chrome-flags='{flags} --disable-sync'",
                env={"CHROME_PATH": "/usr/bin/chromium"},
            )
            scores = json.loads(report.read_text(encoding="utf-8"))["categories"]
            rows.append([label, *(round(100 * scores[name]["score"]) for name in LIGHTHOUSE_CATEGORIES)])
            httpd.shutdown()
    table = ["| page | performance | accessibility | best practices | SEO |", "|---|---|---|---|---|"]
    table += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    _replace_between(HERE / "bench/README.md", "lighthouse", "\n".join(table))
    print("\n".join(table))


def _replace_between(path: Path, name: str, text: str) -> None:
    """Replace what stands between <!-- name --> and <!-- /name --> in a file."""
    start, end = f"<!-- {name} -->", f"<!-- /{name} -->"
    current = path.read_text(encoding="utf-8")
    before, rest = current.split(start, 1)
    after = rest.split(end, 1)[1]
    path.write_text(f"{before}{start}\n{text}\n{end}{after}", encoding="utf-8")
