"""Helpers for the tests: build real sites into temporary folders, write content folders
as an editor would, and read what was built.

build() runs the real `pelican` command. build_here() runs the same build in the test's
process, check() stops it where `invoke check` stops (content mistakes, in milliseconds),
and invoke_here() runs invoke's entry point: half a second less each than a new Python
that imports everything again, for the many tests that build a small site."""

from __future__ import annotations

import contextlib
import io
import json
import logging
import os
import subprocess
import sys
import traceback
import zoneinfo
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import jinja2
import jinja2.bccache
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
        """The site's files, but Pagefind's index (pagefind/, search.py): its bytes and names vary
        from one run to the next (the order it writes filters in), so the tests that compare two
        builds byte for byte leave it out; tests/test_search.py reads it."""
        files = (p.relative_to(self.output).as_posix() for p in self.output.rglob("*") if p.is_file())
        return sorted(f for f in files if not f.startswith("pagefind/"))


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


def check(
    content: Path,
    output: Path | None = None,
    *,
    now: int = TODAY,
    settings: str = "pelicanconf.py",
    env: dict | None = None,
    overrides: dict | None = None,
) -> Build:
    """What a build says about a content folder, in this process and in milliseconds: the
    build of `pelican` (settings, reading, the schema, linking, the warnings, the problem
    log), run as `invoke check` runs it (EVENTSITE_CHECK_ONLY: it stops where a build
    would start writing). The result reads like build()'s: its exit code, what it printed,
    and the output folder it was given, which a check must leave unwritten."""
    output = output if output is not None else content.parent / "check-output"
    only = {"EVENTSITE_CHECK_ONLY": True, "EVENTSITE_PRIVATE_OUTPUT": True}  # as invoke check: no lock
    return build_here(content, output, now=now, settings=settings, env=env, overrides={**(overrides or {}), **only})


class _CompiledTemplates(jinja2.BytecodeCache):
    """The theme's templates compiled once for every build in this process (as the preview
    keeps them): a template whose text changed is compiled again."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


_TEMPLATES = _CompiledTemplates()


def build_here(
    content: Path,
    output: Path,
    *,
    now: int = TODAY,
    settings: str = "pelicanconf.py",
    env: dict | None = None,
    overrides: dict | None = None,
) -> Build:
    """build(), run in this process: what `pelican` does between its command line and its
    exit (read_settings, Pelican(settings).run(), a crash printed with its traceback and
    exit 1), without starting Python and importing everything again (half a second).

    In one worker: forking the test process would copy it for no gain at this size (the
    builds of the shipped site, by the command, share out their work)."""
    from pelican import Pelican
    from pelican.settings import read_settings

    override = {
        "PATH": os.path.abspath(content),
        "OUTPUT_PATH": os.path.abspath(output),
        "EVENTSITE_WORKERS": 1,
        **(overrides or {}),
    }

    def run() -> None:
        pelican_settings = read_settings(str(REPO / settings), override=override)
        jinja = pelican_settings["JINJA_ENVIRONMENT"]
        pelican_settings["JINJA_ENVIRONMENT"] = {**jinja, "bytecode_cache": _TEMPLATES}
        Pelican(pelican_settings).run()

    result = run_here(["pelican", str(content)], run, {"SOURCE_DATE_EPOCH": str(now), **(env or {})})
    return Build(result, Path(output))


def invoke_here(*arguments: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """`invoke -r <repository> ARGUMENTS`, run in this process by invoke's own entry point
    (the one the `invoke` command runs), which loads tasks.py afresh each time."""
    from invoke.main import program

    return run_here(["invoke", *arguments], lambda: program.run(["invoke", "-r", str(REPO), *arguments]), env or {})


def run_here(args: list[str], run, env: dict) -> subprocess.CompletedProcess:
    """Call run() as if it were a command run in a process of its own: with `env` added
    to the environment, in the repository, what it prints captured (Pelican's log
    included), its SystemExit the exit code, any other exception printed with its
    traceback and exit 1.

    What a run keeps for the rest of its process is put back as it was: the reader's
    cache, zoneinfo's path, the environment, the working folder, sys.path. Pelican
    connects the plugin's signals once per process; connecting them again is a no-op."""
    from eventsite.reader import FrontMatterReader

    if "PYTHONHASHSEED" in env:
        raise ValueError("PYTHONHASHSEED is read when Python starts: use a real process")
    stdout, stderr = io.StringIO(), io.StringIO()
    log = logging.StreamHandler(stderr)  # Pelican's warnings, which `pelican` prints
    log.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    log.setLevel(logging.WARNING)
    pelican_logger = logging.getLogger("pelican")
    saved_environment = {key: os.environ.get(key) for key in env}
    saved_cache = dict(FrontMatterReader._cache)
    saved_tzpath, saved_folder, saved_path = zoneinfo.TZPATH, os.getcwd(), list(sys.path)
    code: int | str | None = 0
    try:
        os.environ.update(env)
        os.chdir(REPO)
        FrontMatterReader._cache.clear()
        pelican_logger.addHandler(log)
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            try:
                run()
            except SystemExit as stop:  # ContentErrors, ContentChecked, SettingsError, OutputProblem, Exit
                code = stop.code
            except Exception:  # what `pelican` or `invoke` prints for a crash, before it exits 1
                traceback.print_exc()
                code = 1
    finally:
        pelican_logger.removeHandler(log)
        FrontMatterReader._cache.clear()
        FrontMatterReader._cache.update(saved_cache)
        zoneinfo.reset_tzpath(to=saved_tzpath)
        os.chdir(saved_folder)
        sys.path[:] = saved_path
        for key, value in saved_environment.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    if code is None:
        code = 0
    elif not isinstance(code, int):  # sys.exit("a message"): printed, exit 1
        print(code, file=stderr)
        code = 1
    return subprocess.CompletedProcess(args, code, stdout.getvalue(), stderr.getvalue())


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

    def picture(self, path: str, size: tuple[int, int] = (40, 30), image_format: str = "PNG") -> Path:
        """A real image (the build opens and resizes images): a small one of two colours."""
        from PIL import Image

        target = self.root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        image = Image.new("RGB", size, (11, 92, 173))
        image.paste((250, 200, 40), (0, 0, size[0] // 2, size[1]))
        image.save(target, image_format)
        return target
